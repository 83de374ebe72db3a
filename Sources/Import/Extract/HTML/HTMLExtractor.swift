/// An HTML page as a portal publishes it: the whole shell (navigation, info line, footer) comes
/// out as paragraphs in document order, every table as a grid; the reader decides what matters.
/// The page is decoded first (`TextDecoding`), whatever its own meta tag says, then read by
/// `HTMLParser` (no recursion: a page may nest 100,000 tags).
enum HTMLExtractor {
    static func document(_ bytes: [UInt8]) throws(ExtractError) -> Document {
        let declared = CharsetDeclaration.find(in: bytes)
        let utf8 = try TextDecoding.utf8(bytes, declaredCharset: declared)
        guard !utf8.isEmpty else { return Document(format: .html, blocks: []) }
        var walker = utf8.withUnsafeBufferPointer { input in
            var parser = HTMLParser(input, walker: HTMLWalker())
            parser.run()
            return parser.walker
        }
        if let error = walker.error { throw error }
        walker.breakParagraph()
        return try walker.builder.finish(format: .html)
    }
}

/// The charset a page declares in its first bytes: `<meta charset="gb2312">`,
/// `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`, `<?xml … encoding="…"?>`.
enum CharsetDeclaration {
    static func find(in bytes: [UInt8]) -> String? {
        let n = min(bytes.count, 16384)
        let charset = Array("charset".utf8), encoding = Array("encoding".utf8)
        var i = 0
        // Only a meta tag's or the XML declaration's word counts (not a script's charset=).
        var tag = 0
        while i < n {
            let b = bytes[i] | 0x20
            if bytes[i] == 0x3C { tag = i }
            if b == 0x63, opens(tag, "<meta", bytes, n), let label = value(after: charset, at: i, in: bytes, limit: n) { return label }
            if b == 0x65, opens(tag, "<?xml", bytes, n), let label = value(after: encoding, at: i, in: bytes, limit: n) { return label }
            i += 1
        }
        return nil
    }

    private static func opens(_ start: Int, _ word: String, _ bytes: [UInt8], _ limit: Int) -> Bool {
        var i = start
        for c in word.utf8 {
            guard i < limit, bytes[i] | (bytes[i] >= 0x41 && bytes[i] <= 0x5A ? 0x20 : 0) == c else { return false }
            i += 1
        }
        return true
    }

    private static func value(after word: [UInt8], at start: Int, in bytes: [UInt8], limit: Int) -> String? {
        guard start + word.count < limit else { return nil }
        for k in 0..<word.count where bytes[start + k] | 0x20 != word[k] { return nil }
        var i = start + word.count
        func skipSpaces() { while i < limit && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) { i += 1 } }
        skipSpaces()
        guard i < limit, bytes[i] == 0x3D else { return nil }  // '='
        i += 1
        skipSpaces()
        while i < limit && (bytes[i] == 0x22 || bytes[i] == 0x27) { i += 1 }
        let from = i
        while i < limit, case let c = bytes[i], (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x3A {
            i += 1
        }
        guard i > from else { return nil }
        return String(decoding: bytes[from..<i], as: UTF8.self)
    }
}

/// Follows the parser's events in document order, feeding `DocumentBuilder`.
struct HTMLWalker: HTMLEvents {
    var builder = DocumentBuilder(merging: .html)
    /// Set when the page cannot be read (a table too large); the parser stops.
    var error: ExtractError?
    /// The paragraph being gathered, as UTF-8; runs of ASCII whitespace collapse to one space.
    private var line: [UInt8] = []
    private var pendingSpace = false
    private var preDepth = 0
    private var tableDepth = 0
    /// Open elements inside a skipped one (script, style, hidden…): their events are ignored.
    private var skipDepth = 0

    init() { line.reserveCapacity(1024) }

    var stopped: Bool { error != nil }

