import Aggregate
import Foundation
@testable import Publish
import StrictJSON
import TestSupport
import XCTest

/// Each published shape read back as an importer reads it: the figures all there, in table order,
/// in the official layout's merged cells; absent cells empty; the same report, the same bytes.
final class PublishTests: XCTestCase {
    let requestRows = Catalog.section(.requests).rows

    func render(_ report: JSONValue, _ style: PublishedStyle) throws -> [UInt8] {
        try Publisher.render(report: report, as: style)
    }

    /// Every row label, column label and section title, in the order a reader meets them.
    func labelsInOrder() -> [String] {
        var out: [String] = []
        for s in [SectionID.proactive, .requests, .appeals] {
            out.append(s.title)
            if s == .requests {
                // 总计 heads its column before the five organisation columns: left out here.
                out += Catalog.applicantColumns.dropLast().map(\.label)
                out += requestRows.map(\.label)
            } else if s == .appeals {
                out += Catalog.section(s).rows.map(\.label)
            } else {
                for row in Catalog.section(s).rows { out.append(row.label) }
            }
        }
        return out + ["五、存在的主要问题及改进情况", "下一步将加强培训", "六、其他需要报告的事项", "未收取信息处理费"]
    }

    // MARK: HTML

    func testPortalPageHasTheShellTheInfoLineAndTheSignature() throws {
        let bytes = try render(SampleReports.report(), .html(encoding: .utf8, shell: .portal))
        let page = try XCTUnwrap(Readers.html(bytes))
        let text = page.text
        XCTAssertTrue(text.contains("示例县示例镇人民政府2024年政府信息公开工作年度报告") || text.contains("示例镇人民政府2024年政府信息公开工作年度报告"))
        XCTAssertTrue(text.contains("发布日期：2025-01-20") || text.contains("发布时间：2025-01-20 "), "info line")
        for distractor in ["浏览次数：", "页面生成时间：2025-", "统计期限：2024-01-01至2024-12-31", "当前位置：", "首页"] {
            XCTAssertTrue(text.contains(distractor), distractor)
        }
        XCTAssertTrue(text.contains("本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止"))
        XCTAssertTrue(text.filter { !$0.isWhitespace }.contains("未收取信息处理费。示例镇人民政府2025年1月20日附件："), "signature")
        XCTAssertNil(SampleReports.inOrder(labelsInOrder(), in: text))
        // The narrative's two paragraphs under 一, before the tables.
        XCTAssertNil(SampleReports.inOrder(["一、总体情况", "全年门户网站发布信息3000条", "各村（居）按月更新公开栏", "二、主动公开政府信息情况"], in: text))
    }

