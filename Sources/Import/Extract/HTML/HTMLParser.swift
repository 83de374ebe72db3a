import CLibXML2

/// The HTML parser the extractor reads pages with, written for speed: libxml2's HTML parser
/// cost more than everything else in extracting a page. It reads what the walker needs — tags
/// with their hidden/style/rowspan/colspan attributes, text with entities decoded, `<br>` —
/// skips comments, doctype, processing instructions, and script and style as raw text. Its
/// open-element stack follows libxml2 2.9's recovery rules (start tags that close others, end
/// tags that close only what they outrank, implied html/head/body/p, void elements), so pages,
/// broken ones included, read as they did under libxml2. No recursion: any depth of nesting.
struct HTMLParser<Events: HTMLEvents> {
    private let input: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// Open elements, as `HTMLName` keys, innermost last.
    private var open: [UInt64] = []
    /// How many open elements hash to each slot: an end tag for no open element is ignored
    /// without a walk down the stack (100,000 stray end tags must not cost 100,000 walks each).
    private var openByHash = [Int32](repeating: 0, count: 256)
    /// A head or body was opened once (libxml2 implies neither a second time).
    private var sawHead = false
    private var sawBody = false
    /// Misplaced html/head/body start tags ignored, whose end tags are ignored in turn.
    private var discarded = 0
    private(set) var walker: Events
    /// An attribute value with its entities decoded, reused.
    private var value: [UInt8] = []
    private var lastName: UInt64 = 0

    init(_ input: UnsafeBufferPointer<UInt8>, walker: Events) {
        self.input = input
        self.walker = walker
        open.reserveCapacity(64)
    }

    /// Parses the whole input, feeding the walker; stops early when the walker has an error.
    mutating func run() {
        let n = input.count
        prologue()
        while i < n && !walker.stopped {
            let top = open.last ?? 0
            let b = input[i]
            if b == 0x3C {  // '<'
                let next = i + 1 < n ? input[i + 1] : 0
                if next == 0x2F {  // '/'
                    endTag()
                } else if top == HTMLName.script || top == HTMLName.style {
                    // A tag that closes the element (noscript a script, body a style) ends
                    // it when it comes first; else everything up to the end tag is raw text.
                    if HTMLName.isLetter(next), case let save = i, peekName(), HTMLName.closes(lastName, top) {
                        i = save
                        autoClose(lastName)
                    } else {
                        rawText(top)
                    }
                } else if HTMLName.isLetter(next) {
                    startTag()
                } else if next == 0x21 && looksAt("<!--") {
                    comment()
                } else if next == 0x21 && looksAtIgnoringCase("<!doctype") {
                    doctype()
                    // As libxml2, which looks for end tags only before a misplaced doctype.
                    if at(0x3C) && i + 1 < n && (input[i + 1] == 0x2F || looksAtIgnoringCase("<!doctype")) {
                        emit(i, i + 1, checkParagraph: false)
                        i += 1
                    }
                } else if next == 0x3F {
                    processingInstruction()
                } else {
                    emit(i, i + 1, checkParagraph: false)
                    i += 1
                }
            } else if top == HTMLName.script || top == HTMLName.style {
                rawText(top)
            } else if b == 0x26 {  // '&'
                reference()
            } else {
                characters()
            }
        }
        while let top = open.popLast(), !walker.stopped { walker.end(top) }
    }

    // MARK: - Markup

    /// `<name attributes…>`, `<name …/>`; the name starts with an ASCII letter.
    private mutating func startTag() {
        i += 1
        let key = name()
        autoClose(key)
        checkImplied(key)
        let discard = (key == HTMLName.html && !open.isEmpty) || (key == HTMLName.head && open.count != 1)
            || (key == HTMLName.body && openByHash[HTMLParser.slot(HTMLName.body)] > 0 && open.contains(HTMLName.body))
        if discard { discarded += 1 }
        let attributes = self.attributes()
        if !discard {
            push(key)
            walker.start(key, attributes)
        }
        // As libxml2: a discarded tag's "/>" or missing ">" applies to the element open now.
        guard let current = discard ? open.last : key else {
            if at(0x3E) { i += 1 }
            return
        }
        if at(0x2F) && i + 1 < input.count && input[i + 1] == 0x3E {
            i += 2
            walker.end(current)
            pop()
            return
        }
        guard at(0x3E) else {
            // The tag never ends (end of input): the element is dropped without an end.
            if open.last == current { pop() }
            return
        }
        i += 1
        if HTMLName.isVoid(current) {
            walker.end(current)
            pop()
        }
    }

