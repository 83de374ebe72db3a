import Foundation

/// The county's settings from `county.json`.
public struct County: Sendable {
    public var name: String
    public var code: String
    /// Month and day of the deadline in the year after the reporting year.
    public var deadlineMonth = 1
    public var deadlineDay = 31
    public var timeZone: TimeZone
    public var settings = Settings()

    /// Thresholds a county may tune; defaults are documented in README.md.
    public struct Settings: Sendable {
        /// A headline figure this many times its previous year's value (or less than 1/this) is suspect.
        public var suspectChangeFactor: Double = 5
        /// The largest factor county.json may set: far beyond any useful threshold, and finite, so
        /// that it can be compared and printed (`1e400` reads as infinity).
        public static let maximumChangeFactor = 1000.0
        /// …when the larger of the two is at least this, so small numbers do not raise alarms.
        public var suspectChangeMinimum: Int64 = 20
        /// 内容雷同 when at least this share of 五 and 六's text (by characters, common template
        /// sentences not counted) is found in the township's previous report or another township's.
        public var copiedThreshold = 0.6
        /// Section 五 shorter than this many characters (letters and digits) is 敷衍.
        public var perfunctoryMinimumLength = 50
        /// Weights of the composite ranking score.
        public var rankingWeights = RankingWeights()
        public init() {}
    }

    public init(name: String, code: String, deadlineMonth: Int = 1, deadlineDay: Int = 31, timeZone: TimeZone) {
        self.name = name
        self.code = code
        self.deadlineMonth = deadlineMonth
        self.deadlineDay = deadlineDay
        self.timeZone = timeZone
    }

    /// The day by which reports for `year` are due.
    public func deadline(for year: Int) -> CalendarDate {
        CalendarDate(year: year + 1, month: deadlineMonth, day: deadlineDay)
            ?? CalendarDate(year: year + 1, month: deadlineMonth, day: CalendarDate.daysIn(month: deadlineMonth, year: year + 1))!
    }

    /// Today in the county's time zone.
    public func today(now: Date = Date()) -> CalendarDate { CalendarDate(now, in: timeZone) }
}

/// One township the county expects a report from.
public struct RosterEntry: Sendable, Hashable {
    public var name: String
    public var code: String?
    public init(name: String, code: String?) {
        self.name = name
        self.code = code
    }
}

/// A problem with the county's own setup files: the run cannot go on without them.
public struct SetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

public enum CountyFiles {
    public static func readCounty(_ url: URL) throws -> County {
        let file = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else { throw SetupError("\(url.path): cannot be read") }
        let json: JSONValue
        do { json = try JSONParser.parse([UInt8](data)) } catch {
            throw SetupError("\(file): \(error.path.isEmpty ? "" : error.path + ": ")\(error.message)")
        }
        guard case .object = json else { throw SetupError("\(file): expected a JSON object") }
        guard case .string(let name)? = json["name"], !name.isEmpty else { throw SetupError("\(file): name: expected the county's name") }
        var code = ""
        if case .string(let c)? = json["code"] { code = c }
        var zone = TimeZone(identifier: "Asia/Shanghai")!
        if let z = json["timezone"] {
            guard case .string(let id) = z, let tz = TimeZone(identifier: id) else {
                throw SetupError("\(file): timezone: expected an IANA time zone such as \"Asia/Shanghai\", found \(z.shortDescription)")
            }
            zone = tz
        }
        var county = County(name: name.precomposedStringWithCanonicalMapping, code: code, timeZone: zone)
        if let d = json["deadline"] {
            guard case .string(let s) = d, let md = monthDay(s) else {
                throw SetupError("\(file): deadline: expected a month and day \"MM-DD\" such as \"01-31\", found \(d.shortDescription)")
            }
            county.deadlineMonth = md.month
            county.deadlineDay = md.day
        }
        // Every number is bounded: 1e400 reads as infinity, which no threshold or weight may be.
        if let f = json["suspectChangeFactor"] {
            guard let v = number(f), v > 1, v <= County.Settings.maximumChangeFactor else {
                throw SetupError("\(file): suspectChangeFactor: expected a number > 1 and ≤ \(Rules.formatRatio(County.Settings.maximumChangeFactor)), found \(f.shortDescription)")
            }
            county.settings.suspectChangeFactor = v
        }
        if let f = json["copiedThreshold"] {
            guard let v = number(f), v > 0, v <= 1 else { throw SetupError("\(file): copiedThreshold: expected a number in (0, 1], found \(f.shortDescription)") }
            county.settings.copiedThreshold = v
        }
        if let f = json["perfunctoryMinimumLength"] {
            guard case .integer(let v) = f, v >= 0 else { throw SetupError("\(file): perfunctoryMinimumLength: expected a whole number ≥ 0, found \(f.shortDescription)") }
            county.settings.perfunctoryMinimumLength = Int(v)
        }
        if let w = json["rankingWeights"] {
            guard case .object(let members) = w else { throw SetupError("\(file): rankingWeights: expected an object, found \(w.shortDescription)") }
            for (k, v) in members {
                guard let x = number(v), x >= 0, x <= RankingWeights.maximum else {
                    throw SetupError("\(file): rankingWeights.\(k): expected a number ≥ 0 and ≤ \(Rules.formatRatio(RankingWeights.maximum)), found \(v.shortDescription)")
                }
                switch k {
                case "volume": county.settings.rankingWeights.volume = x
                case "closure": county.settings.rankingWeights.closure = x
                case "timeliness": county.settings.rankingWeights.timeliness = x
                case "quality": county.settings.rankingWeights.quality = x
                default: throw SetupError("\(file): rankingWeights.\(k): expected one of volume, closure, timeliness, quality")
                }
            }
            guard county.settings.rankingWeights.sum > 0 else { throw SetupError("\(file): rankingWeights: expected at least one weight > 0") }
        }
        if let f = json["suspectChangeMinimum"] {
            guard case .integer(let v) = f, v >= 0 else { throw SetupError("\(file): suspectChangeMinimum: expected a whole number ≥ 0, found \(f.shortDescription)") }
            county.settings.suspectChangeMinimum = v
        }
        return county
    }

