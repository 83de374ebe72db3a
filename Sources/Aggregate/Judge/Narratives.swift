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
/// normalised and split once (when decoded), so the work is linear in the total text.
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

    /// How many letters and digits `normalized` keeps, without keeping them.
    static func counted(_ text: String) -> Int { counted(text.unicodeScalars) }

    /// The same count over scalars already read (a `ProseText`'s: white space out and full-width
    /// digits made ASCII changes nothing counted).
    static func counted<S: Sequence>(_ scalars: S) -> Int where S.Element == Unicode.Scalar {
        var n = 0
        for u in scalars {
            switch u.value {
            case 0x4E00...0x9FFF, 0x30...0x39, 0x41...0x5A, 0x61...0x7A: n += 1
            case 0...0x7F, 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20: continue
            default: if u.properties.isAlphabetic || u.properties.numericType != nil { n += 1 }
            }
        }
        return n
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
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded(.down)))%" }

    /// The prose flags of every input, in input order. `roster` holds the roster townships' names
    /// and `county` the county's (for wrongUnit).
    package static func flags(_ inputs: [Input], settings: County.Settings, roster: [String] = [], county: String = "") -> [[Flag]] {
        let threshold = settings.copiedThreshold
        let minimum = settings.perfunctoryMinimumLength
        let rosterSet = Set(roster)
        var out: [[Flag]] = parallelMap(count: inputs.count) { i in
            let input = inputs[i]
            let n = input.report.narrative
            // Only reports that carry prose at all are judged on it.
            guard n.isGiven else { return [] }
            var flags = n.findings
            flags += unitFlags(n, own: [input.report.unit.name, input.name], roster: rosterSet, county: county)
            if n.problemsLength < minimum {
                flags.append(Flag(.perfunctory, .warning, path: "narrative.problems",
                                  "五、存在的主要问题及改进情况仅\(n.problemsLength)字（少于\(minimum)字），内容过于简略"))
            }
            if !n.otherMattersMentionFee {
                flags.append(Flag(.perfunctory, .warning, path: "narrative.otherMatters",
                                  "六、其他需要报告的事项未说明信息处理费收取情况"))
            }
            return flags
        }

        // Templates: clauses found in a large share of the year's townships.
        let isTemplate = Templates(learned: learnTemplates(inputs.map(\.report.narrative.prints)))
        let compared: [Compared] = parallelMap(count: inputs.count) { i in compare(inputs[i].report.narrative.prints, isTemplate) }

        for (i, input) in inputs.enumerated() {
            let prints = input.report.narrative.prints
            for section in [ProseSection.problems, .otherMatters] {
                let clauses = prints.clauses.filter { $0.section == UInt8(section.rawValue) }
                guard !clauses.isEmpty, clauses.allSatisfy(isTemplate.callAsFunction) else { continue }
                if section == .otherMatters && clauses.contains(where: \.mentionsFee) { continue }
                out[i].append(Flag(.boilerplate, .warning, path: section.path,
                                   "\(section.title)全部为各乡镇通用的套话（共\(clauses.count)句，如“\(quotes(prints, prints.clauses.filter { $0.section == UInt8(section.rawValue) }.map(\.hash)).first ?? "")”），未写明本单位的具体情况"))
            }
        }

        // Own previous year.
        let own: [(Double, Int)?] = parallelMap(count: inputs.count) { i in
            guard let previous = inputs[i].previous?.narrative.prints, !previous.clauses.isEmpty else { return nil }
            var theirs = previous.clauses.map(\.hash)
            theirs.sort()
            return share(compared[i], theirs)
        }
        for (i, input) in inputs.enumerated() {
            guard let (s, copied) = own[i], s >= threshold, substantial(copied, compared[i]), let previous = input.previous else { continue }
            out[i].append(copiedFlag(input.report, s, threshold, counterpart: "本乡镇\(previous.year)年报告（\(inMessage(previous.file))）",
                                     other: previous.narrative.prints, isTemplate))
        }

        // Among townships of the year: candidates share a sketch hash, then are measured exactly.
        var entries: [(key: UInt64, text: Int32)] = []
        for (i, c) in compared.enumerated() where !c.keys.isEmpty {
            for k in c.keys.prefix(sketchSize) { entries.append((k, Int32(i))) }
        }
        entries.sort { ($0.key, $0.text) < ($1.key, $1.text) }
        // Each candidate pair is screened at once on the sketch (the share of one text's sketch
        // found in the other's clauses); only those that may reach the threshold are kept.
        let screen = max(0, threshold - 0.3)
        func estimate(_ x: Int, _ y: Int) -> Double {
            let sketch = compared[x].keys.prefix(sketchSize)
            guard !sketch.isEmpty else { return 0 }
            return Double(sketch.filter { contains(compared[y].keys, $0) }.count) / Double(sketch.count)
        }
        var pairs = Set<Int64>()
        func pair(_ x: Int, _ y: Int) {
            guard x != y else { return }
            let key = Int64(min(x, y)) << 32 | Int64(max(x, y))
            guard !pairs.contains(key), estimate(x, y) >= screen || estimate(y, x) >= screen else { return }
            pairs.insert(key)
        }
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].key == entries[start].key { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            let members = entries[start..<end].map { Int($0.text) }
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
        }
        let list = pairs.sorted()
        let measured: [((Double, Int), (Double, Int))] = parallelMap(count: list.count) { k in
            let a = Int(list[k] >> 32), b = Int(list[k] & 0xFFFF_FFFF)
            return (share(compared[a], compared[b].keys), share(compared[b], compared[a].keys))
        }
        var best = [(Double, Int)?](repeating: nil, count: inputs.count)
        for (k, p) in list.enumerated() {
            let a = Int(p >> 32), b = Int(p & 0xFFFF_FFFF)
            let ((sa, ca), (sb, cb)) = measured[k]
            if sa >= threshold, substantial(ca, compared[a]), (best[a]?.0 ?? -1) < sa { best[a] = (sa, b) }
            if sb >= threshold, substantial(cb, compared[b]), (best[b]?.0 ?? -1) < sb { best[b] = (sb, a) }
        }
        for (i, match) in best.enumerated() {
            guard let (s, j) = match else { continue }
            out[i].append(copiedFlag(inputs[i].report, s, threshold, counterpart: "\(inMessage(inputs[j].name))报告（\(inMessage(inputs[j].report.file))）",
                                     other: inputs[j].report.narrative.prints, isTemplate))
        }
        return out
    }

    /// Hashes of clauses found in at least `templateShare` of the townships (and `templateMinimum`).
    static func learnTemplates(_ prints: [CopyPrints]) -> Set<UInt64> {
        let counted = prints.filter { !$0.clauses.isEmpty }.count
        let needed = max(templateMinimum, Int((Double(counted) * templateShare).rounded(.up)))
        guard counted >= needed else { return [] }
        var entries: [(UInt64, Int32)] = []
        for (i, p) in prints.enumerated() { for c in p.clauses { entries.append((c.hash, Int32(i))) } }
        entries.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var out = Set<UInt64>()
        var k = 0
        while k < entries.count {
            var e = k, townships = 0
            while e < entries.count && entries[e].0 == entries[k].0 {
                if e == k || entries[e].1 != entries[e - 1].1 { townships += 1 }
                e += 1
            }
            if townships >= needed { out.insert(entries[k].0) }
            k = e
        }
        return out
    }

    /// The report's clauses read once: the keys that are not templates, with their characters.
    static func compare(_ p: CopyPrints, _ isTemplate: Templates) -> Compared {
        var c = Compared()
        var kept: [(hash: UInt64, length: Int)] = []
        kept.reserveCapacity(p.clauses.count)
        for clause in p.clauses {
            c.all += Int(clause.length)
            if !isTemplate(clause) {
                kept.append((clause.hash, Int(clause.length)))
                c.total += Int(clause.length)
            }
        }
        kept.sort { $0.hash < $1.hash }
        c.keys.reserveCapacity(kept.count)
        c.weights.reserveCapacity(kept.count)
        for k in kept {
            if let last = c.keys.last, last == k.hash { c.weights[c.weights.count - 1] += k.length } else {
                c.keys.append(k.hash)
                c.weights.append(k.length)
            }
        }
        return c
    }

    static func substantial(_ copied: Int, _ c: Compared) -> Bool {
        copied >= minimumCopied && Double(copied) >= minimumCopiedShare * Double(c.all)
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
    /// those characters: one walk along both sorted lists.
    static func share(_ c: Compared, _ found: [UInt64]) -> (Double, Int) {
        guard c.total > 0 else { return (0, 0) }
        var copied = 0
        var i = 0, j = 0
        while i < c.keys.count && j < found.count {
            let x = c.keys[i], y = found[j]
            if x < y { i += 1 } else if y < x { j += 1 } else {
                copied += c.weights[i]
                i += 1
                j += 1
                while j < found.count && found[j] == x { j += 1 }
            }
        }
        return (Double(copied) / Double(c.total), copied)
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
        let capped = mine.capped || other.capped ? "（文本过长，仅比较前\(CopyPrints.maximumClauses)句）" : ""
        return Flag(.copied, .warning, path: report.narrative.hasProblems ? "narrative.problems" : "narrative.otherMatters",
                    "五、六部分\(percent(s))的文字（不计通用套话）与\(counterpart)相同（阈值\(percent(threshold))）\(capped)\(shown.isEmpty ? "" : "，如\(shown)")")
    }

    /// wrongUnit from the places the report names itself: another roster township's name, another county's.
    static func unitFlags(_ n: Narrative, own: [String], roster: Set<String>, county: String) -> [Flag] {
        var out: [Flag] = []
        var township = false, otherCounty = false
        for c in n.selfNames {
            switch c.kind {
            case .before, .subject:
                guard !township else { continue }
                let atStart = c.text.hasPrefix("^")
                let chars = Array(atStart ? String(c.text.dropFirst()) : c.text)
                guard chars.count >= 2 else { continue }
                // The longest roster name the stretch ends with (.before) or is (.subject), standing
                // alone: at the start of the sentence, or after 与/向/由 or a county's or city's name.
                var named: String? = nil
                for l in (2...min(8, chars.count)).reversed() {
                    let tail = String(chars[(chars.count - l)...])
                    if own.contains(tail) { named = nil; break }
                    guard roster.contains(tail) else { continue }
                    let alone = l == chars.count ? (atStart || c.kind == .subject || chars.count == 8) : "与向由县区市".contains(chars[chars.count - l - 1])
                    if alone { named = tail }
                    break
                }
                if let named {
                    township = true
                    out.append(Flag(.wrongUnit, .warning, path: c.section.path,
                                    "\(c.section.title)“\(c.quote)”：以“\(named)”自称，而本报告是\(own[0])的报告"))
                }
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
        switch reading {
        case .all: self.init(overview: overview, problems: problems, otherMatters: otherMatters, unit: unit, table: table)
        case .copyPrints: self.init(copyPrintsOf: overview, problems: problems, otherMatters: otherMatters, unit: unit)
        }
    }

    init(copyPrintsOf overview: String?, problems: String?, otherMatters: String?, unit: String) {
        hasOverview = overview != nil
        hasProblems = problems != nil
        hasOtherMatters = otherMatters != nil
        problemsLength = 0
        otherMattersMentionFee = false
        findings = []
        selfNames = []
        prints = CopyPrints()
        for (section, text) in [(ProseSection.problems, problems), (.otherMatters, otherMatters)] {
            guard let text, !text.isEmpty else { continue }
            let prose = ProseText(text, words: .copyPrints)
            if section == .problems { problemsLength = Narratives.counted(prose.s) }
            prints.add(prose, section: section, unitName: unit)
        }
        otherMattersMentionFee = otherMatters.map(Narrative.mentionsFee) ?? false
    }
}
