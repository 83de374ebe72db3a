import Aggregate

/// 各乡镇报送情况: every township, worst first, with status (colour and word), days late or
/// left, errors, warnings, the report's format and a link to where it was published.
enum TownshipTable {
    static func write(_ r: Rollup, into h: inout HTML) {
        h.raw("<section id=\"townships\">\n<h2>各乡镇报送情况（\(r.townships.count)）</h2>\n")
        h.raw("<div class=\"scroll\"><table class=\"townships\">\n<thead><tr><th>乡镇</th><th>状态</th><th>发布日期</th><th>逾期/剩余</th><th>错误</th><th>警告</th><th>格式</th><th>原文</th></tr></thead>\n<tbody>\n")
        for t in r.worstFirst {
            h.raw("<tr class=\"row-")
            h.raw(t.status.rawValue)
            h.raw("\"><td><span class=\"town\">")
            h.name(t.name)
            h.raw("</span>")
            if let c = t.code {
                h.raw("<br><span class=\"code\">")
                h.text(c)
                h.raw("</span>")
            }
            if !t.onRoster { h.raw("<br><span class=\"muted\">名册外</span>") }
            h.raw("</td><td>")
            h.status(t.status)
            h.raw("</td><td>")
            h.raw(t.publishedOn?.description ?? "—")
            h.raw("</td><td>")
            h.text(CountyPage.days(t))
            let errors = t.errorCount
            h.raw(errors > 0 ? "</td><td class=\"num bad\">" : "</td><td class=\"num\">")
            h.raw(errors)
            h.raw("</td><td class=\"num\">")
            h.raw(t.warningCount)
            h.raw("</td><td>")
            h.text(CountyPage.format(t))
            h.raw("</td><td>")
            if let url = t.report?.sourceUrl {
                if HTML.linkable(url) {
                    h.raw("<a class=\"source\" href=\"\(HTML.escape(url))\" rel=\"noopener noreferrer\">原文</a>")
                } else {
                    h.raw("<span class=\"muted\">非网址，未链接</span>")
                }
            } else {
                h.raw("—")
            }
            h.raw("</td></tr>\n")
        }
        h.raw("</tbody></table></div>\n</section>\n")
    }
}
