import Aggregate
import Foundation
@testable import Import
import XCTest

/// Shapes seen in published township reports (fixtures made up, in the shapes observed): page
/// shells before the title, titles garbled in publishing, traditional characters, dates in the
/// page's meta lines.
final class ReadPublishedShapeTests: XCTestCase {
    func withoutTitle() -> [[String]] {
        var r = ReadFixtures.rows()
        r.removeAll { $0 == ["平罗县演示镇"] || $0 == ["2024年政府信息公开工作年度报告"] }
        return r
    }

    func read(_ rows: [[String]], shape: ReadFixtures.Shape = .tabs, county: String? = nil) throws -> (ReadReport, Report) {
        let r = try ReadFixtures.read(ReadFixtures.text(rows, shape), county: county)
        return (r, try ReadFixtures.decode(r))
    }

    /// A breadcrumb naming 信息公开年度报告 comes before the title; the title lacks 工作.
    func testABreadcrumbBeforeTheTitleIsNotTheTitle() throws {
        let shell: [[String]] = [["当前页面:"], ["首页"], ["> 政务公开"], ["> 乡镇信息公开年度报告"],
                                 ["来源:演示镇 发布时间:2025-02-11"],
                                 ["某某市平罗县演示镇2024年政府信息公开年度报告"], ["(2025年2月11日)"]]
        let (a, report) = try read(shell + withoutTitle())
        XCTAssertEqual(report.unit.name, "演示镇", "\(a.account.found)")
        XCTAssertEqual(report.unit.county, "平罗县")
        XCTAssertEqual(report.publishedOn?.description, "2025-02-11")
    }

    /// A title whose words were scrambled in publishing still gives unit, county and year.
    func testAGarbledTitleStillNamesTheUnit() throws {
        let shell: [[String]] = [["某某县人民政府 The People's Government"], ["政府信息公开"],
                                 ["平罗县演示镇2024年政府信息公开 工作告年度报"]]
        let (a, report) = try read(shell + withoutTitle())
        XCTAssertEqual(report.unit.name, "演示镇", "\(a.account.found)")
        XCTAssertEqual(report.unit.county, "平罗县")
        XCTAssertTrue(a.account.found.contains { $0.hasPrefix("year 2024 from the title") }, "\(a.account.found)")
    }

    /// Dates in a page's meta lines: 来源…时间, 撰写时间 with the date on the next line, 成文日期.
    func testPublicationDateFromThePagesMetaLines() throws {
        let cases: [([[String]], String)] = [
            ([["来源:某某县人民政府办公室 时间:2025-01-31"]], "2025-01-31"),
            ([["撰写时间"], ["2025年01月12日 17:12:21"], ["来源"], ["演示镇"]], "2025-01-12"),
            ([["索 引 号 1133/2025-104757 公开方式 主动公开"], ["成文日期 2025-01-16 发布机构 演示镇"]], "2025-01-16"),
        ]
        for (shell, want) in cases {
            let (_, report) = try read(shell + ReadFixtures.rows())
            XCTAssertEqual(report.publishedOn?.description, want, "\(shell)")
        }
        // A meta table's cells: 发文日期 | 2025-01-04 |.
        let (_, table) = try read([["发布机构 | 演示镇 | 发文日期 | 2025-01-04 |"]] + ReadFixtures.rows(), shape: .oneCellPerLine)
        XCTAssertEqual(table.publishedOn?.description, "2025-01-04")
        // No page line, no date under the signature: the date just under the title.
        var unsigned = withoutTitle()
        unsigned.removeAll { $0 == ["2025年1月15日"] }
        for line in ["2025年01月18日来源:演示镇", "（2025年1月19日）"] {
            let (a, under) = try read([["平罗县演示镇2024年政府信息公开工作年度报告"], [line]] + unsigned)
            XCTAssertEqual(under.publishedOn?.description, line.contains("18") ? "2025-01-18" : "2025-01-19", "\(a.account.found)")
        }
        let (_, period) = try read([["平罗县演示镇2024年政府信息公开工作年度报告"], ["（2024年1月1日至2024年12月31日）"]] + unsigned)
        XCTAssertNil(period.publishedOn, "a statistics period is no publication date")
        // A 时间 that is not the page's 来源 line is not a publication date.
        let (_, other) = try read([["统计时间:2024-12-31"]] + ReadFixtures.rows())
        XCTAssertEqual(other.publishedOn?.description, "2025-01-15", "the signature's date")
    }

