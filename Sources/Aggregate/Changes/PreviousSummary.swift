import Foundation
import StrictJSON

/// What the last run's summary.json said, as far as the comparison needs it: read with the
/// project's strict JSON parser before this run's summary.json replaces it.
package struct PreviousSummary: Sendable {
    package struct Township: Sendable {
        package var name: String
        package var code: String?
        package var status: Status
        package var publishedOn: CalendarDate?
        package var flags: [Flag]
    }

    package var asOf: CalendarDate
    package var townships: [Township]
    /// Every leaf of `totals`, by dotted path ("requests.received.total").
    package var totals: [String: JSONValue]

    /// Reads `url`, or says once why there is nothing to compare with: no file, a file that is
    /// not a summary.json nianbao can read, or one of another county or reporting year.
    package static func read(_ url: URL, county: County, year: Int) -> Result<PreviousSummary, NoComparison> {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .failure(.absent) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("not a regular file")) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(.unreadable("cannot be read"))
        }
        return parse([UInt8](data), county: county, year: year)
    }

    package static func parse(_ bytes: [UInt8], county: County, year: Int) -> Result<PreviousSummary, NoComparison> {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            return .failure(.unreadable("not valid JSON: \(error.path.isEmpty ? "" : "\(error.path): ")\(error.message)"))
        }
        guard case .object = json else { return .failure(.unreadable("not a JSON object")) }
        guard json["schemaVersion"] == .integer(Int64(Summary.schemaVersion)) else {
            return .failure(.foreign("schemaVersion is not \(Summary.schemaVersion)"))
        }
        guard case .string(let name)? = json["county"]?["name"] else { return .failure(.unreadable("county.name missing")) }
        var code = ""
        if case .string(let c)? = json["county"]?["code"] { code = c }
        guard case .integer(let y)? = json["year"] else { return .failure(.unreadable("year missing")) }
        if name != county.name || (!code.isEmpty && !county.code.isEmpty && code != county.code) || y != Int64(year) {
            return .failure(.foreign("\(inMessage(name)) \(y)"))
        }
        guard case .string(let asOfText)? = json["asOf"], let asOf = CalendarDate(iso: asOfText) else {
            return .failure(.unreadable("asOf missing or not a date"))
        }
        guard case .array(let entries)? = json["townships"] else { return .failure(.unreadable("townships missing")) }
        var townships: [Township] = []
        townships.reserveCapacity(entries.count)
        for (k, e) in entries.enumerated() {
            guard case .string(let n)? = e["name"], case .string(let s)? = e["status"], let status = Status(rawValue: s) else {
                return .failure(.unreadable("townships[\(k)] has no name or no known status"))
            }
            var t = Township(name: n, code: nil, status: status, publishedOn: nil, flags: [])
            if case .string(let c)? = e["code"] { t.code = c }
            if case .string(let d)? = e["publishedOn"] { t.publishedOn = CalendarDate(iso: d) }
            if case .array(let flags)? = e["flags"] {
                for f in flags {
                    guard case .string(let r)? = f["rule"], let rule = Rule(rawValue: r),
                          case .string(let sv)? = f["severity"], let severity = Severity(rawValue: sv),
                          case .string(let path)? = f["path"], case .string(let message)? = f["message"] else {
                        return .failure(.unreadable("a flag of townships[\(k)] is not rule, severity, path and message"))
                    }
                    t.flags.append(Flag(rule, severity, path: path, message))
                }
            }
            townships.append(t)
        }
        var totals: [String: JSONValue] = [:]
        if let t = json["totals"] { flatten(t, prefix: "", into: &totals) }
        return .success(PreviousSummary(asOf: asOf, townships: townships, totals: totals))
    }

    /// Every leaf of an object tree by dotted path.
    package static func flatten(_ value: JSONValue, prefix: String, into out: inout [String: JSONValue]) {
        if case .object(let members) = value {
            for (k, v) in members { flatten(v, prefix: prefix.isEmpty ? k : "\(prefix).\(k)", into: &out) }
        } else {
            out[prefix] = value
        }
    }
}

/// Why a run is not compared with the previous one; said once, on every output.
package enum NoComparison: Sendable, Equatable, Error {
    /// No summary.json at the path yet (the first run).
    case absent
    /// A file is there but is not a summary.json nianbao can read.
    case unreadable(String)
    /// A summary.json of another county, year or schema.
    case foreign(String)

    /// For stderr and summary.json.
    package var english: String {
        switch self {
        case .absent: "no comparison: no previous summary.json"
        case .unreadable(let why): "no comparison: the previous summary.json is unreadable (\(why))"
        case .foreign(let whose): "no comparison: the previous summary.json is for \(whose)"
        }
    }

    /// For 概览 and the page.
    package var chinese: String {
        switch self {
        case .absent: "尚无上次运行的 summary.json（首次运行），本次不作比较"
        case .unreadable(let why): "上次运行的 summary.json 无法读取（\(why)），本次不作比较"
        case .foreign(let whose): "上次运行的 summary.json 不属于本县本年度（\(whose)），本次不作比较"
        }
    }
}