    /// "MM-DD", ASCII digits and a hyphen exactly ("01/31", "+1-31" and "1-031" are not), of a
    /// day that exists in a leap year.
    static func monthDay(_ s: String) -> (month: Int, day: Int)? {
        let u = Array(s.utf8)
        guard u.count == 5, u[2] == UInt8(ascii: "-") else { return nil }
        let d = u.map { Int($0) - 48 }
        guard [0, 1, 3, 4].allSatisfy({ (0...9).contains(d[$0]) }) else { return nil }
        let m = d[0] * 10 + d[1], day = d[3] * 10 + d[4]
        return CalendarDate(year: 2024, month: m, day: day) == nil ? nil : (m, day)
    }

    /// A JSON number as a finite Double; nil for anything else, and for literals beyond Double's
    /// range ("1e400" would read as infinity).
    static func number(_ v: JSONValue) -> Double? {
        let d: Double?
        switch v {
        case .integer(let i): d = Double(i)
        case .number(let t): d = Double(t)
        default: d = nil
        }
        return d.flatMap { $0.isFinite ? $0 : nil }
    }

    /// `name,code` rows, UTF-8 with or without BOM, quoted fields allowed.
    public static func readRoster(_ url: URL) throws -> [RosterEntry] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw SetupError("\(url.path): cannot be read") }
        guard var text = String(data: data, encoding: .utf8) else { throw SetupError("roster.csv: expected UTF-8 text") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let rows = parseCSV(text)
        guard let header = rows.first?.map({ trimmed($0).lowercased() }),
              let nameCol = header.firstIndex(of: "name") else {
            throw SetupError("roster.csv: line 1: expected a header with the columns name,code")
        }
        let codeCol = header.firstIndex(of: "code")
        var out: [RosterEntry] = []
        var seen = Set<String>()
        for (n, row) in rows.dropFirst().enumerated() {
            if row.allSatisfy({ trimmed($0).isEmpty }) { continue }
            let name = trimmed(nameCol < row.count ? row[nameCol] : "").precomposedStringWithCanonicalMapping
            guard !name.isEmpty else { throw SetupError("roster.csv: line \(n + 2): expected a township name") }
            guard seen.insert(name).inserted else { throw SetupError("roster.csv: line \(n + 2): \(name) is listed twice") }
            var code: String? = nil
            if let c = codeCol, c < row.count {
                let v = trimmed(row[c])
                if !v.isEmpty { code = v }
            }
            out.append(RosterEntry(name: name, code: code))
        }
        return out
    }

    /// A roster field without the spaces and tabs around it (what `CharacterSet.whitespaces`
    /// holds: tab and the space separators), without Foundation's bridging, which at 40,000
    /// lines was most of the time spent reading the roster.
    static func trimmed(_ s: String) -> String {
        func blank(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let v = s.unicodeScalars
        guard let first = v.firstIndex(where: { !blank($0) }) else { return "" }
        let last = v.lastIndex(where: { !blank($0) })!
        if first == v.startIndex && last == v.index(before: v.endIndex) { return s }
        return String(v[first...last])
    }

    /// RFC 4180 CSV, read scalar by scalar (a roster of 40,000 lines is read in milliseconds).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() { row.append(String(field)); field = String.UnicodeScalarView() }
        while let u = pending ?? it.next() {
            pending = nil
            if quoted {
                if u == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(u) }
                continue
            }
            switch u {
            case "\"": quoted = true
            case ",": endField()
            case "\n", "\r":
                if u == "\r", let next = it.next(), next != "\n" { pending = next }
                endField(); rows.append(row); row = []
            default: field.append(u)
            }
        }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
        return rows
    }
}
