import Aggregate
import XLSX

/// 概览: who the county is, the counts by status and by rule, the headline totals and the
/// townships to call today.
enum OverviewSheet {
    /// Headline cells shown on the overview, with their own labels.
    static let headlines: [(String, String)] = [
        ("overview.portalItems", "政府网站主动公开信息（条）"),
        ("overview.wechatItems", "政务微信发布信息（条）"),
        ("overview.weiboItems", "政务微博发布信息（条）"),
        ("proactive.normativeDocuments.issued", "行政规范性文件本年制发件数"),
        ("proactive.licensing", "行政许可本年处理决定数量"),
        ("proactive.penalties", "行政处罚本年处理决定数量"),
        ("proactive.compulsoryMeasures", "行政强制本年处理决定数量"),
        ("proactive.feesTenThousandYuan", "行政事业性收费本年收费金额（万元）"),
        ("requests.received.total", "本年新收政府信息公开申请数量"),
        ("requests.carriedOver.total", "上年结转政府信息公开申请数量"),
        ("requests.resultTotal.total", "本年度办理结果总计"),
        ("requests.carriedForward.total", "结转下年度继续办理"),
        ("appeals.review.total", "行政复议总计"),
        ("appeals.litigationDirect.total", "行政诉讼（未经复议直接起诉）总计"),
        ("appeals.litigationAfterReview.total", "行政诉讼（复议后起诉）总计"),
    ]

