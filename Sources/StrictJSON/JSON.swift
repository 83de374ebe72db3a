/// A JSON value as parsed by `JSONParser`: objects keep their member order, numbers keep
/// their literal when they are not plain 64-bit integers, so nothing is rounded on the way in.
package indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in Int64.
    case integer(Int64)
    /// Any other number, as written (e.g. "1.5", "1e400", "2.0").
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// How the value reads in an error message: literals verbatim, strings quoted, containers named.
    package var shortDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let s):
            // A literal can be megabytes long ("0.000…1"); quote its ends and say how long it is.
            if s.utf8.count <= 40 { return s }
            return "\(s.prefix(20))…\(s.suffix(10)) (a number written with \(s.utf8.count) characters)"
        case .string(let s):
            let cut = s.count > 40 ? String(s.prefix(40)) + "…" : s
            return "\"\(cut)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first(where: { $0.0 == key })?.1 }
        return nil
    }
}

/// Where and why a text is not the JSON we accept.
package struct JSONParseError: Error, Sendable {
    /// Dotted path of the value being read when the error was found ("" at the top).
    package let path: String
    package let message: String
    package let offset: Int
}

/// A strict RFC 8259 parser over bytes: UTF-8 only (a leading BOM is skipped), no duplicate
/// keys, bounded nesting, and errors that say where in the document they happened.
package struct JSONParser {
    package static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private var path: [String] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    package static func parse(_ data: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer)
            do throws(JSONParseError) { return .success(try parser.document()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private func fail(_ message: String) -> JSONParseError {
        JSONParseError(path: JSONParser.dotted(path), message: message, offset: i)
    }

    /// "requests.received.total", and array items as "remarks[0][1]" (no dot before an index).
    static func dotted(_ components: [String]) -> String {
        var out = ""
        for c in components {
            if !out.isEmpty && !c.hasPrefix("[") { out += "." }
            out += c
        }
        return out
    }

    private mutating func document() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        if let other = JSONParser.otherEncoding(bytes) {
            throw fail("expected UTF-8 text, found \(other); save the file as UTF-8")
        }
        skipSpace()
        if i >= bytes.count {
            throw fail(bytes.isEmpty ? "expected a JSON object, found an empty file" : "expected a JSON object, found only white space")
        }
        let v = try value()
        skipSpace()
        if i < bytes.count { throw fail("expected the end of the file after the JSON value, found \(describeHere())") }
        return v
    }

    /// Names the encoding of a file that is plainly not UTF-8 from its first bytes: a UTF-16 or
    /// UTF-32 byte-order mark, or ASCII interleaved with NUL bytes (UTF-16 without a mark).
    static func otherEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return "UTF-32 text (byte-order mark FF FE 00 00)" }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32 text (byte-order mark 00 00 FE FF)" }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return "UTF-16 text (byte-order mark FF FE, as Windows Notepad saves \"Unicode\")" }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return "UTF-16 text (byte-order mark FE FF)" }
        if b.count >= 4, b[0] != 0, b[0] < 0x80, b[1] == 0, b[2] != 0, b[2] < 0x80, b[3] == 0 { return "UTF-16 text (every other byte is NUL)" }
        if b.count >= 4, b[0] == 0, b[1] != 0, b[1] < 0x80, b[2] == 0, b[3] != 0, b[3] < 0x80 { return "UTF-16 text (every other byte is NUL)" }
        return nil
    }

    /// The offset of the first byte in `range` that does not belong to well-formed UTF-8.
    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var k = range.lowerBound
        while k < range.upperBound {
            let n = utf8SequenceLength(b, k, range.upperBound)
            if n == 0 { return k }
            k += n
        }
        return nil
    }

    /// Whether the bytes are well-formed UTF-8, as `firstInvalidUTF8` judges them (runs of ASCII
    /// taken eight bytes at a time): for readers that pass over text without making a String.
    package static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        var k = 0
        while k < b.count {
            if k + 8 <= b.count, UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                k += 8
                continue
            }
            let n = utf8SequenceLength(b, k, b.count)
            if n == 0 { return false }
            k += n
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence starting at `k` (before `end`), or 0.
    package static func utf8SequenceLength(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Int {
        let c = b[k]
        if c < 0x80 { return 1 }
        let n: Int, low: UInt8, high: UInt8
        switch c {
        case 0xC2...0xDF: n = 2; low = 0x80; high = 0xBF
        case 0xE0: n = 3; low = 0xA0; high = 0xBF
        case 0xE1...0xEC, 0xEE, 0xEF: n = 3; low = 0x80; high = 0xBF
        case 0xED: n = 3; low = 0x80; high = 0x9F
        case 0xF0: n = 4; low = 0x90; high = 0xBF
        case 0xF1...0xF3: n = 4; low = 0x80; high = 0xBF
        case 0xF4: n = 4; low = 0x80; high = 0x8F
        default: return 0
        }
        guard k + n <= end, (low...high).contains(b[k + 1]) else { return 0 }
        for j in 2..<max(2, n) where !(0x80...0xBF).contains(b[k + j]) { return 0 }
        return n
    }

    private func notUTF8(at k: Int) -> String {
        "expected UTF-8 text, found a byte that is not UTF-8 (0x\(String(bytes[k], radix: 16, uppercase: true))) at byte \(k); "
            + "the file may be saved as GBK/GB18030 or another legacy encoding: save it as UTF-8"
    }

    @inline(__always) private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private func describeHere() -> String {
        if i >= bytes.count { return "the end of the file (truncated?)" }
        let b = bytes[i]
        if b == 0 { return "a NUL byte at byte \(i)" }
        if b >= 0x80 {
            // Show the character itself: a full-width '：' or '“' typed by a Chinese input method is a common slip.
            let n = JSONParser.utf8SequenceLength(bytes, i, bytes.count)
            if n > 0, let s = String(validating: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]), as: UTF8.self),
               let scalar = s.unicodeScalars.first {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "'\(s)' (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)) at byte \(i)"
            }
            return "a byte that is not UTF-8 (0x\(String(b, radix: 16, uppercase: true))) at byte \(i)"
        }
        if b < 0x20 { return "a control character at byte \(i)" }
        return "'\(Character(Unicode.Scalar(b)))' at byte \(i)"
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        guard i < bytes.count else { throw fail("expected a value, found the end of the file (truncated?)") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("expected a value, found \(describeHere())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        let p = word.utf8Start
        guard i + n <= bytes.count else { throw fail("expected \(word), found the end of the file (truncated?)") }
        for k in 0..<n where bytes[i + k] != p[k] { throw fail("expected a value, found \(describeHere())") }
        i += n
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw fail("expected at most \(JSONParser.maximumDepth) levels of nesting, found more") }
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        try enter()
        i += 1
        var members: [(String, JSONValue)] = []
        var seen = Set<String>()   // a linear scan per key would make 300,000 keys take hours
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw fail("expected a quoted key, found \(describeHere())")
            }
            let key = try string()
            if !seen.insert(key).inserted {
                path.append(key)
                throw fail("expected each key once, found \"\(key)\" twice (which value is meant is unclear)")
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\", found \(describeHere())") }
            i += 1
            skipSpace()
            path.append(key)
            let v = try value()
            path.removeLast()
            members.append((key, v))
            skipSpace()
            guard i < bytes.count else { throw fail("expected ',' or '}', found the end of the file (truncated?)") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw fail("expected ',' or '}', found \(describeHere())")
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        try enter()
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            path.append("[\(items.count)]")
            let v = try value()
            path.removeLast()
            items.append(v)
            skipSpace()
            guard i < bytes.count else { throw fail("expected ',' or ']', found the end of the file (truncated?)") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw fail("expected ',' or ']', found \(describeHere())")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func string() throws(JSONParseError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                let end = i
                i += 1
                if let s = String(validating: slice, as: UTF8.self) { return s }
                i = JSONParser.firstInvalidUTF8(bytes, start..<end) ?? start
                throw fail(notUTF8(at: i))
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            i += 1
        }
        if let bad = JSONParser.firstInvalidUTF8(bytes, start..<i) {
            i = bad
            throw fail(notUTF8(at: bad))
        }
        var out: [UInt8] = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw fail("expected the closing '\"' of a string, found the end of the file (truncated?)") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("expected no raw control characters in a string, found \(describeHere())") }
            if b != UInt8(ascii: "\\") {
                if b >= 0x80 {
                    let n = JSONParser.utf8SequenceLength(bytes, i, bytes.count)
                    if n == 0 { throw fail(notUTF8(at: i)) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]))
                    i += n
                    continue
                }
                out.append(b); i += 1; continue
            }
            i += 1
            guard i < bytes.count else { throw fail("expected an escape after '\\', found the end of the file") }
            let e = bytes[i]
            i += 1
            if let byte = Self.escaped(e) { out.append(byte); continue }
            switch e {
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("expected a low surrogate after \\u\(String(code, radix: 16)), found none")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("expected a low surrogate, found \\u\(String(low, radix: 16))") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw fail("expected a character, found a lone low surrogate \\u\(String(code, radix: 16))")
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
            default:
                i -= 1
                throw fail("expected a valid escape, found '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        return String(decoding: out, as: UTF8.self)   // validated byte by byte above
    }

    /// The byte a one-letter escape stands for (\" \\ \/ \b \f \n \r \t); nil for \u and
    /// anything else. The fast decoder reads strings by the same table.
    package static func escaped(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""): return 0x22
        case UInt8(ascii: "\\"): return 0x5C
        case UInt8(ascii: "/"): return 0x2F
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("expected four hex digits after \\u, found the end of the file") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - 55)
            default: throw fail("expected four hex digits after \\u, found \(describeHere())")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else {
            throw fail("expected a digit, found \(describeHere())")
        }
        var magnitude: UInt64 = 0
        var overflow = false
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                throw fail("expected a number without leading zeros, found \(describeHere())")
            }
        } else {
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
                let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m1.addingReportingOverflow(UInt64(bytes[i] - 48))
                overflow = overflow || o1 || o2
                magnitude = m2
                i += 1
            }
        }
        var plain = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            plain = false
            i += 1
            guard i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else {
                throw fail("expected a digit after '.', found \(describeHere())")
            }
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            plain = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else {
                throw fail("expected a digit in the exponent, found \(describeHere())")
            }
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        }
        if plain && !overflow {
            if negative {
                if magnitude <= UInt64(Int64.max) { return .integer(-Int64(magnitude)) }
                if magnitude == UInt64(Int64.max) + 1 { return .integer(Int64.min) }
            } else if magnitude <= UInt64(Int64.max) {
                return .integer(Int64(magnitude))
            }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }
}

