import StrictJSON
import Foundation

package enum CountyFiles {
    package static func readCounty(_ url: URL) throws(SetupError) -> County {
        let file = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else { throw SetupError.unreadable(path: url.path) }
        let json: JSONValue
        do { json = try JSONParser.parse([UInt8](data)) } catch {
            throw SetupError.notJSON(file: file, path: error.path, message: error.message)
        }
        guard case .object(let members) = json else { throw SetupError.notAnObject(file: file) }
        // Every key is a setting nianbao knows, given once: a misspelt one would otherwise be
        // silently ignored, and the default used instead of what the county meant.
        var seen = Set<String>()
        for (key, _) in members {
            guard settingKeys.contains(key) else {
                throw SetupError.unknownSetting(file: file, key: key, known: settingKeys)
            }
            guard seen.insert(key).inserted else { throw SetupError.repeatedSetting(file: file, key: key) }
        }
        guard case .string(let rawName)? = json["name"] else {
            throw SetupError.badSetting(file: file, key: "name", expected: "the county's name as a string", found: json["name"]?.shortDescription ?? "nothing")
        }
        guard !rawName.isEmpty else { throw SetupError.badSetting(file: file, key: "name", expected: "the county's name", found: "\"\"") }
        // Trimmed of white space and invisible characters at its ends, as report names are; the
        // file names made from it are made safe apart (RollupJob.fileStem).
        let name = trimmedName(rawName)
        var code = ""
        if let c = json["code"], c != .null {
            guard case .string(let text) = c else {
                throw SetupError.badSetting(file: file, key: "code", expected: "the county's 6- to 12-digit code as a string (in quotes)", found: c.shortDescription)
            }
            code = text.trimmingCharacters(in: .whitespaces)
            guard code.isEmpty || ((6...12).contains(code.count) && code.allSatisfy({ $0.isASCII && $0.isNumber })) else {
                throw SetupError.badSetting(file: file, key: "code", expected: "the county's 6- to 12-digit code", found: c.shortDescription)
            }
        }
        var zone = TimeZone(identifier: "Asia/Shanghai")!
        if let z = json["timezone"] {
            guard case .string(let id) = z, let tz = TimeZone(identifier: id) else {
                throw SetupError.badSetting(file: file, key: "timezone", expected: "an IANA time zone such as \"Asia/Shanghai\"", found: z.shortDescription)
            }
            zone = tz
        }
        var county = County(name: name, code: code, timeZone: zone)
        if let d = json["deadline"] {
            guard case .string(let s) = d, let md = monthDay(s) else {
                throw SetupError.badSetting(file: file, key: "deadline", expected: "a month and day \"MM-DD\" such as \"01-31\"", found: d.shortDescription)
            }
            county.deadlineMonth = md.month
            county.deadlineDay = md.day
        }
        // Every number is bounded: 1e400 reads as infinity, which no threshold or weight may be.
        if let f = json["suspectChangeFactor"] {
            guard let v = number(f), v > 1, v <= County.Settings.maximumChangeFactor else {
                throw SetupError.badSetting(file: file, key: "suspectChangeFactor", expected: "a number > 1 and ≤ \(Rules.formatRatio(County.Settings.maximumChangeFactor))", found: f.shortDescription)
            }
            county.settings.suspectChangeFactor = v
        }
        if let f = json["copiedThreshold"] {
            guard let v = number(f), v > 0, v <= 1 else { throw SetupError.badSetting(file: file, key: "copiedThreshold", expected: "a number in (0, 1]", found: f.shortDescription) }
            county.settings.copiedThreshold = v
        }
        if let f = json["perfunctoryMinimumLength"] {
            guard case .integer(let v) = f, v >= 0 else { throw SetupError.badSetting(file: file, key: "perfunctoryMinimumLength", expected: "a whole number ≥ 0", found: f.shortDescription) }
            county.settings.perfunctoryMinimumLength = Int(v)
        }
        if let w = json["rankingWeights"] {
            guard case .object(let members) = w else { throw SetupError.badSetting(file: file, key: "rankingWeights", expected: "an object", found: w.shortDescription) }
            for (k, v) in members {
                guard let x = number(v), x >= 0, x <= RankingWeights.maximum else {
                    throw SetupError.badSetting(file: file, key: "rankingWeights.\(k)", expected: "a number ≥ 0 and ≤ \(Rules.formatRatio(RankingWeights.maximum))", found: v.shortDescription)
                }
                switch k {
                case "volume": county.settings.rankingWeights.volume = x
                case "closure": county.settings.rankingWeights.closure = x
                case "timeliness": county.settings.rankingWeights.timeliness = x
                case "quality": county.settings.rankingWeights.quality = x
                default: throw SetupError.badSetting(file: file, key: "rankingWeights.\(k)", expected: "one of volume, closure, timeliness, quality", found: nil)
                }
            }
            guard county.settings.rankingWeights.sum > 0 else { throw SetupError.badSetting(file: file, key: "rankingWeights", expected: "at least one weight > 0", found: nil) }
        }
        if let f = json["suspectChangeMinimum"] {
            guard case .integer(let v) = f, v >= 0 else { throw SetupError.badSetting(file: file, key: "suspectChangeMinimum", expected: "a whole number ≥ 0", found: f.shortDescription) }
            county.settings.suspectChangeMinimum = v
        }
        return county
    }

    /// NFC, without white space or invisible format characters at either end.
    static func trimmedName(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        func invisible(_ u: Unicode.Scalar) -> Bool { u.properties.isWhitespace || u.properties.generalCategory == .format }
        var lo = 0, hi = scalars.count
        while lo < hi, invisible(scalars[lo]) { lo += 1 }
        while hi > lo, invisible(scalars[hi - 1]) { hi -= 1 }
        return String(String.UnicodeScalarView(scalars[lo..<hi])).precomposedStringWithCanonicalMapping
    }

    /// Every key county.json may hold.
    static let settingKeys = ["name", "code", "deadline", "timezone", "suspectChangeFactor", "suspectChangeMinimum",
                              "copiedThreshold", "perfunctoryMinimumLength", "rankingWeights"]

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

    /// `name,code` rows, UTF-8 with or without BOM, quoted fields allowed. Names are cleaned as
    /// report names are (RosterName.clean); a name or a code given twice, a code that is not 6–12
    /// digits (Excel's 6.40221E+08) and a quote never closed are setup errors naming the lines.
    package static func readRoster(_ url: URL) throws(SetupError) -> [RosterEntry] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw SetupError.unreadable(path: url.path) }
        guard var text = String(data: data, encoding: .utf8) else { throw SetupError.rosterNotUTF8 }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let parsed = parseCSVLines(text)
        if let open = parsed.unclosedQuoteLine {
            throw SetupError.rosterUnclosedQuote(line: open)
        }
        let rows = parsed.rows
        guard let header = rows.first?.fields.map({ trimmed($0).lowercased() }),
              let nameCol = header.firstIndex(of: "name") else {
            throw SetupError.rosterHeader
        }
        let codeCol = header.firstIndex(of: "code")
        var out: [RosterEntry] = []
        var nameLine: [UTF8Key: Int] = [:], codeLine: [UTF8Key: Int] = [:]
        nameLine.reserveCapacity(rows.count)
        codeLine.reserveCapacity(rows.count)
        out.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            let line = row.line
            if row.fields.allSatisfy({ RosterName.clean($0).isEmpty }) { continue }
            let name = RosterName.clean(nameCol < row.fields.count ? row.fields[nameCol] : "")
            guard !name.isEmpty else { throw SetupError.rosterNameMissing(line: line) }
            if let first = nameLine.updateValue(line, forKey: UTF8Key(name)) {
                throw SetupError.rosterNameTwice(name: name, first: first, line: line)
            }
            var code: String? = nil
            if let c = codeCol, c < row.fields.count {
                let v = RosterName.clean(row.fields[c])
                if !v.isEmpty {
                    guard (6...12).contains(v.utf8.count), v.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                        throw SetupError.rosterCodeMalformed(code: v, line: line, spreadsheet: v.contains("E+") || v.contains("e+"))
                    }
                    // 640221100000 is 640221100 (RosterIndex.canonical): the same code twice.
                    if let first = codeLine.updateValue(line, forKey: UTF8Key(RosterIndex.canonical(v))) {
                        throw SetupError.rosterCodeTwice(code: v, first: first, line: line)
                    }
                    code = v
                }
            }
            out.append(RosterEntry(name: name, code: code))
        }
        return out
    }

    /// Roster names that do not end like a township's (镇, 乡, 街道, 办事处, 苏木, …): when a roster
    /// matches no report at all, these suggest its columns are swapped or it is another list.
    package static func unlikeTownships(_ roster: [RosterEntry]) -> [String] {
        let endings = ["镇", "乡", "街道", "办事处", "地区", "苏木", "农场", "林场", "牧场", "管委会", "管理委员会", "开发区", "园区", "社区", "区"]
        return roster.map(\.name).filter { name in !endings.contains { name.hasSuffix($0) } }
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

    /// RFC 4180 CSV, read scalar by scalar (a roster of 40,000 lines is read in milliseconds),
    /// with the line each row starts on, and the line of a quote never closed.
    static func parseCSVLines(_ text: String) -> (rows: [(line: Int, fields: [String])], unclosedQuoteLine: Int?) {
        var rows: [(line: Int, fields: [String])] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var line = 1, rowLine = 1, quoteLine = 0
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
                } else {
                    if u == "\n" { line += 1 }
                    field.append(u)
                }
                continue
            }
            switch u {
            case "\"": quoted = true; quoteLine = line
            case ",": endField()
            case "\n", "\r":
                if u == "\r", let next = it.next(), next != "\n" { pending = next }
                endField(); rows.append((rowLine, row)); row = []
                line += 1
                rowLine = line
            default: field.append(u)
            }
        }
        if quoted { return (rows, quoteLine) }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append((rowLine, row)) }
        return (rows, nil)
    }
}

/// Names as matching compares them: NFC, without white space or invisible format characters
/// (zero-width space, BOM, U+00A0, U+3000, direction marks) anywhere, so that a name pasted
/// from a web page or a spreadsheet is the same name.
package enum RosterName {
    package static func clean(_ s: String) -> String {
        // The usual name — CJK ideographs (U+4E00–9FFF) and printable ASCII other than the space —
        // is already clean: none of those is white space or invisible, and none decomposes or
        // composes under NFC, so it is returned as it is, without Foundation's normalisation.
        if s.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) || (0x21...0x7E).contains($0.value) }) { return s }
        var v = String.UnicodeScalarView()
        for u in s.unicodeScalars where !(u.properties.isWhitespace || u.properties.generalCategory == .format) { v.append(u) }
        return String(v).precomposedStringWithCanonicalMapping
    }
}
