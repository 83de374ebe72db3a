/// Collects what a markup walker (HTML, Word) meets, in document order, into blocks: paragraphs
/// go to the open table cell or to the document; a finished table becomes a `Table`, or, when it
/// only lays out the page (it holds another table, or has a single column), its contents come
/// out in order as paragraphs and tables of their own, so nothing is nested or said twice.
struct DocumentBuilder {
    private var items: [Item] = []
    /// The contents of finished layout tables, by index; an `Item.layout` refers to one, so a
    /// page of 20,000 nested layout tables is not copied up 20,000 times.
    private var layouts: [[Item]] = []
    private var tables: [TableDraft] = []
    private var tablesDone = 0
    private let merging: TableGrid.Merging

    init(merging: TableGrid.Merging) {
        self.merging = merging
    }

    /// A paragraph of UTF-8 text; dropped when blank.
    mutating func paragraph(_ utf8: ArraySlice<UInt8>) {
        guard !Whitespace.isBlank(utf8) else { return }
        append(.block(.paragraph(Paragraph(String(decoding: utf8, as: UTF8.self), place: ""))))
    }

    mutating func beginTable() {
        tables.append(TableDraft())
    }

    /// A row; `skipColumns` grid columns before its first cell (Word's w:gridBefore).
    mutating func beginRow(skipColumns: Int = 0) {
        guard !tables.isEmpty else { return }
        tables[tables.count - 1].rows.append(RowDraft(skipColumns: max(0, skipColumns)))
        tables[tables.count - 1].cellOpen = false
    }

    mutating func beginCell(rowSpan: Int = 1, columnSpan: Int = 1, verticalMerge: TableGrid.VerticalMerge = .none) {
        guard !tables.isEmpty else { return }
        let t = tables.count - 1
        if tables[t].rows.isEmpty { tables[t].rows.append(RowDraft(skipColumns: 0)) }
        let cell = CellDraft(rowSpan: rowSpan, columnSpan: columnSpan, verticalMerge: verticalMerge)
        tables[t].rows[tables[t].rows.count - 1].cells.append(cell)
        tables[t].cellOpen = true
    }

    /// A table's caption: its paragraphs come out before the table, not as a row of it.
    mutating func beginCaption() {
        guard !tables.isEmpty else { return }
        tables[tables.count - 1].captionOpen = true
    }

    mutating func endCaption() {
        guard !tables.isEmpty else { return }
        tables[tables.count - 1].captionOpen = false
    }

    mutating func endCell() {
        guard !tables.isEmpty else { return }
        tables[tables.count - 1].cellOpen = false
    }

    mutating func endRow() {
        endCell()
    }

    mutating func endTable() throws(ExtractError) {
        guard let draft = tables.popLast() else { return }
        tablesDone += 1
        let table = try TableGrid.table(draft, merging: merging, number: tablesDone)
        for item in draft.caption { append(item) }
        if draft.containsTable || table.rows.first.map({ $0.count <= 1 }) ?? true {
            // A layout table: its contents, in order, as blocks of their own.
            var contents: [Item] = []
            for row in draft.rows {
                for cell in row.cells { contents.append(contentsOf: cell.items) }
            }
            layouts.append(contents)
            append(.layout(layouts.count - 1))
        } else {
            append(.block(.table(table)))
        }
    }

    /// The document, with places numbered in reading order: "paragraph N", "table N".
    mutating func finish(format: SourceFormat) throws(ExtractError) -> Document {
        while !tables.isEmpty { try endTable() }
        // Layout tables spread out in place, without recursion.
        var blocks: [Block] = []
        var pending: [IndexingIterator<[Item]>] = [items.makeIterator()]
        while !pending.isEmpty {
            guard let item = pending[pending.count - 1].next() else {
                pending.removeLast()
                continue
            }
            switch item {
            case .block(let block): blocks.append(block)
            case .layout(let index): pending.append(layouts[index].makeIterator())
            }
        }
        var paragraphs = 0, tableCount = 0
        for i in blocks.indices {
            switch blocks[i] {
            case .paragraph(var p):
                paragraphs += 1
                p.place = "paragraph \(paragraphs)"
                blocks[i] = .paragraph(p)
            case .table(var t):
                tableCount += 1
                t.place = "table \(tableCount)"
                blocks[i] = .table(t)
            }
        }
        return Document(format: format, blocks: blocks)
    }

    private mutating func append(_ item: Item) {
        guard !tables.isEmpty else {
            items.append(item)
            return
        }
        let t = tables.count - 1
        if tables[t].captionOpen {
            tables[t].caption.append(item)
            return
        }
        if !tables[t].cellOpen {
            // Text loose in a table or row: a cell of its own.
            if tables[t].rows.isEmpty { tables[t].rows.append(RowDraft(skipColumns: 0)) }
            tables[t].rows[tables[t].rows.count - 1].cells.append(CellDraft())
            tables[t].cellOpen = true
        }
        switch item {
        case .block(.table), .layout: tables[t].containsTable = true
        case .block(.paragraph): break
        }
        let r = tables[t].rows.count - 1
        let c = tables[t].rows[r].cells.count - 1
        tables[t].rows[r].cells[c].items.append(item)
    }
}

extension DocumentBuilder {
    /// A block, or the contents of a finished layout table (an index into `layouts`).
    enum Item {
        case block(Block)
        case layout(Int)
    }
}

/// A table as read, before its merged cells are spread over the grid.
struct TableDraft {
    var rows: [RowDraft] = []
    var cellOpen = false
    var containsTable = false
    var captionOpen = false
    var caption: [DocumentBuilder.Item] = []
}

struct RowDraft {
    var skipColumns: Int
    var cells: [CellDraft] = []
}

struct CellDraft {
    var rowSpan = 1
    var columnSpan = 1
    var verticalMerge = TableGrid.VerticalMerge.none
    /// Its paragraphs (and, in a layout table, nested tables), in order.
    var items: [DocumentBuilder.Item] = []

    /// The cell's text: its paragraphs joined by "\n".
    var text: String {
        var parts: [String] = []
        for case .block(.paragraph(let p)) in items { parts.append(p.text) }
        return parts.count == 1 ? parts[0] : parts.joined(separator: "\n")
    }
}