    static func write(_ ctx: Context, _ sheet: Worksheet) throws {
        let s = ctx.styles, r = ctx.rollup
        var g = CellGrid()
        g.text(0, 0, "\(r.county.name)\(r.year)年度乡镇政府信息公开工作年度报告汇总", s.title)
        g.rowHeight(0, 24)
        var row = 2
        func pair(_ label: String, _ value: String) {
            g.text(row, 0, label, s.headerLeft)
            g.text(row, 1, value, s.text)
            row += 1
        }
        pair("县（市、区）", r.county.code.isEmpty ? r.county.name : "\(r.county.name)（\(r.county.code)）")
        pair("报告年度", "\(r.year)年")
        pair("统计日期", r.asOf.description)
        pair("报送截止日期", r.deadline.description)
        row += 1

        g.text(row, 0, "报送情况", s.header)
        g.text(row, 1, "乡镇数", s.header)
        row += 1
        let onRoster = r.townships.filter(\.onRoster)
        g.text(row, 0, "名册乡镇", s.label); g.number(row, 1, Double(onRoster.count), s.count); row += 1
        let statusRows = row...(row + Status.allCases.count - 1)
        for status in Status.allCases {
            g.text(row, 0, status.label, s.label)
            g.number(row, 1, Double(onRoster.filter { $0.status == status }.count), s.count)
            row += 1
        }
        g.text(row, 0, "名册外来报", s.label); g.number(row, 1, Double(r.townships.count - onRoster.count), s.count); row += 1
        row += 1

        g.text(row, 0, "报告文件", s.header); g.text(row, 1, "份数", s.header); row += 1
        g.text(row, 0, "发现", s.label); g.number(row, 1, Double(r.filesFound), s.count); row += 1
        g.text(row, 0, "接收", s.label); g.number(row, 1, Double(r.filesAccepted), s.count); row += 1
        g.text(row, 0, "拒收（无法读取）", s.label); g.number(row, 1, Double(r.rejected.count), s.count); row += 1
        row += 1

        g.text(row, 0, "数据问题（按规则）", s.header); g.text(row, 1, "条数", s.header); row += 1
        let counts = r.ruleCounts
        for rule in Rule.allCases {
            let n = counts[rule] ?? 0
            g.text(row, 0, "\(rule.rawValue) \(rule.label)", s.label)
            g.number(row, 1, Double(n), s.count)
            row += 1
        }
        g.text(row, 0, "错误合计", s.totalLabel); g.number(row, 1, Double(r.errorCount), s.totalCount); row += 1
        g.text(row, 0, "警告合计", s.totalLabel); g.number(row, 1, Double(r.warningCount), s.totalCount); row += 1

        // Headline totals to the right.
        var hr = 2
        g.text(hr, 3, "县合计主要数据", s.header)
        g.text(hr, 4, "\(r.year)年", s.header)
        g.text(hr, 5, "填报乡镇数", s.coverageHeader)
        hr += 1
        for (dotted, label) in headlines {
            let i = Catalog.index(dotted)
            g.text(hr, 3, label, s.label)
            g.put(hr, 4, ctx.gridValue(cell: i, r.totals[i]), ctx.format(cell: i))
            g.number(hr, 5, Double(r.cellCoverage[i]), s.coverage)
            hr += 1
        }

        // This year against last year, and the county's request outcomes by group: the charts' data.
        hr += 1
        let yoyTop = hr
        // (measure label in YearOverYear, label shown here)
        let yoyPicks = [("主动公开信息（网站+微信+微博）", "主动公开信息（网站+微信+微博）"), ("行政许可", "行政许可决定"),
                        ("行政处罚", "行政处罚决定"), ("本年新收申请", "本年新收申请"), ("（七）总计", "申请办理结果总计"),
                        ("行政复议", "行政复议"), ("行政诉讼", "行政诉讼")]
        g.text(hr, 3, "本年与上年", s.header)
        g.text(hr, 4, "\(r.year)年", s.header)
        g.text(hr, 5, "\(r.year - 1)年", s.header)
        hr += 1
        for (key, label) in yoyPicks {
            guard let m = YearOverYear.measures.first(where: { $0.label == key }) else { continue }
            g.text(hr, 3, label, s.label)
            g.number(hr, 4, Double(YearOverYear.value(m, r.totals)), s.count)
            if let p = r.previousTotals { g.number(hr, 5, Double(YearOverYear.value(m, p)), s.count) } else { g.text(hr, 5, "—", s.labelCenter) }
            hr += 1
        }
        // The chart leaves out the first line (items in the thousands would flatten the rest).
        let yoyRows = (yoyTop + 2)...(hr - 1)
        hr += 1
        let outcomeTop = hr
        g.text(hr, 3, "申请办理结果（县合计，按类）", s.header)
        g.text(hr, 4, "件数", s.header)
        hr += 1
        var outcomeGroups: [(String, Int64)] = []
        for def in Catalog.outcomeRows {
            // A category of （三）–（六） sums its rows; （一） and （二） stand alone, cut to six characters.
            let label = def.inCategory ? def.group! : String(def.label.prefix(6))
            let v = r.totals[def.totalCell!]
            if let k = outcomeGroups.firstIndex(where: { $0.0 == label }) { outcomeGroups[k].1 = outcomeGroups[k].1.addingSaturated(v) } else { outcomeGroups.append((label, v)) }
        }
        for (label, v) in outcomeGroups {
            g.text(hr, 3, label, s.label)
            g.number(hr, 4, Double(v), s.count)
            hr += 1
        }
        let outcomeRows = (outcomeTop + 1)...(hr - 1)

        // Townships to call today.
        row = max(row, hr) + 1
        g.text(row, 0, "今日需联系的乡镇", s.title)
        row += 1
        for (c, h) in ["乡镇", "状态", "逾期天数", "错误", "警告", "原因"].enumerated() { g.text(row, c, h, s.header) }
        row += 1
        try g.write(to: sheet)
        // The call list and the changes can run to a row per township or per flag: written as
        // rows, below everything the grid holds, their texts shared.
        let rows = sheet.rows(sharedText: true)
        for t in r.needsCall {
            try rows.startRow(row)
            try rows.text(0, t.name, s.text)
            try rows.text(1, t.status.label, s.labelCenter)
            if let d = t.daysLate, t.status == .late || t.status == .missing { try rows.number(2, Double(d), s.count) } else { try rows.text(2, "", s.count) }
            try rows.number(3, Double(t.errorCount), s.count)
            try rows.number(4, Double(t.warningCount), s.count)
            try rows.text(5, StatusSheet.reason(t), s.wrapText)
            row += 1
        }
        if let changes = r.changes { row = try writeChanges(changes, rows, s, at: row + 1) }
        try rows.finish()
        try sheet.setColumn(0, 0, width: 26)
        try sheet.setColumn(1, 1, width: 18)
        try sheet.setColumn(2, 2, width: 10)
        try sheet.setColumn(3, 3, width: 34)
        try sheet.setColumn(4, 4, width: 12)
        try sheet.setColumn(5, 5, width: 60)

        /// A chart of one table on this sheet: categories in `labelColumn`, one series per value column.
        func chart(_ kind: Chart.Kind, _ title: String, rows: ClosedRange<Int>, labelColumn: Int,
                   series: [(name: String, column: Int)], valueAxis: String, at row: Int) throws {
            let chart = try Chart(ctx.workbook, kind: kind)
            chart.title(title)
            for (name, column) in series {
                chart.addSeries(name: name, sheet: sheet.name,
                                categories: CellRange(rows.lowerBound, labelColumn, rows.upperBound, labelColumn),
                                values: CellRange(rows.lowerBound, column, rows.upperBound, column), showValues: true)
            }
            if kind == .bar {
                chart.axisNames(x: valueAxis, y: nil)
                chart.reverseCategories()
            } else {
                chart.axisNames(x: nil, y: valueAxis)
            }
            chart.legend(series.count > 1 ? .bottom : .none)
            try sheet.insert(chart, row: row, column: 7)
        }
        try chart(.column, "各乡镇报送状态", rows: statusRows, labelColumn: 0, series: [("乡镇数", 1)], valueAxis: "乡镇数", at: 1)
        try chart(.bar, "主要数据：\(r.year)年与\(r.year - 1)年（县合计）", rows: yoyRows, labelColumn: 3,
                  series: [("\(r.year)年", 4)] + (r.previousTotals != nil ? [("\(r.year - 1)年", 5)] : []), valueAxis: "数量", at: 17)
        try chart(.bar, "政府信息公开申请办理结果（县合计）", rows: outcomeRows, labelColumn: 3, series: [("件数", 4)],
                  valueAxis: "件数", at: 33)
        sheet.setupPrint(landscape: true, fitToWidth: true)
    }
}

