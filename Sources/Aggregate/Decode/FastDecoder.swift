import Foundation
import StrictJSON

/// The fast path for every valid 2021-format report without findings of shape: read straight from
/// its bytes into a `Report` without building a JSON tree. Keys come in any order; every optional
/// key (edition, unit.code, publishedOn, sourceUrl, overview and each of its figures, narrative and
/// each of its parts, the fee) may be absent or null, as in the reports counties really get. At the
/// first thing it does not handle — a repeated or missing required key, a number that is not a
/// plain integer where a count is due, an old edition, an escape in a key, any error — it gives up
/// and returns nil, and the full decoder reads the file instead. Unknown keys are skipped (their
/// values checked as strictly as the parser would) and noted as the full decoder notes them, so
/// an export tool's extra fields cost nothing either; a table or cells of 二–四 left out are
/// noted `incomplete` as the full decoder notes them, so an incomplete report costs no more.
/// So results and messages are the full decoder's by definition; this makes every usual report
/// cheap.
enum FastDecoder {
    /// A node of a section's key trie, keys as UTF-8 bytes. Its fields are constants, so that
    /// reading them costs no exclusivity check.
    final class Node: @unchecked Sendable {
        /// The dotted path of this object ("requests.withheld"), for unknown keys' notes.
        let path: String
        let keys: KeyTable
        /// The keys' names, for the paths of cells left out.
        let names: [String]
        let children: [Node?]   // nil child: a leaf
        let cells: [Int]        // cell index of a leaf child
        /// A leaf child's dotted path when it is an amount (the fees, read as numbers and named
        /// in their messages), nil when it is a count or an object.
        let amountPaths: [String?]
        var all: UInt64 { keys.count == 64 ? .max : (1 << UInt64(keys.count)) - 1 }

        private init(path: String, names: [String], children: [Node?], cells: [Int], amountPaths: [String?]) {
            self.path = path
            self.names = names
            keys = KeyTable(names.map { Array($0.utf8) })
            self.children = children
            self.cells = cells
            self.amountPaths = amountPaths
        }

        static func build(_ shape: ReportDecoder.Shape, path: String) -> Node {
            guard case .object(let members) = shape else {
                return Node(path: path, names: [], children: [], cells: [], amountPaths: [])
            }
            var children: [Node?] = [], cells: [Int] = [], amountPaths: [String?] = []
            for (k, sub) in members {
                switch sub {
                case .leaf(let c):
                    children.append(nil)
                    cells.append(c)
                    amountPaths.append(Catalog.isAmount[c] ? Catalog.cells[c].dottedPath : nil)
                case .object:
                    children.append(build(sub, path: "\(path).\(k)"))
                    cells.append(-1)
                    amountPaths.append(nil)
                }
            }
            return Node(path: path, names: members.map(\.0), children: children, cells: cells, amountPaths: amountPaths)
        }
    }

    static let sections: [Node] = zip(ReportDecoder.sectionShapes, SectionID.allCases).map { Node.build($0, path: $1.key) }
    /// The catalog's keys as bytes, indexed by their raw values (which are also their bits in `seen`).
    static let topKeys = KeyTable(ReportKey.allCases.map { Array($0.name.utf8) })
    static let unitKeys = KeyTable(UnitKey.allCases.map { Array($0.name.utf8) })
    static let narrativeKeys = KeyTable(NarrativeKey.allCases.map { Array($0.name.utf8) })

    /// An object's keys in one block of bytes, each found by its length and one `memcmp`. The key
    /// after the last one found is tried first: most files keep the catalog's order, so most
    /// keys cost one comparison instead of a walk through the object's 3 to 25 keys.
    final class KeyTable: @unchecked Sendable {
        let count: Int
        private let bytes: UnsafeMutablePointer<UInt8>
        private let starts: UnsafeMutablePointer<Int>
        private let lengths: UnsafeMutablePointer<Int>

        init(_ keys: [[UInt8]]) {
            count = keys.count
            let total = keys.reduce(0) { $0 + $1.count }
            bytes = .allocate(capacity: max(1, total))
            starts = .allocate(capacity: max(1, keys.count))
            lengths = .allocate(capacity: max(1, keys.count))
            var at = 0
            for (k, key) in keys.enumerated() {
                starts[k] = at
                lengths[k] = key.count
                for byte in key { bytes[at] = byte; at += 1 }
            }
        }

