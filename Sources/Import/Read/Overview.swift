import Aggregate

/// The overview figures of the contract from the prose of 一、总体情况: each number followed by
/// its unit (条, 件, 次, 人) goes to the nearest keyword before it in the same sentence.
extension ReadState {
    struct Keyword {
        let words: [String]
        let key: String
        let units: [String]
    }

    static let overviewKeywords: [Keyword] = [
        Keyword(words: ["门户网站", "政府网站", "网站"], key: "portalItems", units: ["条"]),
        Keyword(words: ["微信"], key: "wechatItems", units: ["条"]),
        Keyword(words: ["微博"], key: "weiboItems", units: ["条"]),
        Keyword(words: ["公开栏", "信息栏", "村务公开", "村(居)务", "居务公开", "公示栏"], key: "villageNotices", units: ["条"]),
        Keyword(words: ["热线"], key: "hotlineReplies", units: ["件", "条"]),
        Keyword(words: ["留言"], key: "messageBoardReplies", units: ["条", "件"]),
        Keyword(words: ["培训"], key: "trainingSessions", units: ["次", "场", "期"]),
        Keyword(words: ["培训"], key: "trainees", units: ["人次", "人", "名"]),
    ]

    static let keywordScalars: [[[Unicode.Scalar]]] = overviewKeywords.map { $0.words.map { Array($0.unicodeScalars) } }
    static let clauseBlockers = ["另", "通过", "其中", "此外", "以及", "向"]
    /// The keys of a publishing channel's item count (a figure for two of them is neither's).
    static let channelKeys: Set<String> = ["portalItems", "wechatItems", "weiboItems", "villageNotices"]

    static func starts(of word: [Unicode.Scalar], in s: [Unicode.Scalar]) -> [Int] {
        guard word.count <= s.count else { return [] }
        var out: [Int] = []
        var i = 0
        while i + word.count <= s.count {
            if s[i] == word[0] {
                var ok = true
                for t in 1..<word.count where s[i + t] != word[t] { ok = false; break }
                if ok { out.append(i) }
            }
            i += 1
        }
        return out
    }

    struct Candidate { let key: String; let value: Int64; let approximate: Bool; let sentence: Int; let text: String }