extension OverviewSheet {
    /// What changed since the previous run (Aggregate's `Changes`), below the call list: one row
    /// per new report, newly overdue township, flag added or resolved and county total moved; or,
    /// once, why there was nothing to compare with. Returns the next free row.
    static func writeChanges(_ c: Changes, _ rows: RowWriter, _ s: Styles, at top: Int) throws -> Int {
        var row = top
        guard let since = c.since else {
            try rows.startRow(row)
            try rows.text(0, "自上次运行以来的变化", s.title)
            try rows.startRow(row + 1)
            try rows.text(0, c.noComparison?.chinese ?? "本次不作比较", s.text)
            return row + 2
        }
        try rows.startRow(row)
        try rows.text(0, "自上次运行（统计日期 \(since)）以来的变化", s.title)
        row += 1
        try rows.startRow(row)
        for (col, h) in ["类别", "乡镇", "说明"].enumerated() { try rows.text(col, h, s.header) }
        row += 1
        func line(_ kind: String, _ who: String, _ what: String) throws {
            try rows.startRow(row)
            try rows.text(0, kind, s.label)
            try rows.text(1, who, s.text)
            try rows.text(2, what, s.wrapText)
            row += 1
        }
        if c.isEmpty { try line("无变化", "", "与上次运行相比没有变化") }
        for m in c.newReports {
            try line("新收报告", m.name, "\(m.status.label)\(m.publishedOn.map { "，发布日期 \($0)" } ?? "")（上次：\(m.previousStatus?.label ?? "未列出")）")
        }
        for m in c.newlyOverdue {
            try line("新逾期或未报送", m.name, "\(m.status.label) \(m.daysLate ?? 0) 天（上次：\(m.previousStatus?.label ?? "未列出")）")
        }
        func rule(_ f: Flag) -> String { f.rule.rawValue == f.rule.label ? f.rule.label : "\(f.rule.label)（\(f.rule.rawValue)）" }
        for f in c.flagsAdded { try line("新增问题", f.township, "\(f.flag.severity.label) \(rule(f.flag))：\(f.flag.message)") }
        for f in c.flagsResolved { try line("已解决问题", f.township, "\(f.flag.severity.label) \(rule(f.flag))：\(f.flag.message)") }
        for t in c.totals { try line("县合计变动", "", "\(t.label)：\(Changes.display(t.before)) → \(Changes.display(t.after))") }
        return row
    }
}
