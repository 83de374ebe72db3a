/// A report as text copied out of a browser, Word or a PDF viewer: paragraphs between blank lines,
/// and tables flattened in one of the shapes such copies take (see `PublishedStyle.TextShape`).
enum FlatText {
    static func render(_ r: PublishedReport, shape: PublishedStyle.TextShape) -> String {
        var out = ""
        out.reserveCapacity(16 * 1024)
        for block in r.outline() {
            switch block {
            case .title(let t):
                // Copies from PDFs often break the title after the unit's name.
                if shape == .spaces || shape == .cellPerLine, let cut = t.range(of: String(r.year) + "年") {
                    out += t[..<cut.lowerBound]; out += "\n\n"; out += t[cut.lowerBound...]; out += "\n\n"
                } else {
                    out += t; out += "\n\n"
                }
            case .heading(let s), .paragraph(let s):
                out += s; out += "\n\n"
            case .table(let t):
                table(t, shape: shape, variant: r.variant, into: &out)
                out += "\n"
            case .signature(let issuer, let date):
                out += issuer; out += "\n"
                if let date { out += date; out += "\n" }
            }
        }
        return out
    }

    static func table(_ t: GridTable, shape: PublishedStyle.TextShape, variant: UInt64, into out: inout String) {
        switch shape {
        case .tabs:
            for line in t.placement() {
                var first = true
                for slot in line {
                    if !first { out += "\t" }
                    first = false
                    if let cell = slot.cell, let text = cell.text { out += text }
                    for _ in 1..<max(1, slot.colspan) { out += "\t" }
                }
                out += "\n"
            }
        case .cellPerLine, .pipeLines:
            let pipes = shape == .pipeLines
            for row in t.rows {
                for cell in row {
                    if let text = cell.text {
                        if cell.header && !pipes { out += splitHeader(text) } else { out += text }
                    } else if !pipes {
                        out += "/"
                    }
                    out += "\n"
                    if pipes { out += "|\n" }
                }
            }
        case .spaces:
            // Columns as wide as their widest single-column cell; wide cells spill over, as copies do.
            var width = [Int](repeating: 4, count: t.columns)
            for line in t.placement() {
                for slot in line where slot.colspan == 1 {
                    if let text = slot.cell?.text { width[slot.column] = max(width[slot.column], displayWidth(text)) }
                }
            }
            var start = [0]
            for c in 0..<t.columns { start.append(start[c] + width[c] + 2) }
            let pad: Character = variant & 16 == 0 ? " " : "\u{00A0}"
            for line in t.placement() {
                var s = ""
                var used = 0
                for slot in line {
                    guard let text = slot.cell?.text else { continue }
                    let pos = start[slot.column]
                    if used > 0 && used + 2 > pos {
                        s += "  "; used += 2
                    } else if pos > used {
                        s += String(repeating: " ", count: pos - used - 1); s.append(used == 0 ? " " : pad); used = pos
                    }
                    s += text
                    used += displayWidth(text)
                }
                out += s; out += "\n"
            }
        }
    }

    /// "商业企业" → "商业\n企业": a narrow header cell wraps its words when copied.
    static func splitHeader(_ text: String) -> String {
        let n = text.count
        guard (4...6).contains(n), !text.contains("（") else { return text }
        let mid = text.index(text.startIndex, offsetBy: n - 2)
        return String(text[..<mid]) + "\n" + String(text[mid...])
    }

    /// Columns a text takes in a monospaced copy: two for CJK and full-width characters.
    static func displayWidth(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars { w += u.value < 0x1100 ? 1 : 2 }
        return w
    }
}