    mutating func readOverviewFigures(_ text: String) {
        let folded = TextFold.folded(text[...])
        // Sentences: split on 。；;！？ and line ends.
        var sentences: [[Unicode.Scalar]] = [[]]
        for u in folded {
            if u == "。" || u == "；" || u == ";" || u == "！" || u == "？" || u == "\n" || u == "!" || u == "?" { sentences.append([]) } else { sentences[sentences.count - 1].append(u) }
        }
        var candidates: [Candidate] = []
        for (n, sentence) in sentences.enumerated() {
            let chars = sentence.filter { $0 != " " }
            guard chars.contains(where: TextFold.isDigit) else { continue }
            // Where each keyword occurs in the sentence, once.
            var occurrences: [(start: Int, keyword: Int)] = []
            for (ki, kw) in Self.keywordScalars.enumerated() {
                // A group chat (微信群, QQ群) is a channel of notices, not the WeChat account.
                for w in kw {
                    occurrences += Self.starts(of: w, in: chars)
                        .filter { $0 + w.count >= chars.count || chars[$0 + w.count] != "群" }
                        .map { ($0, ki) }
                }
            }
            guard !occurrences.isEmpty else { continue }
            var k = 0
            while k < chars.count {
                guard TextFold.isDigit(chars[k]) else { k += 1; continue }
                var j = k
                var v: Int64 = 0
                while j < chars.count, j - k < 14 {
                    if TextFold.isDigit(chars[j]) { v = v * 10 + Int64(chars[j].value - 48); j += 1; continue }
                    // 1,234: a thousands separator followed by exactly three digits.
                    if chars[j] == ",", j + 3 < chars.count, (1...3).allSatisfy({ TextFold.isDigit(chars[j + $0]) }),
                       j + 4 >= chars.count || !TextFold.isDigit(chars[j + 4]) {
                        j += 1
                        continue
                    }
                    break
                }
                // A number inside another (a phone number) or after a decimal point is no quantity.
                if k > 0, TextFold.isDigit(chars[k - 1]) || chars[k - 1] == "." { k = j; continue }
                var u = j
                var approximate = false
                if u < chars.count, chars[u] == "余" || chars[u] == "多" { approximate = true; u += 1 }
                let unit = u < chars.count ? chars[u] : " "
                let unit2 = u + 1 < chars.count ? chars[u + 1] : " "
                // The nearest keyword before the number, of any kind.
                var nearest = -1
                for o in occurrences where o.start < k && o.start > nearest { nearest = o.start }
                guard nearest >= 0 else { k = j; continue }
                for (ki, kw) in Self.overviewKeywords.enumerated() {
                    guard occurrences.contains(where: { $0.start == nearest && $0.keyword == ki }) else { continue }
                    let fits = kw.units.contains { unitText in
                        let us = Array(unitText.unicodeScalars)
                        return us[0] == unit && (us.count == 1 || us[1] == unit2)
                    }
                    guard fits, !(kw.key == "trainees" && unit == "人" && unit2 == "民") else { continue }
                    if kw.key == "trainees" && unit == "人" && unit2 == "次" && !kw.units.contains("人次") { continue }
                    // A keyword from an earlier clause does not reach a clause that names its own
                    // channel or a new subject ("另通过传真报送信息3条").
                    var clauseStart = k
                    while clauseStart > 0, chars[clauseStart - 1] != ",", chars[clauseStart - 1] != ":" { clauseStart -= 1 }
                    if nearest < clauseStart {
                        let clause = String(String.UnicodeScalarView(chars[clauseStart..<k]))
                        if Self.clauseBlockers.contains(where: { clause.includes($0) }) { continue }
                    }
                    // Several channels named since the last number (通过门户网站、微信公众号…发布
                    // 信息80条): a combined figure, no channel's own.
                    var since = clauseStart
                    for p in stride(from: k - 1, through: clauseStart, by: -1) where TextFold.isDigit(chars[p]) { since = p + 1; break }
                    let named = Set(occurrences.filter { $0.start >= since && $0.start < k }.map { Self.overviewKeywords[$0.keyword].key })
                    if named.intersection(Self.channelKeys).count > 1 {
                        account.notes.append("overview: “…\(String(String.UnicodeScalarView(chars[max(0, k - 12)..<min(chars.count, u + 1)])))” names several channels; not read as any one's figure")
                        break
                    }
                    candidates.append(Candidate(key: kw.key, value: v, approximate: approximate, sentence: n,
                                                text: String(String.UnicodeScalarView(chars[max(0, k - 12)..<min(chars.count, u + 1)]))))
                    break
                }
                k = j
            }
        }
        // Training: a sentence that gives both the sessions and the trainees states the year's
        // training as a whole; other mentions (one course attended, one group trained) are parts.
        let both = Set(candidates.filter { $0.key == "trainingSessions" }.map(\.sentence))
            .intersection(candidates.filter { $0.key == "trainees" }.map(\.sentence))
        if !both.isEmpty {
            candidates.removeAll { ($0.key == "trainingSessions" || $0.key == "trainees") && !both.contains($0.sentence) }
        }
        let overviewRows = Catalog.section(.overview).rows
        for row in overviewRows {
            let key = row.path[0]
            let found = candidates.filter { $0.key == key }
            guard let first = found.first else { continue }
            let distinct = Set(found.map(\.value))
            if distinct.count > 1 {
                account.doubts.append(Doubt(path: "overview.\(key)", place: "一、总体情况",
                                            reason: "stated with different numbers: " + found.map { "\($0.value) (“…\($0.text)”)" }.joined(separator: ", ")))
                continue
            }
            values[row.firstCell] = first.value
            overviewFigures.append((key, first.value))
            if found.contains(where: \.approximate) {
                account.notes.append("overview.\(key): “…\(first.text)” read as \(first.value) (approximate)")
            }
        }
    }
}
