import Aggregate
import Foundation
import StrictJSON
import XCTest

/// Issue 15 through the command: the bundled county rolled up twice, a report added and the
/// as-of moved between the runs, shows the new report and the newly overdue township on the
/// page, in 概览, in summary.json and on stderr; --history keeps one summary a day and prunes.
final class PageTests: XCTestCase {
    struct Run {
        let status: Int32
        let err: String
        let out: URL
    }

    /// `nianbao rollup inputs --year 2024 --as-of asOf` in `cwd` (default outputs under out/).
    func rollup(_ inputs: URL, asOf: String, cwd: URL, _ extra: [String] = [], year: Int = 2024, function: String = #function) throws -> Run {
        let r = try Fixtures.run(["rollup", inputs.path, "--year", String(year), "--as-of", asOf] + extra, cwd: cwd, function: function)
        return Run(status: r.status, err: r.err, out: cwd.appendingPathComponent("out"))
    }

    func read(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// The text between `start` and the next `end`.
    func slice(_ text: String, _ start: String, _ end: String) -> String {
        guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return "" }
        return String(text[a.lowerBound..<b.upperBound])
    }

    func testSecondRunShowsTheNewReportAndTheNewlyOverdueTownshipEverywhere() throws {
        let inputs = Fixtures.copyOfInputs()
        let cwd = inputs.deletingLastPathComponent()
        let aside = cwd.appendingPathComponent("chengguan.json")
        try FileManager.default.moveItem(at: inputs.appendingPathComponent("2024/chengguan.json"), to: aside)
        let first = try rollup(inputs, asOf: "2025-01-30", cwd: cwd)
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.err.hasSuffix("wrote out/平罗县-2024.xlsx, out/平罗县-2024.summary.json and out/平罗县-2024.html; no comparison: no previous summary.json\n"), first.err)
        let firstPage = try read(first.out.appendingPathComponent("平罗县-2024.html"))
        XCTAssertEqual(firstPage.components(separatedBy: "本次不作比较").count - 1, 1)

        try FileManager.default.moveItem(at: aside, to: inputs.appendingPathComponent("2024/chengguan.json"))
        let second = try rollup(inputs, asOf: "2025-02-03", cwd: cwd)
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertEqual(second.err.split(separator: "\n").count, 1)
        XCTAssertTrue(second.err.hasSuffix("; since 2025-01-30: 1 new report, 1 newly overdue\n"), second.err)

        // summary.json
        let summary = try JSONParser.parse([UInt8](try Data(contentsOf: second.out.appendingPathComponent("平罗县-2024.summary.json"))))
        let changes = try XCTUnwrap(summary["changes"])
        XCTAssertEqual(changes["since"], .string("2025-01-30"))
        XCTAssertEqual(changes["noComparison"], .null)
        guard case .array(let reports)? = changes["newReports"], case .array(let overdue)? = changes["newlyOverdue"],
              case .array(let totals)? = changes["totals"] else { return XCTFail("changes: \(changes)") }
        XCTAssertEqual(reports.map { $0["name"] }, [.string("城关镇")])
        XCTAssertEqual(reports.first?["status"], .string("onTime"))
        XCTAssertEqual(reports.first?["previousStatus"], .string("pending"))
        XCTAssertEqual(reports.first?["publishedOn"], .string("2025-01-15"))
        XCTAssertEqual(overdue.map { $0["name"] }, [.string("姚伏镇")])
        XCTAssertEqual(overdue.first?["status"], .string("missing"))
        XCTAssertEqual(overdue.first?["daysLate"], .integer(3))
        // The county's received requests moved by 城关镇's.
        let chengguan = try JSONParser.parse([UInt8](try Data(contentsOf: inputs.appendingPathComponent("2024/chengguan.json"))))
        let received = try XCTUnwrap(totals.first { $0["path"] == .string("requests.received.total") })
        guard case .integer(let before)? = received["before"], case .integer(let after)? = received["after"],
              case .integer(let own)? = chengguan["requests"]?["received"]?["total"] else { return XCTFail("\(received)") }
        XCTAssertEqual(after - before, own)
        XCTAssertEqual(summary["totals"]?["requests"]?["received"]?["total"], .integer(after))

