import Aggregate
import StrictJSON

/// Why a report could not be rendered or a folder published: not a report, text the target
/// encoding lacks, or a file that could not be written.
package enum PublishError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not JSON: where the parser stopped and why.
    case notJSON(path: String, message: String)
    /// The JSON is not a report object.
    case notAReport
    case noUnitName
    case noYear
    /// A character of the report that GBK cannot encode, at this byte of the UTF-8 text.
    case noGBKEncoding(String, byte: Int)
    /// The Word archive could not be assembled (ZIPFoundation's error, as it reads).
    case wordArchive(String?)
    /// A rendered file of a folder could not be written or its JSON removed.
    case cannotWrite(path: String)
    /// A file of a folder could not be rendered; the first such failure is the folder's.
    indirect case inFile(path: String, PublishError)
    case cannotReplace(path: String, reason: String)

    package var description: String {
        switch self {
        case let .notJSON(path, message): return "not a JSON report: \(path.isEmpty ? "" : path + ": ")\(message)"
        case .notAReport: return "expected a report object at the top of the JSON"
        case .noUnitName: return "unit.name: expected the township's name"
        case .noYear: return "year: expected the reporting year as a whole number"
        case let .noGBKEncoding(ch, at): return "'\(ch)' at byte \(at) has no GBK encoding"
        case .wordArchive(nil): return "the .docx archive was not written"
        case .wordArchive(let reason?): return "could not write the .docx: \(reason)"
        case .cannotWrite(let path): return "\(path): could not write"
        case let .inFile(path, error): return "\(path): \(error)"
        case let .cannotReplace(path, reason): return "\(path): \(reason)"
        }
    }
}

/// The shape a report is published in.
package enum PublishedStyle: Sendable, Hashable {
    package enum Encoding: Sendable, Hashable { case utf8, gbk }
    package enum Shell: Sendable, Hashable { case portal, bare }
    /// How a table reads once copied out of a browser, Word or a PDF viewer.
    package enum TextShape: String, Sendable, Hashable, CaseIterable {
        /// Cells separated by tabs, one table row a line (the seed's shape).
        case tabs
        /// One cell a line, merged labels on lines of their own, header words split.
        case cellPerLine
        /// One cell a line, each followed by a lone `|` line.
        case pipeLines
        /// Cells padded with runs of spaces (and no-break spaces) to columns.
        case spaces
    }
    case html(encoding: Encoding, shell: Shell)
    case docx
    case text(shape: TextShape)
    case pdf
    /// A PDF of page images with no text layer, as a scanned report is published.
    case scannedPDF

    /// The file extension a published file of this style carries.
    package var fileExtension: String {
        switch self {
        case .html: "html"
        case .docx: "docx"
        case .text: "txt"
        case .pdf, .scannedPDF: "pdf"
        }
    }
}

/// Turns a report in the JSON contract into the bytes of a published document.
package enum Publisher {
    package static func render(report: JSONValue, as style: PublishedStyle) throws(PublishError) -> [UInt8] {
        let r = try PublishedReport(json: report)
        return try render(r, as: style)
    }

    package static func render(json bytes: [UInt8], as style: PublishedStyle) throws(PublishError) -> [UInt8] {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw .notJSON(path: error.path, message: error.message)
        }
        return try render(report: value, as: style)
    }

    static func render(_ r: PublishedReport, as style: PublishedStyle) throws(PublishError) -> [UInt8] {
        switch style {
        case .html(let encoding, let shell):
            let s: PortalPage.Shell = shell == .portal ? .portal : .bare
            switch encoding {
            case .utf8: return Array(PortalPage.render(r, shell: s, charset: "utf-8").utf8)
            case .gbk: return try GBK.encode(PortalPage.render(r, shell: s, charset: r.variant & 8 == 0 ? "gb2312" : "gbk"))
            }
        case .docx: return try WordDocument.render(r)
        case .text(let shape): return Array(FlatText.render(r, shape: shape).utf8)
        case .pdf: return PDFReport.render(r)
        case .scannedPDF: return PDFReport.scanned(r)
        }
    }
}
