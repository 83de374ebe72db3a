import Aggregate

/// A published report reduced to what reading it needs: its text in document order, as
/// paragraphs (one line of text each) and tables (a grid with merged cells spread out). Every
/// format's extractor (HTML, Word, PDF, plain text) makes one; the report reader reads only this,
/// so a rule for finding a table or a label is written once for all four formats.
package struct Document: Sendable, Equatable {
    package var format: SourceFormat
    package var blocks: [Block]

    package init(format: SourceFormat, blocks: [Block]) {
        self.format = format
        self.blocks = blocks
    }
}

/// The format a report was published in: declared in Aggregate (a report carries it).
package typealias SourceFormat = Aggregate.SourceFormat

/// One piece of a document, in reading order.
package enum Block: Sendable, Equatable {
    /// A line or paragraph of text (whitespace as in the source; the reader normalises it).
    case paragraph(Paragraph)
    /// A table with its merged cells spread over the grid.
    case table(Table)
}

package struct Paragraph: Sendable, Equatable {
    package var text: String
    /// Where it stands in the source, for messages: "line 12" (text, PDF: "page 2, line 5"),
    /// "paragraph 40" (Word), "p 17" (HTML).
    package var place: String

    package init(_ text: String, place: String) {
        self.text = text
        self.place = place
    }
}

/// A table as a rectangular grid: `rows[r][c]`. A cell merged over several grid positions
/// (rowspan/colspan, gridSpan/vMerge) appears at each of them, with `origin` naming the grid
/// position where it starts, so a reader can tell a merged header from a repeated value.
package struct Table: Sendable, Equatable {
    package var rows: [[Cell]]
    /// "table 3" (the third table of the document), for messages.
    package var place: String

    package init(rows: [[Cell]], place: String) {
        self.rows = rows
        self.place = place
    }
}

package struct Cell: Sendable, Equatable {
    /// The cell's text, its paragraphs joined by "\n"; whitespace as in the source.
    package var text: String
    /// The grid position (row, column) where this cell starts; equal to its own position
    /// unless it is covered by a merged cell.
    package var origin: GridPosition

    package init(_ text: String, origin: GridPosition) {
        self.text = text
        self.origin = origin
    }
}

package struct GridPosition: Sendable, Hashable {
    package var row: Int
    package var column: Int

    package init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}
