import Synchronization

/// Every word table the prose checks ask of a `ProseText`, merged into one index of the words by
/// their first scalar, so that a text is read once for all of them (`WordHits`): each position is
/// tried against the words that start with its scalar, whatever table they belong to, and a
/// table's question about a stretch (`first`, `last`, `ends`, `match`) is answered from the
/// positions found, instead of a scan of the stretch per table. The buffers are made once and
/// never freed, so that the loader's threads read them without touching a reference count.
struct MergedWords: @unchecked Sendable {
    /// Slot of the table whose `Words.id` is k, or -1 (`slotOfID[0..<ids]`).
    let slotOfID: UnsafePointer<Int32>
    let ids: Int
    let slots: Int
    /// The words once each (a word in several tables is tried once): word u is
    /// `scalars[wordStart[u]..<wordStart[u + 1]]`, and belongs to `members[memberStart[u]..<memberStart[u + 1]]`.
    let scalars: UnsafePointer<UInt32>
    let wordStart: UnsafePointer<Int32>
    let memberStart: UnsafePointer<Int32>
    /// (slot, index of the word in its table).
    let members: UnsafePointer<(slot: Int32, word: Int32)>
    /// Open addressing by first scalar: `keys[h]` (or `emptyKey`) and its words `firstWords[h]..<lastWords[h]`.
    let keys: UnsafePointer<UInt32>
    let firstWords: UnsafePointer<Int32>
    let lastWords: UnsafePointer<Int32>
    let mask: Int
    /// The longest word's length (for `ends`).
    let longest: Int
    /// Bit v - 0x4E00: whether a word starts with CJK ideograph v (most of a text's scalars,
    /// most of which start none: one bit rejects them).
    let ideographs: UnsafePointer<UInt64>
    /// Bit v - 0x4E00: whether ideograph v is a word on its own; and bit `pairHash` of a longer
    /// word's first two scalars. Most ideographs that start a word are not followed by the
    /// word's second scalar: two bits spare them the look-up (`mayStart(_:at:)`).
    let singleIdeographs: UnsafePointer<UInt64>
    let pairs: UnsafePointer<UInt64>
    static let pairBits = 1 << 16
    /// Bit v for v below the ideographs: whether a word starts with scalar v (punctuation and
    /// digits, which end clauses, mostly start none); and whether any word starts above them.
    let startsBelowIdeographs: UnsafePointer<UInt64>
    let startsAboveIdeographs: Bool
    static let ideographRange: ClosedRange<UInt32> = 0x4E00...0x9FFF
    static let emptyKey = UInt32.max

    /// The tables read on every `ProseText`; a table not listed is answered by its own scan.
    /// Tables asked only at one position (a unit right after a figure, a vague or 超过-type word
    /// right before one, an enumerator where a clause starts: `StatedNumber.unitWords`,
    /// `Words.exceeding`, `Words.vague`, `notRightBefore`, `CopyPrints.enumeratorWords`) answer
    /// faster by their own look-up than by hits kept at every place their words occur (a unit
    /// word such as 人 or 个 occurs in most sentences).
    static let shared = MergedWords(sentenceTables + StatedPhrases.quantities.flatMap { q in
        [q.subjects, q.subjectsAfter, q.verbs, q.excluded].compactMap { $0 }
    })

    /// `shared` without the quantity tables, which are asked about a figure only
    /// (`StatementReader.statement`): the tables a text that states no figure is read for
    /// (`ProseText.mayStateFigure`).
    static let sharedWithoutFigures = MergedWords(sentenceTables)

    static let sentenceTables =
        [StatementReader.plan, StatementReader.otherPeriod, StatementReader.comparison, StatementReader.partOfYear,
         StatementReader.negation, StatementReader.feeNegation, StatementReader.allDone, StatementReader.allWord,
         StatementReader.noRequestWords, StatementReader.notRequests, StatementReader.overturned, StatementReader.reportTitle,
         StatementReader.periodWords, StatementReader.bodies, StatementReader.contactWords, StatementReader.governmentWords,
         StatementReader.processingFee, StatementReader.request, StatementReader.carriedOrHotline, StatementReader.feeNegationAfter,
         StatementReader.partStops, StatementReader.among, StatementReader.review, StatementReader.litigation, CopyPrints.selfWords]

