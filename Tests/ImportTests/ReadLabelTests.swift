import Aggregate
import Foundation
@testable import Import
import XCTest

/// Labels as reports write them: numbering, spaces, widths, traditional characters, variants.
final class ReadLabelTests: XCTestCase {
    func testLabelKeyFolds() {
        XCTAssertEqual(TextFold.labelKey("（一）予以公开").key, "予以公开")
        XCTAssertEqual(TextFold.labelKey("(一) 予以公开").key, "予以公开")
        XCTAssertEqual(TextFold.labelKey("一、本年新收政府信息公开申请数量").key, "本年新收政府信息公开申请数量")
        XCTAssertEqual(TextFold.labelKey("1.属于国家秘密").key, "属于国家秘密")
        XCTAssertEqual(TextFold.labelKey("１、属于国家秘密").key, "属于国家秘密")
        XCTAssertEqual(TextFold.labelKey("①属于国家秘密").key, "属于国家秘密")
        XCTAssertEqual(TextFold.labelKey("规　章").key, "规章")
        XCTAssertEqual(TextFold.labelKey("规\u{00A0}章").key, "规章")
        XCTAssertEqual(TextFold.labelKey("本年（2024）制发件数").key, "本年制发件数")
        XCTAssertEqual(TextFold.labelKey("1.屬于國家秘密").key, "属于国家秘密")
        XCTAssertEqual(TextFold.labelKey("行政規範性文件").key, "行政规范性文件")
        XCTAssertEqual(TextFold.labelKey("ＡＢＣ").key, "ABC")
    }

    func testLabelVariantsReadTheSameFigures() throws {
        let swaps: [(String, String)] = [
            ("行政规范性文件", "规范性文件"),
            ("规章", "规 章"),
            ("本年制发件数", "本年（2024）制发件数"),
            ("（一）予以公开", "(一)予以公开"),
            ("1.属于国家秘密", "1、属于国家秘密"),
            ("2.其他法律行政法规禁止公开", "２．其他法律行政法规禁止公开"),
            ("3.危及“三安全一稳定”", "3.危及\"三安全一稳定\""),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"),
            ("四、结转下年度继续办理", "四、结转下年度继续办理"),
            ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.申請人無正當理由逾期不補正、行政機關不再處理其政府信息公開申請"),
            ("一、本年新收政府信息公开申请数量", "一、本年新收政府信息公開申請數量"),
        ]
        var text = ReadFixtures.text(ReadFixtures.rows(), .tabs)
        for (a, b) in swaps { text = text.replacingOccurrences(of: a, with: b) }
        let read = try ReadFixtures.read(text)
        XCTAssertEqual(read.account.doubts, [])
        XCTAssertEqual(ReadFixtures.cells(try ReadFixtures.decode(read)), ReadFixtures.expected)
    }

    /// 其他 and 总计 are column headers before the first row and row labels after it.
    func testOtherAndTotalAsHeadersAndAsRows() throws {
        let report = try ReadFixtures.decode(try ReadFixtures.read(ReadFixtures.text(ReadFixtures.rows(), .oneCellPerLine)))
        XCTAssertEqual(report.value("requests.resultTotal.total"), 15)
        XCTAssertEqual(report.value("requests.otherHandling.other.total"), 0)
        XCTAssertTrue(report.present[Catalog.index("requests.otherHandling.other.total")])
    }

    /// The 2019 format's Section 二 (新制作/新公开/对外公开总数) gives edition 2019, which the
    /// decoder flags 格式过时 and does not sum.
    func testThe2019FormatIsRecognisedAndFlagged() throws {
        var rows = ReadFixtures.rows()
        let start = rows.firstIndex { $0 == ["第二十条第（一）项"] }!
        let end = rows.firstIndex { $0 == ["三、收到和处理政府信息公开申请情况"] }!
        rows.replaceSubrange(start..<end, with: [
            ["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", "0", "0", "0"], ["规范性文件", "1", "1", "9"],
            ["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政许可", "20", "0", "30"],
            ["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"], ["政府集中采购", "2", "12.5"],
        ])
        let read = try ReadFixtures.read(ReadFixtures.text(rows, .tabs))
        guard case .object(let top) = read.json else { return XCTFail() }
        XCTAssertEqual(top.first { $0.0 == "edition" }?.1, .string("2019"))
        let report = try ReadFixtures.decode(read)
        XCTAssertEqual(report.edition, .y2019)
        XCTAssertTrue(report.notes.contains { $0.rule == .oldFormat })
        XCTAssertFalse(report.has(.proactive))
        XCTAssertEqual(report.value("requests.received.total"), 14, "the other sections are read as usual")
        guard case .object(let p)? = top.first(where: { $0.0 == "proactive" })?.1 else { return XCTFail() }
        XCTAssertEqual(p.first { $0.0 == "normativeDocuments" }?.1,
                       .object([("newlyMade", .integer(1)), ("newlyPublished", .integer(1)), ("totalPublished", .integer(9))]))
        XCTAssertNotNil(p.first { $0.0 == "centralizedProcurement" })
    }
}
