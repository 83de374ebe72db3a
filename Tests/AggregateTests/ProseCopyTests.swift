@testable import Aggregate
import Foundation
import TestSupport
import XCTest

/// 内容雷同 as a share of the text, 套话, wrongUnit against the roster and the county, and the seed.
final class ProseCopyTests: XCTestCase {
    static let problems = """
    一是部分村级公开栏更新不及时，个别村的财务公开只列总数不列明细，群众反映看不明白；二是信息员多为兼职，人员调整频繁，业务衔接不够顺畅；三是政策解读形式较为单一，图解和短视频运用偏少。下一步，我镇将统一村级财务公开表样，建立信息员交接清单制度，每季度至少制作两期图解解读。
    """
    static let other = "本年度未收取信息处理费。按照县政务公开工作要点完成了全部任务，办理人大代表建议2件。"

    static func report(_ name: String, _ code: String, year: Int = 2024, overview: String = "概述。", problems: String?, other: String? = ProseCopyTests.other) throws -> Report {
        var narrative: [String] = ["\"overview\": \(ProseStatementTests.quoted(overview))"]
        if let problems { narrative.append("\"problems\": \(ProseStatementTests.quoted(problems))") }
        if let other { narrative.append("\"otherMatters\": \(ProseStatementTests.quoted(other))") }
        return try TestReports.report(file: "\(year)/\(code).json",
                                      TestReports.json(name: name, code: code, year: year, publishedOn: "\(year + 1)-01-20",
                                                       extra: "\"narrative\": {\(narrative.joined(separator: ", "))}"),
                                      expectedYear: year)
    }

    static let names = ["甲镇", "乙镇", "丙乡", "丁乡", "戊镇", "己镇", "庚乡", "辛乡", "壬镇", "癸乡"]
    static let roster = names.enumerated().map { RosterEntry(name: $0.element, code: "6402213\(String(format: "%02d", $0.offset))") }

    func rollup(_ reports: [Report], previous: [Report]? = nil, settings: County.Settings = County.Settings()) -> Rollup {
        var county = TestReports.county
        county.settings = settings
        return Rollup.compute(county: county, roster: Self.roster, current: TestReports.load(reports),
                              previous: previous.map { TestReports.load($0, year: 2023) }, asOf: CalendarDate(iso: "2025-03-01")!)
    }

    func flags(_ r: Rollup, _ name: String, _ rule: Rule) -> [Flag] {
        r.townships.first { $0.name == name }!.flags.filter { $0.rule == rule }
    }

    /// A distinct text per township: sentences of its own.
    static func own(_ i: Int) -> String {
        let topics = ["耕地保护补贴", "农村低保", "人居环境整治", "高标准农田", "移民后续扶持", "集体经济收益", "公益性岗位", "防返贫监测", "养老服务", "道路改造"]
        let faults = ["公开内容不够细化", "更新时间明显滞后", "群众知晓度不高", "解读材料不足", "档案资料不全"]
        let t = topics[i % topics.count], f = faults[i % faults.count], g = faults[(i + 2) % faults.count]
        return "本年度\(t)信息\(f)，相关站所配合意识有待加强；\(t)资金明细公示中\(g)，将由分管领导牵头专项整改；镇村两级围绕\(t)开展的自查仍停留在表面，需要引入第三方评估。"
    }

