// libFuzzer entry point over the report decoder and everything that reads a decoded report.
//
// Built by scripts/fuzz.sh (`make fuzz`): the Aggregate sources and this file are compiled
// together into one module with `-sanitize=fuzzer,address`, so no `import Aggregate` is needed
// and internal initialisers (YearLoad's memberwise init) are in reach. Not part of Package.swift.
//
// A crash, a trap (array index, overflow, force-unwrap) or an ASan report on any input is a bug:
// the decoder must turn every byte string into a report or a rejection, and every accepted
// report must go through the rules, the rollup and summary.json without trapping.
import Foundation

private let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
private let county = County(name: "平罗县", code: "640221", timeZone: zone)
private let asOf = CalendarDate(year: 2025, month: 3, day: 1)!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // expectedYear nil: the folder check is not what is fuzzed, every year 2000–2100 gets through.
    let options = DecodeOptions(expectedYear: nil, timeZone: zone)
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
    let text = JSONWriter.write(Summary.json(rollup, generator: "nianbao fuzz"))
    do {
        _ = try JSONParser.parse(text)
    } catch {
        fatalError("summary.json does not parse back: \(error.path): \(error.message)")
    }
    return 0
}
