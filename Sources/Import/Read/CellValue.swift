/// What one cell of a table says, as the reader classifies it before knowing which row it is in.
enum CellValue: Equatable {
    /// Nothing at all (an empty grid cell, an empty field between tabs or bars).
    case empty
    /// A mark that says "nothing here": "/", "—", "－", "-", "无". Not 0: the cell is not stated.
    case dash
    /// A whole number; `approximate` for "15余" / "15余条".
    case count(Int64, approximate: Bool)
    /// A decimal with a fraction ("0.35"), in millionths: good for 万元 cells only.
    case decimal(Int64)
    /// Digits mixed with something else ("1O", "12件", "3.4.5"): the cell is in doubt.
    case garbled(String)
    /// Text: a label, a header or prose.
    case text

    var isValueLike: Bool {
        switch self {
        case .text: return false
        default: return true
        }
    }

    var isBlank: Bool { self == .empty || self == .dash }

    static let dashes: Set<String> = ["/", "-", "--", "—", "——", "－", "－－", "–", "―", "无", "\\", "、", "…", "×", "／"]
    static let unitAfterApproximate: Set<Unicode.Scalar> = ["条", "件", "次", "人", "个", "项", "家", "篇", "期"]
    static let maximumDigits = 12

    /// Classifies a cell's raw text.
    static func parse(_ raw: Substring) -> CellValue {
        // The usual cell: a few ASCII digits, nothing else.
        let u = raw.utf8
        if !u.isEmpty, u.count <= maximumDigits, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            var v: Int64 = 0
            for b in u { v = v * 10 + Int64(b - 48) }
            return .count(v, approximate: false)
        }
        var s: [Unicode.Scalar] = []
        s.reserveCapacity(raw.unicodeScalars.count)
        var hasDigit = false
        for u in raw.unicodeScalars {
            let f = TextFold.fold(u)
            if TextFold.isSpace(f) { continue }
            if TextFold.isDigit(f) { hasDigit = true }
            s.append(f)
        }
        if s.isEmpty { return .empty }
        if !hasDigit {
            guard s.count <= 2 else { return .text }
            var str = String.UnicodeScalarView()
            str.append(contentsOf: s)
            return dashes.contains(String(str)) ? .dash : .text
        }
        // A label with an enumerator ("3.其他", "(一)予以公开") is text, whatever its digits.
        let e = TextFold.enumeratorLength(s)
        if e > 0 && e < s.count && !s[e...].contains(where: TextFold.isDigit) { return .text }
        // Long text with a few digits in it (a header, a sentence) is text.
        let cjk = s.filter { $0.value >= 0x4E00 && $0.value <= 0x9FFF }.count
        if cjk >= 4 { return .text }

        var body = s[...]
        var approximate = false
        if body.count >= 3, let last = body.last, unitAfterApproximate.contains(last) {
            let before = body[body.index(body.endIndex, offsetBy: -2)]
            if before == "余" || before == "多" { body = body.dropLast() }
        }
        if body.last == "余" || body.last == "多" { body = body.dropLast(); approximate = true }
        // Digits with thousands separators, and at most one decimal point.
        var whole: Int64 = 0, digits = 0, fraction: Int64 = 0, fractionDigits = 0
        var seenPoint = false, groupLength = -1, sawSeparator = false
        for u in body {
            if TextFold.isDigit(u) {
                let d = Int64(u.value - 48)
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > 6 { return .garbled(String(String.UnicodeScalarView(s))) }
                    fraction = fraction * 10 + d
                } else {
                    digits += 1
                    if digits > maximumDigits { return .garbled(String(String.UnicodeScalarView(s))) }
                    whole = whole * 10 + d
                    if groupLength >= 0 { groupLength += 1 }
                }
            } else if (u == "," || u == "，") && !seenPoint && digits > 0 {
                if groupLength >= 0 && groupLength != 3 { return .garbled(String(String.UnicodeScalarView(s))) }
                if !sawSeparator && digits > 3 { return .garbled(String(String.UnicodeScalarView(s))) }
                sawSeparator = true
                groupLength = 0
            } else if u == "." && !seenPoint && digits > 0 {
                if groupLength >= 0 && groupLength != 3 { return .garbled(String(String.UnicodeScalarView(s))) }
                seenPoint = true
            } else {
                return .garbled(String(String.UnicodeScalarView(s)))
            }
        }
        if digits == 0 || (sawSeparator && !seenPoint && groupLength != 3) || (seenPoint && fractionDigits == 0) {
            return .garbled(String(String.UnicodeScalarView(s)))
        }
        if seenPoint {
            if approximate { return .garbled(String(String.UnicodeScalarView(s))) }
            var f = fraction
            for _ in fractionDigits..<6 { f *= 10 }
            if fraction == 0 { return .count(whole, approximate: false) }
            return .decimal(whole * 1_000_000 + f)
        }
        return .count(whole, approximate: approximate)
    }
}
