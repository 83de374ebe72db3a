import Foundation
import XCTest
@testable import Import

/// How long extraction takes on a report-sized page and .docx; prints µs per file. A measurement,
/// not a test of speed (that is `make bench`'s): it runs only with NIANBAO_EXTRACT_SPEED set
/// (1, or html/docx/text for one format).
final class ExtractSpeedTests: XCTestCase {
    /// A report-shaped page: portal shell, 30 paragraphs, the four national tables' shapes.
    static func reportPage() -> String {
        var html = "<html><head><meta charset=\"utf-8\"><title>年度报告</title><script>var a=1;</script></head><body>"
        html += "<div class=\"nav\"><a>首页</a> | <a>政务公开</a> | <a>政府信息公开年报</a></div>"
        html += "<div class=\"info\">发布日期：2025-01-20&nbsp;&nbsp;来源：测试镇人民政府&nbsp;&nbsp;浏览次数：36</div>"
        for i in 1...30 {
            html += "<p style=\"text-indent:2em\"><span style=\"font-family:仿宋\">第\(i)段：本镇坚持以公开为常态、不公开为例外，全年主动公开政府信息\(i * 7)条，其中规范性文件\(i)件。</span></p>"
        }
        for (rows, columns) in [(6, 4), (28, 10), (3, 15)] {
            html += "<table border=\"1\">"
            for r in 0..<rows {
                html += "<tr>"
                for c in 0..<columns {
                    html += c == 0 ? "<td colspan=\"1\"><p><span>第\(r)行项目名称</span></p></td>" : "<td><p><span>\(r * c)</span></p></td>"
                }
                html += "</tr>"
            }
            html += "</table>"
        }
        html += "<div class=\"footer\">主办单位：测试县人民政府办公室<br>网站标识码：0000000000</div></body></html>"
        return html
    }

    func testSpeed() throws {
        let only = ProcessInfo.processInfo.environment["NIANBAO_EXTRACT_SPEED"]
        guard only != nil else { throw XCTSkip("a measurement: set NIANBAO_EXTRACT_SPEED=1 to print µs per file") }
        let html = Array(Self.reportPage().utf8)
        var body = ""
        for i in 1...30 { body += ExtractWordTests.p(ExtractWordTests.r("第\(i)段：本镇坚持以公开为常态、不公开为例外，全年主动公开政府信息") + ExtractWordTests.r("\(i * 7)") + ExtractWordTests.r("条。")) }
        for (rows, columns) in [(6, 4), (28, 10), (3, 15)] {
            body += "<w:tbl>"
            for r in 0..<rows {
                body += "<w:tr>"
                for c in 0..<columns { body += ExtractWordTests.tc(ExtractWordTests.p(ExtractWordTests.r(c == 0 ? "第\(r)行项目名称" : "\(r * c)"))) }
                body += "</w:tr>"
            }
            body += "</w:tbl>"
        }
        let docx = try ExtractWordTests.docx(body: body)
        let text = Array(Self.reportPage().replacingOccurrences(of: "<", with: "\n<").utf8)
        for (name, bytes, format) in [("html", html, SourceFormat.html), ("docx", docx, .docx), ("text", text, .text)] {
            if let only, only != "1", only != name { continue }
            let doc = try Extractor.document(bytes: bytes, format: format)
            XCTAssertFalse(doc.blocks.isEmpty)
            let rounds = only == name ? 2000 : 200
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds { _ = try Extractor.document(bytes: bytes, format: format) }
            let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(rounds)
            print("extract \(name): \(bytes.count) bytes, \(doc.blocks.count) blocks, \(Int(micros)) µs per file")
        }
    }
}
