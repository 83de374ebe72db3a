import Aggregate
import XLSX

extension OfficialTables {
    /// 四、政府信息公开行政复议、行政诉讼情况: one row of 15 under two levels of headers.
    static func writeAppeals(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles, r = ctx.rollup
        let section = Catalog.section(.appeals)
        var g = CellGrid()
        g.text(0, 0, SectionID.appeals.title, s.title)
        var col = 0
        var litigationStart: Int? = nil
        for def in section.rows {
            let n = def.columns.count
            if let group = def.group {
                if litigationStart == nil { litigationStart = col }
                g.merge(CellRange(2, col, 2, col + n - 1), def.label, s.header)
                _ = group
            } else {
                g.merge(CellRange(1, col, 2, col + n - 1), def.label, s.header)
            }
            for (c, column) in def.columns.enumerated() {
                g.text(3, col + c, column.label, s.header)
                let cell = def.firstCell + c
                g.put(4, col + c, ctx.gridValue(cell: cell, r.totals[cell]), s.count)
            }
            col += n
        }
        if let start = litigationStart {
            let group = section.rows.first(where: { $0.group != nil })!.group!
            g.merge(CellRange(1, start, 1, col - 1), group, s.header)
        }
        g.merge(CellRange(1, col, 3, col), coverageLabel, s.coverageHeader)
        g.number(4, col, Double(r.coverage[SectionID.appeals.rawValue]), s.coverage)
        g.text(0, col + 1, ctx.heading, s.subtitle)
        g.rowHeight(3, 30)
        try g.write(to: sheet)
        try sheet.setColumn(0, col - 1, width: 7.7)
        try sheet.setColumn(col, col, width: 9)
        let cells = Array(section.cellRange)
        _ = try ctx.townshipRows(sheet, startRow: 7, title: "各乡镇填报数", section: .appeals, cells: cells,
                                 headers: cells.map { shortLabel(Catalog.cells[$0]) })
        try sheet.setColumn(0, 0, width: 12)
        sheet.setupPrint(landscape: true, fitToWidth: true, header: "&L\(ctx.heading)")
    }
}
