import Aggregate
import XLSX

/// Sections 二, 三 and 四 laid out cell by cell as 国办公开办函〔2021〕30号 prints them (the
/// merged headers included), filled with the county totals, so the office can paste them into
/// its own report. Beside each table a grey column says how many townships' figures went into
/// each row; below it, each township's figures and the 县合计 line.
enum OfficialTables {
    static let coverageLabel = "填报乡镇数"

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

    /// 三、收到和处理政府信息公开申请情况: the 25 × 7 table with its merged corner and headers.
    static func writeRequests(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles, r = ctx.rollup
        let section = Catalog.section(.requests)
        let cols = Catalog.applicantColumns
        var g = CellGrid()
        g.text(0, 0, SectionID.requests.title, s.title)
        g.text(0, 11, ctx.heading, s.subtitle)
        // Header block, rows 1–3 (zero-based), columns A–J; coverage in K.
        g.merge(CellRange(1, 0, 3, 2), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", s.header)
        g.merge(CellRange(1, 3, 1, 9), "申请人情况", s.header)
        g.merge(CellRange(2, 3, 3, 3), cols[0].label, s.header)
        g.merge(CellRange(2, 4, 2, 8), "法人或其他组织", s.header)
        for c in 1...5 { g.text(3, 3 + c, cols[c].label, s.header) }
        g.merge(CellRange(2, 9, 3, 9), cols[6].label, s.header)
        g.merge(CellRange(1, 10, 3, 10), coverageLabel, s.coverageHeader)
        g.rowHeight(2, 20.25)
        g.rowHeight(3, 30)
        let first = 4
        let resultsTitle = "三、本年度办理结果"
        var groupStart: [String: Int] = [:], groupEnd: [String: Int] = [:]
        var blockStart = Int.max, blockEnd = -1
        for (k, def) in section.rows.enumerated() {
            let row = first + k
            if let group = def.group {
                blockStart = min(blockStart, row)
                blockEnd = max(blockEnd, row)
                if group == resultsTitle {
                    g.merge(CellRange(row, 1, row, 2), def.label, s.label)
                } else {
                    groupStart[group] = min(groupStart[group] ?? row, row)
                    groupEnd[group] = row
                    g.text(row, 2, def.label, s.label)
                }
            } else {
                g.merge(CellRange(row, 0, row, 2), def.label, s.label)
            }
            for c in cols.indices {
                let cell = def.firstCell + c
                g.put(row, 3 + c, ctx.gridValue(cell: cell, r.totals[cell]), s.count)
            }
            g.number(row, 10, Double(rowCoverage(r, def)), s.coverage)
            if displayWidth(def.label) > 34 { g.rowHeight(row, 30) }
        }
        if blockEnd >= blockStart { g.merge(CellRange(blockStart, 0, blockEnd, 0), resultsTitle, s.labelCenter) }
        for (group, start) in groupStart.sorted(by: { $0.value < $1.value }) { g.merge(CellRange(start, 1, groupEnd[group]!, 1), group, s.labelCenter) }
        try g.write(to: sheet)
        try sheet.setColumn(0, 0, width: 10.7)
        try sheet.setColumn(1, 1, width: 12.7)
        try sheet.setColumn(2, 2, width: 30.7)
        try sheet.setColumn(3, 9, width: 8.7)
        try sheet.setColumn(10, 10, width: 9)
        let totalCells = section.rows.map { $0.totalCell! }
        let end = first + section.rows.count
        _ = try ctx.townshipRows(sheet, startRow: end + 2, title: "各乡镇填报数（各行“总计”列；全部单元格见“乡镇明细”）",
                                 section: .requests, cells: totalCells,
                                 headers: section.rows.map { Rules.rowTitle(.requests, $0) })
        try sheet.setColumn(11, 1 + totalCells.count, width: 9)
        sheet.setupPrint(landscape: true, fitToWidth: true, header: "&L\(ctx.heading)")
    }

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

    /// Townships whose report states every cell of the row.
    static func rowCoverage(_ r: Rollup, _ def: RowDef) -> Int {
        (0..<def.columns.count).map { r.cellCoverage[def.firstCell + $0] }.min() ?? 0
    }

    /// A column header for one cell: row and column label joined.
    static func shortLabel(_ cell: CellDef) -> String {
        let def = Catalog.section(cell.section).rows[cell.row]
        let col = def.columns[cell.column]
        let rowLabel = Rules.rowTitle(cell.section, def)
        return col.key == nil ? rowLabel : "\(rowLabel)·\(col.label)"
    }
}