        /// No keys: every key is unknown (the values `skipValue` passes over).
        static let none = KeyTable([])

        deinit {
            bytes.deallocate()
            starts.deallocate()
            lengths.deallocate()
        }

        /// The index of the key spelt by `length` bytes at `name`, trying `hint` first; -1 if none.
        @inline(__always) func index(of name: UnsafePointer<UInt8>, length: Int, hint: Int) -> Int {
            if hint < count, lengths[hint] == length, memcmp(bytes + starts[hint], name, length) == 0 { return hint }
            for k in 0..<count where lengths[k] == length && memcmp(bytes + starts[k], name, length) == 0 { return k }
            return -1
        }
    }
    /// The keys without which the full decoder rejects the file.
    static let requiredTopKeys: UInt64 = ReportKey.allCases.reduce(0) { $1.requirement == .required ? $0 | 1 << UInt64($1.rawValue) : $0 }
    static let requiredUnitKeys: UInt64 = UnitKey.allCases.reduce(0) { $1.requirement == .optional ? $0 : $0 | 1 << UInt64($1.rawValue) }

    struct GiveUp: Error {}

    struct Cursor {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        @inline(__always) mutating func space() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        @inline(__always) mutating func expect(_ c: UInt8) throws(GiveUp) {
            space()
            guard i < b.count, b[i] == c else { throw GiveUp() }
            i += 1
        }

        /// After a member: true if another follows (`,`), false at the closing brace.
        @inline(__always) mutating func more() throws(GiveUp) -> Bool {
            space()
            guard i < b.count else { throw GiveUp() }
            if b[i] == UInt8(ascii: ",") { i += 1; return true }
            if b[i] == UInt8(ascii: "}") { i += 1; return false }
            throw GiveUp()
        }

        /// Opens an object; false when it is empty.
        mutating func open() throws(GiveUp) -> Bool {
            try expect(UInt8(ascii: "{"))
            space()
            if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return false }
            return true
        }

        /// Where the last key's bytes are (for an unknown key's name).
        var lastKey = 0..<0

        /// A key without escapes, matched against `keys`; its index, or -1 for an unknown key.
        /// `hint` is the index to try first; it becomes the one after the key found.
        mutating func key(_ keys: KeyTable, hint: inout Int) throws(GiveUp) -> Int {
            try expect(UInt8(ascii: "\""))
            let start = i
            while i < b.count, b[i] != UInt8(ascii: "\"") {
                if b[i] == UInt8(ascii: "\\") || b[i] < 0x20 { throw GiveUp() }
                i += 1
            }
            guard i < b.count else { throw GiveUp() }
            let length = i - start
            lastKey = start..<i
            i += 1
            try expect(UInt8(ascii: ":"))
            let k = keys.index(of: b.baseAddress! + start, length: length, hint: hint)
            if k >= 0 { hint = k + 1 }
            return k
        }

        /// The last key, when it is unknown (valid UTF-8, as the parser requires), checked against
        /// the object's other unknown keys as the parser checks (`KeyNames`: canonically
        /// equivalent spellings are one key there and here); where its bytes are. A non-ASCII key
        /// never equals a known key: only K, ; and ` have non-ASCII canonical equivalents, and no
        /// known key holds them.
        mutating func unknownKey(_ others: inout KeyNames) throws(GiveUp) -> Range<Int> {
            guard others.insert(lastKey, of: b) == true else { throw GiveUp() }
            return lastKey
        }

