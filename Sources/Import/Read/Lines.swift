/// A document as the reader walks it: one `Line` per paragraph or per table row, and the cells
/// of a line as `Token`s once a table region asks for them.
struct Line {
    enum Kind { case paragraph, gridRow }
    let kind: Kind
    /// The paragraph's text, or a grid row's cells joined by tabs (for prose and headings).
    let text: String
    /// A paragraph's place; for a grid row, its table's place (the row's and its cells' places
    /// are built from it only when shown: most cells never are).
    let origin: String
    /// For a grid row: its cells (merged cells once, where they start) and their grid columns.
    let cells: [(text: String, column: Int)]
    /// For a grid row: which table of the document, and which row of it.
    let table: Int
    let row: Int
    /// For a grid row: every grid position's text, merged cells spread out.
    var spread: [String] = []

    var place: String { kind == .gridRow ? "\(origin), row \(row + 1)" : origin }
    /// A grid row's cell's place ("table 2, row 3, column 4").
    func cellPlace(_ column: Int) -> String { "\(origin), row \(row + 1), column \(column + 1)" }
}

struct Token {
    let raw: String
    let value: CellValue
    /// A text token's place; a grid cell's table's place (see `place`).
    let origin: String
    /// For grid cells: the table, row and grid column; -1 for text.
    let table: Int
    let row: Int
    let column: Int
    /// Label matching form, for text tokens.
    let key: String
    let enumerated: Bool

    /// A token of a text line, at `place`.
    init(_ raw: Substring, place: String) {
        self.init(raw: String(raw), value: CellValue.parse(raw), origin: place, table: -1, row: -1, column: -1)
    }

    /// A grid row's cell.
    init(cell text: String, of line: Line, column: Int) {
        self.init(raw: text, value: CellValue.parse(text[...]), origin: line.origin, table: line.table, row: line.row, column: column)
    }

    private init(raw: String, value: CellValue, origin: String, table: Int, row: Int, column: Int) {
        self.raw = raw
        self.value = value
        self.origin = origin
        self.table = table
        self.row = row
        self.column = column
        if value == .text {
            let k = TextFold.labelKey(raw[...])
            key = k.key
            enumerated = k.enumerated
        } else {
            key = ""
            enumerated = false
        }
    }

    /// Where the token is, as doubts and notes say it; built only when one is said.
    var place: String { table >= 0 ? "\(origin), row \(row + 1), column \(column + 1)" : origin }
    var isGrid: Bool { table >= 0 }
    var shown: String {
        let t = raw.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        return t.count > 30 ? String(t.prefix(30)) + "…" : t
    }
}

