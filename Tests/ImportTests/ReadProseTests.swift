import Aggregate
import Foundation
@testable import Import
import XCTest

/// Unit, county, year, publication date, overview figures and narrative from the prose.
final class ReadProseTests: XCTestCase {
    func rows(replacing old: [String], with new: [[String]]) -> [[String]] {
        var r = ReadFixtures.rows()
        let i = r.firstIndex(of: old)!
        r.replaceSubrange(i...i, with: new)
        return r
    }

    func read(_ rows: [[String]], file: String = "demo.txt", county: String? = nil) throws -> (ReadReport, Report) {
        let r = try ReadFixtures.read(ReadFixtures.text(rows, .tabs), file: file, county: county)
        return (r, try ReadFixtures.decode(r))
    }

    func withoutTitle() -> [[String]] {
        var r = ReadFixtures.rows()
        r.removeAll { $0 == ["平罗县演示镇"] || $0 == ["2024年政府信息公开工作年度报告"] }
        return r
    }

    func testUnitFromTheTitleInItsForms() throws {
        let titles: [([[String]], String, String)] = [
            ([["演示镇人民政府2024年政府信息公开工作年度报告"]], "演示镇", "（县）"),
            ([["平罗县演示镇人民政府2024年政府信息公开工作年度报告"]], "演示镇", "平罗县"),
            ([["2024年演示乡政府信息公开工作年度报告"]], "演示乡", "（县）"),
            ([["宁夏回族自治区石嘴山市平罗县演示镇"], ["2024 年政府信息公开工作年度报告"]], "演示镇", "平罗县"),
            ([["平 罗 县 演 示 镇 2 0 2 4 年 政 府 信 息 公 开 工 作 年 度 报 告"]], "演示镇", "平罗县"),
        ]
        for (title, unit, county) in titles {
            var r = withoutTitle()
            r.insert(contentsOf: title, at: 0)
            let (_, report) = try read(r, county: "（县）")
            XCTAssertEqual(report.unit.name, unit, "\(title)")
            XCTAssertEqual(report.unit.county, county, "\(title)")
        }
    }

    func testUnitFromTheSignatureElseTheFileName() throws {
        let (a, signed) = try read(withoutTitle(), county: "平罗县")
        XCTAssertEqual(signed.unit.name, "演示镇")
        XCTAssertEqual(signed.unit.county, "平罗县")
        XCTAssertTrue(a.account.found.contains { $0.hasPrefix("unit 演示镇 from the signature") }, "\(a.account.found)")
        var bare = withoutTitle()
        bare.removeAll { $0 == ["演示镇人民政府"] }
        let (b, named) = try read(bare, file: "城南乡.txt")
        XCTAssertEqual(named.unit.name, "城南乡")
        XCTAssertEqual(named.unit.county, "", "no title, no county given: empty, which the decoder allows")
        XCTAssertTrue(b.account.found.contains { $0.contains("from the file name") })
    }

    func testYearFromTheTitleElseTheStatisticsPeriod() throws {
        var r = withoutTitle()
        r.insert(["平罗县演示镇政府信息公开工作年度报告"], at: 0)
        r = r.map { $0 == ["本报告统计数据从2024年1月1日至12月31日。"] ? ["本报告所列数据统计期限自2023年1月1日起至2023年12月31日止。"] : $0 }
        let read = try ReadFixtures.read(ReadFixtures.text(r, .tabs), year: nil)
        XCTAssertEqual(try ReadFixtures.decode(read, year: nil).year, 2023)
        XCTAssertTrue(read.account.found.contains { $0.hasPrefix("year 2023 from the statistics period") })
        // A title for another year than the folder's: the decoder rejects it (wrong year).
        var other = ReadFixtures.rows()
        other[1] = ["2023年政府信息公开工作年度报告"]
        XCTAssertThrowsError(try ReadFixtures.decode(try ReadFixtures.read(ReadFixtures.text(other, .tabs))))
    }

