/// A part of the prose decoded as `ProseText` keeps it, not yet cut and read. `isEmpty` is the
/// text's own ("" is not read; a text of white space alone is, though nothing of it is kept).
struct KeptProse {
    var scalars: [Unicode.Scalar]
    var isEmpty: Bool

    init(_ text: String) {
        scalars = ProseText.kept(text)
        isEmpty = text.isEmpty
    }

    init(scalars: [Unicode.Scalar], isEmpty: Bool) {
        self.scalars = scalars
        self.isEmpty = isEmpty
    }
}

/// Prose as the prose checks read it: one pass turns a section's text into scalars without
/// spaces (full-width digits made ASCII), cut into sentences and clauses, so that every rule
/// searches short, bounded stretches and the whole text is read a fixed number of times.
struct ProseText {
    /// The text without white space (a line break is kept as a sentence end).
    let s: [Unicode.Scalar]
    /// Sentences: ranges of `s` ending before 。！？；\n (the separator not included).
    let sentences: [Range<Int>]
    /// Clauses of every sentence, in order; `clauseIndex[k]` are sentence k's.
    let allClauses: [Range<Int>]
    let clauseIndex: [Range<Int>]
    /// Letters and digits in the text (`Narratives.counted`), counted in the pass that cuts it.
    let letters: Int
    /// Where each merged word table's words occur (`MergedWords`): the text read once for all of
    /// them. A long text is read a sentence (or clause) at a time, by whoever reads it
    /// (`reading(_:)`), so that sentences skipped as repeats are never read for words.
    var words: WordHits
    let merged: MergedWords
    /// Texts longer than this are read for words a sentence at a time. Up to 64 Ki scalars a
    /// text is read whole in the pass that cuts it (a 50 KB 五 read a sentence at a time was read
    /// twice, by the statements and by the copy prints, at a cost per sentence); a megabyte text,
    /// whose repeated sentences are skipped unread, is still read a sentence at a time.
    static let readWhole = 65536

    /// `merged`: the tables the text is read for at once (a table not among them scans the text
    /// itself); the previous year's copy prints need only their own two.
    init(_ text: String, words merged: MergedWords = MergedWords.shared) {
        self.init(kept: ProseText.kept(text), words: merged)
    }

    /// The text's scalars as kept (`kept(_:)`), cut and read.
    init(kept out: [Unicode.Scalar], words asked: MergedWords = MergedWords.shared) {
        s = out
        // The quantity tables are asked about figures only: a text that states none is read for
        // the rest (a quantity's words, 申请 or 公开, are in several tables each, and were most of
        // the hits kept of a long 五 without a figure).
        let merged = asked.isShared && !ProseText.mayStateFigure(out) ? MergedWords.sharedWithoutFigures : asked
        var ranges: [Range<Int>] = [], clauses: [Range<Int>] = [], index: [Range<Int>] = []
        ranges.reserveCapacity(out.count / 24 + 2)
        clauses.reserveCapacity(out.count / 12 + 2)
        index.reserveCapacity(out.count / 24 + 2)
        var start = 0, clauseStart = 0, letters = 0
        // The words of every merged table, found in the same pass (a short text's).
        self.merged = merged
        let whole = out.count <= ProseText.readWhole
        var found = FoundWords(merged, length: whole ? out.count : 0)
        out.withUnsafeBufferPointer { p in
            for i in 0...p.count {
                let end: Bool
                if i == p.count { end = true } else {
                    // Most scalars are CJK ideographs, which end nothing and start few words.
                    let v = p[i].value
                    if MergedWords.ideographRange.contains(v) {
                        letters += 1
                        if whole && merged.mayStart(ideograph: v) && merged.mayStart(p, at: i) { found.probe(p, i) }
                        continue
                    }
                    if Narratives.counts(p[i]) { letters += 1 }
                    if whole && merged.mayStart(other: v) { found.probe(p, i) }
                    end = ProseText.endsSentence(p, i)
                    if !end && !ProseText.endsClause(p[i]) { continue }
                }
                if i > clauseStart { clauses.append(clauseStart..<i) }
                clauseStart = i + 1
                if end {
                    if i > start {
                        ranges.append(start..<i)
                        index.append((index.last?.upperBound ?? 0)..<clauses.count)
                    } else if let last = index.last, last.upperBound != clauses.count {
                        index[index.count - 1] = last.lowerBound..<clauses.count
                    }
                    start = i + 1
                }
            }
        }
        sentences = ranges
        self.letters = letters
        allClauses = clauses
        clauseIndex = index
        words = found.hits(covering: whole ? 0..<out.count : 0..<0)
    }

