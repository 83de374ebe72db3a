@testable import Aggregate
import StrictJSON
import XCTest

/// The previous run's summary.json read straight from its bytes (`quickParse`) against the same
/// document read through the parser's tree (`parseTree`): whenever the quick reader answers, it
/// answers the same; on anything it leaves, the tree gives the answer (or says what is wrong).
final class PreviousSummaryTests: XCTestCase {
    let county = TestReports.county

    /// A summary.json of three townships, flags and totals, with `edit` applied to its text.
    func document(_ edit: (String) -> String = { $0 }) -> [UInt8] {
        let text = """
        {
          "schemaVersion": 1,
          "county": {"name": "平罗县", "code": "640221"},
          "year": 2024,
          "asOf": "2025-03-01",
          "files": {"found": 3, "accepted": 2, "rejected": 1, "ratio": -0.5e+3, "big": 123456789012345678901234567890},
          "townships": [
            {"name": "甲镇", "code": "640221301", "status": "onTime", "publishedOn": "2025-01-20", "daysLate": 0,
             "flags": [{"rule": "R1", "severity": "error", "path": "requests.naturalPerson", "message": "一+二=3，三（七）+四=2"}],
             "onRoster": true, "counted": true},
            {"name": "乙镇", "code": null, "status": "dateUnknown", "publishedOn": null, "daysLate": null, "flags": []},
            {"name": "丙乡", "status": "missing", "flags": [
              {"rule": "dateUnknown", "severity": "warning", "path": "publishedOn", "message": "报告未注明发布日期", "extra": [1, 2.5, false]},
              {"rule": "suspect", "severity": "warning", "path": "publishedOn", "message": "发布日期2025-04-01晚于统计日期2025-03-01"}]}
          ],
          "rejected": [{"file": "2024/x.json", "reason": "不是 JSON"}],
          "totals": {"requests": {"received": {"total": 12, "naturalPerson": 7}}, "fee": 1.50},
          "changes": {"since": null, "flagsAdded": [{"deep": [[[{"a": {}}]]]}], "empty": []}
        }
        """
        return Array(edit(text).utf8)
    }

    /// The quick reader's answer, when it gives one, is the tree's; returns whether it gave one.
    @discardableResult
    func agree(_ bytes: [UInt8], year: Int = 2024, _ line: UInt = #line) -> Bool {
        let tree = PreviousSummary.parseTree(bytes, county: county, year: year)
        guard let quick = PreviousSummary.quickParse(bytes, county: county, year: year) else { return false }
        guard case .success(let slow) = tree else {
            XCTFail("the quick reader took a document the tree refuses: \(tree)", line: line)
            return true
        }
        XCTAssertEqual(quick.asOf, slow.asOf, line: line)
        XCTAssertEqual(quick.totals, slow.totals, line: line)
        XCTAssertEqual(quick.townships.count, slow.townships.count, line: line)
        for (a, b) in zip(quick.townships, slow.townships) {
            XCTAssertEqual(a.name, b.name, line: line)
            XCTAssertEqual(a.code, b.code, line: line)
            XCTAssertEqual(a.status, b.status, line: line)
            XCTAssertEqual(a.publishedOn, b.publishedOn, line: line)
            XCTAssertEqual(a.flags, b.flags, line: line)
        }
        return true
    }

    func testThePlainDocumentIsReadQuicklyAndTheSame() {
        XCTAssertTrue(agree(document()))
        let quick = PreviousSummary.quickParse(document(), county: county, year: 2024)!
        XCTAssertEqual(quick.townships.map(\.name), ["甲镇", "乙镇", "丙乡"])
        XCTAssertEqual(quick.townships.map(\.code), ["640221301", nil, nil])
        XCTAssertEqual(quick.townships[0].publishedOn, CalendarDate(iso: "2025-01-20"))
        XCTAssertEqual(quick.townships.map(\.flags.count), [1, 0, 2])
        XCTAssertEqual(quick.totals["requests.received.total"], .integer(12))
        XCTAssertEqual(quick.totals["fee"], .number("1.50"))
        // A byte-order mark, escapes in values and white space everywhere are still read quickly.
        XCTAssertTrue(agree([0xEF, 0xBB, 0xBF] + document()))
        XCTAssertTrue(agree(document { $0.replacingOccurrences(of: "\"甲镇\"", with: "\"\\u7532\\u9547\\t\\\"\"") }))
        XCTAssertTrue(agree(document { $0.replacingOccurrences(of: "报告未注明发布日期", with: "报告\\/未注明\\ud83d\\ude00") }))
        XCTAssertTrue(agree(document { $0.replacingOccurrences(of: ": ", with: " \r\n\t:\t ") }))
    }

