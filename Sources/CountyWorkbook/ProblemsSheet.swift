import Aggregate
import XLSX

/// 数据问题: one row per flag and per rejected file, filterable by township, rule and severity.
///
/// An Excel sheet has 1,048,576 rows. When the problems do not fit under the header, the sheet
/// lists as many as fit and its last row says how many more there are: summary.json always holds
/// every one. (One sheet, not 数据问题(2)…: a reader filters one list, and a county with a million
/// problems reads them from summary.json anyway.)
enum ProblemsSheet {
    static let headers = ["乡镇", "文件", "规则", "类别", "严重程度", "JSON路径", "说明"]

    /// Rows of an Excel worksheet (the last row index is one less).
    static let excelRows = 1_048_576

    /// The last row of the "另有 N 条" note, when the problems overflow.
    static func overflowNote(_ more: Int) -> String {
        "… 另有 \(more) 条问题超出 Excel 工作表 \(excelRows) 行的上限，未在此列出；完整清单见 summary.json（flags 与 rejected）"
    }

    static func write(_ ctx: Context, _ sheet: Worksheet, rowLimit: Int = excelRows) throws {
        let s = ctx.styles, r = ctx.rollup
        for (c, h) in headers.enumerated() { try sheet.write(0, c, h, s.header) }
        // Every row below the header fits when the problems do; otherwise the last row is the note.
        let problems = r.rejected.count + r.townships.reduce(0) { $0 + $1.flags.count }
        let listed = problems <= rowLimit - 1 ? problems : rowLimit - 2
        var row = 1
        let rows = sheet.rows(sharedText: true)
        // A row's seven texts, passed one by one (an array per row cost an allocation per problem).
        func line(_ township: String, _ file: String, _ rule: String, _ label: String, _ severity: String,
                  _ path: String, _ message: String) throws {
            try rows.startRow(row)
            try rows.text(0, township, s.text)
            try rows.text(1, file, s.text)
            try rows.text(2, rule, s.text)
            try rows.text(3, label, s.text)
            try rows.text(4, severity, s.text)
            try rows.text(5, path, s.text)
            try rows.text(6, message, s.wrapText)
            row += 1
        }
        var owners: [String: String] = [:]
        for t in r.townships where t.status == .unreadable { if let f = t.file { owners[f] = t.name } }
        listing: do {
            for rejection in r.rejected {
                guard row <= listed else { break listing }
                let owner = owners[rejection.file] ?? "（未能识别）"
                try line(owner, rejection.file, "unreadable", "无法读取", Severity.error.label, rejection.path,
                         "文件被拒收：\(rejection.message)")
            }
            for t in r.townships {
                for f in t.flags {
                    guard row <= listed else { break listing }
                    try line(t.name, t.file ?? "", f.rule.rawValue, f.rule.label, f.severity.label, f.path, f.message)
                }
            }
        }
        try rows.finish()
        if listed < problems {
            try sheet.write(row, 0, overflowNote(problems - listed), s.bold)
            row += 1
        }
        let last = max(1, row - 1)
        try sheet.highlight(CellRange(1, 4, last, 4), whenTextIs: Severity.error.label, s.red)
        try sheet.highlight(CellRange(1, 4, last, 4), whenTextIs: Severity.warning.label, s.orange)
        let widths: [Double] = [14, 28, 12, 12, 9, 40, 90]
        for (c, w) in widths.enumerated() { try sheet.setColumn(c, c, width: w) }
        sheet.freezePanes(row: 1, column: 1)
        try sheet.autofilter(CellRange(0, 0, last, headers.count - 1))
        sheet.setupPrint(landscape: true, fitToWidth: true, repeatRows: 0...0, header: "&L\(ctx.heading)")
    }
}
