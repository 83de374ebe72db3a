/// The prose rules over the whole county: the findings each report's prose gave when it was read
/// (`Narrative.findings`), the names it calls itself by against the roster and the county
/// (wrongUnit), 敷衍 (perfunctory), 套话 (boilerplate) and 内容雷同 (copied).
///
/// 内容雷同 is measured as reviewers mean it: the share of 五 and 六's text, by characters, made of
/// clauses (other than templates) found in the counterpart (the township's own previous report, or another township's
/// of the year), after enumerators, connectors, figures, dates, punctuation and the unit's own
/// name are taken out. Clauses every township writes — the national format's and the
/// regulation's (a built-in list) and those learned from the year's reports (found in at least
/// `templateShare` of the townships and at least `templateMinimum` of them) — do not count.
/// Candidates among townships share one of the `sketchSize` least clause hashes; each text is
/// normalised and split once (when decoded), so the work is linear in the total text. A text
/// longer than `CopyPrints.sampledFrom` keeps the prints of its sample of clauses only (the lowest
/// eighth of the hashes): a comparison with it is of both sides' sample, and its flag says so;
/// the templates are learned from what the texts keep.
package enum Narratives {
    static let templateShare = 0.05
    static let templateMinimum = 3
    static let sketchSize = 16
    /// Buckets up to this size are compared pair by pair; larger ones by sorted neighbourhood.
    static let largeBucket = 64
    static let neighbourWindow = 8
    /// A copy must cover at least this many characters and this share of the whole text,
    /// templates included (a text of templates and one shared phrase is not a copy).
    static let minimumCopied = 60
    static let minimumCopiedShare = 0.5

    /// The text as counted for 敷衍: letters and digits only.
    package static func normalized(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count / 3 + 8)
        for u in text.unicodeScalars {
            switch u.value {
            case 0x4E00...0x9FFF, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: out.append(u)   // CJK, ASCII letters and digits
            case 0...0x7F, 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20: continue      // ASCII and CJK punctuation
            default: if u.properties.isAlphabetic || u.properties.numericType != nil { out.append(u) }
            }
        }
        return out
    }

    /// How many letters and digits `normalized` keeps, without keeping them: the definition
    /// `ProseText.letters` (五's length, counted as the text is cut) is held to in the tests.
    static func counted(_ text: String) -> Int {
        var n = 0
        for u in text.unicodeScalars where counts(u) { n += 1 }
        return n
    }

    /// Whether `u` is a letter or digit `counted` counts (white space out and full-width digits
    /// made ASCII, as a `ProseText` keeps them, change nothing counted).
    @inline(__always) static func counts(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x4E00...0x9FFF, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0...0x7F, 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20: return false
        default: return u.properties.isAlphabetic || u.properties.numericType != nil
        }
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One township's report with its previous year's.
    package struct Input: Sendable {
        package var name: String
        package var report: Report
        package var previous: Report?
        package init(name: String, report: Report, previous: Report?) {
            self.name = name
            self.report = report
            self.previous = previous
        }
    }

    /// The template clauses: the built-in list's and those learned from the year's reports.
    struct Templates: Sendable {
        let learned: Set<UInt64>
        func callAsFunction(_ c: ClausePrint) -> Bool { c.isBuiltInTemplate || learned.contains(c.hash) }
    }

    /// What one report offers to compare: its clauses that are not templates.
    struct Compared: Sendable {
        /// Sorted, without repeats.
        var keys: [UInt64] = []
        /// Characters of each key's clauses (a clause repeated counts each time), as `keys`.
        var weights: [Int] = []
        /// Characters of the clauses that are not templates (the share is of these)…
        var total = 0
        /// …and of all clauses: a copy must make up `minimumCopiedShare` of the whole text.
        var all = 0
        /// Whether a text of the report was sampled (`CopyPrints.sampled`): a comparison with it
        /// is measured on the sample of both sides, which is the first `sampleKeys` of `keys`
        /// (`CopyPrints.inSample` keeps the lowest hashes), of `sampleTotal` and `sampleAll` characters.
        var sampled = false
        var sampleKeys = 0
        var sampleTotal = 0
        var sampleAll = 0
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded(.down)))%" }

    /// The prose flags of every input, in input order. `roster` holds the roster townships' names
    /// and `county` the county's (for wrongUnit).
    ///
    /// Every step that looks at one report (or one candidate pair) runs on every core; what is
    /// left on one thread (learning templates, gathering the pairs) is linear in the clauses.
    package static func flags(_ inputs: [Input], settings: County.Settings, roster: [String] = [], county: String = "") -> [[Flag]] {
        let threshold = settings.copiedThreshold
        let minimum = settings.perfunctoryMinimumLength
        let rosterNames = Names(roster)
        // What each report alone decides, and its clause hashes once each (to learn templates by).
        let alone: [(flags: [Flag], hashes: [UInt64])] = parallelMap(count: inputs.count) { i in
            // (Each input read in place: a copy of the whole report retains every field of it.)
            let n = inputs[i].report.narrative
            var hashes = n.prints.clauses.map(\.hash)
            hashes.sort()
            hashes.removeAdjacentDuplicates()
            // Only reports that carry prose at all are judged on it.
            guard n.isGiven else { return ([], hashes) }
            var flags = n.findings
            flags += unitFlags(n, own: [inputs[i].report.unit.name, inputs[i].name], roster: rosterNames, county: county)
            if n.problemsLength < minimum {
                flags.append(Flag(.perfunctory, .warning, path: "narrative.problems",
                                  "五、存在的主要问题及改进情况仅\(n.problemsLength)字（少于\(minimum)字），内容过于简略"))
            }
            if !n.otherMattersMentionFee {
                flags.append(Flag(.perfunctory, .warning, path: "narrative.otherMatters",
                                  "六、其他需要报告的事项未说明信息处理费收取情况"))
            }
            return (flags, hashes)
        }

        // Templates: clauses found in a large share of the year's townships.
        let isTemplate = Templates(learned: learnTemplates(alone.map(\.hashes)))
        // Each report's compared clauses, its 套话 sections, and its copy of its own previous year.
        let own: [(compared: Compared, flags: [Flag])] = parallelMap(count: inputs.count) { i in
            let prints = inputs[i].report.narrative.prints
            let compared = compare(prints, isTemplate)
            var flags: [Flag] = []
            for section in [ProseSection.problems, .otherMatters] {
                let clauses = prints.clauses.filter { $0.section == UInt8(section.rawValue) }
                guard !clauses.isEmpty, clauses.allSatisfy(isTemplate.callAsFunction) else { continue }
                if section == .otherMatters && clauses.contains(where: \.mentionsFee) { continue }
                flags.append(Flag(.boilerplate, .warning, path: section.path,
                                  "\(section.title)全部为各乡镇通用的套话（共\(clauses.count)句，如“\(quotes(prints, clauses.map(\.hash)).first ?? "")”），未写明本单位的具体情况"))
            }
            if let theirPrints = inputs[i].previous?.narrative.prints, !theirPrints.clauses.isEmpty {
                var theirs = theirPrints.clauses.map(\.hash)
                theirs.sort()
                let sampled = prints.sampled || theirPrints.sampled
                let (s, copied) = share(compared, theirs, sampled: sampled)
                if s >= threshold, substantial(copied, compared, sampled: sampled), let previous = inputs[i].previous {
                    flags.append(copiedFlag(inputs[i].report, s, threshold, counterpart: "本乡镇\(previous.year)年报告（\(inMessage(previous.file))）",
                                            other: theirPrints, isTemplate))
                }
            }
            return (compared, flags)
        }
        let compared = own.map(\.compared)

        // Among townships of the year: candidates share a sketch hash, then are measured exactly.
        let list = candidatePairs(compared, screen: max(0, threshold - 0.3))
        let measured: [((Double, Int), (Double, Int))] = parallelMap(count: list.count) { k in
            let a = Int(list[k] >> 32), b = Int(list[k] & 0xFFFF_FFFF)
            let sampled = compared[a].sampled || compared[b].sampled
            return (share(compared[a], compared[b].keys, sampled: sampled), share(compared[b], compared[a].keys, sampled: sampled))
        }
        var best = [(Double, Int)?](repeating: nil, count: inputs.count)
        for (k, p) in list.enumerated() {
            let a = Int(p >> 32), b = Int(p & 0xFFFF_FFFF)
            let ((sa, ca), (sb, cb)) = measured[k]
            let sampled = compared[a].sampled || compared[b].sampled
            if sa >= threshold, substantial(ca, compared[a], sampled: sampled), (best[a]?.0 ?? -1) < sa { best[a] = (sa, b) }
            if sb >= threshold, substantial(cb, compared[b], sampled: sampled), (best[b]?.0 ?? -1) < sb { best[b] = (sb, a) }
        }
        let matches = best.indices.compactMap { i in best[i].map { (i, $0.0, $0.1) } }
        let copiedFlags: [Flag] = parallelMap(count: matches.count) { k in
            let (i, s, j) = matches[k]
            return copiedFlag(inputs[i].report, s, threshold, counterpart: "\(inMessage(inputs[j].name))报告（\(inMessage(inputs[j].report.file))）",
                              other: inputs[j].report.narrative.prints, isTemplate)
        }
        var out = alone.map(\.flags)
        for i in out.indices where !own[i].flags.isEmpty { out[i] += own[i].flags }
        for (k, match) in matches.enumerated() { out[match.0].append(copiedFlags[k]) }
        return out
    }

    /// The pairs of reports worth measuring, as `a << 32 | b` (a < b), sorted: those that share
    /// one of their `sketchSize` least clause hashes and whose sketches say they may reach the
    /// threshold (`screen`: the share of one text's sketch found in the other's clauses). A hash
    /// shared by up to `largeBucket` reports pairs them all; a larger crowd of near-identical
    /// texts is sorted by sketch and each compared with its `neighbourWindow` next ones. The
    /// buckets are screened on every core; a pair found in several is kept once.
    static func candidatePairs(_ compared: [Compared], screen: Double) -> [Int64] {
        var sketched: [(key: UInt64, text: Int32)] = []
        for (i, c) in compared.enumerated() where !c.keys.isEmpty {
            for k in c.keys.prefix(sketchSize) { sketched.append((k, Int32(i))) }
        }
        sketched.sort { ($0.key, $0.text) < ($1.key, $1.text) }
        let entries = sketched
        var found: [Range<Int>] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].key == entries[start].key { end += 1 }
            if end - start > 1 { found.append(start..<end) }
            start = end
        }
        let buckets = found
        @Sendable func estimate(_ x: Int, _ y: Int) -> Double {
            // Against a sampled text, only the sketch's hashes in the sample can be found.
            let sketch = compared[x].keys.prefix(compared[y].sampled ? min(sketchSize, compared[x].sampleKeys) : sketchSize)
            guard !sketch.isEmpty else { return 0 }
            var found = 0
            for k in sketch where contains(compared[y].keys, k) { found += 1 }
            return Double(found) / Double(sketch.count)
        }
        let perBucket: [[Int64]] = parallelMap(count: buckets.count) { b in
            let members = entries[buckets[b]].map { Int($0.text) }
            var kept: [Int64] = []
            func pair(_ x: Int, _ y: Int) {
                guard x != y, estimate(x, y) >= screen || estimate(y, x) >= screen else { return }
                kept.append(Int64(min(x, y)) << 32 | Int64(max(x, y)))
            }
            if members.count <= largeBucket {
                for x in 0..<members.count { for y in (x + 1)..<members.count { pair(members[x], members[y]) } }
            } else {
                // A crowd of near-identical texts: sorted by sketch, each compared with its neighbours.
                let sorted = members.sorted {
                    let a = compared[$0].keys.prefix(sketchSize), b = compared[$1].keys.prefix(sketchSize)
                    return a.lexicographicallyPrecedes(b) || (a.elementsEqual(b) && $0 < $1)
                }
                for x in 0..<sorted.count {
                    for y in (x + 1)..<min(sorted.count, x + 1 + neighbourWindow) { pair(sorted[x], sorted[y]) }
                }
            }
            return kept
        }
        var list: [Int64] = []
        list.reserveCapacity(perBucket.reduce(0) { $0 + $1.count })
        for p in perBucket { list += p }
        list.sort()
        list.removeAdjacentDuplicates()
        return list
    }

    /// Hashes of clauses found in at least `templateShare` of the townships (and `templateMinimum`),
    /// from each township's clause hashes (sorted, each once). Counted in a table of its own per
    /// slice of the hash space, the slices on every core.
    static func learnTemplates(_ hashes: [[UInt64]]) -> Set<UInt64> {
        let counted = hashes.filter { !$0.isEmpty }.count
        let needed = max(templateMinimum, Int((Double(counted) * templateShare).rounded(.up)))
        guard counted >= needed else { return [] }
        let total = hashes.reduce(0) { $0 + $1.count }
        let sliceBits = 2
        let found: [[UInt64]] = parallelMap(count: 1 << sliceBits) { slice in
            var table = HashCounts(capacity: total >> sliceBits + 16)
            for list in hashes {
                for h in list where Int(h >> UInt64(64 - sliceBits)) == slice { table.add(h) }
            }
            return table.keys(countedAtLeast: needed)
        }
        var out = Set<UInt64>()
        for f in found { out.formUnion(f) }
        return out
    }

    /// How many times each clause hash was added: open addressing on the hash's own low bits
    /// (the hashes are mixed already), for the few hundred thousand clauses of a national run.
    struct HashCounts {
        private var slots: [UInt64]
        private var counts: [Int32]
        private var mask: Int
        private var used = 0

        init(capacity: Int) {
            var size = 16
            while size < capacity * 2 { size <<= 1 }
            slots = [UInt64](repeating: 0, count: size)
            counts = [Int32](repeating: 0, count: size)
            mask = size - 1
        }

        mutating func add(_ h: UInt64) {
            var k = Int(truncatingIfNeeded: h) & mask
            while counts[k] != 0 && slots[k] != h { k = (k + 1) & mask }
            if counts[k] == 0 {
                used += 1
                if used * 2 > slots.count {
                    grow()
                    add(h)
                    return
                }
            }
            slots[k] = h
            counts[k] += 1
        }

        /// Twice the slots, when half are taken (hashes that crowd one slice of the space).
        private mutating func grow() {
            let old = zip(slots, counts).filter { $0.1 != 0 }
            self = HashCounts(capacity: slots.count)
            for (h, n) in old {
                var k = Int(truncatingIfNeeded: h) & mask
                while counts[k] != 0 { k = (k + 1) & mask }
                slots[k] = h
                counts[k] = n
                used += 1
            }
        }

        func keys(countedAtLeast n: Int) -> [UInt64] {
            var out: [UInt64] = []
            for k in counts.indices where counts[k] >= n { out.append(slots[k]) }
            return out
        }
    }

    /// The report's clauses read once: the keys that are not templates, with their characters.
    static func compare(_ p: CopyPrints, _ isTemplate: Templates) -> Compared {
        var c = Compared()
        var kept: [(hash: UInt64, length: Int)] = []
        kept.reserveCapacity(p.clauses.count)
        c.sampled = p.sampled
        for clause in p.clauses {
            let inSample = CopyPrints.inSample(clause.hash)
            c.all += Int(clause.length)
            if inSample { c.sampleAll += Int(clause.length) }
            if !isTemplate(clause) {
                kept.append((clause.hash, Int(clause.length)))
                c.total += Int(clause.length)
                if inSample { c.sampleTotal += Int(clause.length) }
            }
        }
        kept.sort { $0.hash < $1.hash }
        c.keys.reserveCapacity(kept.count)
        c.weights.reserveCapacity(kept.count)
        for k in kept {
            if let last = c.keys.last, last == k.hash { c.weights[c.weights.count - 1] += k.length } else {
                c.keys.append(k.hash)
                c.weights.append(k.length)
                if CopyPrints.inSample(k.hash) { c.sampleKeys += 1 }
            }
        }
        return c
    }

    /// Whether `copied` characters make a copy of `c`; `sampled`: characters of the sample, which
    /// stand for `sampleRate` times as many.
    static func substantial(_ copied: Int, _ c: Compared, sampled: Bool = false) -> Bool {
        guard sampled else { return copied >= minimumCopied && Double(copied) >= minimumCopiedShare * Double(c.all) }
        return copied * CopyPrints.sampleRate >= minimumCopied && Double(copied) >= minimumCopiedShare * Double(c.sampleAll)
    }

    static func contains(_ sorted: [UInt64], _ x: UInt64) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == x
    }

    /// The share of `c`'s compared characters whose clauses are among `found` (sorted hashes), and
    /// those characters: one walk along both sorted lists. `sampled`: of `c`'s sample only (one
    /// side or both were sampled, `found` holds at most the sample's hashes that it has).
    static func share(_ c: Compared, _ found: [UInt64], sampled: Bool = false) -> (Double, Int) {
        let total = sampled ? c.sampleTotal : c.total, keys = sampled ? c.sampleKeys : c.keys.count
        guard total > 0 else { return (0, 0) }
        var copied = 0
        var i = 0, j = 0
        while i < keys && j < found.count {
            let x = c.keys[i], y = found[j]
            if x < y { i += 1 } else if y < x { j += 1 } else {
                copied += c.weights[i]
                i += 1
                j += 1
                while j < found.count && found[j] == x { j += 1 }
            }
        }
        return (Double(copied) / Double(total), copied)
    }

    /// Words of up to three of `hashes`' clauses, from either report's kept quotes.
    static func quotes(_ p: CopyPrints, _ hashes: [UInt64], other: CopyPrints? = nil) -> [String] {
        let wanted = Set(hashes)
        var out: [String] = []
        for q in p.quotes + (other?.quotes ?? []) where wanted.contains(q.hash) && !out.contains(q.text) && out.count < 3 {
            out.append(q.text)
        }
        return out
    }

    static func copiedFlag(_ report: Report, _ s: Double, _ threshold: Double, counterpart: String, other: CopyPrints,
                           _ isTemplate: Templates) -> Flag {
        let mine = report.narrative.prints
        let theirs = Set(other.clauses.map(\.hash))
        let copied = mine.clauses.filter { !isTemplate($0) && theirs.contains($0.hash) }.map(\.hash)
        let shown = quotes(mine, copied, other: other).map { "“\($0)”" }.joined(separator: "、")
        let cut = mine.capped || other.capped
        let firstClauses = "仅比较前\(CopyPrints.maximumClauses)句"
        // The measure of a sampled text is of its sample, and says so.
        let part = mine.sampled || other.sampled ? "（文本过长，按句抽样比较约1/\(CopyPrints.sampleRate)的文字\(cut ? "，抽样中" + firstClauses : "")）"
            : cut ? "（文本过长，\(firstClauses)）" : ""
        return Flag(.copied, .warning, path: report.narrative.hasProblems ? "narrative.problems" : "narrative.otherMatters",
                    "五、六部分\(percent(s))的文字（不计通用套话）与\(counterpart)相同（阈值\(percent(threshold))）\(part)\(shown.isEmpty ? "" : "，如\(shown)")")
    }

    /// wrongUnit from the places the report names itself: another roster township's name, another county's.
    static func unitFlags(_ n: Narrative, own ownNames: [String], roster: Names, county: String) -> [Flag] {
        var out: [Flag] = []
        var township = false, otherCounty = false
        let own = OwnNames(ownNames)
        for c in n.selfNames {
            switch c.kind {
            case .before, .subject:
                guard !township else { continue }
                let atStart = c.text.hasPrefix("^")
                let text = atStart ? String(c.text.dropFirst()) : c.text
                guard let named = rosterName(ending: text, atStart: atStart || c.kind == .subject, own: own, roster: roster) else { continue }
                township = true
                out.append(Flag(.wrongUnit, .warning, path: c.section.path,
                                "\(c.section.title)“\(c.quote)”：以“\(named)”自称，而本报告是\(ownNames[0])的报告"))
            case .county:
                guard !otherCounty, !county.isEmpty, !c.text.hasSuffix(county) else { continue }
                let before = Array(c.text.dropLast())
                guard before.count >= 2, let last = before.last, !"本全该我各此市省".contains(last),
                      before.suffix(2).allSatisfy({ $0.unicodeScalars.allSatisfy(ProseText.isCJK) }) else { continue }
                otherCounty = true
                out.append(Flag(.wrongUnit, .warning, path: c.section.path,
                                "\(c.section.title)“\(c.quote)”：本单位所属县写作“\(c.text)”，本县为\(county)"))
            }
        }
        return out
    }

    /// The longest roster name `text` ends with (of 2 to 8 characters), standing alone: the whole
    /// stretch (when `whole` allows it: at the start of a sentence, a sentence's subject, or 8
    /// characters), or after 与/向/由 or a county's or city's name. Nil when the longest name it
    /// ends with is the report's own, or stands in a longer word.
    static func rosterName(ending text: String, atStart whole: Bool, own: OwnNames, roster: Names) -> String? {
        if let scalars = Names.plainScalars(text) {
            // One character per scalar: the names are compared by their scalars.
            guard scalars.count >= 2 else { return nil }
            for l in (2...min(8, scalars.count)).reversed() {
                let tail = scalars[(scalars.count - l)...]
                if own.contains(plain: tail) { return nil }
                guard roster.contains(plain: tail) else { continue }
                let alone = l == scalars.count ? (whole || scalars.count == 8) : "与向由县区市".unicodeScalars.contains(scalars[scalars.count - l - 1])
                return alone ? String(String.UnicodeScalarView(tail)) : nil
            }
            return nil
        }
        let chars = Array(text)
        guard chars.count >= 2 else { return nil }
        for l in (2...min(8, chars.count)).reversed() {
            let tail = String(chars[(chars.count - l)...])
            if own.names.contains(tail) { return nil }
            guard roster.all.contains(tail) else { continue }
            let alone = l == chars.count ? (whole || chars.count == 8) : "与向由县区市".contains(chars[chars.count - l - 1])
            return alone ? tail : nil
        }
        return nil
    }

    /// Names to find stretches of prose among, as `Set<String>` finds them (canonically
    /// equivalent strings are equal), and without hashing a String for each stretch: a stretch
    /// made only of `plainScalars` (each its own character and its own canonical decomposition)
    /// equals a name of the same scalars and no other plain
    /// name, so plain names are kept by their scalars (16 bits each); any other name is asked as a String.
    struct Names: Sendable {
        let all: Set<String>
        /// Plain names of up to 8 scalars, packed 16 bits a scalar.
        private let plain: Set<Packed>
        /// The names that are not plain, which a plain stretch may still equal.
        private let other: Set<String>

        struct Packed: Hashable, Sendable {
            var low: UInt64 = 0, high: UInt64 = 0, count = 0
            init<C: Collection>(_ scalars: C) where C.Element == Unicode.Scalar {
                for (k, u) in scalars.enumerated() {
                    if k < 4 { low |= UInt64(u.value) << UInt64(16 * k) } else { high |= UInt64(u.value) << UInt64(16 * (k - 4)) }
                }
                count = scalars.count
            }
        }

        init<S: Sequence>(_ names: S) where S.Element == String {
            all = Set(names)
            var plain = Set<Packed>(), other = Set<String>()
            for name in all {
                if let scalars = Self.plainScalars(name) {
                    if scalars.count <= 8 { plain.insert(Packed(scalars)) }
                } else {
                    other.insert(name)
                }
            }
            self.plain = plain
            self.other = other
        }

        /// The scalars of `text` when each is plain: printable ASCII, general punctuation (‐ to ‧),
        /// CJK punctuation (before its combining marks), a CJK ideograph or a full-width form —
        /// none decomposes canonically, has a combining class or joins another in a character
        /// (ProseNameLookupTests checks each); else nil.
        static func plainScalars(_ text: String) -> [Unicode.Scalar]? {
            var out: [Unicode.Scalar] = []
            for u in text.unicodeScalars {
                guard isPlain(u) else { return nil }
                out.append(u)
            }
            return out
        }

        static func isPlain(_ u: Unicode.Scalar) -> Bool {
            switch u.value {
            case 0x20...0x7E, 0x2010...0x2027, 0x3000...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return true
            default: return false
            }
        }

        func contains(plain tail: ArraySlice<Unicode.Scalar>) -> Bool {
            if tail.count <= 8, plain.contains(Packed(tail)) { return true }
            return !other.isEmpty && other.contains(String(String.UnicodeScalarView(tail)))
        }
    }

    /// The report's own names (its unit's and its township's), asked the way `Names` is.
    struct OwnNames {
        let names: [String]
        let plain: [[Unicode.Scalar]?]
        init(_ names: [String]) {
            self.names = names
            plain = names.map(Names.plainScalars)
        }
        func contains(plain tail: ArraySlice<Unicode.Scalar>) -> Bool {
            for (name, scalars) in zip(names, plain) {
                if let scalars { if scalars.elementsEqual(tail) { return true } } else if name == String(String.UnicodeScalarView(tail)) { return true }
            }
            return false
        }
    }
}