    func testWhatTheTreeRefusesOrMustDecideIsLeftToIt() {
        // Refused by the tree, so never taken quickly.
        let refused: [(String, String)] = [
            ("\"daysLate\": 0,", "\"daysLate\": 0, \"daysLate\": 1,"),              // a key twice
            ("\"empty\": []", "\"empty\": [], \"empty\": 1"),                         // twice, deep in a member not read
            ("\"since\": null", "\"since\": nul"),
            ("\"ratio\": -0.5e+3", "\"ratio\": 01"),
            ("\"ratio\": -0.5e+3", "\"ratio\": 1."),
            ("\"ratio\": -0.5e+3", "\"ratio\": -"),
            ("\"ratio\": -0.5e+3", "\"ratio\": 1e"),
            ("\"empty\": []", "\"empty\": [1,]"),
            ("\"empty\": []", "\"empty\": {\"a\": 1,}"),
            ("不是 JSON", "不是\u{01}JSON"),                                            // a raw control character
            ("不是 JSON", "不是\\x"),                                                  // an escape that is none
            ("不是 JSON", "\\udc00"),                                                 // a lone low surrogate
            ("\"name\": \"乙镇\",", ""),                                               // a township without a name
            ("\"status\": \"missing\"", "\"status\": \"gone\""),
            ("\"rule\": \"R1\"", "\"rule\": \"R9\""),
            ("\"message\": \"一+二=3，三（七）+四=2\"", "\"message\": 3"),
            ("\"flags\": []", "\"flags\": [1]"),
            ("\"schemaVersion\": 1", "\"schemaVersion\": 1.0"),
            ("\"year\": 2024", "\"year\": 2023"),
            ("\"name\": \"平罗县\"", "\"name\": \"惠农区\""),
            ("\"asOf\": \"2025-03-01\"", "\"asOf\": 20250301"),
            ("\"townships\": [", "\"townships\": 1, \"t\": ["),
        ]
        for (from, to) in refused {
            let bytes = document { $0.replacingOccurrences(of: from, with: to) }
            XCTAssertNotEqual(bytes, document(), "\(from) not in the document")
            XCTAssertFalse(agree(bytes), to)
            guard case .failure = PreviousSummary.parseTree(bytes, county: county, year: 2024) else { return XCTFail(to) }
        }
        // Read by the tree; the quick reader leaves some (keys it does not compare by bytes), and
        // agrees on the others.
        let taken: [(String, String, quick: Bool)] = [
            ("\"name\": \"甲镇\"", "\"n\\u0061me\": \"甲镇\"", false),                  // an escaped key
            ("\"empty\": []", "\"名称\": []", false),                                   // a key not ASCII
            ("\"code\": null", "\"code\": 7", true),
            ("\"publishedOn\": null", "\"publishedOn\": \"2025-13-45\"", true),
            ("\"flags\": []", "\"flags\": {}", true),
            ("\"totals\": {", "\"totalz\": {", true),
        ]
        for (from, to, quick) in taken {
            let bytes = document { $0.replacingOccurrences(of: from, with: to) }
            XCTAssertNotEqual(bytes, document(), "\(from) not in the document")
            XCTAssertEqual(agree(bytes), quick, to)
            guard case .success = PreviousSummary.parseTree(bytes, county: county, year: 2024) else { return XCTFail(to) }
        }
        XCTAssertFalse(agree(document() + Array(" x".utf8)))
        XCTAssertFalse(agree(Array(document().dropLast(3))))
        XCTAssertFalse(agree(document().map { $0 == 0xE9 ? 0xFF : $0 }))   // not UTF-8
        XCTAssertFalse(agree(document(), year: 2023))
        XCTAssertFalse(agree(Array("[1]".utf8)))
        XCTAssertFalse(agree([]))
    }

