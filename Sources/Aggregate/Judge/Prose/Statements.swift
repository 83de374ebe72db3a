/// What the tables say, as the prose checks read them while a report is decoded.
package struct TableView: Sendable {
    package var year: Int
    package var values: [Int64]
    package var present: [Bool]
    package var sections: [Bool]
    package var fee: Amount?

    package init(year: Int, values: [Int64], present: [Bool], sections: [Bool], fee: Amount?) {
        self.year = year
        self.values = values
        self.present = present
        self.sections = sections
        self.fee = fee
    }

    /// The sum of `cells` when the report states all of them, else nil.
    func stated(_ cells: [String]) -> Int64? { stated(indices: cells.map(Catalog.index)) }

    /// The same, of cells given by their places in `Catalog.cells`.
    func stated<Cells: Sequence<Int>>(indices: Cells) -> Int64? {
        var sum: Int64 = 0
        for i in indices {
            guard present[i], sections[Catalog.cells[i].section.rawValue] else { return nil }
            sum += values[i]
        }
        return sum
    }
}

/// The three prose sections a report carries.
package enum ProseSection: Int, Sendable, CaseIterable {
    case overview, problems, otherMatters

    package var path: String {
        switch self {
        case .overview: "narrative.overview"
        case .problems: "narrative.problems"
        case .otherMatters: "narrative.otherMatters"
        }
    }

    package var title: String {
        switch self {
        case .overview: "一、总体情况"
        case .problems: "五、存在的主要问题及改进情况"
        case .otherMatters: "六、其他需要报告的事项"
        }
    }
}

/// Reads statements out of the prose and judges the ones the report alone can judge
/// (textTable, proseSum, contradiction, wrongYear, and 我局-type words in a township's report),
/// keeping quotes only for findings; names that need the roster are kept as short candidates.
struct StatementReader {
    let table: TableView?
    let unitName: String
    var flags: [Flag] = []
    /// Per quantity: whether a statement agrees with the table (bit qi), and the first that does
    /// not (`disagreement`; empty until one does not: most reports make none).
    var agreed: UInt32 = 0
    var disagreed: [(ProseSection, String, String)?] = []
    /// What the prose says there was none of (`Said`), with the first sentence that says it
    /// (`contradiction`; empty until one is said).
    var contradictions: [(ProseSection, String)?] = []

    func disagreement(_ qi: Int) -> (ProseSection, String, String)? { disagreed.isEmpty ? nil : disagreed[qi] }
    func contradiction(_ kind: Said) -> (ProseSection, String)? { contradictions.isEmpty ? nil : contradictions[kind.rawValue] }
    var feeStated: (ProseSection, Int64, String)? = nil
    var bodyWords: [(ProseSection, String, String)] = []
    var wrongYears = 0, malformedDates = 0, proseSums = 0
    var selfNames: [SelfNameCandidate] = []

    static let plan = Words(["将", "计划", "拟", "下一步", "力争", "争取", "预计", "目标", "今后", "明年"])
    static let otherPeriod = Words(["上年", "去年", "上一年", "前年", "同期"])
    static let comparison = Words(["较上年", "同比", "比上年", "增加", "减少", "增长", "下降", "提高", "环比"])
    static let partOfYear = Words(["上半年", "下半年", "季度", "月份", "每月", "月均", "每周", "每季"])
    static let negation = Words(["未发生", "没有发生", "未出现", "没有", "未有", "不存在", "无", "零"])
    static let feeNegation = Words(["未收取", "不收取", "免收", "未收", "没有收取", "免费", "未向", "不予收取", "无", "未产生", "不涉及"])
    static let allDone = Words(["办结", "办理完毕", "答复完毕", "办理完结"])
    static let allWord = Words(["均", "全部", "全都", "一律", "100%"])
    static let noRequestWords = Words(["未收到", "没有收到", "未接到", "未受理", "没有受理", "零申请"])
    static let notRequests = Words(StatedPhrases.notRequests)
    static let overturned = Words(["纠错", "纠正", "败诉", "撤销", "确认违法", "被诉"])
    static let reportTitle = Words(["政府信息公开工作年度报告", "政务公开工作年度报告", "政府信息公开年度报告", "政府信息公开工作年报", "政府信息公开工作报告"])
    static let periodWords = Words(["统计期限", "统计期", "统计时限", "统计时间", "统计数据", "数据统计", "统计区间", "报告期", "统计时段"])
    static let bodies = Words(["我局", "本局", "我委", "本委", "我厅", "本厅", "我院", "本院"])
    static let contactWords = Words(["联系", "年度报告", "本报告", "落款"])
    static let governmentWords = Words(["人民政府", "政府", "党委"])
    static let processingFee = Words(["信息处理费"])
    static let request = Words(["申请"])
    static let carriedOrHotline = Words(["上年", "结转", "去年", "热线"])
    static let feeNegationAfter = Words(["未收取", "不收取", "免收", "为0", "为零"])
    static let review = Words(["行政复议"]), litigation = Words(["行政诉讼"])
    static let among = Words(["其中"])

