/// Writes a `JSONValue` as pretty, stable UTF-8: members in the order given, two-space indent,
/// non-ASCII text as is, so the same value always gives the same bytes.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(1 << 16)
        emit(value, indent: 0, into: &out)
        out.append("\n")
        return out
    }

    static func emit(_ v: JSONValue, indent: Int, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let s): out += s
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let flat = items.allSatisfy { if case .object = $0 { return false }; if case .array = $0 { return false }; return true }
            if flat && items.count <= 20 {
                out += "["
                for (k, item) in items.enumerated() {
                    if k > 0 { out += ", " }
                    emit(item, indent: indent, into: &out)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (k, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                emit(item, indent: indent + 2, into: &out)
                out += k == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (k, (key, item)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                quote(key, into: &out)
                out += ": "
                emit(item, indent: indent + 2, into: &out)
                out += k == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
