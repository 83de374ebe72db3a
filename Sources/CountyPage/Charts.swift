import Aggregate

/// The page's three charts as inline SVG (no script, no outside load): townships by status,
/// reports received per day in January, this year against last year. Every bar carries its
/// number and every category its word, so nothing is told by colour alone.
enum Charts {
    static func write(_ r: Rollup, arrivals: Arrivals, into h: inout HTML) {
        h.raw("<section id=\"charts\">\n<h2>图表</h2>\n<div class=\"charts\">\n")
        statuses(r, into: &h)
        perDay(r, arrivals, into: &h)
        yearOverYear(r, into: &h)
        h.raw("</div>\n</section>\n")
    }

    static let colours: [Status: String] = [
        .missing: "#c62828", .unreadable: "#ad1457", .late: "#ef6c00", .dateUnknown: "#f9a825",
        .pending: "#757575", .onTime: "#2e7d32",
    ]

    /// Worst first, as everywhere on the page.
    static var statusOrder: [Status] { Status.allCases.sorted { $0.urgency < $1.urgency } }

    static func statuses(_ r: Rollup, into h: inout HTML) {
        let onRoster = r.townships.filter(\.onRoster)
        let counts = statusOrder.map { s in (s, onRoster.filter { $0.status == s }.count) }
        let maxCount = max(1, counts.map(\.1).max() ?? 1)
        let rowHeight = 30, labelWidth = 120, barWidth = 380, width = 560
        let height = counts.count * rowHeight + 10
        h.raw("<figure class=\"chart\"><figcaption>各乡镇报送状态（名册乡镇 \(onRoster.count) 个）</figcaption>\n")
        h.raw("<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"各乡镇报送状态\">\n")
        for (k, (s, n)) in counts.enumerated() {
            let y = 5 + k * rowHeight
            let w = n == 0 ? 0 : max(2, barWidth * n / maxCount)
            h.raw("<text x=\"\(labelWidth - 8)\" y=\"\(y + 20)\" text-anchor=\"end\" class=\"lbl\">\(HTML.escape(s.label))</text>")
            h.raw("<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\" fill=\"\(colours[s]!)\"><title>\(HTML.escape(s.label))：\(n)</title></rect>")
            h.raw("<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 20)\" class=\"val\">\(n)</text>\n")
        }
        h.raw("</svg></figure>\n")
    }

    static func perDay(_ r: Rollup, _ a: Arrivals, into h: inout HTML) {
        let left = 30, top = 36, plotHeight = 150, slot = 18, width = 30 + 31 * 18 + 20, height = top + plotHeight + 46
        let maxCount = max(1, a.byDay.max() ?? 1)
        let source = a.snapshots > 0 ? "据 \(a.snapshots) 次运行的历史记录及本次运行" : "据本次运行各报告的发布日期"
        h.raw("<figure class=\"chart\"><figcaption>\(a.dueYear)年1月每日收到的报告（按发布日期，\(source)）</figcaption>\n")
        h.raw("<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"1月每日收到的报告\">\n")
        let base = top + plotHeight
        h.raw("<line x1=\"\(left)\" y1=\"\(base)\" x2=\"\(left + 31 * slot)\" y2=\"\(base)\" class=\"axis\"/>\n")
        for (i, n) in a.byDay.enumerated() {
            let x = left + i * slot
            if n > 0 {
                let bh = max(2, plotHeight * n / maxCount)
                h.raw("<rect x=\"\(x + 3)\" y=\"\(base - bh)\" width=\"\(slot - 6)\" height=\"\(bh)\" fill=\"#1565c0\"><title>1月\(i + 1)日：\(n) 份</title></rect>")
                h.raw("<text x=\"\(x + slot / 2)\" y=\"\(base - bh - 4)\" text-anchor=\"middle\" class=\"val\">\(n)</text>\n")
            }
            if [0, 4, 9, 14, 19, 24, 30].contains(i) {
                h.raw("<text x=\"\(x + slot / 2)\" y=\"\(base + 18)\" text-anchor=\"middle\" class=\"tick\">\(i + 1)</text>\n")
            }
        }
        if r.deadline.year == a.dueYear && r.deadline.month == 1 {
            let x = left + (r.deadline.day - 1) * slot + slot
            h.raw("<line x1=\"\(x)\" y1=\"\(top - 18)\" x2=\"\(x)\" y2=\"\(base)\" class=\"deadline\"/><text x=\"\(x - 4)\" y=\"\(top - 22)\" text-anchor=\"end\" class=\"tick\">截止 1月\(r.deadline.day)日</text>\n")
        }
        h.raw("<text x=\"\(left)\" y=\"\(base + 38)\" class=\"tick\">日（1月）· 1月前发布 \(a.before) 份 · 1月后发布 \(a.after) 份</text>\n")
        h.raw("</svg></figure>\n")
    }

