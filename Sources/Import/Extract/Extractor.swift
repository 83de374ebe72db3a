/// Why a file could not be turned into a document at all (corrupt, encrypted, scanned, too big).
package struct ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, in English, for the rejection message: "scanned image, no text layer".
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
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
        case .json: throw ExtractError("JSON reports are decoded, not extracted")
        }
    }
}
