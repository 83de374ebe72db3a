import Foundation
import XCTest
@testable import Import

/// Temporary: the hand-written parser against libxml2's, document for document.
final class HTMLParserAgreementTests: XCTestCase {
    var dumped = 0
    func same(_ bytes: [UInt8], _ label: String) -> Bool {
        let a = Result { () throws(ExtractError) -> Document in try HTMLExtractor.document(bytes) }
        let b = Result { () throws(ExtractError) -> Document in try LegacyHTMLExtractor.document(bytes) }
        switch (a, b) {
        case (.success(let x), .success(let y)):
            if x != y {
                dumped += 1
                try? Data(bytes).write(to: URL(fileURLWithPath: "/tmp/html-out/fail-\(dumped).html"))
                XCTFail("\(label.prefix(100)): documents differ")
                return false
            }
        case (.failure(let x), .failure(let y)):
            XCTAssertEqual(x, y, label)
        default:
            XCTFail("\(label): \(a) vs \(b)")
            return false
        }
        return true
    }

    static let tokens = ["<", "</td>", "<td>", "</tr>", "<tr>", "<table>", "</table>", "&", "&nbsp;", "&nbsp", "&#12345;", "&#x0;", "&#x4e2d;",
                         "&#", "&amp", "&lt;", "<!--", "-->", "<script>", "</script>", "<style>", "</style>", "<p>", "</p>", "</div>", "<div>",
                         "<br/>", "<br>", "\"", "'", ">", "<b", "<b>", "</b>", "<head>", "</head>", "<body>", "</body>", "</html>", "<html>",
                         "<title>", "</title>", "<li>", "<option>", "<select>", "<font>", "</font>", "<span style=display:none>",
                         "<span hidden>", " colspan=3 ", "<td rowspan='2' colspan=\"2\">", "\u{0B}", "\u{0C}", "<!DOCTYPE html>",
                         "<?xml version=\"1.0\"?>", "<pre>", "</pre>", "\r\n", "\n", " ", "<caption>", "</caption>", "<th>", "</ td>",
                         "<td/>", "<body/>", "<1>", "< p>", "<!x>", "<![CDATA[x]]>", "<tbody>", "<thead>", "<h1>", "</h1>", "<a>", "</a>",
                         "<center>", "<form>", "<noscript>", "<textarea>", "</textarea>", "<img src=x>", "<meta charset=utf-8>", "\u{FFFE}",
                         "<dl><dt>", "<dd>", "<ul>", "</ul>", "<frameset>", "<div style=\"visibility: hidden\">", "中", "1", "<td colspan=0>"]

    func testAgreesOnCorpusAndMutations() throws {
        var pages: [[UInt8]] = []
        if let dir = ProcessInfo.processInfo.environment["NIANBAO_HTML_CORPUS"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix("html") || name.hasSuffix("htm") {
                pages.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name))))
            }
        }
        pages.append(Array(ExtractHTMLTests.shellPage.replacingOccurrences(of: "%CHARSET%", with: "utf-8").utf8))
        pages.append(Array(ExtractSpeedTests.reportPage().utf8))
        var failures = 0
        for (k, page) in pages.enumerated() where !same(page, "page \(k)") { failures += 1; if failures > 3 { return } }
        var rng = SystemRandomNumberGenerator()
        var seed = UInt64(ProcessInfo.processInfo.environment["NIANBAO_HTML_SEED"] ?? "1")!
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        _ = rng
        let rounds = Int(ProcessInfo.processInfo.environment["NIANBAO_HTML_ROUNDS"] ?? "300")!
        let small = pages.suffix(2)
        for round in 0..<rounds {
            var page = round % 2 == 0 ? small.first! : (pages.count > 2 ? pages[next() % (pages.count - 2)] : small.last!)
            let edits = 1 + next() % 12
            for _ in 0..<edits {
                let at = next() % (page.count + 1)
                switch next() % 3 {
                case 0:
                    let end = min(page.count, at + next() % 40)
                    page.removeSubrange(at..<end)
                default:
                    page.insert(contentsOf: Array(Self.tokens[next() % Self.tokens.count].utf8), at: at)
                }
            }
            if !same(page, "round \(round): \(String(decoding: page, as: UTF8.self).prefix(3000))") { failures += 1; if failures > 3 { return } }
        }
        // Random token soup.
        for round in 0..<rounds {
            var page: [UInt8] = []
            for _ in 0..<(next() % 60) { page += Array(Self.tokens[next() % Self.tokens.count].utf8) }
            if !same(page, "soup \(round): \(String(decoding: page, as: UTF8.self))") { failures += 1; if failures > 3 { return } }
        }
    }
}

