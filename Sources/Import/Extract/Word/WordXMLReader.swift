/// Reads word/document.xml when it is what Word writes — well-formed XML 1.0 in UTF-8, no DTD,
/// only the five predefined entities — feeding `WordWalker` as libxml2's SAX2 parser does, at a
/// fraction of its cost (libxml2 was most of a .docx's extraction). It checks what it reads: on
/// anything else (a DOCTYPE, another encoding, a malformed tag, an unbound prefix, nesting past
/// libxml2's 256 levels) `run` returns false, and the caller reads the part with libxml2 instead,
/// which gives the same events or the error to report.
struct WordXMLReader {
    private let input: UnsafeBufferPointer<UInt8>
    private var i = 0
    private(set) var walker: WordWalker
    /// The open elements: their qualified names (ranges of the input), local-name keys,
    /// namespaces, and how many bindings were in scope before them.
    private var open: [(name: Range<Int>, key: UInt64, namespace: WordWalker.Namespace, bindings: Int)] = []
    /// Namespace bindings in scope, innermost last: prefix (empty: the default namespace) →
    /// whether it is bound, and to Word's namespace.
    private var bindings: [(prefix: Range<Int>, kind: WordWalker.Namespace)] = []
    private var attributeNames: [Range<Int>] = []
    /// Their first 7 bytes and length, to tell most names apart without comparing bytes (both
    /// arrays reused from tag to tag; only the first `attributeCount` entries are the tag's).
    private var attributeKeys: [UInt64] = []
    /// The last prefix resolved and what to, while no binding changes (most elements are w:).
    private var cachedPrefix: Range<Int>?
    private var cachedKind = WordWalker.Namespace.none

    /// Below libxml2's limit on element depth without XML_PARSE_HUGE (256): deeper, libxml2 judges.
    private static let maximumDepth = 200

    init(_ input: UnsafeBufferPointer<UInt8>, walker: WordWalker) {
        self.input = input
        self.walker = walker
    }

    /// Reads the whole part; false when it is not the plain XML this reader takes.
    mutating func run() -> Bool {
        guard Self.isPlainUTF8(input) else { return false }
        let n = input.count
        if n >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { i = 3 }
        if looksAt("<?xml") && i + 5 < n && isBlank(input[i + 5]) {
            guard declaration() else { return false }
        }
        var sawRoot = false
        while i < n {
            if walker.error != nil { return true }
            let b = input[i]
            if b == 0x3C {
                let next = i + 1 < n ? input[i + 1] : 0
                if next == 0x2F {
                    guard !open.isEmpty, endTag() else { return false }
                } else if next == 0x21 {
                    if looksAt("<!--") {
                        guard comment() else { return false }
                    } else if looksAt("<![CDATA[") && !open.isEmpty {
                        guard cdata() else { return false }
                    } else {
                        return false  // DOCTYPE, or markup libxml2 must judge
                    }
                } else if next == 0x3F {
                    guard processingInstruction() else { return false }
                } else {
                    if open.isEmpty && sawRoot { return false }  // a second root
                    sawRoot = true
                    guard startTag() else { return false }
                }
            } else if open.isEmpty {
                // Outside the root only whitespace.
                guard isBlank(b) else { return false }
                i += 1
            } else {
                guard characters() else { return false }
            }
        }
        return sawRoot && open.isEmpty
    }

    // MARK: - Markup

