import Aggregate

/// 今日需联系: the townships to chase first (the rollup's call list, as on 概览), a reason each.
enum ChaseList {
    static func write(_ r: Rollup, into h: inout HTML) {
        let calls = r.needsCall
        h.raw("<section id=\"chase\">\n<h2>今日需联系（\(calls.count)）</h2>\n")
        guard !calls.isEmpty else {
            h.raw("<p class=\"ok\">今日没有需要联系的乡镇。</p>\n</section>\n")
            return
        }
        h.raw("<ol class=\"chase\">\n")
        for t in calls {
            h.raw("<li class=\"chase-\(t.status.rawValue)\">")
            h.status(t.status)
            h.raw(" <strong class=\"town\">")
            h.name(t.name)
            h.raw("</strong>")
            if let c = t.code {
                h.raw(" <span class=\"code\">")
                h.text(c)
                h.raw("</span>")
            }
            h.raw("<br><span class=\"reason\">")
            h.text(t.reason)
            h.raw("</span></li>\n")
        }
        h.raw("</ol>\n</section>\n")
    }
}
