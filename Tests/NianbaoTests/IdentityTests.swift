@testable import Aggregate
import Foundation
import RollupJob
import StrictJSON
import XCTest

/// Issue 10, identity: a figure is counted for the township it belongs to, or not at all.
/// Another county's report, a code of one township with the name of another, a roster that
/// would send reports astray, a rejected file that still says whose it is, and a publication
/// date nobody can believe.
final class IdentityTests: XCTestCase {
    static let asOf = "2025-03-02"

    // MARK: - Helpers

    /// 城关镇's bundled 2024 report as JSON.
    static let chengguan: JSONValue = try! JSONParser.parse([UInt8](Data(contentsOf: Fixtures.inputs.appendingPathComponent("2024/chengguan.json"))))

    static func with(_ v: JSONValue, _ changes: [(String, JSONValue?)]) -> JSONValue {
        changes.reduce(v) { HostileInputTests.with($0, $1.0, $1.1) }
    }

    static func write(_ v: JSONValue, _ inputs: URL, _ name: String) throws {
        try Data(JSONWriter.write(v).utf8).write(to: inputs.appendingPathComponent("2024").appendingPathComponent(name))
    }

    /// The rollup of `inputs` in process; summary.json read back.
    func rollup(_ inputs: URL) throws -> JSONValue {
        let out = inputs.deletingLastPathComponent().appendingPathComponent("out")
        var o = RollupJob.Options(inputs: inputs, year: 2024)
        o.asOf = CalendarDate(iso: Self.asOf)
        o.xlsx = out.appendingPathComponent("county.xlsx")
        o.summary = out.appendingPathComponent("county.summary.json")
        _ = try RollupJob.run(o)
        return try Safety.summary(out)
    }

    static let baseline: JSONValue = {
        let inputs = Fixtures.copyOfInputs("identityBaseline")
        defer { try? FileManager.default.removeItem(at: inputs.deletingLastPathComponent()) }
        let out = inputs.deletingLastPathComponent().appendingPathComponent("out")
        try! FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var o = RollupJob.Options(inputs: inputs, year: 2024)
        o.asOf = CalendarDate(iso: asOf)
        o.xlsx = out.appendingPathComponent("county.xlsx")
        o.summary = out.appendingPathComponent("county.summary.json")
        _ = try! RollupJob.run(o)
        return try! Safety.summary(out)
    }()

    func workspace(_ name: String = #function) -> URL { Safety.workspace(self, name).inputs }

    func assertTotalsUnchanged(_ s: JSONValue, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(JSONWriter.write(s["totals"]!), JSONWriter.write(Self.baseline["totals"]!), "the county totals changed", file: file, line: line)
    }

    /// Off-roster entries (onRoster false) of the summary, by file.
    func offRoster(_ s: JSONValue) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for t in Safety.items(s["townships"]) where t["onRoster"] == .bool(false) { out[Safety.text(t["file"])] = t }
        return out
    }

    // MARK: - Another county

    /// 城关镇 of another county (its code, its county's name), published later than ours: under
    /// the name alone it would replace ours as a "correction".
    func testAnotherCountysTownshipOfTheSameNameIsListedNotCounted() throws {
        let inputs = workspace()
        let other = Self.with(Self.chengguan, [("unit.code", .string("640104100")), ("unit.county", .string("兴庆区")),
                                               ("publishedOn", .string("2025-01-30")), ("proactive.licensing.issued", .integer(999))])
        try Self.write(other, inputs, "zz-chengguan.json")
        let s = try rollup(inputs)
        let ours = Safety.townships(s)["城关镇"]
        XCTAssertEqual(Safety.text(ours?["file"]), "2024/chengguan.json")
        XCTAssertEqual(Safety.text(ours?["publishedOn"]), "2025-01-15")
        XCTAssertFalse(Safety.rules(ours).contains("duplicate"), "another county's report is no duplicate of ours")
        let listed = try XCTUnwrap(offRoster(s)["2024/zz-chengguan.json"], "another county's report must be listed")
        XCTAssertEqual(listed["counted"], .bool(false))
        let flag = try XCTUnwrap(Safety.items(listed["flags"]).first { Safety.text($0["rule"]) == "otherCounty" })
        XCTAssertEqual(Safety.text(flag["severity"]), "error")
        XCTAssertTrue(Safety.text(flag["message"]).contains("兴庆区"), Safety.text(flag["message"]))
        assertTotalsUnchanged(s)
    }

