import Aggregate
import Foundation
import RollupJob
import XCTest

/// The bundled 平罗县 inputs rolled up for real, then read back from the written files and
/// compared with sums computed here, independently of the code under test.
final class EndToEndTests: XCTestCase {
    struct Run {
        let outcome: RollupJob.Outcome
        let workbook: WorkbookReader
        let summary: [String: Any]
    }

    nonisolated(unsafe) static var cached: Run?

    func bundledRun() throws -> Run {
        if let c = Self.cached { return c }
        let out = Fixtures.scratch("endToEnd")
        var options = RollupJob.Options(inputs: Fixtures.inputs, year: 2024)
        options.asOf = CalendarDate(iso: "2025-03-01")
        options.xlsx = out.appendingPathComponent("county.xlsx")
        options.summary = out.appendingPathComponent("summary.json")
        let outcome = try RollupJob.run(options)
        keepWorkbook(outcome.xlsx)
        let wb = try WorkbookReader(path: outcome.xlsx.path)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: outcome.summary)) as! [String: Any]
        let run = Run(outcome: outcome, workbook: wb, summary: summary)
        Self.cached = run
        return run
    }

    // MARK: - An independent sum

    /// Leaves of a report section as dotted paths → number, read with JSONSerialization.
    static func leaves(_ value: Any, prefix: String, into out: inout [String: Decimal]) {
        if let d = value as? [String: Any] {
            for (k, v) in d { leaves(v, prefix: prefix.isEmpty ? k : "\(prefix).\(k)", into: &out) }
        } else if let n = value as? NSNumber {
            out[prefix] = Decimal(string: n.stringValue) ?? 0
        }
    }

    /// The county totals as a clerk would compute them from the files: roster townships only,
    /// the later of two reports for one township, 2019-format Section 二 left out, unreadable files skipped.
    static func independentTotals() throws -> [String: Decimal] {
        let roster = try String(contentsOf: Fixtures.inputs.appendingPathComponent("roster.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        let names = Set(roster.map { $0[0] }), codes = Set(roster.map { $0[1] })
        var chosen: [String: (date: String, report: [String: Any])] = [:]
        let folder = Fixtures.inputs.appendingPathComponent("2024")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            let unit = report["unit"] as! [String: Any]
            let code = unit["code"] as? String, uname = unit["name"] as! String
            guard codes.contains(code ?? "") || names.contains(uname) else { continue }
            let key = code ?? uname
            let date = report["publishedOn"] as? String ?? ""
            if let have = chosen[key], have.date >= date { continue }
            chosen[key] = (date, report)
        }
        var totals: [String: Decimal] = [:]
        for (_, entry) in chosen {
            for section in SectionID.allCases.map(\.key) {
                if section == "proactive" && (entry.report["edition"] as? String) == "2019" { continue }
                guard let s = entry.report[section] else { continue }
                var cells: [String: Decimal] = [:]
                leaves(s, prefix: section, into: &cells)
                for (k, v) in cells { totals[k, default: 0] += v }
            }
        }
        return totals
    }

    func testSummaryTotalsEqualIndependentSum() throws {
        let run = try bundledRun()
        var written: [String: Decimal] = [:]
        Self.leaves(run.summary["totals"]!, prefix: "", into: &written)
        let expected = try Self.independentTotals()
        XCTAssertEqual(written.count, Catalog.cellCount, "summary totals have one leaf per cell of the format")
        for cell in Catalog.cells {
            XCTAssertEqual(written[cell.dottedPath], expected[cell.dottedPath] ?? 0, cell.dottedPath)
        }
        // Spot checks on known figures of the samples.
        XCTAssertEqual(written["overview.portalItems"], expected["overview.portalItems"])
        XCTAssertGreaterThan(expected["requests.received.total"] ?? 0, 0)
        XCTAssertEqual(written["proactive.feesTenThousandYuan"], expected["proactive.feesTenThousandYuan"])
    }

    func testDetailSheetTotalsRowEqualsIndependentSumForEveryCell() throws {
        let run = try bundledRun()
        let sheet = try XCTUnwrap(run.workbook["乡镇明细"])
        let expected = try Self.independentTotals()
        let totalRow = try XCTUnwrap(sheet.row(where: 0, is: "县合计"))
        let first = 5  // 乡镇, 区划代码, 状态, 计入县合计, 报告格式
        for cell in Catalog.cells {
            let v = sheet.at(totalRow, first + cell.index)
            let want = NSDecimalNumber(decimal: expected[cell.dottedPath] ?? 0).doubleValue
            XCTAssertEqual(v.number ?? .nan, want, accuracy: 1e-9, "乡镇明细 县合计 \(cell.dottedPath)")
        }
        // One row per township, in summary order: the 13 on the roster, then 前进农场; figures of
        // 姚伏镇 (missing) and 崇岗镇 (unreadable) blank.
        let names = sheet.rows.dropFirst(2).map { $0[0].description }.filter { !$0.isEmpty && $0 != "县合计" }
        XCTAssertEqual(names, ["城关镇", "黄渠桥镇", "宝丰镇", "头闸镇", "姚伏镇", "崇岗镇", "陶乐镇", "高庄乡", "灵沙乡", "渠口乡",
                               "通伏乡", "高仁乡", "红崖子乡", "前进农场"])
        let yaofu = try XCTUnwrap(sheet.row(where: 0, is: "姚伏镇"))
        XCTAssertEqual(sheet.at(yaofu, 2).text, "未报送")
        XCTAssertEqual(sheet.at(yaofu, 5), .blank)
        XCTAssertNotNil(sheet.autofilter)
        XCTAssertTrue(sheet.frozen)
    }

    // MARK: - The official tables, cell by cell

    /// The reference workbook of the national format, from ../shared/reference.
    static func reference() throws -> WorkbookReader {
        let url = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/official-tables-2021.xlsx")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("no ../shared/reference workbook") }
        return try WorkbookReader(path: url.path)
    }

    func testOfficialTablesMatchTheNationalLayoutCellByCell() throws {
        let run = try bundledRun()
        let reference = try Self.reference()
        for refSheet in reference.sheets {
            let mine = try XCTUnwrap(run.workbook[refSheet.name], "sheet \(refSheet.name)")
            for merge in refSheet.merges {
                XCTAssertTrue(mine.merges.contains(merge), "\(refSheet.name): merged range \(merge)")
            }
            for (ref, value) in refSheet.cells {
                switch value {
                case .text(let t):
                    XCTAssertEqual(mine[ref].text, t, "\(refSheet.name)!\(ref)")
                case .number:
                    XCTAssertNotNil(mine[ref].number, "\(refSheet.name)!\(ref) should hold a county total")
                case .blank: break
                }
            }
        }
    }

    func testOfficialTablesHoldTheCountyTotals() throws {
        let run = try bundledRun()
        let expected = try Self.independentTotals()
        func want(_ p: String) -> Double { NSDecimalNumber(decimal: expected[p] ?? 0).doubleValue }
        let requests = try XCTUnwrap(run.workbook["依申请公开"])
        // Rows 5…29 of the national table are the 25 rows in catalog order; columns D…J the 7 columns.
        let section = Catalog.section(.requests)
        for (r, row) in section.rows.enumerated() {
            for (c, col) in Catalog.applicantColumns.enumerated() {
                let ref = WorkbookReader.Sheet.ref(4 + r, 3 + c)
                XCTAssertEqual(requests[ref].number, want("requests.\(row.path.joined(separator: ".")).\(col.key!)"), "依申请公开!\(ref)")
            }
        }
        XCTAssertTrue(requests["A2"].text?.contains("勾稽关系") ?? false)
        let proactive = try XCTUnwrap(run.workbook["主动公开"])
        XCTAssertEqual(proactive["B5"].number, want("proactive.normativeDocuments.issued"))
        XCTAssertEqual(proactive["D5"].number, want("proactive.normativeDocuments.inForce"))
        XCTAssertEqual(proactive["B8"].number, want("proactive.licensing"))
        XCTAssertEqual(proactive["B11"].number, want("proactive.penalties"))
        XCTAssertEqual(proactive["B12"].number, want("proactive.compulsoryMeasures"))
        XCTAssertEqual(proactive["B15"].number ?? .nan, want("proactive.feesTenThousandYuan"), accuracy: 1e-9)
        let appeals = try XCTUnwrap(run.workbook["复议诉讼"])
        for (k, cell) in Catalog.cells.filter({ $0.section == .appeals }).enumerated() {
            XCTAssertEqual(appeals[WorkbookReader.Sheet.ref(4, k)].number, want(cell.dottedPath), cell.dottedPath)
        }
        // Coverage beside the tables: 11 roster townships sent readable reports; 高庄乡 sent no
        // Section 四 and 通伏乡's Section 二 is in the 2019 format.
        XCTAssertEqual(appeals["P5"].number, 10)
        XCTAssertEqual(proactive["E5"].number, 10)
        XCTAssertEqual(requests["K5"].number, 11)
        let coverage = run.summary["coverage"] as! [String: Int]
        XCTAssertEqual(coverage, ["proactive": 10, "requests": 11, "appeals": 10])
    }

    // MARK: - Statuses

    func testStatusOfEveryTownship() throws {
        let run = try bundledRun()
        let townships = run.summary["townships"] as! [[String: Any]]
        let status = Dictionary(uniqueKeysWithValues: townships.map { ($0["name"] as! String, $0["status"] as! String) })
        XCTAssertEqual(status, [
            "城关镇": "onTime", "黄渠桥镇": "late", "宝丰镇": "dateUnknown", "头闸镇": "onTime", "姚伏镇": "missing",
            "崇岗镇": "unreadable", "陶乐镇": "onTime", "高庄乡": "onTime", "灵沙乡": "onTime", "渠口乡": "onTime",
            "通伏乡": "onTime", "高仁乡": "onTime", "红崖子乡": "onTime", "前进农场": "onTime",
        ])
        XCTAssertEqual(townships.map { $0["name"] as! String }.prefix(13),
                       ["城关镇", "黄渠桥镇", "宝丰镇", "头闸镇", "姚伏镇", "崇岗镇", "陶乐镇", "高庄乡", "灵沙乡", "渠口乡", "通伏乡", "高仁乡", "红崖子乡"])
        let late = townships.first { $0["name"] as? String == "黄渠桥镇" }!
        XCTAssertEqual(late["daysLate"] as? Int, 14)
        let missing = townships.first { $0["name"] as? String == "姚伏镇" }!
        XCTAssertEqual(missing["daysLate"] as? Int, 29)  // 2025-01-31 → 2025-03-01
        let files = run.summary["files"] as! [String: Int]
        XCTAssertEqual(files["found"], 14)
        XCTAssertEqual(files["found"], files["accepted"]! + files["rejected"]!)
        XCTAssertEqual(files["rejected"], 1)
        let rejected = run.summary["rejected"] as! [[String: String]]
        XCTAssertEqual(rejected.first?["file"], "2024/崇岗镇.json")

        let sheet = try XCTUnwrap(run.workbook["报送情况"])
        let rows = sheet.rows
        XCTAssertEqual(rows[0].prefix(3).map(\.description), ["乡镇", "区划代码", "状态"])
        XCTAssertEqual(rows[1][0].description, "姚伏镇", "worst first: missing")
        XCTAssertEqual(rows[1][2].description, "未报送")
        XCTAssertEqual(rows[1][4].number, 29)
        XCTAssertEqual(rows[2][0].description, "崇岗镇")
        XCTAssertEqual(rows[2][2].description, "无法读取")
        XCTAssertEqual(rows[3][0].description, "黄渠桥镇")
        XCTAssertEqual(rows[3][4].number, 14)
        XCTAssertEqual(rows.count, 15, "header + 14 townships")
        XCTAssertGreaterThanOrEqual(sheet.conditionalFormats, 1)
        XCTAssertNotNil(sheet.autofilter)
    }

    func testOverviewCountsAndProperties() throws {
        let run = try bundledRun()
        let sheet = try XCTUnwrap(run.workbook["概览"])
        func value(after label: String) -> WorkbookReader.Value? {
            guard let r = sheet.row(where: 0, is: label) else { return nil }
            return sheet.at(r, 1)
        }
        XCTAssertEqual(value(after: "名册乡镇")?.number, 13)
        XCTAssertEqual(value(after: "按时")?.number, 9)
        XCTAssertEqual(value(after: "逾期")?.number, 1)
        XCTAssertEqual(value(after: "未报送")?.number, 1)
        XCTAssertEqual(value(after: "无法读取")?.number, 1)
        XCTAssertEqual(value(after: "发布日期不明")?.number, 1)
        XCTAssertEqual(value(after: "发现")?.number, 14)
        XCTAssertEqual(value(after: "接收")?.number, 13)
        XCTAssertEqual(value(after: "统计日期")?.text, "2025-03-01")
        XCTAssertEqual(value(after: "报送截止日期")?.text, "2025-01-31")
        let core = String(decoding: run.workbook.files["docProps/core.xml"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(core.contains("2025-03-01T00:00:00Z"), "created = as-of, for reproducible files")
        let app = String(decoding: run.workbook.files["docProps/app.xml"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(app.contains("<Company>平罗县</Company>"))
        XCTAssertEqual(run.workbook.sheets.map(\.name), ["概览", "主动公开", "依申请公开", "复议诉讼", "乡镇明细", "报送情况", "数据问题", "排名", "同比"])
        // Print set-up: landscape, fit to one page wide.
        let proactive = try XCTUnwrap(run.workbook["主动公开"])
        XCTAssertTrue(proactive.xml.contains("orientation=\"landscape\""))
        XCTAssertTrue(proactive.xml.contains("fitToHeight=\"0\""))
    }

    func testSameInputsGiveIdenticalBytes() throws {
        let a = Fixtures.scratch("repeatA"), b = Fixtures.scratch("repeatB")
        for (dir, threads) in [(a, 1), (b, 2)] {
            var o = RollupJob.Options(inputs: Fixtures.inputs, year: 2024)
            o.asOf = CalendarDate(iso: "2025-02-10")
            o.xlsx = dir.appendingPathComponent("w.xlsx")
            o.summary = dir.appendingPathComponent("s.json")
            o.load.threads = threads
            keepWorkbook(try RollupJob.run(o).xlsx, "threads\(threads)")
        }
        XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("w.xlsx")), try Data(contentsOf: b.appendingPathComponent("w.xlsx")))
        XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("s.json")), try Data(contentsOf: b.appendingPathComponent("s.json")))
    }

    // MARK: - Flags of the bundled samples, exactly

    static let expectedRules: [String: [String]] = [
        "城关镇": [], "黄渠桥镇": ["perfunctory"], "宝丰镇": ["dateUnknown"], "头闸镇": ["R1", "R1", "textTable"], "姚伏镇": [], "崇岗镇": [],
        "陶乐镇": ["R2", "R2", "R3", "R3", "proseSum"], "高庄乡": ["boilerplate", "incomplete", "incomplete"],
        "灵沙乡": ["suspect", "suspect", "suspect", "wrongYear"], "渠口乡": ["duplicate"], "通伏乡": ["contradiction", "oldFormat"],
        "高仁乡": ["R5", "R5", "R5", "wrongUnit"], "红崖子乡": ["R4", "copied", "perfunctory", "unknownKey", "unknownKey"], "前进农场": ["notOnRoster"],
    ]

    func testEachTownshipCarriesExactlyItsFlags() throws {
        let run = try bundledRun()
        let townships = run.summary["townships"] as! [[String: Any]]
        var seen: [String: [String]] = [:]
        for t in townships {
            let flags = t["flags"] as! [[String: String]]
            seen[t["name"] as! String] = flags.map { $0["rule"]! }.sorted()
            for f in flags {
                XCTAssertFalse(f["path"]!.isEmpty)
                XCTAssertFalse(f["message"]!.isEmpty)
                XCTAssertTrue(["error", "warning"].contains(f["severity"]!))
            }
        }
        XCTAssertEqual(seen, Self.expectedRules)
        let touzha = townships.first { $0["name"] as? String == "头闸镇" }!["flags"] as! [[String: String]]
        XCTAssertEqual(touzha[0], ["rule": "R1", "severity": "error", "path": "requests.naturalPerson",
                                   "message": "一+二=5，三（七）+四=4（列：自然人）"])

        // The same flags, one row each, in 数据问题 — plus the rejected file.
        let sheet = try XCTUnwrap(run.workbook["数据问题"])
        let rows = sheet.rows.dropFirst()
        var inSheet: [String: [String]] = [:]
        for row in rows where row[2].description != "unreadable" {
            inSheet[row[0].description, default: []].append(row[2].description)
        }
        XCTAssertEqual(inSheet.mapValues { $0.sorted() }, Self.expectedRules.filter { !$0.value.isEmpty })
        let rejected = try XCTUnwrap(rows.first { $0[2].description == "unreadable" })
        XCTAssertEqual(rejected[0].description, "崇岗镇")
        XCTAssertEqual(rejected[1].description, "2024/崇岗镇.json")
        XCTAssertTrue(rejected[6].description.contains("expected"), rejected[6].description)
        let r1 = try XCTUnwrap(rows.first { $0[0].description == "头闸镇" })
        XCTAssertEqual(r1.map(\.description), ["头闸镇", "2024/touzha.json", "R1", "勾稽错误", "错误", "requests.naturalPerson",
                                               "一+二=5，三（七）+四=4（列：自然人）"])
        XCTAssertNotNil(sheet.autofilter)
        XCTAssertEqual(sheet.rows[0].map(\.description), ["乡镇", "文件", "规则", "类别", "严重程度", "JSON路径", "说明"])
    }

    // MARK: - Rankings, year over year, charts

    func testChartsAreNativeExcelChartsBesideTheirTables() throws {
        let run = try bundledRun()
        let charts = run.workbook.files.keys.filter { $0.hasPrefix("xl/charts/chart") }.sorted()
        XCTAssertEqual(charts.count, 4, "status, year over year and outcomes on 概览; composite on 排名")
        let xml = charts.map { String(decoding: run.workbook.files[$0]!, as: UTF8.self) }
        XCTAssertTrue(xml.contains { $0.contains("各乡镇报送状态") && $0.contains("'概览'!$A$") })
        XCTAssertTrue(xml.contains { $0.contains("主要数据：2024年与2023年") && $0.contains("2023年") })
        XCTAssertTrue(xml.contains { $0.contains("政府信息公开申请办理结果") })
        XCTAssertTrue(xml.contains { $0.contains("综合得分（由高到低）") && $0.contains("'排名'!$E$") })
        let drawings = run.workbook.files.keys.filter { $0.hasPrefix("xl/drawings/drawing") && $0.hasSuffix(".xml") }
        XCTAssertEqual(drawings.count, 2)
    }

    func testRankingSheetOrdersBestFirstAndListsEveryRosterTownship() throws {
        let run = try bundledRun()
        let sheet = try XCTUnwrap(run.workbook["排名"])
        let header = try XCTUnwrap(sheet.row(where: 0, is: "综合排名"))
        let rows = sheet.rows[(header + 1)...].filter { !$0[1].description.isEmpty }
        XCTAssertEqual(rows.count, 13)
        let ranks = rows.map { $0[0].number! }
        XCTAssertEqual(ranks, ranks.sorted(), "best first")
        let scores = rows.map { $0[4].number! }
        XCTAssertEqual(scores, scores.sorted(by: >))
        // The two townships without a readable report share the last rank.
        let last = rows.suffix(2).map { $0[1].description }
        XCTAssertEqual(Set(last), ["姚伏镇", "崇岗镇"])
        XCTAssertEqual(rows.suffix(2).map { $0[0].number! }, [12, 12])
        XCTAssertTrue(sheet.at(1, 0).description.contains("rankingWeights"), "the weights are shown on the sheet")
    }

    func testYearOverYearSheetComparesCountyTotals() throws {
        let run = try bundledRun()
        let sheet = try XCTUnwrap(run.workbook["同比"])
        let row = try XCTUnwrap(sheet.row(where: 0, is: "本年新收申请"))
        let expected = try Self.independentTotals()
        XCTAssertEqual(sheet.at(row, 1).number, NSDecimalNumber(decimal: expected["requests.received.total"]!).doubleValue)
        XCTAssertNotNil(sheet.at(row, 2).number)
        let zeroBase = try XCTUnwrap(sheet.row(where: 0, is: "规章（本年制发件数）"))
        XCTAssertEqual(sheet.at(zeroBase, 4).text, "新增", "1 this year, 0 last year")
        let bothZero = try XCTUnwrap(sheet.row(where: 0, is: "规章（本年废止件数）"))
        XCTAssertEqual(sheet.at(bothZero, 4).text, "—")
    }
}
