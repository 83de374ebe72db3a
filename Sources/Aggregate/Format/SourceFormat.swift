import StrictJSON

/// The format a report was published in, as a file's extension tells it.
package enum SourceFormat: String, Sendable, CaseIterable {
    case json, html, docx, text, pdf

    /// The format of a file name by its extension (any case), or nil for any other file.
    package init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "json": self = .json
        case "html", "htm": self = .html
        case "docx": self = .docx
        case "txt": self = .text
        case "pdf": self = .pdf
        default: return nil
        }
    }

    /// The word 报送情况 and the page show for how a township published its report.
    package var label: String {
        switch self {
        case .json: "JSON"
        case .html: "网页"
        case .docx: "Word"
        case .text: "文本"
        case .pdf: "PDF"
        }
    }

    /// The format of a township's report (or of its unreadable file), as summary.json says it.
    package static func of(_ t: TownshipResult) -> SourceFormat? {
        Summary.format(t).flatMap(SourceFormat.init(rawValue:))
    }
}

/// A file of a year's folder that is not a report format, listed so that nothing is dropped silently.
package struct SkippedFile: Sendable, Hashable {
    package let file: String
    package let reason: String
    package init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
}

/// What reading a published (non-JSON) report gives the loader: the report JSON as a tree (the
/// loader decodes it with the full decoder's checks, without writing and parsing it again) with
/// the figures read in doubt, or why the document cannot be read.
package enum ImportedFile: Sendable {
    case report(json: JSONValue, doubts: [(path: String, place: String, reason: String)], format: SourceFormat)
    case unreadable(String)
}

/// Reads a published report's bytes (file name for its format, year and county expected).
/// The rollup passes the Import module's reader; Aggregate does not know the formats.
package typealias ImportHook = @Sendable (_ bytes: [UInt8], _ fileName: String, _ year: Int, _ county: String?) -> ImportedFile
