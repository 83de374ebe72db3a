import StrictJSON
import Foundation

/// Settings for reading reports.
package struct DecodeOptions: Sendable {
    /// The year the file's folder names; a report for another year is rejected.
    package var expectedYear: Int?
    /// The county's time zone, for publication timestamps that carry a time.
    package var timeZone: TimeZone
    /// Largest count accepted in one cell. Summed over the nation (about 40,000 townships) a cell
    /// stays below 4 × 10¹³, far inside Int64 (9.2 × 10¹⁸): it would take 9.2 × 10⁹ reports at the cap.
    package var maximumCount: Int64 = DecodeOptions.defaultMaximumCount
    /// Largest amount accepted in one cell, in the cell's own unit (万元 for 行政事业性收费, yuan for
    /// 信息处理费). Amounts are held in millionths (`Amount`), so a cell is at most 10⁷ × 10⁶ = 10¹³
    /// and Int64 holds the sum of 922,337 reports at the cap: 23 times the nation's townships.
    /// (At the count cap an amount would be 10¹⁵ millionths, and 9,224 such reports overflowed.)
    /// 10⁷ 万元 is 1000 亿元 a year of fees at one township: no real report comes near it.
    package var maximumAmount: Int64 = DecodeOptions.defaultMaximumAmount

    /// How much of the prose to read: `.copyPrints` for a year whose reports are only compared against.
    package var prose: ProseReading = .all

    package static let defaultMaximumCount: Int64 = 1_000_000_000
    package static let defaultMaximumAmount: Int64 = 10_000_000

    package init(expectedYear: Int?, timeZone: TimeZone) {
        self.expectedYear = expectedYear
        self.timeZone = timeZone
    }
}

