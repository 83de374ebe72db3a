@testable import Aggregate
import Foundation
import XCTest

/// textTable, proseSum, contradiction, wrongYear and wrongUnit: hits and the near misses that must not fire.
final class ProseStatementTests: XCTestCase {
    static let prose: Set<Rule> = [.textTable, .proseSum, .contradiction, .wrongYear, .wrongUnit, .boilerplate, .copied]

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// A report of 城关镇 2024 with these cells and this prose, decoded as a file would be.
    static func report(overview: String? = nil, problems: String? = nil, other: String? = nil, cells: [String: Int64] = [:],
                       fee: String = "0", name: String = "城关镇", year: Int = 2024) throws -> Report {
        var narrative: [String] = []
        if let overview { narrative.append("\"overview\": \(quoted(overview))") }
        if let problems { narrative.append("\"problems\": \(quoted(problems))") }
        if let other { narrative.append("\"otherMatters\": \(quoted(other))") }
        let extra = "\"narrative\": {\(narrative.joined(separator: ", "))},\n\"informationProcessingFeeYuan\": \(fee)"
        return try TestReports.report(TestReports.json(name: name, year: year, publishedOn: "\(year + 1)-01-20", cells: cells, extra: extra),
                                      expectedYear: year)
    }

    static func findings(_ overview: String, cells: [String: Int64] = [:], fee: String = "0", problems: String? = nil,
                         other: String? = nil) throws -> [Flag] {
        try report(overview: overview, problems: problems, other: other, cells: cells, fee: fee).narrative.findings
    }

    static let figures: [String: Int64] = [
        "overview.portalItems": 122, "overview.wechatItems": 299, "overview.weiboItems": 251, "overview.villageNotices": 1200,
        "overview.hotlineReplies": 116, "overview.messageBoardReplies": 2, "overview.trainingSessions": 4, "overview.trainees": 16,
    ]

