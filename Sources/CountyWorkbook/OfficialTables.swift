import Aggregate
import XLSX

/// Sections 二, 三 and 四 laid out cell by cell as 国办公开办函〔2021〕30号 prints them (the
/// merged headers included), filled with the county totals, so the office can paste them into
/// its own report. Beside each table a grey column says how many townships' figures went into
/// each row; below it, each township's figures and the 县合计 line.
enum OfficialTables {
    static let coverageLabel = "填报乡镇数"

    /// Townships whose report states every cell of the row.
    static func rowCoverage(_ r: Rollup, _ def: RowDef) -> Int {
        (0..<def.columns.count).map { r.cellCoverage[def.firstCell + $0] }.min() ?? 0
    }

    /// A column header for one cell: row and column label joined.
    static func shortLabel(_ cell: CellDef) -> String {
        let def = Catalog.section(cell.section).rows[cell.row]
        let col = def.columns[cell.column]
        let rowLabel = Rules.rowTitle(cell.section, def)
        return col.key == nil ? rowLabel : "\(rowLabel)·\(col.label)"
    }
}
