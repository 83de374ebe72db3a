/// Spreads a table's merged cells over a rectangular grid, the way HTML (rowspan/colspan) and
/// Word (gridSpan/vMerge) each define it. Absurd spans are clamped, and grid columns where no
/// cell starts (only spans cross them) are dropped, so `colspan="1000"` cannot widen a table.
enum TableGrid {
    enum Merging {
        /// HTML: a cell covers rowSpan × columnSpan; later rows skip covered positions.
        case html
        /// Word: cells stand in order from w:gridBefore; a vMerge "continue" cell joins the
        /// merged cell above it in the same grid column.
        case word
    }

    enum VerticalMerge { case none, restart, `continue` }

    /// The most a span may claim, and the widest a table may be.
    static let maximumSpan = 1000
    static let maximumColumns = 4096
    /// Grid positions (rows × columns) beyond which a table is rejected rather than built.
    static let maximumArea = 4_000_000

    private struct Placement {
        var row: Int
        var column: Int
        var rowSpan: Int
        var columnSpan: Int
        var cell: (row: Int, index: Int)
    }

    static func table(_ draft: TableDraft, merging: Merging, number: Int) throws(ExtractError) -> Table {
        let rowCount = draft.rows.count
        var placements: [Placement] = []
        switch merging {
        case .html: placements = htmlPlacements(draft)
        case .word: placements = wordPlacements(draft)
        }
        // Keep the grid columns where some cell starts.
        var lastColumn = 0
        for p in placements where p.column > lastColumn { lastColumn = p.column }
        var starts = [Bool](repeating: false, count: lastColumn + 1)
        var keptCount = 0
        for p in placements where !starts[p.column] {
            starts[p.column] = true
            keptCount += 1
        }
        var keptIndex = [Int](repeating: -1, count: lastColumn + 1)
        var kept: [Int] = []
        kept.reserveCapacity(keptCount)
        for c in 0...lastColumn where starts[c] {
            keptIndex[c] = kept.count
            kept.append(c)
        }
        let width = kept.count
        if rowCount > 0 && width > maximumArea / rowCount {
            throw ExtractError.tableTooLarge(number: number, rows: rowCount, columns: width)
        }
        var rows: [[Cell]] = (0..<rowCount).map { r in
            (0..<width).map { c in Cell("", origin: GridPosition(row: r, column: c)) }
        }
        for p in placements {
            let draftCell = draft.rows[p.cell.row].cells[p.cell.index]
            let text = draftCell.text
            let first = keptIndex[p.column]
            let origin = GridPosition(row: p.row, column: first)
            var k = first
            while k < width && kept[k] < p.column + p.columnSpan {
                for r in p.row..<(p.row + p.rowSpan) {
                    rows[r][k] = Cell(text, origin: origin)
                }
                k += 1
            }
        }
        return Table(rows: rows, place: "table \(number)")
    }

    private static func htmlPlacements(_ draft: TableDraft) -> [Placement] {
        let rowCount = draft.rows.count
        var placements: [Placement] = []
        // The first row at which each grid column is free again.
        var freeFrom: [Int] = []
        for (r, row) in draft.rows.enumerated() {
            var c = 0
            for (i, cell) in row.cells.enumerated() {
                while c < freeFrom.count && freeFrom[c] > r { c += 1 }
                guard c < maximumColumns else { break }
                // A span stops short of a column a cell above still covers (overlapping cells).
                let wanted = min(max(cell.columnSpan, 1), maximumSpan, maximumColumns - c)
                var columnSpan = 1
                while columnSpan < wanted && (c + columnSpan >= freeFrom.count || freeFrom[c + columnSpan] <= r) { columnSpan += 1 }
                let remaining = rowCount - r
                let rowSpan = cell.rowSpan <= 0 ? remaining : min(cell.rowSpan, remaining)
                if freeFrom.count < c + columnSpan {
                    freeFrom.append(contentsOf: repeatElement(0, count: c + columnSpan - freeFrom.count))
                }
                for k in c..<(c + columnSpan) { freeFrom[k] = r + rowSpan }
                placements.append(Placement(row: r, column: c, rowSpan: rowSpan, columnSpan: columnSpan, cell: (r, i)))
                c += columnSpan
            }
        }
        return placements
    }

    private static func wordPlacements(_ draft: TableDraft) -> [Placement] {
        var placements: [Placement] = []
        // For each grid column, the vertically merged placement ending in the row above.
        var openAbove: [Int: Int] = [:]
        for (r, row) in draft.rows.enumerated() {
            var openHere: [Int: Int] = [:]
            var c = min(row.skipColumns, maximumColumns)
            for (i, cell) in row.cells.enumerated() {
                guard c < maximumColumns else { break }
                let columnSpan = min(max(cell.columnSpan, 1), maximumSpan, maximumColumns - c)
                if cell.verticalMerge == .continue, let above = openAbove[c] {
                    placements[above].rowSpan += 1
                    openHere[c] = above
                } else {
                    placements.append(Placement(row: r, column: c, rowSpan: 1, columnSpan: columnSpan, cell: (r, i)))
                    if cell.verticalMerge != .none { openHere[c] = placements.count - 1 }
                }
                c += columnSpan
            }
            openAbove = openHere
        }
        return placements
    }
}
