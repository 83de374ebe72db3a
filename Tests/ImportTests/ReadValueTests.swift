import Aggregate
import Foundation
@testable import Import
import XCTest

/// What a cell says: not stated, a figure, a figure with a remark, or a doubt — never a guess.
final class ReadValueTests: XCTestCase {
    /// The fixture in tabs with one row's cells replaced.
    func text(row label: String, cells: [String], shape: ReadFixtures.Shape = .tabs) -> String {
        ReadFixtures.text(ReadFixtures.rows(cell: { l, v in l == label ? cells : v.map(String.init) }), shape)
    }

    func testBlankAndDashCellsAreNotStatedNotZero() throws {
        for mark in ["/", "—", "－", "-", "无", "——"] {
            let read = try ReadFixtures.read(text(row: "1.属于国家秘密", cells: ["0", mark, "0", "0", "0", "0", "0"]))
            let report = try ReadFixtures.decode(read)
            XCTAssertFalse(report.present[Catalog.index("requests.withheld.stateSecret.commercial")], mark)
            XCTAssertTrue(report.present[Catalog.index("requests.withheld.stateSecret.naturalPerson")], mark)
            XCTAssertEqual(report.value("requests.withheld.stateSecret.total"), 0, mark)
            XCTAssertEqual(read.account.doubts, [], mark)
            XCTAssertEqual(read.account.cellsBlank, 1, mark)
            XCTAssertTrue(report.notes.contains { $0.rule == .incomplete && $0.path == "requests.withheld.stateSecret.commercial" }, mark)
        }
        // An empty cell inside a row (between tabs) likewise.
        let report = try ReadFixtures.decode(try ReadFixtures.read(text(row: "2.重复申请", cells: ["0", "0", "", "0", "0", "0", "0"])))
        XCTAssertFalse(report.present[Catalog.index("requests.notProcessed.repeated.research")])
        XCTAssertTrue(report.present[Catalog.index("requests.notProcessed.repeated.publicInterest")])
    }

    func testZeroFullWidthDigitsAndThousandsSeparators() throws {
        let figures = ["１２", "1", "0", "0", "1", "0", "1４"]
        let report = try ReadFixtures.decode(try ReadFixtures.read(text(row: "一、本年新收政府信息公开申请数量", cells: figures)))
        XCTAssertEqual(report.value("requests.received.naturalPerson"), 12)
        XCTAssertEqual(report.value("requests.received.total"), 14)
        XCTAssertEqual(CellValue.parse("1,234"), .count(1234, approximate: false))
        XCTAssertEqual(CellValue.parse("1，234"), .count(1234, approximate: false))
        XCTAssertEqual(CellValue.parse("12,345,678"), .count(12_345_678, approximate: false))
        XCTAssertEqual(CellValue.parse("0"), .count(0, approximate: false))
        XCTAssertEqual(CellValue.parse(" ０ "), .count(0, approximate: false))
        XCTAssertEqual(CellValue.parse("12,34"), .garbled("12,34"))
    }

    func testApproximateFiguresAreReadAndNoted() throws {
        XCTAssertEqual(CellValue.parse("15余"), .count(15, approximate: true))
        XCTAssertEqual(CellValue.parse("15余条"), .count(15, approximate: true))
        let read = try ReadFixtures.read(text(row: "行政许可", cells: ["36余"]))
        XCTAssertEqual(try ReadFixtures.decode(read).value("proactive.licensing"), 36)
        XCTAssertTrue(read.account.notes.contains { $0.hasPrefix("proactive.licensing") && $0.contains("approximate") }, "\(read.account.notes)")
    }