    /// Whether this is `shared` (the same buffers).
    var isShared: Bool { scalars == MergedWords.shared.scalars }

    /// The previous year's reports are read for their copy prints alone (`ProseReading.copyPrints`).
    static let copyPrints = MergedWords([CopyPrints.selfWords])

    init(_ tables: [Words]) {
        let ids = (tables.map(\.id).max() ?? -1) + 1
        var slotOfID = [Int32](repeating: -1, count: max(1, ids))
        var unique: [[UInt32]: Int] = [:]
        var words: [[UInt32]] = []
        var membership: [[(slot: Int32, word: Int32)]] = []
        var longest = 0
        for (slot, table) in tables.enumerated() {
            slotOfID[table.id] = Int32(slot)
            for k in 0..<table.count {
                let w = table.word(k).map(\.value)
                longest = max(longest, w.count)
                let u: Int
                if let known = unique[w] { u = known } else {
                    u = words.count
                    unique[w] = u
                    words.append(w)
                    membership.append([])
                }
                membership[u].append((Int32(slot), Int32(k)))
            }
        }
        // Words sorted by first scalar, so that each first scalar's words are one run.
        let order = words.indices.sorted { (words[$0][0], $0) < (words[$1][0], $1) }
        var allScalars: [UInt32] = [], starts: [Int32] = [0], memberStarts: [Int32] = [0]
        var allMembers: [(slot: Int32, word: Int32)] = []
        for u in order {
            allScalars += words[u]
            starts.append(Int32(allScalars.count))
            allMembers += membership[u]
            memberStarts.append(Int32(allMembers.count))
        }
        var size = 64
        while size < 4 * max(1, words.count) { size *= 2 }
        var keys = [UInt32](repeating: MergedWords.emptyKey, count: size)
        var firsts = [Int32](repeating: 0, count: size), lasts = [Int32](repeating: 0, count: size)
        var x = 0
        while x < order.count {
            let first = words[order[x]][0]
            var e = x + 1
            while e < order.count && words[order[e]][0] == first { e += 1 }
            var h = MergedWords.hash(first, mask: size - 1)
            while keys[h] != MergedWords.emptyKey { h = (h + 1) & (size - 1) }
            keys[h] = first
            firsts[h] = Int32(x)
            lasts[h] = Int32(e)
            x = e
        }
        func keep<T>(_ a: [T]) -> UnsafePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            p.initialize(from: a, count: a.count)
            return UnsafePointer(p)
        }
        self.slotOfID = keep(slotOfID)
        self.ids = ids
        slots = tables.count
        scalars = keep(allScalars)
        wordStart = keep(starts)
        memberStart = keep(memberStarts)
        members = keep(allMembers)
        self.keys = keep(keys)
        firstWords = keep(firsts)
        lastWords = keep(lasts)
        mask = size - 1
        self.longest = longest
        var bits = [UInt64](repeating: 0, count: (MergedWords.ideographRange.count + 63) / 64)
        for w in words where MergedWords.ideographRange.contains(w[0]) {
            let b = Int(w[0] - MergedWords.ideographRange.lowerBound)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        ideographs = keep(bits)
        var singles = [UInt64](repeating: 0, count: bits.count)
        var pairs = [UInt64](repeating: 0, count: MergedWords.pairBits / 64)
        for w in words {
            if w.count >= 2 {
                let h = MergedWords.pairHash(w[0], w[1])
                pairs[h >> 6] |= 1 << UInt64(h & 63)
            } else if MergedWords.ideographRange.contains(w[0]) {
                let b = Int(w[0] - MergedWords.ideographRange.lowerBound)
                singles[b >> 6] |= 1 << UInt64(b & 63)
            }
        }
        singleIdeographs = keep(singles)
        self.pairs = keep(pairs)
        var below = [UInt64](repeating: 0, count: Int(MergedWords.ideographRange.lowerBound) / 64)
        for w in words where w[0] < MergedWords.ideographRange.lowerBound { below[Int(w[0]) >> 6] |= 1 << UInt64(w[0] & 63) }
        startsBelowIdeographs = keep(below)
        startsAboveIdeographs = words.contains { $0[0] > MergedWords.ideographRange.upperBound }
    }

