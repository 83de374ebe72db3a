@testable import Aggregate
import XCTest

/// Rankings, year over year and perfunctory narratives (copies: ProseCopyTests).
final class ComparisonTests: XCTestCase {
    let roster = [
        RosterEntry(name: "甲镇", code: "640221301"), RosterEntry(name: "乙镇", code: "640221302"),
        RosterEntry(name: "丙乡", code: "640221303"), RosterEntry(name: "丁乡", code: "640221304"),
    ]

    func report(_ name: String, _ code: String, published: String? = "2025-01-20", cells: [String: Int64] = [:],
                problems: String? = nil, other: String? = "本年度未收取信息处理费。", year: Int = 2024) throws -> Report {
        var r = try TestReports.report(file: "\(year)/\(code).json",
                                       TestReports.json(name: name, code: code, year: year, publishedOn: published, cells: cells),
                                       expectedYear: year)
        r.narrative = Narrative(overview: "概述", problems: problems, otherMatters: other)
        return r
    }

    func rollup(_ reports: [Report], previous: [Report]? = nil, settings: County.Settings = County.Settings()) -> Rollup {
        var county = TestReports.county
        county.settings = settings
        return Rollup.compute(county: county, roster: roster, current: TestReports.load(reports),
                              previous: previous.map { TestReports.load($0, year: 2023) }, asOf: CalendarDate(iso: "2025-03-01")!)
    }

    static let longText = "一是政务公开工作机制还不够健全，信息发布审核流程执行不严格；二是移民后续扶持资金使用情况公开不够及时，群众知晓度不高；三是工作人员业务能力有待提升，对条例理解不深。"

    func testStandardCompetitionRankingWithDeterministicTies() throws {
        // 甲 and 丙 tie on volume (100); 乙 has 300; 丁 sent nothing readable.
        let reports = [
            try report("丙乡", "640221303", cells: ["overview.portalItems": 100]),
            try report("甲镇", "640221301", cells: ["overview.portalItems": 60, "overview.wechatItems": 40]),
            try report("乙镇", "640221302", cells: ["overview.weiboItems": 300]),
        ]
        let rankings = Rankings.compute(rollup(reports))
        let rank = Dictionary(uniqueKeysWithValues: rankings.rows.map { ($0.name, $0.ranks[.volume]!) })
        XCTAssertEqual(rank, ["乙镇": 1, "甲镇": 2, "丙乡": 2, "丁乡": 4])
        // Equal composite for 甲 and 丙: listed by code, same rank; 丁 (missing) last.
        let order = rankings.rows.map(\.name)
        XCTAssertEqual(order, ["乙镇", "甲镇", "丙乡", "丁乡"])
        XCTAssertEqual(rankings.rows[1].ranks[.composite], rankings.rows[2].ranks[.composite])
        XCTAssertEqual(rankings.rows[3].ranks[.composite], 4)
        XCTAssertEqual(rankings.rows[3].status, .missing)
        XCTAssertFalse(rankings.rows[3].readable)
    }

    func testCompositeFollowsTheGivenWeights() throws {
        let reports = [
            try report("甲镇", "640221301", published: "2025-02-05", cells: ["overview.portalItems": 200]),   // 5 days late, most items
            try report("乙镇", "640221302", cells: ["overview.portalItems": 100]),                             // on time, half the items
        ]
        var volumeOnly = County.Settings()
        volumeOnly.rankingWeights = RankingWeights()
        volumeOnly.rankingWeights.volume = 1
        volumeOnly.rankingWeights.closure = 0
        volumeOnly.rankingWeights.timeliness = 0
        volumeOnly.rankingWeights.quality = 0
        let byVolume = Rankings.compute(rollup(reports, settings: volumeOnly))
        XCTAssertEqual(byVolume.rows.map(\.name).prefix(2), ["甲镇", "乙镇"])
        XCTAssertEqual(byVolume.rows[0].composite, 100)
        XCTAssertEqual(byVolume.rows[1].composite, 50)

        var timelinessOnly = volumeOnly
        timelinessOnly.rankingWeights.volume = 0
        timelinessOnly.rankingWeights.timeliness = 1
        let byTime = Rankings.compute(rollup(reports, settings: timelinessOnly))
        XCTAssertEqual(byTime.rows.map(\.name).prefix(2), ["乙镇", "甲镇"])
        XCTAssertEqual(byTime.rows[1].composite, 90, "5 days late: 100 − 2×5")

        // The defaults: 0.2 volume, 0.2 closure, 0.3 timeliness, 0.3 quality.
        let d = Rankings.compute(rollup(reports))
        let jia = d.rows.first { $0.name == "甲镇" }!
        XCTAssertEqual(jia.timelinessScore, 90)
        XCTAssertEqual(jia.qualityScore, 95, "one warning: 五 is empty (perfunctory)")
        XCTAssertEqual(jia.composite, 0.2 * 100 + 0.2 * 100 + 0.3 * 90 + 0.3 * 95, accuracy: 0.01)
        XCTAssertEqual(d.weights, RankingWeights())
    }