    private mutating func startTag() -> Bool {
        i += 1
        guard let name = qualifiedName() else { return false }
        guard open.count < Self.maximumDepth else { return false }
        let bindingsBefore = bindings.count
        // Attributes: namespace declarations first bound, then the element's own.
        var attributeCount = 0
        var valValue: Range<Int>?
        var selfClosing = false
        while true {
            let hadSpace = skipBlanks()
            guard i < input.count else { return false }
            if input[i] == 0x3E {
                i += 1
                break
            }
            if input[i] == 0x2F {
                guard i + 1 < input.count, input[i + 1] == 0x3E else { return false }
                i += 2
                selfClosing = true
                break
            }
            guard hadSpace, let attribute = qualifiedName() else { return false }
            _ = skipBlanks()
            guard i < input.count, input[i] == 0x3D else { return false }
            i += 1
            _ = skipBlanks()
            guard i < input.count, input[i] == 0x22 || input[i] == 0x27 else { return false }
            let quote = input[i]
            i += 1
            let from = i
            while i < input.count && input[i] != quote {
                if input[i] == 0x3C { return false }
                i += 1
            }
            guard i < input.count else { return false }
            let value = from..<i
            i += 1
            let attributeKey = packed(attribute)
            var k = 0
            while k < attributeCount {
                if attributeKeys[k] == attributeKey && equal(attributeNames[k], attribute) { return false }
                k += 1
            }
            if attributeCount == attributeNames.count {
                attributeNames.append(attribute)
                attributeKeys.append(attributeKey)
            } else {
                attributeNames[attributeCount] = attribute
                attributeKeys[attributeCount] = attributeKey
            }
            attributeCount += 1
            if startsWith(attribute, "xmlns") {
                guard let kind = namespace(value) else { return false }
                if attribute.count == 5 {
                    bindings.append((attribute.upperBound..<attribute.upperBound, kind))
                } else if input[attribute.lowerBound + 5] == 0x3A {
                    guard kind != .none else { return false }
                    bindings.append(((attribute.lowerBound + 6)..<attribute.upperBound, kind))
                }
                cachedPrefix = nil
            } else if valValue == nil && localName(attribute).count == 3 && localKey(attribute) == WordWalker.valKey {
                valValue = value
            }
        }
        guard let namespace = resolve(prefix(name), element: true) else { return false }
        // Attribute prefixes must be bound too (most are the element's own).
        let elementPrefix = prefix(name)
        for attribute in attributeNames.prefix(attributeCount) where !startsWith(attribute, "xmlns") {
            let p = prefix(attribute)
            if p.isEmpty || equal(p, elementPrefix) || equal(p, "xml") { continue }
            if resolve(p, element: false) == nil { return false }
        }
        if let valValue {
            var ignored: [UInt8] = []
            guard Self.decode(input, valValue, into: &ignored, attribute: true) else { return false }
        }
        let key = localKey(name)
        open.append((name, key, namespace, bindingsBefore))
        walker.start(key, namespace, val: WordWalker.Val(raw: valValue.map { UnsafeBufferPointer(rebasing: input[$0]) }))
        if selfClosing { return endElement() }
        return true
    }

    private mutating func endTag() -> Bool {
        i += 2
        guard let name = qualifiedName(), let top = open.last, equal(top.name, name) else { return false }
        _ = skipBlanks()
        guard i < input.count, input[i] == 0x3E else { return false }
        i += 1
        return endElement()
    }