    func testPortalTablesUseTheOfficialMergedLayoutAndHoldEveryFigureInOrder() throws {
        let bytes = try render(SampleReports.report(), .html(encoding: .utf8, shell: .portal))
        let page = try XCTUnwrap(Readers.html(bytes))
        let tables = page.tables.filter { t in t.contains { $0.contains { $0.text == "信息内容" || $0.text == "申请人情况" || $0.text == "行政复议" } } }
        XCTAssertEqual(tables.count, 3)
        let requests = try XCTUnwrap(tables.first { $0.first?.contains { $0.text == "申请人情况" } == true })
        // Corner 3×3, 申请人情况 over 7; 自然人 and 总计 down 2, 法人或其他组织 over 5.
        XCTAssertEqual(requests[0][0].colspan, 3); XCTAssertEqual(requests[0][0].rowspan, 3)
        XCTAssertTrue(requests[0][0].text.contains("勾稽关系"))
        XCTAssertEqual(requests[0][1], Readers.Cell(text: "申请人情况", colspan: 7, rowspan: 1))
        XCTAssertEqual(requests[1].map(\.text), ["自然人", "法人或其他组织", "总计"])
        XCTAssertEqual(requests[1].map(\.colspan), [1, 5, 1]); XCTAssertEqual(requests[1].map(\.rowspan), [2, 1, 2])
        XCTAssertEqual(requests[2].map(\.text), Catalog.applicantColumns[1..<6].map(\.label))
        XCTAssertEqual(requests.count, 3 + 25)
        // 三、本年度办理结果 down its 22 rows; （三）不予公开 down 8, （四） 3, （五） 5, （六） 3.
        let outer = try XCTUnwrap(requests.flatMap { $0 }.first { $0.text == "三、本年度办理结果" })
        XCTAssertEqual(outer.rowspan, 22)
        for (group, n) in [("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)] {
            XCTAssertEqual(requests.flatMap { $0 }.first { $0.text == group }?.rowspan, n, group)
        }
        // Every row: its label, then its seven figures.
        for (k, row) in requestRows.enumerated() {
            let cells = requests[3 + k]
            let labelAt = try XCTUnwrap(cells.firstIndex { $0.text == row.label }, row.label)
            XCTAssertEqual(cells[(labelAt + 1)...].map(\.text), (0..<7).map { SampleReports.printed(row.firstCell + $0) }, row.label)
        }
        // Section 四: 行政复议 over 5, 行政诉讼 over 10, then its two groups over 5 each, then 15 figures.
        let appeals = tables[2]
        XCTAssertEqual(appeals[0].map(\.text), ["行政复议", "行政诉讼"]); XCTAssertEqual(appeals[0].map(\.colspan), [5, 10])
        XCTAssertEqual(appeals[1].filter { $0.colspan == 5 }.map(\.text), ["未经复议直接起诉", "复议后起诉"])
        XCTAssertEqual(appeals[3].map(\.text), SampleReports.figures(.appeals))
        // All figures of 二 三 四 in document order.
        let figures = tables.flatMap { $0.flatMap { $0.map(\.text) } }.filter { SampleReports.figureTokens(Substring($0)) == [$0] }
        XCTAssertEqual(figures, SampleReports.figures(.proactive) + SampleReports.figures(.requests) + SampleReports.figures(.appeals))
    }

    func testAbsentCellsAreEmptyNeverZero() throws {
        let gone: Set<String> = ["requests.withheld.stateSecret.commercial", "proactive.licensing", "appeals.review.total",
                                 "requests.resultTotal.total"]
        let report = SampleReports.report(leaveOut: gone)
        let page = try XCTUnwrap(Readers.html(try render(report, .html(encoding: .utf8, shell: .bare))))
        let cells = page.tables.flatMap { $0.flatMap { $0 } }
        let secret = try XCTUnwrap(page.tables.flatMap { $0 }.first { $0.contains { $0.text == "1.属于国家秘密" } })
        let at = secret.firstIndex { $0.text == "1.属于国家秘密" }!
        XCTAssertEqual(secret[at + 2].text, "", "the 商业企业 cell of 1.属于国家秘密 is empty")
        XCTAssertEqual(secret[at + 1].text, SampleReports.printed(Catalog.index("requests.withheld.stateSecret.naturalPerson")))
        XCTAssertFalse(cells.contains { $0.text == "0" })
        let licensing = try XCTUnwrap(page.tables.flatMap { $0 }.first { $0.first?.text == "行政许可" })
        XCTAssertEqual(licensing.count, 2); XCTAssertEqual(licensing[1].text, ""); XCTAssertEqual(licensing[1].colspan, 3)

        // Word: the same cells empty.
        let word = try Readers.docx(try render(report, .docx))
        let wordRow = try XCTUnwrap(word.tables.flatMap { $0 }.first { $0.contains { $0.text == "1.属于国家秘密" } })
        let w = wordRow.firstIndex { $0.text == "1.属于国家秘密" }!
        XCTAssertEqual(wordRow[w + 2].text, "")
        XCTAssertFalse(word.tables.flatMap { $0.flatMap { $0 } }.contains { $0.text == "0" })

        // Text: the figures that are there, in order, and no "0" for those that are not.
        for shape in PublishedStyle.TextShape.allCases {
            let text = String(decoding: try render(report, .text(shape: shape)), as: UTF8.self)
            let start = text.range(of: "三、收到和处理政府信息公开申请情况")!.upperBound
            let tokens = SampleReports.figureTokens(text[start...])
            XCTAssertEqual(Array(tokens.prefix(173)), SampleReports.figures(.requests, leaveOut: gone), "\(shape)")
            XCTAssertFalse(tokens.contains("0"), "\(shape)")
        }
        // PDF: the same.
        let pdf = try XCTUnwrap(Readers.pdfPages(try render(report, .pdf))).joined(separator: "\n")
        let start = pdf.range(of: "三、收到和处理政府信息公开申请情况")!.upperBound
        XCTAssertEqual(Array(SampleReports.figureTokens(pdf[start...]).prefix(173)), SampleReports.figures(.requests, leaveOut: gone))
    }

    func testNoPublicationDateMeansNoDateLineAndNoDatedSignature() throws {
        let report = SampleReports.report(publishedOn: nil)
        let text = try XCTUnwrap(Readers.html(try render(report, .html(encoding: .utf8, shell: .portal)))).text
        XCTAssertFalse(text.contains("发布日期"))
        XCTAssertFalse(text.contains("发布时间"))
        XCTAssertFalse(text.contains("2025年1月20日"))
        XCTAssertTrue(text.contains("浏览次数"))
    }

    // MARK: GBK

    func testGBKPageDecodesBackToTheSameText() throws {
        for name in ["示例镇", "示例乡", "某某街道"] {
            let report = SampleReports.report(name: name)
            let gbk = try render(report, .html(encoding: .gbk, shell: .portal))
            let utf8 = String(decoding: try render(report, .html(encoding: .utf8, shell: .portal)), as: UTF8.self)
            let decoded = try XCTUnwrap(GBK.decode(gbk))
            XCTAssertNil(String(validating: gbk, as: UTF8.self), "GBK bytes are not UTF-8")
            let charset = decoded.contains("charset=gb2312") ? "gb2312" : "gbk"
            XCTAssertTrue(decoded.contains("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(charset)\" />"))
            XCTAssertEqual(decoded, utf8.replacingOccurrences(of: "charset=utf-8", with: "charset=\(charset)"))
            XCTAssertTrue(decoded.contains("\(name == "某某街道" ? "某某街道办事处" : name + "人民政府")2024年政府信息公开工作年度报告"))
        }
    }

    func testTextOutsideGBKFailsLoudly() {
        let report = SampleReports.report(extra: "𠀀😀")
        XCTAssertThrowsError(try render(report, .html(encoding: .gbk, shell: .portal))) { e in
            XCTAssertTrue("\(e)".contains("no GBK encoding"), "\(e)")
        }
        XCTAssertNoThrow(try render(report, .html(encoding: .utf8, shell: .portal)))
    }

    // MARK: Word

    func testDocxIsAZipWithTheTablesMergedAsWordMergesThem() throws {
        let word = try Readers.docx(try render(SampleReports.report(), .docx))
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] { XCTAssertNotNil(word.entries[part], part) }
        XCTAssertEqual(word.tables.count, 3)
        let requests = word.tables[1]
        // Corner: gridSpan 3, restarting a vertical merge continued in the two rows below.
        XCTAssertEqual(requests[0][0].colspan, 3); XCTAssertEqual(requests[0][0].vMerge, "restart")
        XCTAssertEqual(requests[1][0].colspan, 3); XCTAssertEqual(requests[1][0].vMerge, "continue")
        XCTAssertEqual(requests[2][0].colspan, 3); XCTAssertEqual(requests[2][0].vMerge, "continue")
        XCTAssertEqual(requests[0][1].text, "申请人情况"); XCTAssertEqual(requests[0][1].colspan, 7)
        XCTAssertEqual(requests[1][2].text, "法人或其他组织"); XCTAssertEqual(requests[1][2].colspan, 5)
        // Every row spans the grid's ten columns.
        for row in requests { XCTAssertEqual(row.reduce(0) { $0 + $1.colspan }, 10) }
        // 三、本年度办理结果 restarts a merge continued down 21 rows; （三）不予公开 down 7.
        let outerRow = 3 + requestRows.firstIndex { $0.path == ["disclosed"] }!
        XCTAssertEqual(requests[outerRow][0].text, "三、本年度办理结果"); XCTAssertEqual(requests[outerRow][0].vMerge, "restart")
        XCTAssertEqual((outerRow + 1..<(outerRow + 22)).filter { requests[$0][0].vMerge == "continue" }.count, 21)
        let withheldRow = 3 + requestRows.firstIndex { $0.path == ["withheld", "stateSecret"] }!
        XCTAssertEqual(requests[withheldRow][1].text, "（三）不予公开"); XCTAssertEqual(requests[withheldRow][1].vMerge, "restart")
        XCTAssertEqual((withheldRow + 1..<(withheldRow + 8)).filter { requests[$0][1].vMerge == "continue" }.count, 7)
        // Every figure, in order; some split over two runs, as Word leaves them.
        let figureCells = word.tables.flatMap { $0.flatMap { $0 } }.filter { SampleReports.figureTokens(Substring($0.text)) == [$0.text] }
        XCTAssertEqual(figureCells.map(\.text), SampleReports.figures(.proactive) + SampleReports.figures(.requests) + SampleReports.figures(.appeals))
        XCTAssertTrue(figureCells.contains { $0.runs == 2 }, "some figures are split over runs")
        XCTAssertTrue(figureCells.allSatisfy { (1...2).contains($0.runs) })
        XCTAssertNil(SampleReports.inOrder(labelsInOrder() + ["示例镇人民政府", "2025年1月20日"], in: word.text))
    }

