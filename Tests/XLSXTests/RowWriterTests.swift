import Foundation
import XCTest
import ZIPFoundation
@testable import XLSX

/// RowWriter must write the bytes libxlsxwriter writes for the same cells: each test fills one
/// sheet through Worksheet's calls and another through a RowWriter, and compares the sheets' XML.
final class RowWriterTests: XCTestCase {
    enum Cell {
        case text(Int, String, Bool)     // column, text, styled
        case number(Int, Double, Bool)
        case blank(Int)
    }

    /// A header row through the usual calls, `rows` through either path, a total row below.
    func sheetXML(_ rows: [(Int, [Cell])], raw: Bool, constantMemory: Bool = true, totalRow: Bool = true) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rowwriter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.xlsx").path
        let wb = try Workbook(path: path, constantMemory: constantMemory)
        let sheet = try wb.addWorksheet("明细")
        let style = wb.format(Style(bold: true, border: true))
        let other = wb.format(Style(numberFormat: "#,##0.00", align: .right))
        try sheet.write(0, 0, "乡镇", style)
        try sheet.write(0, 3, "合计", style)
        let last = rows.last?.0 ?? 0
        if raw {
            let writer = sheet.rows()
            for (row, cells) in rows {
                try writer.startRow(row)
                for cell in cells {
                    switch cell {
                    case .text(let c, let t, let s): try writer.text(c, t, s ? style : .none)
                    case .number(let c, let n, let s): try writer.number(c, n, s ? other : .none)
                    case .blank(let c): try writer.blank(c, style)
                    }
                }
            }
            try writer.finish()
        } else {
            for (row, cells) in rows {
                for cell in cells {
                    switch cell {
                    case .text(let c, let t, let s): try sheet.write(row, c, t, s ? style : .none)
                    case .number(let c, let n, let s): try sheet.write(row, c, n, s ? other : .none)
                    case .blank(let c): try sheet.writeBlank(row, c, style)
                    }
                }
            }
        }
        if totalRow {
            try sheet.autofilter(CellRange(0, 0, last, 3))
            try sheet.write(last + 1, 0, "县合计", style)
            try sheet.write(last + 1, 2, 12.5, other)
        }
        try wb.close()
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let entry = try XCTUnwrap(archive["xl/worksheets/sheet1.xml"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    func assertSame(_ rows: [(Int, [Cell])], totalRow: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        for constantMemory in [true, false] {
            let viaLibrary = try sheetXML(rows, raw: false, constantMemory: constantMemory, totalRow: totalRow)
            let viaRows = try sheetXML(rows, raw: true, constantMemory: constantMemory, totalRow: totalRow)
            if viaRows != viaLibrary, let dump = ProcessInfo.processInfo.environment["ROWWRITER_DUMP"] {
                try? viaRows.write(toFile: dump + ".rows", atomically: true, encoding: .utf8)
                try? viaLibrary.write(toFile: dump + ".library", atomically: true, encoding: .utf8)
            }
            XCTAssertEqual(viaRows, viaLibrary, "constantMemory \(constantMemory)", file: file, line: line)
            XCTAssertTrue(viaLibrary.contains("<sheetData>"), file: file, line: line)
        }
    }

    func testTextsAsLibxlsxwriterWritesThem() throws {
        let texts = ["合成镇", "a & b", "<b>粗</b>", "x > y", "\"引号\" 'single'", " 前导空格", "尾随空格 ", "\t制表", "换行\n",
                     "中\r\n间", "", "控\u{01}制\u{7F}", "\u{FFFF}", "😀 emoji", "&amp;", String(repeating: "长", count: 40_000),
                     "_x000D_", "]]>", "\u{0B}vt", "\u{0C}", "a\u{85}b", "\u{A0}nbsp\u{A0}", "\u{3000}全角空格\u{3000}", "尾\r", "\r首", "\r", " ", "\n", "\u{1F}\u{08}", "a\u{00}b"]
        var rows: [(Int, [Cell])] = []
        for (i, t) in texts.enumerated() {
            rows.append((i + 1, [.text(0, t, i % 2 == 0), .text(2, t, i % 2 == 1)]))
        }
        try assertSame(rows)
    }

    func testNumbersAsLibxlsxwriterWritesThem() throws {
        let numbers: [Double] = [0, -0.0, 1, -1, 7, 12, 5.07, 0.1, 1.0 / 3, 123_456_789, 999_999_999_999_999, 1e15, 1e15 + 1,
                                 9_007_199_254_740_993, 1e16, 1e17, 12_345_678_901_234_567, -4.5e-7, 1e-300, 2.5e300,
                                 .infinity, -.infinity, .nan, Double(Int64.max), -Double(Int64.max), 0.000_001, 1234.5678]
        var rows: [(Int, [Cell])] = []
        for (i, n) in numbers.enumerated() {
            rows.append((i + 1, [.number(1, n, false), .number(2, n, true), .number(3, -n, i % 3 == 0)]))
        }
        try assertSame(rows)
    }

    func testGapsBlanksAndRowsSkipped() throws {
        // Rows not consecutive, cells skipped, blank cells with a format, a row with nothing in it.
        try assertSame([
            (1, [.text(0, "甲", true), .blank(1), .number(3, 4, false)]),
            (2, []),
            (5, [.blank(0), .blank(3)]),
            (9, [.number(0, 1, false), .text(1, "", true), .text(2, "", false), .number(3, 2, true)]),
            (10, [.number(300, 1, false)]),
            // Every width of column name and its edges (A, Z, AA, ZZ, AAA, XFD), and rows of
            // every number of digits up to the row before Excel's last (the total row goes there).
            (99, [.number(25, 1, false), .number(26, 2, true), .number(701, 3, false), .number(702, 4, false), .number(16383, 5, true)]),
            (100_000, [.number(0, 6, false)]),
            (1_048_574, [.number(1, 7, false)]),
        ])
        // The last row left empty, nothing written below: not in the sheet's range (the
        // dimension "A1:D2"), as libxlsxwriter would have it.
        try assertSame([(1, [.text(0, "甲", true)]), (3, [])], totalRow: false)
        XCTAssertTrue(try sheetXML([(1, [.text(0, "甲", true)]), (3, [])], raw: true, totalRow: false).contains("<dimension ref=\"A1:D2\"/>"))
    }

    /// Random rows of random cells from a pool of awkward characters and numbers.
    func testGeneratedRowsAsLibxlsxwriterWritesThem() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let pool: [Unicode.Scalar] = [" ", "\t", "\n", "\r", "&", "<", ">", "\"", "'", "_", "x", "0", "镇", "乡", "（", "）",
                                       "\u{01}", "\u{1F}", "\u{7F}", "\u{A0}", "\u{3000}", "\u{FFFE}", "😀", "\u{10FFFF}"]
        var rows: [(Int, [Cell])] = []
        var row = 1
        for _ in 0..<300 {
            row += 1 + next(3)
            var cells: [Cell] = []
            var column = next(4)
            while column < 40 {
                switch next(4) {
                case 0:
                    var text = String.UnicodeScalarView()
                    for _ in 0..<next(12) { text.append(pool[next(pool.count)]) }
                    cells.append(.text(column, String(text), next(2) == 0))
                case 1: cells.append(.number(column, Double(next(1_000_000)) - 500_000, next(2) == 0))
                case 2: cells.append(.number(column, Double(next(1_000_000)) / Double(1 + next(1_000)), next(2) == 0))
                default: cells.append(.blank(column))
                }
                column += 1 + next(5)
            }
            rows.append((row, cells))
        }
        try assertSame(rows)
    }

    func testWritingAboveOrBesideTheRowsFails() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rowwriter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let wb = try Workbook(path: dir.appendingPathComponent("t.xlsx").path)
        let sheet = try wb.addWorksheet("明细")
        try sheet.write(0, 0, "表头")
        try sheet.write(1, 0, "表头")
        let rows = sheet.rows()
        XCTAssertThrowsError(try rows.startRow(1), "the row libxlsxwriter wrote")
        try rows.startRow(2)
        try rows.number(1, 1)
        XCTAssertThrowsError(try rows.number(1, 2), "a column twice")
        XCTAssertThrowsError(try rows.number(0, 2), "a column to the left")
        XCTAssertThrowsError(try rows.startRow(2), "the same row again")
        try rows.startRow(3)
        try rows.finish()
        XCTAssertThrowsError(try sheet.write(3, 5, 1.0), "a row RowWriter wrote")
        XCTAssertThrowsError(try sheet.write(2, 5, "x"), "a row RowWriter wrote")
        try sheet.write(4, 0, 1.0)
        try wb.close()
    }

