import Aggregate
import Foundation
import XLSX

/// The county workbook: the three national tables filled with county totals (with per-township
/// figures below), every township's every cell, the submission status and every problem found.
/// The one place that knows both the domain and Excel.
package enum CountyWorkbook {
    /// Above this many townships (a province or the nation rather than a county or a city, which
    /// have tens to a few hundred), the per-township listings under the national tables and on
    /// 同比 are left out and 乡镇明细's figures go unstyled: 乡镇明细 holds every figure, and
    /// thousands of repeated rows would double the workbook for nobody to read.
    package static let listingLimit = 500

    /// Fast compression: at national scale deflating 乡镇明细 at libxlsxwriter's level took a
    /// quarter of the run; fast, the file comes out about a quarter larger. Asked for every
    /// workbook, not only large ones, so that the bundled county's workbook keeps its bytes.
    static let compression = Compression.fast

    package static let sheetNames = ["概览", "主动公开", "依申请公开", "复议诉讼", "乡镇明细", "报送情况", "数据问题", "排名", "同比"]

    /// The workbook in the making, in the steps a run takes (RollupJob.run):
    ///
    ///     let workbook = try CountyWorkbook.Writer(matched: matched, to: path, …)
    ///     let detail = workbook.beginDetail(concurrently: true)   // 乡镇明细, from the match alone
    ///     … the rules run …
    ///     try workbook.writeSheets(judged)                         // every other sheet
    ///     try detail.finish()
    ///     let zlibLevel = try workbook.close()                     // assemble and zip the file
    ///
    /// 乡镇明细 (every township × every cell, most of the workbook) needs only what `Rollup.match`
    /// decides, so it can be filled on another core while the rules run. Rows are streamed in
    /// constant-memory mode, so memory stays flat however many townships there are.
    package final class Writer {
        let workbook: Workbook
        let styles: Styles
        let sheets: [Worksheet]
        let matched: Rollup

        /// Opens the workbook at `path` (overwritten at `close`) with its sheets, from the matched
        /// rollup (the county, the year, the as-of day).
        package init(matched: Rollup, to path: String, generator: String, temporaryDirectory: String? = nil) throws {
            let workbook = try Workbook(path: path, constantMemory: true, temporaryDirectory: temporaryDirectory,
                                        compression: compression)
            self.workbook = workbook
            styles = Styles(workbook)
            self.matched = matched
            let county = matched.county.name
            try workbook.setProperties(title: "\(county)\(matched.year)年政府信息公开工作年度报告汇总",
                                       subject: "乡镇政府信息公开工作年度报告汇总（统计日期 \(matched.asOf)）",
                                       author: generator, company: county,
                                       comments: "由 \(generator) 根据各乡镇报告自动生成；每个数字均可追溯到乡镇报告。",
                                       created: matched.asOf.utcMidnight)
            sheets = try sheetNames.map { try workbook.addWorksheet($0) }
        }

        /// 乡镇明细, begun on a thread of its own (with `concurrently` false, or when none can be
        /// started, written at `finish()` on this thread).
        package func beginDetail(concurrently: Bool) -> SheetJob {
            let ctx = Context(rollup: matched, styles: styles, workbook: workbook)
            let sheet = sheets[4]
            return workbook.begin({ try DetailSheet.write(ctx, sheet) }, concurrently: concurrently)
        }

        /// Every sheet but 乡镇明细, from the judged rollup.
        package func writeSheets(_ judged: Rollup) throws {
            let ctx = Context(rollup: judged, styles: styles, workbook: workbook)
            try OverviewSheet.write(ctx, sheets[0])
            try OfficialTables.writeProactive(ctx, sheets[1])
            try OfficialTables.writeRequests(ctx, sheets[2])
            try OfficialTables.writeAppeals(ctx, sheets[3])
            try StatusSheet.write(ctx, sheets[5])
            try ProblemsSheet.write(ctx, sheets[6])
            try RankingSheet.write(ctx, sheets[7])
            try YearOverYearSheet.write(ctx, sheets[8])
            sheets[0].activate()
        }

        /// Assembles and zips the file, once every sheet is written (its begun jobs finished);
        /// returns the zlib level the parts were deflated at. The workbook's last step: it may run
        /// on another thread than the one that wrote the sheets; `threads` deflate 乡镇明细 and the
        /// other large parts (1: that thread alone).
        package func close(threads: Int = 1) throws -> Int? {
            try workbook.close(deflateThreads: threads)
            return workbook.deflateLevel
        }
    }

    /// The whole workbook from a rollup already judged, on this thread (tests, tools).
    @discardableResult
    package static func write(_ judged: Rollup, to path: String, generator: String) throws -> Int? {
        let writer = try Writer(matched: judged, to: path, generator: generator)
        let detail = writer.beginDetail(concurrently: false)
        try writer.writeSheets(judged)
        try detail.finish()
        return try writer.close()
    }
}