    // MARK: PDF

    func testPDFTextLayerGivesEveryLabelAndFigureInOrder() throws {
        let pages = try XCTUnwrap(Readers.pdfPages(try render(SampleReports.report(), .pdf)))
        XCTAssertGreaterThanOrEqual(pages.count, 2)
        let text = pages.joined(separator: "\n")
        XCTAssertNil(SampleReports.inOrder(["示例镇人民政府2024年政府信息公开工作年度报告", "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止",
                                            "一、总体情况", "全年门户网站发布信息3000条"] + labelsInOrder()
                                            + ["示例镇人民政府", "2025年1月20日"], in: text))
        let start = text.range(of: "二、主动公开政府信息情况")!.upperBound
        let end = text.range(of: "五、存在的主要问题及改进情况")!.lowerBound
        XCTAssertEqual(SampleReports.figureTokens(text[start..<end]),
                       SampleReports.figures(.proactive) + SampleReports.figures(.requests) + SampleReports.figures(.appeals))
        // Each row of 三 is one line: its label, then its seven figures.
        let lines = text.split(separator: "\n")
        for row in requestRows {
            let line = try XCTUnwrap(lines.first { $0.contains(row.label) }, row.label)
            XCTAssertEqual(SampleReports.figureTokens(line), (0..<7).map { SampleReports.printed(row.firstCell + $0) }, row.label)
        }
    }