extension Array where Element: Equatable {
    /// Keeps the first of each run of equal elements (a sorted array then holds each once).
    mutating func removeAdjacentDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for k in 1..<count where self[k] != self[kept - 1] {
            self[kept] = self[k]
            kept += 1
        }
        removeLast(count - kept)
    }
}

/// How much of a report's prose a run reads.
package enum ProseReading: Sendable {
    /// Everything the prose checks ask (the reports of the year judged).
    case all
    /// Only 五 and 六's clause prints (`CopyPrints`), which the copy check compares with: the
    /// previous year's reports are never judged on their prose, so their statements, dates and
    /// names are not read (`findings` and `selfNames` stay empty).
    case copyPrints
}

extension Narrative {
    package init(overview: String?, problems: String?, otherMatters: String?, unit: String, table: TableView?, reading: ProseReading) {
        self.init(kept: overview.map(KeptProse.init), problems: problems.map(KeptProse.init), otherMatters: otherMatters,
                  unit: unit, table: table, reading: reading)
    }

    init(kept overview: KeptProse?, problems: KeptProse?, otherMatters: String?, unit: String, table: TableView?, reading: ProseReading) {
        switch reading {
        case .all: self.init(kept: overview, problems: problems, otherMatters: otherMatters, unit: unit, table: table)
        case .copyPrints: self.init(copyPrintsOf: overview, problems: problems, otherMatters: otherMatters, unit: unit)
        }
    }

    init(copyPrintsOf overview: KeptProse?, problems: KeptProse?, otherMatters: String?, unit: String) {
        hasOverview = overview != nil
        hasProblems = problems != nil
        hasOtherMatters = otherMatters != nil
        problemsLength = 0
        otherMattersMentionFee = false
        findings = []
        selfNames = []
        prints = CopyPrints()
        if let problems, !problems.isEmpty {
            let prose = ProseText(kept: problems.scalars, words: .copyPrints)
            problemsLength = prose.letters
            prints.add(prose, section: .problems, unitName: unit)
        }
        if let otherMatters, !otherMatters.isEmpty {
            prints.add(ProseText(otherMatters, words: .copyPrints), section: .otherMatters, unitName: unit)
        }
        otherMattersMentionFee = otherMatters.map(Narrative.mentionsFee) ?? false
    }
}