    /// Our own code with another county's name is still not ours to count.
    func testOurCodeWithAnotherCountysNameIsNotCounted() throws {
        let inputs = workspace()
        try Self.write(Self.with(Self.chengguan, [("unit.county", .string("贺兰县")), ("publishedOn", .string("2025-01-30"))]), inputs, "zz.json")
        let s = try rollup(inputs)
        XCTAssertEqual(Safety.text(Safety.townships(s)["城关镇"]?["file"]), "2024/chengguan.json")
        XCTAssertTrue(Safety.rules(offRoster(s)["2024/zz.json"]).contains("otherCounty"))
        assertTotalsUnchanged(s)
    }

    /// The county written without its 县, or after its province and city, is ours; 平罗区 is not.
    func testCountyNameVariants() {
        XCTAssertTrue(CountyName.same("平罗县", "平罗县"))
        XCTAssertTrue(CountyName.same("平罗", "平罗县"))
        XCTAssertTrue(CountyName.same(" 平罗县\u{200B}", "平罗县"))
        XCTAssertTrue(CountyName.same("宁夏回族自治区石嘴山市平罗县", "平罗县"))
        XCTAssertTrue(CountyName.same("石嘴山市平罗县", "平罗县"))
        XCTAssertTrue(CountyName.same("", "平罗县"))
        XCTAssertFalse(CountyName.same("平罗区", "平罗县"))
        XCTAssertFalse(CountyName.same("东平罗县", "平罗县"))
        XCTAssertFalse(CountyName.same("罗县", "平罗县"))
        XCTAssertFalse(CountyName.same("兴庆区", "平罗县"))
        XCTAssertTrue(CountyName.same("城区", "城区"))
        XCTAssertFalse(CountyName.same("城", "城区"), "a one-character stem is no county")
    }

    func testReportWithTheCountyWithoutItsSuffixIsCounted() throws {
        let inputs = workspace()
        try Self.write(Self.with(Self.chengguan, [("unit.county", .string("平罗"))]), inputs, "chengguan.json")
        let s = try rollup(inputs)
        XCTAssertEqual(Safety.townships(s)["城关镇"]?["counted"], .bool(true))
        assertTotalsUnchanged(s)
    }

    // MARK: - Code and name disagree

    /// The code is 姚伏镇's (which sent nothing), the name 城关镇's: counted for neither, both named.
    func testCodeOfOneTownshipNameOfAnotherIsAConflict() throws {
        let inputs = workspace()
        try Self.write(Self.with(Self.chengguan, [("unit.code", .string("640221104")), ("publishedOn", .string("2025-01-30"))]), inputs, "mixed.json")
        let s = try rollup(inputs)
        let t = Safety.townships(s)
        XCTAssertEqual(Safety.text(t["姚伏镇"]?["status"]), "missing")
        XCTAssertEqual(Safety.text(t["城关镇"]?["file"]), "2024/chengguan.json")
        let listed = try XCTUnwrap(offRoster(s)["2024/mixed.json"])
        XCTAssertEqual(listed["counted"], .bool(false))
        let flag = try XCTUnwrap(Safety.items(listed["flags"]).first { Safety.text($0["rule"]) == "identityConflict" })
        XCTAssertEqual(Safety.text(flag["severity"]), "error")
        let message = Safety.text(flag["message"])
        XCTAssertTrue(message.contains("姚伏镇") && message.contains("城关镇"), message)
        assertTotalsUnchanged(s)
    }

    /// 城关镇 by name with a code the roster does not give 城关镇: no falling back to the name.
    func testAnotherCodeDoesNotFallBackToTheName() throws {
        let inputs = workspace()
        try Self.write(Self.with(Self.chengguan, [("unit.code", .string("640221999")), ("publishedOn", .string("2025-01-30"))]), inputs, "other-code.json")
        let s = try rollup(inputs)
        XCTAssertEqual(Safety.text(Safety.townships(s)["城关镇"]?["file"]), "2024/chengguan.json")
        let listed = try XCTUnwrap(offRoster(s)["2024/other-code.json"])
        XCTAssertEqual(listed["counted"], .bool(false))
        XCTAssertTrue(Safety.rules(listed).contains("identityConflict"))
        assertTotalsUnchanged(s)
    }

