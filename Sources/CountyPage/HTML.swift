import Aggregate

/// The page's text as it is built, and the one way text from the inputs gets into it: escaped.
struct HTML {
    var out = ""

    init() { out.reserveCapacity(64 * 1024) }

    /// Markup written by this module (never anything from the inputs).
    mutating func raw(_ s: String) { out += s }

    /// Text from anywhere, escaped for element content and quoted attribute values alike.
    mutating func text(_ s: String) { out += HTML.escape(s) }

    /// A name or file name from the inputs: shortened and bidi-isolated as in the workbook's
    /// messages (`inMessage`), then escaped.
    mutating func name(_ s: String) { out += HTML.escape(inMessage(s)) }

    /// `& < > " '` as character references, and C0 controls other than tab and line feed (and
    /// DEL, and the C1 controls) as U+FFFD, so nothing from a report can open a tag, close an
    /// attribute or smuggle a control character into the page.
    static func escape(_ s: String) -> String {
        var r = ""
        r.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&#39;"
            case "\t", "\n": r.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { r.unicodeScalars.append("\u{FFFD}") } else { r.unicodeScalars.append(u) }
            }
        }
        return r
    }

    /// A source URL given by a report, when it may become a link: http or https only, with no
    /// space or control character in it (so never `javascript:` or `data:`).
    static func linkable(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), url.utf8.count <= 2048 else { return false }
        return !url.unicodeScalars.contains { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) || $0.properties.isWhitespace }
    }

    /// A file name as a relative link: percent-encoded (a `#`, `?`, `%` or space in the name stays
    /// part of it), then escaped for the attribute.
    static func relativeHref(_ fileName: String) -> String {
        var r = ""
        for b in fileName.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) { r.append(c) } else { r += "%" + hex(b) }
        }
        return escape(r)
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    /// The status word in its colour: `<span class="st st-late">逾期</span>` (never colour alone).
    mutating func status(_ s: Status) {
        raw("<span class=\"st st-\(s.rawValue)\">\(HTML.escape(s.label))</span>")
    }
}