    func testAFigureAgainstItsCellQuotesTheSentenceAndNamesTheCell() throws {
        let f = try Self.findings("本年度，通过政府门户网站主动公开各类政府信息共计120条，涵盖财政预决算、社会救助等领域。", cells: Self.figures)
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].rule, .textTable)
        XCTAssertEqual(f[0].severity, .error)
        XCTAssertEqual(f[0].path, "overview.portalItems")
        XCTAssertEqual(f[0].message, "一、总体情况“本年度，通过政府门户网站主动公开各类政府信息共计120条，涵盖财政预决算、社会救助等领域”称120条，与表中“一、总体情况 政府网站主动公开信息（条）”的122不符")
    }

    func testEachQuantityInTheUsualPhrasings() throws {
        let cases: [(String, String, [String: Int64])] = [
            ("本年度共收到政府信息公开申请6件，均依法答复。", "requests.received.total", ["requests.received.total": 5]),
            ("本年度新收政府信息公开申请6件。", "requests.received.total", ["requests.received.total": 5]),
            ("全年受理政府信息公开申请6件，主要涉及土地征收。", "requests.received.total", ["requests.received.total": 5]),
            ("本年度共收到6件政府信息公开申请。", "requests.received.total", ["requests.received.total": 5]),
            ("上年结转2件，已全部办理。", "requests.carriedOver.total", ["requests.carriedOver.total": 1]),
            ("另有2件申请结转至下年度继续办理。", "requests.carriedForward.total", ["requests.carriedForward.total": 1]),
            ("结转下年度办理3件。", "requests.carriedForward.total", ["requests.carriedForward.total": 1]),
            ("全年共办结政府信息公开申请7件。", "requests.resultTotal.total", ["requests.resultTotal.total": 4]),
            ("本年度办结的申请中，予以公开3件，部分公开1件。", "requests.disclosed.total", ["requests.disclosed.total": 4]),
            ("全年发生政府信息公开行政复议案件2件。", "appeals.review.total", ["appeals.review.total": 1]),
            ("全年发生行政诉讼案件1起。", "appeals.litigationDirect.total", [:]),
            ("本年度制发行政规范性文件3件。", "proactive.normativeDocuments.issued", ["proactive.normativeDocuments.issued": 2]),
            ("本年度废止行政规范性文件1件。", "proactive.normativeDocuments.repealed", [:]),
            ("目前现行有效的行政规范性文件9件。", "proactive.normativeDocuments.inForce", ["proactive.normativeDocuments.inForce": 8]),
            ("全年办理行政许可事项26件。", "proactive.licensing", ["proactive.licensing": 24]),
            ("全年作出行政处罚决定3件。", "proactive.penalties", [:]),
            ("全年实施行政强制措施2件。", "proactive.compulsoryMeasures", [:]),
            ("本年度行政事业性收费12.5万元。", "proactive.feesTenThousandYuan", [:]),
            ("政务微信公众号发布信息300条。", "overview.wechatItems", Self.figures),
            ("政务微博发布信息250条。", "overview.weiboItems", Self.figures),
            ("通过村务公开栏公示各类信息1100条。", "overview.villageNotices", Self.figures),
            ("全年共回复“12345”政务服务热线投诉件117件。", "overview.hotlineReplies", Self.figures),
            ("回复议政网留言3条。", "overview.messageBoardReplies", Self.figures),
            ("全年开展政务公开培训5次。", "overview.trainingSessions", Self.figures),
            ("全年组织培训4次，参训人员30人次。", "overview.trainees", Self.figures),
        ]
        for (text, path, cells) in cases {
            let f = try Self.findings(text, cells: cells)
            XCTAssertEqual(f.map(\.path), [path], text)
            XCTAssertEqual(f.map(\.rule), [.textTable], text)
        }
    }

    func testAgreeingFiguresAndNearMissesDoNotFire() throws {
        let cells = Self.figures.merging(["requests.received.total": 5, "requests.carriedOver.total": 1, "requests.carriedForward.total": 2,
                                          "requests.resultTotal.total": 4, "requests.disclosed.total": 4], uniquingKeysWith: { a, _ in a })
        let quiet = [
            "本年度，通过政府门户网站主动公开各类政府信息共计122条。",
            "全年累计发布信息1200余条。通过村务公开栏等方式公开，全年累计发布信息1100余条。",   // 余: the figure or more
            "下辖9个村（居）全部落实村（居）务公开工作，通过村（居）务公开栏公开低保、养老等重点信息，全年累计发布信息1200余条。",
            "全年共回复“12345”政务服务热线投诉件116件，石嘴山市议政网留言2条。",
            "2023年收到政府信息公开申请3件。",                      // another year's figure
            "上年度收到政府信息公开申请3件。",
            "2024年1至6月通过门户网站发布信息60条。",                // a part of the year
            "12月份通过门户网站发布信息15条。",
            "通过门户网站“政策解读”专题发布解读信息20条。",           // a sub-channel
            "通过门户网站、微信公众号等平台发布信息，全年共发布信息500条。",  // no single channel
            "依据《条例》第二十条规定公开相关信息。",
            "信息公开率达到100%，按时办结率100%。",
            "下一步，计划开展业务培训6次。",                          // a plan
            "2025年将开展培训8次。",
            "参加上级组织的政务公开培训2次；组织各村工作人员进行培训2次。宝丰镇开展培训4次，对各村工作人员16余人进行培训。",
            "全年新收政府信息公开申请5件，上年结转1件，办结4件，结转下年度2件。",
            "本年度新收政府信息公开申请5件，其中自然人申请4件。",
            "办理县人大代表建议2件、政协委员提案1件，均已按期答复。",
            "法律顾问参与会商疑难申请5件。",
            "全年门户网站发布信息近130条。",                          // vague
            "本年度门户网站发布信息较上年增加20条。",
            "通过政务新媒体发布信息550条，其中微信299条、微博251条。",
            "小镇在市政府官网、日报、“小镇发布”微信公众号等平台公开各类信息165条。",   // several channels together
            "镇政府微信公众账号（1个）发布信息299条；微博账号（1个）发布信息251条。",
        ]
        for text in quiet {
            XCTAssertEqual(try Self.findings(text, cells: cells), [], text)
        }
        // A cell the tables do not state: no finding.
        let r = try TestReports.report(TestReports.json(drop: ["overview"], extra: "\"narrative\": {\"overview\": \"政务微信公众号发布信息300条。\"}"))
        XCTAssertEqual(r.narrative.findings, [])
    }

    func testMoreThanStatedIsAllowedButNotLess() throws {
        XCTAssertEqual(try Self.findings("全年累计发布村务公开信息1300余条。", cells: Self.figures).map(\.path), ["overview.villageNotices"])
        XCTAssertEqual(try Self.findings("村务公开栏全年公示信息1100条以上。", cells: Self.figures), [])
    }

    func testBreakdownsThatDoNotAddUp() throws {
        let parts: [String: Int64] = ["overview.portalItems": 122, "overview.wechatItems": 200, "overview.weiboItems": 86]
        let f = try Self.findings("全年共发布信息423条，其中网站122条、微信200条、微博86条。", cells: parts)
        XCTAssertEqual(f.map(\.rule), [.proseSum])
        XCTAssertEqual(f[0].severity, .warning)
        XCTAssertEqual(f[0].path, "narrative.overview")
        XCTAssertTrue(f[0].message.contains("分项122条＋200条＋86条＝408条"), f[0].message)
        XCTAssertEqual(try Self.findings("全年共发布信息408条，其中网站122条、微信200条、微博86条。", cells: parts), [])
        XCTAssertEqual(try Self.findings("全年共发布信息400余条，其中网站122条、微信200条、微博86条。", cells: parts), [])
        XCTAssertEqual(try Self.findings("收到申请5件，其中自然人申请4件。", cells: ["requests.received.total": 5]), [], "one part is not a breakdown")
    }

    func testContradictions() throws {
        let forward: [String: Int64] = ["requests.received.total": 5, "requests.carriedForward.total": 1, "requests.resultTotal.total": 4]
        var f = try Self.findings("本年度新收政府信息公开申请5件，均已按期办结。", cells: forward)
        XCTAssertEqual(f.map(\.rule), [.contradiction])
        XCTAssertEqual(f[0].path, "requests.carriedForward.total")
        XCTAssertEqual(f[0].message, "一、总体情况“本年度新收政府信息公开申请5件，均已按期办结”称申请均已办结，但表中“三、收到和处理政府信息公开申请情况 四、结转下年度继续办理（总计）”为1")
        XCTAssertEqual(try Self.findings("本年度新收政府信息公开申请5件，均已按期办结。", cells: ["requests.received.total": 5, "requests.resultTotal.total": 5]), [])
        XCTAssertEqual(try Self.findings("上年结转申请已全部办结。", cells: forward), [], "the carried-over ones were closed")
        XCTAssertEqual(try Self.findings("全年办理12345热线诉求20件，均已办结。", cells: forward.merging(["overview.hotlineReplies": 20]) { a, _ in a }), [],
                       "hotline work, not requests")

        f = try Self.findings("全年未发生政府信息公开行政复议、行政诉讼案件。", cells: ["appeals.review.total": 1, "appeals.review.upheld": 1])
        XCTAssertEqual(f.map(\.rule), [.contradiction])
        XCTAssertEqual(f[0].path, "appeals.review.total")
        f = try Self.findings("全年无政府信息公开方面的行政复议、行政诉讼案件。", cells: ["appeals.litigationDirect.total": 2, "appeals.litigationDirect.pending": 2])
        XCTAssertEqual(f.map(\.path), ["appeals.litigationDirect.total"])
        XCTAssertEqual(try Self.findings("未发生行政复议被纠错的情况。", cells: ["appeals.review.total": 1, "appeals.review.upheld": 1]), [])
        XCTAssertEqual(try Self.findings("2023年未发生行政复议。", cells: ["appeals.review.total": 1, "appeals.review.upheld": 1]), [])

        f = try Self.findings("x", fee: "50", other: "本年度未收取信息处理费。")
        XCTAssertEqual(f.map(\.rule), [.contradiction])
        XCTAssertEqual(f[0].path, "informationProcessingFeeYuan")
        XCTAssertTrue(f[0].message.hasPrefix("六、其他需要报告的事项“本年度未收取信息处理费”"), f[0].message)
        f = try Self.findings("x", fee: "0", other: "本年度收取信息处理费120元。")
        XCTAssertEqual(f.map(\.rule), [.contradiction])
        XCTAssertEqual(try Self.findings("x", fee: "120", other: "本年度收取信息处理费120元。"), [])
        XCTAssertEqual(try Self.findings("x", fee: "100", other: "本年度收取信息处理费120元。").map(\.rule), [.textTable])

        f = try Self.findings("本年度未收到政府信息公开申请。", cells: ["requests.received.total": 2, "requests.received.naturalPerson": 2])
        XCTAssertEqual(f.map(\.rule), [.contradiction], "one rule per finding, not textTable as well")
        XCTAssertEqual(f[0].path, "requests.received.total")
        XCTAssertEqual(try Self.findings("宝丰镇本年度未收到政府信息公开的申请。"), [])
        XCTAssertEqual(try Self.findings("本年度未收到热线投诉申请。", cells: ["requests.received.total": 2]), [])
    }

    func testWrongYear() throws {
        var f = try Self.findings("x", other: "本报告统计数据从2023年1月1日至12月31日。")
        XCTAssertEqual(f.map(\.rule), [.wrongYear])
        XCTAssertEqual(f[0].severity, .error)
        XCTAssertEqual(f[0].path, "narrative.otherMatters")
        XCTAssertEqual(f[0].message, "六、其他需要报告的事项“本报告统计数据从2023年1月1日至12月31日”：统计期限写作2023年，本报告为2024年度报告")
        f = try Self.findings("城关镇2023年政府信息公开工作年度报告")
        XCTAssertEqual(f.map(\.rule), [.wrongYear])
        XCTAssertEqual(try Self.findings("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。").map(\.rule), [.wrongYear])
        for fine in ["本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", "2023年的问题已整改到位。",
                     "2025年工作计划：完善公开目录。", "2023年政府信息公开工作年度报告中提出的问题已全部整改。", "于8月15日按时公开宝丰镇2023年财务决算。", "城关镇2024年政府信息公开工作年度报告"] {
            XCTAssertEqual(try Self.findings(fine), [], fine)
        }
        f = try Self.findings("本报告于20251月15日发布。")
        XCTAssertEqual(f.map(\.rule), [.wrongYear])
        XCTAssertEqual(f[0].severity, .warning)
        XCTAssertEqual(try Self.findings("2024年13月完成整改。").map(\.severity), [.warning])
        XCTAssertEqual(try Self.findings("2024年2月30日完成整改。").map(\.severity), [.warning])
        XCTAssertEqual(try Self.findings("2024年2月29日完成整改。"), [])
    }

    func testAnotherBodysWordsInATownshipReport() throws {
        let f = try Self.findings("本年度，我局认真贯彻《条例》，本局门户网站持续更新。")
        XCTAssertEqual(f.map(\.rule), [.wrongUnit])
        XCTAssertEqual(f[0].severity, .warning)
        XCTAssertEqual(f[0].path, "narrative.overview")
        XCTAssertTrue(f[0].message.contains("“我局、本局”"), f[0].message)
        XCTAssertEqual(try Self.findings("村民委员会按照本委员会章程公开村务；我办及时更新专栏。"), [], "本委员会 and 我办 are not another body")
        let farm = try Self.report(overview: "我局认真贯彻《条例》。", name: "前进农场")
        XCTAssertEqual(farm.narrative.findings, [], "only a township's report is judged on these words")
    }
}
