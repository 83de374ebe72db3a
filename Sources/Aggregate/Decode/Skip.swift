import Foundation
import StrictJSON

extension FastDecoder {
    /// Values the fast decoder passes over (an export tool's unknown keys), read as strictly as
    /// `JSONParser` reads them and refused alike, at the speed of their bytes: the position kept
    /// in a register (not in the cursor), strings scanned eight bytes at a time, scalars read in
    /// the loop of their array or object, no allocation for an object of up to four keys.
    enum Skip {
        typealias GiveUp = FastDecoder.GiveUp
        static let ones: UInt64 = 0x0101_0101_0101_0101
        static let highs: UInt64 = 0x8080_8080_8080_8080

        /// The high bit of each byte of `x` (the first byte lowest) that is a quote, a backslash or
        /// below 0x20. Exact up to the lowest one marked; a borrow may mark bytes above it.
        @inline(__always) static func stops(_ x: UInt64) -> UInt64 {
            let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
            return ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (x &- ones &* 0x20) & ~x) & highs
        }

        /// The first quote, backslash or byte below 0x20 at or after `from` (or `n`), eight bytes
        /// at a time; and whether a byte of 0x80 or above came before it (only such a run needs
        /// checking for UTF-8: ASCII is valid).
        @inline(__always) static func toStop(_ p: UnsafePointer<UInt8>, _ n: Int, _ from: Int) -> (Int, Bool) {
            var i = from
            var high: UInt64 = 0
            while i + 8 <= n {
                let x = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let m = stops(x)
                if m != 0 {
                    let k = m.trailingZeroBitCount >> 3
                    high |= x & highs & ((1 << UInt64(k << 3)) &- 1)
                    return (i + k, high != 0)
                }
                high |= x & highs
                i += 8
            }
            while i < n {
                let c = p[i]
                if c == 0x22 || c == 0x5C || c < 0x20 { break }
                high |= UInt64(c & 0x80)
                i += 1
            }
            return (i, high != 0)
        }

        /// Past a string whose opening quote is before `from`, as `Cursor.string()` takes it: no
        /// byte below 0x20, escapes as JSON has them (a \u escape of a lone surrogate refused),
        /// each raw run between escapes valid UTF-8 (so the decoded text is: an escape adds whole
        /// characters). Where the string ends, after its closing quote.
        @inline(never) static func string(_ p: UnsafePointer<UInt8>, _ n: Int, _ from: Int) throws(GiveUp) -> Int {
            var run = from
            while true {
                let (i, high) = toStop(p, n, run)
                guard i < n, p[i] >= 0x20 else { throw GiveUp() }
                if high, !JSONParser.isValidUTF8(UnsafeBufferPointer(start: p + run, count: i - run)) { throw GiveUp() }
                if p[i] == 0x22 { return i + 1 }
                // A backslash.
                guard i + 1 < n else { throw GiveUp() }
                if JSONParser.escaped(p[i + 1]) != nil {
                    run = i + 2
                } else {
                    guard p[i + 1] == UInt8(ascii: "u") else { throw GiveUp() }
                    var c = Cursor(b: UnsafeBufferPointer(start: p, count: n), i: i + 2)
                    _ = try c.unicodeEscape()
                    run = c.i
                }
            }
        }

        @inline(__always) static func space(_ p: UnsafePointer<UInt8>, _ n: Int, _ from: Int) -> Int {
            var i = from
            while i < n {
                let c = p[i]
                guard c <= 0x20, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
                i += 1
            }
            return i
        }

        /// Past the digits at `from`: how many.
        @inline(__always) static func digits(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int {
            let from = i
            while i < n, p[i] &- 48 < 10 { i += 1 }
            return i - from
        }

        /// Past a number at `from` (its first byte a minus or a digit), by RFC 8259's grammar.
        @inline(__always) static func number(_ p: UnsafePointer<UInt8>, _ n: Int, _ from: Int) throws(GiveUp) -> Int {
            var i = from
            if p[i] == UInt8(ascii: "-") { i += 1 }
            let start = i
            let whole = digits(p, n, &i)
            guard whole > 0, whole == 1 || p[start] != 48 else { throw GiveUp() }
            if i < n, p[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(p, n, &i) > 0 else { throw GiveUp() }
            }
            if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(p, n, &i) > 0 else { throw GiveUp() }
            }
            return i
        }

        /// The four bytes at `i` as one number (the first lowest), when there are four.
        @inline(__always) static func four(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> UInt32? {
            i + 4 <= n ? UInt32(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)) : nil
        }
        static let trueBytes: UInt32 = 0x6575_7274, alseBytes: UInt32 = 0x6573_6C61, nullBytes: UInt32 = 0x6C6C_756E