    func testScannedPDFHasPagesButNoText() throws {
        let pages = try XCTUnwrap(Readers.pdfPages(try render(SampleReports.report(), .scannedPDF)))
        XCTAssertGreaterThanOrEqual(pages.count, 1)
        XCTAssertTrue(pages.allSatisfy { $0.allSatisfy(\.isWhitespace) }, "no text layer")
    }

    // MARK: Text

    func testEveryTextShapeHoldsThe175FiguresOfTableThreeInRowOrder() throws {
        let report = SampleReports.report()
        for shape in PublishedStyle.TextShape.allCases {
            let text = String(decoding: try render(report, .text(shape: shape)), as: UTF8.self)
            let start = try XCTUnwrap(text.range(of: "三、收到和处理政府信息公开申请情况"), "\(shape)").upperBound
            let end = try XCTUnwrap(text.range(of: SectionID.appeals.title), "\(shape)").lowerBound
            XCTAssertEqual(SampleReports.figureTokens(text[start..<end]), SampleReports.figures(.requests), "\(shape)")
            XCTAssertNil(SampleReports.inOrder(labelsInOrder().filter { !$0.hasPrefix("社会") && !$0.hasPrefix("法律") && !$0.hasPrefix("商业") && !$0.hasPrefix("科研") }
                                               + ["示例镇人民政府", "2025年1月20日"], in: text), "\(shape)")
        }
        let tabs = String(decoding: try render(report, .text(shape: .tabs)), as: UTF8.self)
        let line = try XCTUnwrap(tabs.split(separator: "\n").first { $0.contains("1.属于国家秘密") })
        XCTAssertEqual(line.split(separator: "\t", omittingEmptySubsequences: false).count, 10, "ten columns, merged ones empty")
        let pipes = String(decoding: try render(report, .text(shape: .pipeLines)), as: UTF8.self)
        XCTAssertTrue(pipes.contains("\n3042\n|\n"), "a lone | line after each cell")
        let cells = String(decoding: try render(report, .text(shape: .cellPerLine)), as: UTF8.self)
        XCTAssertTrue(cells.contains("\n商业\n企业\n"), "header words split over lines")
        XCTAssertTrue(cells.contains("\n（三）不予公开\n1.属于国家秘密\n"), "group labels on lines of their own")
    }