    /// The attributes up to `>` or `/>`, keeping what the walker needs (the first of each name).
    private mutating func attributes() -> HTMLAttributes {
        var found = HTMLAttributes()
        var seen: UInt8 = 0
        skipBlanks()
        let n = input.count
        while i < n, case let c = input[i], c != 0x3E, !(c == 0x2F && i + 1 < n && input[i + 1] == 0x3E) {
            let start = i
            if HTMLName.startsName(c) {
                let key = name()
                skipBlanks()
                var hasValue = false
                let wanted = HTMLName.attributeBit(key)
                if at(0x3D) {  // '='
                    i += 1
                    skipBlanks()
                    hasValue = true
                    attributeValue(decode: wanted != 0 && seen & wanted == 0)
                }
                if wanted != 0 && seen & wanted == 0 {
                    seen |= wanted
                    switch key {
                    case HTMLName.hidden: found.hides = true
                    case HTMLName.style: if hasValue && HTMLElement.styleHides(value) { found.hides = true }
                    case HTMLName.rowspan: found.rowSpan = hasValue ? HTMLElement.integer(value, default: 1) : 1
                    default: found.columnSpan = hasValue ? HTMLElement.integer(value, default: 1) : 1
                    }
                }
            } else {
                // Not an attribute: dropped up to the next blank or the tag's end.
                while i < n, case let d = input[i], !isBlank(d), d != 0x3E, !(d == 0x2F && i + 1 < n && input[i + 1] == 0x3E) {
                    i += 1
                }
            }
            skipBlanks()
            if i == start { break }
        }
        return found
    }

    /// A value, quoted or not; decoded into `value` only when asked (else skipped).
    private mutating func attributeValue(decode: Bool) {
        let n = input.count
        value.removeAll(keepingCapacity: true)
        var stop: UInt8 = 0
        if at(0x22) || at(0x27) {
            stop = input[i]
            i += 1
        }
        let from = i
        while i < n, case let c = input[i], c != stop {
            if stop == 0 && (c == 0x3E || isBlank(c)) { break }
            i += 1
        }
        let to = i
        if stop != 0 && i < n { i += 1 }
        guard decode else { return }
        var k = from
        while k < to {
            if input[k] == 0x26, let (scalar, after) = entity(at: k, limit: to) {
                if let scalar { appendUTF8(scalar, to: &value) }
                k = after
            } else {
                value.append(input[k])
                k += 1
            }
        }
    }

    /// `</name …>`: closes the element and what it outranks above it, or is ignored.
    private mutating func endTag() {
        i += 2
        guard i < input.count, HTMLName.startsName(input[i]) else { return }
        let key = name()
        skipBlanks()
        skipPast(0x3E)
        if discarded > 0 && (key == HTMLName.html || key == HTMLName.body || key == HTMLName.head) {
            discarded -= 1
            return
        }
        guard openByHash[HTMLParser.slot(key)] > 0, let index = open.lastIndex(of: key) else { return }
        let priority = HTMLName.endPriority(key)
        for k in stride(from: open.count - 1, to: index, by: -1) where HTMLName.endPriority(open[k]) > priority { return }
        while open.count > index + 1 { walker.end(pop()) }
        walker.end(pop())
    }

    /// Script or style content, up to `</` and the element's name (its text is not shown).
    private mutating func rawText(_ element: UInt64) {
        let name = element == HTMLName.script ? HTMLName.scriptBytes : HTMLName.styleBytes
        let n = input.count
        while i < n {
            if input[i] == 0x3C && i + 1 < n && input[i + 1] == 0x2F && i + 2 + name.count <= n {
                var k = 0
                while k < name.count && input[i + 2 + k] | 0x20 == name[k] { k += 1 }
                if k == name.count { return }
            }
            i += 1
        }
    }

