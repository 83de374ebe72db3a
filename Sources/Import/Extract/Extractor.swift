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

    package static func document(bytes: [UInt8], format: SourceFormat, limits: Limits = Limits()) throws(ExtractError) -> Document {
        switch format {
        case .text:
            // Placeholder until the text extractor lands: UTF-8 lines only.
            guard let text = String(validating: bytes, as: UTF8.self) else { throw ExtractError("not UTF-8 text") }
            var blocks: [Block] = []
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                blocks.append(.paragraph(Paragraph(String(line), place: "line \(i + 1)")))
            }
            return Document(format: .text, blocks: blocks)
        case .json, .html, .docx, .pdf:
            throw ExtractError("\(format.rawValue) extraction not built yet")
        }
    }
}
