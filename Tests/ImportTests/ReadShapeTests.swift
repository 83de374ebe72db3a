import Aggregate
import Foundation
@testable import Import
import XCTest

/// The ways a table is flattened into text all read to the same figures.
final class ReadShapeTests: XCTestCase {
    func check(_ text: String, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let read = try ReadFixtures.read(text)
        XCTAssertEqual(read.account.doubts, [], label, file: file, line: line)
        let report = try ReadFixtures.decode(read)
        XCTAssertEqual(ReadFixtures.cells(report), ReadFixtures.expected, label, file: file, line: line)
        XCTAssertEqual(report.unit.name, "演示镇", label, file: file, line: line)
        XCTAssertEqual(report.unit.county, "平罗县", label, file: file, line: line)
        XCTAssertEqual(report.publishedOn?.description, "2025-01-15", label, file: file, line: line)
        XCTAssertEqual(report.value("overview.portalItems"), 88, label, file: file, line: line)
        XCTAssertEqual(report.value("overview.wechatItems"), 40, label, file: file, line: line)
        XCTAssertEqual(report.informationProcessingFeeYuan, Amount(millionths: 0), label, file: file, line: line)
        XCTAssertEqual(Rules.check(report), [], label, file: file, line: line)
    }

    func testEveryFlattenedShapeReadsTheSameFigures() throws {
        for shape in ReadFixtures.Shape.allCases {
            for groups in [ReadFixtures.Groups.firstCell, .ownLine] {
                let text = ReadFixtures.text(ReadFixtures.rows(groups: groups), shape)
                try check(text, "\(shape) \(groups)")
            }
        }
    }

    func testHeaderWordsBrokenOverLines() throws {
        for shape in [ReadFixtures.Shape.oneCellPerLine, .barAfterCell, .tabs] {
            try check(ReadFixtures.text(ReadFixtures.rows(brokenHeaders: true), shape), "\(shape) broken headers")
        }
    }

    /// The seed's own quirk: its last leaf row and the （七）总计 row shifted left in the tabs.
    func testRowsShiftedLeftInTabsStillReadByLabel() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(groups: .firstCell), .tabs)
        text = text.replacingOccurrences(of: "\t3.其他\t", with: "3.其他\t\t")
        text = text.replacingOccurrences(of: "\t（七）总计\t", with: "（七）总计\t")
        try check(text, "shifted rows")
    }

    /// Blank lines between cells (as a copy from a browser leaves them) change nothing.
    func testBlankLinesBetweenCells() throws {
        let text = ReadFixtures.text(ReadFixtures.rows(), .oneCellPerLine).replacingOccurrences(of: "\n", with: "\n\n")
        try check(text, "blank lines")
    }

    /// Page numbers of a printout between the rows are not cells.
    func testPageMarkersAreIgnored() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(), .spaces)
        text = text.replacingOccurrences(of: "\n4.保护第三方合法权益", with: "\n- 3 -\n第3页\n4.保护第三方合法权益")
        try check(text, "page markers")
    }

    /// Grids (as the HTML and Word extractors give them): a merged group label spread over its
    /// rows, a label merged over two columns, and the appeals header merged over its groups.
    func testGridWithMergedCellsReadsByHeaders() throws {
        var blocks: [Block] = []
        var grid: [[Cell]] = []
        let header1 = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况", "", "", "", "", "", ""]
        let header2 = ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
        let header3 = ["", "", "", "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", ""]
        for h in [header1, header2, header3] {
            let r = grid.count
            grid.append(h.enumerated().map { c, t in Cell(t, origin: GridPosition(row: r, column: t.isEmpty && c > 0 ? c - 1 : c)) })
        }
        var groupStart: [String: Int] = [:]
        for row in Catalog.section(.requests).rows {
            let r = grid.count
            let values = ReadFixtures.requestRow(row.path.joined(separator: ".")).map(String.init)
            var cells: [Cell]
            if let g = row.group, g.hasPrefix("（") {
                let start = groupStart[g] ?? r
                groupStart[g] = start
                cells = [Cell(g, origin: GridPosition(row: start, column: 0)), Cell(row.label, origin: GridPosition(row: r, column: 1))]
            } else {
                // A row label merged over both label columns.
                cells = [Cell(row.label, origin: GridPosition(row: r, column: 0)), Cell(row.label, origin: GridPosition(row: r, column: 0))]
            }
            cells += values.enumerated().map { c, v in Cell(v, origin: GridPosition(row: r, column: c + 2)) }
            grid.append(cells)
        }
        blocks.append(.paragraph(Paragraph("平罗县演示镇2024年政府信息公开工作年度报告", place: "p 1")))
        blocks.append(.paragraph(Paragraph("三、收到和处理政府信息公开申请情况", place: "p 2")))
        blocks.append(.table(Table(rows: grid, place: "table 1")))
        blocks.append(.paragraph(Paragraph("四、政府信息公开行政复议、行政诉讼情况", place: "p 3")))
        // 行政复议 over five columns; 行政诉讼 over ten; its two groups over five each.
        let groupsRow = (0..<15).map { c in Cell(c < 5 ? "行政复议" : "行政诉讼", origin: GridPosition(row: 0, column: c < 5 ? 0 : 5)) }
        let subRow = (0..<15).map { c -> Cell in
            if c < 5 { return Cell("行政复议", origin: GridPosition(row: 0, column: 0)) }
            return Cell(c < 10 ? "未经复议直接起诉" : "复议后起诉", origin: GridPosition(row: 1, column: c < 10 ? 5 : 10))
        }
        let results = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
        let resultRow = (0..<15).map { c in Cell(results[c % 5], origin: GridPosition(row: 2, column: c)) }
        let dataRow = (0..<15).map { c in Cell(String(ReadFixtures.appealFigures[c]), origin: GridPosition(row: 3, column: c)) }
        blocks.append(.table(Table(rows: [groupsRow, subRow, resultRow, dataRow], place: "table 2")))
        let read = try ReadFixtures.read(Document(format: .html, blocks: blocks), file: "demo.html")
        XCTAssertEqual(read.account.doubts, [])
        let report = try ReadFixtures.decode(read)
        let want = ReadFixtures.expected.filter { !$0.key.hasPrefix("proactive") }
        XCTAssertEqual(ReadFixtures.cells(report), want)
        XCTAssertTrue(read.account.tables.contains { $0.contains("15 cells by their headers") }, "\(read.account.tables)")
    }

    /// Columns found by their headers: a grid whose applicant columns come in another order.
    func testGridColumnsByTheirHeadersNotPosition() throws {
        let order = [6, 0, 1, 2, 3, 4, 5]   // 总计 first
        let labels = Catalog.applicantColumns.map(\.label)
        var rows: [[String]] = [["申请人情况"] + order.map { labels[$0] }]
        for row in Catalog.section(.requests).rows {
            let v = ReadFixtures.requestRow(row.path.joined(separator: "."))
            rows.append([row.label] + order.map { String(v[$0]) })
        }
        let doc = Document(format: .docx, blocks: [
            .paragraph(Paragraph("三、收到和处理政府信息公开申请情况", place: "paragraph 1")),
            .table(ReadFixtures.table(rows)),
        ])
        let report = try ReadFixtures.decode(try ReadFixtures.read(doc, file: "demo.docx"))
        XCTAssertEqual(report.value("requests.received.total"), 14)
        XCTAssertEqual(report.value("requests.received.naturalPerson"), 12)
        XCTAssertEqual(report.value("requests.resultTotal.total"), 15)
        XCTAssertEqual(Rules.check(report), [])
    }
}