    /// Before the first element: blanks, comments, processing instructions, one doctype.
    private mutating func prologue() {
        func misc() {
            skipBlanks()
            while looksAt("<!--") || looksAt("<?") {
                if looksAt("<!--") { comment() } else { processingInstruction() }
                skipBlanks()
            }
        }
        misc()
        if looksAtIgnoringCase("<!doctype") { doctype() }
        misc()
    }

    /// `<?target …>`; "<?" alone when no target name follows.
    private mutating func processingInstruction() {
        i += 2
        if i < input.count && (HTMLName.startsName(input[i]) || input[i] >= 0x80) { skipPast(0x3E) }
    }

    /// `<!DOCTYPE name PUBLIC "…" "…">`: its quoted literals may hold `>` (or run to the end).
    private mutating func doctype() {
        i += 9
        skipBlanks()
        while i < input.count && (HTMLName.continuesName(input[i]) || input[i] >= 0x80) { i += 1 }
        skipBlanks()
        if looksAtIgnoringCase("system") {
            i += 6
            skipBlanks()
            literal()
        } else if looksAtIgnoringCase("public") {
            i += 6
            skipBlanks()
            literal()
            skipBlanks()
            literal()
        }
        skipPast(0x3E)
    }

    private mutating func literal() {
        guard at(0x22) || at(0x27) else { return }
        let quote = input[i]
        i += 1
        skipPast(quote)
    }

    /// `<!-- … -->`; unterminated, it runs to the end of the input.
    private mutating func comment() {
        let n = input.count
        // libxml2 reads two characters before looking for "-->", so "<!-->" does not close.
        var k = i + 6
        while k < n && !(input[k] == 0x3E && input[k - 1] == 0x2D && input[k - 2] == 0x2D) { k += 1 }
        i = min(n, k + 1)
    }

    // MARK: - Text

