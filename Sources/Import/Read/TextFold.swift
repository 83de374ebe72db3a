/// The text folds the reader matches labels and numbers through: full-width forms to half,
/// common traditional characters to simplified, enumerators and white space away. Written on
/// Unicode scalars with small static tables (no Foundation regexes): reading a report calls
/// these a few thousand times.
enum TextFold {
    /// Traditional → simplified for characters that occur in the format's labels and headings.
    static let traditional: [UInt32: Unicode.Scalar] = {
        let pairs: [(Character, Character)] = [
            ("開", "开"), ("機", "机"), ("關", "关"), ("處", "处"), ("請", "请"), ("數", "数"), ("據", "据"),
            ("報", "报"), ("執", "执"), ("結", "结"), ("轉", "转"), ("辦", "办"), ("總", "总"), ("計", "计"),
            ("決", "决"), ("業", "业"), ("體", "体"), ("護", "护"), ("權", "权"), ("務", "务"), ("訊", "讯"),
            ("範", "范"), ("規", "规"), ("製", "制"), ("發", "发"), ("廢", "废"), ("現", "现"), ("許", "许"),
            ("強", "强"), ("費", "费"), ("內", "内"), ("項", "项"), ("條", "条"), ("華", "华"), ("國", "国"),
            ("與", "与"), ("學", "学"), ("會", "会"), ("專", "专"), ("屬", "属"), ("當", "当"), ("後", "后"),
            ("複", "复"), ("議", "议"), ("訴", "诉"), ("訟", "讼"), ("維", "维"), ("糾", "纠"), ("審", "审"),
            ("經", "经"), ("接", "接"), ("況", "况"), ("處", "处"), ("無", "无"), ("補", "补"), ("確", "确"),
            ("舉", "举"), ("訪", "访"), ("類", "类"), ("重", "重"), ("讀", "读"), ("書", "书"), ("檔", "档"),
            ("禁", "禁"), ("險", "险"), ("穩", "稳"), ("衛", "卫"), ("義", "义"), ("統", "统"), ("財", "财"),
            ("獲", "获"), ("證", "证"), ("問", "问"), ("題", "题"), ("並", "并"), ("級", "级"), ("門", "门"),
            ("縣", "县"), ("鎮", "镇"), ("鄉", "乡"), ("區", "区"), ("間", "间"), ("員", "员"), ("應", "应"),
            ("繳", "缴"), ("納", "纳"), ("費", "费"), ("據", "据"), ("違", "违"), ("們", "们"), ("對", "对"),
            ("實", "实"), ("際", "际"), ("產", "产"), ("個", "个"), ("來", "来"), ("過", "过"), ("這", "这"),
            ("號", "号"), ("兩", "两"), ("萬", "万"), ("單", "单"), ("價", "价"), ("額", "额"), ("劃", "划"),
            ("園", "园"), ("圍", "围"), ("導", "导"), ("將", "将"), ("從", "从"), ("寫", "写"), ("準", "准"),
            ("稱", "称"), ("職", "职"), ("責", "责"), ("際", "际"), ("網", "网"), ("頁", "页"), ("訊", "讯"),
            ("聯", "联"), ("絡", "络"), ("電", "电"), ("話", "话"), ("傳", "传"), ("時", "时"), ("歲", "岁"),
            ("頒", "颁"), ("佈", "布"), ("錄", "录"), ("礎", "础"), ("設", "设"), ("點", "点"), ("續", "续"),
            ("辦", "办"), ("構", "构"), ("組", "组"), ("織", "织"), ("會", "会"), ("社", "社"), ("益", "益"),
            ("律", "律"), ("務", "务"), ("訂", "订"), ("認", "认"), ("諮", "咨"), ("詢", "询"), ("讓", "让"),
            ("長", "长"), ("問", "问"), ("見", "见"), ("觀", "观"), ("標", "标"), ("準", "准"), ("題", "题"),
            ("罰", "罚"), ("動", "动"), ("復", "复"), ("沒", "没"), ("進", "进"), ("繼", "继"), ("減", "减"),
            ("採", "采"), ("購", "购"), ("餘", "余"), ("眾", "众"), ("熱", "热"), ("線", "线"), ("訓", "训"),
            ("農", "农"), ("場", "场"), ("興", "兴"), ("帳", "帐"), ("態", "态"), ("報", "报"),
        ]
        var d: [UInt32: Unicode.Scalar] = [:]
        for (t, s) in pairs where t != s { d[t.unicodeScalars.first!.value] = s.unicodeScalars.first! }
        return d
    }()

