import Foundation
import StrictJSON

/// What the last run's summary.json said, as far as the comparison needs it: read with the
/// project's strict JSON parser before this run's summary.json replaces it.
package struct PreviousSummary: Sendable {
    package struct Township: Sendable {
        package var name: String
        package var code: String?
        package var status: Status
        package var publishedOn: CalendarDate?
        package var flags: [Flag]
    }

    package var asOf: CalendarDate
    package var townships: [Township]
    /// Every leaf of `totals`, by dotted path ("requests.received.total").
    package var totals: [String: JSONValue]

    /// Reads `url`, or says once why there is nothing to compare with: no file, a file that is
    /// not a summary.json nianbao can read, or one of another county or reporting year.
    package static func read(_ url: URL, county: County, year: Int) -> Result<PreviousSummary, NoComparison> {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .failure(.absent) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("not a regular file")) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(.unreadable("cannot be read"))
        }
        return parse([UInt8](data), county: county, year: year)
    }

    package static func parse(_ bytes: [UInt8], county: County, year: Int) -> Result<PreviousSummary, NoComparison> {
        if let quick = quickParse(bytes, county: county, year: year) { return .success(quick) }
        return parseTree(bytes, county: county, year: year)
    }

    /// `parse` through `JSONParser`'s tree of the whole document: what `quickParse` must agree
    /// with, and the reader of every document it leaves (and the one that says what is wrong).
    static func parseTree(_ bytes: [UInt8], county: County, year: Int) -> Result<PreviousSummary, NoComparison> {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            return .failure(.unreadable("not valid JSON: \(error.path.isEmpty ? "" : "\(error.path): ")\(error.message)"))
        }
        guard case .object = json else { return .failure(.unreadable("not a JSON object")) }
        let head: Header
        switch header(json, county: county, year: year) {
        case .failure(let why): return .failure(why)
        case .success(let h): head = h
        }
        guard case .array(let entries)? = json["townships"] else { return .failure(.unreadable("townships missing")) }
        var townships: [Township] = []
        townships.reserveCapacity(entries.count)
        for (k, e) in entries.enumerated() {
            guard case .string(let n)? = e["name"], case .string(let s)? = e["status"], let status = Status(rawValue: s) else {
                return .failure(.unreadable("townships[\(k)] has no name or no known status"))
            }
            var t = Township(name: n, code: nil, status: status, publishedOn: nil, flags: [])
            if case .string(let c)? = e["code"] { t.code = c }
            if case .string(let d)? = e["publishedOn"] { t.publishedOn = CalendarDate(iso: d) }
            if case .array(let flags)? = e["flags"] {
                for f in flags {
                    guard case .string(let r)? = f["rule"], let rule = Rule(rawValue: r),
                          case .string(let sv)? = f["severity"], let severity = Severity(rawValue: sv),
                          case .string(let path)? = f["path"], case .string(let message)? = f["message"] else {
                        return .failure(.unreadable("a flag of townships[\(k)] is not rule, severity, path and message"))
                    }
                    t.flags.append(Flag(rule, severity, path: path, message))
                }
            }
            townships.append(t)
        }
        return .success(PreviousSummary(asOf: head.asOf, townships: townships, totals: head.totals))
    }

    /// What both readers take from the members other than `townships`.
    struct Header {
        var asOf: CalendarDate
        var totals: [String: JSONValue]
    }

    /// The members both readers check alike (schemaVersion, county, year, asOf) and the totals
    /// flattened, from an object holding them; or why there is nothing to compare with.
    static func header(_ json: JSONValue, county: County, year: Int) -> Result<Header, NoComparison> {
        guard json["schemaVersion"] == .integer(Int64(Summary.schemaVersion)) else {
            return .failure(.foreign("schemaVersion is not \(Summary.schemaVersion)"))
        }
        guard case .string(let name)? = json["county"]?["name"] else { return .failure(.unreadable("county.name missing")) }
        var code = ""
        if case .string(let c)? = json["county"]?["code"] { code = c }
        guard case .integer(let y)? = json["year"] else { return .failure(.unreadable("year missing")) }
        if name != county.name || (!code.isEmpty && !county.code.isEmpty && code != county.code) || y != Int64(year) {
            return .failure(.foreign("\(inMessage(name)) \(y)"))
        }
        guard case .string(let asOfText)? = json["asOf"], let asOf = CalendarDate(iso: asOfText) else {
            return .failure(.unreadable("asOf missing or not a date"))
        }
        var totals: [String: JSONValue] = [:]
        if let t = json["totals"] { flatten(t, prefix: "", into: &totals) }
        return .success(Header(asOf: asOf, totals: totals))
    }

    /// Every leaf of an object tree by dotted path.
    package static func flatten(_ value: JSONValue, prefix: String, into out: inout [String: JSONValue]) {
        if case .object(let members) = value {
            for (k, v) in members { flatten(v, prefix: prefix.isEmpty ? k : "\(prefix).\(k)", into: &out) }
        } else {
            out[prefix] = value
        }
    }
}

