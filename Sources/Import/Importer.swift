import Aggregate
import StrictJSON

/// A published report read into the report JSON, or the reason it cannot be.
package enum ImportOutcome: Sendable {
    case read(ImportedReport)
    case unreadable(String)
}

package struct ImportedReport: Sendable {
    package var format: SourceFormat
    package var json: JSONValue
    /// The JSON as `nianbao import` writes it (pretty, keys in the contract's order).
    package var bytes: [UInt8] { JSONWriter.bytes(json) }
    package var account: ReadAccount
}

/// The one entry from a published file's bytes to the report JSON: the format's extractor makes a
/// `Document`, the reader reads it. `nianbao import` and the rollup both come through here.
package enum Importer {
    package static func read(bytes: [UInt8], fileName: String, expectedYear: Int?, county: String? = nil,
                             limits: Extractor.Limits = Extractor.Limits()) -> ImportOutcome {
        guard let format = SourceFormat(fileName: fileName), format != .json else {
            return .unreadable("not a report format: \(fileName)")
        }
        let document: Document
        do {
            document = try Extractor.document(bytes: bytes, format: format, limits: limits)
        } catch {
            return .unreadable(error.reason)
        }
        do {
            let report = try ReportReader.read(document, fileName: fileName,
                                               options: ReportReader.Options(expectedYear: expectedYear, county: county))
            return .read(ImportedReport(format: format, json: report.json, account: report.account))
        } catch {
            return .unreadable(error.reason)
        }
    }
}

extension Importer {
    /// The loader's hook: what the rollup reads every published document of a year's folder with.
    package static let hook: ImportHook = { bytes, fileName, year, county in
        switch read(bytes: bytes, fileName: fileName, expectedYear: year, county: county) {
        case .read(let report):
            return .report(json: report.json, doubts: report.account.doubts.map { ($0.path, $0.place, $0.reason) },
                           format: report.format)
        case .unreadable(let reason):
            return .unreadable(reason)
        }
    }
}