    func testClosureShareAndNoRequests() throws {
        let reports = [try report("甲镇", "640221301", cells: [
            "requests.received.naturalPerson": 4, "requests.received.total": 4,
            "requests.disclosed.naturalPerson": 3, "requests.disclosed.total": 3,
            "requests.resultTotal.naturalPerson": 3, "requests.resultTotal.total": 3,
            "requests.carriedForward.naturalPerson": 1, "requests.carriedForward.total": 1,
        ]), try report("乙镇", "640221302")]
        let rows = Rankings.compute(rollup(reports)).rows
        XCTAssertEqual(rows.first { $0.name == "甲镇" }!.closure, 0.75)
        XCTAssertNil(rows.first { $0.name == "乙镇" }!.closure, "nothing to handle")
        XCTAssertEqual(rows.first { $0.name == "乙镇" }!.ranks[.closure], 1)
    }

    func testYearOverYearWithAZeroBase() {
        XCTAssertEqual(YearOverYear.change(now: 5, before: 0).text, "新增")
        XCTAssertNil(YearOverYear.change(now: 5, before: 0).percent)
        XCTAssertEqual(YearOverYear.change(now: 0, before: 0).text, "—")
        XCTAssertEqual(YearOverYear.change(now: 3, before: 4).percent, -0.25)
        XCTAssertEqual(YearOverYear.change(now: 3, before: 4).difference, -1)
        let labels = YearOverYear.measures.map(\.label)
        XCTAssertEqual(labels.first, "主动公开信息（网站+微信+微博）")
        XCTAssertTrue(labels.contains("（三）不予公开"))
        XCTAssertTrue(labels.contains("行政诉讼"))
        let withheld = YearOverYear.measures.first { $0.label == "（三）不予公开" }!
        XCTAssertEqual(withheld.cells.count, 8, "the group adds its eight rows' totals")
    }

    func testPerfunctoryShortProblemsOrSilentOnTheFee() throws {
        let short = try report("甲镇", "640221301", problems: "无。")
        let silent = try report("乙镇", "640221302", problems: Self.longText, other: "本年度政务公开工作要点已全部落实。")
        let fine = try report("丙乡", "640221303", problems: Self.longText + "四是。", other: "本年度未收取信息处理费。")
        let r = rollup([short, silent, fine])
        XCTAssertEqual(r.townships[0].flags.filter { $0.rule == .perfunctory }.map(\.path), ["narrative.problems"])
        XCTAssertEqual(r.townships[1].flags.filter { $0.rule == .perfunctory }.map(\.path), ["narrative.otherMatters"])
        XCTAssertEqual(r.townships[2].flags.filter { $0.rule == .perfunctory }, [])
        // 乙 and 丙 share 五, but its compared clauses come to fewer than the 60 characters a copy
        // must cover (ProseCopyTests has the copies).
        XCTAssertEqual(r.townships[1].flags.filter { $0.rule == .copied }.count, 0)
        XCTAssertEqual(r.townships[2].flags.filter { $0.rule == .copied }.count, 0)
    }
}