        /// Past a string, number or literal at `i` (after white space), or nil for `[` and `{`.
        @inline(__always) static func scalar(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) throws(GiveUp) -> Int? {
            switch p[i] {
            case UInt8(ascii: "\""): return try string(p, n, i + 1)
            case UInt8(ascii: "-"), 48...57: return try number(p, n, i)
            case UInt8(ascii: "t"): guard four(p, n, i) == trueBytes else { throw GiveUp() }; return i + 4
            case UInt8(ascii: "f"): guard four(p, n, i + 1) == alseBytes else { throw GiveUp() }; return i + 5
            case UInt8(ascii: "n"): guard four(p, n, i) == nullBytes else { throw GiveUp() }; return i + 4
            case UInt8(ascii: "["), UInt8(ascii: "{"): return nil
            default: throw GiveUp()
            }
        }

        /// Past a value at `at` (white space first), arrays and objects `depth` levels down at most 32.
        static func value(_ p: UnsafePointer<UInt8>, _ n: Int, _ at: inout Int, depth: Int) throws(GiveUp) {
            guard depth < 32 else { throw GiveUp() }
            var i = space(p, n, at)
            guard i < n else { throw GiveUp() }
            if let end = try scalar(p, n, i) { at = end; return }
            let opened = p[i]
            i = space(p, n, i + 1)
            guard i < n else { throw GiveUp() }
            if opened == UInt8(ascii: "[") {
                if p[i] == UInt8(ascii: "]") { at = i + 1; return }
                // Its values are a level down, scalars too: a 32nd level gives up whatever it holds.
                guard depth + 1 < 32 else { throw GiveUp() }
                while true {
                    if let end = try scalar(p, n, i) { i = end } else { try value(p, n, &i, depth: depth + 1) }
                    i = space(p, n, i)
                    guard i < n else { throw GiveUp() }
                    if p[i] == UInt8(ascii: "]") { at = i + 1; return }
                    guard p[i] == UInt8(ascii: ",") else { throw GiveUp() }
                    i = space(p, n, i + 1)
                    guard i < n else { throw GiveUp() }
                }
            }
            if p[i] == UInt8(ascii: "}") { at = i + 1; return }
            guard depth + 1 < 32 else { throw GiveUp() }
            // The first four ASCII names are kept here and compared as bytes; from a fifth name or
            // the first that is not ASCII on, all go to `KeyNames` in the order they came (which
            // is then as if it had had them all), so that a small object costs no `KeyNames`.
            var few: (Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0, 0..<0)
            var fewCount = 0
            var names: KeyNames? = nil
            let buffer = UnsafeBufferPointer(start: p, count: n)
            while true {
                // A key: no escape, no byte below 0x20; unknown, and once in its object.
                guard p[i] == UInt8(ascii: "\"") else { throw GiveUp() }
                let start = i + 1
                var end = start
                var high: UInt8 = 0
                while end < n, p[end] != UInt8(ascii: "\"") {
                    guard p[end] != UInt8(ascii: "\\"), p[end] >= 0x20 else { throw GiveUp() }
                    high |= p[end]
                    end += 1
                }
                guard end < n else { throw GiveUp() }
                let name = start..<end
                if names == nil && fewCount < 4 && high < 0x80 {
                    func same(_ r: Range<Int>) -> Bool { r.count == name.count && memcmp(p + r.lowerBound, p + start, name.count) == 0 }
                    if fewCount > 0 && same(few.0) || fewCount > 1 && same(few.1) || fewCount > 2 && same(few.2) { throw GiveUp() }
                    switch fewCount {
                    case 0: few.0 = name
                    case 1: few.1 = name
                    case 2: few.2 = name
                    default: few.3 = name
                    }
                    fewCount += 1
                } else {
                    if names == nil {
                        var all = KeyNames()
                        for r in [few.0, few.1, few.2, few.3].prefix(fewCount) { _ = all.insert(r, of: buffer) }
                        names = all
                    }
                    guard names!.insert(name, of: buffer) == true else { throw GiveUp() }
                }
                i = space(p, n, end + 1)
                guard i < n, p[i] == UInt8(ascii: ":") else { throw GiveUp() }
                i = space(p, n, i + 1)
                guard i < n else { throw GiveUp() }
                if let end = try scalar(p, n, i) { i = end } else { try value(p, n, &i, depth: depth + 1) }
                i = space(p, n, i)
                guard i < n else { throw GiveUp() }
                if p[i] == UInt8(ascii: "}") { at = i + 1; return }
                guard p[i] == UInt8(ascii: ",") else { throw GiveUp() }
                i = space(p, n, i + 1)
                guard i < n else { throw GiveUp() }
            }
        }
    }
}
