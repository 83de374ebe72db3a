import Foundation
import XCTest
import ZIPFoundation
@testable import XLSX
import CDeflate

final class XLSXTests: XCTestCase {
    func scratch() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("t.xlsx").path
    }

    func entry(_ path: String, _ name: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        guard let e = archive[name] else { return "" }
        var data = Data()
        _ = try archive.extract(e) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// `.fast` reaches zlib in this process (the test product exports deflateInit2_, as the
    /// command does): the same cells come out at level 1, larger than at libxlsxwriter's 6.
    func testFastCompressionTakesEffectInProcess() throws {
        func written(_ compression: Compression) throws -> (level: Int?, packed: UInt64, xml: String) {
            let path = scratch()
            let wb = try Workbook(path: path, constantMemory: true, compression: compression)
            let sheet = try wb.addWorksheet("明细")
            for row in 0..<2_000 {
                for column in 0..<20 { try sheet.write(row, column, Double(row * 31 + column * 7 % 1_000)) }
            }
            try wb.close()
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            let sheetEntry = try XCTUnwrap(archive["xl/worksheets/sheet1.xml"])
            return (wb.deflateLevel, sheetEntry.compressedSize, try entry(path, "xl/worksheets/sheet1.xml"))
        }
        let fast = try written(.fast), standard = try written(.standard)
        XCTAssertEqual(fast.level, 1)
        XCTAssertEqual(standard.level, 6)
        XCTAssertEqual(fast.xml, standard.xml, "the same cells either way")
        XCTAssertGreaterThan(fast.packed, standard.packed, "level 1 packs less tightly than level 6")
    }

    /// `.fast` deflates parts in 1 MiB blocks on the threads asked for: the same bytes whether
    /// one thread or three do it, a valid zip whose sheet reads back as the cells written, and
    /// about the size one zlib stream gives.
    func testBlockDeflateIsTheSameOnAnyNumberOfThreads() throws {
        func written(_ compression: Compression, threads: Int) throws -> (bytes: Data, packed: UInt64, xml: String) {
            let path = scratch()
            let wb = try Workbook(path: path, constantMemory: true, compression: compression)
            try wb.setProperties(title: "块", created: Date(timeIntervalSince1970: 1_700_000_000))
            let sheet = try wb.addWorksheet("明细")
            let rows = sheet.rows()
            for row in 0..<30_000 {
                try rows.startRow(row)
                try rows.text(0, "合成镇\(row % 977)", .none)
                for column in 1..<20 { try rows.number(column, Double((row * 7_919 + column * 104_729) % 100_003)) }
            }
            try rows.finish()
            try wb.close(deflateThreads: threads)
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            let sheetEntry = try XCTUnwrap(archive["xl/worksheets/sheet1.xml"])
            return (try Data(contentsOf: URL(fileURLWithPath: path)), sheetEntry.compressedSize,
                    try entry(path, "xl/worksheets/sheet1.xml"))
        }
        let before = deflate_interpose_block_streams()
        let one = try written(.fast, threads: 1), three = try written(.fast, threads: 3)
        XCTAssertGreaterThan(deflate_interpose_block_streams(), before, "the block path was taken")
        XCTAssertEqual(one.bytes, three.bytes, "the thread count shows in the file")
        let plain = try written(.standard, threads: 1)
        XCTAssertGreaterThan(one.xml.utf8.count, 8 << 20, "several blocks")
        XCTAssertEqual(one.xml, plain.xml, "the sheet reads back as zlib's own stream does")
        XCTAssertLessThan(Double(one.packed), Double(plain.packed) * 1.6, "level 1 in blocks packs about as level 1 does")
    }

    func testSheetNamesAreValidatedBeforeTheLibrarySeesThem() throws {
        let wb = try Workbook(path: scratch())
        XCTAssertThrowsError(try wb.addWorksheet("")) { XCTAssertEqual($0 as? XLSXError, .sheetNameEmpty) }
        XCTAssertThrowsError(try wb.addWorksheet(String(repeating: "镇", count: 32))) {
            guard case .sheetNameTooLong = $0 as? XLSXError else { return XCTFail("\($0)") }
        }
        for bad in ["a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b"] {
            XCTAssertThrowsError(try wb.addWorksheet(bad), bad)
        }
        XCTAssertThrowsError(try wb.addWorksheet("'x"))
        _ = try wb.addWorksheet(String(repeating: "镇", count: 31))
        XCTAssertThrowsError(try wb.addWorksheet(String(repeating: "镇", count: 31))) {
            guard case .sheetNameAlreadyUsed = $0 as? XLSXError else { return XCTFail("\($0)") }
        }
        try wb.close()
        XCTAssertThrowsError(try wb.close()) { XCTAssertEqual($0 as? XLSXError, .workbookClosed) }
    }

    func testCellTextIsMadeSafe() {
        XCTAssertEqual(CellText.safe("平罗县"), "平罗县")
        XCTAssertEqual(CellText.safe("a\u{0}b\u{1F}c\td"), "a\u{FFFD}b\u{FFFD}c\td")
        let long = String(repeating: "字", count: 40_000)
        let cut = CellText.safe(long)
        XCTAssertEqual(cut.utf16.count, CellText.maximumLength)
        XCTAssertTrue(cut.hasSuffix(CellText.truncationMark))
        let emoji = String(repeating: "😀", count: 20_000)   // two UTF-16 units each
        XCTAssertLessThanOrEqual(CellText.safe(emoji).utf16.count, CellText.maximumLength)
        // Looked for in the bytes: the same answer as scalar by scalar, at every place in a text.
        let pool: [Unicode.Scalar] = ["a", "镇", "\t", "\n", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{FFFD}", "\u{FFFE}",
                                       "\u{FFFF}", "\u{FEFF}", "\u{EFBF}", "😀", "\u{10FFFF}"]
        for a in pool {
            for b in pool {
                for prefix in ["", "x", "字字"] {
                    var text = String.UnicodeScalarView(prefix.unicodeScalars)
                    text.append(a)
                    text.append(b)
                    let s = String(text)
                    XCTAssertEqual(CellText.needsWork(s), s.unicodeScalars.contains { !CellText.isAllowed($0) }, s.debugDescription)
                }
            }
        }
        XCTAssertFalse(CellText.needsWork(String(repeating: "字", count: CellText.maximumLength)))
        XCTAssertTrue(CellText.needsWork(String(repeating: "字", count: CellText.maximumLength + 1)))
    }

    /// Merged ranges spanning rows must survive constant-memory mode, where rows are flushed.
    func testCellGridWritesMergesInConstantMemoryMode() throws {
        let path = scratch()
        let wb = try Workbook(path: path, constantMemory: true)
        let sheet = try wb.addWorksheet("表")
        let f = wb.format(Style(bold: true, border: true))
        var g = CellGrid()
        g.merge(CellRange(0, 0, 2, 2), "角", f)
        g.merge(CellRange(0, 3, 0, 9), "申请人情况", f)
        g.merge(CellRange(1, 3, 2, 3), "自然人", f)
        g.text(2, 4, "商业企业", f)
        g.merge(CellRange(3, 1, 3, 3), .number(42), f)
        g.number(3, 0, 7)
        try g.write(to: sheet)
        try sheet.write(4, 0, "after", .none)
        try wb.close()
        let xml = try entry(path, "xl/worksheets/sheet1.xml")
        for ref in ["A1:C3", "D1:J1", "D2:D3", "B4:D4"] {
            XCTAssertTrue(xml.contains("<mergeCell ref=\"\(ref)\"/>"), "\(ref) in \(xml)")
        }
        XCTAssertTrue(xml.contains("<c r=\"B4\" s=\"1\"><v>42</v></c>"), xml)
        XCTAssertTrue(xml.contains("自然人"))
        XCTAssertTrue(xml.contains("商业企业"))
        XCTAssertTrue(xml.contains("after"))
    }

    func testWritingBehindFlushedRowsIsAnError() throws {
        let wb = try Workbook(path: scratch(), constantMemory: true)
        let sheet = try wb.addWorksheet("s")
        try sheet.write(5, 0, "x")
        try sheet.write(6, 0, "y")
        XCTAssertThrowsError(try sheet.write(1, 0, "late")) {
            guard case .indexOutOfRange = $0 as? XLSXError else { return XCTFail("\($0)") }
        }
        try wb.close()
    }

    func testFormulaLookingTextStaysText() throws {
        let path = scratch()
        let wb = try Workbook(path: path)
        let sheet = try wb.addWorksheet("s")
        try sheet.write(0, 0, "=HYPERLINK(\"http://x\",\"y\")")
        try wb.close()
        let xml = try entry(path, "xl/worksheets/sheet1.xml")
        XCTAssertFalse(xml.contains("<f>"))
        XCTAssertTrue(xml.contains("=HYPERLINK"))
    }

    func testClosingIntoAMissingFolderThrows() throws {
        let wb = try Workbook(path: "/nonexistent-folder/x.xlsx")
        _ = try wb.addWorksheet("s")
        XCTAssertThrowsError(try wb.close()) {
            guard case .cannotCreateFile = $0 as? XLSXError else { return XCTFail("\($0)") }
        }
    }

    func testFixedCreationDateMakesIdenticalBytes() throws {
        func make() throws -> Data {
            let path = scratch()
            let wb = try Workbook(path: path)
            try wb.setProperties(title: "t", company: "平罗县", created: Date(timeIntervalSince1970: 1_740_787_200))
            let s = try wb.addWorksheet("s")
            try s.write(0, 0, 1.5)
            try wb.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        XCTAssertEqual(try make(), try make())
    }

    /// Sheets filled side by side give the same file, byte for byte, as sheets filled one after
    /// the other, whichever thread first uses a format: formats are numbered before the jobs start.
    func testSheetsWrittenConcurrentlyGiveTheSameBytesAsInTurn() throws {
        func make(concurrently: Bool) throws -> Data {
            let path = scratch()
            let wb = try Workbook(path: path)
            try wb.setProperties(title: "t", created: Date(timeIntervalSince1970: 1_740_787_200))
            let bold = wb.format(Style(bold: true))
            let money = wb.format(Style(numberFormat: "#,##0.00", border: true))
            let a = try wb.addWorksheet("甲"), b = try wb.addWorksheet("乙")
            // In turn `b` uses `money` first; side by side either sheet may.
            let fillA = { for r in 0..<2_000 { try a.write(r, 0, "行\(r)", bold); try a.write(r, 1, Double(r) / 4, money) } }
            let fillB = { for r in 0..<2_000 { try b.write(r, 0, Double(r), money); try b.write(r, 1, "b", bold) } }
            // Both ways through writeConcurrently, which numbers the formats first.
            if concurrently {
                try wb.writeConcurrently([fillA, fillB])
            } else {
                try wb.writeConcurrently([{ try fillB(); try fillA() }])
            }
            try wb.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        let inTurn = try make(concurrently: false)
        for _ in 0..<5 { XCTAssertEqual(try make(concurrently: true), inTurn) }
        let path = scratch()
        let wb = try Workbook(path: path)
        let s = try wb.addWorksheet("s")
        struct Boom: Error {}
        XCTAssertThrowsError(try wb.writeConcurrently([{ try s.write(0, 0, 1.0) }, { throw Boom() }])) { XCTAssertTrue($0 is Boom) }
        try wb.close()
        XCTAssertTrue(try entry(path, "xl/worksheets/sheet1.xml").contains("<v>1</v>"))
    }

    func testColumnNames() {
        XCTAssertEqual(columnName(0), "A")
        XCTAssertEqual(columnName(25), "Z")
        XCTAssertEqual(columnName(26), "AA")
        XCTAssertEqual(columnName(212), "HE")
        XCTAssertEqual(CellRange(1, 0, 3, 2).a1, "A2:C4")
    }
}
