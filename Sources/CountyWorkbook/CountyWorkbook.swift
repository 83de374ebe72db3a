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

    /// Writes the workbook to `path` (overwriting it), starting before the rules have run:
    /// 乡镇明细 (every township × every cell, most of the workbook) needs only what
    /// `Rollup.match` decides, so a second thread fills it from `matched` while this one calls
    /// `judging` for the judged rollup and writes every other sheet from that. With
    /// `concurrently` false both run on this thread, one after the other. Rows are streamed in
    /// constant-memory mode, so memory stays flat however many townships there are. `lap` is
    /// called with "write sheets" once every cell is written and "zip xlsx" once the file is
    /// assembled, for `--timings`. Returns the zlib level the file was deflated at.
    @discardableResult
    package static func write(matched: Rollup, judging: () -> Rollup, to path: String, generator: String,
                             temporaryDirectory: String? = nil, concurrently: Bool = true,
                             lap: (String) -> Void = { _ in }) throws -> Int? {
        let wb = try Workbook(path: path, constantMemory: true, temporaryDirectory: temporaryDirectory,
                              compression: compression)
        let styles = Styles(wb)
        let county = matched.county.name
        try wb.setProperties(title: "\(county)\(matched.year)年政府信息公开工作年度报告汇总",
                             subject: "乡镇政府信息公开工作年度报告汇总（统计日期 \(matched.asOf)）",
                             author: generator, company: county,
                             comments: "由 \(generator) 根据各乡镇报告自动生成；每个数字均可追溯到乡镇报告。",
                             created: matched.asOf.utcMidnight)
        let sheets = try sheetNames.map { try wb.addWorksheet($0) }
        try withoutActuallyEscaping(judging) { judging in try wb.writeConcurrently([
            {
                let ctx = Context(rollup: judging(), styles: styles, workbook: wb)
                try OverviewSheet.write(ctx, sheets[0])
                try OfficialTables.writeProactive(ctx, sheets[1])
                try OfficialTables.writeRequests(ctx, sheets[2])
                try OfficialTables.writeAppeals(ctx, sheets[3])
                try StatusSheet.write(ctx, sheets[5])
                try ProblemsSheet.write(ctx, sheets[6])
                try RankingSheet.write(ctx, sheets[7])
                try YearOverYearSheet.write(ctx, sheets[8])
            },
            { try DetailSheet.write(Context(rollup: matched, styles: styles, workbook: wb), sheets[4]) },
        ], concurrently: concurrently) }
        sheets[0].activate()
        lap("write sheets")
        try wb.close()
        lap("zip xlsx")
        return wb.deflateLevel
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
