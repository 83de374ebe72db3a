import Aggregate
import XLSX

/// 报送情况: one row per township, worst first, status coloured by conditional formatting.
enum StatusSheet {
    static let headers = ["乡镇", "区划代码", "状态", "发布日期", "逾期天数", "距截止天数", "错误", "警告", "名册内", "文件", "说明", "格式"]
    /// The format column's words: how the township published its report.
    static func formatLabel(_ t: TownshipResult) -> String { SourceFormat.of(t)?.label ?? "" }

    /// Sort order: worst status first, then most errors, then roster order (`Rollup.worstFirst`).
    static func ordered(_ r: Rollup) -> [TownshipResult] { r.worstFirst }

    /// The one-line 说明 (`TownshipResult.reason`, shared with the supervisors' page).
    static func reason(_ t: TownshipResult) -> String { t.reason }

    static func write(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles, r = ctx.rollup
        for (c, h) in headers.enumerated() { try sheet.write(0, c, h, s.header) }
        var row = 1
        let rows = sheet.rows(sharedText: true)
        for t in ordered(r) {
            try rows.startRow(row)
            try rows.text(0, t.name, s.text)
            try rows.text(1, t.code ?? "", s.text)
            try rows.text(2, t.status.label, s.labelCenter)
            try rows.text(3, t.publishedOn?.description ?? "", s.date)
            if let d = t.daysLate, t.status == .late || t.status == .missing { try rows.number(4, Double(d), s.count) } else { try rows.blank(4, s.count) }
            if let d = t.daysLeft { try rows.number(5, Double(d), s.count) } else { try rows.blank(5, s.count) }
            try rows.number(6, Double(t.errorCount), s.count)
            try rows.number(7, Double(t.warningCount), s.count)
            try rows.text(8, t.onRoster ? "是" : "否", s.labelCenter)
            try rows.text(9, t.file ?? "", s.text)
            try rows.text(10, reason(t), s.text)
            try rows.text(11, formatLabel(t), s.labelCenter)
            row += 1
        }
        try rows.finish()
        let last = max(1, row - 1)
        let statusColumn = CellRange(1, 2, last, 2)
        try sheet.highlight(statusColumn, whenTextIs: Status.missing.label, s.red)
        try sheet.highlight(statusColumn, whenTextIs: Status.unreadable.label, s.red)
        try sheet.highlight(statusColumn, whenTextIs: Status.late.label, s.orange)
        try sheet.highlight(statusColumn, whenTextIs: Status.dateUnknown.label, s.orange)
        try sheet.highlight(statusColumn, whenTextIs: Status.pending.label, s.grey)
        try sheet.highlight(statusColumn, whenTextIs: Status.onTime.label, s.green)
        let widths: [Double] = [14, 12, 12, 12, 9, 10, 7, 7, 7, 30, 70, 8]
        for (c, w) in widths.enumerated() { try sheet.setColumn(c, c, width: w) }
        sheet.freezePanes(row: 1, column: 1)
        try sheet.autofilter(CellRange(0, 0, last, headers.count - 1))
        sheet.setupPrint(landscape: true, fitToWidth: true, repeatRows: 0...0, header: "&L\(ctx.heading)")
        // Files that are no report format, a line each below the townships (never dropped silently).
        if !r.skipped.isEmpty {
            var extra = row + 1
            try sheet.write(extra, 0, "未读取的文件", s.header)
            try sheet.write(extra, 9, "文件", s.header)
            try sheet.write(extra, 10, "原因", s.header)
            extra += 1
            for f in r.skipped {
                try sheet.write(extra, 0, "（已跳过）", s.text)
                try sheet.write(extra, 9, f.file, s.text)
                try sheet.write(extra, 10, "不是报告格式，未读取：\(f.reason)", s.text)
                extra += 1
            }
        }
    }
}