extension ReadShapeTests {
    /// A page shell that wraps the whole article in one layout-table cell: its lines are read as
    /// paragraphs; the page's meta table gives the date in the cell after 发布日期.
    func testArticleInsideALayoutTableCell() throws {
        let article = ReadFixtures.text(ReadFixtures.rows(), .tabs)
        let doc = Document(format: .html, blocks: [
            .table(Table(rows: [[Cell("发布日期", origin: GridPosition(row: 0, column: 0)), Cell("2025-01-20", origin: GridPosition(row: 0, column: 1))]], place: "table 1")),
            .table(Table(rows: [[Cell(article, origin: GridPosition(row: 0, column: 0))]], place: "table 2")),
        ])
        let read = try ReadFixtures.read(doc, file: "demo.html")
        let report = try ReadFixtures.decode(read)
        XCTAssertEqual(ReadFixtures.cells(report), ReadFixtures.expected)
        XCTAssertEqual(report.publishedOn?.description, "2025-01-20")
        XCTAssertEqual(report.unit.name, "演示镇")
    }

    /// Section 四 without its heading: the figures are still taken after the table's own header,
    /// not from the table above it.
    func testAppealsWithoutTheirHeading() throws {
        var rows = ReadFixtures.rows()
        rows.removeAll { $0 == ["四、政府信息公开行政复议、行政诉讼情况"] }
        let report = try ReadFixtures.decode(try ReadFixtures.read(ReadFixtures.text(rows, .tabs)))
        XCTAssertEqual(ReadFixtures.cells(report), ReadFixtures.expected)
    }
}

extension ReadShapeTests {
    /// A PDF's text: single spaces between figures, and long labels wrapped onto a second line
    /// before their figures.
    func testLabelsWrappedOverTwoLines() throws {
        var text = ReadFixtures.text(ReadFixtures.rows(), .spaces)
        text = text.replacingOccurrences(of: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", with: "1.申请人无正当理由逾期不补正、行政机\n关不再处理其政府信息公开申请")
        text = text.replacingOccurrences(of: "5.要求行政机关确认或重新出具已获取信息", with: "5.要求行政机关确认或重新出\n具已获取信息")
        try check(text, "wrapped labels")
    }
}

extension ReadShapeTests {
    /// Windows line ends and a byte-order mark, as a text copied on a clerk's PC.
    func testCRLFAndByteOrderMark() throws {
        let text = "\u{FEFF}" + ReadFixtures.text(ReadFixtures.rows(), .tabs).replacingOccurrences(of: "\n", with: "\r\n")
        guard case .read(let r) = Importer.read(bytes: Array(text.utf8), fileName: "demo.txt", expectedYear: 2024) else {
            return XCTFail("unreadable")
        }
        XCTAssertEqual(r.account.doubts, [])
        let report = try ReportDecoder.decode(bytes: r.bytes, file: "x", options: DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)).get()
        XCTAssertEqual(ReadFixtures.cells(report), ReadFixtures.expected)
        XCTAssertEqual(report.unit.name, "演示镇")
        XCTAssertEqual(report.publishedOn?.description, "2025-01-15")
    }
}