    func testPublicationDateFromThePageLineElseUnderTheSignature() throws {
        // The page shell's line wins over the signature's date; other dates are not taken.
        var shell: [[String]] = [["首页 > 政务公开 > 政府信息公开年报"], ["生成日期：2025-03-02"], ["发布日期：2025-01-20 访问次数：1234"]]
        shell += ReadFixtures.rows()
        let (a, page) = try read(shell)
        XCTAssertEqual(page.publishedOn?.description, "2025-01-20")
        XCTAssertTrue(a.account.found.contains { $0.contains("发布日期") })
        for (line, want) in [("发布时间：2025年1月9日 10:02", "2025-01-09"), ("公开日期:2025/01/21", "2025-01-21"), ("【发布日期】2025.01.22", "2025-01-22")] {
            let (_, r) = try read([[line]] + ReadFixtures.rows())
            XCTAssertEqual(r.publishedOn?.description, want, line)
        }
        // Under the signature, in figures or in Chinese numerals.
        let (_, signed) = try read(ReadFixtures.rows())
        XCTAssertEqual(signed.publishedOn?.description, "2025-01-15")
        let (_, chinese) = try read(rows(replacing: ["2025年1月15日"], with: [["二〇二五年一月二十日"]]))
        XCTAssertEqual(chinese.publishedOn?.description, "2025-01-20")
        // None: unknown, flagged later as dateUnknown.
        var none = ReadFixtures.rows()
        none.removeAll { $0 == ["2025年1月15日"] }
        let (c, unknown) = try read(none)
        XCTAssertNil(unknown.publishedOn)
        XCTAssertTrue(c.account.found.contains("publication date not found (left unknown)"))
    }

    func testAMalformedDateIsInDoubtNotGuessed() throws {
        for bad in ["20251月20日", "2025年13月20日", "2025年2月30日"] {
            let (a, r) = try read(rows(replacing: ["2025年1月15日"], with: [[bad]]))
            XCTAssertNil(r.publishedOn, bad)
            XCTAssertEqual(a.account.doubts.map(\.path), ["publishedOn"], bad)
        }
    }

    func testOverviewFiguresFromTheProse() throws {
        let prose = ["2024年，通过政府门户网站主动公开政府信息1,234条，政务微信公众号发布信息56条，政务微博发布9条；"
                     + "村务公开栏公示信息300余条。全年办理12345热线工单78件，回复网民留言5条。"
                     + "全年组织政务公开培训3次，培训干部45人次。"]
        let (a, r) = try read(rows(replacing: ["2024年，演示镇通过政府门户网站主动公开信息88条，政务微信公众号发布信息40条。"], with: [prose]))
        XCTAssertEqual(r.value("overview.portalItems"), 1234)
        XCTAssertEqual(r.value("overview.wechatItems"), 56)
        XCTAssertEqual(r.value("overview.weiboItems"), 9)
        XCTAssertEqual(r.value("overview.villageNotices"), 300)
        XCTAssertEqual(r.value("overview.hotlineReplies"), 78)
        XCTAssertEqual(r.value("overview.messageBoardReplies"), 5)
        XCTAssertEqual(r.value("overview.trainingSessions"), 3)
        XCTAssertEqual(r.value("overview.trainees"), 45)
        XCTAssertTrue(a.account.notes.contains { $0.hasPrefix("overview.villageNotices") })
    }

    func testAQuantityStatedTwiceDifferentlyIsInDoubt() throws {
        let prose = ["本年度通过政府门户网站发布信息88条。", "政府门户网站累计更新信息90条。"]
        let (a, r) = try read(rows(replacing: ["2024年，演示镇通过政府门户网站主动公开信息88条，政务微信公众号发布信息40条。"], with: prose.map { [$0] }))
        XCTAssertFalse(r.present[Catalog.index("overview.portalItems")])
        XCTAssertEqual(a.account.doubts.map(\.path), ["overview.portalItems"])
        // Stated twice alike: taken.
        let same = ["本年度通过政府门户网站发布信息88条。", "政府门户网站累计更新信息88条。"]
        let (_, s) = try read(rows(replacing: ["2024年，演示镇通过政府门户网站主动公开信息88条，政务微信公众号发布信息40条。"], with: same.map { [$0] }))
        XCTAssertEqual(s.value("overview.portalItems"), 88)
    }

