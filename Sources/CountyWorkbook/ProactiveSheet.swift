import Aggregate
import XLSX

extension OfficialTables {
    /// 二、主动公开政府信息情况: one small table per clause (第二十条第（一）（五）（六）（八）项).
    static func writeProactive(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles, r = ctx.rollup
        let section = Catalog.section(.proactive)
        var g = CellGrid()
        g.text(0, 0, SectionID.proactive.title, s.title)
        g.text(0, 5, ctx.heading, s.subtitle)
        var row = 1
        var groups: [(String, [RowDef])] = []
        for def in section.rows {
            if groups.last?.0 == def.group { groups[groups.count - 1].1.append(def) } else { groups.append((def.group ?? "", [def])) }
        }
        for (clause, rows) in groups {
            g.merge(CellRange(row, 0, row, 3), clause, s.headerLeft)
            g.text(row, 4, coverageLabel, s.coverageHeader)
            row += 1
            g.text(row, 0, "信息内容", s.header)
            let columns = rows[0].columns
            if columns.count == 1 {
                g.merge(CellRange(row, 1, row, 3), columns[0].label, s.header)
            } else {
                for (c, col) in columns.enumerated() { g.text(row, 1 + c, col.label, s.header) }
            }
            g.text(row, 4, "", s.coverageHeader)
            row += 1
            for def in rows {
                g.text(row, 0, def.label, s.label)
                if def.columns.count == 1 {
                    let cell = def.firstCell
                    g.merge(CellRange(row, 1, row, 3), ctx.gridValue(cell: cell, r.totals[cell]), ctx.format(cell: cell))
                } else {
                    for c in def.columns.indices {
                        let cell = def.firstCell + c
                        g.put(row, 1 + c, ctx.gridValue(cell: cell, r.totals[cell]), ctx.format(cell: cell))
                    }
                }
                g.number(row, 4, Double(rowCoverage(r, def)), s.coverage)
                row += 1
            }
        }
        try g.write(to: sheet)
        try sheet.setColumn(0, 0, width: 22.7)
        try sheet.setColumn(1, 3, width: 16.7)
        try sheet.setColumn(4, 4, width: 10)
        let cells = Array(section.cellRange)
        _ = try ctx.townshipRows(sheet, startRow: row + 2, title: "各乡镇填报数（县合计为以上各表之和）", section: .proactive,
                                 cells: cells, headers: cells.map { shortLabel(Catalog.cells[$0]) })
        try sheet.setColumn(5, 1 + cells.count, width: 12)
        sheet.setupPrint(landscape: true, fitToWidth: true, header: "&L\(ctx.heading)")
    }
}