    /// A report published in traditional characters throughout (行政處罰, 主動公開, 行政復議,
    /// 沒有現成信息, 改進, 繼續辦理): every figure read as in simplified.
    func testTraditionalCharactersThroughout() throws {
        let map: [Character: Character] = [
            "罚": "罰", "动": "動", "复": "復", "没": "沒", "进": "進", "继": "繼", "开": "開", "处": "處",
            "请": "請", "数": "數", "报": "報", "况": "況", "执": "執", "结": "結", "转": "轉", "办": "辦",
            "总": "總", "计": "計", "规": "規", "范": "範", "发": "發", "废": "廢", "现": "現", "许": "許",
            "强": "強", "费": "費", "项": "項", "议": "議", "诉": "訴", "讼": "訟", "维": "維", "纠": "糾",
            "审": "審", "无": "無", "补": "補", "确": "確", "举": "舉", "访": "訪", "类": "類", "属": "屬",
            "镇": "鎮", "县": "縣", "关": "關", "机": "機", "业": "業", "构": "構", "务": "務", "会": "會",
        ]
        let text = String(ReadFixtures.text(ReadFixtures.rows(), .oneCellPerLine).map { map[$0] ?? $0 })
        XCTAssertTrue(text.contains("行政處罰") && text.contains("主動公開") && text.contains("行政復議"))
        let read = try ReadFixtures.read(text)
        XCTAssertEqual(read.account.doubts, [])
        XCTAssertEqual(ReadFixtures.cells(try ReadFixtures.decode(read)), ReadFixtures.expected)
        XCTAssertEqual(try ReadFixtures.decode(read).unit.name, "演示镇")
    }

    /// Titles as portals print them: the county's government before the township, a meta
    /// table's 标题 label, a first title line with the year only and the unit below it.
    func testTitlesAsPortalsPrintThem() throws {
        let titles: [([[String]], String, String)] = [
            ([["某某市平罗县人民政府演示街道办事处2024年政府信息公开工作年度报告"]], "演示街道", "平罗县"),
            ([["索引号000014349/2025-74857"], ["标题平罗县演示乡2024年政府信息公开工作年度报告"], ["平罗县演示乡2024年政府信息公开工作年度报告"]], "演示乡", "平罗县"),
            ([["2024年政府信息公开工作年度报告"], ["平罗县演示镇人民政府"], ["2024年政府信息公开工作年度报告"]], "演示镇", "平罗县"),
        ]
        for (title, unit, county) in titles {
            var r = withoutTitle()
            r.removeAll { $0 == ["演示镇人民政府"] }
            r.insert(contentsOf: title, at: 0)
            let (a, report) = try read(r, county: "（县）")
            XCTAssertEqual(report.unit.name, unit, "\(title) \(a.account.found)")
            XCTAssertEqual(report.unit.county, county, "\(title)")
            XCTAssertEqual(report.year, 2024)
        }
    }

    /// 一、 headings worded otherwise: the overview is still the overview.
    func testOverviewHeadingsWordedOtherwise() throws {
        for heading in ["一、2024年政务公开总体情况", "一、2024年度政府信息公开工作总体情况", "一、政府信息公开工作的基本情况", "一、工作基本情况"] {
            let rows = ReadFixtures.rows().map { $0 == ["一、总体情况"] ? [heading] : $0 }
            let (a, _) = try read(rows)
            XCTAssertEqual(a.json["narrative"]?["overview"], .string("2024年，演示镇通过政府门户网站主动公开信息88条，政务微信公众号发布信息40条。"), heading)
        }
    }

    /// An older 三 whose （六）其他处理 is one row with figures: in doubt, never spread over the
    /// format's three rows, and every other row read.
    func testAGroupLineWithFiguresIsInDoubt() throws {
        var rows = ReadFixtures.rows(groups: .ownLine)
        let other = Catalog.section(.requests).rows.first { $0.path[0] == "otherHandling" }!.group!
        let g = rows.firstIndex(of: [other])!
        rows.replaceSubrange(g...(g + 3), with: [[other, "0", "0", "0", "0", "0", "0", "0"]])
        for shape in [ReadFixtures.Shape.oneCellPerLine, .tabs, .barAfterCell] {
            let read = try ReadFixtures.read(ReadFixtures.text(rows, shape))
            XCTAssertEqual(read.account.doubts.map(\.path), ["requests.otherHandling"], "\(shape)")
            let report = try ReadFixtures.decode(read)
            XCTAssertFalse(report.present[Catalog.index("requests.otherHandling.other.total")], "\(shape)")
            XCTAssertEqual(report.value("requests.resultTotal.total"), ReadFixtures.requestRow("resultTotal")[6], "\(shape)")
        }
    }

