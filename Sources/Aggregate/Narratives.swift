/// 内容雷同 and 敷衍: Section 五's prose compared with the township's own previous report and
/// with the other townships' reports of the same year, and Sections 五 and 六 checked for the
/// bare minimum. Similarity is Jaccard over character 4-shingles (Chinese needs no word
/// splitting); candidates among townships come from MinHash bands, so the work grows linearly
/// with the number of reports instead of with its square.
public enum Narratives {
    public static let shingleLength = 4
    static let hashCount = 32
    static let bandRows = 4
    /// Buckets up to this size are compared pair by pair; larger ones by sorted neighbourhood.
    static let largeBucket = 64
    static let neighbourWindow = 8

    /// The text as compared: letters and digits only, so layout and punctuation don't count.
    public static func normalized(_ text: String) -> [Unicode.Scalar] {
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

    /// Hashes of every shingle of the normalised text, sorted and without repeats.
    public static func shingles(_ text: String) -> [UInt64] { shingles(normalized: normalized(text)) }

    /// The same, of text already normalised.
    static func shingles(normalized s: [Unicode.Scalar]) -> [UInt64] {
        guard s.count >= shingleLength else { return s.isEmpty ? [] : [fnv(s[...])] }
        var out = [UInt64]()
        out.reserveCapacity(s.count)
        for i in 0...(s.count - shingleLength) { out.append(fnv(s[i..<(i + shingleLength)])) }
        out.sort()
        var unique = 0
        for x in out where unique == 0 || out[unique - 1] != x {
            out[unique] = x
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }

    static func fnv(_ s: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in s { h = (h ^ UInt64(u.value)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// Jaccard similarity of two sorted shingle lists.
    public static func similarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty || b.isEmpty { return 0 }
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The MinHash signature: the least of each of `hashCount` hash functions over the shingles.
    static func minHashes(_ set: [UInt64]) -> [UInt64] {
        // k hash functions from two (h1 + k·h2, Kirsch–Mitzenmacher): one mix per shingle.
        var mins = [UInt64](repeating: .max, count: hashCount)
        for x in set {
            let a = mix(x), b = mix(a) | 1
            var h = a
            for k in 0..<hashCount {
                if h < mins[k] { mins[k] = h }
                h = h &+ b
            }
        }
        return mins
    }

    /// Bands of `bandRows` minimums each, hashed: texts sharing a band are candidates.
    static func bands(_ mins: [UInt64]) -> [UInt64] {
        stride(from: 0, to: hashCount, by: bandRows).map { start in
            var h: UInt64 = UInt64(start)
            for k in start..<(start + bandRows) { h = mix(h ^ mins[k]) }
            return h
        }
    }

    /// Township `index` of `reports` with its flags.
    public struct Input: Sendable {
        public var name: String
        public var report: Report
        public var previous: Report?
        public init(name: String, report: Report, previous: Report?) {
            self.name = name
            self.report = report
            self.previous = previous
        }
    }

    public static func flags(_ inputs: [Input], settings: County.Settings) -> [[Flag]] {
        var out = [[Flag]](repeating: [], count: inputs.count)
        let threshold = settings.copiedThreshold
        let minimum = settings.perfunctoryMinimumLength
        func percent(_ x: Double) -> String { "\(Int((x * 100).rounded(.down)))%" }

        // Shingle lists are large (one word per character); keep only the 32-word signatures and
        // make a text's shingles again in the rare case a pair needs measuring.
        @Sendable func judged(_ i: Int) -> [UInt64]? {
            guard let text = inputs[i].report.narrative.problems else { return nil }
            let s = normalized(text)
            return s.count >= minimum ? shingles(normalized: s) : nil
        }
        for (i, input) in inputs.enumerated() {
            let n = input.report.narrative
            // Only reports that carry prose at all are judged on it.
            guard n.isGiven else { continue }
            let length = normalized(n.problems ?? "").count
            if length < minimum {
                out[i].append(Flag(.perfunctory, .warning, path: "narrative.problems",
                                   "五、存在的主要问题及改进情况仅\(length)字（少于\(minimum)字），内容过于简略"))
            }
            if !n.otherMattersMentionFee {
                out[i].append(Flag(.perfunctory, .warning, path: "narrative.otherMatters",
                                   "六、其他需要报告的事项未说明信息处理费收取情况"))
            }
            if let old = input.previous?.narrative.problems, let mine = judged(i) {
                let s = similarity(mine, shingles(old))
                if s >= threshold {
                    out[i].append(Flag(.copied, .warning, path: "narrative.problems",
                                       "五、存在的主要问题及改进情况与本乡镇上年报告（\(inMessage(input.previous!.file))）相似度\(percent(s))（阈值\(percent(threshold))）"))
                }
            }
        }
        // Among townships of the same year: candidates share a MinHash band, then are measured exactly.
        let signatures: [[UInt64]?] = parallelMap(count: inputs.count) { i in judged(i).map(minHashes) }
        // Texts sharing a band hash: (hash, text) entries sorted, each run of one hash a bucket
        // (a flat array, not a dictionary of arrays: a few bytes per entry at national scale).
        var entries: [(band: UInt64, text: Int32)] = []
        entries.reserveCapacity(inputs.count * (hashCount / bandRows))
        for (i, sig) in signatures.enumerated() {
            guard let sig else { continue }
            for (b, h) in bands(sig).enumerated() { entries.append((h ^ UInt64(b), Int32(i))) }
        }
        entries.sort { ($0.band, $0.text) < ($1.band, $1.text) }
        // A band shared by many texts (boilerplate everyone uses) would make pairs grow with the
        // square of the bucket: there, texts are sorted by their whole signature and each is
        // compared with its nearest neighbours only, where near-copies sort together.
        var pairs = Set<Int64>()
        func pair(_ x: Int, _ y: Int) { pairs.insert(Int64(min(x, y)) << 32 | Int64(max(x, y))) }
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].band == entries[start].band { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            let members = entries[start..<end].map { Int($0.text) }
            if members.count <= largeBucket {
                for x in 0..<members.count {
                    for y in (x + 1)..<members.count { pair(members[x], members[y]) }
                }
            } else {
                let sorted = members.sorted { signatures[$0]!.lexicographicallyPrecedes(signatures[$1]!) }
                for x in 0..<sorted.count {
                    for y in (x + 1)..<min(sorted.count, x + 1 + neighbourWindow) { pair(sorted[x], sorted[y]) }
                }
            }
        }
        var best = [(Double, Int)?](repeating: nil, count: inputs.count)
        // The signatures estimate the similarity; only pairs that may reach the threshold are
        // measured exactly (the estimate's error at 32 hashes is about ±0.15).
        let screen = Int(((threshold - 0.25) * Double(hashCount)).rounded(.down))
        for pair in pairs.sorted() {
            let a = Int(pair >> 32), b = Int(pair & 0xFFFF_FFFF)
            let sa = signatures[a]!, sb = signatures[b]!
            var agree = 0
            for k in 0..<hashCount where sa[k] == sb[k] { agree += 1 }
            guard agree >= screen else { continue }
            let s = similarity(judged(a)!, judged(b)!)
            guard s >= threshold else { continue }
            if (best[a]?.0 ?? -1) < s { best[a] = (s, b) }
            if (best[b]?.0 ?? -1) < s { best[b] = (s, a) }
        }
        for (i, match) in best.enumerated() {
            guard let (s, j) = match else { continue }
            out[i].append(Flag(.copied, .warning, path: "narrative.problems",
                               "五、存在的主要问题及改进情况与\(inMessage(inputs[j].name))报告（\(inMessage(inputs[j].report.file))）相似度\(percent(s))（阈值\(percent(threshold))）"))
        }
        return out
    }
}
