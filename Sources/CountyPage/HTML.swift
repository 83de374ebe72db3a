import Aggregate

/// The page's bytes as they are built (UTF-8), and the one way text from the inputs gets into
/// them: escaped. Text is appended as bytes, never built up as intermediate strings: the page
/// of a national run has a row for each of 40,000 townships.
struct HTML {
    var out: [UInt8] = []
    /// Where the bytes go when the page is written as it is made (`CountyPage.write`): `out` is
    /// handed on whenever it passes `spillAt` bytes, so that a national page is never whole in memory.
    var spill: ((UnsafeBufferPointer<UInt8>) -> Void)?
    static let spillAt = 1 << 20

    /// `capacity`: an upper bound of the page's size, so that the buffer is never copied to grow
    /// (a large allocation costs memory only where it is written).
    init(capacity: Int = 64 * 1024) { out.reserveCapacity(capacity) }

    /// A page handed to `spill` a megabyte or so at a time (and what is left at `flush()`).
    init(spill: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        out.reserveCapacity(HTML.spillAt + 64 * 1024)
        self.spill = spill
    }

    /// Hands `out` on when it has grown past `spillAt` (checked as each piece of markup or text starts).
    @inline(__always) mutating func spillIfFull() {
        guard out.count >= HTML.spillAt, let spill else { return }
        flush(spill)
    }

    /// Hands on what `out` holds.
    mutating func flush() { if let spill { flush(spill) } }

    private mutating func flush(_ spill: (UnsafeBufferPointer<UInt8>) -> Void) {
        out.withUnsafeBufferPointer { spill($0) }
        out.removeAll(keepingCapacity: true)
    }

    /// Markup written by this module (never anything from the inputs).
    mutating func raw(_ s: String) {
        spillIfFull()
        out.append(contentsOf: s.utf8)
    }

    /// A whole number in decimal.
    mutating func raw(_ n: Int) {
        if n < 0 {
            out.append(UInt8(ascii: "-"))
            guard n != .min else { return raw(String(n).dropFirst()) }
            return raw(-n)
        }
        if n < 10 { return out.append(UInt8(ascii: "0") + UInt8(n)) }
        raw(n / 10)
        out.append(UInt8(ascii: "0") + UInt8(n % 10))
    }

    mutating func raw(_ s: Substring) { out.append(contentsOf: s.utf8) }

    /// Text from anywhere, escaped for element content and quoted attribute values alike.
    mutating func text(_ s: String) {
        spillIfFull()
        HTML.escape(s, into: &out)
    }

    /// A name or file name from the inputs: shortened and bidi-isolated as in the workbook's
    /// messages (`inMessage`), then escaped. A name of at most `messageNameLimit` bytes without
    /// the byte 0xE2 (every bidi control starts with it) is shown as it is: it skips the look.
    mutating func name(_ s: String) {
        spillIfFull()
        if s.utf8.count <= messageNameLimit && !s.utf8.contains(0xE2) { HTML.escape(s, into: &out) } else { HTML.escape(inMessage(s), into: &out) }
    }

    /// `& < > " '` as character references, and C0 controls other than tab and line feed (and
    /// DEL, and the C1 controls) as U+FFFD, so nothing from a report can open a tag, close an
    /// attribute or smuggle a control character into the page.
    static func escape(_ s: String) -> String {
        var bytes: [UInt8] = []
        escape(s, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `escape`, appended to `out` byte by byte (a String is valid UTF-8, so a C1 control is
    /// the two bytes C2 80–C2 9F and every other byte is copied as it is).
    static func escape(_ s: String, into out: inout [UInt8]) {
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var s = s
        s.withUTF8 { b in
            var i = 0, copied = 0
            while i < b.count {
                let c = b[i]
                let entity: StaticString?
                var width = 1
                switch c {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                case 0x09, 0x0A: entity = nil
                case 0..<0x20, 0x7F: entity = ""
                case 0xC2 where i + 1 < b.count && (0x80...0x9F).contains(b[i + 1]):
                    entity = ""
                    width = 2
                default: entity = nil
                }
                guard let entity else { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<i]))
                if entity.utf8CodeUnitCount == 0 {
                    out.append(contentsOf: replacement)
                } else {
                    entity.withUTF8Buffer { out.append(contentsOf: $0) }
                }
                i += width
                copied = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<b.count]))
        }
    }

    /// A source URL given by a report, when it may become a link: http or https only, with no
    /// space or control character in it (so never `javascript:` or `data:`).
    static func linkable(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), url.utf8.count <= 2048 else { return false }
        // An ASCII address (nearly all) is judged on its bytes, without Unicode's properties.
        if url.utf8.allSatisfy({ $0 < 0x80 }) { return !url.utf8.contains { $0 <= 0x20 || $0 == 0x7F } }
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
        raw("<span class=\"st st-")
        raw(s.rawValue)
        raw("\">")
        text(s.label)
        raw("</span>")
    }
}