    /// A figure after several channels (门户网站、融媒、微信公众号…80余条) is their sum, no
    /// channel's own: not read; a figure per channel still is.
    func testAFigureForSeveralChannelsIsNoChannelsOwn() throws {
        let old = ["2024年，演示镇通过政府门户网站主动公开信息88条，政务微信公众号发布信息40条。"]
        let cases: [(String, [String: Int64])] = [
            ("通过某某县人民政府门户网站、某某融媒、“演示发布”微信公众号及时主动公开政府信息80余条。", [:]),
            ("通过政府网站、微信公众号、政务微博等平台发布信息共计300条。", [:]),
            ("政府网站发布信息32条、微信公众号发布信息259条。", ["portalItems": 32, "wechatItems": 259]),
        ]
        for (sentence, want) in cases {
            let rows = ReadFixtures.rows().map { $0 == old ? [sentence] : $0 }
            let (a, report) = try read(rows)
            XCTAssertEqual(a.account.doubts, [], sentence)
            for key in ["portalItems", "wechatItems", "weiboItems", "villageNotices"] {
                let path = "overview.\(key)"
                XCTAssertEqual(report.present[Catalog.index(path)] ? report.value(path) : nil, want[key], "\(sentence) \(key)")
            }
        }
    }

    /// A PDF's rows whose long label wraps, the figures on the first piece's line and the
    /// label's end on the next (2.申请人逾期未按收费通知要求缴纳 0 0 … / 费用、行政机关…).
    func testLongLabelsCutBeforeTheirFigures() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(groups: .ownLine), .singleSpaces)
        var cut = 0
        for row in Catalog.section(.requests).rows {
            let label = row.label
            let keep = ["notHeld": 10, "reconfirmation": 18, "correctionOverdue": 20, "feeUnpaid": 17][row.path.last!]
            guard let keep, let line = text.split(separator: "\n").first(where: { $0.hasPrefix(label + " ") }) else { continue }
            let figures = line.dropFirst(label.count)
            text = text.replacingOccurrences(of: String(line), with: String(label.prefix(keep)) + figures + "\n" + String(label.dropFirst(keep)))
            cut += 1
        }
        XCTAssertEqual(cut, 4, text)
        let read = try ReadFixtures.read(text)
        XCTAssertEqual(read.account.doubts, [])
        XCTAssertEqual(ReadFixtures.cells(try ReadFixtures.decode(read)), ReadFixtures.expected)
    }

    /// 一's subsections named like later headings ((一)主动公开政府信息情况) stay in 一; 二
    /// headed 主动公开信息情况 is 二.
    func testSubsectionsOfTheOverviewAreNotHeadings() throws {
        let old = ["2024年，演示镇通过政府门户网站主动公开信息88条，政务微信公众号发布信息40条。"]
        for second in ["二、主动公开政府信息情况", "二、主动公开信息情况"] {
            var rows = ReadFixtures.rows().map { $0 == ["二、主动公开政府信息情况"] ? [second] : $0 }
            let i = rows.firstIndex(of: old)!
            rows.replaceSubrange(i...i, with: [["（一）主动公开政府信息情况"], old, ["（二）收到和处理政府信息公开申请情况"], ["本年收到申请15件。"]])
            for shape in [ReadFixtures.Shape.oneCellPerLine, .tabs] {
                let (a, report) = try read(rows, shape: shape)
                XCTAssertEqual(ReadFixtures.cells(report), ReadFixtures.expected, "\(second) \(shape)")
                XCTAssertEqual(report.value("overview.portalItems"), 88, "\(second) \(shape)")
                guard case .string(let overview)? = a.json["narrative"]?["overview"] else { XCTFail("no overview"); continue }
                XCTAssertTrue(overview.contains("本年收到申请15件") && !overview.contains("第二十条"), overview)
            }
        }
    }

    /// The fee column headed in 元 (本年收费金额（单位：元）): the figure is converted to the
    /// format's 万元, never taken as 万元; a 元 figure finer than a fen is in doubt.
    func testFeesStatedInYuan() throws {
        func rows(_ header: String, _ fee: String) -> [[String]] {
            ReadFixtures.rows().map {
                $0 == ["信息内容", "本年收费金额（单位：万元）"] ? ["信息内容", header] : $0 == ["行政事业性收费", "1.25"] ? ["行政事业性收费", fee] : $0
            }
        }
        for shape in [ReadFixtures.Shape.oneCellPerLine, .tabs, .markdown] {
            let (_, yuan) = try read(rows("本年收费金额（单位：元）", "12500"), shape: shape)
            XCTAssertEqual(ReadFixtures.cells(yuan), ReadFixtures.expected, "\(shape)")
            let (a, fine) = try read(rows("本年收费金额(单位:元)", "12500.005"), shape: shape)
            XCTAssertEqual(a.account.doubts.map(\.path), ["proactive.feesTenThousandYuan"], "\(shape)")
            XCTAssertFalse(fine.present[Catalog.index("proactive.feesTenThousandYuan")])
            let (_, wan) = try read(rows("本年收费金额（单位：万元）", "1.25"), shape: shape)
            XCTAssertEqual(ReadFixtures.cells(wan), ReadFixtures.expected, "\(shape)")
        }
    }

    /// A province's extra row in the 2021 format's 二 (第二十条第（九）项 政府集中采购) does not
    /// make it the 2019 format: every figure read, the extra row ignored.
    func testAnExtraProcurementRowIsNotThe2019Format() throws {
        var rows = ReadFixtures.rows()
        let i = rows.firstIndex(of: ["三、收到和处理政府信息公开申请情况"])!
        rows.insert(contentsOf: [["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"], ["政府集中采购", "2", "35.6"]], at: i)
        for shape in [ReadFixtures.Shape.oneCellPerLine, .tabs] {
            let (a, report) = try read(rows, shape: shape)
            XCTAssertEqual(a.json["edition"], .string("2021"), "\(shape)")
            XCTAssertEqual(ReadFixtures.cells(report), ReadFixtures.expected, "\(shape)")
        }
    }

    /// Signed by the government's office, or titled 某镇人民政府关于…: the unit still read.
    func testOfficeSignaturesAndTitlesWith关于() throws {
        for office in ["演示镇人民政府党政办公室", "演示镇人民政府办公室"] {
            let rows = withoutTitle().map { $0 == ["演示镇人民政府"] ? [office] : $0 }
            let (a, report) = try read(rows, county: "平罗县")
            XCTAssertEqual(report.unit.name, "演示镇", "\(office) \(a.account.found)")
        }
        var r = withoutTitle()
        r.removeAll { $0 == ["演示镇人民政府"] }
        r.insert(["平罗县演示镇人民政府关于2024年政府信息公开工作年度报告"], at: 0)
        let (_, titled) = try read(r)
        XCTAssertEqual(titled.unit.name, "演示镇")
        XCTAssertEqual(titled.unit.county, "平罗县")
    }

    /// A page that lost its cell borders runs the figures into the labels (规章000,
    /// 行政许可36): a single figure is still read; several are in doubt, never split by guess.
    func testFiguresRunIntoTheLabels() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(), .tabs)
        var runTogether: [String] = []
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "\t").map(String.init)
            guard let label = cells.first, cells.count >= 2, cells.dropFirst().allSatisfy({ Double($0) != nil }),
                  Labels.proactiveRow(Labels.key(label)) != nil || label.hasPrefix("一、本年新收") || label == "3.其他" else { continue }
            let joined = label + cells.dropFirst().joined()
            text = text.replacingOccurrences(of: String(line), with: joined)
            runTogether.append(joined)
        }
        XCTAssertEqual(runTogether.count, 8, "\(runTogether)")
        let read = try ReadFixtures.read(text)
        let report = try ReadFixtures.decode(read)
        XCTAssertEqual(Set(read.account.doubts.map(\.path)),
                       ["proactive.rules", "proactive.normativeDocuments", "requests.received", "requests.otherHandling.other"])
        XCTAssertEqual(report.value("proactive.licensing"), 36)
        XCTAssertEqual(report.value("proactive.penalties"), 5)
        XCTAssertEqual(ReadFixtures.cells(report)["proactive.feesTenThousandYuan"], "1.25")
        XCTAssertFalse(report.present[Catalog.index("requests.received.total")])
        XCTAssertEqual(report.value("requests.disclosed.total"), 11)
    }

    /// A county-level city before the township: 某某市演示镇 → county 某某市, unit 演示镇.
    func testACountyLevelCityIsTheCounty() throws {
        var r = withoutTitle()
        r.insert(["灵武市演示镇2024年政府信息公开工作年度报告"], at: 0)
        let (_, report) = try read(r, county: "（县）")
        XCTAssertEqual(report.unit.name, "演示镇")
        XCTAssertEqual(report.unit.county, "灵武市")
        // 市 inside a township's name is no county: 新市镇, 平罗县新市镇.
        for (title, unit, county) in [("新市镇2024年政府信息公开工作年度报告", "新市镇", "（县）"), ("平罗县新市镇2024年政府信息公开工作年度报告", "新市镇", "平罗县")] {
            var t = withoutTitle()
            t.insert([title], at: 0)
            let (_, r) = try read(t, county: "（县）")
            XCTAssertEqual(r.unit.name, unit, title)
            XCTAssertEqual(r.unit.county, county, title)
        }
    }
}
