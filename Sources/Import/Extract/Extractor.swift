/// Why a file could not be turned into a document at all (corrupt, encrypted, scanned, too big).
package enum ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON file was handed to the extractors (JSON is decoded, not extracted).
    case jsonGiven
    /// poppler could not open the file: its message.
    case corruptPDF(poppler: String)
    case encryptedPDF
    /// A PDF without a text layer: an image of paper.
    case scannedPDF
    case tableTooLarge(number: Int, rows: Int, columns: Int)
    case notText
    /// An OLE file: a legacy .doc or an encrypted .docx.
    case legacyOrEncryptedWord
    /// The archive or word/document.xml is broken: what was found wrong.
    case corruptWord(String)
    case wordTooLarge(limit: Int)
    case noWordDocument

    /// The reason, in English, for the rejection message: "scanned image, no text layer".
    package var reason: String {
        switch self {
        case .jsonGiven: return "JSON reports are decoded, not extracted"
        case .corruptPDF(let message): return "corrupt PDF (poppler: \(message))"
        case .encryptedPDF: return "encrypted PDF"
        case .scannedPDF: return "scanned image, no text layer"
        case let .tableTooLarge(number, rows, columns): return "table \(number) too large (\(rows) rows × \(columns) columns)"
        case .notText: return "not text in UTF-8 or GB18030"
        case .legacyOrEncryptedWord: return "encrypted or legacy .doc file, not a .docx"
        case .corruptWord(let what): return "corrupt Word file (\(what))"
        case .wordTooLarge(let limit): return "Word file unpacks to more than \(limit) bytes"
        case .noWordDocument: return "not a Word document: the file has no word/document.xml"
        }
    }
    package var description: String { reason }
}

/// Each format's extractor behind one call: bytes of a published report in, `Document` out.
package enum Extractor {
    /// Limits that keep a hostile file from exhausting memory or the stack.
    package struct Limits: Sendable {
        /// The most bytes the parts of a .docx may decompress to, together.
        package var maximumUnpackedBytes = 64 * 1024 * 1024
        package init() {}
    }

    /// Safe to call from several threads at once: each call has its own parser state.
    package static func document(bytes: [UInt8], format: SourceFormat, limits: Limits = Limits()) throws(ExtractError) -> Document {
        switch format {
        case .text: return try TextExtractor.document(bytes)
        case .html: return try HTMLExtractor.document(bytes)
        case .docx: return try WordExtractor.document(bytes, limits: limits)
        case .pdf: return try PDFExtractor.document(bytes)
        case .json: throw ExtractError.jsonGiven
        }
    }
}