enum Lines {
    static func make(_ document: Document) -> [Line] {
        var lines: [Line] = []
        var tableNumber = 0
        for block in document.blocks {
            switch block {
            case .paragraph(let p):
                if !p.text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                    lines.append(Line(kind: .paragraph, text: p.text, origin: p.place, cells: [], table: -1, row: -1))
                    continue
                }
                // "\r\n" is one Character: split on any line end.
                let pieces = p.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
                for (k, piece) in pieces.enumerated() {
                    let place = k == 0 ? p.place : "\(p.place) (+\(k))"
                    lines.append(Line(kind: .paragraph, text: String(piece), origin: place, cells: [], table: -1, row: -1))
                }
            case .table(let t):
                for (r, row) in t.rows.enumerated() {
                    var cells: [(text: String, column: Int)] = []
                    cells.reserveCapacity(row.count)
                    var filled = 0, lastFilled = 0
                    for (c, cell) in row.enumerated() where cell.origin == GridPosition(row: r, column: c) {
                        if cell.text.unicodeScalars.contains(where: { !TextFold.isSpace($0) }) { filled += 1; lastFilled = cells.count }
                        cells.append((cell.text, c))
                    }
                    // A layout table's single cell holding running text (a page shell around the
                    // article): its lines are paragraphs, not a table row.
                    if filled == 1, cells[lastFilled].text.includes("\n") || cells[lastFilled].text.unicodeScalars.count > 80 {
                        let only = cells[lastFilled]
                        let place = "\(t.place), row \(r + 1), column \(only.column + 1)"
                        for (k, piece) in only.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).enumerated() {
                            lines.append(Line(kind: .paragraph, text: String(piece), origin: "\(place) (+\(k))", cells: [], table: -1, row: -1))
                        }
                        continue
                    }
                    lines.append(Line(kind: .gridRow, text: cells.map(\.text).joined(separator: "\t"),
                                      origin: t.place, cells: cells, table: tableNumber, row: r,
                                      spread: row.map(\.text)))
                }
                tableNumber += 1
            }
        }
        return lines
    }

    /// A page number a PDF viewer or a printout leaves between lines ("- 3 -", "第2页", "2/5").
    static func isPageMarker(_ text: String) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        let s = TextFold.folded(text[...]).filter { $0 != " " }
        guard !s.isEmpty, s.count <= 12, s.contains(where: TextFold.isDigit) else { return false }
        let rest = s.filter { !TextFold.isDigit($0) }
        let str = String(String.UnicodeScalarView(rest))
        return ["--", "第页", "第页共页", "/", "共页第页", "页"].contains(str)
    }

    /// The cells of a region's lines, in reading order. Text lines are split on tabs, bars or runs
    /// of two or more spaces; a lone bar after a line that ended with one is an empty cell.
    static func tokens(_ lines: ArraySlice<Line>) -> [Token] {
        var out: [Token] = []
        var lastEndedWithBar = false
        for line in lines {
            if line.kind == .gridRow {
                for cell in line.cells {
                    out.append(Token(cell: cell.text, of: line, column: cell.column))
                }
                lastEndedWithBar = false
                continue
            }
            let folded = line.text.trimmingSpaces()
            if folded.isEmpty || isPageMarker(folded) { continue }
            if folded.allSatisfy({ $0 == "|" || $0 == "｜" || $0 == " " || $0 == "\u{3000}" }) {
                if lastEndedWithBar { out.append(Token(""[...], place: line.place)) }
                lastEndedWithBar = true
                continue
            }
            for piece in split(folded) {
                for part in splitNumbers(piece) { out.append(Token(part, place: line.place)) }
            }
            lastEndedWithBar = folded.hasSuffix("|") || folded.hasSuffix("｜")
        }
        return out
    }

    /// A text line's cells: split on bars (| ｜), else tabs, else runs of two or more spaces (any
    /// kind); found on the UTF-8 bytes.
    static func split(_ s: String) -> [Substring] {
        let u = s.utf8
        let bytes = Array(u)
        func sub(_ a: Int, _ b: Int) -> Substring { s[u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: b)] }
        /// Width of a space at byte i (0 if none): ASCII space, U+3000, U+00A0.
        func space(_ i: Int) -> Int {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 { return 1 }
            if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return 3 }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
            return 0
        }
        func bar(_ i: Int) -> Int {
            if bytes[i] == 0x7C { return 1 }
            if bytes[i] == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBD, bytes[i + 2] == 0x9C { return 3 }
            return 0
        }
        var cuts: [(Int, Int)] = []   // separator byte ranges
        if bytes.indices.contains(where: { bar($0) > 0 }) {
            var i = 0
            while i < bytes.count { let w = bar(i); if w > 0 { cuts.append((i, i + w)); i += w } else { i += 1 } }
        } else if bytes.contains(0x09) {
            for (i, b) in bytes.enumerated() where b == 0x09 { cuts.append((i, i + 1)) }
        } else {
            var i = 0
            while i < bytes.count {
                var j = i, n = 0
                while j < bytes.count { let w = space(j); if w == 0 { break }; j += w; n += 1 }
                if n >= 2 { cuts.append((i, j)) }
                i = j > i ? j : i + 1
            }
        }
        if cuts.isEmpty { return [s[...]] }
        var parts: [Substring] = []
        var start = 0
        for (a, b) in cuts { parts.append(sub(start, a)); start = b }
        parts.append(sub(start, bytes.count))
        if bytes.indices.contains(where: { bar($0) > 0 }) {
            // "| a | b |": the empty edges of a bar-framed line are no cells; tabs inside a cell split it.
            if let f = parts.first, f.unicodeScalars.allSatisfy(TextFold.isSpace), bar(0) > 0 || f.isEmpty { parts.removeFirst() }
            if let l = parts.last, l.unicodeScalars.allSatisfy(TextFold.isSpace) { parts.removeLast() }
            return parts.flatMap { p -> [Substring] in p.utf8.contains(0x09) ? p.split(separator: "\t", omittingEmptySubsequences: false) : [p] }
        }
        return parts
    }

    /// "予以公开 0 0 0" (a PDF's single spaces): a label followed by numbers split into its cells;
    /// any other text with single spaces ("结果 维持") stays one cell.
    static func splitNumbers(_ piece: Substring) -> [Substring] {
        // Most cells hold no space at all.
        guard piece.unicodeScalars.contains(where: TextFold.isSpace) else { return [piece] }
        let words = piece.split(whereSeparator: { TextFold.isSpaceCharacter($0) })
        guard words.count >= 2 else { return [piece] }
        var k = words.count
        scan: while k > 0 {
            switch CellValue.parse(words[k - 1]) {
            case .count, .decimal, .dash: k -= 1
            default: break scan
            }
        }
        if k == words.count { return [piece] }
        if k == 0 { return Array(words) }
        // The label part may hold a group label and a row label ("（三）不予公开 1.属于国家秘密"):
        // a word that starts with an enumerator starts a new cell.
        var cells: [Substring] = []
        var start = words[0].startIndex
        for w in words[1..<k] where TextFold.enumeratorLength(TextFold.folded(w)) > 0 {
            cells.append(piece[start..<w.startIndex])
            start = w.startIndex
        }
        cells.append(piece[start..<words[k].startIndex])
        return cells + words[k...]
    }
}

extension String {
    func trimmingSpaces() -> String {
        let s = unicodeScalars
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi, TextFold.isSpace(s[lo]) { lo = s.index(after: lo) }
        while hi > lo, TextFold.isSpace(s[s.index(before: hi)]) { hi = s.index(before: hi) }
        return String(s[lo..<hi])
    }
}
