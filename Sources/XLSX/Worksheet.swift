import CXLSXWriter

/// A zero-based cell range, inclusive at both ends.
package struct CellRange: Hashable, Sendable {
    package var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
    package init(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// "A1:C4" notation.
    package var a1: String { "\(cellName(firstRow, firstColumn)):\(cellName(lastRow, lastColumn))" }
}

/// "A1"-style name of a zero-based cell.
package func cellName(_ row: Int, _ column: Int) -> String { "\(columnName(column))\(row + 1)" }

/// "A", "B", …, "AA" for a zero-based column.
package func columnName(_ column: Int) -> String {
    var n = column + 1
    var letters: [Character] = []
    while n > 0 {
        let r = (n - 1) % 26
        letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
        n = (n - 1) / 26
    }
    return String(letters.reversed())
}

/// One sheet of a `Workbook`. In constant-memory mode rows must be written top to bottom.
package final class Worksheet {
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    package let name: String
    unowned let workbook: Workbook
    /// The last row a `RowWriter` wrote (-1: none): libxlsxwriter does not know those rows, so
    /// the calls below refuse cells on them, as it refuses cells on rows it has flushed.
    var rowsWrittenThrough = -1

    init(pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: Workbook) {
        self.pointer = pointer
        self.name = name
        self.workbook = workbook
    }

    /// Rows written straight into the sheet's row file (see `RowWriter`), below those written so far.
    /// `sharedText`: texts go to the workbook's shared strings (`Workbook.sharedStringIndex`),
    /// for sheets written on the workbook's own thread whose texts repeat.
    package func rows(sharedText: Bool = false) -> RowWriter { RowWriter(self, sharedText: sharedText) }

    private func checkBelowWrittenRows(_ row: Int, _ column: Int) throws {
        if row <= rowsWrittenThrough { throw XLSXError.indexOutOfRange(row: UInt32(clamping: row), column: UInt16(clamping: column)) }
    }

    package func write(_ row: Int, _ column: Int, _ text: String, _ format: Format = .none) throws {
        try checkBelowWrittenRows(row, column)
        try check(worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), CellText.safe(text), format.pointer),
                  row: UInt32(row), column: UInt16(column))
    }

    package func write(_ row: Int, _ column: Int, _ number: Double, _ format: Format = .none) throws {
        try checkBelowWrittenRows(row, column)
        try check(worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column), number, format.pointer),
                  row: UInt32(row), column: UInt16(column))
    }

    package func write(_ row: Int, _ column: Int, _ number: Int64, _ format: Format = .none) throws {
        try write(row, column, Double(number), format)
    }

    package func writeBlank(_ row: Int, _ column: Int, _ format: Format) throws {
        try checkBelowWrittenRows(row, column)
        try check(worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(column), format.pointer),
                  row: UInt32(row), column: UInt16(column))
    }

    /// Registers a merged range. In constant-memory mode call it while `range.lastRow` is the
    /// row being written, after writing the range's cells yourself; `CellGrid` does this.
    package func merge(_ range: CellRange, _ text: String, _ format: Format) throws {
        try checkBelowWrittenRows(range.lastRow, range.lastColumn)
        try check(worksheet_merge_range(pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                        lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn),
                                        CellText.safe(text), format.pointer),
                  row: UInt32(range.firstRow), column: UInt16(range.firstColumn))
    }

    package func setColumn(_ first: Int, _ last: Int, width: Double, _ format: Format = .none) throws {
        try check(worksheet_set_column(pointer, lxw_col_t(first), lxw_col_t(last), width, format.pointer))
    }

    package func setRow(_ row: Int, height: Double) throws {
        try checkBelowWrittenRows(row, 0)
        try check(worksheet_set_row(pointer, lxw_row_t(row), height, nil))
    }

    package func freezePanes(row: Int, column: Int) {
        worksheet_freeze_panes(pointer, lxw_row_t(row), lxw_col_t(column))
    }

    package func autofilter(_ range: CellRange) throws {
        try check(worksheet_autofilter(pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                       lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn)))
    }

    /// Landscape A4, fitted to one page wide, with the given rows repeated on every page.
    package func setupPrint(landscape: Bool = true, fitToWidth: Bool = true, repeatRows: ClosedRange<Int>? = nil,
                           header: String? = nil) {
        if landscape { worksheet_set_landscape(pointer) }
        worksheet_set_paper(pointer, 9)
        if fitToWidth { worksheet_fit_to_pages(pointer, 1, 0) }
        worksheet_set_margins(pointer, 0.4, 0.4, 0.6, 0.6)
        if let repeatRows {
            worksheet_repeat_rows(pointer, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound))
        }
        if let header { worksheet_set_header(pointer, header) }
        worksheet_set_footer(pointer, "&C第 &P 页，共 &N 页")
    }

    package func activate() { worksheet_activate(pointer) }

    /// Colours cells of `range` whose text equals `text` (a conditional format, so a filter or
    /// a change in Excel keeps the colour right).
    package func highlight(_ range: CellRange, whenTextIs text: String, _ format: Format) throws {
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        let quoted = workbook.retain("\"\(text)\"")
        cf.value_string = quoted
        cf.format = format.pointer
        try check(worksheet_conditional_format_range(pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                              lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn), &cf))
    }

    /// Places a chart with its top-left corner at the cell.
    package func insert(_ chart: Chart, row: Int, column: Int, scale: (x: Double, y: Double) = (1, 1)) throws {
        var options = lxw_chart_options()
        options.x_scale = scale.x
        options.y_scale = scale.y
        try check(worksheet_insert_chart_opt(pointer, lxw_row_t(row), lxw_col_t(column), chart.pointer, &options))
    }
}
