// libFuzzer entry point over the report decoder and everything that reads a decoded report.
//
// Built by scripts/fuzz.sh (`make fuzz`): the Aggregate sources and this file are compiled
// together into one module with `-sanitize=fuzzer,address`, so no `import Aggregate` is needed
// and internal initialisers (YearLoad's memberwise init) are in reach. Not part of Package.swift.
//
// A crash, a trap (array index, overflow, force-unwrap) or an ASan report on any input is a bug:
// the decoder must turn every byte string into a report or a rejection, and every accepted
// report must go through the rules, the rollup and summary.json without trapping. Two oracles
// besides: FastDecoder must agree with the full decoder on everything it accepts (also with
// short inputs spliced into a complete report as one literal), and summary.json must parse back.
import Foundation

private let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
private let county = County(name: "平罗县", code: "640221", timeZone: zone)
private let asOf = CalendarDate(year: 2025, month: 3, day: 1)!

/// Field by field: `Report` is not Equatable.
private func differences(_ a: Report, _ b: Report) -> [String] {
    var d: [String] = []
    if a.edition != b.edition { d.append("edition \(a.edition) vs \(b.edition)") }
    if a.unit != b.unit { d.append("unit \(a.unit) vs \(b.unit)") }
    if a.year != b.year { d.append("year \(a.year) vs \(b.year)") }
    if a.publishedOn != b.publishedOn { d.append("publishedOn \(String(describing: a.publishedOn)) vs \(String(describing: b.publishedOn))") }
    if a.sourceUrl != b.sourceUrl { d.append("sourceUrl") }
    for i in a.values.indices where a.values[i] != b.values[i] || a.present[i] != b.present[i] {
        d.append("\(Catalog.cells[i].dottedPath) \(a.values[i])/\(a.present[i]) vs \(b.values[i])/\(b.present[i])")
    }
    if a.sections != b.sections { d.append("sections \(a.sections) vs \(b.sections)") }
    if a.narrative != b.narrative { d.append("narrative") }
    if a.informationProcessingFeeYuan != b.informationProcessingFeeYuan {
        d.append("informationProcessingFeeYuan \(String(describing: a.informationProcessingFeeYuan)) vs \(String(describing: b.informationProcessingFeeYuan))")
    }
    if a.notes != b.notes { d.append("notes \(a.notes.map(\.message)) vs \(b.notes.map(\.message))") }
    return d
}

/// The fast path must be an optimisation only: whatever it accepts, the full decoder accepts as
/// the very same report (FastDecoder.swift's own promise). Traps otherwise.
private func checkFastPath(_ bytes: [UInt8], _ options: DecodeOptions) {
    guard let fast = FastDecoder.decode(bytes, file: "fuzz/input.json", options: options) else { return }
    func fail(_ why: String) -> Never {
        // The whole document, so that a spliced one (below) can be saved as a reproducer.
        FileHandle.standardError.write(Data("--- document (\(bytes.count) bytes):\n".utf8 + bytes + Data("\n---\n".utf8)))
        fatalError(why)
    }
    switch ReportDecoder.decodeFully(bytes: bytes, file: "fuzz/input.json", options: options) {
    case .failure(let r):
        fail("the fast path accepts what the full decoder rejects: \(r.path): \(r.message)")
    case .success(let full):
        let d = differences(fast, full)
        if !d.isEmpty { fail("the fast path and the full decoder disagree: \(d.joined(separator: "; "))") }
    }
}

/// A complete 2021-format report (the fast path's case) in which one literal is left open, so
/// that short inputs are tried where the two decoders read numbers, strings, dates and keys
/// themselves. Byte mutations of whole reports almost never keep one complete and valid.
private enum Splice {
    static let marker = Array("\"@@SLOT@@\"".utf8)
    // Computed, not stored: LeakSanitizer takes a JSONValue held in a global for a leak (the
    // case sits in the box pointer's spare bits), and every clean exit would then "crash".
    static var slot: JSONValue { .string("@@SLOT@@") }

    /// Each a dotted path whose value (or, for "key:" paths, whose key) is the open literal.
    static let places: [String] = [
        "proactive.feesTenThousandYuan", "informationProcessingFeeYuan", "requests.received.total",
        "requests.withheld.stateSecret.naturalPerson", "appeals.review.total", "overview.portalItems",
        "year", "schemaVersion", "edition", "publishedOn", "sourceUrl", "unit.name", "unit.code",
        "unit.county", "narrative.problems", "key:proactive.licensing", "key:unit.name", "key:year",
    ]