    /// Whether a word may start with `v`, a scalar outside `ideographRange`.
    @inline(__always) func mayStart(other v: UInt32) -> Bool {
        guard v < MergedWords.ideographRange.lowerBound else { return startsAboveIdeographs }
        return startsBelowIdeographs[Int(v) >> 6] & (1 << UInt64(v & 63)) != 0
    }

    @inline(__always) static func pairHash(_ a: UInt32, _ b: UInt32) -> Int {
        Int(((a &* 0x9E37_79B1) ^ b) &* 0x85EB_CA6B) >> 16 & (pairBits - 1)
    }

    /// Whether a word may start at `i`, whose scalar is an ideograph that starts some word
    /// (`mayStart(ideograph:)`): it is a word itself, or the next scalar may be a word's second.
    @inline(__always) func mayStart(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int) -> Bool {
        let v = s[i].value
        let b = Int(v - MergedWords.ideographRange.lowerBound)
        if singleIdeographs[b >> 6] & (1 << UInt64(b & 63)) != 0 { return true }
        guard i + 1 < s.count else { return false }
        let h = MergedWords.pairHash(v, s[i + 1].value)
        return pairs[h >> 6] & (1 << UInt64(h & 63)) != 0
    }

    @inline(__always) static func hash(_ v: UInt32, mask: Int) -> Int { Int((v &* 0x9E37_79B1) >> 7) & mask }

    /// Each word found at `i`: its table's slot, its index in the table and its length.
    @inline(__always) func words(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, _ body: (Int32, Int32, Int) -> Void) {
        let v = s[i].value
        var h = MergedWords.hash(v, mask: mask)
        while keys[h] != v {
            if keys[h] == MergedWords.emptyKey { return }
            h = (h + 1) & mask
        }
        let n = s.count
        for u in Int(firstWords[h])..<Int(lastWords[h]) {
            let a = Int(wordStart[u]), length = Int(wordStart[u + 1]) - a
            guard i + length <= n else { continue }
            var j = 1
            while j < length && s[i + j].value == scalars[a + j] { j += 1 }
            guard j == length else { continue }
            for m in Int(memberStart[u])..<Int(memberStart[u + 1]) { body(members[m].slot, members[m].word, length) }
        }
    }

    /// The words that start in `r` of `s` (a sentence or a clause of a long text, read on its own).
    func hits(_ s: [Unicode.Scalar], _ r: Range<Int>) -> WordHits {
        var found = FoundWords(self, length: r.count)
        s.withUnsafeBufferPointer { p in
            for i in r {
                let v = p[i].value
                if MergedWords.ideographRange.contains(v) ? !(mayStart(ideograph: v) && mayStart(p, at: i)) : !mayStart(other: v) { continue }
                found.probe(p, i)
            }
        }
        return found.hits(covering: r)
    }

    /// Bit k: whether a word of table k lies in `s` (for at most 64 tables, without keeping where).
    func tablesFound(in s: UnsafeBufferPointer<Unicode.Scalar>) -> UInt64 {
        var bits: UInt64 = 0
        for i in 0..<s.count {
            let v = s[i].value
            if MergedWords.ideographRange.contains(v) ? !(mayStart(ideograph: v) && mayStart(s, at: i)) : !mayStart(other: v) { continue }
            words(s, at: i) { slot, _, _ in bits |= 1 << UInt64(slot) }
        }
        return bits
    }