    private mutating func endElement() -> Bool {
        guard let top = open.last else { return false }
        walker.end(top.key, top.namespace)
        open.removeLast()
        if bindings.count > top.bindings {
            bindings.removeSubrange(top.bindings...)
            cachedPrefix = nil
        }
        return true
    }

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`: only UTF-8 (or no encoding).
    private mutating func declaration() -> Bool {
        guard let end = find("?>", from: i) else { return false }
        let text = Array(input[i..<end]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        i = end + 2
        guard let at = text.firstRange(of: Array("encoding".utf8)) else { return true }
        var k = at.upperBound
        while k < text.count && (isBlank(text[k]) || text[k] == 0x3D) { k += 1 }
        guard k < text.count, text[k] == 0x22 || text[k] == 0x27 else { return false }
        let quote = text[k]
        k += 1
        var value: [UInt8] = []
        while k < text.count && text[k] != quote { value.append(text[k]); k += 1 }
        return value == Array("utf-8".utf8) || value == Array("utf8".utf8)
    }

    private mutating func comment() -> Bool {
        guard let end = find("--", from: i + 4), end + 2 < input.count, input[end + 2] == 0x3E else { return false }
        i = end + 3
        return true
    }

    private mutating func processingInstruction() -> Bool {
        i += 2
        guard i < input.count, Self.startsName(input[i]) else { return false }
        if looksAtIgnoringCase("xml") && i + 3 < input.count && (isBlank(input[i + 3]) || input[i + 3] == 0x3F) { return false }
        guard let end = find("?>", from: i) else { return false }
        i = end + 2
        return true
    }

    private mutating func cdata() -> Bool {
        let from = i + 9
        guard let end = find("]]>", from: from) else { return false }
        for k in from..<end where input[k] == 0x0D { _ = k; return false }  // line ends libxml2 would normalise
        deliver(from, end)
        i = end + 3
        return true
    }

    // MARK: - Text

    /// Character data up to the next `<`, entities decoded and line ends made "\n" (as XML wants).
    private mutating func characters() -> Bool {
        let n = input.count
        var run = i
        while i < n {
            let c = input[i]
            if c == 0x3C { break }
            if c == 0x26 {
                deliver(run, i)
                guard let (scalar, after) = Self.entity(input, at: i, limit: n) else { return false }
                var bytes: [UInt8] = []
                UTF8.encode(scalar) { bytes.append($0) }
                bytes.withUnsafeBufferPointer { walker.text($0) }
                i = after
                run = i
                continue
            }
            if c == 0x0D {
                deliver(run, i)
                var lineFeed: UInt8 = 0x0A
                withUnsafePointer(to: &lineFeed) { walker.text(UnsafeBufferPointer(start: $0, count: 1)) }
                i += 1
                if i < n && input[i] == 0x0A { i += 1 }
                run = i
                continue
            }
            if c == 0x5D && i + 2 < n && input[i + 1] == 0x5D && input[i + 2] == 0x3E { return false }  // "]]>"
            i += 1
        }
        deliver(run, i)
        return true
    }

    private mutating func deliver(_ from: Int, _ to: Int) {
        guard to > from else { return }
        walker.text(UnsafeBufferPointer(rebasing: input[from..<to]))
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#N;` `&#xH;`: the character and where it ends;
    /// nil for anything else (an entity only a DTD could define, a bad character reference).
    static func entity(_ input: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int) -> (Unicode.Scalar, Int)? {
        var k = start + 1
        var end = k
        while end < limit && end - k < 12 && input[end] != 0x3B { end += 1 }
        guard end < limit, input[end] == 0x3B, end > k else { return nil }
        let name = UnsafeBufferPointer(rebasing: input[k..<end])
        if name[0] == 0x23 {
            k = 1
            var radix = 10
            if name.count > 1 && name[1] == 0x78 { radix = 16; k = 2 }
            guard k < name.count else { return nil }
            var value = 0
            while k < name.count {
                guard let digit = HTMLName.hexDigit(name[k]), digit < radix else { return nil }
                value = value * radix + digit
                if value > 0x10FFFF { return nil }
                k += 1
            }
            let valid = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF)
                || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
            guard valid, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            return (scalar, end + 1)
        }
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return ("&", end + 1)
        case "lt": return ("<", end + 1)
        case "gt": return (">", end + 1)
        case "quot": return ("\"", end + 1)
        case "apos": return ("'", end + 1)
        default: return nil
        }
    }

    /// An attribute value's bytes with entities decoded and whitespace normalised to spaces;
    /// false when an entity is not one this reader knows.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8], attribute: Bool) -> Bool {
        var k = range.lowerBound
        while k < range.upperBound {
            let c = input[k]
            if c == 0x26 {
                guard let (scalar, after) = entity(input, at: k, limit: range.upperBound) else { return false }
                UTF8.encode(scalar) { out.append($0) }
                k = after
                continue
            }
            if attribute && c == 0x0D && k + 1 < range.upperBound && input[k + 1] == 0x0A {
                k += 1
                continue
            }
            out.append(attribute && (c == 0x09 || c == 0x0A || c == 0x0D) ? 0x20 : c)
            k += 1
        }
        return true
    }

    // MARK: - Names and namespaces

    /// A QName at `i` (prefix:local), ASCII only; nil when there is none or it is odd.
    private mutating func qualifiedName() -> Range<Int>? {
        let from = i
        guard i < input.count, Self.startsName(input[i]) else { return nil }
        var colons = 0
        while i < input.count, case let c = input[i], Self.continuesName(c) || c == 0x3A {
            if c == 0x3A {
                colons += 1
                guard colons == 1, i + 1 < input.count, Self.startsName(input[i + 1]) else { return nil }
            }
            i += 1
        }
        guard i < input.count, input[i] < 0x80 else { return nil }
        return from..<i
    }

    @inline(__always)
    private func prefix(_ name: Range<Int>) -> Range<Int> {
        var k = name.lowerBound
        while k < name.upperBound && input[k] != 0x3A { k += 1 }
        return k == name.upperBound ? name.lowerBound..<name.lowerBound : name.lowerBound..<k
    }

    @inline(__always)
    private func localName(_ name: Range<Int>) -> Range<Int> {
        let p = prefix(name)
        return p.isEmpty ? name : (p.upperBound + 1)..<name.upperBound
    }

    /// The local name's key, as `LibXML.nameKey` makes it.
    @inline(__always)
    private func localKey(_ name: Range<Int>) -> UInt64 {
        let local = localName(name)
        var key: UInt64 = 0
        var length = 0
        for k in local {
            let c = input[k]
            if length < 8 { key |= UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) << (8 * UInt64(length)) }
            length += 1
        }
        return HTMLName.finish(key, length: length)
    }

    /// The namespace a prefix is bound to; nil when an element's or attribute's prefix is unbound.
    private mutating func resolve(_ prefix: Range<Int>, element: Bool) -> WordWalker.Namespace? {
        if let cachedPrefix, equal(cachedPrefix, prefix) { return cachedKind }
        for binding in bindings.reversed() where equal(binding.prefix, prefix) {
            cachedPrefix = prefix
            cachedKind = binding.kind
            return binding.kind
        }
        return prefix.isEmpty ? WordWalker.Namespace.none : nil
    }

    /// A namespace URI's kind (`.none` for the empty URI, which unbinds the default namespace).
    @inline(__always)
    private func namespace(_ value: Range<Int>) -> WordWalker.Namespace? {
        if value.isEmpty { return WordWalker.Namespace.none }
        for k in value where input[k] == 0x26 { _ = k; return nil }
        return WordWalker.isWordNamespace(UnsafeBufferPointer(rebasing: input[value])) ? .word : .other
    }

    // MARK: - Scanning

    /// True when the bytes are valid UTF-8 holding only characters XML 1.0 allows.
    static func isPlainUTF8(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = s.count
        var i = 0
        while i < n {
            // Eight bytes at a time while they are printable ASCII.
            while i + 8 <= n {
                let word = UnsafeRawPointer(s.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                if high | control != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let b = s[i]
            if b < 0x80 {
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return false }
                i += 1
                continue
            }
            func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < n && s[i + k] >= lo && s[i + k] <= hi }
            switch b {
            case 0xC2...0xDF:
                guard cont(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard cont(1, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF), cont(2) else { return false }
                if b == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE { return false }  // U+FFFE, U+FFFF
                i += 3
            case 0xF0...0xF4:
                guard cont(1, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF), cont(2), cont(3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    static func startsName(_ c: UInt8) -> Bool { HTMLName.isLetter(c) || c == 0x5F }
    static func continuesName(_ c: UInt8) -> Bool {
        HTMLName.isLetter(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x2E
    }

    @inline(__always)
    private func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    /// Skips whitespace; true when there was some.
    private mutating func skipBlanks() -> Bool {
        let from = i
        while i < input.count && isBlank(input[i]) { i += 1 }
        return i > from
    }

    @inline(__always)
    private func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        var k = 0
        while k < a.count {
            if input[a.lowerBound + k] != input[b.lowerBound + k] { return false }
            k += 1
        }
        return true
    }

    /// A name's first 8 bytes and its length in one word.
    @inline(__always)
    private func packed(_ name: Range<Int>) -> UInt64 {
        var key = UInt64(name.count) << 56
        var k = 0
        while k < min(7, name.count) {
            key |= UInt64(input[name.lowerBound + k]) << (8 * UInt64(k))
            k += 1
        }
        return key
    }

    @inline(__always)
    private func equal(_ a: Range<Int>, _ word: StaticString) -> Bool {
        a.count == word.utf8CodeUnitCount && startsWith(a, word)
    }

    @inline(__always)
    private func startsWith(_ a: Range<Int>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard a.count >= count else { return false }
        for k in 0..<count where input[a.lowerBound + k] != word.utf8Start[k] { return false }
        return true
    }

    @inline(__always)
    private func find(_ word: StaticString, from: Int) -> Int? {
        let count = word.utf8CodeUnitCount
        let first = word.utf8Start[0]
        var k = from
        while k + count <= input.count {
            if input[k] == first {
                var m = 1
                while m < count && input[k + m] == word.utf8Start[m] { m += 1 }
                if m == count { return k }
            }
            k += 1
        }
        return nil
    }

    @inline(__always)
    private func looksAt(_ word: StaticString) -> Bool {
        startsWith(i..<input.count, word)
    }

    @inline(__always)
    private func looksAtIgnoringCase(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= input.count else { return false }
        for k in 0..<count where input[i + k] | 0x20 != word.utf8Start[k] { return false }
        return true
    }
}
