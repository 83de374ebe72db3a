import CLibXML2

/// An HTML page as a portal publishes it: the whole shell (navigation, info line, footer) comes
/// out as paragraphs in document order, every table as a grid; the reader decides what matters.
/// The page is decoded first (`TextDecoding`), then parsed by libxml2 as UTF-8, whatever the
/// page's own meta tag says, and walked without recursion (a page may nest 100,000 tags).
enum LegacyHTMLExtractor {
    static func document(_ bytes: [UInt8]) throws(ExtractError) -> Document {
        let declared = CharsetDeclaration.find(in: bytes)
        let utf8 = try TextDecoding.utf8(bytes, declaredCharset: declared)
        guard !utf8.isEmpty, utf8.count < Int(Int32.max) else { return Document(format: .html, blocks: []) }
        LibXML.prepareThread()
        // The walker lives behind a pointer the callbacks share (no class, so no dynamic
        // exclusivity checks on every event).
        let walker = UnsafeMutablePointer<LegacyHTMLWalker>.allocate(capacity: 1)
        walker.initialize(to: LegacyHTMLWalker())
        defer { walker.deinitialize(count: 1); walker.deallocate() }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        utf8.withUnsafeBytes { raw in
            guard let ctxt = htmlCreateMemoryParserCtxt(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count)) else {
                return
            }
            defer { htmlFreeParserCtxt(ctxt) }
            htmlCtxtUseOptions(ctxt, options)
            // Events only, no tree: libxml2 neither builds nor frees one, and its tree builder's
            // 256-element depth cut does not apply (a page may nest 100,000 tags).
            if let sax = ctxt.pointee.sax {
                let initialized = sax.pointee.initialized
                sax.initialize(to: htmlSAXHandler())
                sax.pointee.initialized = initialized
                sax.pointee.startElement = { context, name, attributes in
                    guard let context, let name else { return }
                    context.assumingMemoryBound(to: LegacyHTMLWalker.self).pointee.start(name, attributes)
                }
                sax.pointee.endElement = { context, name in
                    guard let context, let name else { return }
                    context.assumingMemoryBound(to: LegacyHTMLWalker.self).pointee.end(name)
                }
                sax.pointee.characters = { context, text, length in
                    guard let context, let text, length > 0 else { return }
                    context.assumingMemoryBound(to: LegacyHTMLWalker.self).pointee.text(UnsafeBufferPointer(start: text, count: Int(length)))
                }
                sax.pointee.cdataBlock = sax.pointee.characters
            }
            walker.pointee.context = ctxt
            ctxt.pointee.userData = UnsafeMutableRawPointer(walker)
            xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
            htmlParseDocument(ctxt)
            walker.pointee.context = nil
        }
        if let error = walker.pointee.error { throw error }
        walker.pointee.breakParagraph()
        return try walker.pointee.builder.finish(format: .html)
    }
}

/// Follows the parser's events in document order, feeding `DocumentBuilder`.
private struct LegacyHTMLWalker {
    var builder = DocumentBuilder(merging: .html)
    /// The parser, to stop it when the page cannot be read (a table too large).
    var context: htmlParserCtxtPtr?
    var error: ExtractError?
    /// The paragraph being gathered, as UTF-8; runs of ASCII whitespace collapse to one space.
    private var line: [UInt8] = []
    private var pendingSpace = false
    private var preDepth = 0
    private var tableDepth = 0
    /// Open elements inside a skipped one (script, style, hidden…): their events are ignored.
    private var skipDepth = 0

    init() { line.reserveCapacity(1024) }

    mutating func start(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        let kind = HTMLElement.kind(LibXML.nameKey(name))
        if kind == .skip {
            skipDepth = 1
            return
        }
        var rowSpan = 1, columnSpan = 1
        if var pair = attributes {
            while let attributeName = pair[0] {
                let value = pair[1]
                switch LibXML.nameKey(attributeName) {
                case LibXML.nameKey("hidden"):
                    skipDepth = 1
                    return
                case LibXML.nameKey("style"):
                    if let value, HTMLElement.styleHides(legacyBytes(value)) {
                        skipDepth = 1
                        return
                    }
                case LibXML.nameKey("rowspan"):
                    rowSpan = (value.map { HTMLElement.integer(legacyBytes($0), default: 1) } ?? 1)
                case LibXML.nameKey("colspan"):
                    columnSpan = (value.map { HTMLElement.integer(legacyBytes($0), default: 1) } ?? 1)
                default:
                    break
                }
                pair += 2
            }
        }
        switch kind {
        case .skip, .inline:
            break
        case .block, .lineBreak:
            breakParagraph()
        case .pre:
            breakParagraph()
            preDepth += 1
        case .table:
            breakParagraph()
            tableDepth += 1
            builder.beginTable()
        case .caption:
            breakParagraph()
            if tableDepth > 0 { builder.beginCaption() }
        case .row:
            breakParagraph()
            if tableDepth > 0 { builder.beginRow() }
        case .cell:
            breakParagraph()
            if tableDepth > 0 { builder.beginCell(rowSpan: rowSpan, columnSpan: columnSpan) }
        }
    }

    mutating func end(_ name: UnsafePointer<UInt8>) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        switch HTMLElement.kind(LibXML.nameKey(name)) {
        case .skip, .inline:
            break
        case .block, .lineBreak:
            breakParagraph()
        case .pre:
            breakParagraph()
            preDepth = max(0, preDepth - 1)
        case .table:
            breakParagraph()
            guard tableDepth > 0 else { return }
            tableDepth -= 1
            do throws(ExtractError) {
                try builder.endTable()
            } catch {
                if self.error == nil { self.error = error }
                if let context { xmlStopParser(context) }
            }
        case .caption:
            breakParagraph()
            if tableDepth > 0 { builder.endCaption() }
        case .row:
            breakParagraph()
            if tableDepth > 0 { builder.endRow() }
        case .cell:
            breakParagraph()
            if tableDepth > 0 { builder.endCell() }
        }
    }

    mutating func text(_ content: UnsafeBufferPointer<UInt8>) {
        guard skipDepth == 0 else { return }
        let n = content.count
        var i = 0
        if preDepth > 0 {
            while i < n {
                var j = i
                while j < n && content[j] != 0x0A && content[j] != 0x0D { j += 1 }
                if j > i { line.append(contentsOf: UnsafeBufferPointer(rebasing: content[i..<j])) }
                if j < n && content[j] == 0x0A { breakParagraph() }
                i = j + 1
            }
            return
        }
        while i < n {
            let b = content[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                pendingSpace = !line.isEmpty
                i += 1
                continue
            }
            var j = i + 1
            while j < n, case let c = content[j], c != 0x20 && c != 0x0A && c != 0x09 && c != 0x0D && c != 0x0C { j += 1 }
            if pendingSpace {
                line.append(0x20)
                pendingSpace = false
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: content[i..<j]))
            i = j
        }
    }

    mutating func breakParagraph() {
        pendingSpace = false
        guard !line.isEmpty else { return }
        builder.paragraph(line[...])
        line.removeAll(keepingCapacity: true)
    }
}


/// Temporary: the libxml2 path, kept only to compare the new parser against.
func legacyBytes(_ p: UnsafePointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    while p[i] != 0 { out.append(p[i]); i += 1 }
    return out
}