    /// Character data up to the next `<` or `&`; blank runs where libxml2 drops them are dropped.
    private mutating func characters() {
        let n = input.count
        let from = i
        var blank = true, delivered = false
        var j = i
        while j < n, case let c = input[j], c != 0x3C && c != 0x26 {
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                delivered = true
            } else if !HTMLParser.dropped(input, j) {
                delivered = true
                blank = false
            }
            j += 1
        }
        i = j
        guard delivered else { return }
        if blank {
            let top = open.last ?? 0
            if j == n || (input[j] == 0x3C && (top == 0 || top == HTMLName.html || top == HTMLName.head)) { return }
        }
        emit(from, j, checkParagraph: true)
    }

    /// Whether the byte at `k` starts or continues a character libxml2 does not deliver:
    /// control characters other than tab and line ends, U+FFFE and U+FFFF.
    static func dropped(_ input: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        let c = input[k]
        if c < 0x20 { return c != 0x09 && c != 0x0A && c != 0x0D }
        guard c >= 0xBE && c <= 0xEF else { return false }
        if c == 0xEF { return k + 2 < input.count && input[k + 1] == 0xBF && input[k + 2] >= 0xBE && input[k + 2] <= 0xBF }
        if c == 0xBF { return k >= 1 && input[k - 1] == 0xEF && k + 1 < input.count && input[k + 1] >= 0xBE && input[k + 1] <= 0xBF }
        return k >= 2 && input[k - 2] == 0xEF && input[k - 1] == 0xBF
    }

    /// `&name;` or `&#…;`: the character, or the text as written when it is no entity.
    private mutating func reference() {
        guard let (scalar, after) = entity(at: i, limit: input.count) else {
            emit(i, i + 1, checkParagraph: true)
            i += 1
            return
        }
        i = after
        guard let scalar else { return }
        var bytes: [UInt8] = []
        appendUTF8(scalar, to: &bytes)
        checkParagraph()
        bytes.withUnsafeBufferPointer { walker.text($0) }
    }

    /// The entity at `start` (an `&`): nil when what follows is no entity (the `&` is text);
    /// else the character (nil for a character reference libxml2 drops) and where it ends.
    private func entity(at start: Int, limit: Int) -> (Unicode.Scalar?, Int)? {
        var k = start + 1
        guard k < limit else { return nil }
        if input[k] == 0x23 {  // '#'
            k += 1
            var value = 0
            if k < limit && (input[k] == 0x78 || input[k] == 0x58) {
                k += 1
                while k < limit, input[k] != 0x3B, let digit = HTMLName.hexDigit(input[k]) {
                    if value < 0x110000 { value = value * 16 + digit }
                    k += 1
                }
            } else {
                while k < limit, case let c = input[k], c >= 0x30 && c <= 0x39 {
                    if value < 0x110000 { value = value * 10 + Int(c - 0x30) }
                    k += 1
                }
            }
            if k < limit && input[k] == 0x3B { k += 1 }
            let valid = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF)
                || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
            return (valid ? Unicode.Scalar(UInt32(value)) : nil, k)
        }
        guard HTMLName.startsEntityName(input[k]) else { return nil }
        var end = k
        while end < limit && end - k < 32 && HTMLName.continuesEntityName(input[end]) { end += 1 }
        guard end < limit && input[end] == 0x3B, let scalar = HTMLEntities.lookup(input, k, end) else {
            // Not a known entity: "&name" stays as written.
            return nil
        }
        return (scalar, end + 1)
    }

    /// Emits `input[from..<to]` as text, dropping what libxml2 does not deliver (control
    /// characters other than tab and line ends, U+FFFE and U+FFFF).
    private mutating func emit(_ from: Int, _ to: Int, checkParagraph check: Bool) {
        guard to > from else { return }
        if check { checkParagraph() }
        var run = from
        var k = from
        while k < to {
            let c = input[k]
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D {
                flush(run, k)
                run = k + 1
            } else if c == 0xEF && k + 2 < to && input[k + 1] == 0xBF && (input[k + 2] == 0xBE || input[k + 2] == 0xBF) {
                flush(run, k)
                run = k + 3
                k += 2
            }
            k += 1
        }
        flush(run, to)
    }

    private mutating func flush(_ from: Int, _ to: Int) {
        guard to > from else { return }
        walker.text(UnsafeBufferPointer(rebasing: input[from..<to]))
    }

    // MARK: - The open elements (libxml2's rules)

    private mutating func push(_ key: UInt64) {
        if key == HTMLName.head { sawHead = true }
        if key == HTMLName.body { sawBody = true; sawHead = true }
        open.append(key)
        openByHash[HTMLParser.slot(key)] += 1
    }

    @discardableResult
    private mutating func pop() -> UInt64 {
        let key = open.removeLast()
        openByHash[HTMLParser.slot(key)] -= 1
        return key
    }

    private static func slot(_ key: UInt64) -> Int { Int((key &* 0x9E37_79B9_7F4A_7C15) >> 56) }

    /// A start tag closes the open elements it implies the end of, innermost first.
    private mutating func autoClose(_ key: UInt64) {
        while let top = open.last, HTMLName.closes(key, top) {
            walker.end(top)
            pop()
        }
    }

    /// The html, head or body a start tag implies when missing.
    private mutating func checkImplied(_ key: UInt64) {
        if key == HTMLName.html { return }
        if open.isEmpty {
            push(HTMLName.html)
            walker.start(HTMLName.html, HTMLAttributes())
        }
        if key == HTMLName.body || key == HTMLName.head { return }
        if open.count <= 1 && HTMLName.belongsInHead(key) {
            if sawHead { return }
            push(HTMLName.head)
            walker.start(HTMLName.head, HTMLAttributes())
        } else if key != HTMLName.noframes && key != HTMLName.frame && key != HTMLName.frameset {
            if sawBody || sawHead && (open.contains(HTMLName.body) || open.contains(HTMLName.head)) { return }
            push(HTMLName.body)
            walker.start(HTMLName.body, HTMLAttributes())
        }
    }

    /// Text outside any element, or straight in html or head, opens a paragraph (in a body).
    private mutating func checkParagraph() {
        let top = open.last ?? 0
        guard top == 0 || top == HTMLName.html || top == HTMLName.head else { return }
        autoClose(HTMLName.p)
        checkImplied(HTMLName.p)
        push(HTMLName.p)
        walker.start(HTMLName.p, HTMLAttributes())
    }

    // MARK: - Scanning

    /// An element or attribute name at `i` (its first byte checked), as a lower-case key.
    private mutating func name() -> UInt64 {
        let n = input.count
        var key: UInt64 = 0
        var length = 0
        while i < n && length < 100, case let c = input[i], HTMLName.continuesName(c) {
            if length < 8 { key |= UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) << (8 * UInt64(length)) }
            length += 1
            i += 1
        }
        return HTMLName.finish(key, length: length)
    }

    /// The name of the tag at `i` into `lastName` (moves `i`; true for any name).
    private mutating func peekName() -> Bool {
        i += 1
        lastName = name()
        return true
    }

    private func at(_ byte: UInt8) -> Bool { i < input.count && input[i] == byte }

    private func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    private mutating func skipBlanks() {
        while i < input.count && isBlank(input[i]) { i += 1 }
    }

    /// Moves past the next `byte` (or to the end).
    private mutating func skipPast(_ byte: UInt8) {
        while i < input.count && input[i] != byte { i += 1 }
        if i < input.count { i += 1 }
    }

    private func looksAt(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= input.count else { return false }
        let p = word.utf8Start
        for k in 0..<count where input[i + k] != p[k] { return false }
        return true
    }

    private func looksAtIgnoringCase(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= input.count else { return false }
        let p = word.utf8Start
        for k in 0..<count where input[i + k] | (input[i + k] >= 0x41 && input[i + k] <= 0x5A ? 0x20 : 0) != p[k] { return false }
        return true
    }
}

