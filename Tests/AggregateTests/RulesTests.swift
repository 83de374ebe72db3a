@testable import Aggregate
import XCTest

final class RulesTests: XCTestCase {
    func flags(_ cells: [String: Int64]) throws -> [Flag] {
        Rules.check(try TestReports.report(TestReports.json(cells: cells)))
    }

    func testConsistentReportHasNoFlags() throws {
        XCTAssertEqual(try flags(TestReports.consistentRequests), [])
        XCTAssertEqual(try flags([:]), [])
    }

    func testR1NamesTheColumnAndBothSides() throws {
        var cells = TestReports.consistentRequests
        cells["requests.received.otherOrg"] = 2   // 一 grows in 其他 only; the total column follows (R3 holds)
        cells["requests.received.total"] = 7
        let f = try flags(cells)
        XCTAssertEqual(f.map(\.rule), [.r1, .r1])
        XCTAssertEqual(f[0].path, "requests.otherOrg")
        XCTAssertEqual(f[0].message, "一+二=2，三（七）+四=0（列：其他）")
        XCTAssertEqual(f[0].severity, .error)
        XCTAssertEqual(f[1].path, "requests.total")
        XCTAssertEqual(f[1].message, "一+二=8，三（七）+四=6（列：总计）")
    }

    func testR2ComparesSeventhRowWithTheLeafRows() throws {
        var cells = TestReports.consistentRequests
        cells["requests.withheld.stateSecret.naturalPerson"] = 1   // a leaf row grows, （七） does not
        cells["requests.withheld.stateSecret.total"] = 1
        let f = try flags(cells)
        let r2 = f.filter { $0.rule == .r2 }
        XCTAssertEqual(r2.map(\.path), ["requests.resultTotal.naturalPerson", "requests.resultTotal.total"])
        XCTAssertEqual(r2[0].message, "（一）至（六）各项之和=5，（七）总计=4（列：自然人）")
        XCTAssertTrue(f.allSatisfy { $0.rule == .r2 })
    }

