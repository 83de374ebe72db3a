import Aggregate
import Foundation
import XCTest

/// `nianbao import` as a clerk runs it, and a rollup of a folder with published documents in it.
final class ImportCommandTests: XCTestCase {
    static let seed = Fixtures.repository.appendingPathComponent("Tests/Corpus/import/baofeng-2024.txt")
    static let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    func testImportWritesTheReportJSONAndAnAccount() throws {
        let dir = Fixtures.scratch()
        let file = dir.appendingPathComponent("宝丰镇.txt")
        try FileManager.default.copyItem(at: Self.seed, to: file)
        let r = try Fixtures.run(["import", file.path, "--year", "2024"])
        XCTAssertEqual(r.status, 0, r.err)
        // Decodes with the contract's decoder to baofeng.json's figures.
        let read = try ReportDecoder.decode(bytes: Array(r.out.utf8), file: "a", options: Self.options).get()
        let typed = try ReportDecoder.decode(bytes: Array(try Data(contentsOf: Fixtures.inputs.appendingPathComponent("2024/baofeng.json"))),
                                             file: "b", options: Self.options).get()
        XCTAssertEqual(read.values, typed.values)
        XCTAssertEqual(read.present, typed.present)
        XCTAssertEqual(read.narrative, typed.narrative)
        // The account: unit, year and date with where they were found; tables; cells; doubts.
        XCTAssertTrue(r.err.hasPrefix("宝丰镇.txt: read as text\n"), r.err)
        for part in ["unit 宝丰镇 from the title (line", "county 平罗县 from the title", "year 2024 from the title",
                     "publication date not found (left unknown)", "table 三 申请: 25 of 25 rows found", "table 四 复议诉讼: 15 cells",
                     "cells read: 200", "in doubt: none"] {
            XCTAssertTrue(r.err.contains(part), "\(part) missing from\n\(r.err)")
        }
        // -o writes the same bytes to a file, nothing to stdout.
        let out = dir.appendingPathComponent("out.json")
        let o = try Fixtures.run(["import", file.path, "-o", out.path])
        XCTAssertEqual(o.status, 0, o.err)
        XCTAssertEqual(o.out, "")
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), r.out)
    }

    func testDoubtsAreListedWithTheirPlaceAndTheExitIsZero() throws {
        let dir = Fixtures.scratch()
        var text = try String(contentsOf: Self.seed, encoding: .utf8)
        text = text.replacingOccurrences(of: "2. 重复申请\t0\t0", with: "2. 重复申请\t0\t1O")
        let file = dir.appendingPathComponent("b.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["import", file.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("in doubt (1, left out of the JSON):"), r.err)
        XCTAssertTrue(r.err.contains("requests.notProcessed.repeated.commercial (line "), r.err)
        XCTAssertTrue(r.err.contains("\"1O\" is not a number"), r.err)
        XCTAssertFalse(r.out.contains("\"repeated\": {\n        \"naturalPerson\": 0,\n        \"commercial\""), "the cell is left out")
    }

    func testUnreadableFilesExitOneWithTheReasonAndUsageExitsTwo() throws {
        let dir = Fixtures.scratch()
        let page = dir.appendingPathComponent("404.txt")
        try "首页\n页面不存在\n返回首页".write(to: page, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["import", page.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("cannot be read as a report: no 政府信息公开 tables or headings found"), r.err)
        XCTAssertEqual(r.out, "")
        let missing = try Fixtures.run(["import", dir.appendingPathComponent("none.txt").path])
        XCTAssertEqual(missing.status, 1)
        // Another year than the one asked for is an error, not a silent mismatch.
        let file = dir.appendingPathComponent("b.txt")
        try FileManager.default.copyItem(at: Self.seed, to: file)
        let wrongYear = try Fixtures.run(["import", file.path, "--year", "2023"])
        XCTAssertEqual(wrongYear.status, 1)
        XCTAssertTrue(wrongYear.err.contains("year: expected 2023"), wrongYear.err)
        XCTAssertEqual(try Fixtures.run(["import"]).status, 2)
        XCTAssertEqual(try Fixtures.run(["import", dir.appendingPathComponent("a.doc").path]).status, 2)
        XCTAssertEqual(try Fixtures.run(["import", file.path, "--year", "20x4"]).status, 2)
    }

    /// The seed as .txt in place of baofeng.json rolls up to exactly the same figures, statuses and
    /// flags; summary.json says which format each report came in and lists other files as skipped.
    func testARollupOfTextReportsEqualsTheRollupOfTheirJSON() throws {
        let inputs = Fixtures.copyOfInputs()
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2024/baofeng.json"))
        try FileManager.default.copyItem(at: Self.seed, to: inputs.appendingPathComponent("2024/baofeng.txt"))
        try Data("old draft".utf8).write(to: inputs.appendingPathComponent("2024/草稿.doc"))
        let dir = Fixtures.scratch()
        func rollup(_ inputs: URL, _ label: String) throws -> [String: Any] {
            let summary = dir.appendingPathComponent("\(label).json")
            let r = try Fixtures.run(["rollup", inputs.path, "--year", "2024", "--as-of", "2025-03-01",
                                      "--xlsx", dir.appendingPathComponent("\(label).xlsx").path, "--summary", summary.path])
            XCTAssertEqual(r.status, 0, r.err)
            return try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as! [String: Any]
        }
        let text = try rollup(inputs, "text")
        let json = try rollup(Fixtures.inputs, "json")
        XCTAssertEqual(text["totals"] as? NSDictionary, json["totals"] as? NSDictionary)
        XCTAssertEqual(text["coverage"] as? NSDictionary, json["coverage"] as? NSDictionary)
        XCTAssertEqual(text["files"] as? NSDictionary, json["files"] as? NSDictionary, "found = accepted + rejected; skipped apart")
        let a = text["townships"] as! [[String: Any]], b = json["townships"] as! [[String: Any]]
        XCTAssertEqual(a.count, b.count)
        for (x, y) in zip(a, b) {
            var x = x, y = y
            let name = x["name"] as! String
            if name == "宝丰镇" {
                XCTAssertEqual(x["format"] as? String, "text")
                XCTAssertEqual(y["format"] as? String, "json")
                XCTAssertEqual(x["file"] as? String, "2024/baofeng.txt")
                for k in ["format", "file"] { x[k] = nil; y[k] = nil }
            }
            XCTAssertEqual(NSDictionary(dictionary: x), NSDictionary(dictionary: y), name)
        }
        XCTAssertEqual(a.first { $0["name"] as? String == "崇岗镇" }?["format"] as? String, "json", "an unreadable file's format too")
        // 报送情况: a format column, and the skipped file on a line of its own.
        let wb = try WorkbookReader(path: dir.appendingPathComponent("text.xlsx").path)
        let sheet = try XCTUnwrap(wb["报送情况"])
        XCTAssertEqual(sheet[WorkbookReader.Sheet.ref(0, 11)].text, "格式")
        var formats: [String: String] = [:]
        for r in 1...14 { if let n = sheet[WorkbookReader.Sheet.ref(r, 0)].text { formats[n] = sheet[WorkbookReader.Sheet.ref(r, 11)].text ?? "" } }
        XCTAssertEqual(formats["宝丰镇"], "文本")
        XCTAssertEqual(formats["城关镇"], "JSON")
        XCTAssertEqual(formats["姚伏镇"], "", "no file, no format")
        XCTAssertTrue(sheet.cells.values.contains(.text("2024/草稿.doc")))
        XCTAssertTrue(sheet.cells.values.contains(.text("不是报告格式，未读取：not a report format: .doc")))
        let skipped = text["skipped"] as! [[String: String]]
        XCTAssertEqual(skipped, [["file": "2024/草稿.doc", "reason": "not a report format: .doc"]])
        XCTAssertEqual(json["skipped"] as! [[String: String]], [])
    }

    /// A document read with doubts: each becomes an inDoubt warning naming the JSON path and place.
    func testDoubtsBecomeInDoubtFlagsInTheRollup() throws {
        let inputs = Fixtures.copyOfInputs()
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2024/baofeng.json"))
        var text = try String(contentsOf: Self.seed, encoding: .utf8)
        text = text.replacingOccurrences(of: "2. 重复申请\t0\t0", with: "2. 重复申请\t0\t1O")
        try text.write(to: inputs.appendingPathComponent("2024/baofeng.txt"), atomically: true, encoding: .utf8)
        let dir = Fixtures.scratch()
        let summary = dir.appendingPathComponent("s.json")
        let r = try Fixtures.run(["rollup", inputs.path, "--year", "2024", "--as-of", "2025-03-01",
                                  "--xlsx", dir.appendingPathComponent("w.xlsx").path, "--summary", summary.path])
        XCTAssertEqual(r.status, 0, r.err)
        let s = try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as! [String: Any]
        let baofeng = (s["townships"] as! [[String: Any]]).first { $0["name"] as? String == "宝丰镇" }!
        let flags = baofeng["flags"] as! [[String: String]]
        let doubt = try XCTUnwrap(flags.first { $0["rule"] == "inDoubt" }, "\(flags)")
        XCTAssertEqual(doubt["severity"], "warning")
        XCTAssertEqual(doubt["path"], "requests.notProcessed.repeated.commercial")
        XCTAssertTrue(doubt["message"]!.contains("line "), doubt["message"]!)
        XCTAssertTrue(flags.contains { $0["rule"] == "incomplete" && $0["path"] == "requests.notProcessed.repeated.commercial" })
    }
}
