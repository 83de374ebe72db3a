@testable import Aggregate
import Foundation
import StrictJSON

/// Reports made in code for rule and status tests: complete, consistent, all zeros unless set.
enum TestReports {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let county = County(name: "平罗县", code: "640221", timeZone: shanghai)

    /// A complete 2021-format report as JSON text, every cell 0 except `cells` (dotted path → value).
    static func json(name: String = "城关镇", code: String? = "640221100", year: Int = 2024,
                     publishedOn: String? = "2025-01-20", cells: [String: Int64] = [:],
                     drop: Set<String> = [], extra: String = "", edition: String = "2021") -> String {
        var values = [Int64](repeating: 0, count: Catalog.cellCount)
        for (k, v) in cells { values[Catalog.index(k)] = v }
        guard case .object(var sections) = Summary.sections(values) else { fatalError() }
        sections.removeAll { drop.contains($0.0) }
        var top: [(String, JSONValue)] = [
            ("schemaVersion", .integer(1)), ("edition", .string(edition)),
            ("unit", .object([("name", .string(name))] + (code.map { [("code", .string($0))] } ?? []) + [("county", .string("平罗县"))])),
            ("year", .integer(Int64(year))),
        ]
        if let publishedOn { top.append(("publishedOn", .string(publishedOn))) }
        top += sections
        var text = JSONWriter.write(.object(top))
        if !extra.isEmpty {
            text = String(text.dropLast(2)) + ",\n" + extra + "\n}\n"
        }
        return text
    }

    static func report(file: String = "2024/test.json", _ text: String, expectedYear: Int? = 2024) throws -> Report {
        switch ReportDecoder.decode(bytes: Array(text.utf8), file: file, options: DecodeOptions(expectedYear: expectedYear, timeZone: shanghai)) {
        case .success(let r): return r
        case .failure(let rejection): throw rejection
        }
    }

    /// A consistent set of request figures: 5 received, 1 carried over, 4 disclosed, 2 carried forward.
    static let consistentRequests: [String: Int64] = [
        "requests.received.naturalPerson": 5, "requests.received.total": 5,
        "requests.carriedOver.naturalPerson": 1, "requests.carriedOver.total": 1,
        "requests.disclosed.naturalPerson": 4, "requests.disclosed.total": 4,
        "requests.resultTotal.naturalPerson": 4, "requests.resultTotal.total": 4,
        "requests.carriedForward.naturalPerson": 2, "requests.carriedForward.total": 2,
    ]

    static func load(_ reports: [Report], rejected: [Rejection] = [], year: Int = 2024) -> YearLoad {
        YearLoad(year: year, accepted: reports, rejected: rejected, bytesRead: 0)
    }

    static let roster = [
        RosterEntry(name: "城关镇", code: "640221100"),
        RosterEntry(name: "黄渠桥镇", code: "640221101"),
        RosterEntry(name: "宝丰镇", code: "640221102"),
    ]
}