        // 概览, read back.
        let wb = try WorkbookReader(path: second.out.appendingPathComponent("平罗县-2024.xlsx").path)
        let overview = try XCTUnwrap(wb["概览"])
        let top = try XCTUnwrap(overview.row(where: 0, is: "自上次运行（统计日期 2025-01-30）以来的变化"))
        XCTAssertEqual(overview.rows[top + 1].prefix(3), [.text("类别"), .text("乡镇"), .text("说明")])
        let newReport = try XCTUnwrap(overview.row(where: 0, is: "新收报告"))
        XCTAssertEqual(overview.at(newReport, 1), .text("城关镇"))
        XCTAssertEqual(overview.at(newReport, 2), .text("按时，发布日期 2025-01-15（上次：待报送）"))
        let newlyOverdue = try XCTUnwrap(overview.row(where: 0, is: "新逾期或未报送"))
        XCTAssertEqual(overview.at(newlyOverdue, 1), .text("姚伏镇"))
        XCTAssertEqual(overview.at(newlyOverdue, 2), .text("未报送 3 天（上次：待报送）"))
        XCTAssertGreaterThan(newReport, top)
        let moved = overview.rows.filter { $0.first == .text("县合计变动") }
        XCTAssertEqual(moved.count, totals.count)

        // The page.
        let page = try read(second.out.appendingPathComponent("平罗县-2024.html"))
        let section = slice(page, "<section id=\"changes\">", "</section>")
        XCTAssertTrue(section.contains("<h2>自 2025-01-30 以来的变化</h2>"), section)
        XCTAssertTrue(slice(section, "<ul id=\"new-reports\"", "</ul>").contains("<strong class=\"town\">城关镇</strong>"), section)
        XCTAssertTrue(slice(section, "<ul id=\"newly-overdue\"", "</ul>").contains("<strong class=\"town\">姚伏镇</strong>"), section)
        XCTAssertTrue(page.contains("<a href=\"%E5%B9%B3%E7%BD%97%E5%8E%BF-2024.xlsx\">"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: second.out.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    func testIdenticalRunsWriteAnIdenticalPage() throws {
        let inputs = Fixtures.copyOfInputs()
        var pages: [Data] = []
        for name in ["a", "b"] {
            let cwd = Fixtures.scratch("identical-\(name)")
            let out = cwd.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            // The same previous summary.json in both folders.
            let seed = try rollup(Fixtures.inputs, asOf: "2025-01-30", cwd: cwd, ["--quiet"])
            XCTAssertEqual(seed.status, 0, seed.err)
            let r = try rollup(inputs, asOf: "2025-02-03", cwd: cwd, ["--quiet", "--html", out.appendingPathComponent("page.html").path])
            XCTAssertEqual(r.status, 0, r.err)
            pages.append(try Data(contentsOf: out.appendingPathComponent("page.html")))
        }
        XCTAssertEqual(pages[0], pages[1])
        XCTAssertTrue(String(decoding: pages[0], as: UTF8.self).contains("<h2>自 2025-01-30 以来的变化</h2>"))
    }

    func testHistoryKeepsOneSummaryADayAndPrunesOtherYears() throws {
        let inputs = Fixtures.copyOfInputs()
        let cwd = inputs.deletingLastPathComponent()
        let history = cwd.appendingPathComponent("history")
        let elsewhere = cwd.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let oldYear = "平罗县-2023-2024-02-01.summary.json"
        try Data("{}".utf8).write(to: history.appendingPathComponent(oldYear))
        try Data("keep".utf8).write(to: history.appendingPathComponent("notes.txt"))
        try Data("keep".utf8).write(to: history.appendingPathComponent("惠农区-2023-2024-02-01.summary.json"))
        let precious = elsewhere.appendingPathComponent("precious.json")
        try Data("precious".utf8).write(to: precious)
        try FileManager.default.createSymbolicLink(at: history.appendingPathComponent("平罗县-2022-2023-01-30.summary.json"), withDestinationURL: precious)

        let args = ["--history", history.path, "--quiet"]
        XCTAssertEqual(try rollup(inputs, asOf: "2025-01-30", cwd: cwd, args).status, 0)
        // A second run the same day, with a report more: the day's file is replaced, not added.
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2024/touzha.json"))
        let again = try rollup(inputs, asOf: "2025-01-30", cwd: cwd, args)
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(try rollup(inputs, asOf: "2025-02-03", cwd: cwd, args).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: history.path).sorted()
        XCTAssertEqual(names, [".nianbao.lock", "notes.txt", "平罗县-2022-2023-01-30.summary.json", "平罗县-2024-2025-01-30.summary.json",
                               "平罗县-2024-2025-02-03.summary.json", "惠农区-2023-2024-02-01.summary.json"].sorted())
        XCTAssertEqual(try Data(contentsOf: precious), Data("precious".utf8), "a link is neither followed nor removed")
        // The day's copy is the latest run's summary.json of that day (头闸镇 pending in it).
        let day = try JSONParser.parse([UInt8](try Data(contentsOf: history.appendingPathComponent("平罗县-2024-2025-01-30.summary.json"))))
        guard case .array(let towns)? = day["townships"] else { return XCTFail() }
        XCTAssertEqual(towns.first { $0["name"] == .string("头闸镇") }?["status"], .string("pending"))
        let latest = try Data(contentsOf: cwd.appendingPathComponent("out/平罗县-2024.summary.json"))
        XCTAssertEqual(try Data(contentsOf: history.appendingPathComponent("平罗县-2024-2025-02-03.summary.json")), latest)
        // The page drew January from the history it found (the day before's copy; its own comes with it).
        XCTAssertTrue(try read(cwd.appendingPathComponent("out/平罗县-2024.html")).contains("据 1 次运行的历史记录及本次运行"))

        // A 2023 run prunes the 2024 files (and only them).
        XCTAssertEqual(try rollup(inputs, asOf: "2024-02-15", cwd: cwd, args, year: 2023).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: history.path).sorted(),
                       [".nianbao.lock", "notes.txt", "平罗县-2022-2023-01-30.summary.json", "平罗县-2023-2024-02-15.summary.json",
                        "惠农区-2023-2024-02-01.summary.json"].sorted())
    }

    func testHistoryFolderMustExistAndLieOutsideTheInputs() throws {
        let inputs = Fixtures.copyOfInputs()
        let cwd = inputs.deletingLastPathComponent()
        XCTAssertEqual(try rollup(inputs, asOf: "2025-02-03", cwd: cwd, ["--quiet"]).status, 0)
        let before = try Data(contentsOf: cwd.appendingPathComponent("out/平罗县-2024.summary.json"))
        let inside = inputs.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        let r = try rollup(inputs, asOf: "2025-02-04", cwd: cwd, ["--history", inside.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("is inside the inputs folder"), r.err)
        let missing = try rollup(inputs, asOf: "2025-02-04", cwd: cwd, ["--history", cwd.appendingPathComponent("nope").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("history folder"), missing.err)
        XCTAssertEqual(try Data(contentsOf: cwd.appendingPathComponent("out/平罗县-2024.summary.json")), before, "outputs untouched")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inside.path), [])
        let clash = try rollup(inputs, asOf: "2025-02-04", cwd: cwd, ["--html", "out/平罗县-2024.summary.json"])
        XCTAssertEqual(clash.status, 2)
        XCTAssertTrue(clash.err.contains("is the same file as --summary"), clash.err)
        XCTAssertEqual(try Data(contentsOf: cwd.appendingPathComponent("out/平罗县-2024.summary.json")), before, "outputs untouched")
    }
}