    /// The text read for words in `r` when it was not already (a sentence or clause of a long text).
    func reading(_ r: Range<Int>) -> ProseText {
        guard !words.covers(r) else { return self }
        var t = self
        t.words = merged.hits(s, r)
        return t
    }

    /// Whether `StatedNumber.scan` may find a figure in the text: a digit followed by a unit,
    /// 余 or 多 between them or not (a figure's last digit always is). A year ("2024年"), a
    /// date or a heading's number is not.
    static func mayStateFigure(_ s: [Unicode.Scalar]) -> Bool {
        s.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            while i < n {
                guard isDigit(p[i]) else { i += 1; continue }
                i += 1
                if i < n && isDigit(p[i]) { continue }
                var k = i
                if k < n && (p[k] == "余" || p[k] == "多") { k += 1 }
                if StatedNumber.unitWords.match(p, at: k, end: n) != nil { return true }
            }
            return false
        }
    }

    /// The scalars of a text as kept: without white space, full-width digits made ASCII.
    static func kept(_ text: String) -> [Unicode.Scalar] {
        // A native string's bytes are valid UTF-8: decoded here directly, several times faster
        // than walking `unicodeScalars` (which matters for a 3.9 MB narrative).
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ ProseText.kept($0) }) { return decoded }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count / 3 + 8)
        for u in text.unicodeScalars { ProseText.keep(u, &scalars) }
        return scalars
    }

    /// The scalars kept of bytes that may not be UTF-8 (a JSON string's, as the file has them),
    /// checked as they are decoded: nil unless the bytes are valid UTF-8 (as `String(validating:)`
    /// takes them), else `kept` of them. The fast decoder reads the prose from the file's bytes
    /// this way once, instead of checking them into a String and decoding that again.
    static func keptChecking(_ b: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var valid = true
        let out = [Unicode.Scalar](unsafeUninitializedCapacity: capacity(b)) { out, count in
            var i = 0, k = 0
            let n = b.count
            @inline(__always) func continuation(_ x: UInt8) -> Bool { x & 0xC0 == 0x80 }
            while i < n {
                let b0 = b[i]
                if b0 < 0x80 {
                    i += 1
                    if b0 == 0x20 || b0 == 0x09 || b0 == 0x0D { continue }
                    out[k] = Unicode.Scalar(b0); k += 1
                    continue
                }
                let v: UInt32
                if b0 >= 0xE0 && b0 < 0xF0 {
                    guard i + 2 < n else { valid = false; break }
                    let b1 = b[i + 1], b2 = b[i + 2]
                    // E0 takes A0–BF second (no overlong form), ED 80–9F (no surrogate).
                    let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                    guard b1 >= low && b1 <= high && continuation(b2) else { valid = false; break }
                    v = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                    i += 3
                    if MergedWords.ideographRange.contains(v) { out[k] = unsafeBitCast(v, to: Unicode.Scalar.self); k += 1; continue }
                } else if b0 >= 0xC2 && b0 < 0xE0 {
                    guard i + 1 < n, continuation(b[i + 1]) else { valid = false; break }
                    v = UInt32(b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                    i += 2
                } else if b0 >= 0xF0 && b0 <= 0xF4 {
                    guard i + 3 < n else { valid = false; break }
                    let b1 = b[i + 1]
                    // F0 takes 90–BF second (no overlong form), F4 80–8F (nothing past U+10FFFF).
                    let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                    guard b1 >= low && b1 <= high && continuation(b[i + 2]) && continuation(b[i + 3]) else { valid = false; break }
                    v = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                } else {
                    valid = false   // a continuation byte first, C0, C1 or F5–FF
                    break
                }
                if let x = kept(unsafeBitCast(v, to: Unicode.Scalar.self)) { out[k] = x; k += 1 }
            }
            count = k
        }
        return valid ? out : nil
    }

    /// The scalars kept of valid UTF-8 bytes (a native string's: every sequence is a scalar's,
    /// so a decoded value needs no check). CJK ideographs, most of the text, are kept as they are.
    static func kept(_ b: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        [Unicode.Scalar](unsafeUninitializedCapacity: capacity(b)) { out, count in
            var i = 0, k = 0
            let n = b.count
            while i < n {
                let b0 = UInt32(b[i])
                if b0 < 0x80 {
                    i += 1
                    if b0 == 0x20 || b0 == 0x09 || b0 == 0x0D { continue }
                    out[k] = Unicode.Scalar(UInt8(b0)); k += 1
                    continue
                }
                let v: UInt32
                if b0 >= 0xE0 && b0 < 0xF0 {
                    v = (b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                    i += 3
                    if MergedWords.ideographRange.contains(v) { out[k] = unsafeBitCast(v, to: Unicode.Scalar.self); k += 1; continue }
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                    i += 2
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                }
                if let x = kept(unsafeBitCast(v, to: Unicode.Scalar.self)) { out[k] = x; k += 1 }
            }
            count = k
        }
    }

    /// Room for the scalars of valid UTF-8 bytes: a scalar per byte when the text is short (prose
    /// is mostly three-byte CJK, so this is three times what is used, for a moment); a long
    /// text's bytes that start a scalar (not 10xxxxxx), counted without a branch per byte.
    static func capacity(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard b.count > ProseText.countedFrom else { return b.count }
        var continuations = 0
        for x in b { continuations &+= Int(truncatingIfNeeded: (x &>> 6) == 2 ? 1 as UInt8 : 0) }
        return b.count - continuations
    }

    /// Texts of more bytes than this are counted in scalars before they are decoded (a shorter
    /// text's room, a scalar per byte, is at most 64 KB).
    static let countedFrom = 1 << 14

    /// Valid UTF-8 bytes decoded, each scalar handed to `add` (which keeps it or not) along with
    /// the buffer and the count so far; the buffer holds one scalar per byte that starts one.
    @inline(__always) static func decode(_ b: UnsafeBufferPointer<UInt8>,
                                         _ add: (Unicode.Scalar, UnsafeMutableBufferPointer<Unicode.Scalar>, inout Int) -> Void) -> [Unicode.Scalar] {
        [Unicode.Scalar](unsafeUninitializedCapacity: capacity(b)) { out, count in
            var i = 0, k = 0
            let n = b.count
            while i < n {
                let b0 = UInt32(b[i])
                var v: UInt32
                if b0 < 0x80 { v = b0; i += 1 }
                else if b0 < 0xE0 { v = (b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F); i += 2 }
                else if b0 < 0xF0 { v = (b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F); i += 3 }
                else {
                    v = (b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
                    i += 4
                }
                add(Unicode.Scalar(v) ?? "\u{FFFD}", out, &k)
            }
            count = k
        }
    }

    /// Appends `u` as the text is kept: without white space, full-width digits made ASCII.
    @inline(__always) static func keep(_ u: Unicode.Scalar, _ out: inout [Unicode.Scalar]) {
        if let x = kept(u) { out.append(x) }
    }

    /// `u` as the text keeps it: nil for white space, a full-width digit made ASCII.
    @inline(__always) static func kept(_ u: Unicode.Scalar) -> Unicode.Scalar? {
        switch u.value {
        case 0x20, 0x09, 0x0D, 0xA0, 0x3000, 0x2002...0x200B, 0xFEFF: return nil
        case 0xFF10...0xFF19: return Unicode.Scalar(u.value - 0xFF10 + 0x30)!
        default: return u
        }
    }

    static func endsSentence(_ s: [Unicode.Scalar], _ i: Int) -> Bool { s.withUnsafeBufferPointer { endsSentence($0, i) } }

    static func endsSentence(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int) -> Bool {
        switch s[i].value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x3B, 0x21, 0x3F, 0x0A: return true   // 。！？；; ! ? \n
        case 0x2E:   // "." ends a sentence unless it is a decimal point or an enumerator's ("1.")
            let before = i > 0 && isDigit(s[i - 1]), after = i + 1 < s.count && isDigit(s[i + 1])
            return !before && !after
        default: return false
        }
    }

    /// A clause ends at a sentence end or at ，,：: (not at 、, which lists within a clause).
    static func endsClause(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x3B, 0x21, 0x3F, 0x0A, 0xFF0C, 0x2C, 0xFF1A, 0x3A: return true
        default: return false
        }
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    /// `u.properties.isAlphabetic`, answered without Unicode's property tables for ASCII, CJK
    /// ideographs and the punctuation prose is made of (the same answers, checked over each range).
    @inline(__always) static func isAlphabetic(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x41...0x5A, 0x61...0x7A, 0x4E00...0x9FFF: return true
        case 0...0x7F, 0x2000...0x206F, 0x3000...0x3004, 0x3008...0x3020, 0xFF01...0xFF20: return false
        default: return u.properties.isAlphabetic
        }
    }
    static func isCJK(_ u: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(u.value) }

    /// Clauses of sentence `k`.
    func clauses(ofSentence k: Int) -> ArraySlice<Range<Int>> { allClauses[clauseIndex[k]] }

    /// The text of a range, cut to `limit` characters with "…" (for quotes in messages).
    func quote(_ r: Range<Int>, limit: Int = 80) -> String {
        if r.count <= limit { return text(r) }
        return text(r.lowerBound..<(r.lowerBound + limit), ellipsisAfter: true)
    }

    /// A quote of at most `limit` characters of sentence `sentence` that shows position `at`.
    func quote(sentence r: Range<Int>, showing at: Int, limit: Int = 80) -> String {
        if r.count <= limit { return quote(r, limit: limit) }
        let lo = max(r.lowerBound, min(at - limit / 2, r.upperBound - limit))
        let hi = min(r.upperBound, lo + limit)
        return text(lo..<hi, ellipsisBefore: lo > r.lowerBound, ellipsisAfter: hi < r.upperBound)
    }

    /// The text of a range, with "…" before or after it when asked (written into the same string).
    func text(_ r: Range<Int>, ellipsisBefore: Bool = false, ellipsisAfter: Bool = false) -> String {
        s.withUnsafeBufferPointer { ProseText.string(UnsafeBufferPointer(rebasing: $0[r]), ellipsisBefore: ellipsisBefore, ellipsisAfter: ellipsisAfter) }
    }

    /// Scalars as a string, encoded to UTF-8 in one buffer (appending them to a
    /// `String.UnicodeScalarView` one by one cost a sixth of the prose reading), with "…"
    /// (E2 80 A6) before or after them when asked: a quote is made in one allocation.
    static func string(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, ellipsisBefore: Bool = false, ellipsisAfter: Bool = false) -> String {
        var bytes = (ellipsisBefore ? 3 : 0) + (ellipsisAfter ? 3 : 0)
        for u in scalars { bytes += u.value < 0x80 ? 1 : u.value < 0x800 ? 2 : u.value < 0x10000 ? 3 : 4 }
        return String(unsafeUninitializedCapacity: bytes) { out in
            var k = 0
            if ellipsisBefore { out[0] = 0xE2; out[1] = 0x80; out[2] = 0xA6; k = 3 }
            for u in scalars {
                let v = u.value
                if v < 0x80 { out[k] = UInt8(v); k += 1 }
                else if v < 0x800 { out[k] = UInt8(0xC0 | v >> 6); out[k + 1] = UInt8(0x80 | v & 0x3F); k += 2 }
                else if v < 0x10000 {
                    out[k] = UInt8(0xE0 | v >> 12); out[k + 1] = UInt8(0x80 | (v >> 6) & 0x3F); out[k + 2] = UInt8(0x80 | v & 0x3F); k += 3
                } else {
                    out[k] = UInt8(0xF0 | v >> 18); out[k + 1] = UInt8(0x80 | (v >> 12) & 0x3F)
                    out[k + 2] = UInt8(0x80 | (v >> 6) & 0x3F); out[k + 3] = UInt8(0x80 | v & 0x3F); k += 4
                }
            }
            if ellipsisAfter { out[k] = 0xE2; out[k + 1] = 0x80; out[k + 2] = 0xA6; k += 3 }
            return k
        }
    }

    /// The scalars of a string (its UTF-8 decoded directly when contiguous), nothing left out.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        text.utf8.withContiguousStorageIfAvailable { decode($0) { u, out, k in out[k] = u; k += 1 } } ?? Array(text.unicodeScalars)
    }
}