    func testLastYearsTextWithEnumeratorsFiguresAndOrderChangedIsACopy() throws {
        let last = try Self.report("甲镇", "640221300", year: 2023, problems: Self.problems)
        let rewritten = Self.problems
            .replacingOccurrences(of: "一是", with: "首先，").replacingOccurrences(of: "二是", with: "其次，")
            .replacingOccurrences(of: "三是", with: "再次，").replacingOccurrences(of: "两期", with: "3期")
            .replacingOccurrences(of: "我镇", with: "甲镇").replacingOccurrences(of: "；", with: "。")
        let reordered = rewritten.split(separator: "。").reversed().joined(separator: "。") + "。"
        let copied = try Self.report("甲镇", "640221300", problems: reordered)
        let others = try (1..<4).map { try Self.report(Self.names[$0], "6402213\(String(format: "%02d", $0))", problems: Self.own($0)) }
        let r = rollup([copied] + others, previous: [last])
        let f = flags(r, "甲镇", .copied)
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].severity, .warning)
        XCTAssertEqual(f[0].path, "narrative.problems")
        XCTAssertTrue(f[0].message.hasPrefix("五、六部分"), f[0].message)
        XCTAssertTrue(f[0].message.contains("的文字（不计通用套话）与本乡镇2023年报告（2023/640221300.json）相同（阈值60%），如“"), f[0].message)
        let share = Int(f[0].message.dropFirst(5).prefix { $0.isNumber })!
        XCTAssertGreaterThanOrEqual(share, 70, f[0].message)
        for name in Self.names[1..<4] { XCTAssertEqual(flags(r, name, .copied), [], name) }
    }

    func testAnotherTownshipsTextIsACopyAndTheThresholdIsAShare() throws {
        var reports = try (2..<6).map { try Self.report(Self.names[$0], "6402213\(String(format: "%02d", $0))", problems: Self.own($0)) }
        let a = try Self.report("甲镇", "640221300", problems: Self.problems)
        // 乙镇 copies 甲镇's 五 and writes a 六 of its own: the copied share is below 100%.
        let b = try Self.report("乙镇", "640221301", problems: Self.problems.replacingOccurrences(of: "我镇", with: "乙镇"),
                                other: "本年度未收取信息处理费。全年组织政府开放日活动两次，邀请群众代表参观便民服务中心政务公开专区。")
        reports += [a, b]
        let r = rollup(reports)
        let fb = flags(r, "乙镇", .copied)
        XCTAssertEqual(fb.count, 1)
        XCTAssertTrue(fb[0].message.contains("与甲镇报告（2024/640221300.json）相同"), fb[0].message)
        XCTAssertEqual(flags(r, "甲镇", .copied).count, 1, "甲镇 is flagged as the counterpart's copy too")
        for name in Self.names[2..<6] { XCTAssertEqual(flags(r, name, .copied), [], name) }
        var strict = County.Settings()
        strict.copiedThreshold = 0.95
        XCTAssertEqual(flags(rollup(reports, settings: strict), "乙镇", .copied), [], "the threshold is the share of text")
    }

    func testTemplateSentencesDoNotCountAndBoilerplateIsFlagged() throws {
        // Every township writes the same three clauses; six write their own besides, one nothing else.
        let template = "按照县政务公开办统一部署推进各项工作，严格落实信息发布三审三校制度，不断提升政务公开标准化规范化水平。"
        var reports = try (1..<7).map { try Self.report(Self.names[$0], "6402213\(String(format: "%02d", $0))", problems: template + Self.own($0)) }
        reports.append(try Self.report("甲镇", "640221300", problems: template))
        let r = rollup(reports)
        for name in Self.names[0..<7] { XCTAssertEqual(flags(r, name, .copied), [], name) }
        let b = flags(r, "甲镇", .boilerplate)
        XCTAssertEqual(b.map(\.path), ["narrative.problems"])
        XCTAssertEqual(b[0].severity, .warning)
        XCTAssertEqual(flags(r, "乙镇", .boilerplate), [])
        // 六 with the fee statement says what it must: not boilerplate even when every township writes it.
        XCTAssertEqual(r.townships.flatMap(\.flags).filter { $0.rule == .boilerplate && $0.path == "narrative.otherMatters" }, [])
    }

    func testBuiltInFormatSentencesAreTemplates() throws {
        let format = "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制。本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。如对本报告有疑问，请与甲镇人民政府联系。"
        let a = try Self.report("甲镇", "640221300", problems: Self.own(0) + format)
        let b = try Self.report("乙镇", "640221301", problems: Self.own(1) + format.replacingOccurrences(of: "甲镇", with: "乙镇"))
        let r = rollup([a, b])
        XCTAssertEqual(flags(r, "甲镇", .copied), [])
        XCTAssertEqual(flags(r, "乙镇", .copied), [])
    }

    func testAnotherRosterTownshipOrCountyAsTheReportsOwn() throws {
        let a = try Self.report("甲镇", "640221300", overview: "2024年，乙镇坚持以公开为常态。", problems: Self.own(0))
        let b = try Self.report("乙镇", "640221301", problems: Self.own(1), other: "本年度未收取信息处理费。如有疑问，请与丙乡人民政府联系。")
        let c = try Self.report("丙乡", "640221302", overview: "贺兰县丙乡全面推进政务公开。", problems: Self.own(2))
        let d = try Self.report("丁乡", "640221303", overview: "2024年，丁乡与乙镇联合开展培训。平罗县丁乡人民政府。配合乙镇人民政府开展工作。", problems: Self.own(3),
                                other: "本年度未收取信息处理费。如有疑问，请与丁乡人民政府联系。")
        let r = rollup([a, b, c, d])
        let fa = flags(r, "甲镇", .wrongUnit)
        XCTAssertEqual(fa.map(\.path), ["narrative.overview"])
        XCTAssertEqual(fa[0].message, "一、总体情况“2024年，乙镇坚持以公开为常态”：以“乙镇”自称，而本报告是甲镇的报告")
        XCTAssertEqual(flags(r, "乙镇", .wrongUnit).map(\.path), ["narrative.otherMatters"])
        let fc = flags(r, "丙乡", .wrongUnit)
        XCTAssertEqual(fc.count, 1)
        XCTAssertTrue(fc[0].message.contains("本单位所属县写作“贺兰县”，本县为平罗县"), fc[0].message)
        XCTAssertEqual(flags(r, "丁乡", .wrongUnit), [])
    }

    func testTheSeedReportIsCleanOfEveryProseRule() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("inputs/json/2024/baofeng.json")
        let bytes = try [UInt8](Data(contentsOf: url))
        guard case .success(let seed) = ReportDecoder.decode(bytes: bytes, file: "2024/baofeng.json",
                                                             options: DecodeOptions(expectedYear: 2024, timeZone: TestReports.shanghai)) else {
            return XCTFail("the seed does not decode")
        }
        XCTAssertEqual(seed.narrative.findings, [])
        let r = Rollup.compute(county: TestReports.county, roster: TestReports.roster, current: TestReports.load([seed]), previous: nil,
                               asOf: CalendarDate(iso: "2025-03-01")!)
        XCTAssertEqual(r.townships.flatMap(\.flags).filter { ProseStatementTests.prose.contains($0.rule) || $0.rule == .perfunctory }, [])
        // Each figure it states, changed in the table, is caught: 122 portal items, 1200余 notices, 4 trainings, 16余 trainees.
        for (path, wrong) in [("portalItems", 121), ("wechatItems", 300), ("weiboItems", 250), ("villageNotices", 1199),
                              ("hotlineReplies", 115), ("messageBoardReplies", 3), ("trainingSessions", 5), ("trainees", 15)] {
            var text = String(decoding: bytes, as: UTF8.self)
            let key = "\"\(path)\": "
            let start = text.range(of: key)!.upperBound
            let end = text[start...].firstIndex { !$0.isNumber }!
            text.replaceSubrange(start..<end, with: String(wrong))
            let changed = try TestReports.report(file: "2024/baofeng.json", text)
            XCTAssertEqual(changed.narrative.findings.map(\.path), ["overview.\(path)"], path)
        }
        // And a request said not to be received, while the table has one, is a contradiction.
        var text = String(decoding: bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"received\": {\n      \"naturalPerson\": 0", with: "\"received\": {\n      \"naturalPerson\": 1")
        text = text.replacingOccurrences(of: "\"otherOrg\": 0,\n      \"total\": 0\n    },\n    \"carriedOver\"", with: "\"otherOrg\": 0,\n      \"total\": 1\n    },\n    \"carriedOver\"")
        let received = try TestReports.report(file: "2024/baofeng.json", text)
        XCTAssertEqual(received.narrative.findings.map(\.rule), [.contradiction])
    }

    /// A text of `clauses` clauses of pseudo-random characters: shares nothing with another seed.
    static func distinct(_ seed: Int, clauses: Int = 12) -> String {
        let syllables = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川河海风云雷电春夏秋冬东南西北")
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        return (0..<clauses).map { _ in String((0..<14).map { _ in syllables[next() % syllables.count] }) }.joined(separator: "，") + "。"
    }

    func testACrowdOfNearIdenticalTextsCostsNoMoreThanDistinctOnes() throws {
        // 3,000 townships: 120 share one long text (4%: not a template, a crowd of copies), 40 another,
        // 1,000 a third (a third of them: a template, so 套话), the rest write their own.
        var reports: [Report] = [], roster: [RosterEntry] = []
        let crowd = (0..<40).map { Self.distinct(100_000 + $0) }.joined()
        let pair = Self.distinct(200_000, clauses: 30)
        let template = Self.distinct(300_000, clauses: 20)
        for i in 0..<3000 {
            let code = String(format: "64022%04d", i)
            var r = try TestReports.report(file: "2024/\(i).json", TestReports.json(name: "镇\(i)", code: code))
            let text = i < 120 ? crowd : i < 160 ? pair : i < 1160 ? template : Self.distinct(i)
            r.narrative = Narrative(overview: nil, problems: text, otherMatters: "未收取信息处理费", unit: "镇\(i)", table: nil)
            reports.append(r)
            roster.append(RosterEntry(name: "镇\(i)", code: code))
        }
        let start = Date()
        let flags = Narratives.flags(reports.enumerated().map { Narratives.Input(name: "镇\($0.offset)", report: $0.element, previous: nil) },
                                     settings: County.Settings())
        let elapsed = Date().timeIntervalSince(start)
        let copied = flags.indices.filter { flags[$0].contains { $0.rule == .copied } }
        XCTAssertEqual(copied, Array(0..<160))
        let boilerplate = flags.indices.filter { flags[$0].contains { $0.rule == .boilerplate } }
        XCTAssertEqual(boilerplate, Array(160..<1160))
        print("copy check of 3,000: \(elapsed) s")
        XCTAssertLessThan(elapsed, 20)
    }
}

