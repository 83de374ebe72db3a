import Aggregate

/// The page's top: county, year, as-of, deadline, days to or after it, and the other outputs.
enum Header {
    static func write(_ r: Rollup, _ inputs: CountyPage.Inputs, title: String, into h: inout HTML) {
        h.raw("<header>\n<h1>")
        h.text(title)
        h.raw("</h1>\n<dl class=\"facts\">\n")
        func fact(_ term: String, _ value: String) {
            h.raw("<div><dt>\(HTML.escape(term))</dt><dd>")
            h.text(value)
            h.raw("</dd></div>\n")
        }
        fact("县（市、区）", r.county.code.isEmpty ? r.county.name : "\(r.county.name)（\(r.county.code)）")
        fact("报告年度", "\(r.year)年")
        fact("统计日期", r.asOf.description)
        fact("报送截止日期", r.deadline.description)
        let d = r.deadline.days(to: r.asOf)
        fact("截止日", d > 0 ? "已过截止日 \(d) 天" : d == 0 ? "今日截止" : "距截止 \(-d) 天")
        let onRoster = r.townships.filter(\.onRoster)
        fact("名册乡镇", "\(onRoster.count) 个；已收到 \(onRoster.filter { $0.report != nil }.count) 份可读报告")
        h.raw("</dl>\n<p class=\"downloads\">下载：<a href=\"\(HTML.relativeHref(inputs.workbook))\">")
        h.text("汇总工作簿 \(inputs.workbook)")
        h.raw("</a> · <a href=\"\(HTML.relativeHref(inputs.summary))\">")
        h.text("机器可读数据 \(inputs.summary)")
        h.raw("</a></p>\n<nav><a href=\"#chase\">今日需联系</a> <a href=\"#changes\">变化</a> <a href=\"#townships\">各乡镇</a> <a href=\"#charts\">图表</a> <a href=\"#problems\">数据问题</a> <a href=\"#ranking\">排名</a> <a href=\"#yoy\">同比</a></nav>\n</header>\n")
    }
}
