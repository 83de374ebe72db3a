import Aggregate

/// One cell of a table as the official layout draws it: text (nil = empty), spans, and whether it
/// is a head cell. HTML writes the spans as rowspan/colspan, Word as gridSpan/vMerge.
package struct GridCell: Sendable {
    package var text: String?
    package var colspan = 1
    package var rowspan = 1
    package var header = false
    /// A figure (right-aligned, sometimes split over runs in Word), not a label.
    package var figure = false
}

/// A table in the national format's layout: `rows` hold only the cells that start there, as in HTML.
package struct GridTable: Sendable {
    package var columns: Int
    package var rows: [[GridCell]] = []

    /// For each row, the grid column of each of its cells, and for Word, the covered slots
    /// (a cell merged down from above) as (column, colspan) in grid order.
    package func placement() -> [[(column: Int, cell: GridCell?, colspan: Int, continues: Bool)]] {
        var coveredUntil = [Int](repeating: -1, count: columns)  // last row a rowspan covers
        var coveredSpan = [Int](repeating: 1, count: columns)
        var out: [[(column: Int, cell: GridCell?, colspan: Int, continues: Bool)]] = []
        for (r, row) in rows.enumerated() {
            var line: [(column: Int, cell: GridCell?, colspan: Int, continues: Bool)] = []
            var c = 0
            var k = 0
            while c < columns {
                if coveredUntil[c] >= r {
                    line.append((c, nil, coveredSpan[c], true))
                    c += coveredSpan[c]
                    continue
                }
                guard k < row.count else { break }
                let cell = row[k]
                k += 1
                if cell.rowspan > 1 {
                    coveredUntil[c] = r + cell.rowspan - 1
                    coveredSpan[c] = cell.colspan
                }
                line.append((c, cell, cell.colspan, false))
                c += cell.colspan
            }
            out.append(line)
        }
        return out
    }
}

/// The three tables of sections 二, 三 and 四 in the official layout, built from `Catalog`.
enum OfficialLayout {
    static func head(_ text: String, colspan: Int = 1, rowspan: Int = 1) -> GridCell {
        GridCell(text: text, colspan: colspan, rowspan: rowspan, header: true)
    }
    static func label(_ text: String, colspan: Int = 1, rowspan: Int = 1) -> GridCell {
        GridCell(text: text, colspan: colspan, rowspan: rowspan)
    }
    static func figure(_ text: String?, colspan: Int = 1) -> GridCell {
        GridCell(text: text, colspan: colspan, figure: true)
    }

    /// 二: one four-column table; each clause heads its rows, then 信息内容 and the column labels.
    static func proactive(_ r: PublishedReport) -> GridTable {
        var t = GridTable(columns: 4)
        if r.edition2019 {
            var clause: String?
            for row in r.proactive2019 {
                let c = PublishedReport.clauses2019[row.label]
                if c != clause || t.rows.isEmpty {
                    clause = c
                    if let c { t.rows.append([head(c, colspan: 4)]) }
                    t.rows.append([head(FormatWords.contentHeader)] + PublishedReport.columns2019.map { head($0) })
                }
                if row.cells.count == 1 {
                    t.rows.append([label(row.label), figure(row.cells[0], colspan: 3)])
                } else {
                    t.rows.append([label(row.label)] + row.cells.map { figure($0) })
                }
            }
            return t
        }
        var group: String?
        for row in Catalog.section(.proactive).rows {
            if row.group != group {
                group = row.group
                t.rows.append([head(row.group ?? "", colspan: 4)])
                if row.columns.count == 1 {
                    t.rows.append([head(FormatWords.contentHeader), head(row.columns[0].label, colspan: 3)])
                } else {
                    t.rows.append([head(FormatWords.contentHeader)] + row.columns.map { head($0.label) })
                }
            }
            if row.columns.count == 1 {
                t.rows.append([label(row.label), figure(r.cells[row.firstCell], colspan: 3)])
            } else {
                t.rows.append([label(row.label)] + row.columns.indices.map { figure(r.cells[row.firstCell + $0]) })
            }
        }
        return t
    }

    /// 三: three label columns and seven figure columns; the corner merged 3×3, 申请人情况 over seven,
    /// 法人或其他组织 over five, 三、本年度办理结果 and （三）… merged down their rows.
    static func requests(_ r: PublishedReport) -> GridTable {
        let cols = Catalog.applicantColumns
        var t = GridTable(columns: 3 + cols.count)
        t.rows.append([head(FormatWords.requestsCorner, colspan: 3, rowspan: 3), head(FormatWords.applicants, colspan: cols.count)])
        t.rows.append([head(cols[0].label, rowspan: 2), head(FormatWords.organisations, colspan: cols.count - 2),
                       head(cols[cols.count - 1].label, rowspan: 2)])
        t.rows.append(cols[1..<(cols.count - 1)].map { head($0.label) })
        let rows = Catalog.section(.requests).rows
        let outer = rows.firstIndex { $0.group?.hasPrefix("三、") == true } ?? 0
        let outerEnd = rows.lastIndex { $0.group?.hasPrefix("三、") == true } ?? 0
        var i = 0
        while i < rows.count {
            let row = rows[i]
            var line: [GridCell] = []
            if i == outer { line.append(label(row.group ?? "", rowspan: outerEnd - outer + 1)) }
            if let g = row.group, g.hasPrefix("（") {
                let n = rows[i...].prefix { $0.group == g }.count
                line.append(label(g, rowspan: n))
                line.append(label(row.label))
                for j in 0..<n {
                    let leaf = rows[i + j]
                    if j > 0 { line = [label(leaf.label)] }
                    line += leaf.columns.indices.map { figure(r.cells[leaf.firstCell + $0]) }
                    t.rows.append(line)
                }
                i += n
                continue
            }
            let inside = (outer...outerEnd).contains(i)
            line.append(label(row.label, colspan: inside ? 2 : 3))
            line += row.columns.indices.map { figure(r.cells[row.firstCell + $0]) }
            t.rows.append(line)
            i += 1
        }
        return t
    }

    /// 四: 行政复议 over five, 行政诉讼 over ten split in two groups of five, then the fifteen figures.
    static func appeals(_ r: PublishedReport) -> GridTable {
        let rows = Catalog.section(.appeals).rows
        let cols = Catalog.appealColumns
        let n = cols.count
        var t = GridTable(columns: n * rows.count)
        var top: [GridCell] = []
        var second: [GridCell] = []
        var third: [GridCell] = []
        var group: String?
        for row in rows {
            if let g = row.group {
                if g != group {
                    top.append(head(g, colspan: n * rows.filter { $0.group == g }.count))
                    group = g
                }
                second.append(head(row.label, colspan: n))
                third += cols.map { head($0.label) }
            } else {
                top.append(head(row.label, colspan: n))
                second += cols.map { head($0.label, rowspan: 2) }
            }
        }
        t.rows = [top, second, third]
        var figures: [GridCell] = []
        for row in rows { figures += cols.indices.map { figure(r.cells[row.firstCell + $0]) } }
        t.rows.append(figures)
        return t
    }
}