/// Words searched in bounded stretches of a `ProseText` in one pass: an index of the words by
/// their first scalar rejects most positions with one look-up and tries only the words that can
/// start there. The words live in buffers made once and never
/// freed (every `Words` is a static table), so that the loader's threads read them without
/// touching a reference count: shared counts would make the threads wait on each other.
struct Words: @unchecked Sendable {
    /// The table's number, in the order tables are made (`MergedWords` finds its slot by it).
    let id: Int
    let scalars: UnsafePointer<Unicode.Scalar>
    /// Word k is scalars[offsets[k]..<offsets[k + 1]].
    let offsets: UnsafePointer<Int>
    let count: Int
    /// Bit (v & 63) of each word's last scalar v: a stretch whose last scalar's bit is clear ends
    /// with none of the words (`ends`, asked before most figures, answers at once).
    let lastScalars: UInt64
    /// Words by their first scalar's low bits (`bucket`): bucket b's words are
    /// `byBucket[bucketStart[b]..<bucketStart[b + 1]]`, in table order, so that a position is
    /// tried only against the few words that can start there.
    let bucketStart: UnsafePointer<Int32>
    let byBucket: UnsafePointer<Int32>
    static let buckets = 1024

    init(_ words: [String]) {
        id = Words.made.wrappingAdd(1, ordering: .relaxed).oldValue
        let list = words.map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
        let all = list.flatMap { $0 }
        let s = UnsafeMutablePointer<Unicode.Scalar>.allocate(capacity: max(1, all.count))
        s.initialize(from: all, count: all.count)
        var offs = [0]
        for w in list { offs.append(offs.last! + w.count) }
        let o = UnsafeMutablePointer<Int>.allocate(capacity: offs.count)
        o.initialize(from: offs, count: offs.count)
        scalars = UnsafePointer(s)
        offsets = UnsafePointer(o)
        count = list.count
        lastScalars = list.reduce(0) { $0 | 1 << UInt64($1[$1.count - 1].value & 63) }
        var starts = [Int32](repeating: 0, count: Words.buckets + 1)
        for w in list { starts[Int(Words.bucket(w[0])) + 1] += 1 }
        for b in 0..<Words.buckets { starts[b + 1] += starts[b] }
        var fill = starts
        var order = [Int32](repeating: 0, count: max(1, list.count))
        for (k, w) in list.enumerated() {
            let b = Int(Words.bucket(w[0]))
            order[Int(fill[b])] = Int32(k)
            fill[b] += 1
        }
        let bs = UnsafeMutablePointer<Int32>.allocate(capacity: starts.count)
        bs.initialize(from: starts, count: starts.count)
        let bw = UnsafeMutablePointer<Int32>.allocate(capacity: order.count)
        bw.initialize(from: order, count: order.count)
        bucketStart = UnsafePointer(bs)
        byBucket = UnsafePointer(bw)
    }