/// Long and hostile prose is read in time linear in its length.
final class ProseLongTextTests: XCTestCase {
    func testAGiantSentenceOfTriggerWordsIsReadInLinearTime() throws {
        // One "sentence" of 60,000 clauses, each with words several rules look for.
        let unit = "均已办结，我局与城关镇人民政府联系，未发生行政复议，2024年13月，"
        let text = String(repeating: unit, count: 5_000)
        let start = Date()
        let n = Narrative(overview: text, problems: text, otherMatters: text, unit: "城关镇",
                          table: TableView(year: 2024, values: Array(repeating: 1, count: Catalog.cellCount),
                                           present: Array(repeating: true, count: Catalog.cellCount),
                                           sections: [true, true, true, true], fee: Amount(millionths: 0)))
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertEqual(Set(n.findings.map(\.rule)), [.contradiction, .wrongYear, .wrongUnit])
        XCTAssertLessThanOrEqual(n.prints.clauses.count, CopyPrints.maximumClauses)
        // 175,000 characters: printed on a sample of its clauses (its one printed clause is out of it).
        XCTAssertTrue(n.prints.sampled)
        XCTAssertTrue(n.prints.clauses.allSatisfy { CopyPrints.inSample($0.hash) })
        XCTAssertLessThanOrEqual(n.selfNames.count, 12)
    }
}

