import CLibXML2
import Foundation
import ZIPFoundation

/// A Word .docx: a zip read in memory (ZIPFoundation), its main part word/document.xml parsed by
/// libxml2 (no network, no DTD, no entity ever substituted) and walked in body order: paragraphs
/// with their runs' text joined (numbers are often split across runs), tables with gridSpan and
/// vMerge spread over the grid, text boxes as paragraphs of their own.
enum WordExtractor {
    static func document(_ bytes: [UInt8], limits: Extractor.Limits) throws(ExtractError) -> Document {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw ExtractError.legacyOrEncryptedWord
        }
        guard bytes.starts(with: [0x50, 0x4B]) else { throw ExtractError.corruptWord("not a zip archive") }
        let xml = try mainPart(bytes, limits: limits)
        return try parse(xml)
    }

    private struct TooLarge: Error {}

    /// The bytes of the main document part, inflated with a count against the limit.
    static func mainPart(_ bytes: [UInt8], limits: Extractor.Limits) throws(ExtractError) -> [UInt8] {
        let tooLarge = ExtractError.wordTooLarge(limit: limits.maximumUnpackedBytes)
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw ExtractError.corruptWord(describe(error))
        }
        // What the parts say they hold, together: a bomb usually declares its size.
        var declared: UInt64 = 0
        var entries: [String: Entry] = [:]
        for entry in archive {
            declared &+= entry.uncompressedSize
            if declared > UInt64(limits.maximumUnpackedBytes) { throw tooLarge }
            entries[entry.path] = entry
        }
        if entries.isEmpty { throw ExtractError.corruptWord("empty zip archive") }
        var unpacked = 0
        func inflate(_ entry: Entry) throws(ExtractError) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(limits.maximumUnpackedBytes))))
            do {
                // No CRC check: ZIPFoundation computes it byte by byte in Swift here, and a part
                // damaged enough to matter fails to inflate or to parse anyway.
                _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: true, consumer: { chunk in
                    unpacked += chunk.count
                    if unpacked > limits.maximumUnpackedBytes { throw TooLarge() }
                    out.append(contentsOf: chunk)
                })
            } catch is TooLarge {
                throw tooLarge
            } catch {
                throw ExtractError.corruptWord("\(entry.path): \(describe(error))")
            }
            return out
        }
        var mainPath = "word/document.xml"
        if entries[mainPath] == nil, let rels = entries["_rels/.rels"], let target = officeDocumentTarget(try inflate(rels)) {
            mainPath = target
        }
        guard let main = entries[mainPath] else {
            throw ExtractError.noWordDocument
        }
        return try inflate(main)
    }

    /// The main part named by the package relationships (a few generators do not call it
    /// word/document.xml).
    private static func officeDocumentTarget(_ rels: [UInt8]) -> String? {
        guard let doc = XMLDocument.parse(rels).pointer else { return nil }
        defer { xmlFreeDoc(doc) }
        var node = xmlDocGetRootElement(doc)?.pointee.children
        while let n = node {
            if n.pointee.type == XML_ELEMENT_NODE,
               let type = WordWalker.attribute(n, "Type"), type.hasSuffix("/officeDocument"),
               var target = WordWalker.attribute(n, "Target") {
                while target.hasPrefix("/") { target.removeFirst() }
                return target
            }
            node = n.pointee.next
        }
        return nil
    }

    private static func describe(_ error: any Error) -> String {
        if let archiveError = error as? Archive.ArchiveError {
            switch archiveError {
            case .unreadableArchive: return "unreadable zip archive"
            case .invalidCRC32: return "checksum mismatch"
            case .invalidCompressionMethod: return "unknown compression method"
            case .invalidEntryPath: return "invalid entry path"
            case .missingEndOfCentralDirectoryRecord: return "no zip central directory"
            default: return "zip error: \(archiveError)"
            }
        }
        return "\(error)"
    }

    private static func parse(_ xml: [UInt8]) throws(ExtractError) -> Document {
        try WordWalker.document(xml)
    }
}

/// An XML part parsed by libxml2 safely: no network, no DTD loading, entities left unexpanded.
struct XMLDocument {
    /// The tree, or nil when the XML is not well-formed; the caller frees it.
    var pointer: xmlDocPtr?
    /// The parser's message when the XML is not well-formed.
    var error: String?

    static func parse(_ bytes: [UInt8]) -> XMLDocument {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return XMLDocument(pointer: nil, error: "empty") }
        LibXML.prepareThread()
        guard let ctxt = xmlNewParserCtxt() else { return XMLDocument(pointer: nil, error: "out of memory") }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        let doc = bytes.withUnsafeBytes { raw in
            xmlCtxtReadMemory(ctxt, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), "part.xml", nil, options)
        }
        guard let doc, ctxt.pointee.wellFormed != 0 else {
            if let doc { xmlFreeDoc(doc) }
            let text = ctxt.pointee.lastError.message.map { String(cString: $0) } ?? ""
            let message = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return XMLDocument(pointer: nil, error: message.isEmpty ? "not well-formed XML" : message)
        }
        return XMLDocument(pointer: doc, error: nil)
    }
}