    @inline(__always) static func bucket(_ u: Unicode.Scalar) -> UInt32 { u.value & UInt32(buckets - 1) }

    /// Word k's scalars.
    func word(_ k: Int) -> UnsafeBufferPointer<Unicode.Scalar> {
        UnsafeBufferPointer(start: scalars + offsets[k], count: offsets[k + 1] - offsets[k])
    }

    @inline(__always) func mayStart(_ u: Unicode.Scalar) -> Bool {
        let b = Int(Words.bucket(u))
        return bucketStart[b] != bucketStart[b + 1]
    }

    /// The first word (in table order) found at `i` and its length.
    @inline(__always) func match(_ p: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, end: Int) -> (index: Int, length: Int)? {
        // A number can end its clause: nothing can start at or past the end (nor past the text).
        let end = min(end, p.count)
        guard i >= 0, i < end else { return nil }
        let b = Int(Words.bucket(p[i]))
        let lo = Int(bucketStart[b]), hi = Int(bucketStart[b + 1])
        guard lo < hi else { return nil }
        for x in lo..<hi {
            let k = Int(byBucket[x])
            let start = offsets[k], n = offsets[k + 1] - start
            guard i + n <= end, scalars[start] == p[i] else { continue }
            var j = 1
            while j < n && p[i + j] == scalars[start + j] { j += 1 }
            if j == n { return (k, n) }
        }
        return nil
    }