/// What every sheet writer needs.
struct Context {
    let rollup: Rollup
    let styles: Styles
    let workbook: Workbook

    /// Whether per-township listings go under the national tables and on 同比.
    var listsTownships: Bool { rollup.townships.count <= CountyWorkbook.listingLimit }

    var heading: String { "\(rollup.county.name) \(rollup.year) 年度 · 统计日期 \(rollup.asOf) · 报送截止 \(rollup.deadline)" }

    /// Writes one cell value of the catalog in its own number format.
    func value(_ sheet: Worksheet, _ row: Int, _ col: Int, cell: Int, _ v: Int64, total: Bool = false) throws {
        let isAmount = Catalog.isAmount[cell]
        let f = isAmount ? (total ? styles.totalAmount : styles.amount) : (total ? styles.totalCount : styles.count)
        try sheet.write(row, col, number(cell: cell, v), f)
    }

    /// A catalog cell's value as the number shown: counts as they are, amounts in 万元.
    func number(cell: Int, _ v: Int64) -> Double {
        Catalog.isAmount[cell] ? Amount(millionths: v).doubleValue : Double(v)
    }

    func gridValue(cell: Int, _ v: Int64) -> CellGrid.Value { .number(number(cell: cell, v)) }

    func format(cell: Int) -> Format { Catalog.isAmount[cell] ? styles.amount : styles.count }

    /// The townships whose figures are listed below a table: every township with a readable
    /// report, in roster order, off-roster ones last.
    var townshipsWithReports: [TownshipResult] { rollup.townships.filter { $0.report != nil } }

    /// One row per township under a table: name, whether counted, then the given cells.
    func townshipRows(_ sheet: Worksheet, startRow: Int, title: String, section: SectionID, cells: [Int],
                      headers: [String]) throws -> Int {
        var row = startRow
        guard listsTownships else {
            try sheet.write(row, 0, "本表汇总了 \(rollup.coverage[section.rawValue]) 个乡镇的数字；乡镇超过 \(CountyWorkbook.listingLimit) 个，各乡镇数字不在此重复列出，见“乡镇明细”。", styles.subtitle)
            return row + 1
        }
        try sheet.write(row, 0, title, styles.bold)
        row += 1
        try sheet.write(row, 0, "乡镇", styles.header)
        try sheet.write(row, 1, "计入县合计", styles.header)
        for (k, h) in headers.enumerated() { try sheet.write(row, 2 + k, h, styles.header) }
        try sheet.setRow(row, height: 45)
        row += 1
        for t in townshipsWithReports {
            let r = t.report!
            try sheet.write(row, 0, t.name, styles.text)
            let counted = t.counted && r.has(section)
            try sheet.write(row, 1, counted ? "是" : (r.has(section) ? "否（名册外）" : "否（缺表）"), styles.labelCenter)
            for (k, cell) in cells.enumerated() {
                if r.has(section) && r.present[cell] {
                    try value(sheet, row, 2 + k, cell: cell, r.values[cell])
                } else {
                    try sheet.writeBlank(row, 2 + k, styles.count)
                }
            }
            row += 1
        }
        try sheet.write(row, 0, "县合计", styles.totalLabel)
        try sheet.write(row, 1, "\(rollup.coverage[section.rawValue]) 个乡镇", styles.totalLabel)
        for (k, cell) in cells.enumerated() { try value(sheet, row, 2 + k, cell: cell, rollup.totals[cell], total: true) }
        return row + 1
    }
}
