import Aggregate

/// 数据问题: every flag and every rejected file, grouped by township in collapsible sections,
/// each with its rule, message and JSON path.
enum ProblemList {
    /// "勾稽错误（R1）", or the label alone where the id is the label.
    static func ruleName(_ rule: Rule) -> String {
        rule.rawValue == rule.label ? rule.label : "\(rule.label)（\(rule.rawValue)）"
    }

    static func write(_ r: Rollup, into h: inout HTML) {
        var owners: [String: String] = [:]
        for t in r.townships where t.status == .unreadable { if let f = t.file { owners[f] = t.name } }
        var rejectedBy: [String: [Rejection]] = [:]
        var unowned: [Rejection] = []
        for x in r.rejected {
            if let o = owners[x.file] { rejectedBy[o, default: []].append(x) } else { unowned.append(x) }
        }
        let total = r.townships.reduce(0) { $0 + $1.flags.count } + r.rejected.count
        // Each rule's name escaped once, not once per flag.
        var ruleNames: [Rule: [UInt8]] = [:]
        for rule in Rule.allCases { ruleNames[rule] = Array(HTML.escape(ruleName(rule)).utf8) }
        h.raw("<section id=\"problems\">\n<h2>数据问题（\(total)）</h2>\n")
        if total == 0 { h.raw("<p class=\"ok\">未发现数据问题。</p>\n") }
        for t in r.worstFirst {
            let rejected = rejectedBy[t.name] ?? []
            guard !t.flags.isEmpty || !rejected.isEmpty else { continue }
            let errors = t.errorCount + rejected.count
            h.raw("<details class=\"town-problems\"\(errors > 0 ? " open" : "")><summary>")
            h.status(t.status)
            h.raw(" <span class=\"town\">")
            h.name(t.name)
            h.raw("</span> <span class=\"counts\">错误 ")
            h.raw(errors)
            h.raw(" · 警告 ")
            h.raw(t.warningCount)
            h.raw("</span></summary>\n<ul class=\"flags\">\n")
            for x in rejected { rejection(x, into: &h) }
            for f in t.flags {
                h.raw("<li><span class=\"sev sev-")
                h.raw(f.severity.rawValue)
                h.raw("\">")
                h.raw(f.severity.label)
                h.raw("</span> <span class=\"rule\">")
                h.out.append(contentsOf: ruleNames[f.rule]!)
                h.raw("</span> ")
                h.text(f.message)
                if !f.path.isEmpty {
                    h.raw(" <code>")
                    h.text(f.path)
                    h.raw("</code>")
                }
                h.raw("</li>\n")
            }
            h.raw("</ul>\n</details>\n")
        }
        if !unowned.isEmpty {
            h.raw("<details class=\"town-problems\" open><summary><span class=\"town\">未能识别乡镇的文件</span> <span class=\"counts\">错误 \(unowned.count)</span></summary>\n<ul class=\"flags\">\n")
            for x in unowned { rejection(x, into: &h) }
            h.raw("</ul>\n</details>\n")
        }
        h.raw("</section>\n")
    }

    static func rejection(_ x: Rejection, into h: inout HTML) {
        h.raw("<li><span class=\"sev sev-error\">错误</span> <span class=\"rule\">无法读取</span> 文件被拒收：<span class=\"file\">")
        h.name(x.file)
        h.raw("</span>：")
        h.text(x.message)
        if !x.path.isEmpty {
            h.raw(" <code>")
            h.text(x.path)
            h.raw("</code>")
        }
        h.raw("</li>\n")
    }
}