    static func replacing(_ v: JSONValue, _ path: ArraySlice<String>, asKey: Bool) -> JSONValue {
        guard case .object(let members) = v, let head = path.first else { return slot }
        return .object(members.map { k, child in
            guard k == head else { return (k, child) }
            if path.count == 1 && asKey { return ("@@SLOT@@", child) }
            return (k, replacing(child, path.dropFirst(), asKey: asKey))
        })
    }

    static let templates: [[UInt8]] = {
        var cells = [Int64](repeating: 3, count: Catalog.cellCount)
        for c in Catalog.cells where c.kind == .tenThousandYuan { cells[c.index] = 12_350_000 }
        guard case .object(let sections) = Summary.sections(cells) else { fatalError("sections") }
        let report = JSONValue.object([
            ("schemaVersion", .integer(1)), ("edition", .string("2021")),
            ("unit", .object([("name", .string("宝丰镇")), ("code", .string("640221103")), ("county", .string("平罗县"))])),
            ("year", .integer(2024)), ("publishedOn", .string("2025-01-20")), ("sourceUrl", .string("http://example.gov.cn/a")),
        ] + sections + [
            ("narrative", .object([("overview", .string("概述")), ("problems", .string("问题")), ("otherMatters", .string("未收取信息处理费"))])),
            ("informationProcessingFeeYuan", .integer(0)),
        ])
        return places.map { place in
            let asKey = place.hasPrefix("key:")
            let path = (asKey ? String(place.dropFirst(4)) : place).split(separator: ".").map(String.init)
            return Array(JSONWriter.write(replacing(report, path[...], asKey: asKey)).utf8)
        }
    }()

    /// The template for `selector` with `literal` in place of its open slot.
    static func document(_ selector: UInt8, _ literal: ArraySlice<UInt8>) -> [UInt8] {
        let t = templates[Int(selector) % templates.count]
        guard let at = t.firstRange(of: marker) else { fatalError("no slot in template \(selector)") }
        return Array(t[..<at.lowerBound]) + literal + t[at.upperBound...]
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // expectedYear nil: the folder check is not what is fuzzed, every year 2000–2100 gets through.
    let options = DecodeOptions(expectedYear: nil, timeZone: zone)

    checkFastPath(bytes, options)
    // A short input is also a literal: its first byte picks the slot of a complete report.
    if size >= 1 && size <= 64 {
        checkFastPath(Splice.document(bytes[0], bytes[1...]), options)
    }

    guard case .success(let report) = ReportDecoder.decode(bytes: bytes, file: "fuzz/input.json", options: options) else {
        return 0
    }

    // The rule checks one by one, the report standing in as its own previous year.
    _ = Rules.check(report)
    _ = Rules.suspect(report, previous: report, asOf: asOf, settings: county.settings)
    _ = Rules.suspect(report, previous: nil, asOf: asOf, settings: county.settings)
    _ = Rules.checkAcrossYears(report, previous: report)

    // The whole rollup over a one-township roster. The first input byte decides whether the
    // roster names the report's township (matched, counted) or another one (not on the roster,
    // the roster township missing), so both paths of `Rollup.compute` are reached.
    let matched = size == 0 || data[0] & 1 == 0
    let roster = matched
        ? [RosterEntry(name: report.unit.name, code: report.unit.code)]
        : [RosterEntry(name: "宝丰镇", code: nil)]
    let current = YearLoad(year: report.year, accepted: [report], rejected: [], bytesRead: size)
    var last = report
    last.year = report.year - 1
    last.file = "fuzz/previous.json"
    let previous = YearLoad(year: report.year - 1, accepted: [last], rejected: [], bytesRead: size)
    let rollup = Rollup.compute(county: county, roster: roster, current: current, previous: previous, asOf: asOf)

    // summary.json, written out and read back: the writer must produce JSON our parser accepts.
    let text = String(decoding: Summary.bytes(rollup, generator: "nianbao fuzz"), as: UTF8.self)
    do {
        _ = try JSONParser.parse(text)
    } catch {
        fatalError("summary.json does not parse back: \(error.path): \(error.message)")
    }
    return 0
}
