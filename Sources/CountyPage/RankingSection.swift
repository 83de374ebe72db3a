import Aggregate

/// 排名: the first and last five on the composite score (Aggregate's `Rankings`, as on the
/// workbook's 排名), with each measure's rank.
enum RankingSection {
    static func write(_ r: Rollup, into h: inout HTML) {
        let rankings = Rankings.compute(r)
        let rows = rankings.rows
        h.raw("<section id=\"ranking\">\n<h2>排名</h2>\n")
        guard !rows.isEmpty else {
            h.raw("<p class=\"muted\">名册中没有乡镇。</p>\n</section>\n")
            return
        }
        let top = Array(rows.prefix(5))
        let bottom = Array(rows.dropFirst(top.count).suffix(5))
        table("前五名", top, into: &h)
        if !bottom.isEmpty { table("后五名", bottom, into: &h) }
        let w = rankings.weights
        h.raw("<p class=\"note\">综合得分 = 主动公开量 \(weight(w.volume)) + 办结率 \(weight(w.closure)) + 报送及时性 \(weight(w.timeliness)) + 数据质量 \(weight(w.quality))（按权重比例加权，各项 0–100 分）；并列同名次。完整排名见工作簿“排名”。</p>\n</section>\n")
    }

    static func weight(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }

    static func table(_ title: String, _ rows: [Rankings.Row], into h: inout HTML) {
        let measures: [Rankings.Measure] = [.volume, .received, .closure, .timeliness, .quality]
        h.raw("<h3>\(title)</h3>\n<div class=\"scroll\"><table class=\"ranking\"><thead><tr><th>名次</th><th>乡镇</th><th>综合得分</th>")
        for m in measures { h.raw("<th>\(m.label)名次</th>") }
        h.raw("</tr></thead><tbody>\n")
        for row in rows {
            h.raw("<tr><td class=\"num\">\(row.ranks[.composite] ?? 0)</td><td><span class=\"town\">")
            h.name(row.name)
            h.raw("</span>")
            if !row.readable {
                h.raw(" ")
                h.status(row.status)
            }
            h.raw("</td><td class=\"num\">\(score(row.composite))</td>")
            for m in measures { h.raw("<td class=\"num\">\(row.ranks[m] ?? 0)</td>") }
            h.raw("</tr>\n")
        }
        h.raw("</tbody></table></div>\n")
    }

    /// Two decimals, as the workbook shows the composite.
    static func score(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}

/// 同比: the county's headline figures this year against last year (Aggregate's `YearOverYear`).
enum YearOverYearSection {
    static func write(_ r: Rollup, into h: inout HTML) {
        h.raw("<section id=\"yoy\">\n<h2>同比（县合计，\(r.year)年与\(r.year - 1)年）</h2>\n")
        if r.previousTotals == nil { h.raw("<p class=\"muted\">输入中没有\(r.year - 1)年的报告，无法同比。</p>\n") }
        h.raw("<div class=\"scroll\"><table class=\"yoy\"><thead><tr><th>指标</th><th>\(r.year)年</th><th>\(r.year - 1)年</th><th>增减</th><th>变化率</th></tr></thead><tbody>\n")
        for m in YearOverYear.measures {
            let now = YearOverYear.value(m, r.totals)
            h.raw("<tr><td>")
            h.text(m.label)
            h.raw("</td><td class=\"num\">\(number(now, m))</td>")
            if let p = r.previousTotals {
                let before = YearOverYear.value(m, p)
                let c = YearOverYear.change(now: now, before: before)
                h.raw("<td class=\"num\">\(number(before, m))</td><td class=\"num\">\(signed(c.difference, m))</td><td class=\"num\">")
                h.text(c.percent.map(percent) ?? c.text)
                h.raw("</td></tr>\n")
            } else {
                h.raw("<td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">—</td></tr>\n")
            }
        }
        h.raw("</tbody></table></div>\n</section>\n")
    }

    static func number(_ v: Int64, _ m: YearOverYear.Measure) -> String {
        m.isAmount ? Amount(millionths: v).description : String(v)
    }

    static func signed(_ v: Int64, _ m: YearOverYear.Measure) -> String {
        (v > 0 ? "+" : v < 0 ? "−" : "") + number(v == .min ? .max : abs(v), m)
    }

    /// "+12.5%", one decimal, from the exact ratio.
    static func percent(_ p: Double) -> String {
        let tenths = Int((p * 1000).rounded())
        let sign = tenths > 0 ? "+" : tenths < 0 ? "−" : ""
        let a = abs(tenths)
        return "\(sign)\(a / 10).\(a % 10)%"
    }
}