/// What the parser reports, in document order (the extractor's `HTMLWalker`; tests record them).
protocol HTMLEvents {
    mutating func start(_ name: UInt64, _ attributes: HTMLAttributes)
    mutating func end(_ name: UInt64)
    /// Text, never empty; one run of text may come in several calls.
    mutating func text(_ content: UnsafeBufferPointer<UInt8>)
    /// True once the rest of the input is not wanted.
    var stopped: Bool { get }
}

/// What a start tag's attributes say to the walker.
struct HTMLAttributes {
    /// `hidden`, or a style with display:none or visibility:hidden.
    var hides = false
    var rowSpan = 1
    var columnSpan = 1
}

func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
    UTF8.encode(scalar) { out.append($0) }
}

/// Element and attribute names as keys (the first 8 bytes, lower-cased, and the length), and
/// the tables of libxml2 2.9's HTML parser that decide which elements close which.
enum HTMLName {
    static func key(_ name: String) -> UInt64 {
        var key: UInt64 = 0
        var length = 0
        for c in name.utf8 {
            if length < 8 { key |= UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) << (8 * UInt64(length)) }
            length += 1
        }
        return finish(key, length: length)
    }

    /// As `LibXML.nameKey`: names of 8 bytes or more are told apart by their length too.
    static func finish(_ key: UInt64, length: Int) -> UInt64 {
        length < 8 ? key : key ^ (UInt64(length) << 56) ^ 0x8000_0000_0000_0000
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    static func startsName(_ c: UInt8) -> Bool { isLetter(c) || c == 0x5F || c == 0x3A || c == 0x2E }
    static func continuesName(_ c: UInt8) -> Bool {
        isLetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x3A || c == 0x2D || c == 0x5F || c == 0x2E
    }
    static func startsEntityName(_ c: UInt8) -> Bool { isLetter(c) || c == 0x5F || c == 0x3A }
    static func continuesEntityName(_ c: UInt8) -> Bool { continuesName(c) }

    static func hexDigit(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        default: return nil
        }
    }

    // The names the parser itself decides on, as literal keys (a `static let` computed at run
    // time costs a lazy-initialisation check at every use); `HTMLParserTests` checks them.
    static let html: UInt64 = 0x6c6d_7468, head: UInt64 = 0x6461_6568, body: UInt64 = 0x7964_6f62, p: UInt64 = 0x70
    static let script: UInt64 = 0x7470_6972_6373, style: UInt64 = 0x656c_7974_73
    static let noframes: UInt64 = 0xfb65_6d61_7266_6f6e, frame: UInt64 = 0x656d_6172_66, frameset: UInt64 = 0xfc65_7365_6d61_7266
    static let hidden: UInt64 = 0x6e65_6464_6968, rowspan: UInt64 = 0x6e61_7073_776f_72, colspan: UInt64 = 0x6e61_7073_6c6f_63
    static let scriptBytes = Array("script".utf8), styleBytes = Array("style".utf8)

    /// A bit per attribute the walker reads (0 for the others).
    static func attributeBit(_ key: UInt64) -> UInt8 {
        switch key {
        case hidden: return 1
        case style: return 2
        case rowspan: return 4
        case colspan: return 8
        default: return 0
        }
    }

    private static let headElements: Set<UInt64> = Set(["script", "style", "meta", "link", "title", "base"].map(key))
    static func belongsInHead(_ key: UInt64) -> Bool { headElements.contains(key) }

    /// Elements without content (libxml2's `empty`): their end comes with their start.
    private static let voids = NameTable(Dictionary(uniqueKeysWithValues:
        ["area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex", "link", "meta", "param"]
            .map { (key($0), true) }))
    static func isVoid(_ key: UInt64) -> Bool { voids[key] ?? false }

    /// libxml2's end priorities: a misplaced end tag closes only elements of lower or equal rank.
    static func endPriority(_ key: UInt64) -> Int { priorities[key] ?? 100 }
    private static let priorities = NameTable([
        key("div"): 150, key("td"): 160, key("th"): 160, key("tr"): 170, key("thead"): 180, key("tbody"): 180,
        key("tfoot"): 180, key("table"): 190, key("head"): 200, key("body"): 200, key("html"): 220,
    ])

    /// Whether the start of `new` implies the end of the open element `old` (htmlStartClose).
    static func closes(_ new: UInt64, _ old: UInt64) -> Bool {
        guard let olds = closedBy[new] else { return false }
        for k in olds where k == old { return true }
        return false
    }

    /// Each start tag → the elements it closes; from libxml2's (old, new) pairs.
    private static let closedBy: NameTable<[UInt64]> = {
        let table = """
            a: a fieldset table td th
            address: dd dl dt form li ul
            b: center p td th
            big: p
            caption: col colgroup tbody tfoot thead tr
            col: col colgroup tbody tfoot thead tr
            colgroup: colgroup tbody tfoot thead tr
            dd: dt
            dir: dd dl dt form ul
            dl: form li
            dt: dd dl
            font: center td th
            form: form
            h1: fieldset form li p table
            h2: fieldset form li p table
            h3: fieldset form li p table
            h4: fieldset form li p table
            h5: fieldset form li p table
            h6: fieldset form li p table
            head: a abbr acronym address b bdo big blockquote body br center cite code dd dfn dir div dl dt em \
            fieldset font form frameset h1 h2 h3 h4 h5 h6 hr i iframe img kbd li listing map menu ol p pre q s \
            samp small span strike strong sub sup table tt u ul var xmp
            hr: form
            i: center p td th
            legend: fieldset
            li: li
            link: body frameset
            listing: dd dl dt fieldset form li table ul
            menu: dd dl dt form ul
            ol: form
            option: optgroup option
            p: address blockquote body caption center col colgroup dd dir div dl dt fieldset form frameset h1 h2 \
            h3 h4 h5 h6 head hr li listing menu ol p pre table tbody td tfoot th title tr ul xmp
            pre: dd dl dt fieldset form li table ul
            s: p
            script: noscript
            small: p
            span: td th
            strike: p
            style: body frameset
            tbody: tbody tfoot
            td: tbody td tfoot th tr
            tfoot: tbody
            th: tbody td tfoot th tr
            thead: tbody tfoot
            title: body frameset
            tr: tbody tfoot tr
            tt: p
            u: p td th
            ul: address form menu pre
            xmp: dd dl dt fieldset form li table ul
            """
        var closed: [UInt64: [UInt64]] = [:]
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: ":")
            let old = key(String(parts[0]))
            for new in parts[1].split(separator: " ") { closed[key(String(new)), default: []].append(old) }
        }
        return NameTable(closed)
    }()
}

/// HTML 4's named character entities, as libxml2 knows them (its own table, looked up once
/// per name met).
enum HTMLEntities {
    static func lookup(_ input: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Unicode.Scalar? {
        var name = [CChar](repeating: 0, count: to - from + 1)
        for k in from..<to { name[k - from] = CChar(bitPattern: input[k]) }
        let entity = name.withUnsafeBufferPointer { buffer in
            htmlEntityLookup(UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: xmlChar.self))
        }
        guard let entity, entity.pointee.value > 0 else { return nil }
        return Unicode.Scalar(entity.pointee.value)
    }
}