    /// When the roster gives a township no code, its name still matches a report with a code.
    func testNameMatchesWhereTheRosterGivesNoCode() throws {
        let inputs = workspace()
        var roster = try String(contentsOf: inputs.appendingPathComponent("roster.csv"), encoding: .utf8)
        roster = roster.replacingOccurrences(of: "城关镇,640221100", with: "城关镇,")
        try roster.write(to: inputs.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let s = try rollup(inputs)
        XCTAssertEqual(Safety.text(Safety.townships(s)["城关镇"]?["file"]), "2024/chengguan.json")
        XCTAssertEqual(Safety.townships(s)["城关镇"]?["counted"], .bool(true))
    }

    // MARK: - roster.csv

    func rosterError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let url = Fixtures.scratch("roster").appendingPathComponent("roster.csv")
        try! Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        do {
            _ = try CountyFiles.readRoster(url)
            XCTFail("accepted: \(text)", file: file, line: line)
            return ""
        } catch { return "\(error)" }
    }

    func testDuplicateCodesNameBothLines() {
        let e = rosterError("name,code\n城关镇,640221100\n宝丰镇,640221102\n头闸镇,640221100\n")
        XCTAssertTrue(e.contains("640221100") && e.contains("lines 2 and 4"), e)
        let long = rosterError("name,code\n城关镇,640221100\n宝丰镇,640221100000\n")
        XCTAssertTrue(long.contains("lines 2 and 3"), long)
        let n = rosterError("name,code\n城关镇,640221100\n宝丰镇,640221102\n城关镇,640221103\n")
        XCTAssertTrue(n.contains("城关镇") && n.contains("lines 2 and 4"), n)
    }

    func testUnterminatedQuoteNamesItsLine() {
        let e = rosterError("name,code\n城关镇,640221100\n\"宝丰镇,640221102\n头闸镇,640221103\n姚伏镇,640221104\n")
        XCTAssertTrue(e.contains("line 3"), e)
        XCTAssertTrue(e.contains("quote"), e)
    }

    func testCodesMangledOrNotDigitsAreSetupErrors() {
        for bad in ["6.40221E+08", "64022", "6402211001234", "64O221100", "６４０２２１１００"] {
            let e = rosterError("name,code\n城关镇,640221100\n宝丰镇,\(bad)\n")
            XCTAssertTrue(e.contains("line 3") && e.contains("6 to 12 digits"), "\(bad): \(e)")
        }
        XCTAssertTrue(rosterError("name,code\n城关镇,6.40221E+08\n").contains("format the column as text"))
    }

    /// A name or code listed twice is a setup error naming both lines, however the second is
    /// written: with invisible characters, decomposed (NFD) where the first is composed, or a
    /// code in its 12-digit form.
    func testNamesAndCodesListedTwiceAreSetupErrors() {
        for (roster, what) in [("name,code\n城关镇,640221100\n宝丰镇,640221102\n城关镇,640221103\n", "城关镇"),
                               ("name,code\n城关镇,640221100\n宝丰镇,640221102\n\u{200B}城关镇\u{3000},640221103\n", "城关镇"),
                               ("name,code\nCafé乡,640221100\n宝丰镇,640221102\nCafe\u{301}乡,640221103\n", "Café乡"),
                               ("name,code\n城关镇,640221100\n宝丰镇,640221102\n头闸镇,640221100\n", "640221100"),
                               ("name,code\n城关镇,640221100\n宝丰镇,640221102\n头闸镇,640221100000\n", "640221100000")] {
            let e = rosterError(roster)
            XCTAssertTrue(e.contains("lines 2 and 4") && e.contains(what), "\(roster.debugDescription): \(e)")
        }
    }

    /// Line numbers stay right after a quoted field that spans lines.
    func testLineNumbersCountPhysicalLines() {
        let e = rosterError("name,code\n\"城关\n镇\",640221100\n宝丰镇,x\n")
        XCTAssertTrue(e.contains("line 4"), e)
    }