    /// Whether a word may start with `v`, an ideograph of `ideographRange`.
    @inline(__always) func mayStart(ideograph v: UInt32) -> Bool {
        let b = Int(v - MergedWords.ideographRange.lowerBound)
        return ideographs[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

}

/// The words found so far in a text being read position by position (`ProseText` probes each
/// position as it cuts the text into sentences).
struct FoundWords {
    let merged: MergedWords
    var found: [WordHit] = []
    /// Hits per slot, at slot + 1.
    var perSlot: [Int32]

    init(_ merged: MergedWords, length: Int) {
        self.merged = merged
        found.reserveCapacity(length / 2)
        perSlot = [Int32](repeating: 0, count: merged.slots + 1)
    }

    /// The words that start at `i`.
    @inline(__always) mutating func probe(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int) {
        merged.words(s, at: i) { slot, word, length in
            found.append(WordHit(slot: slot, position: Int32(i), length: Int16(length), word: Int16(word)))
            perSlot[Int(slot) + 1] += 1
        }
    }

    /// The hits grouped by table (a counting sort: each table's stay in text order).
    /// The hits grouped by table (a counting sort: each table's stay in text order). The counts
    /// become the starts in place, and the places being filled live on the stack.
    consuming func hits(covering covers: Range<Int>) -> WordHits {
        var starts = perSlot
        perSlot = []
        let slots = merged.slots
        let found = found
        let grouped = starts.withUnsafeMutableBufferPointer { starts in
            for k in 0..<slots { starts[k + 1] += starts[k] }
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots + 1) { fill in
                _ = fill.initialize(fromContentsOf: starts)
                return [WordHit](unsafeUninitializedCapacity: found.count) { out, count in
                    for hit in found {
                        out[Int(fill[Int(hit.slot)])] = hit
                        fill[Int(hit.slot)] += 1
                    }
                    count = found.count
                }
            }
        }
        return WordHits(hits: grouped, start: starts, covers: covers, slotOfID: merged.slotOfID, ids: merged.ids, longest: merged.longest)
    }
}

/// A word of a merged table found in a text.
struct WordHit {
    var slot: Int32
    var position: Int32
    var length: Int16
    /// The word's index in its table.
    var word: Int16
}

/// The words of every merged table found in one text: table k's are `hits[start[k]..<start[k + 1]]`,
/// in text order. Answers as the tables' scans would over the same text.
struct WordHits {
    let hits: [WordHit]
    let start: [Int32]
    /// The positions read: the whole text, or (a long text) the sentence or clause being read.
    let covers: Range<Int>
    /// `MergedWords`' slots by table number, carried here so that a question finds its table's
    /// slot without asking for the shared index each time.
    let slotOfID: UnsafePointer<Int32>
    let ids: Int
    let longest: Int

    /// The table's slot for a question about positions `r`, or -1 when the text was not read
    /// for the table there (then the table scans the text itself).
    @inline(__always) func slot(_ w: Words, covering r: Range<Int>) -> Int {
        guard r.lowerBound >= covers.lowerBound && r.upperBound <= covers.upperBound, w.id < ids else { return -1 }
        return Int(slotOfID[w.id])
    }

    /// Whether `r` was read for the merged tables.
    func covers(_ r: Range<Int>) -> Bool { r.lowerBound >= covers.lowerBound && r.upperBound <= covers.upperBound }

