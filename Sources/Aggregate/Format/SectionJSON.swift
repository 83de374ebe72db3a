import StrictJSON

extension SectionDef {
    /// The section's cells nested as the contract nests them (row path, then column key), each
    /// leaf made by `leaf` from the cell's index and kind; a nil leaf leaves the cell out. Every
    /// writer of a section (summary.json's totals, the importer, the generator) folds this one tree.
    package func members(_ leaf: (_ cell: Int, _ kind: ValueKind) -> JSONValue?) -> [(String, JSONValue)] {
        var root: [(String, JSONValue)] = []
        for row in rows {
            for (c, col) in row.columns.enumerated() {
                guard let value = leaf(row.firstCell + c, col.kind) else { continue }
                var path = row.path
                if let k = col.key { path.append(k) }
                JSONValue.insert(&root, path[...], value)
            }
        }
        return root
    }
}

extension ValueKind {
    /// A figure as the contract writes it: a count as an integer, an amount as its decimal.
    package func json(_ value: Int64) -> JSONValue {
        self == .tenThousandYuan ? .number(Amount(millionths: value).description) : .integer(value)
    }
}
