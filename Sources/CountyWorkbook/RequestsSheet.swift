import Aggregate
import XLSX

extension OfficialTables {
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
}
