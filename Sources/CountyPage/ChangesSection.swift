import Aggregate

/// 自上次运行以来的变化: reports newly received, townships newly late or missing, flags added and
/// resolved, county totals that moved; or, once, why there is nothing to compare with.
enum ChangesSection {
    static func write(_ changes: Changes?, into h: inout HTML) {
        h.raw("<section id=\"changes\">\n")
        guard let c = changes else {
            h.raw("<h2>自上次运行以来的变化</h2>\n<p class=\"muted\">本次未与上次运行比较。</p>\n</section>\n")
            return
        }
        guard let since = c.since else {
            h.raw("<h2>自上次运行以来的变化</h2>\n<p class=\"muted\">")
            h.text(c.noComparison?.chinese ?? "本次不作比较")
            h.raw("</p>\n</section>\n")
            return
        }
        h.raw("<h2>自 \(since) 以来的变化</h2>\n")
        h.raw("<p class=\"change-counts\">新收报告 <b>\(c.newReports.count)</b> 份 · 新逾期或未报送 <b>\(c.newlyOverdue.count)</b> 个 · 新增问题 <b>\(c.flagsAdded.count)</b> 条 · 已解决问题 <b>\(c.flagsResolved.count)</b> 条 · 县合计变动 <b>\(c.totals.count)</b> 项</p>\n")
        if c.isEmpty {
            h.raw("<p class=\"ok\">与上次运行相比没有变化。</p>\n</section>\n")
            return
        }
        moves("新收报告", "new-reports", c.newReports, into: &h) { m in
            var s = m.status.label
            if let d = m.publishedOn { s += "，发布日期 \(d)" }
            return s
        }
        moves("新逾期或未报送", "newly-overdue", c.newlyOverdue, into: &h) { m in
            "\(m.status.label) \(m.daysLate ?? 0) 天"
        }
        flags("新增问题", "flags-added", c.flagsAdded, into: &h)
        flags("已解决问题", "flags-resolved", c.flagsResolved, into: &h)
        if !c.totals.isEmpty {
            h.raw("<details id=\"totals-moved\"\(c.totals.count <= 12 ? " open" : "")><summary>县合计变动（\(c.totals.count) 项）</summary>\n")
            h.raw("<div class=\"scroll\"><table><thead><tr><th>指标</th><th>上次</th><th>本次</th></tr></thead><tbody>\n")
            for t in c.totals {
                h.raw("<tr><td>")
                h.text(t.label)
                h.raw("</td><td class=\"num\">")
                h.text(Changes.display(t.before))
                h.raw("</td><td class=\"num\">")
                h.text(Changes.display(t.after))
                h.raw("</td></tr>\n")
            }
            h.raw("</tbody></table></div>\n</details>\n")
        }
        h.raw("</section>\n")
    }

    static func moves(_ title: String, _ id: String, _ list: [Changes.Move], into h: inout HTML,
                      detail: (Changes.Move) -> String) {
        guard !list.isEmpty else { return }
        h.raw("<h3>\(title)（\(list.count)）</h3>\n<ul id=\"\(id)\" class=\"changes\">\n")
        for m in list {
            h.raw("<li>")
            h.status(m.status)
            h.raw(" <strong class=\"town\">")
            h.name(m.name)
            h.raw("</strong> ")
            h.text(detail(m))
            h.raw("<span class=\"was\">（上次：")
            h.text(m.previousStatus?.label ?? "未列出")
            h.raw("）</span></li>\n")
        }
        h.raw("</ul>\n")
    }

    static func flags(_ title: String, _ id: String, _ list: [Changes.FlagChange], into h: inout HTML) {
        guard !list.isEmpty else { return }
        h.raw("<details id=\"\(id)\"\(list.count <= 12 ? " open" : "")><summary>\(title)（\(list.count)）</summary>\n<ul class=\"changes\">\n")
        for c in list {
            h.raw("<li><strong class=\"town\">")
            h.name(c.township)
            h.raw("</strong> <span class=\"sev sev-\(c.flag.severity.rawValue)\">\(c.flag.severity.label)</span> ")
            h.text(ProblemList.ruleName(c.flag.rule))
            h.raw("：")
            h.text(c.flag.message)
            h.raw("</li>\n")
        }
        h.raw("</ul>\n</details>\n")
    }
}