    func testNarrativeAndFee() throws {
        let (a, r) = try read(ReadFixtures.rows())
        XCTAssertEqual(a.json["narrative"]?["problems"], .string("一是公开内容还不够全面。下一步将加强培训。"))
        XCTAssertTrue(r.narrative.hasOverview)
        XCTAssertTrue(r.narrative.hasOtherMatters)
        XCTAssertEqual(r.informationProcessingFeeYuan, Amount(millionths: 0))
        let (_, charged) = try read(rows(replacing: ["本年度未收取信息处理费。"], with: [["本年度共收取信息处理费120元。"]]))
        XCTAssertEqual(charged.informationProcessingFeeYuan, Amount(millionths: 120_000_000))
        // 五 headed without 的, and with other numbering.
        let (altRead, _) = try read(rows(replacing: ["五、存在的主要问题及改进情况"], with: [["（五）存在主要问题及改进情况"]]))
        XCTAssertEqual(altRead.json["narrative"]?["problems"], .string("一是公开内容还不够全面。下一步将加强培训。"))
    }

    /// 六 is the last section: it ends at the signature or at the portal's furniture, which are
    /// not the township's prose (a footer shared by every page would read as a copy).
    func testTheLastSectionEndsAtTheSignatureOrThePagesFurniture() throws {
        let six = ["本年度未收取信息处理费。"]
        let endings: [[[String]]] = [
            [["演示镇人民政府"], ["2025年1月20日"], ["附件：演示镇2024年报.docx【打印本页】"]],
            [["2025年1月20日"]],
            [["【打印本页】 【关闭窗口】"], ["主办：平罗县人民政府办公室　网站标识码：6402210019"]],
            [["版权所有：平罗县人民政府"], ["页面生成时间：2025-06-16 04:31"]],
        ]
        for ending in endings {
            let (a, _) = try read(rows(replacing: six, with: [six] + ending))
            XCTAssertEqual(a.json["narrative"]?["otherMatters"], .string(six[0]), "\(ending)")
        }
        // A line that merely mentions the government, or a date inside a sentence, stays.
        let kept = [["如有疑问，可与演示镇人民政府联系。"], ["2025年1月20日前已完成整改。"]]
        let (b, _) = try read(rows(replacing: six, with: [six] + kept))
        XCTAssertEqual(b.json["narrative"]?["otherMatters"], .string((six + kept.map { $0[0] }).joined(separator: "\n")))
    }

    func testAPageThatIsNoReportIsRejected() {
        let page = "首页\n政务公开\n404 页面不存在\n您访问的页面已删除或不存在\n返回首页\n版权所有：平罗县人民政府"
        XCTAssertThrowsError(try ReadFixtures.read(page)) { error in
            XCTAssertEqual((error as? Unreadable)?.reason, "no 政府信息公开 tables or headings found")
        }
        let index = "政府信息公开年报\n2024年城关镇政府信息公开工作年度报告 2025-01-15\n2024年宝丰镇政府信息公开工作年度报告 2025-01-20\n共2条 第1页"
        guard case .unreadable(let why) = Importer.read(bytes: Array(index.utf8), fileName: "index.txt", expectedYear: 2024) else {
            return XCTFail("an index page is no report")
        }
        XCTAssertEqual(why, "no 政府信息公开 tables or headings found")
    }
}

extension ReadProseTests {
    /// Page furniture on the line above a title that names no unit is not taken for the unit.
    func testPageFurnitureIsNoUnit() throws {
        var r = withoutTitle()
        r.insert(contentsOf: [["字体：[大 中 小]"], ["2024年政府信息公开工作年度报告"]], at: 0)
        let (a, report) = try read(r, county: "平罗县")
        XCTAssertEqual(report.unit.name, "演示镇")
        XCTAssertTrue(a.account.found.contains { $0.hasPrefix("unit 演示镇 from the signature") }, "\(a.account.found)")
        XCTAssertEqual(report.year, 2024)
    }
}