    /// "县" and the unit's name; the name alone.
    let countyAndName: [Unicode.Scalar], ownName: [Unicode.Scalar]
    /// Whether the unit is a township (asked of every sentence, so decided once).
    let township: Bool

    init(table: TableView?, unitName: String) {
        self.table = table
        self.unitName = unitName
        ownName = ProseText.scalars(unitName)
        var countyAndName: [Unicode.Scalar] = []
        if !unitName.isEmpty {
            countyAndName.reserveCapacity(ownName.count + 1)
            countyAndName.append("县")
            countyAndName += ownName
        }
        self.countyAndName = countyAndName
        township = StatementReader.isTownship(unitName)
    }

    /// "YYYY年" mentions in `r`: (position of 年, year).
    static func years(_ s: [Unicode.Scalar], _ r: Range<Int>) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var i = r.lowerBound + 4
        while i < r.upperBound {
            if s[i] == "年", (1...4).allSatisfy({ ProseText.isDigit(s[i - $0]) }),
               i - 5 < r.lowerBound || !ProseText.isDigit(s[i - 5]) {
                var y = 0
                for k in (i - 4)..<i { y = y * 10 + Int(s[k].value - 0x30) }
                out.append((i, y))
            }
            i += 1
        }
        return out
    }

    /// Whether the stretch before `at` in the sentence speaks of another period, of plans or of a
    /// part of the year. `carryOver` lets 上年结转 stand.
    func otherTime(_ t: ProseText, _ sentence: Range<Int>, before at: Int, carryOver: Bool = false) -> Bool {
        guard let table else { return true }
        let s = t.s
        let prefix = max(sentence.lowerBound, at - 200)..<at
        if let last = StatementReader.years(s, prefix).last, last.1 != table.year { return true }
        if StatementReader.plan.any(in: t, prefix) || StatementReader.partOfYear.any(in: t, prefix) { return true }
        var k = prefix.lowerBound
        while let p = StatementReader.otherPeriod.first(in: t, k..<prefix.upperBound) {
            // 上年结转, 上年度结转, 上一年度结转: the figure carried over, which carriedOver states.
            var e = p
            while e < s.count, e - p < 5, "上一年度去前".unicodeScalars.contains(s[e]) { e += 1 }
            let carried = e + 1 < s.count && s[e] == "结" && s[e + 1] == "转"
            if !(carryOver && carried) { return true }
            k = p + 1
        }
        return false
    }

    /// Texts of at least this many sentences skip a sentence read before to no effect (below).
    static let repeatsSkippedFrom = 64
    /// Off only in tests, which compare the findings with and without the skipping.
    var skipsIdleRepeats = true

    /// What a sentence's reading adds that a second reading of it could add again: findings
    /// (proseSum, malformed dates), self-names and 我局-type words, and the counters that cap them.
    /// Everything else it sets is first-only (the first disagreeing figure, a contradiction, the
    /// fee stated) or set once and for all (a figure agrees), and every condition it is read
    /// under only narrows as the text goes on (first-only slots fill, counters grow). So a
    /// sentence whose first reading added none of these adds nothing when it comes again, and a
    /// long text's repeats of it are skipped: the findings are those of reading every sentence.
    var added: (Int, Int, Int, Int, Int, Int) { (flags.count, selfNames.count, bodyWords.count, proseSums, malformedDates, wrongYears) }

    mutating func read(_ text: ProseText, _ section: ProseSection) {
        // Sentences read to no effect, by hash of their scalars (compared in full on a match).
        let skipsRepeats = skipsIdleRepeats && text.sentences.count >= StatementReader.repeatsSkippedFrom
        // Room for every sentence at once, and one look-up a sentence (a long text's sentences
        // were hashed three times each, and the table grown as they came).
        var idle = IdleSentences(capacity: skipsRepeats ? text.sentences.count : 0)
        for (k, sentence) in text.sentences.enumerated() {
            var hash: UInt64 = 0
            var known = false
            if skipsRepeats {
                hash = 0xcbf2_9ce4_8422_2325
                for u in text.s[sentence] { hash = (hash ^ UInt64(u.value)) &* 0x0000_0100_0000_01B3 }
                if let first = idle[hash] {
                    if text.s[first].elementsEqual(text.s[sentence]) { continue }
                    known = true
                }
            }
            let before = added
            // Every question below is about this sentence: a long text is read for words here
            // (a short one was read whole, and is not copied).
            if text.words.covers(sentence) { read(text, k, sentence, section) } else { read(text.reading(sentence), k, sentence, section) }
            if skipsRepeats && added == before && !known { idle.insert(hash, sentence) }
        }
    }

    /// Sentences read to no effect, by hash: open addressing sized once for every sentence of
    /// the text (a `Dictionary`'s seeded hashing of each key cost a fortieth of a long text's
    /// reading). A slot whose sentence is empty is free: a sentence is never empty.
    struct IdleSentences {
        private var slots: [(hash: UInt64, sentence: Range<Int>)]
        private let mask: Int

        /// Room for `capacity` sentences; none is made for 0 (a text too short to skip repeats).
        init(capacity: Int) {
            guard capacity > 0 else {
                slots = []; mask = 0
                return
            }
            var size = 1
            while size < 2 * capacity { size *= 2 }
            slots = Array(repeating: (0, 0..<0), count: size)
            mask = size - 1
        }

        private func slot(_ hash: UInt64) -> (Int, found: Bool) {
            precondition(!slots.isEmpty, "a table made without room")
            var h = Int(truncatingIfNeeded: Narratives.mix(hash)) & mask
            while !slots[h].sentence.isEmpty {
                if slots[h].hash == hash { return (h, true) }
                h = (h + 1) & mask
            }
            return (h, false)
        }

        /// The first sentence kept under `hash`.
        subscript(hash: UInt64) -> Range<Int>? {
            let (h, found) = slot(hash)
            return found ? slots[h].sentence : nil
        }

        /// Keeps `sentence` (not empty) under `hash` unless one is kept there already (at most `capacity`).
        mutating func insert(_ hash: UInt64, _ sentence: Range<Int>) {
            let (h, found) = slot(hash)
            guard !found else { return }
            slots[h] = (hash, sentence)
        }
    }

    /// Sentence `k` of `t`, which has been read for words there.
    mutating func read(_ t: ProseText, _ k: Int, _ sentence: Range<Int>, _ section: ProseSection) {
        var digits = false
        let figures = StatedNumber.scan(t, sentence, digits: &digits)
        if table != nil {
            for (fi, f) in figures.enumerated() { statement(t, sentence, figures, fi, f, section) }
            breakdown(t, sentence, figures, section)
            // Each clause's question starts from one of these words: a sentence without any asks none.
            if StatementReader.noRequestWords.any(in: t, sentence) || StatementReader.allDone.any(in: t, sentence)
                || StatementReader.review.any(in: t, sentence) || StatementReader.litigation.any(in: t, sentence)
                || StatementReader.processingFee.any(in: t, sentence) {
                contradictions(t, sentence, t.clauses(ofSentence: k), figures, section)
            }
        }
        // A wrong year and a malformed date are made of digits.
        if digits { dates(t, sentence, section) }
        names(t, sentence, section)
    }

    // MARK: textTable

    static func clauseBounds(_ s: [Unicode.Scalar], _ sentence: Range<Int>, _ lo: Int, _ hi: Int) -> Range<Int> {
        var a = lo
        while a > sentence.lowerBound, lo - a < 80, !ProseText.endsClause(s[a - 1]) { a -= 1 }
        var b = hi
        while b < sentence.upperBound, b - hi < 80, !ProseText.endsClause(s[b]) { b += 1 }
        return a..<b
    }

    /// Bits of the channel quantities (portal … message board): one clause names one channel.
    static let channelFamily: UInt32 = StatedPhrases.quantities.indices.reduce(0) { bits, k in
        let p = StatedPhrases.quantities[k].path
        return p.hasPrefix("overview.") && !p.hasPrefix("overview.train") ? bits | (1 << UInt32(k)) : bits
    }

    mutating func statement(_ t: ProseText, _ sentence: Range<Int>, _ figures: [StatedNumber], _ fi: Int, _ f: StatedNumber, _ section: ProseSection) {
        let s = t.s
        let clause = StatementReader.clauseBounds(s, sentence, f.start, f.end)
        let segStart = max(clause.lowerBound, fi > 0 ? figures[fi - 1].end : clause.lowerBound)
        let segEnd = min(clause.upperBound, fi + 1 < figures.count ? figures[fi + 1].start : clause.upperBound)
        let left = segStart..<f.start, right = f.end..<max(f.end, segEnd), segment = segStart..<max(f.end, segEnd)
        if Words.vague.ends(t, at: f.start, from: segStart) { return }
        if StatementReader.comparison.any(in: t, segment) { return }
        // "1至6月", "12月份": a month's figure.
        for k in segment where s[k] == "月" && k > segment.lowerBound && ProseText.isDigit(s[k - 1]) { return }
        // The quantity the figure states, read through a pointer: the table is shared by the
        // loader's threads, and copying its entries would touch shared reference counts.
        let found: Int? = StatedPhrases.quantities.withUnsafeBufferPointer { qs in
            // The channels named in the segment and in the stretch before it: the same for every
            // quantity tried, so searched once per figure (bits as `channelFamily`).
            var channels: (inSegment: UInt32, before: UInt32)? = nil
            for qi in qs.indices {
                guard qs[qi].counts(in: f.unitCode) else { continue }
                var subject = qs[qi].subjects.any(in: t, left) || (qs[qi].subjectsAfter?.any(in: t, right) ?? false)
                if !subject && qs[qi].subjectInSentence {
                    let before = max(sentence.lowerBound, segStart - 120)..<segStart
                    let inFamily = StatementReader.channelFamily & (1 << UInt32(qi)) != 0
                    var rivalsInSegment = false, rivalsBefore = false
                    if inFamily {
                        if channels == nil {
                            var inSegment: UInt32 = 0, named: UInt32 = 0
                            for k in qs.indices where StatementReader.channelFamily & (1 << UInt32(k)) != 0 {
                                if qs[k].subjects.any(in: t, segment) { inSegment |= 1 << UInt32(k) }
                                if qs[k].subjects.any(in: t, before) { named |= 1 << UInt32(k) }
                            }
                            channels = (inSegment, named)
                        }
                        rivalsInSegment = channels!.inSegment != 0
                        rivalsBefore = channels!.before & ~(1 << UInt32(qi)) != 0
                    }
                    subject = qs[qi].subjects.any(in: t, before) && !rivalsInSegment && !rivalsBefore
                        && (inFamily || !StatementReader.notRequests.any(in: t, before))
                }
                guard subject, !qs[qi].excluded.any(in: t, segment) else { continue }
                if let v = qs[qi].verbs, !v.any(in: t, left) { continue }
                if let n = qs[qi].notRightBefore, n.ends(t, at: f.start, from: segStart) { continue }
                return qi
            }
            return nil
        }
        if let qi = found {
            let q = StatedPhrases.quantities[qi]
            let isCarryOver = q.path == "requests.carriedOver.total"
            if otherTime(t, sentence, before: f.start, carryOver: isCarryOver) { return }
            guard let table, let stated = table.stated(indices: q.cellIndices) else { return }
            let money = f.unit == "万元" || f.unit == "元"
            let value = money ? f.millionths : f.value
            let agrees = f.atLeast ? stated >= value : stated == value
            if agrees { agreed |= 1 << UInt32(qi) } else if disagreement(qi) == nil {
                let shown = money ? Amount(millionths: stated).description : String(stated)
                let figure = t.text(f.start..<f.end)
                if disagreed.isEmpty { disagreed = Array(repeating: nil, count: StatedPhrases.quantities.count) }
                disagreed[qi] = (section, t.quote(sentence: sentence, showing: f.start), "称\(figure)，与表中“\(q.label)”的\(shown)不符")
            }
        }
    }

    // MARK: proseSum

    static let partStops = Words(["结转", "办结", "答复", "收到", "受理", "另", "此外", "同时", "全年", "共", "累计"])

    mutating func breakdown(_ t: ProseText, _ sentence: Range<Int>, _ figures: [StatedNumber], _ section: ProseSection) {
        let s = t.s
        guard proseSums < 3, let p = StatementReader.among.first(in: t, sentence) else { return }
        guard let ti = figures.lastIndex(where: { $0.end <= p }) else { return }
        let total = figures[ti]
        // The total and 其中 belong together: nothing but a separator between them.
        guard p - total.end <= 1 else { return }
        if Words.vague.ends(t, at: total.start, from: sentence.lowerBound) { return }
        var parts: [StatedNumber] = []
        var k = ti + 1
        while k < figures.count {
            let f = figures[k]
            let clause = StatementReader.clauseBounds(s, sentence, f.start, f.end)
            let from = max(clause.lowerBound, parts.last?.end ?? p + 2)
            if f.unit != total.unit || StatementReader.partStops.any(in: t, from..<f.start) { break }
            if Words.vague.ends(t, at: f.start, from: from) || f.atLeast { return }
            parts.append(f)
            k += 1
        }
        guard parts.count >= 2 else { return }
        let sum = parts.reduce(Int64(0)) { $0 + $1.millionths }
        let fine = total.atLeast ? sum >= total.millionths : sum == total.millionths
        guard !fine, !otherTime(t, sentence, before: total.start) else { return }
        proseSums += 1
        let money = total.unit == "万元" || total.unit == "元"
        let shownSum = money ? Amount(millionths: sum).description : String(sum)
        let list = parts.map { t.text($0.start..<$0.end) }.joined(separator: "＋")
        flags.append(Flag(.proseSum, .warning, path: section.path,
                          "\(section.title)“\(t.quote(sentence: sentence, showing: total.start))”：总数\(t.text(total.start..<total.end))，分项\(list)＝\(shownSum)\(total.unit)，分项之和与总数不符"))
    }

    // MARK: contradiction

    /// What a sentence may say there was none of, against a figure of the tables.
    enum Said: Int, CaseIterable { case noRequests, allClosed, noReview, noLitigation, noFee }

    mutating func contradiction(_ kind: Said, _ t: ProseText, _ sentence: Range<Int>, _ at: Int, _ section: ProseSection) {
        if contradiction(kind) == nil, !otherTime(t, sentence, before: at) {
            if contradictions.isEmpty { contradictions = Array(repeating: nil, count: Said.allCases.count) }
            contradictions[kind.rawValue] = (section, t.quote(sentence: sentence, showing: at))
        }
    }

    mutating func contradictions(_ t: ProseText, _ sentence: Range<Int>, _ clauses: ArraySlice<Range<Int>>, _ figures: [StatedNumber], _ section: ProseSection) {
        // Sentence-wide facts, found once however many clauses ask.
        var aboutRequests: Bool? = nil
        func requestsSentence() -> Bool {
            if let known = aboutRequests { return known }
            let v = StatementReader.request.any(in: t, sentence) && !StatementReader.notRequests.any(in: t, sentence)
            aboutRequests = v
            return v
        }
        for clause in clauses {
            // 未收到申请
            if let p = StatementReader.noRequestWords.first(in: t, clause),
               StatementReader.request.any(in: t, p..<clause.upperBound),
               !StatementReader.notRequests.any(in: t, clause) {
                contradiction(.noRequests, t, sentence, p, section)
            }
            // 均已办结
            if let p = StatementReader.allDone.first(in: t, clause), StatementReader.allWord.any(in: t, clause.lowerBound..<p),
               requestsSentence(),
               !StatementReader.carriedOrHotline.any(in: t, clause) {
                contradiction(.allClosed, t, sentence, p, section)
            }
            // 未发生行政复议／行政诉讼
            for litigation in [false, true] {
                let kind = litigation ? Said.noLitigation : .noReview
                let word = kind == .noReview ? StatementReader.review : StatementReader.litigation
                guard let w = word.first(in: t, clause) else { continue }
                var kindWord = w
                if kind == .noLitigation, let r = StatementReader.review.first(in: t, clause.lowerBound..<w) {
                    kindWord = r   // 未发生行政复议和行政诉讼
                }
                let window = max(clause.lowerBound, kindWord - 16)..<kindWord
                guard let n = StatementReader.negation.last(in: t, window) else { continue }
                if figures.contains(where: { $0.start >= n && $0.start < w }) { continue }
                if StatementReader.overturned.any(in: t, clause) { continue }
                contradiction(kind, t, sentence, w, section)
            }
            // 信息处理费
            if let p = StatementReader.processingFee.first(in: t, clause) {
                if StatementReader.feeNegation.any(in: t, clause.lowerBound..<p) || StatementReader.feeNegationAfter.any(in: t, p..<clause.upperBound) {
                    contradiction(.noFee, t, sentence, p, section)
                } else if feeStated == nil, let f = figures.first(where: { $0.start > clause.lowerBound && $0.start < clause.upperBound && ($0.unit == "元" || $0.unit == "万元") }),
                          !otherTime(t, sentence, before: f.start) {
                    let yuan = f.unit == "万元" ? f.millionths * 10_000 : f.millionths
                    feeStated = (section, yuan, t.quote(sentence: sentence, showing: f.start))
                }
            }
        }
    }

    // MARK: wrongYear

    mutating func dates(_ t: ProseText, _ sentence: Range<Int>, _ section: ProseSection) {
        let s = t.s
        if let table, wrongYears == 0 {
            var wrong: (Int, String)? = nil
            // A title is a line of its own ending with the words, not a mention of last year's report.
            if sentence.count <= 40, let p = StatementReader.reportTitle.first(in: t, sentence), sentence.upperBound - p <= 16,
               let y = StatementReader.years(s, max(sentence.lowerBound, p - 20)..<p).last, y.1 != table.year {
                wrong = (y.1, "标题")
            }
            if wrong == nil, let p = StatementReader.periodWords.first(in: t, sentence) {
                for y in StatementReader.years(s, p..<min(sentence.upperBound, p + 40)) where y.1 != table.year {
                    // Only the period's ends: "YYYY年1月1日" and "YYYY年12月31日".
                    let rest = t.text((y.0 + 1)..<min(sentence.upperBound, y.0 + 7))
                    if rest.hasPrefix("1月1日") || rest.hasPrefix("01月01日") || rest.hasPrefix("12月31日") { wrong = (y.1, "统计期限"); break }
                }
            }
            if let (y, what) = wrong {
                wrongYears += 1
                flags.append(Flag(.wrongYear, .error, path: section.path,
                                  "\(section.title)“\(t.quote(sentence))”：\(what)写作\(y)年，本报告为\(table.year)年度报告"))
            }
        }
        // Malformed dates: "20251月1日", "2024年13月", "2024年2月30日".
        guard malformedDates < 3 else { return }
        var i = sentence.lowerBound
        while i < sentence.upperBound {
            guard ProseText.isDigit(s[i]), i == sentence.lowerBound || !ProseText.isDigit(s[i - 1]) else { i += 1; continue }
            var j = i
            while j < sentence.upperBound, ProseText.isDigit(s[j]) { j += 1 }
            defer { i = j }
            guard j < sentence.upperBound else { continue }
            let run = j - i
            let startsYear = run >= 5 && s[i] == "2" && s[i + 1] == "0"
            var bad = false
            if startsYear && run <= 6 && (s[j] == "月" || s[j] == "年") { bad = true }
            if run == 4 && s[j] == "年" {
                var m = 0, k = j + 1
                while k < sentence.upperBound, ProseText.isDigit(s[k]), k - j <= 3 { m = m * 10 + Int(s[k].value - 0x30); k += 1 }
                if k > j + 1, k < sentence.upperBound, s[k] == "月" {
                    if m < 1 || m > 12 { bad = true } else {
                        var d = 0, e = k + 1
                        while e < sentence.upperBound, ProseText.isDigit(s[e]), e - k <= 3 { d = d * 10 + Int(s[e].value - 0x30); e += 1 }
                        var y = 0
                        for q in i..<j { y = y * 10 + Int(s[q].value - 0x30) }
                        if e > k + 1, e < sentence.upperBound, s[e] == "日", d < 1 || d > CalendarDate.daysIn(month: m, year: y) { bad = true }
                    }
                }
            }
            if bad {
                malformedDates += 1
                flags.append(Flag(.wrongYear, .warning, path: section.path,
                                  "\(section.title)“\(t.quote(sentence: sentence, showing: i))”：日期“\(t.text(i..<min(sentence.upperBound, j + 4)))”写法有误"))
                return
            }
        }
    }

    // MARK: wrongUnit

    static func isTownship(_ name: String) -> Bool {
        // A name of plain scalars (`Narrative.isPlain`: each its own character, none equivalent
        // to another) ends with a suffix exactly when its bytes do; hasSuffix, which compares
        // characters, cost a fiftieth of the prose reading.
        if let answer = name.utf8.withContiguousStorageIfAvailable({ b -> Bool? in
            guard Narrative.isPlain(b) else { return nil }
            return StatementReader.townshipSuffixes.contains { suffix in
                suffix.count <= b.count && zip(b[(b.count - suffix.count)...], suffix).allSatisfy { $0 == $1 }
            }
        }), let answer { return answer }
        return ["镇", "乡", "街道", "街道办事处", "苏木"].contains { name.hasSuffix($0) }
    }

    static let townshipSuffixes: [[UInt8]] = ["镇", "乡", "街道", "街道办事处", "苏木"].map { Array($0.utf8) }

    mutating func names(_ t: ProseText, _ sentence: Range<Int>, _ section: ProseSection) {
        let s = t.s
        if township, bodyWords.count < 4 {
            var k = sentence.lowerBound
            while let p = StatementReader.bodies.first(in: t, k..<sentence.upperBound) {
                k = p + 2
                let next = p + 2 < sentence.upperBound ? s[p + 2] : " "
                if ["员", "会", "落", "子", "校", "内", "外"].contains(Character(next)) { continue }
                let word = t.text(p..<(p + 2))
                if !bodyWords.contains(where: { $0.1 == word }) { bodyWords.append((section, word, t.quote(sentence: sentence, showing: p))) }
            }
        }
        guard selfNames.count < 12 else { return }
        // The unit's own name as the government, where a report names itself: title, contact, signature.
        let signature = sentence.count <= 16
        let contact = StatementReader.contactWords.any(in: t, sentence)
        if signature || contact {
            var k = sentence.lowerBound
            while let p = StatementReader.governmentWords.first(in: t, k..<sentence.upperBound), selfNames.count < 12 {
                k = p + 2
                guard p > sentence.lowerBound, s[p - 1] == "镇" || s[p - 1] == "乡" else { continue }
                let lo = max(sentence.lowerBound, p - 8)
                // A signature is the name alone; elsewhere the name follows 与, 向 or the county.
                if signature && !contact && lo != sentence.lowerBound { continue }
                if !ownName.isEmpty, p - lo >= ownName.count, s[(p - ownName.count)..<p].elementsEqual(ownName) { continue }   // its own name
                selfNames.append(SelfNameCandidate(kind: .before, text: (lo == sentence.lowerBound ? "^" : "") + t.text(lo..<p), section: section,
                                                   quote: t.quote(sentence: sentence, showing: p)))
            }
        }
        // The subject of a sentence: "2024年，XX镇坚持…".
        var a = sentence.lowerBound
        if a + 5 <= sentence.upperBound, (0..<4).allSatisfy({ ProseText.isDigit(s[a + $0]) }), s[a + 4] == "年" {
            a += 5
            if a + 1 < sentence.upperBound, s[a] == "以", s[a + 1] == "来" { a += 2 } else if a < sentence.upperBound, s[a] == "度" { a += 1 }
            if a < sentence.upperBound, s[a] == "，" || s[a] == "," { a += 1 }
        }
        if let e = (a..<min(sentence.upperBound, a + 8)).first(where: { s[$0] == "镇" || s[$0] == "乡" }), e > a,
           !(e - a + 1 <= ownName.count && s[a...e].elementsEqual(ownName[0...(e - a)])) {
            let after = e + 1 < sentence.upperBound ? s[e + 1] : "。"
            let name = t.text(a..<(e + 1))
            if !"、和与及等同村级域里内".unicodeScalars.contains(after) {
                selfNames.append(SelfNameCandidate(kind: .subject, text: name, section: section,
                                                   quote: t.quote(sentence: sentence, showing: a)))
            }
        }
        // "XX县<own name>": the county the report gives as its own.
        if !countyAndName.isEmpty, let p = Words.find(countyAndName, in: s, sentence) {
            let lo = max(sentence.lowerBound, p - 4)
            selfNames.append(SelfNameCandidate(kind: .county, text: t.text(lo..<(p + 1)), section: section,
                                               quote: t.quote(sentence: sentence, showing: p)))
        }
    }

    // MARK: the findings

    /// The cells a contradiction is judged against, found in the catalog once.
    static let contradictedCells = (received: Catalog.index("requests.received.total"),
                                    carriedForward: Catalog.index("requests.carriedForward.total"),
                                    review: Catalog.index("appeals.review.total"),
                                    litigationDirect: Catalog.index("appeals.litigationDirect.total"),
                                    litigationAfterReview: Catalog.index("appeals.litigationAfterReview.total"))

    mutating func finish() -> [Flag] {
        var out = flags
        if let table {
            for qi in StatedPhrases.quantities.indices where agreed & 1 << UInt32(qi) == 0 {
                guard let (section, quote, what) = disagreement(qi) else { continue }
                let q = StatedPhrases.quantities[qi]
                if q.path == "requests.received.total" && contradiction(.noRequests) != nil { continue }
                out.append(Flag(.textTable, .error, path: q.path, "\(section.title)“\(quote)”\(what)"))
            }
            let cells = StatementReader.contradictedCells
            func value(_ cell: Int) -> Int64? { table.stated(indices: CollectionOfOne(cell)) }
            if let (section, quote) = contradiction(.noRequests), let n = value(cells.received), n > 0 {
                out.append(Flag(.contradiction, .error, path: "requests.received.total",
                                "\(section.title)“\(quote)”称未收到申请，但表中“三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量（总计）”为\(n)"))
            }
            if let (section, quote) = contradiction(.allClosed), let n = value(cells.carriedForward), n > 0 {
                out.append(Flag(.contradiction, .error, path: "requests.carriedForward.total",
                                "\(section.title)“\(quote)”称申请均已办结，但表中“三、收到和处理政府信息公开申请情况 四、结转下年度继续办理（总计）”为\(n)"))
            }
            if let (section, quote) = contradiction(.noReview), let n = value(cells.review), n > 0 {
                out.append(Flag(.contradiction, .error, path: "appeals.review.total",
                                "\(section.title)“\(quote)”称未发生行政复议，但表中“四、政府信息公开行政复议、行政诉讼情况 行政复议（总计）”为\(n)"))
            }
            if let (section, quote) = contradiction(.noLitigation),
               let n = table.stated(indices: [cells.litigationDirect, cells.litigationAfterReview]), n > 0 {
                out.append(Flag(.contradiction, .error, path: value(cells.litigationDirect)! > 0 ? "appeals.litigationDirect.total" : "appeals.litigationAfterReview.total",
                                "\(section.title)“\(quote)”称未发生行政诉讼，但表中“四、政府信息公开行政复议、行政诉讼情况 行政诉讼（总计）”共\(n)件"))
            }
            if let fee = table.fee {
                if let (section, quote) = contradiction(.noFee), fee.millionths > 0 {
                    out.append(Flag(.contradiction, .error, path: "informationProcessingFeeYuan",
                                    "\(section.title)“\(quote)”称未收取信息处理费，但报告填报信息处理费\(fee)元"))
                } else if let (section, yuan, quote) = feeStated, contradiction(.noFee) == nil {
                    if fee.millionths == 0 && yuan > 0 {
                        out.append(Flag(.contradiction, .error, path: "informationProcessingFeeYuan",
                                        "\(section.title)“\(quote)”称收取信息处理费\(Amount(millionths: yuan))元，但报告填报信息处理费为0"))
                    } else if fee.millionths != yuan {
                        out.append(Flag(.textTable, .error, path: "informationProcessingFeeYuan",
                                        "\(section.title)“\(quote)”称收取信息处理费\(Amount(millionths: yuan))元，与报告填报的\(fee)元不符"))
                    }
                }
            }
        }
        if !bodyWords.isEmpty {
            let (section, _, quote) = bodyWords[0]
            out.append(Flag(.wrongUnit, .warning, path: section.path,
                            "\(section.title)“\(quote)”：乡镇报告中出现“\(bodyWords.map(\.1).joined(separator: "、"))”等其他机关的自称（\(unitName)）"))
        }
        return out
    }
}

/// A stretch where the report names itself, kept (short) until the roster is known.
package struct SelfNameCandidate: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// Up to 8 characters ending in 镇/乡 just before 人民政府 (title, contact, signature).
        case before
        /// The township name a sentence starts with.
        case subject
        /// Up to 4 characters and 县 just before the unit's own name.
        case county
    }
    package var kind: Kind
    package var text: String
    package var section: ProseSection
    package var quote: String
}
