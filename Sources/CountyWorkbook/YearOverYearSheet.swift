import Aggregate
import XLSX

/// 同比: the headline figures this year against last year, for the county and each township.
enum YearOverYearSheet {
    static func write(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles, r = ctx.rollup
        let measures = YearOverYear.measures
        try sheet.write(0, 0, "\(r.county.name)\(r.year)年与\(r.year - 1)年对比", s.title)
        guard let previous = r.previousTotals else {
            try sheet.write(2, 0, "输入中没有\(r.year - 1)年的报告（inputs/\(r.year - 1)/），无法同比。", s.subtitle)
            return
        }
        try sheet.write(1, 0, "县合计为当年计入汇总的乡镇之和；上年为上年报告之和（名册乡镇）。上年为 0 时增减率显示“新增”（本年 > 0）或“—”（两年均为 0）。", s.subtitle)
        let head = ["指标", "\(r.year)年", "\(r.year - 1)年", "增减", "增减率"]
        var row = 3
        for (c, h) in head.enumerated() { try sheet.write(row, c, h, s.header) }
        row += 1
        for m in measures {
            try sheet.write(row, 0, m.label, s.label)
            try writeChange(ctx, sheet, row, 1, m, now: YearOverYear.value(m, r.totals), before: YearOverYear.value(m, previous))
            row += 1
        }
        row += 1
        guard ctx.listsTownships else {
            try sheet.write(row, 0, "乡镇超过 \(CountyWorkbook.listingLimit) 个，各乡镇同比不逐一列出；本年数字见“乡镇明细”。", s.subtitle)
            return
        }
        // Each township: one row, three columns per measure.
        try sheet.write(row, 0, "各乡镇同比", s.bold)
        row += 1
        let header1 = row, header2 = row + 1
        var grid = CellGrid()
        grid.merge(CellRange(header1, 0, header2, 0), "乡镇", s.header)
        grid.merge(CellRange(header1, 1, header2, 1), "备注", s.header)
        for (k, m) in measures.enumerated() {
            let c = 2 + 3 * k
            grid.merge(CellRange(header1, c, header1, c + 2), m.label, s.header)
            grid.text(header2, c, "\(r.year)年", s.header)
            grid.text(header2, c + 1, "\(r.year - 1)年", s.header)
            grid.text(header2, c + 2, "增减率", s.header)
        }
        grid.rowHeight(header1, 45)
        try grid.write(to: sheet)
        row = header2 + 1
        for t in r.townships where t.onRoster || t.report != nil {
            try sheet.write(row, 0, t.name, s.text)
            var notes: [String] = []
            if !t.onRoster { notes.append("名册外") }
            if t.report == nil { notes.append("本年无可读报告（\(t.status.label)）") }
            if t.previous == nil { notes.append("上年无报告（新列入名册？）") }
            try sheet.write(row, 1, notes.joined(separator: "；"), s.text)
            // Each year's figures taken once: a Report read through another module's getter is
            // copied whole (every array retained) at each access.
            let nowValues = t.report?.values, beforeValues = t.previous?.values
            for (k, m) in measures.enumerated() {
                let c = 2 + 3 * k
                let now = nowValues.map { YearOverYear.value(m, $0) }
                let before = beforeValues.map { YearOverYear.value(m, $0) }
                if let now { try writeNumber(ctx, sheet, row, c, m, now) } else { try sheet.writeBlank(row, c, s.count) }
                if let before { try writeNumber(ctx, sheet, row, c + 1, m, before) } else { try sheet.writeBlank(row, c + 1, s.count) }
                if let now, let before {
                    let change = YearOverYear.change(now: now, before: before)
                    if let p = change.percent { try sheet.write(row, c + 2, p, s.percent) } else { try sheet.write(row, c + 2, change.text, s.labelCenter) }
                } else {
                    try sheet.writeBlank(row, c + 2, s.count)
                }
            }
            row += 1
        }
        for name in r.departed {
            try sheet.write(row, 0, name, s.text)
            try sheet.write(row, 1, "上年有报告，已不在本年名册", s.text)
            row += 1
        }
        try sheet.setColumn(0, 0, width: 34)
        try sheet.setColumn(1, 1, width: 22)
        try sheet.setColumn(2, 1 + 3 * measures.count, width: 9)
        sheet.setupPrint(landscape: true, fitToWidth: false, header: "&L\(ctx.heading)")
    }

    static func writeNumber(_ ctx: Context, _ sheet: Worksheet, _ row: Int, _ col: Int, _ m: YearOverYear.Measure, _ v: Int64) throws {
        if m.isAmount { try sheet.write(row, col, Amount(millionths: v).doubleValue, ctx.styles.amount) } else { try sheet.write(row, col, Double(v), ctx.styles.count) }
    }

    static func writeChange(_ ctx: Context, _ sheet: Worksheet, _ row: Int, _ col: Int, _ m: YearOverYear.Measure, now: Int64, before: Int64) throws {
        try writeNumber(ctx, sheet, row, col, m, now)
        try writeNumber(ctx, sheet, row, col + 1, m, before)
        let change = YearOverYear.change(now: now, before: before)
        try writeNumber(ctx, sheet, row, col + 2, m, change.difference)
        if let p = change.percent { try sheet.write(row, col + 3, p, ctx.styles.percent) } else { try sheet.write(row, col + 3, change.text, ctx.styles.labelCenter) }
    }
}