    /// Invisible characters pasted with a roster name (zero-width space, BOM, no-break and
    /// ideographic spaces) are stripped, as they are from report names.
    func testInvisibleCharactersAreStrippedFromRosterNames() throws {
        let inputs = workspace()
        let roster = try String(contentsOf: inputs.appendingPathComponent("roster.csv"), encoding: .utf8)
            .replacingOccurrences(of: "城关镇,", with: "\u{200B}城关镇\u{FEFF},")
            .replacingOccurrences(of: "宝丰镇,", with: "\u{00A0}宝丰镇\u{3000},")
            .replacingOccurrences(of: "头闸镇,", with: "头\u{200B}闸镇,")
            .replacingOccurrences(of: "640221106", with: "\u{3000}640221106\u{00A0}")
        try roster.write(to: inputs.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let entries = try CountyFiles.readRoster(inputs.appendingPathComponent("roster.csv"))
        XCTAssertEqual(entries.map(\.name).prefix(4), ["城关镇", "黄渠桥镇", "宝丰镇", "头闸镇"])
        XCTAssertEqual(entries[6].code, "640221106")
        let s = try rollup(inputs)
        let expected = Dictionary(uniqueKeysWithValues: Safety.items(Self.baseline["townships"]).map { (Safety.text($0["name"]), Safety.text($0["status"])) })
        let got = Dictionary(uniqueKeysWithValues: Safety.items(s["townships"]).map { (Safety.text($0["name"]), Safety.text($0["status"])) })
        XCTAssertEqual(got, expected)
        assertTotalsUnchanged(s)
    }

    /// A roster that matches nothing and does not look like townships (columns swapped): warned.
    func testRosterMatchingNothingIsWarnedAbout() throws {
        let (_, inputs, out) = Safety.workspace(self)
        // Columns swapped: the codes are refused outright.
        try "name,code\n640221100,城关镇\n640221101,黄渠桥镇\n".write(to: inputs.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try Safety.run(Safety.arguments(inputs, out)).status, 1)
        // Another list altogether (the office's staff): a warning beside the run.
        try "name,code\n张三,\n李四,\n城关镇,\n".write(to: inputs.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2024/chengguan.json"))
        let r = try Safety.run(Safety.arguments(inputs, out))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("nianbao: warning: roster.csv matches none"), r.err)
        XCTAssertTrue(r.err.contains("张三"), r.err)
        // The bundled roster matches: no warning.
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("roster.csv"))
        try FileManager.default.copyItem(at: Fixtures.inputs.appendingPathComponent("roster.csv"), to: inputs.appendingPathComponent("roster.csv"))
        XCTAssertFalse(try Safety.run(Safety.arguments(inputs, out)).err.contains("nianbao: warning"))
    }

