@testable import Aggregate
import Foundation
import StrictJSON
import TestSupport
import XCTest

/// The fast path must give exactly what the full decoder gives, or give up.
final class FastDecoderTests: XCTestCase {
    let options2024 = DecodeOptions(expectedYear: 2024, timeZone: TestReports.shanghai)

    static var repository: URL { Repository.root }

    func compare(_ bytes: [UInt8], file: String, options: DecodeOptions, line: UInt = #line) -> Bool {
        let full = ReportDecoder.decodeFully(bytes: bytes, file: file, options: options)
        guard let fast = FastDecoder.decode(bytes, file: file, options: options) else { return false }
        guard case .success(let report) = full else {
            XCTFail("fast path accepted what the full decoder rejects: \(file)", line: line)
            return true
        }
        XCTAssertEqual(fast, report, file, line: line)
        return true
    }

    /// Strings are scanned eight bytes at a time (`FastDecoder.Skip`): a quote, an escape (good
    /// or bad), a control character, invalid or valid UTF-8 at every offset modulo 8 (and past
    /// the last whole word), in an unknown value, deep in one, as an unknown key and in a known
    /// string: the fast path takes what the full decoder takes, with the same report, and gives up
    /// on what it rejects.
    func testStringsScannedByWordsAgreeAtEveryOffset() throws {
        let hazards: [(String, [UInt8], Bool)] = [
            ("plain", Array("abc".utf8), true), ("CJK", Array("公开信息".utf8), true), ("emoji", Array("😀".utf8), true),
            ("escaped quote", Array("\\\"".utf8), true), ("escaped backslash", Array("\\\\".utf8), true),
            ("escaped n", Array("\\n".utf8), true), ("\\u escape", Array("\\u516c".utf8), true),
            ("surrogate pair", Array("\\ud83d\\ude00".utf8), true),
            ("lone surrogate", Array("\\udc00".utf8), false), ("bad escape", Array("\\x".utf8), false),
            ("short \\u", Array("\\u12z".utf8), false), ("tab", [0x09], false), ("NUL", [0x00], false), ("0x1F", [0x1F], false),
            ("DEL", [0x7F], true), ("truncated CJK", [0xE5, 0x85], false), ("lone continuation", [0x80], false),
            ("overlong", [0xC0, 0xAF], false), ("FF", [0xFF], false), ("CJK then bad", Array("公".utf8) + [0xE5], false),
            ("escape after CJK", Array("公\\t开".utf8), true), ("bad after escape", Array("\\t".utf8) + [0xC3], false),
        ]
        let where_: [(String, String)] = [("remarks", "unknown value"), ("remarks.deep", "deep in an unknown value"),
                                          ("narrative.problems", "known string")]
        var fast = 0, agreed = 0
        for (name, raw, valid) in hazards {
            for offset in 0..<19 {
                let filler = Array(String(repeating: "a", count: offset).utf8)
                let tail = Array(String(repeating: "b", count: (offset * 5) % 11).utf8)
                for (dotted, what) in where_ {
                    var v = CleanReport.report
                    if dotted == "remarks.deep" {
                        v = CleanReport.with(v, "remarks", .object([("x", .array([.integer(1), .object([("y", .string("@@"))])]))]))
                    } else {
                        v = CleanReport.with(v, dotted, .string("@@"))
                    }
                    let bytes = CleanReport.splice(v, filler + raw + tail)
                    let file = "\(name) at \(offset), \(what)"
                    let full = ReportDecoder.decodeFully(bytes: bytes, file: "2024/t.json", options: options2024)
                    if case .success = full { XCTAssertTrue(valid, file) } else { XCTAssertFalse(valid, file) }
                    if compare(bytes, file: "2024/t.json", options: options2024) { fast += 1 }
                    if case .success = full { agreed += 1 }
                }
                // As an unknown key's name: the fast path gives up on an escape there, and the
                // writer escapes DEL as it does control characters.
                let key = String(decoding: filler + raw + tail, as: UTF8.self)
                if !raw.contains(0x5C), String(validating: filler + raw + tail, as: UTF8.self) != nil, !raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                    let bytes = CleanReport.bytes(CleanReport.with(CleanReport.report, "remarks", .object([(key, .integer(1)), ("z", .null)])))
                    XCTAssertTrue(compare(bytes, file: "2024/t.json", options: options2024), "\(name) at \(offset) in a key")
                }
            }
        }
        // Every file the full decoder takes, the fast path takes (escapes in known strings too).
        XCTAssertEqual(fast, agreed)
        // Nesting in an unknown value: up to 32 levels on the fast path (its values a level down,
        // a scalar too), deeper by the full decoder, which must agree.
        var taken: [String] = []
        for depth in 28..<36 {
            for (inner, label) in [("", "empty"), ("1", "scalar"), ("{}", "object")] {
                let text = String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
                let bytes = CleanReport.splice(CleanReport.with(CleanReport.report, "remarks", .string("@@")), Array(text.utf8))
                    .replacing(Array("\"\(text)\"".utf8), with: Array(text.utf8))
                if compare(bytes, file: "2024/t.json", options: options2024) { taken.append("\(depth) \(label)") }
            }
        }
        XCTAssertEqual(taken, ["28 empty", "28 scalar", "28 object", "29 empty", "29 scalar", "29 object", "30 empty", "30 scalar",
                               "30 object", "31 empty", "31 scalar", "31 object", "32 empty"])
    }

    func testFuzzerFindingsDecodeTheSameEitherWay() throws {
        let folder = Self.repository.appendingPathComponent("Tests/Corpus/fuzz")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let options = DecodeOptions(expectedYear: nil, timeZone: TestReports.shanghai)
            if case .failure = ReportDecoder.decodeFully(bytes: bytes, file: name, options: options) {
                XCTAssertNil(FastDecoder.decode(bytes, file: name, options: options), "\(name): the fast path must give up")
            } else {
                _ = compare(bytes, file: name, options: options)
            }
        }
    }

    func testBundledInputsDecodeTheSameEitherWay() throws {
        var fastCount = 0
        for year in [2023, 2024] {
            // 2024's reports as JSON are the twins of the published ones (inputs/json/2024).
            let folder = Self.repository.appendingPathComponent(year == 2024 ? "inputs/json/2024" : "inputs/\(year)")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
                let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
                if compare(bytes, file: "\(year)/\(name)", options: DecodeOptions(expectedYear: year, timeZone: TestReports.shanghai)) {
                    fastCount += 1
                }
            }
        }
        // The complete, clean reports (all of 2023 and most of 2024) take the fast path.
        XCTAssertGreaterThanOrEqual(fastCount, 20)
        let chengguan = [UInt8](try Data(contentsOf: Self.repository.appendingPathComponent("inputs/json/2024/chengguan.json")))
        XCTAssertNotNil(FastDecoder.decode(chengguan, file: "x", options: options2024))
    }

    func testAnythingUnusualFallsBackToTheFullDecoder() throws {
        let base = TestReports.json(cells: ["proactive.feesTenThousandYuan": 0, "requests.received.total": 3])
        XCTAssertTrue(compare(Array(base.utf8), file: "b", options: options2024))
        let variants: [String] = [
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3.5"),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 35e-1"),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3.0e10"),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": -3"),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": \"3\""),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3, \"total\": 4"),
            base.replacingOccurrences(of: "\"edition\": \"2021\"", with: "\"edition\": \"2019\""),
            base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2023"),
            base + "x",
            // A non-ASCII key twice (NFC and NFD spellings are one key to the parser).
            base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2024, \"备注\": 1, \"备注\": 2"),
            base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2024, \"\u{E9}\": 1, \"e\u{301}\": 2"),
            // Found by the fuzzer: "2." is not JSON; the fast path once read it as 2.
            base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 2."),
            base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 02"),
            base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1e"),
            String(base.dropLast(40)),
            // Deeper than the parser's 64 levels: both refuse it.
            base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2024, \"meta\": " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)),
        ]
        for v in variants {
            XCTAssertNil(FastDecoder.decode(Array(v.utf8), file: "v", options: options2024), v.suffix(200).description)
        }
        // Values the fast path does take are the full decoder's.
        let nested = "\"year\": 2024, \"meta\": " + String(repeating: "{\"a\": ", count: 10) + "1" + String(repeating: "}", count: 10)
        let taken: [String] = [base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 12.345"),
                  // A whole number written as a decimal or in exponent form, as spreadsheet exports write counts.
                  base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3.0"),
                  base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 0.3e1"),
                  base.replacingOccurrences(of: "\"schemaVersion\": 1", with: "\"schemaVersion\": 1.00"),
                  // Found in review: leading zeros in an exponent once made it "absurd" in both decoders.
                  base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1e+000000001"),
                  base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 125E-0000000002"),
                  base.replacingOccurrences(of: "\"publishedOn\": \"2025-01-20\"", with: "\"publishedOn\": \"2025-01-31T16:30:00Z\""),
                  // Unknown keys are skipped and noted as the full decoder notes them.
                  base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3, \"extra\": 4"),
                  base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2024, \"x\": [1, -2.5e3, {\"a\": [true, null]}], \"y\": \"s\""),
                  // Unknown keys named in Chinese, as a county's own export adds them.
                  base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2024, \"备注\": \"x\", \"填报人\": {\"姓名\": \"张三\", \"电话\": 1}"),
                  // \u escapes, as tools that escape every non-ASCII character write them.
                  base.replacingOccurrences(of: "\"name\": \"城关镇\"", with: "\"name\": \"\\u57CE关镇\\ud83d\\ude00\""),
                  base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2024, \"sourceUrl\": \"a\\bb\\f\\u0041\""),
                  // An export tool's metadata nested ten levels.
                  base.replacingOccurrences(of: "\"year\": 2024", with: nested),
                  // Null is absent wherever a key is optional: the fast path reads it too.
                  base.replacingOccurrences(of: "\"publishedOn\": \"2025-01-20\"", with: "\"publishedOn\": null"),
                  base.replacingOccurrences(of: "\"edition\": \"2021\"", with: "\"edition\": null"),
                  base.replacingOccurrences(of: "\"name\": \"城关镇\"", with: "\"name\": \" 城关镇\\t\"")]
        for v in taken {
            XCTAssertTrue(compare(Array(v.utf8), file: "v", options: options2024), v)
        }
    }

    /// JSONParser.isValidUTF8 (what the fast path checks strings it passes over with) judges
    /// bytes as Swift's own validation does: random bytes, biased to the edges of UTF-8's ranges.
    func testUTF8CheckAgreesWithSwift() {
        var random = SeededRandom(state: 0x5EED_0F_0B17E5)
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                              0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        let samples = ["镇", "😀", "a", "\u{10FFFF}", "\u{FFFD}", "\u{0800}", "\u{07FF}"].map { Array($0.utf8) }
        for _ in 0..<100_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.append(edges.randomElement(using: &random)!)
                case 1: bytes.append(UInt8.random(in: 0...255, using: &random))
                default: bytes += samples.randomElement(using: &random)!
                }
            }
            let swift = String(validating: bytes, as: UTF8.self) != nil
            bytes.withUnsafeBufferPointer { XCTAssertEqual(JSONParser.isValidUTF8($0), swift, "\(bytes)") }
        }
    }

    func testExponentWithLeadingZerosDecodesTheSameEitherWay() throws {
        let base = TestReports.json(cells: ["proactive.feesTenThousandYuan": 0, "requests.received.total": 3])
        let fee = base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1e+000000001")
        let fast = try XCTUnwrap(FastDecoder.decode(Array(fee.utf8), file: "f", options: options2024), "the fast path takes an amount in exponent form")
        XCTAssertEqual(fast.value("proactive.feesTenThousandYuan"), 10_000_000)
        XCTAssertTrue(compare(Array(fee.utf8), file: "f", options: options2024))
        // A count in exponent form is read by the full decoder's rule on both paths: 500.
        let count = base.replacingOccurrences(of: "\"licensing\": 0", with: "\"licensing\": 5E00000000002")
        XCTAssertEqual(FastDecoder.decode(Array(count.utf8), file: "c", options: options2024)?.value("proactive.licensing"), 500)
        guard case .success(let full) = ReportDecoder.decodeFully(bytes: Array(count.utf8), file: "c", options: options2024) else {
            return XCTFail("5E00000000002 is the whole number 500")
        }
        XCTAssertEqual(full.value("proactive.licensing"), 500)
        XCTAssertTrue(compare(Array(count.utf8), file: "c", options: options2024))
        // Over the amount cap, however written: both decoders refuse it, with one message.
        let over = base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1.0000001e+0000007")
        XCTAssertNil(FastDecoder.decode(Array(over.utf8), file: "o", options: options2024))
        guard case .failure(let rejection) = ReportDecoder.decode(bytes: Array(over.utf8), file: "o", options: options2024) else {
            return XCTFail("10000001 万元 is over the cap")
        }
        XCTAssertEqual(rejection.line,
                       "o: proactive.feesTenThousandYuan: expected an amount ≥ 0 (a number with at most 6 decimal places) and ≤ 10000000, found 1.0000001e+0000007")
    }

    // MARK: - Every valid report, any subset of optional keys, any order

    /// A JSON document built in the test, so that key order and white space are ours to choose.
    indirect enum Doc {
        case raw(String)
        case object([(String, Doc)])

        func render(_ rng: inout TestRNG, pretty: Bool) -> String {
            switch self {
            case .raw(let text): return text
            case .object(let members):
                if members.isEmpty { return "{}" }
                let sep = pretty ? ",\n  " : (rng.chance(0.3) ? ", " : ",")
                let colon = pretty || rng.chance(0.5) ? ": " : ":"
                return (pretty ? "{\n  " : "{") + members.map { "\"\($0.0)\"\(colon)\($0.1.render(&rng, pretty: pretty))" }
                    .joined(separator: sep) + (pretty ? "\n}" : "}")
            }
        }
    }

    /// SplitMix64 (TestSupport's), seeded: the same reports on every run.
    struct TestRNG {
        var seeded: SeededRandom
        init(state: UInt64) { seeded = SeededRandom(state: state) }
        mutating func next() -> UInt64 { seeded.next() }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) * 0x1.0p-53 < p }
        mutating func shuffled<T>(_ a: [T]) -> [T] {
            var a = a
            for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(i + 1)) }
            return a
        }
    }

    static func doc(_ v: JSONValue, _ rng: inout TestRNG) -> Doc {
        switch v {
        case .object(let m): return .object(rng.shuffled(m.map { ($0.0, doc($0.1, &rng)) }))
        case .integer(let n): return .raw(String(n))
        case .number(let t): return .raw(t)
        case .string(let s):
            // Some tools escape every non-ASCII character (Python's json.dump by default).
            if rng.chance(0.2) {
                var out = "\""
                for u in s.utf16 {
                    switch u {
                    case 0x22: out += "\\\""
                    case 0x5C: out += "\\\\"
                    case 0x20..<0x7F: out += String(UnicodeScalar(UInt8(u)))
                    default: out += String(format: "\\u%04x", u)
                    }
                }
                return .raw(out + "\"")
            }
            return .raw(JSONWriter.write(.string(s)).trimmingCharacters(in: .whitespacesAndNewlines))
        case .null: return .raw("null")
        case .bool(let b): return .raw(b ? "true" : "false")
        case .array(let items): return .raw("[" + items.map { doc($0, &rng).render(&rng, pretty: false) }.joined(separator: ",") + "]")
        }
    }

    /// A valid report: every optional key absent, null or given at random, every object's keys
    /// in a random order, the figures random, the prose with escapes.
    static func randomReport(_ rng: inout TestRNG) -> String {
        var values = [Int64](repeating: 0, count: Catalog.cellCount)
        for i in values.indices {
            values[i] = Catalog.cells[i].kind == .tenThousandYuan ? Int64(rng.int(5_000)) * [1, 10_000, 1_000_000][rng.int(3)]
                : (rng.chance(0.5) ? 0 : Int64(rng.int(rng.chance(0.1) ? 1_000_000_000 : 500)))
        }
        guard case .object(let sections) = Summary.sections(values) else { fatalError() }
        func maybe(_ p: Double = 0.5) -> Bool { rng.chance(p) }
        func nullOr(_ v: JSONValue) -> JSONValue { rng.chance(0.3) ? .null : v }
        var top: [(String, JSONValue)] = [("schemaVersion", .integer(1)), ("year", .integer(2024))]
        if maybe() { top.append(("edition", nullOr(.string("2021")))) }
        var unit: [(String, JSONValue)] = [("name", .string(["城关镇", "黄渠桥镇", " 宝丰镇\t", "Å镇"][rng.int(4)])),
                                           ("county", .string(["平罗县", "", "平罗县 "][rng.int(3)]))]
        if maybe() { unit.append(("code", nullOr(.string(["640221100", "640221100123", " 640221101 "][rng.int(3)])))) }
        top.append(("unit", .object(unit)))
        if maybe(0.8) { top.append(("publishedOn", nullOr(.string(["2025-01-20", "2025-01-31T16:30:00Z", "2025-02-03 09:00"][rng.int(3)])))) }
        if maybe(0.7) { top.append(("sourceUrl", nullOr(.string(["http://www.example.gov.cn/a/b.html", "", "http://x/\"q\"\\1"][rng.int(3)])))) }
        for (key, section) in sections {
            guard key == "overview", case .object(let figures) = section else { top.append((key, section)); continue }
            if maybe(0.2) { continue }
            // 一's figures: a random subset, some null (the seed states 5 of 8).
            top.append((key, .object(figures.filter { _ in maybe(0.6) }.map { ($0.0, maybe(0.15) ? .null : $0.1) })))
        }
        if maybe(0.8) {
            let texts = ["本年度共收到政府信息公开申请3件。", "第一段\n第二段\t“引号”\"和\\反斜杠/", "", String(repeating: "镇政府加强政务公开。", count: 300)]
            var parts: [(String, JSONValue)] = []
            for k in NarrativeKey.allCases.map(\.name) where maybe(0.7) {
                parts.append((k, nullOr(.string(texts[rng.int(texts.count)]))))
            }
            top.append(("narrative", maybe(0.1) ? .null : .object(parts)))
        }
        if maybe() { top.append(("informationProcessingFeeYuan", nullOr([.integer(0), .integer(120), .number("35.5")][rng.int(3)]))) }
        // An export tool's extra fields, here and there, sometimes more than are listed one by one.
        if maybe(0.2) {
            let extras: [JSONValue] = [.integer(-3), .string("附加"), .null, .bool(true), .number("1.5e-3"),
                                       .object([("a", .array([.integer(1), .object([("b", .null)])]))]), .array([])]
            for k in 0..<rng.int(30) {
                let value = extras[rng.int(extras.count)]
                switch rng.int(4) {
                case 0: top.append(("extra\(k)", value))
                case 1:
                    if let s = top.firstIndex(where: { $0.0 == "requests" }), case .object(var m) = top[s].1 {
                        if case .object(var row) = m[0].1 { row.append(("extra\(k)", value)); m[0].1 = .object(row) }
                        top[s].1 = .object(m)
                    }
                case 2:
                    if let s = top.firstIndex(where: { $0.0 == "unit" }), case .object(var m) = top[s].1 {
                        m.append(("extra\(k)", value)); top[s].1 = .object(m)
                    }
                default:
                    if let s = top.firstIndex(where: { $0.0 == "narrative" }), case .object(var m) = top[s].1 {
                        m.append(("extra\(k)", value)); top[s].1 = .object(m)
                    }
                }
            }
        }
        return doc(.object(top), &rng).render(&rng, pretty: rng.chance(0.5)) + (rng.chance(0.5) ? "\n" : "")
    }

    /// One malformed or unusual change to a valid report: a wrong value, a repeated or unknown
    /// key, a cut, a missing cell, a wrong year.
    static func mutate(_ text: String, _ rng: inout TestRNG) -> String {
        var bytes = Array(text.utf8)
        // Positions just after a ':' (a value starts there).
        let colons = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") && $0 + 1 < bytes.count }
        let at = colons.isEmpty ? 0 : colons[rng.int(colons.count)] + 1
        switch rng.int(11) {
        case 0: bytes.insert(contentsOf: Array(" -1,\"x\":".utf8), at: at)
        case 1: bytes.insert(contentsOf: Array(" \"7\",\"y\":".utf8), at: at)
        case 2: bytes.insert(contentsOf: Array(" 1.5,\"z\":".utf8), at: at)
        case 3: bytes.removeLast(rng.int(bytes.count))
        case 4: // a key repeated
            if let brace = bytes.firstIndex(of: UInt8(ascii: "{")) { bytes.insert(contentsOf: Array("\"year\":2024,".utf8), at: brace + 1) }
        case 5: // an unknown key, accepted with a warning by the full decoder
            if let brace = bytes.lastIndex(of: UInt8(ascii: "{")) { bytes.insert(contentsOf: Array("\"extraKey\":[1,{\"a\":null}],".utf8), at: brace + 1) }
        case 6: return text.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2023").replacingOccurrences(of: "\"year\":2024", with: "\"year\":2023")
        case 7: // a cell of Section 三 dropped (incomplete)
            return text.replacingOccurrences(of: "\"legalService\": ", with: "\"legalServices\": ")
                .replacingOccurrences(of: "\"legalService\":", with: "\"legalServices\":")
        case 8: bytes.insert(contentsOf: Array(" null,\"w\":".utf8), at: at)
        case 9: bytes.insert(contentsOf: Array(" \"\\ud800x\",\"v\":".utf8), at: at)   // a lone surrogate
        default: bytes.insert(contentsOf: Array(" \"\\u12G4\",\"v\":".utf8), at: at)   // not hex
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Valid reports with random subsets of the optional keys, in random orders: the fast path
    /// takes every one and gives exactly the full decoder's report; malformed mutations of them
    /// give the same result (report or rejection) through `decode(bytes:)` as through the full
    /// decoder alone.
    func testEveryValidReportTakesTheFastPathAndAgrees() throws {
        var rng = TestRNG(state: 20_261_201)
        let options = DecodeOptions(expectedYear: 2024, timeZone: TestReports.shanghai)
        let n = 2_000
        var fast = 0, mutated = 0, mutatedFast = 0, withUnknown = 0
        var shapes = Set<String>()
        for k in 0..<n {
            let text = Self.randomReport(&rng)
            let bytes = Array(text.utf8)
            guard case .success(let full) = ReportDecoder.decodeFully(bytes: bytes, file: "r\(k)", options: options) else {
                return XCTFail("the full decoder rejects a valid report:\n\(text)")
            }
            XCTAssertTrue(full.notes.allSatisfy { $0.rule == .unknownKey }, text)
            if !full.notes.isEmpty { withUnknown += 1 }
            if let report = FastDecoder.decode(bytes, file: "r\(k)", options: options) {
                fast += 1
                XCTAssertEqual(report, full, text)
            } else {
                XCTFail("the fast path gave up on a valid report:\n\(text)")
            }
            shapes.insert("\(full.present[0..<8].filter { $0 }.count) \(full.sourceUrl == nil) \(full.narrative.isGiven) \(full.informationProcessingFeeYuan == nil) \(full.has(.overview))")

            let bad = Self.mutate(text, &rng)
            let badBytes = Array(bad.utf8)
            let reference = ReportDecoder.decodeFully(bytes: badBytes, file: "m\(k)", options: options)
            XCTAssertEqual(ReportDecoder.decode(bytes: badBytes, file: "m\(k)", options: options), reference, bad)
            if let report = FastDecoder.decode(badBytes, file: "m\(k)", options: options) {
                mutatedFast += 1
                XCTAssertEqual(.success(report), reference, bad)
            }
            if case .failure = reference { mutated += 1 } else if case .success(let r) = reference, !r.notes.isEmpty { mutated += 1 }
        }
        XCTAssertEqual(fast, n, "the fast path takes every valid report")
        XCTAssertGreaterThan(shapes.count, 40, "the reports vary in which optional keys they give")
        XCTAssertGreaterThan(withUnknown, n / 10, "some reports carry unknown keys")
        XCTAssertGreaterThan(mutated, n / 2, "most mutations are rejections or findings")
        print("fast path: \(fast)/\(n) valid reports (\(withUnknown) with unknown keys), \(shapes.count) shapes; mutations: \(mutated) rejected or flagged, \(mutatedFast) still fast")
    }

    /// Reports with tables or cells of 二–四 left out — a whole table, a nested object, single
    /// cells, a table given as {} — among unknown keys: the fast path takes every one and gives
    /// exactly the full decoder's report, its `incomplete` notes in the full decoder's order.
    func testIncompleteReportsTakeTheFastPathAndAgree() throws {
        var rng = TestRNG(state: 20_261_202)
        let options = DecodeOptions(expectedYear: 2024, timeZone: TestReports.shanghai)
        func dropped(_ v: JSONValue, depth: Int) -> JSONValue {
            guard case .object(let members) = v else { return v }
            if depth > 0 && rng.chance(0.05) { return .object([]) }
            var kept: [(String, JSONValue)] = []
            for (k, child) in members {
                if rng.chance(depth == 0 ? 0.1 : 0.06) { continue }
                kept.append((k, dropped(child, depth: depth + 1)))
            }
            return .object(kept)
        }
        let n = 600
        var incomplete = 0, wholeTable = 0, cellsNamed = 0
        for k in 0..<n {
            guard case .object(var top) = try JSONParser.parse(Array(Self.randomReport(&rng).utf8)) else { return XCTFail("not an object") }
            for (i, (key, value)) in top.enumerated().reversed() where ["proactive", "requests", "appeals"].contains(key) {
                if rng.chance(0.08) { top.remove(at: i) } else { top[i].1 = dropped(value, depth: 1) }
            }
            let bytes = Array(JSONWriter.write(.object(top)).utf8)
            guard case .success(let full) = ReportDecoder.decodeFully(bytes: bytes, file: "i\(k)", options: options) else {
                return XCTFail("the full decoder rejects a report with cells left out")
            }
            let notes = full.notes.filter { $0.rule == .incomplete }
            if !notes.isEmpty { incomplete += 1 }
            if notes.contains(where: { $0.message.contains("整张表") }) { wholeTable += 1 }
            if notes.contains(where: { $0.message.contains(" 等 ") }) { cellsNamed += 1 }
            guard let report = FastDecoder.decode(bytes, file: "i\(k)", options: options) else {
                return XCTFail("the fast path gave up on an incomplete report:\n\(String(decoding: bytes, as: UTF8.self))")
            }
            XCTAssertEqual(report, full, String(decoding: bytes, as: UTF8.self))
        }
        XCTAssertGreaterThan(incomplete, n / 2)
        XCTAssertGreaterThan(wholeTable, n / 20)
        XCTAssertGreaterThan(cellsNamed, n / 20)
    }
}
