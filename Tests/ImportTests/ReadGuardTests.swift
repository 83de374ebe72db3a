import Aggregate
import Foundation
@testable import Import
import XCTest

/// Guarded reading: a misread that the arithmetic shows as a shifted row or column makes the file
/// unreadable; a township's own arithmetic error is read as stated (and flagged by the rules).
final class ReadGuardTests: XCTestCase {
    /// A grid whose value cells sit one row below their labels from some row on (a merged label
    /// column that lost a row): every row below is off by one.
    func testAShiftedRowMisreadIsCaught() throws {
        let rows = Catalog.section(.requests).rows
        var grid: [[String]] = [["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
        let values = rows.map { ReadFixtures.requestRow($0.path.joined(separator: ".")) }
        for (r, row) in rows.enumerated() {
            // The all-zero row 1.属于国家秘密 lost: from it on, each label carries the figures of
            // the row below it, and the last label none.
            let k = 4
            let v: [String] = r < k ? values[r].map(String.init) : (r + 1 < values.count ? values[r + 1].map(String.init) : [])
            grid.append([row.label] + v + Array(repeating: "", count: 7 - v.count))
        }
        let doc = Document(format: .docx, blocks: [
            .paragraph(Paragraph("平罗县演示镇2024年政府信息公开工作年度报告", place: "paragraph 1")),
            .paragraph(Paragraph("三、收到和处理政府信息公开申请情况", place: "paragraph 2")),
            .table(ReadFixtures.table(grid)),
        ])
        XCTAssertThrowsError(try ReadFixtures.read(doc, file: "demo.docx")) { error in
            let reason = (error as? Unreadable)?.reason ?? ""
            XCTAssertTrue(reason.hasPrefix("the table could not be read reliably: rows in doubt: "), reason)
            XCTAssertTrue(reason.contains("1.属于国家秘密") && reason.contains("四、结转下年度继续办理"), reason)
            // Rows above the lost one are not in doubt.
            XCTAssertFalse(reason.contains("上年结转"), reason)
        }
    }

    /// Columns shifted by one in several rows (a 总计 read as 自然人): caught too.
    func testAShiftedColumnMisreadIsCaught() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(), .tabs)
        text = text.replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t12\t1\t0\t0\t1\t0\t14", with: "一、本年新收政府信息公开申请数量\t14\t12\t1\t0\t0\t1\t0")
        text = text.replacingOccurrences(of: "（一）予以公开\t10\t1\t0\t0\t0\t0\t11", with: "（一）予以公开\t11\t10\t1\t0\t0\t0\t0")
        XCTAssertThrowsError(try ReadFixtures.read(text)) { error in
            let reason = (error as? Unreadable)?.reason ?? ""
            XCTAssertTrue(reason.hasPrefix("the table could not be read reliably: rows in doubt: "), reason)
            XCTAssertTrue(reason.contains("一、本年新收") && reason.contains("予以公开"), reason)
        }
    }

    /// A township that got its own sums wrong is read as it stands: the rules blame it, not the reader.
    func testATownshipsOwnErrorIsReadAsStated() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(), .tabs)
        text = text.replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t12\t1\t0\t0\t1\t0\t14", with: "一、本年新收政府信息公开申请数量\t12\t1\t0\t0\t1\t0\t15")
        let report = try ReadFixtures.decode(try ReadFixtures.read(text))
        XCTAssertEqual(report.value("requests.received.total"), 15)
        let flags = Rules.check(report)
        XCTAssertTrue(flags.contains { $0.rule == .r3 }, "\(flags)")
        XCTAssertTrue(flags.contains { $0.rule == .r1 }, "\(flags)")
    }
}

extension ReadGuardTests {
    /// A township that left （七）总计 at 0: its own error (R1, R2), not a shifted row.
    func testAForgottenTotalIsTheTownshipsError() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(), .tabs)
        text = text.replacingOccurrences(of: "（七）总计\t13\t1\t0\t0\t1\t0\t15", with: "（七）总计\t0\t0\t0\t0\t0\t0\t0")
        let report = try ReadFixtures.decode(try ReadFixtures.read(text))
        XCTAssertEqual(report.value("requests.resultTotal.total"), 0)
        XCTAssertTrue(Rules.check(report).contains { $0.rule == .r2 })
    }
}