    func testRosterProblemsStopTheRunWithExitOne() throws {
        let (_, inputs, out) = Safety.workspace(self)
        try "name,code\n城关镇,640221100\n宝丰镇,640221100\n".write(to: inputs.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let r = try Safety.run(Safety.arguments(inputs, out))
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("roster.csv: line 3: code 640221100 is listed twice (lines 2 and 3)"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    // MARK: - county.json

    func testMisspeltOrWrongTypedSettingsAreSetupErrors() throws {
        let cases: [(String, String)] = [
            (#"{"name": "平罗县", "code": "640221", "suspectChangeFacter": 3}"#, "suspectChangeFacter"),
            (#"{"name": "平罗县", "code": 640221}"#, "code"),
            (#"{"name": "平罗县", "code": "640221", "Deadline": "02-28"}"#, "Deadline"),
            (#"{"name": "平罗县", "code": "640221", "copiedThreshold": 0.5, "copiedThreshold": 0.9}"#, "copiedThreshold"),
            (#"{"name": ["平罗县"], "code": "640221"}"#, "name"),
            (#"{"name": "平罗县", "code": "640221", "perfunctoryMinimumLength": "50"}"#, "perfunctoryMinimumLength"),
        ]
        for (json, key) in cases {
            let (_, inputs, out) = Safety.workspace(self)
            try json.write(to: inputs.appendingPathComponent("county.json"), atomically: true, encoding: .utf8)
            let r = try Safety.run(Safety.arguments(inputs, out))
            XCTAssertEqual(r.status, 1, "\(json): \(r.err)")
            XCTAssertTrue(r.err.contains("county.json: \(key):"), "\(json): \(r.err)")
        }
    }

    // MARK: - Rejected files that say whose they are

    /// Files named anything, rejected after `unit` was read (a wrong year, a bad cell): their
    /// townships are unreadable, not missing.
    func testRejectedFileWithReadableUnitMakesItsTownshipUnreadable() throws {
        let inputs = workspace()
        let yaofu = Self.with(Self.chengguan, [("unit.name", .string("姚伏镇")), ("unit.code", .string("640221104")), ("year", .integer(2023))])
        try Self.write(yaofu, inputs, "report-a.json")
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2024/touzha.json"))
        let touzha = Self.with(Self.chengguan, [("unit.name", .string("头闸镇")), ("unit.code", nil), ("requests.received.naturalPerson", .integer(-3))])
        try Self.write(touzha, inputs, "b.json")
        let s = try rollup(inputs)
        let t = Safety.townships(s)
        XCTAssertEqual(Safety.text(t["姚伏镇"]?["status"]), "unreadable")
        XCTAssertEqual(Safety.text(t["姚伏镇"]?["file"]), "2024/report-a.json")
        XCTAssertEqual(Safety.text(t["头闸镇"]?["status"]), "unreadable")
        XCTAssertEqual(Safety.text(t["头闸镇"]?["file"]), "2024/b.json")
        XCTAssertEqual(Safety.text(t["崇岗镇"]?["status"]), "unreadable", "by file name, as before")
    }

    /// Cut short after its `unit` (a failed upload): the unit still says whose it is.
    func testTruncatedFileWithAWholeUnitMakesItsTownshipUnreadable() throws {
        let inputs = workspace()
        let yaofu = Self.with(Self.chengguan, [("unit.name", .string("姚伏镇")), ("unit.code", .string("640221104"))])
        let text = JSONWriter.write(yaofu)
        let cut = text.range(of: "\"requests\"")!.lowerBound
        try Data(text[..<cut].utf8).write(to: inputs.appendingPathComponent("2024/upload.json"))
        // And one cut inside its unit: no identity, and a name that names nobody: still missing.
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2024/huangquqiao.json"))
        let huang = JSONWriter.write(Self.with(Self.chengguan, [("unit.name", .string("黄渠桥镇")), ("unit.code", .string("640221101"))]))
        try Data(huang[..<huang.range(of: "\"county\"")!.lowerBound].utf8).write(to: inputs.appendingPathComponent("2024/upload2.json"))
        let s = try rollup(inputs)
        XCTAssertEqual(Safety.text(Safety.townships(s)["姚伏镇"]?["status"]), "unreadable")
        XCTAssertEqual(Safety.text(Safety.townships(s)["姚伏镇"]?["file"]), "2024/upload.json")
        XCTAssertEqual(Safety.text(Safety.townships(s)["黄渠桥镇"]?["status"]), "missing")
    }

    func testTwelveDigitCodeIsTheNineDigitOnePlusZeros() throws {
        let inputs = workspace()
        try Self.write(Self.with(Self.chengguan, [("unit.code", .string("640221100000"))]), inputs, "chengguan.json")
        let s = try rollup(inputs)
        XCTAssertEqual(Safety.townships(s)["城关镇"]?["counted"], .bool(true))
        XCTAssertFalse(Safety.items(s["townships"]).contains { Safety.rules($0).contains("identityConflict") })
        assertTotalsUnchanged(s)
    }

    /// A file named after one township whose unit names another: the unit decides.
    func testTheUnitWinsOverTheFileName() throws {
        let inputs = workspace()
        let yaofu = Self.with(Self.chengguan, [("unit.name", .string("姚伏镇")), ("unit.code", .string("640221104")), ("year", .integer(2023))])
        try Self.write(yaofu, inputs, "城关镇-copy.json")
        let s = try rollup(inputs)
        XCTAssertEqual(Safety.text(Safety.townships(s)["姚伏镇"]?["status"]), "unreadable")
        XCTAssertEqual(Safety.text(Safety.townships(s)["城关镇"]?["status"]), "onTime")
    }

    /// Issue 14: 3,000 townships whose files are all rejected, matched through an index built
    /// once (the old search was townships × files).
    func testThousandsOfRejectedFilesAreMatchedToTheirTownships() {
        let n = 3_000
        let county = County(name: "测试县", code: "999999", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        var roster: [RosterEntry] = [], rejected: [Rejection] = []
        for i in 0..<n {
            let name = "第\(i)号镇", code = String(format: "999999%03d", i % 1000) + String(i / 1000)
            roster.append(RosterEntry(name: name, code: code))
            switch i % 3 {
            case 0: rejected.append(Rejection(file: "2024/\(name)年报.json", path: "", message: "bad"))
            case 1: rejected.append(Rejection(file: "2024/r\(code).json", path: "", message: "bad"))
            default: rejected.append(Rejection(file: "2024/x\(i).json", path: "year", message: "bad", unit: Unit(name: name, code: nil, county: "测试县")))
            }
        }
        // One file nobody's: it makes nobody unreadable.
        rejected.append(Rejection(file: "2024/zzz.json", path: "", message: "bad"))
        let load = YearLoad(year: 2024, accepted: [], rejected: rejected, bytesRead: 0)
        let r = Rollup.match(county: county, roster: roster, current: load, previous: nil, asOf: CalendarDate(iso: "2025-03-02")!)
        XCTAssertEqual(r.townships.count, n)
        XCTAssertTrue(r.townships.allSatisfy { $0.status == .unreadable }, "\(r.townships.filter { $0.status != .unreadable }.prefix(3).map(\.name))")
        for (i, t) in r.townships.enumerated() { XCTAssertEqual(t.file, rejected[i].file) }
        XCTAssertEqual(r.rejected.count, n + 1)
    }

    // MARK: - Publication dates

    func testImplausibleDateNeverWinsADuplicate() throws {
        let inputs = workspace()
        try Self.write(Self.with(Self.chengguan, [("publishedOn", .string("2035-01-15")), ("proactive.licensing.issued", .integer(999))]), inputs, "zz-typo.json")
        let s = try rollup(inputs)
        let t = Safety.townships(s)
        XCTAssertEqual(Safety.text(t["城关镇"]?["file"]), "2024/chengguan.json")
        let dup = Safety.items(t["城关镇"]?["flags"]).first { Safety.text($0["rule"]) == "duplicate" }
        XCTAssertTrue(Safety.text(dup?["message"]).contains("日期可信"), Safety.text(dup?["message"]))
        assertTotalsUnchanged(s)
        // A plausible later date is still a correction (渠口乡's bundled pair).
        XCTAssertEqual(Safety.text(t["渠口乡"]?["file"]), "2024/qukou-corrected.json")
    }

    func testAYearsLateDateIsSuspectAndLoses() {
        let county = County(name: "平罗县", code: "640221", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let deadline = county.deadline(for: 2024), asOf = CalendarDate(iso: "2030-01-01")!
        func report(_ file: String, _ date: String) -> Report {
            var r = try! ReportDecoder.decode(IdentityTests.chengguan, file: file, options: DecodeOptions(expectedYear: 2024, timeZone: county.timeZone)).get()
            r.publishedOn = CalendarDate(iso: date)
            return r
        }
        let far = report("2024/a.json", "2029-06-01"), near = report("2024/b.json", "2025-01-20")
        let t = Rollup.choose(county: county, year: 2024, deadline: deadline, asOf: asOf, name: "城关镇", code: nil,
                              standing: .township(0), reports: [far, near], previous: nil)
        XCTAssertEqual(t.file, "2024/b.json")
        let alone = Rollup.choose(county: county, year: 2024, deadline: deadline, asOf: asOf, name: "城关镇", code: nil,
                                  standing: .township(0), reports: [far], previous: nil)
        XCTAssertTrue(alone.flags.contains { $0.rule == .suspect && $0.path == "publishedOn" })
    }

    func testSameDateIsSettledByFileNameAndSaysSo() throws {
        let inputs = workspace()
        try Self.write(Self.with(Self.chengguan, [("proactive.licensing.issued", .integer(999))]), inputs, "chengguan-2.json")
        let s = try rollup(inputs)
        let t = Safety.townships(s)["城关镇"]
        // "chengguan.json" sorts after "chengguan-2.json" byte by byte ('.' > '-').
        XCTAssertEqual(Safety.text(t?["file"]), "2024/chengguan.json")
        let dup = Safety.items(t?["flags"]).first { Safety.text($0["rule"]) == "duplicate" }
        let message = Safety.text(dup?["message"])
        XCTAssertTrue(message.contains("发布日期相同") && message.contains("文件名") && message.contains("chengguan.json"), message)
        // The same whichever order the files are found in: the run is deterministic. (The first
        // run's summary.json goes first, or the second would report what changed since it.)
        try FileManager.default.removeItem(at: inputs.deletingLastPathComponent().appendingPathComponent("out/county.summary.json"))
        XCTAssertEqual(JSONWriter.write(try rollup(inputs)), JSONWriter.write(s))
    }
}