/// Texts longer than `CopyPrints.sampledFrom` are printed on a sample of their clauses, the same
/// clauses in every text, and a copy is still found: between two long texts, and between a long
/// text and a short one copied from it.
final class ProseCopySampleTests: XCTestCase {
    /// A long text of clauses made of `seed`'s own words (distinct seeds share no clause).
    static func longText(_ seed: Int, clauses: Int) -> String {
        let words = ["公开", "信息", "平台", "栏目", "解读", "政策", "村务", "财务", "公示", "更新", "及时", "规范", "标准", "目录",
                     "培训", "业务", "人员", "能力", "意识", "群众", "关切", "回应", "渠道", "热线", "留言", "办理", "时限", "质量"]
        var g = SeededRandom(state: UInt64(seed))
        var out = ""
        for k in 0..<clauses {
            for _ in 0..<8 { out += words[Int(g.next() % UInt64(words.count))] }
            out += k % 3 == 2 ? "。" : "，"
        }
        return out
    }

    func prints(_ text: String) -> CopyPrints {
        Narrative(overview: "概述。", problems: text, otherMatters: ProseCopyTests.other, unit: "甲镇", table: nil).prints
    }

    func testOnlyTextsLongerThanTheCapAreSampledAndTheSampleIsTheLowestHashes() {
        let long = Self.longText(1, clauses: 2_000)   // 17 chars a clause: 34,000
        let p = prints(long)
        XCTAssertTrue(p.sampled)
        XCTAssertFalse(p.capped)
        let inProblems = p.clauses.filter { $0.section == UInt8(ProseSection.problems.rawValue) }
        XCTAssertTrue(inProblems.allSatisfy { CopyPrints.inSample($0.hash) })
        // About one clause in eight of 2,000 (all distinct).
        XCTAssertGreaterThan(inProblems.count, 170)
        XCTAssertLessThan(inProblems.count, 340)
        // A text under the cap is printed whole: every clause, in or out of the sample.
        let short = Self.longText(1, clauses: 800)
        XCTAssertLessThanOrEqual(ProseText(short).s.count, CopyPrints.sampledFrom)
        let whole = prints(short)
        XCTAssertFalse(whole.sampled)
        XCTAssertEqual(whole.clauses.filter { $0.section == UInt8(ProseSection.problems.rawValue) }.count, 800)
        // The same clauses are in the sample of both: the long text's sample holds the short one's sampled clauses.
        let longHashes = Set(inProblems.map(\.hash))
        let shortSampled = whole.clauses.filter { $0.section == UInt8(ProseSection.problems.rawValue) && CopyPrints.inSample($0.hash) }
        XCTAssertFalse(shortSampled.isEmpty)
        XCTAssertTrue(shortSampled.allSatisfy { longHashes.contains($0.hash) })
    }

