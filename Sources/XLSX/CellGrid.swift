/// A small sheet region laid out freely (any order, merged ranges included) and then written
/// top to bottom, as constant-memory mode requires. Each merge is registered while its last row
/// is current, after its cells were written, so it works in both memory modes.
package struct CellGrid {
    package enum Value {
        case text(String)
        case number(Double)
        case blank
    }

    struct Cell { var value: Value; var format: Format }
    private var cells: [Int: [Int: Cell]] = [:]
    private var merges: [(range: CellRange, value: Value, format: Format)] = []
    private var heights: [Int: Double] = [:]

    package init() {}

    package mutating func put(_ row: Int, _ column: Int, _ value: Value, _ format: Format = .none) {
        cells[row, default: [:]][column] = Cell(value: value, format: format)
    }

    package mutating func text(_ row: Int, _ column: Int, _ text: String, _ format: Format = .none) {
        put(row, column, .text(text), format)
    }

    package mutating func number(_ row: Int, _ column: Int, _ number: Double, _ format: Format = .none) {
        put(row, column, .number(number), format)
    }

    /// Merges `range` showing `text`; every cell of the range gets `format` (borders included).
    package mutating func merge(_ range: CellRange, _ text: String, _ format: Format) {
        merge(range, .text(text), format)
    }

    /// Merges `range` showing `value` in its first cell.
    package mutating func merge(_ range: CellRange, _ value: Value, _ format: Format) {
        for r in range.firstRow...range.lastRow {
            for c in range.firstColumn...range.lastColumn {
                put(r, c, (r == range.firstRow && c == range.firstColumn) ? value : .blank, format)
            }
        }
        if range.firstRow != range.lastRow || range.firstColumn != range.lastColumn {
            merges.append((range, value, format))
        }
    }

    package mutating func rowHeight(_ row: Int, _ height: Double) { heights[row] = height }

    /// Writes every cell row by row and registers the merges.
    package func write(to sheet: Worksheet) throws {
        let rows = Set(cells.keys).union(heights.keys).sorted()
        for row in rows {
            if let h = heights[row] { try sheet.setRow(row, height: h) }
            if let line = cells[row] {
                for column in line.keys.sorted() {
                    let cell = line[column]!
                    try write(cell.value, to: sheet, row, column, cell.format)
                }
            }
            for merge in merges where merge.range.lastRow == row {
                // libxlsxwriter writes the merge's first cell as text; cells of rows already
                // flushed are left as written, and a first cell on this row is written again.
                var text = ""
                if case .text(let s) = merge.value { text = s }
                do {
                    try sheet.merge(merge.range, text, merge.format)
                } catch XLSXError.indexOutOfRange where merge.range.firstRow < row && sheet.workbook.constantMemory {
                    // Expected: the range is stored before libxlsxwriter fails to rewrite the flushed first cell.
                }
                if merge.range.firstRow == row || !sheet.workbook.constantMemory {
                    try write(merge.value, to: sheet, row, merge.range.firstColumn, merge.format)
                }
            }
        }
    }

    private func write(_ value: Value, to sheet: Worksheet, _ row: Int, _ column: Int, _ format: Format) throws {
        switch value {
        case .text(let s): try sheet.write(row, column, s, format)
        case .number(let n): try sheet.write(row, column, n, format)
        case .blank: try sheet.writeBlank(row, column, format)
        }
    }
}