    mutating func start(_ name: UInt64, _ attributes: HTMLAttributes) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        let kind = HTMLElement.kind(name)
        if kind == .skip || attributes.hides {
            skipDepth = 1
            return
        }
        switch kind {
        case .skip, .inline:
            break
        case .block, .lineBreak:
            breakParagraph()
        case .pre:
            breakParagraph()
            preDepth += 1
        case .table:
            breakParagraph()
            tableDepth += 1
            builder.beginTable()
        case .caption:
            breakParagraph()
            if tableDepth > 0 { builder.beginCaption() }
        case .row:
            breakParagraph()
            if tableDepth > 0 { builder.beginRow() }
        case .cell:
            breakParagraph()
            if tableDepth > 0 { builder.beginCell(rowSpan: attributes.rowSpan, columnSpan: attributes.columnSpan) }
        }
    }

    mutating func end(_ name: UInt64) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        switch HTMLElement.kind(name) {
        case .skip, .inline:
            break
        case .block, .lineBreak:
            breakParagraph()
        case .pre:
            breakParagraph()
            preDepth = max(0, preDepth - 1)
        case .table:
            breakParagraph()
            guard tableDepth > 0 else { return }
            tableDepth -= 1
            do throws(ExtractError) {
                try builder.endTable()
            } catch {
                if self.error == nil { self.error = error }
            }
        case .caption:
            breakParagraph()
            if tableDepth > 0 { builder.endCaption() }
        case .row:
            breakParagraph()
            if tableDepth > 0 { builder.endRow() }
        case .cell:
            breakParagraph()
            if tableDepth > 0 { builder.endCell() }
        }
    }

    mutating func text(_ content: UnsafeBufferPointer<UInt8>) {
        guard skipDepth == 0 else { return }
        let n = content.count
        var i = 0
        if preDepth > 0 {
            while i < n {
                var j = i
                while j < n && content[j] != 0x0A && content[j] != 0x0D { j += 1 }
                if j > i { line.append(contentsOf: UnsafeBufferPointer(rebasing: content[i..<j])) }
                if j < n && content[j] == 0x0A { breakParagraph() }
                i = j + 1
            }
            return
        }
        while i < n {
            let b = content[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                pendingSpace = !line.isEmpty
                i += 1
                continue
            }
            var j = i + 1
            while j < n, case let c = content[j], c != 0x20 && c != 0x0A && c != 0x09 && c != 0x0D && c != 0x0C { j += 1 }
            if pendingSpace {
                line.append(0x20)
                pendingSpace = false
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: content[i..<j]))
            i = j
        }
    }

    mutating func breakParagraph() {
        pendingSpace = false
        guard !line.isEmpty else { return }
        builder.paragraph(line[...])
        line.removeAll(keepingCapacity: true)
    }
}

/// How the walker treats an element.
enum HTMLElement {
    enum Kind { case inline, block, lineBreak, pre, skip, table, caption, row, cell }

    static func kind(_ key: UInt64) -> Kind { kinds[key] ?? .inline }

    private static let kinds = NameTable(kindsByName)

    private static let kindsByName: [UInt64: Kind] = {
        var kinds: [UInt64: Kind] = [:]
        let blocks = """
            address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption \
            figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p section \
            summary tbody thead tfoot ul listing plaintext xmp frameset noframes
            """
        for name in blocks.split(separator: " ") { kinds[HTMLName.key(String(name))] = .block }
        // Not shown as text, or a form control's value.
        let skipped = """
            head script style noscript template title textarea select option optgroup datalist iframe object \
            embed svg math canvas audio video map param source track
            """
        for name in skipped.split(separator: " ") { kinds[HTMLName.key(String(name))] = .skip }
        kinds[HTMLName.key("br")] = .lineBreak
        kinds[HTMLName.key("pre")] = .pre
        kinds[HTMLName.key("table")] = .table
        kinds[HTMLName.key("caption")] = .caption
        kinds[HTMLName.key("tr")] = .row
        kinds[HTMLName.key("td")] = .cell
        kinds[HTMLName.key("th")] = .cell
        return kinds
    }()

    /// True for an inline style that hides the element: display:none, visibility:hidden
    /// (whitespace and case aside; the first 4,096 bytes).
    static func styleHides(_ value: [UInt8]) -> Bool {
        let n = min(value.count, 4096)
        var k = 0
        while k < n {
            let b = value[k] | 0x20
            if (b == 0x64 && matches(displayNone, value, from: k, limit: n)) || (b == 0x76 && matches(visibilityHidden, value, from: k, limit: n)) {
                return true
            }
            k += 1
        }
        return false
    }

    /// Whether `needle` (lower case, no spaces) starts at `from`, ignoring case and whitespace.
    private static func matches(_ needle: [UInt8], _ value: [UInt8], from: Int, limit: Int) -> Bool {
        var k = from
        for c in needle {
            while k < limit && (value[k] == 0x20 || value[k] == 0x09 || value[k] == 0x0A || value[k] == 0x0D) { k += 1 }
            guard k < limit, value[k] | (value[k] >= 0x41 && value[k] <= 0x5A ? 0x20 : 0) == c else { return false }
            k += 1
        }
        return true
    }

    private static let displayNone = Array("display:none".utf8)
    private static let visibilityHidden = Array("visibility:hidden".utf8)

    /// An attribute's leading decimal integer ("2", " 3 ", "2px"); `default` when it has none.
    /// Values past 1,000,000 stop there (the grid clamps spans further).
    static func integer(_ value: [UInt8], default fallback: Int) -> Int {
        var i = 0
        while i < value.count && (value[i] == 0x20 || value[i] == 0x09 || value[i] == 0x0A || value[i] == 0x0D) { i += 1 }
        var number = 0, digits = 0
        while i < value.count, case let b = value[i], b >= 0x30 && b <= 0x39 {
            if number < 1_000_000 { number = number * 10 + Int(b - 0x30) }
            digits += 1
            i += 1
        }
        return digits == 0 ? fallback : number
    }
}