        /// The text of bytes known to be valid UTF-8 (a key `unknownKey` took).
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
        }

        /// Four hex digits of a \u escape.
        mutating func hex4() throws(GiveUp) -> UInt32 {
            guard i + 4 <= b.count else { throw GiveUp() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 97...102: d = UInt32(c - 87)
                case 65...70: d = UInt32(c - 55)
                default: throw GiveUp()
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        /// Skips a value as strictly as `JSONParser` reads it (or gives up): strings as `string()`
        /// takes them, numbers by the RFC 8259 grammar, literals, and arrays and objects of those,
        /// with no key repeated, up to 32 levels: an unknown value starts at most 5 levels down, so
        /// this stays inside the parser's `maximumDepth` (64) and an export tool's nested metadata
        /// stays on the fast path.
        mutating func skipValue(depth: Int = 0) throws(GiveUp) {
            guard let p = b.baseAddress else { throw GiveUp() }
            var at = i
            try Skip.value(p, b.count, &at, depth: depth)
            i = at
        }

        /// Consumes `null` when it comes next (the full decoder reads null as absent wherever a key
        /// is optional).
        @inline(__always) mutating func null() throws(GiveUp) -> Bool {
            space()
            guard i < b.count, b[i] == UInt8(ascii: "n") else { return false }
            guard i + 4 <= b.count, b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "l"), b[i + 3] == UInt8(ascii: "l")
            else { throw GiveUp() }
            i += 4
            return true
        }

        @inline(__always) mutating func peek() throws(GiveUp) -> UInt8 {
            space()
            guard i < b.count else { throw GiveUp() }
            return b[i]
        }

        /// A non-negative whole number, at most `maximum`: plain digits read here, a decimal or
        /// exponent form (no sign) by the full decoder's rule.
        mutating func count(maximum: Int64) throws(GiveUp) -> Int64 {
            space()
            guard i < b.count else { throw GiveUp() }
            var v: Int64 = 0
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                v = v * 10 + Int64(b[i] - 48)
                i += 1
                if i - start > 12 { throw GiveUp() }
            }
            guard i > start, i - start == 1 || b[start] != 48 else { throw GiveUp() }
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                // 12.0 or 1.2e1, as spreadsheet exports write every number: judged by the full
                // decoder's own rule (a whole number ≥ 0 however written), so both take the same.
                i = start
                let text = try numberText()
                guard let n = try? ReportDecoder.count(.number(text), "", maximum: maximum) else { throw GiveUp() }
                return n
            }
            guard v <= maximum else { throw GiveUp() }
            return v
        }

        /// The literal text of a non-negative JSON number (RFC 8259 grammar, checked), for the few
        /// decimals (the fees); anything else gives up.
        mutating func numberText() throws(GiveUp) -> String {
            let start = try skipNumber()
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        }

        /// Passes over a non-negative JSON number as `numberText` reads it; where it starts.
        mutating func skipNumber() throws(GiveUp) -> Int {
            space()
            let start = i
            func digits() -> Int {
                let from = i
                while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                return i - from
            }
            let whole = digits()
            guard whole > 0, whole == 1 || b[start] != 48 else { throw GiveUp() }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw GiveUp() }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw GiveUp() }
            }
            return start
        }

        /// The character of a \uXXXX escape (after its `\u`), as tools that escape every non-ASCII
        /// character write all prose and names (Python's json.dump by default); a pair for a
        /// supplementary character; a lone surrogate gives up.
        mutating func unicodeEscape() throws(GiveUp) -> Unicode.Scalar {
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
                guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { throw GiveUp() }
                i += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw GiveUp() }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw GiveUp() }
            return scalar
        }

        /// A string; escapes decoded; invalid UTF-8 or raw control characters give up.
        mutating func string() throws(GiveUp) -> String {
            try stringBytes { String(validating: $0, as: UTF8.self) }
        }

        /// A string of prose, decoded as `ProseText` keeps it (`ProseText.keptChecking`) from
        /// the file's bytes, without a String made of them first.
        mutating func prose() throws(GiveUp) -> KeptProse {
            try stringBytes { b in ProseText.keptChecking(b).map { KeptProse(scalars: $0, isEmpty: b.isEmpty) } }
        }

        /// A string's bytes with its escapes undone, handed to `make` (nil: the bytes are not
        /// valid UTF-8). Without escapes, the file's own bytes.
        mutating func stringBytes<T>(_ make: (UnsafeBufferPointer<UInt8>) -> T?) throws(GiveUp) -> T {
            try expect(UInt8(ascii: "\""))
            let start = i
            if let p = b.baseAddress { (i, _) = Skip.toStop(p, b.count, i) }
            guard i < b.count, b[i] >= 0x20 else { throw GiveUp() }
            if b[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                guard let s = make(UnsafeBufferPointer(rebasing: b[start..<i])) else { throw GiveUp() }
                return s
            }
            var out = Array(b[start..<i])
            while true {
                guard i < b.count else { throw GiveUp() }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw GiveUp() }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                guard i + 1 < b.count else { throw GiveUp() }
                if let byte = JSONParser.escaped(b[i + 1]) { out.append(byte); i += 2; continue }
                guard b[i + 1] == UInt8(ascii: "u") else { throw GiveUp() }
                i += 2
                out.append(contentsOf: UTF8.encode(try unicodeEscape())!)
            }
            guard let s = out.withUnsafeBufferPointer(make) else { throw GiveUp() }
            return s
        }
    }

    static func decode(_ bytes: [UInt8], file: String, options: DecodeOptions) -> Report? {
        bytes.withUnsafeBufferPointer { decode(buffer: $0, file: file, options: options) }
    }

    static func decode(buffer: UnsafeBufferPointer<UInt8>, file: String, options: DecodeOptions) -> Report? {
        if case .success(let report)? = outcome(buffer: buffer, file: file, options: options) { return report }
        return nil
    }

    /// The report, or the rejection of a report that is valid but of another year than its
    /// folder's (last year's report misfiled: the full decoder's message, and the township it
    /// names, which the loader would otherwise parse the file twice more for); nil: the full
    /// decoder reads the file.
    static func outcome(buffer: UnsafeBufferPointer<UInt8>, file: String, options: DecodeOptions) -> Result<Report, Rejection>? {
        var c = Cursor(b: buffer)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { c.i = 3 }
        do {
            return .success(try report(&c, file: file, options: options))
        } catch let wrong as WrongYear {
            return .failure(wrong.rejection)
        } catch {
            return nil
        }
    }

    /// A report read to its end, valid but for its year.
    struct WrongYear: Error { let rejection: Rejection }

    static func report(_ c: inout Cursor, file: String, options: DecodeOptions) throws -> Report {
        var values = [Int64](repeating: 0, count: Catalog.cellCount)
        var present = [Bool](repeating: false, count: Catalog.cellCount)
        var unit = Unit(name: "", code: nil, county: "")
        var year = 0
        var published: CalendarDate? = nil
        var sourceUrl: String? = nil
        var overview: KeptProse? = nil, problems: KeptProse? = nil, otherMatters: String? = nil
        var fee: Amount? = nil
        var seen: UInt64 = 0
        /// Keys given as null where null means absent: seen (a repeat is still refused), not given.
        var givenNull: UInt64 = 0
        // Unknown keys as the full decoder notes them: the top level's, unit's, each section's
        // (in section order), narrative's; each group in document order.
        var unknown = Unknown()
        // Cells of each section left out (the full decoder's order: a nested object's before its parent's).
        var missing = [[String]](repeating: [], count: SectionID.allCases.count)
        guard try c.open() else { throw GiveUp() }
        var topHint = 0
        repeat {
            let k = try c.key(topKeys, hint: &topHint)
            if k < 0 {
                let name = try c.unknownKey(&unknown.names[0])
                unknown.add(0) { c.text(name) }
                try c.skipValue()
                continue
            }
            guard seen & (1 << UInt64(k)) == 0 else { throw GiveUp() }
            seen |= 1 << UInt64(k)
            let key = ReportKey(rawValue: k)!
            switch key {
            case .schemaVersion: guard try c.count(maximum: 1) == 1 else { throw GiveUp() }
            case .edition: guard try c.null() || c.string() == Edition.y2021.rawValue else { throw GiveUp() }
            case .unit:
                var unitSeen: UInt64 = 0, unitHint = 0
                guard try c.open() else { throw GiveUp() }
                repeat {
                    let u = try c.key(unitKeys, hint: &unitHint)
                    if u < 0 {
                        let name = try c.unknownKey(&unknown.names[1])
                        unknown.add(1) { ReportKey.unit.name + "." + c.text(name) }
                        try c.skipValue()
                        continue
                    }
                    guard unitSeen & (1 << UInt64(u)) == 0 else { throw GiveUp() }
                    unitSeen |= 1 << UInt64(u)
                    let unitKey = UnitKey(rawValue: u)!
                    if unitKey == .code, try c.null() { unit.code = nil; continue }
                    let text = JSONValue.string(try c.string())
                    switch unitKey {
                    case .name: unit.name = try ReportDecoder.name(text, UnitKey.name.path, allowEmpty: false)
                    case .code: unit.code = try ReportDecoder.code(text)
                    case .county: unit.county = try ReportDecoder.name(text, UnitKey.county.path, allowEmpty: true)
                    }
                } while try c.more()
                guard unitSeen & requiredUnitKeys == requiredUnitKeys else { throw GiveUp() }
            case .year:
                year = Int(try c.count(maximum: 2100))
                guard year >= 2000 else { throw GiveUp() }
            case .publishedOn:
                if try c.null() { break }
                guard try c.peek() == UInt8(ascii: "\"") else { throw GiveUp() }
                published = try ReportDecoder.publicationDate(try c.string(), key.name, zone: options.timeZone)
            case .sourceUrl:
                if try c.null() { break }
                guard try c.peek() == UInt8(ascii: "\"") else { throw GiveUp() }
                sourceUrl = try c.string()
            case .overview, .proactive, .requests, .appeals:
                // 一's figures: each optional, null meaning absent (the full decoder's optionalLeaves).
                let section = key.section!
                // A null overview is an absent one (all of 一's figures are optional).
                if !section.requiredForCompleteness, try c.null() { givenNull |= 1 << UInt64(key.rawValue); break }
                try object(&c, sections[section.rawValue], values: &values, present: &present, options: options,
                           optional: !section.requiredForCompleteness, unknown: &unknown, group: 2 + section.rawValue,
                           missing: &missing[section.rawValue])
            case .narrative:
                if try c.null() { break }
                var nSeen: UInt64 = 0, nHint = 0
                guard try c.open() else { break }
                repeat {
                    let n = try c.key(narrativeKeys, hint: &nHint)
                    if n < 0 {
                        // The full decoder passes over a null part before it looks at the key.
                        let name = try c.unknownKey(&unknown.names[6])
                        if try c.null() { continue }
                        unknown.add(6) { ReportKey.narrative.name + "." + c.text(name) }
                        try c.skipValue()
                        continue
                    }
                    guard nSeen & (1 << UInt64(n)) == 0 else { throw GiveUp() }
                    nSeen |= 1 << UInt64(n)
                    if try c.null() { continue }
                    switch n {
                    case 0: overview = try c.prose()
                    case 1: problems = try c.prose()
                    default: otherMatters = try c.string()
                    }
                } while try c.more()
            case .informationProcessingFeeYuan:
                if try c.null() { break }
                fee = try amount(&c, key.name, options)
            }
        } while try c.more()
        c.space()
        guard c.i == c.b.count else { throw GiveUp() }
        // Required keys; a table of 二–四 left out, or cells of one, are the full decoder's `incomplete`.
        guard seen & requiredTopKeys == requiredTopKeys else { throw GiveUp() }
        var incomplete = [Flag?](repeating: nil, count: SectionID.allCases.count)
        for section in SectionID.allCases where section.requiredForCompleteness {
            if seen & (1 << UInt64(ReportKey(section).rawValue)) == 0 {
                incomplete[section.rawValue] = ReportDecoder.missingTable(section)
            } else if !missing[section.rawValue].isEmpty {
                incomplete[section.rawValue] = ReportDecoder.missingCells(section, missing[section.rawValue])
            }
        }
        if let expected = options.expectedYear, expected != year {
            // The full decoder stops at the year, after schemaVersion, edition and unit (all valid
            // here), before anything else; the prose is never read.
            throw WrongYear(rejection: Rejection(file: file, path: ReportKey.year.name,
                                                 message: ReportDecoder.wrongYear(expected: expected, found: year), unit: unit))
        }
        let sections = SectionID.allCases.map { (seen & ~givenNull) & (1 << UInt64(ReportKey($0).rawValue)) != 0 }
        return Report(file: file, edition: .y2021, unit: unit, year: year, publishedOn: published, sourceUrl: sourceUrl,
                      values: values, present: present, sections: sections,
                      narrative: Narrative(kept: overview, problems: problems, otherMatters: otherMatters, unit: unit.name,
                                           table: TableView(year: year, values: values, present: present, sections: sections, fee: fee),
                                           reading: options.prose),
                      informationProcessingFeeYuan: fee, notes: unknown.notes(incomplete: incomplete))
    }

    /// Unknown keys met so far, by group (0 top level, 1 unit, 2–5 the sections, 6 narrative).
    struct Unknown {
        /// The paths that may be named: each group's first `maximumUnknownKeysListed` (the notes
        /// list groups in order, so a group's later ones are never named).
        var paths: [(group: Int, path: String)] = []
        private var kept = [Int](repeating: 0, count: 7)
        private var total = 0
        /// Each object's unknown names, for the parser's no-repeated-key rule (sections' nested
        /// objects keep their own).
        var names = [KeyNames](repeating: KeyNames(), count: 7)

        /// Counts an unknown key of `group`; its path is made only when it may be named.
        mutating func add(_ group: Int, _ path: () -> String) {
            total += 1
            guard kept[group] < ReportDecoder.maximumUnknownKeysListed else { return }
            kept[group] += 1
            paths.append((group, path()))
        }

        /// The full decoder's notes: the first `maximumUnknownKeysListed` unknown keys named, each
        /// section's `incomplete` note (by section) after its unknown keys, the rest counted.
        func notes(incomplete: [Flag?]) -> [Flag] {
            guard total > 0 || incomplete.contains(where: { $0 != nil }) else { return [] }
            let ordered = paths.enumerated().sorted { ($0.element.group, $0.offset) < ($1.element.group, $1.offset) }
                .prefix(ReportDecoder.maximumUnknownKeysListed)
            var out: [Flag] = []
            var next = ordered.startIndex
            for group in 0..<kept.count {
                while next < ordered.endIndex && ordered[next].element.group == group {
                    out.append(ReportDecoder.unknownKeyNote(ordered[next].element.path))
                    next += 1
                }
                if group >= 2, group - 2 < incomplete.count, let note = incomplete[group - 2] { out.append(note) }
            }
            if total > ReportDecoder.maximumUnknownKeysListed { out.append(ReportDecoder.unknownKeysNotListed(total)) }
            return out
        }
    }

    /// An object's unknown key names, for the parser's no-repeated-key rule without a String per
    /// name: ASCII names compared as bytes; from the first name that is not ASCII on, every name
    /// as a String in a Set, as the parser keeps them (canonically equivalent spellings are one).
    struct KeyNames {
        /// The first few names, kept inline: most objects of an export tool's metadata have
        /// only a few keys, and need no allocation.
        private var first: (Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0, 0..<0)
        private var firstCount = 0
        private var ranges: [Range<Int>] = []
        /// From `hashedFrom` names on: slots of `ranges` by hash (index + 1; 0 empty).
        private var slots: [Int32] = []
        private var strings: Set<String>? = nil
        private static let hashedFrom = 16

        /// Adds the name at `name` in `b` (a key's bytes, no escapes): false when the object has
        /// it already, nil when it is not valid UTF-8.
        mutating func insert(_ name: Range<Int>, of b: UnsafeBufferPointer<UInt8>) -> Bool? {
            if strings == nil {
                var ascii = true
                for k in name where b[k] >= 0x80 { ascii = false; break }
                if ascii { return insertASCII(name, b) }
                spill()
                strings = Set(ranges.map { String(decoding: UnsafeBufferPointer(rebasing: b[$0]), as: UTF8.self) })
                ranges = []
                slots = []
            }
            guard JSONParser.isValidUTF8(UnsafeBufferPointer(rebasing: b[name])) else { return nil }
            return strings!.insert(String(decoding: UnsafeBufferPointer(rebasing: b[name]), as: UTF8.self)).inserted
        }

        private mutating func insertASCII(_ name: Range<Int>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            let base = b.baseAddress!
            func same(_ r: Range<Int>) -> Bool {
                r.count == name.count && memcmp(base + r.lowerBound, base + name.lowerBound, name.count) == 0
            }
            if ranges.isEmpty && firstCount < 4 {
                if firstCount > 0 && same(first.0) || firstCount > 1 && same(first.1) || firstCount > 2 && same(first.2) {
                    return false
                }
                switch firstCount {
                case 0: first.0 = name
                case 1: first.1 = name
                case 2: first.2 = name
                default: first.3 = name
                }
                firstCount += 1
                return true
            }
            if ranges.isEmpty {
                if same(first.0) || same(first.1) || same(first.2) || same(first.3) { return false }
                spill()
            }
            if ranges.count < Self.hashedFrom {
                for r in ranges where same(r) { return false }
                ranges.append(name)
                if ranges.count == Self.hashedFrom { rehash(b, capacity: 64) }
                return true
            }
            if (ranges.count + 1) * 2 > slots.count { rehash(b, capacity: slots.count * 2) }
            let mask = slots.count - 1
            var h = Self.hash(name, b) & mask
            while slots[h] != 0 {
                if same(ranges[Int(slots[h]) - 1]) { return false }
                h = (h + 1) & mask
            }
            ranges.append(name)
            slots[h] = Int32(ranges.count)
            return true
        }

        /// The inline names moved to `ranges`.
        private mutating func spill() {
            let inline = [first.0, first.1, first.2, first.3]
            ranges.append(contentsOf: inline.prefix(firstCount))
            firstCount = 0
        }

        private mutating func rehash(_ b: UnsafeBufferPointer<UInt8>, capacity: Int) {
            slots = [Int32](repeating: 0, count: capacity)
            let mask = capacity - 1
            for (k, r) in ranges.enumerated() {
                var h = Self.hash(r, b) & mask
                while slots[h] != 0 { h = (h + 1) & mask }
                slots[h] = Int32(k + 1)
            }
        }

        /// FNV-1a over the name's bytes.
        private static func hash(_ r: Range<Int>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for k in r { h = (h ^ UInt64(b[k])) &* 0x100_0000_01B3 }
            return Int(truncatingIfNeeded: h ^ (h >> 29))
        }
    }

    /// An amount (a non-negative JSON number), judged by the full decoder's own rule so that both
    /// paths accept and reject alike.
    static func amount(_ c: inout Cursor, _ path: String, _ options: DecodeOptions) throws -> Amount {
        let first = try c.peek()
        guard first >= 48, first <= 57 else { throw GiveUp() }
        let text = try c.numberText()
        return try ReportDecoder.amount(Int64(text).map { .integer($0) } ?? .number(text), path, maximum: options.maximumAmount)
    }

    /// A section object, every key of the trie exactly once; with `optional` (一's figures) each
    /// key at most once, null or absent meaning not stated.
    static func object(_ c: inout Cursor, _ node: Node, values: inout [Int64], present: inout [Bool], options: DecodeOptions,
                       optional: Bool, unknown: inout Unknown, group: Int, missing: inout [String]) throws {
        var seen: UInt64 = 0, hint = 0
        var names = KeyNames()
        // `{}` reads no key: every one is left out, below.
        if try c.open() {
            repeat {
                let k = try c.key(node.keys, hint: &hint)
                if k < 0 {
                    let name = try c.unknownKey(&names)
                    unknown.add(group) { node.path + "." + c.text(name) }
                    try c.skipValue()
                    continue
                }
                guard seen & (1 << UInt64(k)) == 0 else { throw GiveUp() }
                seen |= 1 << UInt64(k)
                if let child = node.children[k] {
                    try object(&c, child, values: &values, present: &present, options: options, optional: optional,
                               unknown: &unknown, group: group, missing: &missing)
                } else if optional, try c.null() {
                    continue
                } else {
                    let cell = node.cells[k]
                    if let amountPath = node.amountPaths[k] {
                        values[cell] = try amount(&c, amountPath, options).millionths
                    } else {
                        values[cell] = try c.count(maximum: options.maximumCount)
                    }
                    present[cell] = true
                }
            } while try c.more()
        }
        // Keys left out, in the table's order, after those of the objects within (as the full decoder lists them).
        if !optional && seen != node.all {
            for k in node.names.indices where seen & (1 << UInt64(k)) == 0 { missing.append(node.path + "." + node.names[k]) }
        }
    }
}