/// Why a run is not compared with the previous one; said once, on every output.
package enum NoComparison: Sendable, Equatable, Error {
    /// No summary.json at the path yet (the first run).
    case absent
    /// A file is there but is not a summary.json nianbao can read.
    case unreadable(String)
    /// A summary.json of another county, year or schema.
    case foreign(String)

    /// For stderr and summary.json.
    package var english: String {
        switch self {
        case .absent: "no comparison: no previous summary.json"
        case .unreadable(let why): "no comparison: the previous summary.json is unreadable (\(why))"
        case .foreign(let whose): "no comparison: the previous summary.json is for \(whose)"
        }
    }

    /// For 概览 and the page.
    package var chinese: String {
        switch self {
        case .absent: "尚无上次运行的 summary.json（首次运行），本次不作比较"
        case .unreadable(let why): "上次运行的 summary.json 无法读取（\(why)），本次不作比较"
        case .foreign(let whose): "上次运行的 summary.json 不属于本县本年度（\(whose)），本次不作比较"
        }
    }
}

extension PreviousSummary {
    /// `parse`'s result read straight from the bytes, without the tree of the whole document
    /// (40,000 townships made a 17 MB tree, a third of a second on the path of every run). The
    /// document is still checked as `JSONParser` checks it (UTF-8, no raw control characters,
    /// keys once, numbers and literals, nesting); the few small members (`county`, `year`,
    /// `totals`…) are handed to `JSONParser` itself. Nil whenever the answer could differ from
    /// `parse`'s through the tree — anything invalid, unexpected or escaped in a key — and
    /// `parse` then reads the document the slow way and says what is wrong.
    static func quickParse(_ bytes: [UInt8], county: County, year: Int) -> PreviousSummary? {
        bytes.withUnsafeBufferPointer { buffer -> PreviousSummary? in
            var scanner = SummaryScanner(buffer)
            guard let top = scanner.document(), let townships = top.townships else { return nil }
            // The header's members, each parsed alone, checked as `parseTree` checks them.
            var members: [(String, JSONValue)] = []
            for key in ["schemaVersion", "county", "year", "asOf", "totals"] as [StaticString] {
                guard let range = top.members.first(where: { scanner.bytes(at: $0.key, are: key) })?.value else { continue }
                guard let value = try? JSONParser.parse(Array(buffer[range])) else { return nil }
                members.append((key.description, value))
            }
            guard case .success(let head) = header(.object(members), county: county, year: year) else { return nil }
            return PreviousSummary(asOf: head.asOf, townships: townships, totals: head.totals)
        }
    }
}

/// The strict JSON grammar of `JSONParser`, walked without building values, and the townships
/// of a summary.json read on the way. Every method answers false or nil for anything the parser
/// would refuse, and for what this reader leaves to it (keys that are not plain ASCII).
private struct SummaryScanner {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    /// The top-level object: where each member's key and value are, and the townships read.
    struct Top {
        var members: [(key: Range<Int>, value: Range<Int>)] = []
        var townships: [PreviousSummary.Township]? = nil
    }