    static let cjkBase: UInt32 = 0x4E00
    /// `traditional` as a flat table over U+4E00…U+9FFF (0: no folding), so a fold is one load.
    static let simplifiedTable: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 0xA000 - 0x4E00)
        for (k, v) in traditional where k >= cjkBase && k < 0xA000 { t[Int(k - cjkBase)] = v.value }
        return t
    }()

    /// One scalar folded: full-width ASCII to ASCII, ideographic and no-break spaces to a space,
    /// traditional to simplified, dashes unified.
    @inline(__always) static func fold(_ u: Unicode.Scalar) -> Unicode.Scalar {
        let v = u.value
        if v < 0x80 { return u }
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0)! }
        switch v {
        case 0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200B, 0xFEFF: return " "
        case 0x3001: return "、"
        case 0x3002: return "。"
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x300C, 0x300D, 0x300E, 0x300F: return "\""
        case 0x3014, 0x3010, 0x3016: return "("
        case 0x3015, 0x3011, 0x3017: return ")"
        default: break
        }
        if v >= cjkBase && v < 0xA000 {
            let s = simplifiedTable[Int(v - cjkBase)]
            return s == 0 ? u : Unicode.Scalar(s)!
        }
        return u
    }

    /// White space, by explicit ranges (Unicode property lookups were the reader's hot spot).
    @inline(__always) static func isSpace(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0x3000 || v == 0xA0 || v == 0x85 || v == 0x1680 || (v >= 0x2000 && v <= 0x200B)
            || v == 0x2028 || v == 0x2029 || v == 0x202F || v == 0x205F || v == 0xFEFF
    }

    @inline(__always) static func isSpaceCharacter(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy(isSpace)
    }

    /// Letters and digits a label keeps: ASCII letters and digits, CJK ideographs, other letters.
    @inline(__always) static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) }
        if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || v == 0x3007 { return true }
        // Punctuation and symbol blocks (general, CJK, full-width, vertical forms) are dropped.
        if (v >= 0x2000 && v <= 0x2BFF) || (v >= 0x3000 && v <= 0x303F) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFFEF) {
            return false
        }
        return u.properties.isAlphabetic
    }

    /// Folded scalars of a text, white space kept (as single spaces).
    static func folded(_ s: Substring) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            let f = fold(u)
            out.append(isSpace(f) ? " " : f)
        }
        return out
    }

    static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
        "两": 2,
    ]

    @inline(__always) static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 48 && u.value <= 57 }

    /// Length of a leading enumerator in folded, space-free scalars: (一) 一、 1. 1、 1) ① 一是 ,
    /// or 0 when there is none.
    static func enumeratorLength<Scalars: RandomAccessCollection<Unicode.Scalar>>(_ s: Scalars) -> Int where Scalars.Index == Int {
        guard let first = s.first else { return 0 }
        if first.value >= 0x2460 && first.value <= 0x2473 { return 1 }   // ①–⑳
        if first == "(" {
            var k = 1
            while k < s.count, k <= 4, isDigit(s[k]) || chineseDigits[s[k]] != nil { k += 1 }
            if k > 1, k < s.count, s[k] == ")" { return k + 1 }
            return 0
        }
        var k = 0
        if isDigit(first) {
            while k < s.count, isDigit(s[k]) { k += 1 }
            guard k <= 2, k < s.count else { return 0 }
            // "1.5" is a number, not an enumerator.
            if s[k] == "." { return k + 1 < s.count && isDigit(s[k + 1]) ? 0 : k + 1 }
            if s[k] == "、" || s[k] == ")" || s[k] == "．" { return k + 1 }
            return 0
        }
        if chineseDigits[first] != nil {
            while k < s.count, k < 3, chineseDigits[s[k]] != nil { k += 1 }
            if k < s.count, s[k] == "、" || s[k] == "." || s[k] == "．" { return k + 1 }
            return 0
        }
        return 0
    }

    /// A label's matching form: folded, enumerator and any "(2024)" year away, then only
    /// letters and digits kept (white space and punctuation dropped).
    static func labelKey(_ s: Substring) -> (key: String, enumerated: Bool) {
        // Folded on a scratch buffer and written straight into the key's storage: a report folds
        // a few thousand labels, and two heap arrays per label were most of the cost.
        let capacity = s.utf8.count
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(capacity, 1)) { buffer in
            var count = 0
            for u in s.unicodeScalars {
                let f = fold(u)
                if !isSpace(f) { buffer[count] = f; count += 1 }
            }
            let scalars = UnsafeBufferPointer(rebasing: buffer[0..<count])
            let e = enumeratorLength(scalars)
            // At most four UTF-8 bytes a scalar.
            let key = String(unsafeUninitializedCapacity: max(count * 4, 1)) { out in
                var n = 0
                var k = e
                while k < count {
                    let u = scalars[k]
                    // "(2024)" or "(2024年)" inside a header.
                    if u == "(", k + 5 < count, scalars[k + 1] == "2", scalars[k + 2] == "0",
                       isDigit(scalars[k + 3]), isDigit(scalars[k + 4]) {
                        var j = k + 5
                        if j < count, scalars[j] == "年" { j += 1 }
                        if j < count, scalars[j] == ")" { k = j + 1; continue }
                    }
                    if isWordScalar(u) { n = writeUTF8(u, out, at: n) }
                    k += 1
                }
                return n
            }
            return (key, e > 0)
        }
    }

    /// A scalar's UTF-8 at `at`; the offset after it.
    @inline(__always) static func writeUTF8(_ u: Unicode.Scalar, _ out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        let v = u.value
        if v < 0x80 { out[i] = UInt8(v); return i + 1 }
        if v < 0x800 { out[i] = UInt8(0xC0 | (v >> 6)); out[i + 1] = UInt8(0x80 | (v & 0x3F)); return i + 2 }
        if v < 0x10000 {
            out[i] = UInt8(0xE0 | (v >> 12)); out[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[i + 2] = UInt8(0x80 | (v & 0x3F))
            return i + 3
        }
        out[i] = UInt8(0xF0 | (v >> 18)); out[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
        out[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[i + 3] = UInt8(0x80 | (v & 0x3F))
        return i + 4
    }
}
