@testable import Aggregate
@testable import CountyPage
import Foundation
import TestSupport
import XCTest

/// The supervisors' page drawn from the bundled county: what it shows, that nothing from the
/// reports gets out of its text, that it loads nothing, and that it is deterministic.
final class CountyPageTests: XCTestCase {
    static let repository = Repository.root
    /// The bundled inputs with 2024 as JSON, since these tests load reports without the importer.
    static let inputs: URL = Repository.jsonInputs

    /// The judged rollup of `inputs` for 2024 as of `asOf`.
    static func rollup(_ inputs: URL = inputs, asOf: String = "2025-03-01") throws -> Rollup {
        let county = try CountyFiles.readCounty(inputs.appendingPathComponent("county.json"))
        let roster = try CountyFiles.readRoster(inputs.appendingPathComponent("roster.csv"))
        let current = Loader.load(inputs: inputs, year: 2024, timeZone: county.timeZone)
        let previous = Loader.load(inputs: inputs, year: 2023, timeZone: county.timeZone)
        return Rollup.compute(county: county, roster: roster, current: current, previous: previous,
                              asOf: CalendarDate(iso: asOf)!)
    }

    static func page(_ r: Rollup, arrivals: Arrivals? = nil) -> String {
        let bytes = CountyPage.html(r, CountyPage.Inputs(workbook: "平罗县-2024.xlsx", summary: "平罗县-2024.summary.json",
                                                         arrivals: arrivals ?? Arrivals.of(r, history: []), generator: "nianbao test"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text between the first `open` after `start` and the matching `close`.
    static func slice(_ html: String, from start: String, to end: String) -> String {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return "" }
        return String(html[a.lowerBound..<b.upperBound])
    }

    /// Every `<tr class="row-…">…</tr>` of the townships' table.
    static func townshipRows(_ html: String) -> [String] {
        html.components(separatedBy: "<tr class=\"row-").dropFirst().map { String($0.prefix { _ in true }.components(separatedBy: "</tr>")[0]) }
    }

    /// Written as it is made (a megabyte at a time, to the file), the page is the bytes made whole.
    func testPageWrittenAsItIsMadeIsTheSameBytes() throws {
        var r = try Self.rollup()
        for i in r.townships.indices {
            for k in 0..<(i * 150) { r.townships[i].flags.append(Flag(.unknownKey, .warning, path: "x\(k)", "未知字段 x\(k)：<b>&</b>")) }
        }
        let inputs = CountyPage.Inputs(workbook: "平罗县-2024.xlsx", summary: "平罗县-2024.summary.json",
                                       arrivals: Arrivals.of(r, history: []), generator: "nianbao test")
        let whole = CountyPage.html(r, inputs)
        var pieces: [[UInt8]] = []
        CountyPage.write(r, inputs) { pieces.append(Array($0)) }
        XCTAssertGreaterThan(pieces.count, 2)
        XCTAssertTrue(pieces.dropLast().allSatisfy { $0.count >= HTML.spillAt })
        XCTAssertEqual(Array(pieces.joined()), whole)
    }

    // MARK: - Content

    func testEveryTownshipWithItsStatusWordWorstFirst() throws {
        let r = try Self.rollup()
        let html = Self.page(r)
        let rows = Self.townshipRows(html)
        XCTAssertEqual(rows.count, r.townships.count)
        XCTAssertEqual(r.townships.count, 14, "13 on the roster and 前进农场")
        for t in r.townships {
            let row = try XCTUnwrap(rows.first { $0.contains("<span class=\"town\">\(t.name)</span>") }, t.name)
            XCTAssertTrue(row.hasPrefix("\(t.status.rawValue)\""), "\(t.name): \(row.prefix(40))")
            XCTAssertTrue(row.contains("<span class=\"st st-\(t.status.rawValue)\">\(t.status.label)</span>"), "\(t.name) shows \(t.status.label)")
        }
        // Worst first: 姚伏镇 (未报送) heads the table, the on-time townships close it.
        XCTAssertTrue(rows[0].contains("姚伏镇") && rows[0].contains("未报送"), rows[0])
        XCTAssertTrue(rows[1].contains("崇岗镇") && rows[1].contains("无法读取"), rows[1])
        XCTAssertTrue(rows.last!.contains("按时"))
        // Days late or left, errors, the format.
        let late = try XCTUnwrap(rows.first { $0.contains("黄渠桥镇") })
        XCTAssertTrue(late.contains("<td>2025-02-14</td><td>逾期 14 天</td>"), late)
        XCTAssertTrue(late.contains("<td>JSON</td>"), late)
        let missing = rows[0]
        XCTAssertTrue(missing.contains("逾期 29 天"), missing)
        XCTAssertTrue(missing.contains("<td>—</td><td><span class=\"muted\">") == false)
    }

    func testTheChaseListIsTheRollupsCallListWithAReasonEach() throws {
        let r = try Self.rollup()
        let html = Self.page(r)
        let chase = Self.slice(html, from: "<section id=\"chase\">", to: "</section>")
        XCTAssertTrue(chase.contains("<h2>今日需联系（\(r.needsCall.count)）</h2>"), chase)
        let items = chase.components(separatedBy: "<li class=\"chase-").dropFirst()
        XCTAssertEqual(items.map { String($0.prefix { $0 != "\"" }) }, r.needsCall.map(\.status.rawValue))
        for (item, t) in zip(items, r.needsCall) {
            XCTAssertTrue(item.contains("<strong class=\"town\">\(t.name)</strong>"), item)
            XCTAssertTrue(item.contains("<span class=\"reason\">\(HTML.escape(t.reason))</span>"), item)
        }
        XCTAssertTrue(chase.contains("截止日后 29 天仍未报送"), "姚伏镇's reason, as in the workbook")
        XCTAssertTrue(chase.contains("逾期 14 天发布"), "黄渠桥镇's reason")
    }

    func testHeaderFactsAndRelativeLinks() throws {
        let r = try Self.rollup()
        let html = Self.page(r)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        XCTAssertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        XCTAssertTrue(html.contains("<dt>统计日期</dt><dd>2025-03-01</dd>"))
        XCTAssertTrue(html.contains("<dt>报送截止日期</dt><dd>2025-01-31</dd>"))
        XCTAssertTrue(html.contains("<dt>截止日</dt><dd>已过截止日 29 天</dd>"))
        XCTAssertTrue(html.contains("<dt>县（市、区）</dt><dd>平罗县（640221）</dd>"))
        // File names only, percent-encoded: the folder can be served as it is.
        XCTAssertTrue(html.contains("<a href=\"%E5%B9%B3%E7%BD%97%E5%8E%BF-2024.xlsx\">汇总工作簿 平罗县-2024.xlsx</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"%E5%B9%B3%E7%BD%97%E5%8E%BF-2024.summary.json\">"))
        // Each report's source URL, linked.
        for t in r.townships {
            guard let url = t.report?.sourceUrl else { continue }
            XCTAssertTrue(html.contains("<a class=\"source\" href=\"\(url)\" rel=\"noopener noreferrer\">原文</a>"), url)
        }
        let ahead = try Self.page(Self.rollup(asOf: "2025-01-20"))
        XCTAssertTrue(ahead.contains("<dt>截止日</dt><dd>距截止 11 天</dd>"))
        let onTheDay = try Self.page(Self.rollup(asOf: "2025-01-31"))
        XCTAssertTrue(onTheDay.contains("<dt>截止日</dt><dd>今日截止</dd>"))
    }

    func testProblemsRankingYearOverYearAndCharts() throws {
        let r = try Self.rollup()
        let html = Self.page(r)
        let problems = Self.slice(html, from: "<section id=\"problems\">", to: "</section>")
        let total = r.townships.reduce(0) { $0 + $1.flags.count } + r.rejected.count
        XCTAssertTrue(problems.contains("<h2>数据问题（\(total)）</h2>"), problems.prefix(200).description)
        XCTAssertEqual(problems.components(separatedBy: "<li>").count - 1, total, "one line per flag and rejected file")
        for (t, f) in r.allFlags {
            XCTAssertTrue(problems.contains(HTML.escape(f.message)), "\(t.name): \(f.message)")
            if !f.path.isEmpty { XCTAssertTrue(problems.contains("<code>\(HTML.escape(f.path))</code>")) }
        }
        // The rejected file sits under its township (崇岗镇), collapsible.
        let chonggang = Self.slice(problems, from: "<span class=\"town\">崇岗镇</span>", to: "</details>")
        XCTAssertTrue(chonggang.contains("文件被拒收：<span class=\"file\">\(r.rejected[0].file)</span>"), chonggang)
        XCTAssertTrue(problems.contains("<details class=\"town-problems\" open><summary>"))

        let ranking = Self.slice(html, from: "<section id=\"ranking\">", to: "</section>")
        let rows = Rankings.compute(r).rows
        XCTAssertTrue(ranking.contains("<h3>前五名</h3>") && ranking.contains("<h3>后五名</h3>"))
        for row in rows.prefix(5) + rows.suffix(5) { XCTAssertTrue(ranking.contains("<span class=\"town\">\(row.name)</span>"), row.name) }
        for row in rows.dropFirst(5).dropLast(5) { XCTAssertFalse(ranking.contains("<span class=\"town\">\(row.name)</span>"), row.name) }

        let yoy = Self.slice(html, from: "<section id=\"yoy\">", to: "</section>")
        let received = try XCTUnwrap(YearOverYear.measures.first { $0.label == "本年新收申请" })
        let now = YearOverYear.value(received, r.totals), before = YearOverYear.value(received, r.previousTotals!)
        XCTAssertTrue(yoy.contains("<tr><td>本年新收申请</td><td class=\"num\">\(now)</td><td class=\"num\">\(before)</td>"), yoy)

        let charts = Self.slice(html, from: "<section id=\"charts\">", to: "</section>")
        XCTAssertEqual(charts.components(separatedBy: "<svg ").count - 1, 3)
        // Townships by status, with the word and the number: 9 on time.
        XCTAssertTrue(charts.contains("<title>按时：9</title>"), charts)
        XCTAssertTrue(charts.contains("<title>未报送：1</title>"))
        // January arrivals from this run's dates: 城关镇 on the 15th, 灵沙乡 in December.
        XCTAssertTrue(charts.contains("<title>1月15日：1 份</title>"))
        XCTAssertTrue(charts.contains("1月前发布 1 份 · 1月后发布 1 份"), "灵沙乡 2024-12-20, 黄渠桥镇 2025-02-14")
    }

    // MARK: - Safety

    func testEscapingIsExact() {
        XCTAssertEqual(HTML.escape("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;")
        XCTAssertEqual(HTML.escape("a\u{0}b\u{1B}c\u{85}d\te\n"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\te\n")
        XCTAssertEqual(HTML.escape("宝丰镇"), "宝丰镇")
        XCTAssertTrue(HTML.linkable("http://www.pingluo.gov.cn/x.html"))
        XCTAssertTrue(HTML.linkable("HTTPS://example.gov.cn/"))
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", " https://x", "https://x y", "data:text/html,<script>",
                    "vbscript:x", "//example.com/x", "http:\u{0}//x", "https://x\u{2028}y", "ftp://x"] {
            XCTAssertFalse(HTML.linkable(bad), bad)
        }
        XCTAssertEqual(HTML.relativeHref("a b#c?.xlsx"), "a%20b%23c%3F.xlsx")
    }

    func testHostileNamesAndURLsStayText() throws {
        var r = try Self.rollup()
        func setName(_ old: String, _ name: String, url: String?) throws {
            let i = try XCTUnwrap(r.townships.firstIndex { $0.name == old })
            r.townships[i].name = name
            r.townships[i].report?.sourceUrl = url
        }
        try setName("通伏乡", "<script>alert(1)</script>", url: "javascript:alert(1)")
        try setName("高仁乡", "\"><img src=x onerror=alert(1)>", url: "JAVASCRIPT:alert(2)")
        try setName("陶乐镇", "陶乐镇' onmouseover='alert(3)", url: "https://example.gov.cn/a?b=1&c=\"><script>alert(4)</script>")
        try setName("城关镇", "城关镇\u{202E}司公", url: "data:text/html,<script>alert(5)</script>")
        let i = try XCTUnwrap(r.townships.firstIndex { $0.name == "姚伏镇" })
        r.townships[i].flags.append(Flag(.suspect, .error, path: "a\"<b>", "</details><script>alert(6)</script>"))
        let html = Self.page(r)

        XCTAssertFalse(html.contains("<script"), "no script element")
        XCTAssertFalse(html.contains("<img"), "no img element")
        XCTAssertFalse(html.lowercased().contains("href=\"javascript:"), "no javascript: link")
        XCTAssertFalse(html.contains("href=\"data:"), "no data: link")
        // No tag carries an event-handler attribute (the names' " onerror=" stays text between tags).
        let handler = try NSRegularExpression(pattern: "<[A-Za-z][^<>]*\\son[a-z]+\\s*=")
        XCTAssertEqual(handler.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html)), 0)
        XCTAssertFalse(html.contains("' onmouseover='"))
        XCTAssertTrue(html.contains("<span class=\"town\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"))
        XCTAssertTrue(html.contains("<span class=\"town\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>"))
        XCTAssertTrue(html.contains("<span class=\"town\">陶乐镇&#39; onmouseover=&#39;alert(3)</span>"))
        // An http(s) URL stays one attribute value, however odd.
        XCTAssertTrue(html.contains("<a class=\"source\" href=\"https://example.gov.cn/a?b=1&amp;c=&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;\" rel=\"noopener noreferrer\">原文</a>"))
        XCTAssertEqual(html.components(separatedBy: "非网址，未链接").count - 1, 3, "javascript:, JAVASCRIPT: and data: shown unlinked")
        // A right-to-left override in a name is isolated, as in the workbook's messages.
        XCTAssertTrue(html.contains("<span class=\"town\">\u{2068}城关镇\u{202E}司公\u{2069}</span>"))
        XCTAssertTrue(html.contains("&lt;/details&gt;&lt;script&gt;alert(6)&lt;/script&gt; <code>a&quot;&lt;b&gt;</code>"))
        // The page's element count is what the markup says, not what the names say.
        XCTAssertEqual(html.components(separatedBy: "<details").count, html.components(separatedBy: "</details>").count)
    }

    func testContentSecurityPolicyAndNoOutsideLoad() throws {
        let html = Self.page(try Self.rollup())
        XCTAssertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        for element in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url("] {
            XCTAssertFalse(html.contains(element), element)
        }
        XCTAssertFalse(html.contains(" src="), "nothing has a src")
        // Every href is a section anchor, a relative file name, or a report's own source link.
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        let sources = html.components(separatedBy: "<a class=\"source\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(sources.count, 12, "every readable report with a source URL")
        for h in hrefs where h.lowercased().contains("http") {
            XCTAssertTrue(sources.contains(h), "external link \(h) is not a report's source")
        }
        XCTAssertFalse(html.contains("www.w3.org"), "inline SVG needs no namespace URL")
    }

    func testSameRollupGivesTheSameBytes() throws {
        let a = Self.page(try Self.rollup()), b = Self.page(try Self.rollup())
        XCTAssertEqual(a, b)
        XCTAssertFalse(a.isEmpty)
    }

    // MARK: - Changes and history

    /// The bundled county without 城关镇 as of 2025-01-30, then whole as of 2025-02-03.
    func twoRuns() throws -> (first: Rollup, second: Rollup) {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-page-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Self.inputs, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("2024/chengguan.json"))
        return (try Self.rollup(copy, asOf: "2025-01-30"), try Self.rollup(asOf: "2025-02-03"))
    }

    func testChangesSinceThePreviousSummary() throws {
        var (first, second) = try twoRuns()
        first.changes = Changes(noComparison: .absent)
        let previous = PreviousSummary.parse(Summary.bytes(first, generator: "t"), county: second.county, year: 2024)
        second.changes = Changes.between(previous, second)
        let c = try XCTUnwrap(second.changes)
        XCTAssertEqual(c.since, CalendarDate(iso: "2025-01-30"))
        XCTAssertEqual(c.newReports.map(\.name), ["城关镇"])
        XCTAssertEqual(c.newReports.first?.previousStatus, .pending)
        XCTAssertEqual(c.newReports.first?.status, .onTime)
        XCTAssertEqual(c.newlyOverdue.map(\.name), ["姚伏镇"])
        XCTAssertEqual(c.newlyOverdue.first?.status, .missing)
        XCTAssertEqual(c.newlyOverdue.first?.daysLate, 3)
        XCTAssertEqual(c.sentence, "since 2025-01-30: 1 new report, 1 newly overdue")
        // 城关镇's figures moved the county totals: received requests among them.
        let received = try XCTUnwrap(c.totals.first { $0.path == "requests.received.total" })
        let chengguan = try XCTUnwrap(second.townships.first { $0.name == "城关镇" }?.report)
        XCTAssertEqual(received.after, .integer(second.totals[Catalog.index("requests.received.total")]))
        XCTAssertEqual(received.before, .integer(second.totals[Catalog.index("requests.received.total")] - chengguan.value("requests.received.total")))
        // Flags of 城关镇 are new, and only they: the as-of quoted in 黄渠桥镇's future-date message
        // moved, but that is the same finding (neither resolved nor added).
        XCTAssertEqual(c.flagsAdded.map(\.township), second.townships.first { $0.name == "城关镇" }!.flags.map { _ in "城关镇" })
        XCTAssertEqual(c.flagsAdded.map(\.flag), second.townships.first { $0.name == "城关镇" }!.flags)
        XCTAssertEqual(c.flagsResolved.map(\.township), [])
        XCTAssertTrue(Changes.same(Flag(.suspect, .warning, path: "publishedOn", "发布日期2025-02-14晚于统计日期2025-01-30"),
                                   Flag(.suspect, .warning, path: "publishedOn", "发布日期2025-02-14晚于统计日期2025-02-03")))
        XCTAssertFalse(Changes.same(Flag(.r1, .error, path: "requests.total", "一+二=5，三（七）+四=4"),
                                    Flag(.r1, .error, path: "requests.total", "一+二=6，三（七）+四=4")))

        let html = Self.page(second)
        let section = Self.slice(html, from: "<section id=\"changes\">", to: "</section>")
        XCTAssertTrue(section.contains("<h2>自 2025-01-30 以来的变化</h2>"), section)
        XCTAssertTrue(Self.slice(section, from: "<ul id=\"new-reports\"", to: "</ul>").contains("<strong class=\"town\">城关镇</strong> 按时，发布日期 2025-01-15<span class=\"was\">（上次：待报送）</span>"), section)
        XCTAssertTrue(Self.slice(section, from: "<ul id=\"newly-overdue\"", to: "</ul>").contains("<strong class=\"town\">姚伏镇</strong> 未报送 3 天<span class=\"was\">（上次：待报送）</span>"), section)

        // The same comparison again: the same bytes; against itself: nothing changed.
        var again = try Self.rollup(asOf: "2025-02-03")
        again.changes = Changes.between(previous, again)
        XCTAssertEqual(Self.page(again), html)
        var same = second
        same.changes = Changes.between(PreviousSummary.parse(Summary.bytes(second, generator: "t"), county: second.county, year: 2024), second)
        XCTAssertEqual(same.changes?.isEmpty, true)
        XCTAssertTrue(Self.page(same).contains("与上次运行相比没有变化"))
    }

    func testNoComparisonIsSaidOnce() throws {
        var r = try Self.rollup()
        let county = r.county
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-none-\(UUID().uuidString).json")
        guard case .failure(.absent) = PreviousSummary.read(missing, county: county, year: 2024) else { return XCTFail("absent") }
        guard case .failure(.unreadable) = PreviousSummary.parse(Array("{\"schemaVersion\": 1,".utf8), county: county, year: 2024) else { return XCTFail("truncated") }
        guard case .failure(.unreadable) = PreviousSummary.parse(Array("[1]".utf8), county: county, year: 2024) else { return XCTFail("array") }
        r.changes = Changes(noComparison: .absent)
        let summary = Summary.bytes(r, generator: "t")
        guard case .failure(.foreign(let whose)) = PreviousSummary.parse(summary, county: county, year: 2023) else { return XCTFail("other year") }
        XCTAssertEqual(whose, "平罗县 2024")
        var other = county
        other.name = "惠农区"
        guard case .failure(.foreign) = PreviousSummary.parse(summary, county: other, year: 2024) else { return XCTFail("other county") }
        guard case .success = PreviousSummary.parse(summary, county: county, year: 2024) else { return XCTFail("own summary") }

        let html = Self.page(r)
        XCTAssertEqual(html.components(separatedBy: "本次不作比较").count - 1, 1, "said once")
        XCTAssertTrue(html.contains("尚无上次运行的 summary.json（首次运行），本次不作比较"))
        XCTAssertEqual(Changes(noComparison: .absent).sentence, "no comparison: no previous summary.json")
        let json = String(decoding: summary, as: UTF8.self)
        XCTAssertTrue(json.contains("\"changes\": {\n    \"since\": null,\n    \"noComparison\": \"no comparison: no previous summary.json\""), json.suffix(400).description)
    }

    func testHistoryNamesOnlyItsOwnFiles() throws {
        let county = try CountyFiles.readCounty(Self.inputs.appendingPathComponent("county.json"))
        let d = CalendarDate(iso: "2025-01-30")!
        XCTAssertEqual(History.fileName(county: county, year: 2024, asOf: d), "平罗县-2024-2025-01-30.summary.json")
        XCTAssertTrue(History.parse(fileName: "平罗县-2024-2025-01-30.summary.json", county: county)! == (2024, d))
        for other in ["平罗县-2024-2025-1-30.summary.json", "平罗县-2024-2025-01-30.summary.json.bak", "惠农区-2024-2025-01-30.summary.json",
                      "平罗县-2024.summary.json", "平罗县-2024-2025-02-30.summary.json", "x平罗县-2024-2025-01-30.summary.json",
                      ".平罗县-2024-2025-01-30.summary.json.tmp-1", "平罗县-20a4-2025-01-30.summary.json"] {
            XCTAssertNil(History.parse(fileName: other, county: county), other)
        }
        var slashed = county
        slashed.name = "../平罗县"
        XCTAssertEqual(History.fileName(county: slashed, year: 2024, asOf: d), ".._平罗县-2024-2025-01-30.summary.json")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-history-\(UUID().uuidString)")
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-elsewhere-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let keep = ["平罗县-2024-2025-01-30.summary.json", "平罗县-2024-2025-02-03.summary.json", "惠农区-2023-2024-01-30.summary.json",
                    "平罗县-2023-notes.txt", "平罗县-2023.summary.json"]
        let prune = ["平罗县-2023-2024-01-30.summary.json", "平罗县-2025-2026-01-30.summary.json"]
        for name in keep + prune { try Data("{}".utf8).write(to: dir.appendingPathComponent(name)) }
        // A link named like history, pointing outside: neither it nor its target is touched.
        let target = elsewhere.appendingPathComponent("precious.json")
        try Data("precious".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("平罗县-2022-2023-01-30.summary.json"), withDestinationURL: target)
        let removed = History.prune(dir, county: county, keeping: 2024)
        XCTAssertEqual(removed, prune.sorted())
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(left, (keep + ["平罗县-2022-2023-01-30.summary.json"]).sorted())
        XCTAssertEqual(try Data(contentsOf: target), Data("precious".utf8))
        // Snapshots of the year, oldest first; the link is not read.
        XCTAssertEqual(History.snapshots(in: dir, county: county, year: 2024).map(\.asOf.description), ["2025-01-30", "2025-02-03"])
        XCTAssertEqual(History.snapshots(in: dir, county: county, year: 2022).count, 0)

        XCTAssertTrue(History.isInside(Self.inputs.appendingPathComponent("2024/history"), Self.inputs))
        XCTAssertTrue(History.isInside(Self.inputs, Self.inputs))
        XCTAssertFalse(History.isInside(Self.repository.appendingPathComponent("inputs-history"), Self.inputs))
    }

    func testArrivalsByDayComeFromHistoryFirst() throws {
        let (first, second) = try twoRuns()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-arrivals-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // The first snapshot says 城关镇 is pending; a made-up earlier one had a 灵沙乡 report of 2025-01-02.
        var early = first
        let i = early.townships.firstIndex { $0.name == "灵沙乡" }!
        early.townships[i].publishedOn = CalendarDate(iso: "2025-01-02")
        early.asOf = CalendarDate(iso: "2025-01-03")!
        try Data(Summary.bytes(early, generator: "t")).write(to: dir.appendingPathComponent(History.fileName(county: first.county, year: 2024, asOf: early.asOf)))
        try Data(Summary.bytes(first, generator: "t")).write(to: dir.appendingPathComponent(History.fileName(county: first.county, year: 2024, asOf: first.asOf)))
        let a = Arrivals.of(second, history: History.snapshots(in: dir, county: second.county, year: 2024))
        XCTAssertEqual(a.snapshots, 2)
        XCTAssertEqual(a.byDay[1], 1, "灵沙乡 as first seen, on 2 January")
        XCTAssertEqual(a.before, 0)
        XCTAssertEqual(a.byDay[14], 1, "城关镇 from this run, on 15 January")
        XCTAssertEqual(a.after, 1, "黄渠桥镇 on 14 February")
        let plain = Arrivals.of(second, history: [])
        XCTAssertEqual(plain.before, 1)
        XCTAssertEqual(plain.byDay.reduce(0, +) + plain.before + plain.after, second.townships.filter { [.onTime, .late].contains($0.status) }.count)
        XCTAssertTrue(Self.page(second, arrivals: a).contains("据 2 次运行的历史记录及本次运行"))
    }
}