    func testR3ComparesTotalColumnWithTheSixApplicantColumns() throws {
        var cells = TestReports.consistentRequests
        cells["requests.carriedForward.total"] = 3
        cells["requests.carriedForward.naturalPerson"] = 2
        let f = try flags(cells).filter { $0.rule == .r3 }
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].path, "requests.carriedForward.total")
        XCTAssertEqual(f[0].message, "各类申请人之和=2，总计=3（行：四、结转下年度继续办理）")
    }

    func testR3LabelsGroupedRows() throws {
        let f = try flags(["requests.unavailable.notHeld.total": 1]).filter { $0.rule == .r3 }
        XCTAssertEqual(f.first?.message, "各类申请人之和=0，总计=1（行：（四）无法提供 1.本机关不掌握相关政府信息）")
    }

    func testR4PerGroup() throws {
        let f = try flags(["appeals.litigationDirect.upheld": 1, "appeals.litigationDirect.pending": 1,
                           "appeals.litigationDirect.total": 3])
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].rule, .r4)
        XCTAssertEqual(f[0].path, "appeals.litigationDirect.total")
        XCTAssertEqual(f[0].message, "结果维持+结果纠正+其他结果+尚未审结=2，总计=3（行政诉讼·未经复议直接起诉）")
        XCTAssertEqual(try flags(["appeals.review.corrected": 2, "appeals.review.total": 2]), [])
    }

    func testR5AcrossYears() throws {
        let previous = try TestReports.report(file: "2023/a.json", TestReports.json(year: 2023, publishedOn: "2024-01-20", cells: [
            "requests.carriedForward.commercial": 1, "requests.carriedForward.total": 1,
            "requests.received.commercial": 1, "requests.received.total": 1,
            "proactive.normativeDocuments.inForce": 10,
        ]), expectedYear: 2023)
        let current = try TestReports.report(TestReports.json(cells: [
            "requests.carriedOver.commercial": 2, "requests.carriedOver.total": 2,
            "requests.disclosed.commercial": 2, "requests.disclosed.total": 2,
            "requests.resultTotal.commercial": 2, "requests.resultTotal.total": 2,
            "proactive.normativeDocuments.issued": 2, "proactive.normativeDocuments.repealed": 1,
            "proactive.normativeDocuments.inForce": 12,
        ]))
        XCTAssertEqual(Rules.check(current), [])
        let f = Rules.checkAcrossYears(current, previous: previous)
        XCTAssertEqual(f.map(\.path), ["requests.carriedOver.commercial", "requests.carriedOver.total",
                                       "proactive.normativeDocuments.inForce"])
        XCTAssertTrue(f.allSatisfy { $0.rule == .r5 && $0.severity == .error })
        XCTAssertEqual(f[0].message, "上年“四、结转下年度继续办理”=1，本年“二、上年结转”=2（列：商业企业，上年报告 2023/a.json）")
        XCTAssertEqual(f[2].message, "上年现行有效10+本年制发2−本年废止1=11，本年现行有效=12（行政规范性文件）")
    }

    func testMissingCellsAreSkippedByRulesAndFlaggedIncomplete() throws {
        var text = TestReports.json(cells: TestReports.consistentRequests)
        text = text.replacingOccurrences(of: "\"carriedForward\": {\n      \"naturalPerson\": 2,\n", with: "\"carriedForward\": {\n")
        let r = try TestReports.report(text)
        XCTAssertFalse(r.present[Catalog.index("requests.carriedForward.naturalPerson")])
        XCTAssertEqual(Rules.check(r).filter { $0.rule == .r1 }, [], "R1 is not judged on a missing cell")
        XCTAssertEqual(r.notes.map(\.rule), [.incomplete])
        XCTAssertEqual(r.notes[0].path, "requests.carriedForward.naturalPerson")
    }

    func testMissingSectionIsIncompleteAndNotSummed() throws {
        let r = try TestReports.report(TestReports.json(drop: ["appeals"]))
        XCTAssertEqual(r.notes.map(\.rule), [.incomplete])
        XCTAssertEqual(r.notes[0].path, "appeals")
        XCTAssertFalse(r.has(.appeals))
        XCTAssertEqual(Rollup.sum([r]).coverage[SectionID.appeals.rawValue], 0)
    }

    func testOldFormatIsFlaggedAndItsSectionTwoNotSummed() throws {
        let text = TestReports.json(cells: ["proactive.licensing": 5], edition: "2019")
        let r = try TestReports.report(text)
        XCTAssertEqual(r.notes.map(\.rule), [.oldFormat])
        XCTAssertFalse(r.has(.proactive))
        XCTAssertEqual(Rollup.sum([r]).totals[Catalog.index("proactive.licensing")], 0)
        // A 2019-format report for 2020 is not out of date.
        let old = try TestReports.report(file: "2020/x.json", TestReports.json(year: 2020, publishedOn: "2021-01-20", edition: "2019"), expectedYear: 2020)
        XCTAssertEqual(old.notes, [])
    }

    func testSuspectRulesDatesAndYearOverYear() throws {
        let asOf = CalendarDate(iso: "2025-03-01")!
        let s = County.Settings()
        let rules = try TestReports.report(TestReports.json(cells: ["proactive.rules.issued": 1, "proactive.rules.inForce": 1]))
        XCTAssertEqual(Rules.suspect(rules, previous: nil, asOf: asOf, settings: s).map(\.path),
                       ["proactive.rules.issued", "proactive.rules.inForce"])
        let future = try TestReports.report(TestReports.json(publishedOn: "2025-03-02"))
        XCTAssertEqual(Rules.suspect(future, previous: nil, asOf: asOf, settings: s).map(\.message),
                       ["发布日期2025-03-02晚于统计日期2025-03-01"])
        let early = try TestReports.report(TestReports.json(publishedOn: "2024-12-31"))
        XCTAssertEqual(Rules.suspect(early, previous: nil, asOf: asOf, settings: s).count, 1)
        let onFirstDay = try TestReports.report(TestReports.json(publishedOn: "2025-01-01"))
        XCTAssertEqual(Rules.suspect(onFirstDay, previous: nil, asOf: asOf, settings: s), [])

        let before = try TestReports.report(file: "2023/a.json", TestReports.json(year: 2023, publishedOn: "2024-01-10", cells: ["proactive.licensing": 10]), expectedYear: 2023)
        let jump = try TestReports.report(TestReports.json(cells: ["proactive.licensing": 50]))
        let f = Rules.suspect(jump, previous: before, asOf: asOf, settings: s)
        XCTAssertEqual(f.map(\.path), ["proactive.licensing"])
        XCTAssertEqual(f[0].message, "行政许可：本年50，上年10，为上年的5倍（阈值5倍）")
        let mild = try TestReports.report(TestReports.json(cells: ["proactive.licensing": 49]))
        XCTAssertEqual(Rules.suspect(mild, previous: before, asOf: asOf, settings: s), [])
        var strict = County.Settings()
        strict.suspectChangeFactor = 2
        XCTAssertEqual(Rules.suspect(mild, previous: before, asOf: asOf, settings: strict).count, 1, "the threshold is a setting")
        let small = try TestReports.report(TestReports.json(cells: ["proactive.licensing": 19]))
        let tiny = try TestReports.report(file: "2023/a.json", TestReports.json(year: 2023, publishedOn: "2024-01-10", cells: ["proactive.licensing": 1]), expectedYear: 2023)
        XCTAssertEqual(Rules.suspect(small, previous: tiny, asOf: asOf, settings: s), [], "below the minimum nothing is suspect")
    }

    func testUnknownKeysAreWarnings() throws {
        let r = try TestReports.report(TestReports.json(extra: "  \"remarks\": \"x\""))
        XCTAssertEqual(r.notes.map(\.rule), [.unknownKey])
        XCTAssertEqual(r.notes[0].path, "remarks")
        XCTAssertEqual(r.notes[0].severity, .warning)
    }
}
