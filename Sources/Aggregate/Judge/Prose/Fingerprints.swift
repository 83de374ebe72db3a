/// One clause of 五 or 六 as the copy check compares it: a hash of the clause with enumerators,
/// connectors, figures, dates, punctuation and the unit's own name taken out, so that "一是" for
/// "首先", a changed year or a changed township name leaves it the same.
package struct ClausePrint: Sendable, Hashable {
    package var hash: UInt64
    /// Characters compared (after normalisation), at most 65,535.
    package var length: UInt16
    package var section: UInt8
    /// Bit 0: a sentence of the national format or the regulation (built-in list); bit 1: speaks of 信息处理费.
    package var marks: UInt8

    var isBuiltInTemplate: Bool { marks & 1 != 0 }
    var mentionsFee: Bool { marks & 2 != 0 }
}

/// A report's 五 and 六 as the copy check needs them: the clause prints in text order, and the
/// words of a few of its longest clauses to quote when it turns out to be copied.
package struct CopyPrints: Sendable, Hashable {
    package var clauses: [ClausePrint] = []
    /// Whether the text had more clauses than are compared.
    package var capped = false
    /// Whether a text was longer than `sampledFrom` and printed on its sample of clauses only
    /// (`inSample`): the copy check then measures both sides of a comparison on that sample.
    package var sampled = false
    /// (hash, first characters) of up to `quotesKept` of the longest clauses.
    package var quotes: [Quote] = []

    package struct Quote: Sendable, Hashable {
        package var hash: UInt64
        package var length: Int
        package var text: String
    }

    /// Clauses compared per report: a 3.9 MB narrative is compared on its first 4,096 clauses.
    package static let maximumClauses = 4096
    static let quotesKept = 2
    static let quoteLength = 20
    /// Characters of a long text read for words at once (the whole of a short text is read).
    static let readAhead = 4096
    /// Clauses shorter than this (after normalisation) are too common to say anything.
    static let minimumClause = 8
    /// Texts of more scalars than this are printed on a sample of their clauses. A real 五 or 六
    /// is one to three thousand characters; 16 Ki is five times the longest, so only texts no
    /// township writes by hand (a pasted document, a broken export) are sampled, and what one
    /// costs the copy check (its prints, their sorting and counting) stays bounded per text.
    static let sampledFrom = 16_384
    /// One clause in `sampleRate` (by hash) is kept of a sampled text.
    static let sampleRate = 8

    /// Whether a clause's hash is in the sample: the lowest eighth of the hash space, the same
    /// clauses in every text (a copied clause is kept in both or in neither). The copy check's
    /// sketch is a text's least hashes, so a sampled text has the sketch it would have whole.
    @inline(__always) static func inSample(_ hash: UInt64) -> Bool { hash < UInt64.max / UInt64(sampleRate) }

    static let enumeratorWords = Words(["首先", "其次", "再次", "最后", "另外", "此外", "同时", "另一方面", "然后", "并且", "而且", "与此同时", "还有", "其一", "其二", "其三"])
    static let selfWords = Words(["我镇", "本镇", "我乡", "本乡", "全镇", "全乡", "我街道", "本街道", "本单位", "我单位"])
    static let templateMarkers = Words(["统计期限", "本报告电子版", "查阅下载", "如对本报告", "如有疑问", "如对本年度报告", "联系方式", "联系电话", "联系地址",
                                  "通讯地址", "邮政编码", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议行政诉讼情况",
                                  "存在的主要问题及改进情况", "其他需要报告的事项", "本报告中所列数据", "年度报告格式", "本报告由"])
    static let regulation = Words(["政府信息公开条例"])
    static let compiled = Words(["编制", "要求", "规定", "根据", "印发"])
    static let fee = Words(["信息处理费"])
    /// The four tables above, asked of every clause at once (bits 0–3 of `tablesFound`).
    static let markers = MergedWords([templateMarkers, regulation, compiled, fee])

    /// Prints of one section's text, appended to `self`.
    mutating func add(_ t: ProseText, section: ProseSection, unitName: String) {
        let own = ProseText.scalars(unitName)
        // The longest clauses so far: earlier sections' as quotes, this one's as ranges, made into
        // words once the section is read.
        var kept: [(length: Int, hash: UInt64, quote: String?, range: Range<Int>)] = quotes.map { ($0.length, $0.hash, $0.text, 0..<0) }
        var norm: [Unicode.Scalar] = []
        // A long text is read for words a stretch of `readAhead` at a time, from the clause on.
        var read = t
        let sampling = t.s.count > CopyPrints.sampledFrom
        if sampling { sampled = true }
        do {
            for clause in t.allClauses {
                guard clauses.count < CopyPrints.maximumClauses else { capped = true; break }
                if !read.words.covers(clause) {
                    read = t.reading(clause.lowerBound..<max(clause.upperBound, min(t.s.count, clause.lowerBound + CopyPrints.readAhead)))
                }
                CopyPrints.normalize(read, clause, own: own, into: &norm)
                guard norm.count >= CopyPrints.minimumClause else { continue }
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for u in norm { h = (h ^ UInt64(u.value)) &* 0x0000_0100_0000_01B3 }
                h = Narratives.mix(h)
                if sampling && !CopyPrints.inSample(h) { continue }
                var marks: UInt8 = 0
                let found = norm.withUnsafeBufferPointer { CopyPrints.markers.tablesFound(in: $0) }
                if found & 1 != 0 || found & 0b110 == 0b110 { marks |= 1 }   // a template marker, or the regulation and 编制-type words
                if found & 0b1000 != 0 { marks |= 2 }
                clauses.append(ClausePrint(hash: h, length: UInt16(min(norm.count, Int(UInt16.max))), section: UInt8(section.rawValue), marks: marks))
                if kept.count < CopyPrints.quotesKept || norm.count > kept[kept.count - 1].length {
                    if kept.count == CopyPrints.quotesKept { kept.removeLast() }
                    let at = kept.firstIndex { $0.length < norm.count } ?? kept.count
                    kept.insert((norm.count, h, nil, clause), at: at)
                }
            }
        }
        quotes = kept.map { Quote(hash: $0.hash, length: $0.length, text: $0.quote ?? t.quote($0.range, limit: CopyPrints.quoteLength)) }
    }

    /// The clause as compared: CJK and Latin letters only, without a leading enumerator or
    /// connector, without the unit's own name and "我镇"-type words.
    static func normalize(_ t: borrowing ProseText, _ r: Range<Int>, own: [Unicode.Scalar], into out: inout [Unicode.Scalar]) {
        let s = t.s
        var a = r.lowerBound
        // Leading enumerators: "一是", "（二）", "3.", "第三，", "首先", "同时".
        var progress = true
        while progress && a < r.upperBound {
            progress = false
            while a < r.upperBound, !ProseText.isCJK(s[a]) && !ProseText.isAlphabetic(s[a]) { a += 1; progress = true }
            var n = a
            if n < r.upperBound, s[n] == "第" { n += 1 }
            var count = 0
            while n < r.upperBound, count < 3, isNumeral(s[n]) { n += 1; count += 1 }
            if count > 0, n < r.upperBound, s[n] == "是" || s[n] == "、" || s[n] == "）" || s[n] == ")" || s[n] == "，" || s[n] == "要" {
                a = n + 1; progress = true; continue
            }
            if count > 0, n < r.upperBound, !ProseText.isCJK(s[n]) { a = n; progress = true; continue }
            if a < r.upperBound, let (_, n) = enumeratorWords.match(in: t, at: a, end: r.upperBound) {
                a += n; progress = true
            }
        }
        out.removeAll(keepingCapacity: true)
        var i = a
        var selfWord = RisingMatch(selfWords, in: t, from: a)
        // The scalars kept are written to a buffer of their own and appended at once (an append
        // each cost half the walk), the text's read without a bounds check each.
        let own0 = own.first ?? Unicode.Scalar(0)
        s.withUnsafeBufferPointer { p in
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(1, r.upperBound - a)) { kept in
                var k = 0
                while i < r.upperBound {
                    let u = p[i]
                    if u == own0, !own.isEmpty, i + own.count <= r.upperBound, p[i..<(i + own.count)].elementsEqual(own) { i += own.count; continue }
                    if let (_, n) = selfWord.match(in: t, at: i, end: r.upperBound) {
                        i += n
                        continue
                    }
                    if ProseText.isCJK(u) || (ProseText.isAlphabetic(u) && !ProseText.isDigit(u) && u.value < 0x3000) {
                        kept[k] = u
                        k += 1
                    }
                    i += 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: kept[..<k]))
            }
        }
    }

    static func isNumeral(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }
}
