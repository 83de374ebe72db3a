import CXLSXWriter
import Glibc

/// Whole rows of a constant-memory sheet written straight into its row file, as the bytes
/// libxlsxwriter 1.1.4 writes for the same cells (RowWriterTests compares the two), without
/// its allocation per cell and its three printf calls per cell: the sheets of one row per
/// township hold millions of cells at a province's size (乡镇明细 at 40,000 townships: 8 million).
///
/// Rows go top to bottom, cells left to right, each row below every row written before; the
/// sheet takes cells through `Worksheet`'s calls again below the last row written here (after
/// `finish()`). In a workbook that is not in constant-memory mode the same calls go through
/// libxlsxwriter cell by cell, with the same result.
package final class RowWriter {
    private let sheet: Worksheet
    private let file: UnsafeMutablePointer<FILE>?
    private let capacity = 1 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    private var used = 0
    /// The row open (-1: none yet) and the last column written in it.
    private var row = -1
    private var column = -1
    private var lastRow = -1
    /// `r="…"`'s row part of the open row: its number counted from 1, `rowDigitCount` digits.
    /// This and the style cache are buffers of their own, read on every cell without the
    /// exclusivity check and reference counting a class's array property costs.
    private let rowDigits: UnsafeMutablePointer<UInt8>
    private var rowDigitCount = 0
    /// Whether `<row …>` is written: at the row's first cell (a row without cells is not written).
    private var rowOpen = false
    /// The formats met so far and their style indexes (`styleCount` of `styleCapacity`; a sheet
    /// uses a few), then `styleIndexes` for any more.
    private let styleFormats: UnsafeMutablePointer<UnsafeMutablePointer<lxw_format>?>
    private let styleValues: UnsafeMutablePointer<Int32>
    private var styleCount = 0
    private let styleCapacity = 16
    private var styleIndexes: [UnsafeMutablePointer<lxw_format>: Int32] = [:]
    private var minColumn = Int.max, maxColumn = -1
    /// The first and last rows that got a cell (libxlsxwriter counts only those in the sheet's range).
    private var minRow = Int.max, maxRow = -1
    private var finished = false
    /// Texts go to the shared strings table and the cell holds their index (`t="s"`).
    private let sharedText: Bool

    /// Starts writing rows below every row the sheet holds so far (the row libxlsxwriter still
    /// keeps open is written out first). `sharedText`: see `Worksheet.rows(sharedText:)`.
    init(_ sheet: Worksheet, sharedText: Bool = false) {
        self.sheet = sheet
        self.sharedText = sharedText
        buffer = .allocate(capacity: capacity)
        rowDigits = .allocate(capacity: 16)
        styleFormats = .allocate(capacity: styleCapacity)
        styleValues = .allocate(capacity: styleCapacity)
        if sheet.workbook.constantMemory, let file = sheet.pointer.pointee.optimize_tmpfile {
            lxw_worksheet_write_single_row(sheet.pointer)
            self.file = file
            // optimize_row's number means something once a row has been written (dim_rowmin set).
            let anyRow = sheet.pointer.pointee.dim_rowmin != lxw_row_t(LXW_ROW_MAX)
            lastRow = max(anyRow ? Int(sheet.pointer.pointee.optimize_row.pointee.row_num) : -1, sheet.rowsWrittenThrough)
        } else {
            file = nil
        }
    }

    deinit {
        buffer.deallocate()
        rowDigits.deallocate()
        styleFormats.deallocate()
        styleValues.deallocate()
    }

    /// Opens `row`, closing the row before; rows only go down.
    package func startRow(_ row: Int) throws {
        guard row > lastRow, row < Int(LXW_ROW_MAX) else { throw XLSXError.indexOutOfRange(row: UInt32(clamping: row), column: 0) }
        endRow()
        self.row = row
        lastRow = row
        column = -1
        guard file != nil else { return }
        var count = 1, n = (row + 1) / 10
        while n > 0 { count += 1; n /= 10 }
        n = row + 1
        for k in stride(from: count - 1, through: 0, by: -1) {
            rowDigits[k] = UInt8(ascii: "0") + UInt8(n % 10)
            n /= 10
        }
        rowDigitCount = count
        rowOpen = false
    }

    /// A number, as `Worksheet.write(_:_:_:_:)` writes it.
    package func number(_ column: Int, _ value: Double, _ format: Format = .none) throws {
        try cell(column)
        guard file != nil else { return try sheet.write(row, column, value, format) }
        openCell(column, format)
        append("><v>")
        appendNumber(value)
        append("</v></c>")
    }

    /// A text, as `Worksheet.write(_:_:_:_:)` writes it: made safe by `CellText`; an empty
    /// text is a blank cell when it has a format and nothing when it has none.
    package func text(_ column: Int, _ text: String, _ format: Format = .none) throws {
        var safe = CellText.safe(text)
        if safe.isEmpty {
            if format.pointer != nil { try blank(column, format) }
            return
        }
        try cell(column)
        guard file != nil else { return try sheet.write(row, column, safe, format) }
        if sharedText {
            // As libxlsxwriter writes a string cell outside constant-memory mode.
            let index = try sheet.workbook.sharedStringIndex(safe)
            openCell(column, format)
            append(" t=\"s\"><v>")
            appendInteger(Int64(index))
            append("</v></c>")
            return
        }
        openCell(column, format)
        safe.withUTF8 { utf8 in
            // libxlsxwriter marks text starting or ending with white space (C's isspace, after
            // the control characters were escaped: a space, a tab or a line feed) as preserved.
            let edge: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
            append(edge(utf8.first!) || edge(utf8.last!) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>")
            appendEscaped(utf8)
        }
        append("</t></is></c>")
    }

    /// A cell with a format and no value (libxlsxwriter writes nothing for one without a format).
    package func blank(_ column: Int, _ format: Format) throws {
        guard format.pointer != nil else { return }
        try cell(column)
        guard file != nil else { return try sheet.writeBlank(row, column, format) }
        openCell(column, format)
        append("/>")
    }

    /// Closes the last row and hands the sheet back to `Worksheet`'s calls, for rows below it.
    package func finish() throws {
        guard !finished else { return }
        finished = true
        endRow()
        guard let file else { return }
        flush()
        let sheetPointer = sheet.pointer
        if lastRow >= 0 {
            // What libxlsxwriter's own calls would have noted: that the rows up to the last one
            // written here are behind it, and the range used.
            sheetPointer.pointee.optimize_row.pointee.row_num = lxw_row_t(lastRow)
            sheet.rowsWrittenThrough = max(sheet.rowsWrittenThrough, lastRow)
        }
        if maxRow >= 0 {
            sheetPointer.pointee.dim_rowmin = min(sheetPointer.pointee.dim_rowmin, lxw_row_t(minRow))
            sheetPointer.pointee.dim_rowmax = max(sheetPointer.pointee.dim_rowmax, lxw_row_t(maxRow))
        }
        if maxColumn >= 0 {
            sheetPointer.pointee.dim_colmin = min(sheetPointer.pointee.dim_colmin, lxw_col_t(minColumn))
            sheetPointer.pointee.dim_colmax = max(sheetPointer.pointee.dim_colmax, lxw_col_t(maxColumn))
        }
        if ferror(file) != 0 { throw XLSXError.temporaryFileWriteFailed(sheet: sheet.name) }
    }

    // MARK: - Bytes

    private func cell(_ column: Int) throws {
        guard !finished, row >= 0, column > self.column, column < Int(LXW_COL_MAX) else {
            throw XLSXError.indexOutOfRange(row: UInt32(clamping: max(row, 0)), column: UInt16(clamping: max(column, 0)))
        }
        self.column = column
        minColumn = min(minColumn, column)
        maxColumn = max(maxColumn, column)
    }

    private func endRow() {
        guard file != nil, rowOpen else { return }
        append("</row>")
        rowOpen = false
    }

    /// `<c r="B12"` and ` s="3"` when the cell has a style.
    /// Written into the buffer directly: this runs for every cell of every row-written sheet.
    private func openCell(_ column: Int, _ format: Format) {
        // "<row r=\"" + 16 digits + "\">" + "<c r=\"" + 3 letters + 16 digits + "\"" fit in 64.
        ensure(64)
        var p = buffer + used
        @inline(__always) func put(_ text: StaticString) {
            let from = text.utf8Start
            for k in 0..<text.utf8CodeUnitCount { p[k] = from[k] }
            p += text.utf8CodeUnitCount
        }
        @inline(__always) func putRow() {
            for k in 0..<rowDigitCount { p[k] = rowDigits[k] }
            p += rowDigitCount
        }
        if !rowOpen {
            minRow = min(minRow, row)
            maxRow = max(maxRow, row)
            put("<row r=\"")
            putRow()
            put("\">")
            rowOpen = true
        }
        put("<c r=\"")
        // The column's letters (XLSX.columnName): A–Z, AA–ZZ, AAA–XFD.
        let n = column + 1
        if n > 702 {
            p[0] = UInt8(65 + (n - 703) / 676)
            p[1] = UInt8(65 + (n - 27) / 26 % 26)
            p[2] = UInt8(65 + (n - 1) % 26)
            p += 3
        } else if n > 26 {
            p[0] = UInt8(64 + (n - 1) / 26)
            p[1] = UInt8(65 + (n - 1) % 26)
            p += 2
        } else {
            p[0] = UInt8(64 + n)
            p += 1
        }
        putRow()
        p[0] = UInt8(ascii: "\"")
        used = p + 1 - buffer
        let style = styleIndex(format)
        if style != 0 {
            append(" s=\"")
            appendInteger(Int64(style))
            append("\"")
        }
    }

    private func styleIndex(_ format: Format) -> Int32 {
        guard let p = format.pointer else { return 0 }
        for k in 0..<styleCount where styleFormats[k] == p { return styleValues[k] }
        if let known = styleIndexes[p] { return known }
        let index = lxw_format_get_xf_index(p)
        if styleCount < styleCapacity {
            styleFormats[styleCount] = p
            styleValues[styleCount] = index
            styleCount += 1
        } else {
            styleIndexes[p] = index
        }
        return index
    }

    /// `%.16G`, as libxlsxwriter prints a number: a whole number below 10¹⁵ in plain digits
    /// (what %.16G gives it), anything else through vsnprintf itself.
    private func appendNumber(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15, !(value == 0 && value.sign == .minus) {
            appendInteger(Int64(value))
            return
        }
        var digits = [CChar](repeating: 0, count: 64)
        let count = withVaList([value]) { vsnprintf(&digits, 64, "%.16G", $0) }
        digits.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: 64) {
                append(UnsafeBufferPointer(start: $0, count: Int(min(max(count, 0), 63))))
            }
        }
    }

    private func appendInteger(_ value: Int64) {
        ensure(21)
        if value < 0 { buffer[used] = UInt8(ascii: "-"); used += 1 }
        var magnitude = value.magnitude
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let length = withUnsafeMutableBytes(of: &scratch) { raw -> Int in
            var end = 24
            repeat {
                end -= 1
                raw[end] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            (buffer + used).update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + end, count: 24 - end)
            return 24 - end
        }
        used += length
    }

    /// The text as libxlsxwriter stores it: control characters other than tab and line feed
    /// as `_xHHHH_` (lxw_escape_control_characters; after CellText only a carriage return is
    /// left), then `&`, `<` and `>` escaped (lxw_escape_data; quotes stay).
    private func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        let hex: StaticString = "0123456789ABCDEF"
        var start = 0
        for (i, byte) in utf8.enumerated() {
            let escape: StaticString
            switch byte {
            case UInt8(ascii: "&"): escape = "&amp;"
            case UInt8(ascii: "<"): escape = "&lt;"
            case UInt8(ascii: ">"): escape = "&gt;"
            case 0x01...0x08, 0x0B...0x1F:
                append(UnsafeBufferPointer(rebasing: utf8[start..<i]))
                append("_x00")
                ensure(3)
                buffer[used] = hex.utf8Start[Int(byte >> 4)]
                buffer[used + 1] = hex.utf8Start[Int(byte & 0xF)]
                buffer[used + 2] = UInt8(ascii: "_")
                used += 3
                start = i + 1
                continue
            default: continue
            }
            append(UnsafeBufferPointer(rebasing: utf8[start..<i]))
            append(escape)
            start = i + 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    private func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count > 0 else { return }
        if bytes.count > capacity - used {
            flush()
            if bytes.count > capacity {
                if let file { fwrite(bytes.baseAddress!, 1, bytes.count, file) }
                return
            }
        }
        (buffer + used).update(from: bytes.baseAddress!, count: bytes.count)
        used += bytes.count
    }

    private func ensure(_ count: Int) {
        if capacity - used < count { flush() }
    }

    /// Hands the bytes to the file's stream; a failed write shows in ferror, which `finish()`
    /// and `Workbook.close()` check.
    private func flush() {
        guard let file, used > 0 else { return }
        fwrite(buffer, 1, used, file)
        used = 0
    }
}