    /// Texts written shared (`rows(sharedText: true)`) in a constant-memory workbook: the same
    /// sharedStrings.xml and the same cells as libxlsxwriter writes outside constant-memory mode
    /// (which shares every text; its rows carry a `spans` attribute, the only difference).
    func testSharedTextsAsLibxlsxwriterSharesThem() throws {
        let texts = ["合成镇", "a & b", "<b>粗</b>", " 前导空格", "尾随空格 ", "\t制表", "换行\n", "中\r\n间", "控\u{01}制\u{7F}",
                     "\u{FFFF}", "😀", "_x000D_", "\u{0B}vt", "尾\r", "\r", " ", "合成镇", "a & b", "\u{A0}nbsp\u{A0}", "未知字段",
                     String(repeating: "长", count: 40_000), "未知字段", "", "尾随空格 "]
        func parts(constantMemory: Bool) throws -> (sheet: String, strings: String) {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rowwriter-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("t.xlsx").path
            let wb = try Workbook(path: path, constantMemory: constantMemory)
            let sheet = try wb.addWorksheet("问题")
            let style = wb.format(Style(bold: true, border: true))
            let rows = sheet.rows(sharedText: true)
            for (i, t) in texts.enumerated() {
                try rows.startRow(i)
                try rows.text(0, t, i % 2 == 0 ? style : .none)
                try rows.text(2, texts[(i * 7) % texts.count], i % 3 == 0 ? style : .none)
            }
            try rows.finish()
            try wb.close()
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            func part(_ name: String) throws -> String {
                var data = Data()
                _ = try archive.extract(try XCTUnwrap(archive[name], name)) { data.append($0) }
                return String(decoding: data, as: UTF8.self)
            }
            return (try part("xl/worksheets/sheet1.xml"), try part("xl/sharedStrings.xml"))
        }
        let viaRows = try parts(constantMemory: true), viaLibrary = try parts(constantMemory: false)
        XCTAssertEqual(viaRows.strings, viaLibrary.strings)
        let withoutSpans = viaLibrary.sheet.replacingOccurrences(of: #" spans="[0-9:]+""#, with: "", options: .regularExpression)
        XCTAssertEqual(viaRows.sheet, withoutSpans)
        XCTAssertTrue(viaRows.sheet.contains(#"t="s"><v>0</v>"#))
        XCTAssertFalse(viaRows.sheet.contains("inlineStr"))
    }
}