    func testFeesInTenThousandYuanWithDecimals() throws {
        for (cell, want) in [("1.25", "1.25"), ("0.5", "0.5"), ("３.００", "3"), ("0", "0")] {
            let text = ReadFixtures.text(ReadFixtures.rows(), .tabs).replacingOccurrences(of: "行政事业性收费\t1.25", with: "行政事业性收费\t\(cell)")
            let report = try ReadFixtures.decode(try ReadFixtures.read(text))
            XCTAssertEqual(Amount(millionths: report.value("proactive.feesTenThousandYuan")).description, want, cell)
        }
        // A fraction where a count is due is in doubt.
        let read = try ReadFixtures.read(text(row: "行政许可", cells: ["3.5"]))
        XCTAssertEqual(read.account.doubts.map(\.path), ["proactive.licensing"])
        XCTAssertFalse(try ReadFixtures.decode(read).present[Catalog.index("proactive.licensing")])
    }

    func testGarbledCellsAreInDoubtWithTheirPlace() throws {
        for bad in ["1O", "12件", "l2"] {
            let read = try ReadFixtures.read(text(row: "2.重复申请", cells: ["0", bad, "0", "0", "0", "0", "0"]))
            let report = try ReadFixtures.decode(read)
            XCTAssertEqual(read.account.doubts.count, 1, bad)
            let d = try XCTUnwrap(read.account.doubts.first)
            XCTAssertEqual(d.path, "requests.notProcessed.repeated.commercial", bad)
            XCTAssertTrue(d.place.hasPrefix("line "), d.place)
            XCTAssertTrue(d.place.contains("2.重复申请") && d.place.contains("商业企业"), d.place)
            XCTAssertFalse(report.present[Catalog.index("requests.notProcessed.repeated.commercial")], bad)
            XCTAssertTrue(report.present[Catalog.index("requests.notProcessed.repeated.research")], bad)
        }
    }

    /// A row of seven read as two numbers is never spread over the columns.
    func testAWrongValueCountPutsTheRowInDoubt() throws {
        let read = try ReadFixtures.read(text(row: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", cells: ["2", "2"]))
        let report = try ReadFixtures.decode(read)
        XCTAssertEqual(read.account.doubts.map(\.path), ["requests.partlyDisclosed"])
        XCTAssertTrue(read.account.doubts[0].reason.contains("found 2 value cells where 7 are expected"), read.account.doubts[0].reason)
        for col in Catalog.applicantColumns {
            XCTAssertFalse(report.present[Catalog.index("requests.partlyDisclosed.\(col.key!)")])
        }
        // Eight where seven are expected, likewise.
        let eight = try ReadFixtures.read(text(row: "一、本年新收政府信息公开申请数量", cells: ["12", "1", "0", "0", "1", "0", "14", "3"]))
        XCTAssertEqual(eight.account.doubts.map(\.path), ["requests.received"])
        // One cell per line, one cell missing: the count says so.
        let perLine = try ReadFixtures.read(text(row: "二、上年结转政府信息公开申请数量", cells: ["1", "0", "0", "0", "0", "1"], shape: .oneCellPerLine))
        XCTAssertEqual(perLine.account.doubts.map(\.path), ["requests.carriedOver"])
    }

    /// A document that ends inside a table: the rows after the last one read are not stated.
    func testADocumentEndingInsideATableIsIncompleteFromThere() throws {
        let full = ReadFixtures.text(ReadFixtures.rows(), .tabs)
        let cut = full.components(separatedBy: "\n").prefix { !$0.contains("3.补正后申请内容仍不明确") }.joined(separator: "\n")
        let read = try ReadFixtures.read(cut)
        let report = try ReadFixtures.decode(read)
        XCTAssertTrue(report.present[Catalog.index("requests.unavailable.needsCreation.total")])
        XCTAssertFalse(report.present[Catalog.index("requests.unavailable.stillUnclear.total")])
        XCTAssertFalse(report.present[Catalog.index("requests.carriedForward.total")])
        XCTAssertFalse(report.has(.appeals))
        XCTAssertTrue(report.notes.contains { $0.rule == .incomplete })
        XCTAssertTrue(read.account.tables.contains { $0.contains("last row read: 2.没有现成信息需要另行制作") }, "\(read.account.tables)")
    }
}
