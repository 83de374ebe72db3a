import Foundation
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
            let s = sentence.filter { $0 != " " }
            let str = String(String.UnicodeScalarView(s))
            let chars = Array(str)
            var k = 0
            while k < chars.count {
                guard chars[k].isASCII, chars[k].isNumber else { k += 1; continue }
                var j = k
                var v: Int64 = 0
                while j < chars.count, j - k < 14 {
                    if chars[j].isASCII, chars[j].isNumber { v = v * 10 + Int64(chars[j].wholeNumberValue!); j += 1; continue }
                    // 1,234: a thousands separator followed by exactly three digits.
                    if chars[j] == ",", j + 3 < chars.count, (1...3).allSatisfy({ chars[j + $0].isASCII && chars[j + $0].isNumber }),
                       j + 4 >= chars.count || !(chars[j + 4].isASCII && chars[j + 4].isNumber) {
                        j += 1
                        continue
                    }
                    break
                }
                // A number inside another (a phone number, "12345") or a year is not a quantity.
                if k > 0, chars[k - 1].isASCII, chars[k - 1].isNumber || chars[k - 1] == "." { k = j; continue }
                var u = j
                var approximate = false
                if u < chars.count, chars[u] == "余" || chars[u] == "多" { approximate = true; u += 1 }
                let rest = String(chars[u..<min(chars.count, u + 2)])
                let before = String(chars[..<k])
                var best: (Int, Keyword)? = nil
                for kw in Self.overviewKeywords where kw.units.contains(where: { rest.hasPrefix($0) }) {
                    // 人 must not be 人民…; 人次 is checked before 人.
                    if kw.key == "trainees", rest.hasPrefix("人民") { continue }
                    if kw.key == "trainingSessions", kw.units.contains(where: { rest.hasPrefix($0) }) == false { continue }
                    for w in kw.words {
                        if let r = before.range(of: w, options: .backwards) {
                            let d = before.distance(from: r.lowerBound, to: before.endIndex)
                            if best == nil || d < best!.0 { best = (d, kw) }
                        }
                    }
                }
                if let (_, kw) = best {
                    // The nearest keyword of any kind must be this one (a later keyword owns the number).
                    let nearestAny = Self.overviewKeywords.flatMap { $0.words }.compactMap { w -> Int? in
                        before.range(of: w, options: .backwards).map { before.distance(from: $0.lowerBound, to: before.endIndex) }
                    }.min()
                    let mine = kw.words.compactMap { w -> Int? in
                        before.range(of: w, options: .backwards).map { before.distance(from: $0.lowerBound, to: before.endIndex) }
                    }.min()
                    // A keyword from an earlier clause does not reach a clause that names its own
                    // channel or a new subject ("另通过传真报送信息3条").
                    let clause = before.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == ":" }).last.map(String.init) ?? before
                    let inherited = (mine ?? 0) > clause.count
                    let blocked = inherited && ["另", "通过", "其中", "此外", "以及", "向"].contains { clause.contains($0) }
                    if let a = nearestAny, let m = mine, m <= a, !blocked {
                        candidates.append(Candidate(key: kw.key, value: v, approximate: approximate, sentence: n,
                                                    text: String(chars[max(0, k - 12)..<min(chars.count, u + 1)])))
                    }
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
            places[row.firstCell] = "一、总体情况: “…\(first.text)”"
            overviewFigures.append((key, first.value))
            if found.contains(where: \.approximate) {
                account.notes.append("overview.\(key): “…\(first.text)” read as \(first.value) (approximate)")
            }
        }
    }
}
