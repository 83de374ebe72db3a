import Aggregate
import XLSX

/// 乡镇明细: one row per township, one column per cell of the format.
enum DetailSheet {
    static let fixed = ["乡镇", "区划代码", "状态", "计入县合计", "报告格式"]

    static func write(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles, r = ctx.rollup
        var g = CellGrid()
        for (c, h) in fixed.enumerated() { g.merge(CellRange(0, c, 1, c), h, s.header) }
        var col = fixed.count
        for section in Catalog.sections {
            for def in section.rows {
                let rowTitle = Rules.rowTitle(section.id, def)
                let n = def.columns.count
                if n == 1 {
                    g.merge(CellRange(0, col, 1, col), "\(section.id.numeral)·\(rowTitle)", s.header)
                } else {
                    g.merge(CellRange(0, col, 0, col + n - 1), "\(section.id.numeral)·\(rowTitle)", s.header)
                    for (c, column) in def.columns.enumerated() { g.text(1, col + c, column.label, s.header) }
                }
                col += n
            }
        }
        g.rowHeight(0, 60)
        g.rowHeight(1, 30)
        try g.write(to: sheet)
        var row = 2
        // Above the listing limit (a province, the nation) the figures go without a cell style
        // (Excel's General format, no border): a style costs every one of millions of cells
        // about a tenth of its writing time, and nobody reads 40,000 rows for their borders.
        let styled = ctx.listsTownships
        // One township's figures, every cell, filled from its compact cells once per row (a
        // compact cell is found by counting bits; this row reads up to 208 of them).
        var figures = [Int64](repeating: 0, count: Catalog.cellCount)
        // Every township, those without a readable report too (their figures blank), so a filter
        // on 状态 finds them here as well.
        // Written straight into the sheet's row file (XLSX's RowWriter): libxlsxwriter's own
        // calls cost an allocation and three printf per cell, and this sheet has millions.
        let rows = sheet.rows()
        for t in r.townships {
            try rows.startRow(row)
            try rows.text(0, t.name, s.text)
            try rows.text(1, t.code ?? "", s.text)
            try rows.text(2, t.status.label, s.labelCenter)
            try rows.text(3, t.counted ? "是" : "否", s.labelCenter)
            guard let rep = t.report else {
                try rows.text(4, "—", s.labelCenter)
                row += 1
                continue
            }
            try rows.text(4, rep.edition.rawValue, s.labelCenter)
            for k in figures.indices { figures[k] = 0 }
            rep.values.forEachNonZero { cell, value in figures[cell] = value }
            for section in Catalog.sections where rep.sections[section.id.rawValue] {
                for cell in section.cellRange where rep.present[cell] {
                    let format = styled ? ctx.format(cell: cell) : .none
                    try rows.number(fixed.count + cell, ctx.number(cell: cell, figures[cell]), format)
                }
            }
            row += 1
        }
        try rows.finish()
        // In constant-memory mode the filter must be set while its last row is still current.
        try sheet.autofilter(CellRange(1, 0, max(1, row - 1), fixed.count + Catalog.cellCount - 1))
        try sheet.write(row, 0, "县合计", s.totalLabel)
        for c in 1..<fixed.count { try sheet.writeBlank(row, c, s.totalLabel) }
        for cell in Catalog.cells {
            try ctx.value(sheet, row, fixed.count + cell.index, cell: cell.index, r.totals[cell.index], total: true)
        }
        try sheet.setColumn(0, 0, width: 14)
        try sheet.setColumn(1, 1, width: 12)
        try sheet.setColumn(2, 4, width: 9)
        try sheet.setColumn(fixed.count, fixed.count + Catalog.cellCount - 1, width: 10)
        sheet.freezePanes(row: 2, column: 1)
        sheet.setupPrint(landscape: true, fitToWidth: false, repeatRows: 0...1)
    }
}