    func match(in s: [Unicode.Scalar], at i: Int, end: Int) -> (index: Int, length: Int)? {
        s.withUnsafeBufferPointer { match($0, at: i, end: end) }
    }

    /// The first position in `r` where one of the words starts, or nil.
    func first(in s: [Unicode.Scalar], _ r: Range<Int>) -> Int? {
        s.withUnsafeBufferPointer { p in
            var i = r.lowerBound
            while i < r.upperBound {
                if match(p, at: i, end: r.upperBound) != nil { return i }
                i += 1
            }
            return nil
        }
    }

    /// The last position in `r` where one of the words starts, or nil.
    func last(in s: [Unicode.Scalar], _ r: Range<Int>) -> Int? {
        s.withUnsafeBufferPointer { p in
            var i = r.upperBound - 1
            while i >= r.lowerBound {
                if match(p, at: i, end: r.upperBound) != nil { return i }
                i -= 1
            }
            return nil
        }
    }

    func any(in s: [Unicode.Scalar], _ r: Range<Int>) -> Bool { first(in: s, r) != nil }

    /// Whether the stretch ends with one of the words.
    func ends(_ s: [Unicode.Scalar], at end: Int, from lo: Int) -> Bool {
        if end > lo, end <= s.count, lastScalars & 1 << UInt64(s[end - 1].value & 63) == 0 { return false }
        return s.withUnsafeBufferPointer { p in
            for k in 0..<count {
                let a = offsets[k], n = offsets[k + 1] - a
                let from = end - n
                guard from >= lo else { continue }
                precondition(from >= 0 && end <= p.count, "a stretch outside the text")
                var j = n - 1
                while j >= 0 && p[from + j] == scalars[a + j] { j -= 1 }
                if j < 0 { return true }
            }
            return false
        }
    }