    mutating func document() -> Top? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        space()
        guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
        var top = Top()
        let ok = object { key, s in
            if s.bytes(at: key, are: "townships") {
                guard let t = s.townships() else { return false }
                top.townships = t
                top.members.append((key, 0..<0))
                return true
            }
            let start = s.i
            guard s.value() else { return false }
            top.members.append((key, start..<s.i))
            return true
        }
        guard ok else { return nil }
        space()
        return i == b.count ? top : nil
    }

    func bytes(at r: Range<Int>, are key: StaticString) -> Bool {
        guard r.count == key.utf8CodeUnitCount else { return false }
        let p = key.utf8Start
        for k in 0..<r.count where b[r.lowerBound + k] != p[k] { return false }
        return true
    }

    @inline(__always) mutating func space() {
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func value() -> Bool {
        guard i < b.count else { return false }
        switch b[i] {
        case UInt8(ascii: "{"): return object { _, s in s.value() }
        case UInt8(ascii: "["): return array { s in s.value() }
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return false
        }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count, bytes(at: i..<(i + n), are: word) else { return false }
        i += n
        return true
    }

    @inline(__always) func digit(_ k: Int) -> Bool { k < b.count && b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9") }

    mutating func number() -> Bool {
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { return false }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if digit(i) { return false }
        } else {
            while digit(i) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        return true
    }

    /// A string at `i`: the bytes between its quotes, and whether they hold an escape (the
    /// escapes are then checked by `JSONParser` on the string alone).
    mutating func string() -> (content: Range<Int>, escaped: Bool)? {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        let start = i
        var escaped = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let content = start..<i
                i += 1
                if escaped && parsedString(content) == nil { return nil }
                return (content, escaped)
            }
            if c == UInt8(ascii: "\\") {
                escaped = true
                i += 2
                continue
            }
            if c < 0x20 { return nil }
            if c < 0x80 {
                i += 1
                continue
            }
            let n = JSONParser.utf8SequenceLength(b, i, b.count)
            if n == 0 { return nil }
            i += n
        }
        return nil
    }

    /// A string with escapes, as `JSONParser` reads it.
    func parsedString(_ content: Range<Int>) -> String? {
        guard case .string(let s)? = try? JSONParser.parse(Array(b[(content.lowerBound - 1)...content.upperBound])) else { return nil }
        return s
    }

    /// The string at `i` as text.
    mutating func text() -> String? {
        guard let (content, escaped) = string() else { return nil }
        if escaped { return parsedString(content) }
        return String(decoding: UnsafeBufferPointer(rebasing: b[content]), as: UTF8.self)   // checked in `string`
    }

    mutating func enter() -> Bool {
        depth += 1
        i += 1
        return depth <= JSONParser.maximumDepth
    }

    /// An object at `i`, each member's value read by `member` (given the key's bytes). Keys are
    /// plain ASCII without escapes here (so that equal bytes are equal keys), at most 64 of them.
    mutating func object(_ member: (Range<Int>, inout SummaryScanner) -> Bool) -> Bool {
        guard enter() else { return false }
        var keys: [Range<Int>] = []
        space()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return true
        }
        while true {
            space()
            guard let (key, escaped) = string(), !escaped, keys.count < 64 else { return false }
            for k in key where b[k] >= 0x80 { return false }
            for old in keys where old.count == key.count && b[old].elementsEqual(b[key]) { return false }
            keys.append(key)
            space()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { return false }
            i += 1
            space()
            guard member(key, &self) else { return false }
            space()
            guard i < b.count else { return false }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; break }
            return false
        }
        depth -= 1
        return true
    }

    mutating func array(_ item: (inout SummaryScanner) -> Bool) -> Bool {
        guard enter() else { return false }
        space()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return true
        }
        while true {
            space()
            guard item(&self) else { return false }
            space()
            guard i < b.count else { return false }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            return false
        }
        depth -= 1
        return true
    }

    /// `townships`: an array of objects, each with a name and a known status (as `parse` requires).
    mutating func townships() -> [PreviousSummary.Township]? {
        guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
        var out: [PreviousSummary.Township] = []
        let ok = array { s in
            guard s.i < s.b.count, s.b[s.i] == UInt8(ascii: "{") else { return false }
            var name: String? = nil, status: Status? = nil, code: String? = nil, publishedOn: CalendarDate? = nil
            var flags: [Flag] = []
            let read = s.object { key, s in
                guard s.i < s.b.count else { return false }
                let isString = s.b[s.i] == UInt8(ascii: "\"")
                if s.bytes(at: key, are: "name") {
                    name = s.text()
                    return name != nil
                } else if s.bytes(at: key, are: "status") {
                    status = s.text().flatMap(Status.init(rawValue:))
                    return status != nil
                } else if s.bytes(at: key, are: "code") && isString {
                    code = s.text()
                    return code != nil
                } else if s.bytes(at: key, are: "publishedOn") && isString {
                    guard let d = s.text() else { return false }
                    publishedOn = CalendarDate(iso: d)
                    return true
                } else if s.bytes(at: key, are: "flags") && s.b[s.i] == UInt8(ascii: "[") {
                    return s.array { s in
                        guard let f = s.flag() else { return false }
                        flags.append(f)
                        return true
                    }
                }
                return s.value()
            }
            guard read, let name, let status else { return false }
            out.append(PreviousSummary.Township(name: name, code: code, status: status, publishedOn: publishedOn, flags: flags))
            return true
        }
        return ok ? out : nil
    }

    /// One flag of a township: an object whose rule, severity, path and message are strings, the
    /// rule and severity known ones.
    mutating func flag() -> Flag? {
        guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
        var rule: Rule? = nil, severity: Severity? = nil, path: String? = nil, message: String? = nil
        let read = object { key, s in
            if s.bytes(at: key, are: "rule") {
                rule = s.text().flatMap(Rule.init(rawValue:))
                return rule != nil
            } else if s.bytes(at: key, are: "severity") {
                severity = s.text().flatMap(Severity.init(rawValue:))
                return severity != nil
            } else if s.bytes(at: key, are: "path") {
                path = s.text()
                return path != nil
            } else if s.bytes(at: key, are: "message") {
                message = s.text()
                return message != nil
            }
            return s.value()
        }
        guard read, let rule, let severity, let path, let message else { return nil }
        return Flag(rule, severity, path: path, message)
    }
}