/// Records the parser's events as lines, as the C SAX dumper prints libxml2's.
struct EventRecorder: HTMLEvents {
    var lines: [String] = []
    var stopped: Bool { false }
    static func name(_ key: UInt64) -> String {
        var k = key & 0x00FF_FFFF_FFFF_FFFF
        if key & 0x8000_0000_0000_0000 != 0 { k = key ^ 0x8000_0000_0000_0000 ^ (key & 0x7F00_0000_0000_0000) }
        var s = ""
        for i in 0..<8 { let b = UInt8((k >> (8 * UInt64(i))) & 0xFF); if b == 0 { break }; s.append(Character(Unicode.Scalar(b))) }
        return s
    }
    mutating func start(_ name: UInt64, _ a: HTMLAttributes) { lines.append("S(\(Self.name(name)) \(a.hides) \(a.rowSpan) \(a.columnSpan))") }
    mutating func end(_ name: UInt64) { lines.append("E(\(Self.name(name)))") }
    mutating func text(_ content: UnsafeBufferPointer<UInt8>) {
        let t = String(decoding: content, as: UTF8.self)
        if let last = lines.last, last.hasPrefix("T[") { lines[lines.count - 1] = String(last.dropLast()) + t + "]" } else { lines.append("T[\(t)]") }
    }
    static func events(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { input in
            var parser = HTMLParser(input, walker: EventRecorder())
            parser.run()
            return parser.walker.lines
        }
    }
}

final class HTMLEventDumpTests: XCTestCase {
    func testDump() throws {
        guard let path = ProcessInfo.processInfo.environment["NIANBAO_HTML_DUMP"] else { return }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try EventRecorder.events(bytes).joined(separator: "\n").write(toFile: path + ".events", atomically: true, encoding: .utf8)
    }
}

final class MalformedOracleTests: XCTestCase {
    func testOracleAgreesOnMalformedCases() throws {
        let pages = ["<p>前言<table><tr><td>项目<td>数量<tr><td>规章<td>3</table><p>后记<p>又一段",
                     "<table><tr></td><td>甲</div>乙</td><td>丙</td></tr></table></td></tr><p>尾</p>",
                     "<table><tr><td><span>一</td></span><td>二</tr><tr><td>三<td>四</table>",
                     "<table><tr><td>外<table><tr><td>甲</td><td>乙</td></tr></table><p>后",
                     "<body>" + String(repeating: "<div><span>", count: 1000) + "深处" + "<p>之后",
                     "<table border=1><tr><td colspan=2 align=center>合并</td></tr><tr><td rowspan = 1>甲<td nowrap>乙</tr></table><div style=display:none>隐</div><p hidden>藏</p><p class=a/b>见</p>",
                     "<p>&#20013;&#x6587;&amp;&lt;&gt;&quot;&nbsp;|&nbsp|&unknown;|&#0;|&#x110000;|&#;|a&b</p>",
                     "<p>甲<!-- <p>注释</p> -->乙</p><script>if (a < b && c) { document.write('</p>丙') }</script><style>p > span { color: red }</style><p>丁 < 戊 <1 <!x> </ td>己</p><p>庚<!-- 未完",
                     "<p>甲</p><p>乙<td colspan=", "<p>甲<p title=\"未完",
                     "开头<html><head><title>题</title></head><body><p>甲</p><head><p>乙</p><body><p>丙</p></body></html>尾"]
        for page in pages {
            XCTAssertEqual(try HTMLExtractor.document(Array(page.utf8)), try LegacyHTMLExtractor.document(Array(page.utf8)), page)
        }
    }
}
