import Aggregate
import XLSX

/// 排名: every roster township on each measure and on the weighted composite, best first,
/// with the composite drawn as a bar chart beside the table.
enum RankingSheet {
    static let headers = ["综合排名", "乡镇", "区划代码", "状态", "综合得分", "主动公开量（条）", "排名", "新收申请（件）", "排名",
                          "办结率", "排名", "距截止天数", "排名", "错误", "警告", "数据质量排名"]

    static func write(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles
        let rankings = Rankings.compute(ctx.rollup)
        let w = rankings.weights
        func pct(_ x: Double) -> String { Rules.formatRatio((x / w.divisor * 100).rounded()) + "%" }
        try sheet.write(0, 0, "\(ctx.rollup.county.name)\(ctx.rollup.year)年度乡镇政府信息公开工作排名", s.title)
        try sheet.write(1, 0, "综合得分 = 主动公开量得分×\(pct(w.volume)) + 办结率得分×\(pct(w.closure)) + 报送及时性得分×\(pct(w.timeliness)) + 数据质量得分×\(pct(w.quality))（权重可在 county.json 的 rankingWeights 中设置，默认 0.2/0.2/0.3/0.3）", s.subtitle)
        try sheet.write(2, 0, "各项得分（0–100）：主动公开量 = 网站+微信+微博信息数 ÷ 最高者；办结率 = 三（七）总计 ÷（一+二），无申请计 100%；及时性：按时 100，逾期每天扣 2 分，日期不明 0；数据质量：100 − 20×错误 − 5×警告。同分者名次相同（1、2、2、4），按区划代码、名称排列；无可读报告的乡镇各项均列末位。", s.subtitle)
        let top = 4
        for (c, h) in headers.enumerated() { try sheet.write(top, c, h, s.header) }
        try sheet.setRow(top, height: 30)
        var row = top + 1
        let rows = sheet.rows(sharedText: true)
        for r in rankings.rows {
            try rows.startRow(row)
            try rows.number(0, Double(r.ranks[.composite]!), s.count)
            try rows.text(1, r.name, s.text)
            try rows.text(2, r.code ?? "", s.text)
            try rows.text(3, r.status.label, s.labelCenter)
            // Left to right: a measure, then its rank.
            if r.readable {
                try rows.number(4, r.composite, s.score)
                try rows.number(5, Double(r.volume), s.count)
            } else {
                try rows.number(4, 0.0, s.score)
                try rows.text(5, "—", s.labelCenter)
            }
            try rows.number(6, Double(r.ranks[.volume]!), s.count)
            if r.readable { try rows.number(7, Double(r.received), s.count) } else { try rows.text(7, "—", s.labelCenter) }
            try rows.number(8, Double(r.ranks[.received]!), s.count)
            if !r.readable {
                try rows.text(9, "—", s.labelCenter)
            } else if let c = r.closure {
                try rows.number(9, c, s.share)
            } else {
                try rows.text(9, "—（无申请）", s.labelCenter)
            }
            try rows.number(10, Double(r.ranks[.closure]!), s.count)
            if !r.readable {
                try rows.text(11, "—", s.labelCenter)
            } else if let d = r.daysFromDeadline {
                try rows.number(11, Double(d), s.count)
            } else {
                try rows.text(11, "日期不明", s.labelCenter)
            }
            try rows.number(12, Double(r.ranks[.timeliness]!), s.count)
            try rows.number(13, Double(r.errors), s.count)
            try rows.number(14, Double(r.warnings), s.count)
            try rows.number(15, Double(r.ranks[.quality]!), s.count)
            row += 1
        }
        try rows.finish()
        let last = max(top + 1, row - 1)
        try sheet.autofilter(CellRange(top, 0, last, headers.count - 1))
        let widths: [Double] = [9, 14, 12, 12, 9, 12, 6, 11, 6, 10, 6, 10, 6, 6, 6, 11]
        for (c, wd) in widths.enumerated() { try sheet.setColumn(c, c, width: wd) }
        sheet.freezePanes(row: top + 1, column: 2)
        if !rankings.rows.isEmpty {
            let chart = try Chart(ctx.workbook, kind: .bar)
            chart.title("综合得分（由高到低）")
            chart.addSeries(name: "综合得分", sheet: sheet.name, categories: CellRange(top + 1, 1, last, 1),
                            values: CellRange(top + 1, 4, last, 4), showValues: true)
            chart.axisNames(x: "综合得分", y: nil)
            chart.reverseCategories()
            chart.legend(.none)
            let height = max(1.0, Double(rankings.rows.count) / 8)
            try sheet.insert(chart, row: top, column: headers.count + 1, scale: (1.3, min(height, 40)))
        }
        sheet.setupPrint(landscape: true, fitToWidth: true, repeatRows: top...top, header: "&L\(ctx.heading)")
    }
}