    // MARK: Determinism, samples, speed

    func testSameReportSameBytes() throws {
        let styles: [PublishedStyle] = [.html(encoding: .utf8, shell: .portal), .html(encoding: .gbk, shell: .portal),
                                        .html(encoding: .utf8, shell: .bare), .docx, .pdf, .scannedPDF]
            + PublishedStyle.TextShape.allCases.map { .text(shape: $0) }
        for style in styles {
            XCTAssertEqual(try render(SampleReports.report(), style), try render(SampleReports.report(), style), "\(style)")
        }
        let word = try Readers.docx(try render(SampleReports.report(), .docx))
        XCTAssertFalse(word.entries.isEmpty)
    }

    func testBundledSamplesRenderInEveryShape() throws {
        let inputs = Repository.root.appendingPathComponent("inputs/json/2024")
        let names = try FileManager.default.contentsOfDirectory(atPath: inputs.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThan(names.count, 5)
        var rendered = 0
        for name in names {
            let data = try [UInt8](Data(contentsOf: inputs.appendingPathComponent(name)))
            guard let json = try? JSONParser.parse(data), case .string(let unit)? = json["unit"]?["name"] else { continue }
            let page = try XCTUnwrap(Readers.html(try Publisher.render(report: json, as: .html(encoding: .utf8, shell: .portal))), name)
            XCTAssertTrue(page.text.contains(unit + "人民政府"), name)
            XCTAssertNoThrow(try Publisher.render(report: json, as: .html(encoding: .gbk, shell: .portal)), name)
            let pdf = try XCTUnwrap(Readers.pdfPages(try Publisher.render(report: json, as: .pdf)), name).joined()
            XCTAssertTrue(pdf.contains(unit), name)
            if case .string("2019")? = json["edition"] {
                XCTAssertTrue(page.text.contains("本年新制作数量"), "\(name): the 2019 table 二")
                XCTAssertNil(SampleReports.inOrder(["第二十条第（一）项", "规范性文件", "第二十条第（九）项", "政府集中采购"], in: page.text), name)
            }
            _ = try Publisher.render(report: json, as: .docx)
            rendered += 1
        }
        XCTAssertGreaterThan(rendered, 5)
    }

    func testRenderingIsFastEnoughForTheBench() throws {
        let report = SampleReports.report()
        let r = try PublishedReport(json: report)
        let styles: [PublishedStyle] = [.html(encoding: .utf8, shell: .portal), .html(encoding: .gbk, shell: .portal), .docx, .pdf, .text(shape: .tabs)]
        for style in styles {
            let start = Date()
            for _ in 0..<20 { _ = try Publisher.render(r, as: style) }
            let ms = Date().timeIntervalSince(start) * 1000 / 20
            // Debug builds are several times slower than release; this bounds the release cost well.
            XCTAssertLessThan(ms, 60, "\(style): \(ms) ms per report")
        }
    }

    func testControlCharactersCannotBreakTheWordXML() throws {
        let report = SampleReports.report(extra: "第\u{0001}一<行>&\u{0008}")
        let word = try Readers.docx(try render(report, .docx))
        XCTAssertTrue(word.text.contains("第一<行>&"), "escaped, control characters dropped")
        XCTAssertEqual(word.tables.count, 3)
    }

    func testNotAReportIsAnError() {
        XCTAssertThrowsError(try Publisher.render(json: Array("[1]".utf8), as: .pdf))
        XCTAssertThrowsError(try Publisher.render(json: Array("{\"year\": 2024}".utf8), as: .pdf))
        XCTAssertThrowsError(try Publisher.render(json: Array("{".utf8), as: .pdf))
    }
}
