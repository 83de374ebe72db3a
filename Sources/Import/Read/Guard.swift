import Aggregate

/// Guarded reading: the format's arithmetic (R1–R4) tells a misread from a township's own error.
/// When the breaks form a pattern that a shifted row or a shifted column explains, the table
/// was read wrong, and the file is unreadable rather than a wall of errors blamed on the township.
extension ReadState {
    typealias Matrix = [[Int64?]]

    static let requestRows = Catalog.section(.requests).rows
    static let resultTotalRow = Catalog.rowIndex(.requests, "resultTotal")
    static let carriedForwardRow = Catalog.rowIndex(.requests, "carriedForward")

    func requestMatrix() -> Matrix {
        Self.requestRows.map { row in (0..<row.columns.count).map { values[row.firstCell + $0] } }
    }

    /// Failed and evaluated checks of R1–R3 over a Section 三 matrix (cells not stated are skipped).
    static func failures(_ m: Matrix) -> (failed: Int, evaluated: Int, failedRows: [Int]) {
        var failed = 0, evaluated = 0
        var failedRows: [Int] = []
        let cols = m.first?.count ?? 7
        // R3 per row.
        for (r, row) in m.enumerated() {
            let parts = row.prefix(cols - 1)
            guard let total = row[cols - 1], parts.allSatisfy({ $0 != nil }) else { continue }
            evaluated += 1
            if parts.reduce(0, { $0 + $1! }) != total { failed += 1; failedRows.append(r) }
        }
        for c in 0..<cols {
            // R2 per column.
            let leaves = (Catalog.rowIndex(.requests, "disclosed")..<resultTotalRow).map { m[$0][c] }
            if let t = m[resultTotalRow][c], leaves.allSatisfy({ $0 != nil }) {
                evaluated += 1
                if leaves.reduce(0, { $0 + $1! }) != t { failed += 1 }
            }
            // R1 per column.
            if let a = m[0][c], let b = m[1][c], let x = m[resultTotalRow][c], let y = m[carriedForwardRow][c] {
                evaluated += 1
                if a + b != x + y { failed += 1 }
            }
        }
        return (failed, evaluated, failedRows)
    }

    func rowLabel(_ r: Int) -> String {
        let row = Self.requestRows[r]
        if let g = row.group, g.hasPrefix("（") { return "\(g)\(row.label)" }
        return row.label
    }

    mutating func guardArithmetic() throws(Unreadable) {
        let m = requestMatrix()
        let original = Self.failures(m)
        if original.failed >= 2 {
            let n = m.count
            // A dropped all-zero row: from some row on, each label got the figures of the row
            // below it, and the last label none (or zeros).
            if m[n - 1].allSatisfy({ $0 == nil || $0 == 0 }) {
                for k in 0..<(n - 1) {
                    let zeros: [Int64?] = Array(repeating: 0, count: m[k].count)
                    let shifted = Array(m[0..<k]) + [zeros] + Array(m[k..<(n - 1)])
                    let f = Self.failures(shifted)
                    if f.failed == 0 && f.evaluated >= max(7, original.evaluated) {
                        let rows = (k..<n).map(rowLabel)
                        throw Unreadable.rowsInDoubt(rows, .downOneRow)
                    }
                }
            }
            // Rows: from some row on, each row's figures belong one row up or down.
            for k in 0..<(n - 1) {
                for d in [1, -1] {
                    // The row that wraps round must be empty (all zero or not stated): a misread
                    // moves an empty row, a township's own figures do not vanish.
                    let wrapped = d == 1 ? m[k] : m[n - 1]
                    guard wrapped.allSatisfy({ $0 == nil || $0 == 0 }) else { continue }
                    var shifted = m
                    let tail = n - k
                    for r in k..<n { shifted[r] = m[k + ((r - k + d + tail) % tail)] }
                    let f = Self.failures(shifted)
                    if f.failed == 0 && f.evaluated >= max(7, original.evaluated) {
                        let rows = (k..<n).map(rowLabel)
                        throw Unreadable.rowsInDoubt(rows, .byOneRow)
                    }
                }
            }
            // Columns: every failing row fits when its figures move one column.
            if original.failedRows.count >= 2 {
                for d in [1, -1] {
                    var shifted = m
                    for r in original.failedRows {
                        let row = m[r]
                        shifted[r] = row.indices.map { row[(($0 + d) % row.count + row.count) % row.count] }
                    }
                    if Self.failures(shifted).failed == 0 {
                        let rows = original.failedRows.map(rowLabel)
                        throw Unreadable.rowsInDoubt(rows, .rowsByOneColumn)
                    }
                }
            }
        }
        // Section 四: all five-cell groups failing the same way a one-column shift explains.
        let appeals = Catalog.section(.appeals)
        let cells = appeals.cellRange.map { values[$0] }
        guard cells.allSatisfy({ $0 != nil }) else { return }
        let flat = cells.map { $0! }
        func fails(_ v: [Int64]) -> Int {
            (0..<3).filter { g in v[g * 5..<g * 5 + 4].reduce(0, +) != v[g * 5 + 4] }.count
        }
        if fails(flat) >= 2 {
            for d in [1, -1] {
                let shifted = flat.indices.map { flat[(($0 + d) % 15 + 15) % 15] }
                if fails(shifted) == 0 {
                    throw Unreadable.rowsInDoubt(["行政复议", "未经复议直接起诉", "复议后起诉"], .byOneColumn)
                }
            }
        }
    }
}