    static func find(_ w: [Unicode.Scalar], in s: [Unicode.Scalar], _ r: Range<Int>) -> Int? {
        guard !w.isEmpty, r.count >= w.count else { return nil }
        let first = w[0]
        var i = r.lowerBound
        let last = r.upperBound - w.count
        while i <= last {
            if s[i] == first {
                var k = 1
                while k < w.count && s[i + k] == w[k] { k += 1 }
                if k == w.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func findLast(_ w: [Unicode.Scalar], in s: [Unicode.Scalar], _ r: Range<Int>) -> Int? {
        guard !w.isEmpty, r.count >= w.count else { return nil }
        var i = r.upperBound - w.count
        while i >= r.lowerBound {
            if s[i] == w[0] && s[i..<(i + w.count)].elementsEqual(w) { return i }
            i -= 1
        }
        return nil
    }
}

/// A figure written in the prose: where, its value (in millionths when `unit` is money) and its unit.
struct StatedNumber {
    /// Position of the first digit and one past the unit (or past 以上).
    let start: Int, end: Int
    /// One past the last digit.
    let digitsEnd: Int
    let value: Int64
    /// Millionths of the unit (for 万元 and 元); whole numbers otherwise.
    let millionths: Int64
    var unit: String { StatedNumber.unitNames[unitCode] }
    /// The unit's place in `unitNames` (a quantity's units are a bit mask of these).
    let unitCode: Int
    /// "200余条", "200多条", "200条以上", "超过200条": the stated figure or more.
    let atLeast: Bool

    static let unitNames = ["万元", "人次", "件", "条", "次", "人", "名", "个", "起", "项", "场", "期", "篇", "宗", "元", "份", "部", "则", "单"]
    /// Longer units first ("人次" before "人"); "万元" is 0 and "元" 14, as `unitNames`.
    static let unitWords = Words(unitNames)

    /// Every number followed by a unit in `r`. Numbers right after 第 or 每, inside longer runs of
    /// letters and digits, or followed by % or a date word are not figures.
    static func scan(_ t: ProseText, _ r: Range<Int>) -> [StatedNumber] {
        var digits = false
        return scan(t, r, digits: &digits)
    }

    /// The same, `digits` set when `r` holds a digit at all (the dates of a sentence without
    /// one need no reading).
    static func scan(_ t: ProseText, _ r: Range<Int>, digits: inout Bool) -> [StatedNumber] {
        let s = t.s
        var out: [StatedNumber] = []
        var i = r.lowerBound
        while i < r.upperBound {
            guard ProseText.isDigit(s[i]) else { i += 1; continue }
            digits = true
            let start = i
            var whole: Int64 = 0, overflow = false
            var j = i
            while j < r.upperBound {
                if ProseText.isDigit(s[j]) {
                    let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(s[j].value - 0x30))
                    whole = a; overflow = overflow || o1 || o2
                    j += 1
                } else if s[j] == ",", j + 3 < r.upperBound, (1...3).allSatisfy({ ProseText.isDigit(s[j + $0]) }),
                          j + 4 >= r.upperBound || !ProseText.isDigit(s[j + 4]) {
                    j += 1   // thousands separator "1,200"
                } else { break }
            }
            var frac: Int64 = 0, fracDigits = 0
            if j + 1 < r.upperBound, s[j] == ".", ProseText.isDigit(s[j + 1]) {
                j += 1
                while j < r.upperBound, ProseText.isDigit(s[j]) {
                    if fracDigits < 6 { frac = frac * 10 + Int64(s[j].value - 0x30); fracDigits += 1 }
                    j += 1
                }
            }
            let digitsEnd = j
            defer { i = max(digitsEnd, start + 1) }
            if overflow || whole > 10_000_000_000 { continue }
            if start > 0 {
                let p = s[start - 1]
                if p == "第" || p == "每" || ProseText.isAlphabetic(p) && !ProseText.isCJK(p) { continue }
            }
            var k = digitsEnd
            var atLeast = false
            if k < r.upperBound, s[k] == "余" || s[k] == "多" { atLeast = true; k += 1 }
            guard let (code, length) = unitWords.match(in: t, at: k, end: r.upperBound) else { continue }
            k += length
            if k + 1 < r.upperBound, s[k] == "以", s[k + 1] == "上" { atLeast = true; k += 2 }
            if !atLeast, start >= 2, Words.exceeding.ends(t, at: start, from: max(r.lowerBound, start - 3)) { atLeast = true }
            while fracDigits < 6 { frac *= 10; fracDigits += 1 }
            let money: Int64 = code == 0 || code == 14 ? whole * 1_000_000 + frac : whole   // 万元, 元
            out.append(StatedNumber(start: start, end: k, digitsEnd: digitsEnd, value: whole, millionths: money,
                                    unitCode: code, atLeast: atLeast))
        }
        return out
    }
}

extension Words {
    static let exceeding = Words(["超过", "逾"])
    /// Vague figures ("近200条", "约200条"): not statements.
    static let vague = Words(["近", "约", "大约", "将近", "不到", "不足", "接近", "左右"])
}