/// A decimal literal as sign, digits and power of ten, for exact checks on numbers that are
/// not plain integers ("2.0" is the whole number 2; "1.5" is not; "1e400" is out of range).
package struct DecimalLiteral {
    package var negative: Bool
    package var digits: [UInt8]   // significant digits, no leading zeros; empty means zero
    package var exponent: Int     // value = digits × 10^exponent

    package init?(_ text: String) {
        var s = Substring(text)
        negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        var mantissa = s
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            let tail = s[s.index(after: e)...]
            let negativeExponent = tail.hasPrefix("-")
            let expDigits = tail.drop(while: { $0 == "+" || $0 == "-" })
            guard !expDigits.isEmpty, expDigits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            // Leading zeros say nothing ("1e+000000001" is 10); an exponent of all zeros is 0.
            let significant = expDigits.drop(while: { $0 == "0" })
            if significant.count > 8 {
                exp = negativeExponent ? -100_000_000 : 100_000_000
            } else if !significant.isEmpty {
                guard let x = Int(significant) else { return nil }
                exp = negativeExponent ? -x : x
            }
        }
        var ds: [UInt8] = []
        var fractionDigits = 0
        var seenDot = false
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") { seenDot = true; continue }
            guard ch >= 48 && ch <= 57 else { return nil }
            if seenDot { fractionDigits += 1 }
            if ds.isEmpty && ch == 48 { continue }   // leading zeros (dropping them one by one from the front was quadratic)
            ds.append(ch - 48)
        }
        exp -= fractionDigits
        var trailing = 0
        while trailing < ds.count, ds[ds.count - 1 - trailing] == 0 { trailing += 1 }
        ds.removeLast(trailing)
        exp += trailing
        if ds.isEmpty { exp = 0; negative = false }
        digits = ds
        exponent = exp
    }

    package var isZero: Bool { digits.isEmpty }

    /// The value scaled by 10^scale as an Int64, or nil when it is not a whole number of
    /// those units or does not fit.
    package func scaled(by scale: Int) -> Int64? {
        let e = exponent + scale
        if isZero { return 0 }
        if e < 0 { return nil }
        if digits.count + e > 18 { return nil }
        var v: Int64 = 0
        for d in digits { v = v * 10 + Int64(d) }
        for _ in 0..<e { v *= 10 }
        return negative ? -v : v
    }
}

extension JSONValue {
    /// Puts `leaf` at `path` inside an object's members, making the objects on the way in the
    /// order first met: how a report's cells (dotted paths from `Catalog`) become its sections.
    package static func insert(_ members: inout [(String, JSONValue)], _ path: ArraySlice<String>, _ leaf: JSONValue) {
        let head = path.first!
        if path.count == 1 { members.append((head, leaf)); return }
        if let k = members.firstIndex(where: { $0.0 == head }), case .object(var sub) = members[k].1 {
            insert(&sub, path.dropFirst(), leaf)
            members[k].1 = .object(sub)
        } else {
            var sub: [(String, JSONValue)] = []
            insert(&sub, path.dropFirst(), leaf)
            members.append((head, .object(sub)))
        }
    }
}