    /// The first hit of `slot` at or after `position`.
    @inline(__always) func lowerBound(_ slot: Int, _ position: Int) -> Int {
        var lo = Int(start[slot]), hi = Int(start[slot + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(hits[mid].position) < position { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func first(_ slot: Int, _ r: Range<Int>) -> Int? {
        var k = lowerBound(slot, r.lowerBound)
        let end = Int(start[slot + 1])
        while k < end {
            let p = Int(hits[k].position)
            guard p < r.upperBound else { return nil }
            if p + Int(hits[k].length) <= r.upperBound { return p }
            k += 1
        }
        return nil
    }

    func last(_ slot: Int, _ r: Range<Int>) -> Int? {
        var k = lowerBound(slot, r.upperBound) - 1
        let begin = Int(start[slot])
        while k >= begin {
            let p = Int(hits[k].position)
            guard p >= r.lowerBound else { return nil }
            if p + Int(hits[k].length) <= r.upperBound { return p }
            k -= 1
        }
        return nil
    }

    func ends(_ slot: Int, at end: Int, from lo: Int, longest: Int) -> Bool {
        var k = lowerBound(slot, max(lo, end - longest))
        let stop = Int(start[slot + 1])
        while k < stop, Int(hits[k].position) < end {
            if Int(hits[k].position) + Int(hits[k].length) == end { return true }
            k += 1
        }
        return false
    }

    /// The word found at `i` that fits before `end` and comes first in its table.
    func match(_ slot: Int, at i: Int, end: Int) -> (index: Int, length: Int)? {
        var k = lowerBound(slot, i)
        return match(slot, at: i, end: end, from: &k)
    }

    /// The same, `k` being a hit of the table at or before the first at `i` (left at the first
    /// hit at or after `i`), so that rising positions are answered without a search each.
    func match(_ slot: Int, at i: Int, end: Int, from k: inout Int) -> (index: Int, length: Int)? {
        let stop = Int(start[slot + 1])
        while k < stop, Int(hits[k].position) < i { k += 1 }
        var x = k
        var best: (index: Int, length: Int)? = nil
        while x < stop, Int(hits[x].position) == i {
            let h = hits[x]
            if i + Int(h.length) <= end, best == nil || Int(h.word) < best!.index { best = (Int(h.word), Int(h.length)) }
            x += 1
        }
        return best
    }
}

extension Words {
    /// Tables are numbered as they are made, so that `MergedWords` finds a table's slot by number.
    static let made = Atomic<Int>(0)

    func first(in t: ProseText, _ r: Range<Int>) -> Int? {
        let slot = t.words.slot(self, covering: r)
        return slot < 0 ? first(in: t.s, r) : t.words.first(slot, r)
    }

    func last(in t: ProseText, _ r: Range<Int>) -> Int? {
        let slot = t.words.slot(self, covering: r)
        return slot < 0 ? last(in: t.s, r) : t.words.last(slot, r)
    }

    func any(in t: ProseText, _ r: Range<Int>) -> Bool { first(in: t, r) != nil }

    func ends(_ t: ProseText, at end: Int, from lo: Int) -> Bool {
        let slot = lo <= end ? t.words.slot(self, covering: lo..<end) : -1
        return slot < 0 ? ends(t.s, at: end, from: lo) : t.words.ends(slot, at: end, from: lo, longest: t.words.longest)
    }

    func match(in t: ProseText, at i: Int, end: Int) -> (index: Int, length: Int)? {
        let slot = i >= 0 ? t.words.slot(self, covering: i..<(i + 1)) : -1
        return slot < 0 ? match(in: t.s, at: i, end: end) : t.words.match(slot, at: i, end: min(end, t.s.count))
    }
}

/// `Words.match` at rising positions of one text, each answered from where the last stopped.
struct RisingMatch {
    let table: Words
    let slot: Int
    var next: Int
    /// The position of the hit at `next` (the first at or after the last position asked), or
    /// `Int.max`: a position before it holds none of the words, answered without a look.
    var nextAt = 0

    init(_ table: Words, in t: borrowing ProseText, from position: Int) {
        self.table = table
        slot = position >= 0 ? t.words.slot(table, covering: position..<position) : -1
        next = slot < 0 ? 0 : t.words.lowerBound(slot, position)
    }

    @inline(__always) mutating func match(in t: ProseText, at i: Int, end: Int) -> (index: Int, length: Int)? {
        guard slot >= 0, i < t.words.covers.upperBound else { return table.match(in: t.s, at: i, end: end) }
        if i < nextAt { return nil }
        let found = t.words.match(slot, at: i, end: min(end, t.s.count), from: &next)
        nextAt = next < Int(t.words.start[slot + 1]) ? Int(t.words.hits[next].position) : Int.max
        return found
    }
}