    func testLongTextsAreComparedOnTheirSampleAndTheFlagSaysSo() throws {
        let names = ProseCopyTests.names
        func code(_ i: Int) -> String { "6402213\(String(format: "%02d", i))" }
        let long = Self.longText(7, clauses: 2_000), other = Self.longText(8, clauses: 2_000)
        // 乙镇 copies 甲镇's long 五; 丙乡 copies the first 600 clauses of 丁乡's (and is under the cap).
        var reports = [try ProseCopyTests.report(names[0], code(0), problems: long),
                       try ProseCopyTests.report(names[1], code(1), problems: long),
                       try ProseCopyTests.report(names[2], code(2), problems: String(other.prefix(600 * 17))),
                       try ProseCopyTests.report(names[3], code(3), problems: other)]
        // Distinct long texts and distinct short ones are no copies.
        reports += try (4..<6).map { try ProseCopyTests.report(names[$0], code($0), problems: Self.longText(100 + $0, clauses: 2_000)) }
        reports += try (6..<9).map { try ProseCopyTests.report(names[$0], code($0), problems: ProseCopyTests.own($0)) }
        let r = Rollup.compute(county: TestReports.county, roster: ProseCopyTests.roster, current: TestReports.load(reports),
                               previous: nil, asOf: CalendarDate(iso: "2025-03-01")!)
        func copied(_ name: String) -> [Flag] { r.townships.first { $0.name == name }!.flags.filter { $0.rule == .copied } }
        for name in names[0..<3] {
            let f = copied(name)
            XCTAssertEqual(f.count, 1, name)
            XCTAssertTrue(f.first?.message.contains("（文本过长，按句抽样比较约1/8的文字）") ?? false, f.first?.message ?? name)
        }
        XCTAssertTrue(copied(names[1]).first?.message.hasPrefix("五、六部分100%的文字") ?? false, "\(copied(names[1]))")
        // 丙乡's sampled clauses are all 丁乡's; about 30% of 丁乡's sample is in 丙乡's, under the threshold.
        XCTAssertTrue(copied(names[2]).first?.message.hasPrefix("五、六部分100%的文字（不计通用套话）与丁乡报告") ?? false, "\(copied(names[2]))")
        for name in names[3..<9] { XCTAssertEqual(copied(name), [], name) }
    }

    func testLastYearsLongTextCopiedIsMeasuredOnTheSample() throws {
        let names = ProseCopyTests.names
        func code(_ i: Int) -> String { "6402213\(String(format: "%02d", i))" }
        let long = Self.longText(11, clauses: 2_000)
        // 甲镇 repeats last year's long 五 (read for its copy prints only); 乙镇 writes a new one.
        let previous = try [ProseCopyTests.report(names[0], code(0), year: 2023, problems: long),
                            ProseCopyTests.report(names[1], code(1), year: 2023, problems: Self.longText(12, clauses: 2_000))]
        let current = try [ProseCopyTests.report(names[0], code(0), problems: long),
                           ProseCopyTests.report(names[1], code(1), problems: Self.longText(13, clauses: 2_000))]
            + (2..<5).map { try ProseCopyTests.report(names[$0], code($0), problems: ProseCopyTests.own($0)) }
        let r = Rollup.compute(county: TestReports.county, roster: ProseCopyTests.roster, current: TestReports.load(current),
                               previous: TestReports.load(previous, year: 2023), asOf: CalendarDate(iso: "2025-03-01")!)
        func copied(_ name: String) -> [Flag] { r.townships.first { $0.name == name }!.flags.filter { $0.rule == .copied } }
        let f = copied(names[0])
        XCTAssertEqual(f.count, 1)
        XCTAssertTrue(f.first?.message.hasPrefix("五、六部分100%的文字（不计通用套话）与本乡镇2023年报告（2023/640221300.json）相同（阈值60%）（文本过长，按句抽样比较约1/8的文字）") ?? false,
                      f.first?.message ?? "no flag")
        for name in names[1..<5] { XCTAssertEqual(copied(name), [], name) }
    }
}