/// Turns a parsed JSON document into a `Report`, following `Catalog` for every figure.
package enum ReportDecoder {
    /// The shape of one section's JSON, built from the catalog.
    indirect enum Shape: Sendable {
        case leaf(Int)
        case object([(String, Shape)])

        var leaves: [Int] {
            switch self {
            case .leaf(let i): return [i]
            case .object(let m): return m.flatMap { $0.1.leaves }
            }
        }
    }

    static let sectionShapes: [Shape] = Catalog.sections.map { section in
        func insert(_ shape: Shape, _ path: ArraySlice<String>, _ cell: Int) -> Shape {
            guard let head = path.first else { return .leaf(cell) }
            guard case .object(var members) = shape else { return shape }
            if let k = members.firstIndex(where: { $0.0 == head }) {
                members[k].1 = insert(members[k].1, path.dropFirst(), cell)
            } else {
                members.append((head, insert(.object([]), path.dropFirst(), cell)))
            }
            return .object(members)
        }
        var root = Shape.object([])
        for cell in Catalog.cells where cell.section == section.id {
            root = insert(root, cell.path.dropFirst()[...], cell.index)
        }
        return root
    }

    struct Failure: Error { let path: String; let message: String }

    /// A report of another year than its folder's.
    static func wrongYear(expected: Int, found: Int) -> String {
        "expected \(expected) (the year of the folder the file is in), found \(found)"
    }

    /// Unknown keys named one by one in a report's flags; the rest are counted in one more flag.
    static let maximumUnknownKeysListed = 20

    package static func decode(_ json: JSONValue, file: String, options: DecodeOptions) -> Result<Report, Rejection> {
        do {
            return .success(try decodeReport(json, file: file, options: options))
        } catch let f as Failure {
            return .failure(Rejection(file: file, path: f.path, message: f.message))
        } catch {
            return .failure(Rejection(file: file, path: "", message: "\(error)"))
        }
    }

    /// Reads bytes all the way to a report or a rejection naming the file, path and reason.
    /// A complete, well-formed report takes the fast path; anything else the full decoder.
    package static func decode(bytes: [UInt8], file: String, options: DecodeOptions) -> Result<Report, Rejection> {
        bytes.withUnsafeBufferPointer { decode(buffer: $0, file: file, options: options) }
    }

    /// `decode(bytes:)` of bytes in a buffer the caller reuses (the loader's read buffer): copied
    /// into an array only when the full decoder must read them.
    package static func decode(buffer: UnsafeBufferPointer<UInt8>, file: String, options: DecodeOptions) -> Result<Report, Rejection> {
        if let outcome = FastDecoder.outcome(buffer: buffer, file: file, options: options) { return outcome }
        return decodeFully(bytes: Array(buffer), file: file, options: options)
    }

    /// The full decoder alone: every key, every message (tests compare the fast path with it). A
    /// rejected report that parsed names its township (`unit(ofRejected:)`) when it can.
    static func decodeFully(bytes: [UInt8], file: String, options: DecodeOptions) -> Result<Report, Rejection> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return .failure(Rejection(file: file, path: error.path, message: error.message))
        }
        switch decode(json, file: file, options: options) {
        case .success(let report): return .success(report)
        case .failure(var rejection):
            rejection.unit = unit(ofRejected: json)
            return .failure(rejection)
        }
    }

    /// The township a rejected report speaks for, when its `unit.name` (and `unit.code`, if
    /// valid) can be read: a wrong year or a bad cell after `unit` still says whose report it
    /// is, so that township is unreadable rather than missing.
    package static func unit(ofRejected json: JSONValue) -> Unit? {
        guard case .object = json, let u = json[ReportKey.unit.name], case .object = u, let n = u[UnitKey.name.name],
              let name = try? name(n, UnitKey.name.path, allowEmpty: false) else { return nil }
        let code = u[UnitKey.code.name].flatMap { try? self.code($0) } ?? nil
        let county = u[UnitKey.county.name].flatMap { try? self.name($0, UnitKey.county.path, allowEmpty: true) } ?? ""
        return Unit(name: name, code: code, county: county)
    }

    private static func members(_ v: JSONValue, _ path: String) throws -> [(String, JSONValue)] {
        guard case .object(let m) = v else { throw Failure(path: path, message: "expected an object, found \(v.shortDescription)") }
        return m
    }

    private static func string(_ v: JSONValue, _ path: String, allowEmpty: Bool = true) throws -> String {
        guard case .string(let s) = v else { throw Failure(path: path, message: "expected a string, found \(v.shortDescription)") }
        if !allowEmpty && s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw Failure(path: path, message: "expected a non-empty string, found \(v.shortDescription)")
        }
        return s
    }

    /// A township or county name: trimmed of white space and of invisible format characters at
    /// either end (a zero-width space or a direction mark pasted with the name would otherwise make
    /// 城关镇 a stranger to the roster), NFC-normalised, and free of control characters.
    static func name(_ v: JSONValue, _ path: String, allowEmpty: Bool) throws -> String {
        let raw = try string(v, path)
        // The usual name, CJK ideographs and printable ASCII without spaces (合成镇00001, 城关镇(新)),
        // is already trimmed, free of control and format characters, and in NFC.
        if !raw.isEmpty, raw.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) || (0x21...0x7E).contains($0.value) }) {
            return raw
        }
        let scalars = Array(raw.unicodeScalars)
        func invisible(_ u: Unicode.Scalar) -> Bool {
            u.properties.isWhitespace || u.properties.generalCategory == .format
        }
        var lo = 0, hi = scalars.count
        while lo < hi, invisible(scalars[lo]) { lo += 1 }
        while hi > lo, invisible(scalars[hi - 1]) { hi -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        let trimmed = String(view)
        if !allowEmpty && trimmed.isEmpty {
            throw Failure(path: path, message: "expected a non-empty string, found \(v.shortDescription)")
        }
        if let bad = trimmed.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            // Spell every control character out: raw, a bell or a line break would hide in the message.
            var shown = ""
            for u in trimmed.unicodeScalars.prefix(40) {
                if u.properties.generalCategory == .control {
                    let h = String(u.value, radix: 16, uppercase: true)
                    shown += "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
                } else {
                    shown.unicodeScalars.append(u)
                }
            }
            if trimmed.unicodeScalars.count > 40 { shown += "…" }
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            throw Failure(path: path, message: "expected a name without control characters, found \(code) in \"\(shown)\"")
        }
        return trimmed.precomposedStringWithCanonicalMapping
    }

    /// `unit.code`: absent meaning for null; otherwise 9 or 12 digits, spaces around them trimmed.
    static func code(_ v: JSONValue) throws -> String? {
        if v == .null { return nil }
        guard case .string(let given) = v else {
            throw Failure(path: UnitKey.code.path, message: "expected a 9- or 12-digit 统计用区划代码 as a string (in quotes), found \(v.shortDescription)")
        }
        // The usual code, 9 or 12 ASCII digits and nothing else, is returned as it is.
        if given.utf8.count == 9 || given.utf8.count == 12, given.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return given }
        let c = given.trimmingCharacters(in: .whitespaces)
        guard (c.count == 9 || c.count == 12), c.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw Failure(path: UnitKey.code.path, message: "expected a 9- or 12-digit 统计用区划代码, found \(v.shortDescription)")
        }
        return c
    }

    /// An integer, or a decimal literal with a whole value ("2024.0", "1e3"); nil otherwise.
    static func wholeNumber(_ v: JSONValue) -> Int64? {
        switch v {
        case .integer(let n): return n
        case .number(let text): return DecimalLiteral(text)?.scaled(by: 0)
        default: return nil
        }
    }

    static func count(_ v: JSONValue, _ path: String, maximum: Int64) throws -> Int64 {
        let expected = "expected a whole number ≥ 0"
        switch v {
        case .integer(let n):
            if n < 0 { throw Failure(path: path, message: "\(expected), found \(n)") }
            if n > maximum { throw Failure(path: path, message: "\(expected) and ≤ \(maximum), found \(n)") }
            return n
        case .number(let text):
            let shown = v.shortDescription   // a literal can be megabytes of digits
            guard let d = DecimalLiteral(text) else { throw Failure(path: path, message: "\(expected), found \(shown)") }
            if d.negative { throw Failure(path: path, message: "\(expected), found \(shown)") }
            if d.exponent < 0 && !d.isZero { throw Failure(path: path, message: "\(expected), found \(shown) (a fraction)") }
            guard let n = d.scaled(by: 0), n <= maximum else {
                throw Failure(path: path, message: "\(expected) and ≤ \(maximum), found \(shown)")
            }
            return n
        default:
            throw Failure(path: path, message: "\(expected), found \(v.shortDescription)")
        }
    }

    static func amount(_ v: JSONValue, _ path: String, maximum: Int64) throws -> Amount {
        let expected = "expected an amount ≥ 0 (a number with at most \(Amount.scale) decimal places)"
        let text: String
        switch v {
        case .integer(let n): text = String(n)
        case .number(let t): text = t
        default: throw Failure(path: path, message: "\(expected), found \(v.shortDescription)")
        }
        let shown = JSONValue.number(text).shortDescription
        guard let d = DecimalLiteral(text), !d.negative else { throw Failure(path: path, message: "\(expected), found \(shown)") }
        guard let m = d.scaled(by: Amount.scale) else {
            if d.exponent + Amount.scale < 0 {
                throw Failure(path: path, message: "\(expected), found \(shown) (too many decimal places)")
            }
            throw Failure(path: path, message: "\(expected) and ≤ \(maximum), found \(shown)")
        }
        // The cap in millionths; a cap so large that it does not fit in Int64 holds every value that does.
        let (cap, beyond) = maximum.multipliedReportingOverflow(by: Amount.unit)
        guard beyond || m <= cap else { throw Failure(path: path, message: "\(expected) and ≤ \(maximum), found \(shown)") }
        return Amount(millionths: m)
    }

    /// "YYYY-MM-DD", or an ISO 8601 date-time whose day is taken in the county's time zone
    /// (an offset is honoured; without one the time is read as local to the county).
    static func publicationDate(_ text: String, _ path: String, zone: TimeZone) throws -> CalendarDate {
        if let d = CalendarDate(iso: text) { return d }
        let expected = "expected a date YYYY-MM-DD (or an ISO 8601 date-time)"
        guard text.utf8.count >= 16, let day = CalendarDate(iso: String(text.prefix(10))) else {
            throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)")
        }
        let rest = Array(text.utf8.dropFirst(10))
        guard rest.first == UInt8(ascii: "T") || rest.first == UInt8(ascii: " ") else {
            throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)")
        }
        // hh:mm[:ss[.fff]][Z|±hh:mm]
        var k = 1
        func two() -> Int? {
            guard k + 2 <= rest.count, let a = digit(rest[k]), let b = digit(rest[k + 1]) else { return nil }
            k += 2
            return a * 10 + b
        }
        func digit(_ b: UInt8) -> Int? { b >= 48 && b <= 57 ? Int(b - 48) : nil }
        guard let hh = two(), hh < 24, k < rest.count, rest[k] == UInt8(ascii: ":") else {
            throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)")
        }
        k += 1
        guard let mm = two(), mm < 60 else { throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)") }
        var ss = 0
        if k < rest.count, rest[k] == UInt8(ascii: ":") {
            k += 1
            guard let s = two(), s < 61 else { throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)") }
            // A leap second (23:59:60) is the last second of its own day, not the first of the next.
            ss = min(s, 59)
            if k < rest.count, rest[k] == UInt8(ascii: ".") {
                k += 1
                while k < rest.count, digit(rest[k]) != nil { k += 1 }
            }
        }
        let localSeconds = day.dayNumber * 86_400 + hh * 3600 + mm * 60 + ss
        var utcSeconds: Int
        if k == rest.count {
            let guess = Date(timeIntervalSince1970: TimeInterval(localSeconds))
            utcSeconds = localSeconds - zone.secondsFromGMT(for: guess)
        } else if rest[k] == UInt8(ascii: "Z") && k + 1 == rest.count {
            utcSeconds = localSeconds
        } else if rest[k] == UInt8(ascii: "+") || rest[k] == UInt8(ascii: "-") {
            let sign = rest[k] == UInt8(ascii: "+") ? 1 : -1
            k += 1
            guard let oh = two(), oh <= 14 else { throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)") }
            if k < rest.count, rest[k] == UInt8(ascii: ":") { k += 1 }
            guard let om = two(), om < 60, k == rest.count else {
                throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)")
            }
            utcSeconds = localSeconds - sign * (oh * 3600 + om * 60)
        } else {
            throw Failure(path: path, message: "\(expected), found \(JSONValue.string(text).shortDescription)")
        }
        return CalendarDate(Date(timeIntervalSince1970: TimeInterval(utcSeconds)), in: zone)
    }

    /// The note naming one unknown key (the fast path makes the same).
    static func unknownKeyNote(_ path: String) -> Flag {
        let shown = path.count > 120 ? String(path.prefix(100)) + "…（共\(path.count)个字符）" : path
        return Flag(.unknownKey, .warning, path: shown, "未知字段 \(shown)：不属于报告格式，已忽略（请核对是否拼写错误）")
    }

    /// The note counting the unknown keys past `maximumUnknownKeysListed`.
    static func unknownKeysNotListed(_ count: Int) -> Flag {
        Flag(.unknownKey, .warning, path: "",
             "另有 \(count - maximumUnknownKeysListed) 个未知字段未逐一列出（共 \(count) 个），均已忽略；请核对报告格式")
    }

    static func decodeReport(_ json: JSONValue, file: String, options: DecodeOptions) throws -> Report {
        guard case .object(let top) = json else {
            throw Failure(path: "", message: "expected a JSON object (one report), found \(json.shortDescription)")
        }
        var notes: [Flag] = []
        func value(_ key: ReportKey) -> JSONValue? { top.first(where: { $0.0 == key.name })?.1 }
        // Each unknown key is named, up to a limit: a file of 300,000 stray keys must not turn
        // into 300,000 lines of the workbook. Keys of absurd length are shown cut.
        var unknownCount = 0
        func unknown(_ path: String) {
            unknownCount += 1
            guard unknownCount <= maximumUnknownKeysListed else { return }
            notes.append(unknownKeyNote(path))
        }
        for (key, _) in top where ReportKey(named: key) == nil { unknown(key) }

        // schemaVersion
        let version = ReportKey.schemaVersion.name
        guard let sv = value(.schemaVersion) else { throw Failure(path: version, message: "expected 1, found nothing (the key is required)") }
        guard wholeNumber(sv) == 1 else { throw Failure(path: version, message: "expected 1, found \(sv.shortDescription)") }

        var edition = Edition.y2021
        if let e = value(.edition), e != .null {
            guard case .string(let s) = e else {
                throw Failure(path: ReportKey.edition.name, message: "expected \"2021\" or \"2019\" (in quotes), found \(e.shortDescription)")
            }
            guard let ed = Edition(rawValue: s) else { throw Failure(path: ReportKey.edition.name, message: "expected \"2021\" or \"2019\", found \(e.shortDescription)") }
            edition = ed
        }

        guard let u = value(.unit) else { throw Failure(path: ReportKey.unit.name, message: "expected an object with name and county, found nothing (the key is required)") }
        var unit = Unit(name: "", code: nil, county: "")
        var sawName = false, sawCounty = false
        for (k, v) in try members(u, ReportKey.unit.name) {
            switch UnitKey(named: k) {
            case .name:
                unit.name = try name(v, UnitKey.name.path, allowEmpty: false)
                sawName = true
            case .county:
                unit.county = try name(v, UnitKey.county.path, allowEmpty: true)
                sawCounty = true
            case .code:
                unit.code = try code(v)
            case nil: unknown("\(ReportKey.unit.name).\(k)")
            }
        }
        if !sawName { throw Failure(path: UnitKey.name.path, message: "expected the township's name, found nothing (the key is required)") }
        if !sawCounty { throw Failure(path: UnitKey.county.path, message: "expected the county's name, found nothing (the key is required)") }

        let yearKey = ReportKey.year.name
        guard let y = value(.year) else { throw Failure(path: yearKey, message: "expected the reporting year, found nothing (the key is required)") }
        guard let yv = wholeNumber(y), (2000...2100).contains(yv) else {
            throw Failure(path: yearKey, message: "expected a year from 2000 to 2100, found \(y.shortDescription)")
        }
        let year = Int(yv)
        if let expected = options.expectedYear, expected != year {
            throw Failure(path: yearKey, message: wrongYear(expected: expected, found: year))
        }

        var published: CalendarDate? = nil
        if let p = value(.publishedOn), p != .null {
            guard case .string(let text) = p else {
                throw Failure(path: ReportKey.publishedOn.name, message: "expected a date YYYY-MM-DD (or an ISO 8601 date-time) in quotes, found \(p.shortDescription)")
            }
            published = try publicationDate(text, ReportKey.publishedOn.name, zone: options.timeZone)
        }
        var sourceUrl: String? = nil
        if let s = value(.sourceUrl), s != .null { sourceUrl = try string(s, ReportKey.sourceUrl.name) }

        var values = [Int64](repeating: 0, count: Catalog.cellCount)
        var present = [Bool](repeating: false, count: Catalog.cellCount)
        var sections = [Bool](repeating: false, count: SectionID.allCases.count)

        for section in SectionID.allCases {
            let key = section.key
            // 一's figures are all optional, so a null overview is an absent one, as null is for
            // every other optional key; a null table is still a wrong type.
            guard let v = value(ReportKey(section)), !(v == .null && !section.requiredForCompleteness) else {
                if section.requiredForCompleteness { notes.append(missingTable(section)) }
                continue
            }
            if section == .proactive && edition == .y2019 {
                _ = try members(v, key)  // 2019 columns: read, not summed (see oldFormat)
                continue
            }
            var missing: [String] = []
            try decodeObject(v, shape: sectionShapes[section.rawValue], path: key, values: &values, present: &present,
                             missing: &missing, unknown: unknown, options: options,
                             optionalLeaves: section == .overview)
            sections[section.rawValue] = true
            if !missing.isEmpty { notes.append(missingCells(section, missing)) }
        }

        if edition == .y2019 && year >= 2021 {
            notes.append(Flag(.oldFormat, .error, path: ReportKey.edition.name,
                              "\(year)年报告使用了2019年试行格式（国办公开办函〔2019〕60号），应使用2021年格式（国办公开办函〔2021〕30号）；第二部分未计入汇总"))
        }

        var overview: String? = nil, problems: String? = nil, otherMatters: String? = nil
        if let n = value(.narrative), n != .null {
            for (k, v) in try members(n, ReportKey.narrative.name) {
                if v == .null { continue }
                switch NarrativeKey(named: k) {
                case .overview: overview = try string(v, NarrativeKey.overview.path)
                case .problems: problems = try string(v, NarrativeKey.problems.path)
                case .otherMatters: otherMatters = try string(v, NarrativeKey.otherMatters.path)
                case nil: unknown("\(ReportKey.narrative.name).\(k)")
                }
            }
        }
        var fee: Amount? = nil
        if let f = value(.informationProcessingFeeYuan), f != .null {
            fee = try amount(f, ReportKey.informationProcessingFeeYuan.name, maximum: options.maximumAmount)
        }

        if unknownCount > maximumUnknownKeysListed { notes.append(unknownKeysNotListed(unknownCount)) }
        return Report(file: file, edition: edition, unit: unit, year: year, publishedOn: published,
                      sourceUrl: sourceUrl, values: values, present: present, sections: sections,
                      narrative: Narrative(overview: overview, problems: problems, otherMatters: otherMatters, unit: unit.name,
                                           table: TableView(year: year, values: values, present: present, sections: sections, fee: fee),
                                           reading: options.prose),
                      informationProcessingFeeYuan: fee, notes: notes)
    }

    /// The note of a table of 二–四 left out.
    static func missingTable(_ section: SectionID) -> Flag {
        Flag(.incomplete, .error, path: section.key, "缺少\(section.title)整张表（\(section.key)）")
    }

    /// The note of cells of a table left out (dotted paths, in the order found).
    static func missingCells(_ section: SectionID, _ missing: [String]) -> Flag {
        let shown = missing.prefix(8).joined(separator: "、")
        let more = missing.count > 8 ? " 等 \(missing.count) 处" : ""
        return Flag(.incomplete, .error, path: missing.count == 1 ? missing[0] : section.key, "\(section.title)缺少单元格：\(shown)\(more)")
    }

    private static func decodeObject(_ v: JSONValue, shape: Shape, path: String, values: inout [Int64],
                                     present: inout [Bool], missing: inout [String], unknown: (String) -> Void,
                                     options: DecodeOptions, optionalLeaves: Bool) throws {
        guard case .object(let expected) = shape else { return }
        let given = try members(v, path)
        for (k, child) in given {
            let childPath = "\(path).\(k)"
            guard let sub = expected.first(where: { $0.0 == k })?.1 else { unknown(childPath); continue }
            switch sub {
            case .leaf(let cell):
                if optionalLeaves && child == .null { continue }
                if Catalog.cells[cell].kind == .tenThousandYuan {
                    values[cell] = try amount(child, childPath, maximum: options.maximumAmount).millionths
                } else {
                    values[cell] = try count(child, childPath, maximum: options.maximumCount)
                }
                present[cell] = true
            case .object:
                try decodeObject(child, shape: sub, path: childPath, values: &values, present: &present,
                                 missing: &missing, unknown: unknown, options: options, optionalLeaves: optionalLeaves)
            }
        }
        if optionalLeaves { return }
        for (k, _) in expected where !given.contains(where: { $0.0 == k }) {
            missing.append("\(path).\(k)")
        }
    }
}