    func testNestingAsDeepAsTheParserTakes() {
        func nested(_ n: Int) -> [UInt8] {
            document { $0.replacingOccurrences(of: "\"empty\": []", with: "\"empty\": " + String(repeating: "[", count: n) + String(repeating: "]", count: n)) }
        }
        // The top-level object and `changes` are two levels: 62 more are taken, 63 are not.
        XCTAssertTrue(agree(nested(62)))
        XCTAssertFalse(agree(nested(63)))
        guard case .failure = PreviousSummary.parseTree(nested(63), county: county, year: 2024) else { return XCTFail("65 levels") }
    }

    /// The rollup of `reports` townships 第k镇 (of a roster of `roster`), each published on `publishedOn(k)`.
    func rollup(reports: Int, roster: Int, publishedOn: (Int) -> String?) throws -> Rollup {
        let files = try (1...reports).map { k in
            try TestReports.report(file: "2024/\(k).json", TestReports.json(name: "第\(k)镇", code: "6402213\(k + 10)", year: 2024,
                                                                            publishedOn: publishedOn(k)),
                                   expectedYear: 2024)
        }
        let entries = (1...roster).map { RosterEntry(name: "第\($0)镇", code: "6402213\($0 + 10)") }
        return Rollup.compute(county: county, roster: entries, current: TestReports.load(files), previous: nil,
                              asOf: CalendarDate(iso: "2025-03-01")!)
    }

    func testARollupsOwnSummaryIsReadQuickly() throws {
        var r = try rollup(reports: 40, roster: 45) { k in k % 3 == 0 ? nil : "2025-01-\(10 + k % 20)" }
        r.changes = Changes(noComparison: .absent)
        let bytes = Summary.bytes(r, generator: "t")
        XCTAssertTrue(agree(bytes))
        XCTAssertEqual(PreviousSummary.quickParse(bytes, county: county, year: 2024)?.townships.count, 45)
    }

    /// summary.json's townships are written straight into the bytes, their flags without a value
    /// each: the same bytes as the township's value written by `JSONWriter`, with no flag, one,
    /// or many with awkward texts.
    func testTownshipsWrittenAsTheirValues() throws {
        let r = try rollup(reports: 12, roster: 15) { k in k % 3 == 0 ? nil : "2025-0\(1 + k % 3)-\(10 + k)" }.judged()
        XCTAssertTrue(r.townships.contains { $0.flags.isEmpty } && r.townships.contains { !$0.flags.isEmpty })
        for (k, township) in r.townships.enumerated() {
            var t = township
            if k % 2 == 1 {
                t.flags += (0..<(k * 3)).map { Flag(.unknownKey, .warning, path: "x\"\u{2028}\\\($0)", "未知字段 \u{1}\t“\($0)”\u{2029}") }
            }
            var out: [UInt8] = []
            Summary.writeTownship(t, indent: 0, into: &out)
            XCTAssertEqual(out, Array(JSONWriter.bytes(Summary.township(t)).dropLast()), t.name)
        }
    }

    /// summary.json written as it is made, to the file and its history copy, is the bytes made whole.
    func testSummaryWrittenAsItIsMadeIsTheSameBytes() throws {
        var r = try rollup(reports: 12, roster: 15) { k in "2025-01-\(10 + k)" }.judged()
        for i in r.townships.indices {
            for k in 0..<(i * 250) { r.townships[i].flags.append(Flag(.unknownKey, .warning, path: "x\(k)", "未知字段 x\(k)：\"引号\"")) }
        }
        let whole = Summary.bytes(r, generator: "t")
        XCTAssertGreaterThan(whole.count, 3 * Summary.spillAt)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = [dir.appendingPathComponent("s.json").path, dir.appendingPathComponent("history.json").path]
        let files = try paths.map { try FileOutput.Stream(path: $0) }
        Summary.write(r, generator: "t", to: files)
        for f in files { try f.finish(sync: false) }
        for p in paths { XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: p))), whole, p) }
    }
}