    /// The headline figures of 概览's chart, each pair drawn on its own scale (the figures differ by
    /// orders of magnitude), both numbers written beside their bars.
    static let picks: [(measure: String, label: String)] = [
        ("主动公开信息（网站+微信+微博）", "主动公开信息"), ("行政许可", "行政许可决定"), ("行政处罚", "行政处罚决定"),
        ("本年新收申请", "本年新收申请"), ("（七）总计", "申请办理结果总计"), ("行政复议", "行政复议"), ("行政诉讼", "行政诉讼"),
    ]

    static func yearOverYear(_ r: Rollup, into h: inout HTML) {
        let measures = picks.compactMap { p in YearOverYear.measures.first { $0.label == p.measure }.map { ($0, p.label) } }
        let rowHeight = 44, labelWidth = 130, barWidth = 330, width = 560
        let height = measures.count * rowHeight + 30
        h.raw("<figure class=\"chart\"><figcaption>主要数据：\(r.year)年与\(r.year - 1)年（县合计）</figcaption>\n")
        h.raw("<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"本年与上年\">\n")
        h.raw("<rect x=\"\(labelWidth)\" y=\"4\" width=\"12\" height=\"10\" fill=\"#1565c0\"/><text x=\"\(labelWidth + 16)\" y=\"13\" class=\"tick\">\(r.year)年</text>")
        h.raw("<rect x=\"\(labelWidth + 80)\" y=\"4\" width=\"12\" height=\"10\" fill=\"#9e9e9e\"/><text x=\"\(labelWidth + 96)\" y=\"13\" class=\"tick\">\(r.year - 1)年\(r.previousTotals == nil ? "（无数据）" : "")</text>\n")
        for (k, (m, label)) in measures.enumerated() {
            let y = 24 + k * rowHeight
            let now = YearOverYear.value(m, r.totals)
            let before = r.previousTotals.map { YearOverYear.value(m, $0) }
            let scale = max(1, now, before ?? 0)
            func bar(_ v: Int64, _ dy: Int, _ colour: String) {
                let w = v == 0 ? 0 : max(2, Int(Double(barWidth) * Double(v) / Double(scale)))
                h.raw("<rect x=\"\(labelWidth)\" y=\"\(y + dy)\" width=\"\(w)\" height=\"16\" fill=\"\(colour)\"/>")
                h.raw("<text x=\"\(labelWidth + w + 6)\" y=\"\(y + dy + 13)\" class=\"val\">\(YearOverYearSection.number(v, m))</text>")
            }
            h.raw("<text x=\"\(labelWidth - 8)\" y=\"\(y + 22)\" text-anchor=\"end\" class=\"lbl\">\(HTML.escape(label))</text>")
            bar(now, 2, "#1565c0")
            if let before { bar(before, 20, "#9e9e9e") }
            h.raw("\n")
        }
        h.raw("</svg></figure>\n")
    }
}
