import Aggregate

/// The supervisors' page: one self-contained HTML file (no script, no outside load, a
/// Content-Security-Policy that forbids both) with today's state of the county, what changed
/// since the last run, and the workbook and summary.json one click away. Readable on a phone,
/// on a desktop and on A4 paper. Everything from the reports is escaped (`HTML.text`).
package enum CountyPage {
    /// What the page is drawn from besides the rollup.
    package struct Inputs: Sendable {
        /// File names of the workbook and summary.json, linked relatively (the same folder).
        package var workbook: String
        package var summary: String
        package var arrivals: Arrivals
        package var generator: String
        package init(workbook: String, summary: String, arrivals: Arrivals, generator: String) {
            self.workbook = workbook
            self.summary = summary
            self.arrivals = arrivals
            self.generator = generator
        }
    }

    /// The page's bytes (UTF-8). The same rollup (with the same `changes`) and inputs give the
    /// same bytes: nothing here reads the clock or the machine.
    package static func html(_ r: Rollup, _ inputs: Inputs) -> [UInt8] {
        // About 600 bytes a township and 250 a flag are written; room for more costs nothing.
        var h = HTML(capacity: 64 * 1024 + 1024 * r.townships.count + 512 * (r.errorCount + r.warningCount + r.rejected.count))
        write(r, inputs, into: &h)
        return h.out
    }

    /// The same bytes handed to `spill` a megabyte or so at a time, as they are made.
    package static func write(_ r: Rollup, _ inputs: Inputs, spill: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var h = HTML(spill: spill)
        write(r, inputs, into: &h)
        h.flush()
    }

    static func write(_ r: Rollup, _ inputs: Inputs, into h: inout HTML) {
        let title = "\(r.county.name)\(r.year)年度乡镇政府信息公开工作年度报告报送情况"
        h.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n")
        h.raw("<meta name=\"generator\" content=\"\(HTML.escape(inputs.generator))\">\n")
        h.raw("<title>\(HTML.escape(title))（统计日期 \(r.asOf)）</title>\n<style>\n\(PageStyle.css)</style>\n</head>\n<body>\n")
        Header.write(r, inputs, title: title, into: &h)
        h.raw("<main>\n")
        ChaseList.write(r, into: &h)
        ChangesSection.write(r.changes, into: &h)
        TownshipTable.write(r, into: &h)
        Charts.write(r, arrivals: inputs.arrivals, into: &h)
        ProblemList.write(r, into: &h)
        RankingSection.write(r, into: &h)
        YearOverYearSection.write(r, into: &h)
        h.raw("</main>\n<footer>由 \(HTML.escape(inputs.generator)) 根据各乡镇报告自动生成；每个数字均可追溯到乡镇报告。统计日期 \(r.asOf)。</footer>\n</body>\n</html>\n")
    }

    /// Nothing may load from anywhere; only the page's own `<style>` and `data:` images apply.
    package static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    /// The report's format as shown in the townships' table (网页, Word, 文本, PDF, JSON), as 报送情况 shows it.
    static func format(_ t: TownshipResult) -> String {
        SourceFormat.of(t)?.label ?? "—"
    }

    /// Days late or left, in words.
    static func days(_ t: TownshipResult) -> String {
        switch t.status {
        case .late, .missing: "逾期 \(t.daysLate ?? 0) 天"
        case .pending: "剩余 \(t.daysLeft ?? 0) 天"
        case .onTime, .unreadable, .dateUnknown: "—"
        }
    }
}
