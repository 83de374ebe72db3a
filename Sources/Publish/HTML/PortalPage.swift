import Aggregate

/// A report as a county portal serves it: the page shell (banner, navigation, search box,
/// breadcrumbs, the 发布日期/来源/浏览次数 line, attachments, footer) around the article, with tables
/// in the official layout as Word's "save as web page" marks them up (p/span/font in cells, &nbsp;).
enum PortalPage {
    enum Shell: Sendable { case portal, bare }

    static func render(_ r: PublishedReport, shell: Shell, charset: String) -> String {
        var h = ""
        h.reserveCapacity(48 * 1024)
        let v = r.variant
        let site = r.county.isEmpty ? "人民政府" : r.county + "人民政府"
        h += "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
        h += "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
        h += "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(charset)\" />\n"
        h += "<title>"; escape(r.title, into: &h); h += "_"; escape(site, into: &h); h += "</title>\n"
        h += "<meta name=\"ArticleTitle\" content=\""; escape(r.title, into: &h); h += "\" />\n"
        if let d = r.publishedOn { h += "<meta name=\"PubDate\" content=\"\(d.dashed) 09:\(two(Int(v >> 8 % 60)))\" />\n" }
        h += "<style type=\"text/css\">body{margin:0;font-family:\"微软雅黑\",SimSun;} .bt{font-size:22px;text-align:center;} .xxgk td{border:1px solid #ccc;}</style>\n"
        h += "</head>\n<body>\n"
        if shell == .portal {
            h += "<div class=\"header\"><div class=\"banner\"><a href=\"/\"><img src=\"/images/logo.png\" alt=\""; escape(site, into: &h)
            h += "\" /></a><span class=\"site-name\">"; escape(site, into: &h); h += "</span></div>\n"
            h += "<div class=\"search\"><form action=\"/search/\" method=\"get\"><input type=\"text\" name=\"q\" value=\"请输入关键字\" /><input type=\"submit\" value=\"搜索\" /></form></div>\n"
            h += "<ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/zwfw/\">政务服务</a></li>"
            h += "<li><a href=\"/hdjl/\">互动交流</a></li><li><a href=\"/zjxq/\">走进"; escape(r.county.isEmpty ? "本县" : r.county, into: &h)
            h += "</a></li></ul></div>\n"
            h += "<div class=\"crumbs\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; <a href=\"/zwgk/ndbg/\">政府信息公开年报</a> &gt; "
            escape(r.unitName, into: &h); h += "</div>\n"
            // The 信息公开 metadata block: index number, body, and the statistics period (a date that is not the publication date).
            h += "<table class=\"xxgk\" width=\"100%\"><tr><td>索引号：</td><td>\(indexNumber(r))</td><td>发布机构：</td><td>"
            escape(r.issuer, into: &h)
            h += "</td></tr><tr><td>主题分类：</td><td>政府信息公开年报</td><td>统计期限：</td><td>\(r.year)-01-01至\(r.year)-12-31</td></tr></table>\n"
        }
        h += "<div class=\"article\">\n"
        h += "<h1 class=\"bt\">"; escape(r.title, into: &h); h += "</h1>\n"
        if shell == .portal {
            h += "<div class=\"info\">"
            if let d = r.publishedOn {
                if v & 2 == 0 {
                    h += "<span>发布日期：\(d.dashed)</span>&nbsp;&nbsp;"
                } else {
                    h += "<span>发布时间：\(d.dashed) \(two(8 + Int(v >> 12 % 9))):\(two(Int(v >> 20 % 60)))</span>&nbsp;&nbsp;"
                }
            }
            h += "<span>来源："; escape(r.issuer, into: &h); h += "</span>&nbsp;&nbsp;"
            h += "<span>浏览次数：<font id=\"hits\">\(Int(v >> 24 % 4000) + 37)</font></span>&nbsp;&nbsp;"
            h += "<span>【字体：<a href=\"javascript:void(0)\">大</a> <a href=\"javascript:void(0)\">中</a> <a href=\"javascript:void(0)\">小</a>】</span></div>\n"
        }
        h += "<div class=\"TRS_Editor\" id=\"zoom\">\n"
        let cellStyle = Int(v >> 4 % 3)
        for block in r.outline() {
            switch block {
            case .title:
                continue  // the page heading above carries it
            case .heading(let s):
                h += "<p style=\"text-indent:2em;\"><strong>"; escape(s, into: &h); h += "</strong></p>\n"
            case .paragraph(let s):
                h += "<p style=\"text-indent:2em;\">"; escape(s, into: &h); h += "</p>\n"
            case .table(let t):
                table(t, cellStyle: cellStyle, into: &h)
            case .signature(let issuer, let date):
                h += "<p style=\"text-align:right;\">"; escape(issuer, into: &h); h += "</p>\n"
                if let date { h += "<p style=\"text-align:right;\">\(date)</p>\n" }
            }
        }
        h += "</div>\n"
        if shell == .portal {
            h += "<div class=\"attachments\">附件：<a href=\"./P0\(r.year + 1)0\(two(Int(v % 97)))_report.docx\">"
            escape(r.unitName, into: &h); h += "\(r.year)年政府信息公开工作年度报告.docx</a></div>\n"
            h += "<div class=\"share\"><a href=\"javascript:window.print()\">【打印本页】</a> <a href=\"javascript:window.close()\">【关闭窗口】</a></div>\n"
        }
        h += "</div>\n"
        if shell == .portal {
            // A page-generation stamp: a date on the page that is not the publication date.
            h += "<div class=\"footer\"><p>主办："; escape(site, into: &h); h += "办公室　承办：" ; escape(r.county.isEmpty ? "县" : r.county, into: &h)
            h += "大数据服务中心</p><p>网站标识码：64022100\(two(Int(v % 89)))　ICP备案号：宁ICP备0500\(two(Int(v >> 3 % 97)))号</p>"
            h += "<p>页面生成时间：\(r.year + 1)-\(two(3 + Int(v >> 30 % 9)))-\(two(1 + Int(v >> 34 % 28))) \(two(Int(v >> 40 % 24))):\(two(Int(v >> 44 % 60)))</p></div>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    static func indexNumber(_ r: PublishedReport) -> String {
        "11640221MB\(String(r.variant % 900_000 + 100_000))/\(r.year + 1)-\(String(r.variant >> 20 % 90_000 + 10_000))"
    }

    /// A table in the official layout. Cells are wrapped in p/span (Word's export), font (older
    /// editors) or left bare with &nbsp; padding, one style per report.
    static func table(_ t: GridTable, cellStyle: Int, into h: inout String) {
        h += "<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;\" width=\"100%\">\n<tbody>\n"
        for row in t.rows {
            h += "<tr>"
            for cell in row {
                h += "<td"
                if cell.colspan > 1 { h += " colspan=\"\(cell.colspan)\"" }
                if cell.rowspan > 1 { h += " rowspan=\"\(cell.rowspan)\"" }
                h += cell.figure ? " align=\"center\" valign=\"middle\">" : " valign=\"middle\">"
                guard let text = cell.text else {
                    h += cellStyle == 2 ? "&nbsp;</td>" : "<p>&nbsp;</p></td>"
                    continue
                }
                switch cellStyle {
                case 0:
                    h += "<p style=\"text-align:center;\"><span style=\"font-family:宋体;font-size:10.5pt;\">"
                    if cell.header { h += "<strong>" }
                    escape(text, into: &h)
                    if cell.header { h += "</strong>" }
                    h += "</span></p>"
                case 1:
                    h += "<font face=\"仿宋_GB2312\" size=\"2\">"; escape(text, into: &h); h += "</font>"
                default:
                    h += "&nbsp;"; escape(text, into: &h); h += "&nbsp;"
                }
                h += "</td>"
            }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n"
    }

    static func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    static func escape(_ s: String, into h: inout String) {
        MarkupEscape.append(s, into: &h, droppingControls: false)
    }
}
