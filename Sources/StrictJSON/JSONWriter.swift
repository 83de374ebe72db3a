/// Writes a `JSONValue` as pretty, stable UTF-8: members in the order given, two-space indent,
/// non-ASCII text as is, so the same value always gives the same bytes.
package enum JSONWriter {
    package static func write(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    package static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        emit(value, indent: 0, into: &out)
        out.append(0x0A)
        return out
    }

    @inline(__always) static func pad(_ n: Int, _ out: inout [UInt8]) {
        for _ in 0..<n { out.append(0x20) }
    }

    package static func append(_ s: String, _ out: inout [UInt8]) { out.append(contentsOf: s.utf8) }

    static func emit(_ v: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch v {
        case .null: append("null", &out)
        case .bool(let b): append(b ? "true" : "false", &out)
        case .integer(let i): append(String(i), &out)
        case .number(let s): append(s, &out)
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            let flat = items.allSatisfy { if case .object = $0 { return false }; if case .array = $0 { return false }; return true }
            if !items.isEmpty && flat && items.count <= 20 {
                out.append(UInt8(ascii: "["))
                for (k, item) in items.enumerated() {
                    if k > 0 { append(", ", &out) }
                    emit(item, indent: indent, into: &out)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            writeArray(items.count, indent: indent, into: &out) { items[$0] }
        case .object(let members):
            writeObject(members.count, indent: indent, into: &out) { k, _ in members[k] }
        }
    }

    /// An array of `count` items laid out one per line, each made by `item` just before it is
    /// written (so a long array need not exist as values all at once).
    package static func writeArray(_ count: Int, indent: Int, into out: inout [UInt8], item: (Int) -> JSONValue) {
        writeArray(count, indent: indent, into: &out) { k, out in emit(item(k), indent: indent + 2, into: &out) }
    }

    /// The same, each item written by `write(k, &out)` at the current position, indented by
    /// `indent + 2` (items too many to be made as values first: summary.json's flags).
    package static func writeArray(_ count: Int, indent: Int, into out: inout [UInt8], write: (Int, inout [UInt8]) -> Void) {
        if count == 0 { append("[]", &out); return }
        append("[\n", &out)
        for k in 0..<count {
            pad(indent + 2, &out)
            write(k, &out)
            append(k == count - 1 ? "\n" : ",\n", &out)
        }
        pad(indent, &out)
        out.append(UInt8(ascii: "]"))
    }

    /// An object of `count` members. `member(k, &out)` returns the k-th key and value, or writes
    /// the whole member (`"key": value`) itself at the current position and returns nil.
    package static func writeObject(_ count: Int, indent: Int, into out: inout [UInt8],
                            member: (Int, inout [UInt8]) -> (String, JSONValue)?) {
        if count == 0 { append("{}", &out); return }
        append("{\n", &out)
        for k in 0..<count {
            pad(indent + 2, &out)
            if let (key, item) = member(k, &out) {
                quote(key, into: &out)
                append(": ", &out)
                emit(item, indent: indent + 2, into: &out)
            }
            append(k == count - 1 ? "\n" : ",\n", &out)
        }
        pad(indent, &out)
        out.append(UInt8(ascii: "}"))
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// `s` in quotes: `"`, `\` and control characters escaped, U+2028 and U+2029 as `\u2028` and
    /// `\u2029` (a line separator inside a string breaks JavaScript readers), everything else
    /// copied as it is, a run of plain bytes at a time.
    package static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        if s.utf8.withContiguousStorageIfAvailable({ quoteBytes($0, into: &out) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { quoteBytes($0, into: &out) }
        }
        out.append(0x22)
    }

    static func quoteBytes(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var start = 0, i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0x7F && c != 0xE2 { i += 1; continue }
            if c == 0xE2 {
                // E2 80 A8 and E2 80 A9; any other three-byte sequence stays as it is.
                guard i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 else { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                append(b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", &out)
                i += 3
                start = i
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
            switch c {
            case 0x22: append("\\\"", &out)
            case 0x5C: append("\\\\", &out)
            case 0x0A: append("\\n", &out)
            case 0x0D: append("\\r", &out)
            case 0x09: append("\\t", &out)
            default:
                append("\\u00", &out)
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            }
            i += 1
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<n]))
    }
}
