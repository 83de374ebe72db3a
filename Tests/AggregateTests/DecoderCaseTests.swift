@testable import Aggregate
import Foundation
import StrictJSON
import TestSupport
import XCTest

/// Hostile and unusual report files as one table, each run against both decoders directly:
/// the full decoder (`ReportDecoder.decodeFully`) must reject it naming the JSON path and what it
/// expected and found, or accept it with the notes a clerk needs; the fast path
/// (`FastDecoder.decode`) must give exactly the full decoder's report or give up, and never
/// accept what the full decoder rejects. What needs a whole run (the folder, size limits, the
/// workbook, statuses) stays in NianbaoTests/HostileInputTests.
final class DecoderCaseTests: XCTestCase {
    enum Expect {
        /// Rejected at `path` with a message containing `saying`.
        case rejected(path: String, saying: String)
        /// Accepted with at least these notes (rule, path) and the figures of `figuresOf`
        /// (the clean report when nil); `fast` says whether the fast path takes it.
        case accepted(notes: [(String, String)] = [], figuresOf: JSONValue? = nil, fast: Bool)
    }

    struct Case {
        let name: String
        let bytes: [UInt8]
        let expect: Expect
        /// Further checks of the full decoder's outcome.
        var also: (Result<Report, Rejection>) -> Void = { _ in }
    }

    static let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    static let clean = CleanReport.report
    static func with(_ dotted: String, _ new: JSONValue?) -> JSONValue { CleanReport.with(dotted, new) }
    static func bytes(_ v: JSONValue) -> [UInt8] { CleanReport.bytes(v) }
    static func text(_ v: JSONValue) -> String { CleanReport.text(v) }
    static func splice(_ dotted: String, _ raw: [UInt8]) -> [UInt8] { CleanReport.splice(with(dotted, .string("@@")), raw) }
    static func rejected(_ name: String, _ v: JSONValue, _ path: String, _ saying: String) -> Case {
        Case(name: name, bytes: bytes(v), expect: .rejected(path: path, saying: saying))
    }
    static func accepted(_ name: String, _ v: JSONValue, notes: [(String, String)] = [], figuresOf: JSONValue? = nil, fast: Bool) -> Case {
        Case(name: name, bytes: bytes(v), expect: .accepted(notes: notes, figuresOf: figuresOf, fast: fast))
    }
    static func message(_ outcome: Result<Report, Rejection>) -> String {
        if case .failure(let r) = outcome { return r.message }
        return ""
    }

    // MARK: - The table

    static var notJSON: [Case] {
        let json = Self.text(clean)
        let cut = json.range(of: "\"naturalPerson\": ")!.upperBound
        var comma = json
        comma.insert(",", at: comma.range(of: "\n}", options: .backwards)!.lowerBound)
        let units = Array(json.utf16)
        let b = bytes(clean)
        return [
            Case(name: "empty", bytes: [], expect: .rejected(path: "", saying: "found an empty file")),
            Case(name: "blank", bytes: Array(" \n\t\r\n".utf8), expect: .rejected(path: "", saying: "found only white space")),
            Case(name: "truncated", bytes: Array(json[..<cut].utf8),
                 expect: .rejected(path: "requests.received.naturalPerson", saying: "found the end of the file (truncated?)")),
            Case(name: "trailing garbage", bytes: b + Array("}garbage".utf8),
                 expect: .rejected(path: "", saying: "expected the end of the file after the JSON value, found '}'")),
            Case(name: "trailing comma", bytes: Array(comma.utf8), expect: .rejected(path: "", saying: "expected a quoted key, found '}'")),
            Case(name: "full-width colon", bytes: Array(json.replacingOccurrences(of: "\"year\": 2024", with: "\"year\"：2024").utf8),
                 expect: .rejected(path: "", saying: "expected ':' after the key \"year\", found '：' (U+FF1A)")),
            Case(name: "UTF-8 byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + b, expect: .accepted(fast: true)),
            Case(name: "invalid UTF-8 in a string", bytes: splice("unit.name", [0xC3, 0x28]),
                 expect: .rejected(path: "unit.name", saying: "not UTF-8 (0xC3)")),
            // 一 and 五 are decoded from the file's bytes by the fast path (ProseText.keptChecking):
            // a surrogate, an overlong form and a cut character, raw or after an escape.
            Case(name: "a surrogate in 五", bytes: splice("narrative.problems", Array("问题".utf8) + [0xED, 0xA0, 0x80]),
                 expect: .rejected(path: "narrative.problems", saying: "not UTF-8 (0xED)")),
            Case(name: "an overlong form in 一 after an escape", bytes: splice("narrative.overview", Array("概述\\n".utf8) + [0xE0, 0x80, 0xAF]),
                 expect: .rejected(path: "narrative.overview", saying: "not UTF-8 (0xE0)")),
            Case(name: "a character cut short at the end of 五", bytes: splice("narrative.problems", Array("问题".utf8) + [0xE9, 0x97]),
                 expect: .rejected(path: "narrative.problems", saying: "not UTF-8 (0xE9)")),
            Case(name: "past U+10FFFF in 一", bytes: splice("narrative.overview", [0xF4, 0x90, 0x80, 0x80]),
                 expect: .rejected(path: "narrative.overview", saying: "not UTF-8 (0xF4)")),
            Case(name: "invalid UTF-8 between tokens", bytes: [b[0], 0xFF] + b.dropFirst(),
                 expect: .rejected(path: "", saying: "found a byte that is not UTF-8 (0xFF) at byte 1")),
            // "姚伏镇" in GBK is D2 A6 B7 FC D5 F2; D2 A6 happens to be valid UTF-8, B7 is not.
            Case(name: "GBK", bytes: splice("unit.name", [0xD2, 0xA6, 0xB7, 0xFC, 0xD5, 0xF2]),
                 expect: .rejected(path: "unit.name", saying: "not UTF-8 (0xB7)")) { outcome in
                XCTAssertTrue(message(outcome).contains("GBK/GB18030"), message(outcome))
                XCTAssertTrue(message(outcome).contains("save it as UTF-8"), message(outcome))
            },
            Case(name: "UTF-16LE as Notepad saves it", bytes: [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                 expect: .rejected(path: "", saying: "expected UTF-8 text, found UTF-16 text (byte-order mark FF FE")),
            Case(name: "UTF-16BE", bytes: units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
                 expect: .rejected(path: "", saying: "found UTF-16 text (every other byte is NUL)")),
            Case(name: "NUL inside a string", bytes: splice("narrative.problems", Array("问题".utf8) + [0] + Array("更多".utf8)),
                 expect: .rejected(path: "narrative.problems", saying: "expected no raw control characters in a string, found a NUL byte")),
            // What a crash during a copy often leaves: the right text followed by zeros.
            Case(name: "NUL padding", bytes: b + [UInt8](repeating: 0, count: 4096),
                 expect: .rejected(path: "", saying: "found a NUL byte at byte \(b.count)")),
            Case(name: "top-level array", bytes: Array("[".utf8) + b + Array("]".utf8),
                 expect: .rejected(path: "", saying: "expected a JSON object (one report), found an array")),
            Case(name: "top-level string", bytes: Array("\"姚伏镇2024年报\"".utf8),
                 expect: .rejected(path: "", saying: "expected a JSON object (one report), found \"姚伏镇2024年报\"")),
            Case(name: "top-level null", bytes: Array("null".utf8),
                 expect: .rejected(path: "", saying: "expected a JSON object (one report), found null")),
            Case(name: "lone surrogate", bytes: splice("narrative.problems", Array("\\ud800".utf8)),
                 expect: .rejected(path: "narrative.problems", saying: "expected a low surrogate after \\ud800")),
        ]
    }

    static var nesting: [Case] {
        var deep = bytes(clean)
        deep.removeLast(2)   // "}\n"
        deep += Array(",\"remarks\":".utf8)
        deep += Array(String(repeating: "{\"a\":", count: 100_000).utf8) + Array("0".utf8)
        deep += [UInt8](repeating: UInt8(ascii: "}"), count: 100_000) + Array("}".utf8)
        guard case .object(var members) = clean else { fatalError() }
        for k in 0..<200_000 { members.append((String(format: "k%06d", k), .integer(0))) }
        return [
            Case(name: "arrays 100,000 deep", bytes: [UInt8](repeating: UInt8(ascii: "["), count: 100_000),
                 expect: .rejected(path: String(repeating: "[0]", count: 64), saying: "expected at most 64 levels of nesting, found more")),
            Case(name: "objects 100,000 deep inside a report", bytes: deep,
                 expect: .rejected(path: "remarks" + String(repeating: ".a", count: 63), saying: "expected at most 64 levels of nesting")),
            // "0.000…001" with 3.5 million zeros: a quadratic digit scan took minutes.
            Case(name: "megabytes of zeros in a number",
                 bytes: bytes(with("proactive.licensing", .number("0." + String(repeating: "0", count: 3_500_000) + "1"))),
                 expect: .rejected(path: "proactive.licensing", saying: "(a fraction)")) { outcome in
                XCTAssertTrue(message(outcome).contains("a number written with 3500003 characters"), String(message(outcome).prefix(300)))
            },
            // 3 MB of stray keys: checking each against all before it took hours, and each must not
            // become a line of its own in the workbook.
            Case(name: "200,000 unknown keys", bytes: bytes(.object(members)),
                 expect: .accepted(notes: [("unknownKey", "k000000"), ("unknownKey", "k000019"), ("unknownKey", "")], fast: true)) { outcome in
                let notes = (try? outcome.get().notes.filter { $0.rule == .unknownKey }) ?? []
                XCTAssertEqual(notes.count, 21)
                XCTAssertTrue(notes.last?.message.contains("199980") ?? false, notes.last?.message ?? "")
            },
        ]
    }

    static var numbers: [Case] {
        var overflow = with("requests.received.naturalPerson", .integer(1 << 62))
        overflow = CleanReport.with(overflow, "requests.received.commercial", .integer(1 << 62))
        var leadingZeros = with("proactive.licensing", .number("5E00000000001"))
        leadingZeros = CleanReport.with(leadingZeros, "proactive.feesTenThousandYuan", .number("75e-0000000002"))
        let largestCount = with("overview.hotlineReplies", .integer(1_000_000_000))
        let largestAmount = with("proactive.feesTenThousandYuan", .integer(10_000_000))
        return [
            rejected("huge exponent", with("proactive.licensing", .number("1e400")), "proactive.licensing",
                     "expected a whole number ≥ 0 and ≤ 1000000000, found 1e400"),
            accepted("minus zero is zero", with("proactive.rules.issued", .number("-0")), fast: false),
            // 50.0 is the whole number 50: spreadsheets and scripts write it so.
            accepted("whole number written with a fraction", with("proactive.licensing", .number("50.0")), fast: true),
            accepted("exponent that makes a whole number", with("overview.villageNotices", .number("1e3")), fast: true),
            rejected("fraction where a count is due", with("requests.received.naturalPerson", .number("1.5")),
                     "requests.received.naturalPerson", "expected a whole number ≥ 0, found 1.5 (a fraction)"),
            rejected("2^63", with("appeals.review.upheld", .number("9223372036854775808")), "appeals.review.upheld",
                     "≤ 1000000000, found 9223372036854775808"),
            rejected("beyond 2^64", with("appeals.review.upheld", .number("18446744073709551617")), "appeals.review.upheld",
                     "found 18446744073709551617"),
            rejected("-2^63", with("appeals.review.pending", .integer(Int64.min)), "appeals.review.pending",
                     "expected a whole number ≥ 0, found -9223372036854775808"),
            rejected("below -2^63", with("appeals.review.pending", .number("-9223372036854775809")), "appeals.review.pending",
                     "found -9223372036854775809"),
            // Two cells of 2^62 each fit in Int64 but their row's total does not.
            rejected("counts whose sum would overflow", overflow, "requests.received.naturalPerson", "≤ 1000000000, found 4611686018427387904"),
            accepted("largest count", largestCount, figuresOf: largestCount, fast: true),
            rejected("count as a digit string", with("proactive.penalties", .string("12")), "proactive.penalties",
                     "expected a whole number ≥ 0, found \"12\""),
            rejected("count in Chinese numerals", with("proactive.licensing", .string("十二")), "proactive.licensing",
                     "expected a whole number ≥ 0, found \"十二\""),
            rejected("count with 余", with("overview.villageNotices", .string("1200余")), "overview.villageNotices", "found \"1200余\""),
            Case(name: "negative count", bytes: bytes(with("requests.withheld.stateSecret.commercial", .integer(-3))),
                 expect: .rejected(path: "requests.withheld.stateSecret.commercial", saying: "expected a whole number ≥ 0, found -3")) {
                XCTAssertEqual(message($0), "expected a whole number ≥ 0, found -3")
            },
            rejected("negative fee", with("informationProcessingFeeYuan", .integer(-5)), "informationProcessingFeeYuan", "expected an amount ≥ 0"),
            rejected("negative 万元", with("proactive.feesTenThousandYuan", .number("-1.25")), "proactive.feesTenThousandYuan", "found -1.25"),
            rejected("fee in words", with("informationProcessingFeeYuan", .string("免费")), "informationProcessingFeeYuan",
                     "expected an amount ≥ 0 (a number with at most 6 decimal places), found \"免费\""),
            rejected("too many decimal places", with("proactive.feesTenThousandYuan", .number("0.1234567")), "proactive.feesTenThousandYuan",
                     "(too many decimal places)"),
            // 5E00000000001 is 50 and 75e-0000000002 is 0.75: the clean report's own figures.
            accepted("exponents with leading zeros", leadingZeros, fast: true),
            // The cap that keeps a national sum of amounts inside Int64 (10⁷ 万元 a cell).
            Case(name: "万元 over the cap", bytes: bytes(with("proactive.feesTenThousandYuan", .number("10000000.000001"))),
                 expect: .rejected(path: "proactive.feesTenThousandYuan", saying: "and ≤ 10000000, found 10000000.000001")) {
                XCTAssertEqual(message($0), "expected an amount ≥ 0 (a number with at most 6 decimal places) and ≤ 10000000, found 10000000.000001")
            },
            rejected("万元 at the old count cap", with("proactive.feesTenThousandYuan", .integer(1_000_000_000)),
                     "proactive.feesTenThousandYuan", "and ≤ 10000000, found 1000000000"),
            accepted("largest amount", largestAmount, figuresOf: largestAmount, fast: true),
        ]
    }

    static var nulls: [Case] {
        let trainees = with("overview.trainees", .null)
        return [
            rejected("null section", with("requests", .null), "requests", "expected an object, found null"),
            rejected("null unit", with("unit", .null), "unit", "expected an object, found null"),
            rejected("null cell", with("requests.received.total", .null), "requests.received.total", "expected a whole number ≥ 0, found null"),
            accepted("null overview figure means not stated", trainees, figuresOf: trainees, fast: true),
            // All of 一's figures are optional: a null overview is an absent one (probe_shapes found tools writing it).
            accepted("null overview means none stated", with("overview", .null), figuresOf: with("overview", nil), fast: true),
        ]
    }

    static var keys: [Case] {
        guard case .object(var twice) = clean, case .object(var row) = CleanReport.breakdown(3, 1) else { fatalError() }
        twice.append(("year", .integer(2023)))
        row.append(("total", .integer(5)))
        var unknown = with("remarks", .string("附件另行报送"))
        unknown = CleanReport.with(unknown, "requests.received.foo", .integer(1))
        unknown = CleanReport.with(unknown, "unit.township", .string("姚伏"))
        unknown = CleanReport.with(unknown, "narrative.summary", .string("略"))
        return [
            rejected("no schemaVersion", with("schemaVersion", nil), "schemaVersion", "expected 1, found nothing (the key is required)"),
            rejected("no unit", with("unit", nil), "unit", "found nothing (the key is required)"),
            rejected("no unit.name", with("unit.name", nil), "unit.name", "expected the township's name, found nothing"),
            rejected("no unit.county", with("unit.county", nil), "unit.county", "expected the county's name, found nothing"),
            rejected("no year", with("year", nil), "year", "expected the reporting year, found nothing"),
            rejected("a top-level key twice", .object(twice), "year", "expected each key once, found \"year\" twice"),
            rejected("a nested key twice", with("requests.received", .object(row)), "requests.received.total", "found \"total\" twice"),
            accepted("unknown keys are warnings", unknown, notes: [
                ("unknownKey", "remarks"), ("unknownKey", "requests.received.foo"), ("unknownKey", "unit.township"),
                ("unknownKey", "narrative.summary"),
            ], fast: true),
            // An export tool's extra fields are passed over without making their strings (the fast
            // path's KeyNames and skipString): the same keys refused and accepted as by the parser.
            rejected("a repeated key among a few in an unknown value", with("remarks", .object([("a", .integer(1)), ("b", .integer(2)), ("a", .integer(3))])),
                     "remarks.a", "found \"a\" twice"),
            rejected("a repeated key among many in an unknown value",
                     with("remarks", .object((0..<40).map { (String(format: "k%02d", $0), JSONValue.integer(1)) } + [("k07", .integer(2))])),
                     "remarks.k07", "found \"k07\" twice"),
            rejected("the Kelvin sign is the letter K as a key", with("remarks", .object([("K", .integer(1)), ("x", .integer(2)), ("\u{212A}", .integer(3))])),
                     "remarks.\u{212A}", "twice"),
            accepted("unknown values of every kind", with("remarks", .object([
                ("s", .string("转义\"\\/\n\t 与 😀")), ("n", .array([.integer(-1), .number("2.5e-3"), .null, .bool(true), .bool(false)])),
                ("o", .object((0..<30).map { (String(format: "名%02d", $0), JSONValue.string("值")) })),
            ])), notes: [("unknownKey", "remarks")], fast: true),
            Case(name: "invalid UTF-8 deep in an unknown value",
                 bytes: CleanReport.splice(with("remarks", .object([("a", .array([.string("@@")]))])), [0xE4, 0xB8]),
                 expect: .rejected(path: "remarks.a[0]", saying: "UTF-8")),
            Case(name: "a lone surrogate in an unknown value",
                 bytes: CleanReport.splice(with("remarks", .object([("a", .string("@@"))])), Array("\\udc00".utf8)),
                 expect: .rejected(path: "remarks.a", saying: "surrogate")),
            Case(name: "a surrogate pair in an unknown value", bytes: CleanReport.splice(with("remarks", .string("@@")), Array("\\ud83d\\ude00".utf8)),
                 expect: .accepted(notes: [("unknownKey", "remarks")], fast: true)),
            Case(name: "25 unknown keys at the top and 3 in a section", bytes: bytes({
                var v = clean
                for k in 0..<25 { v = CleanReport.with(v, String(format: "top%02d", k), .integer(Int64(k))) }
                for k in 0..<3 { v = CleanReport.with(v, "requests.received.extra\(k)", .integer(Int64(k))) }
                return v
            }()), expect: .accepted(notes: [("unknownKey", "top00"), ("unknownKey", "top19"), ("unknownKey", "")], fast: true)) { outcome in
                let notes = (try? outcome.get().notes.filter { $0.rule == .unknownKey }) ?? []
                XCTAssertEqual(notes.count, 21)
                XCTAssertTrue(notes.last?.message.contains("28") ?? false, notes.last?.message ?? "")
            },
            Case(name: "an absurdly long unknown key is shown cut", bytes: bytes(with(String(repeating: "键", count: 50_000), .integer(1))),
                 expect: .accepted(fast: true)) { outcome in
                let note = try? outcome.get().notes.first { $0.rule == .unknownKey }
                XCTAssertLessThan(note?.path.count ?? .max, 200)
                XCTAssertTrue(note?.path.contains("共50000个字符") ?? false)
            },
        ]
    }

    static var types: [Case] { [
        rejected("unit as a string", with("unit", .string("姚伏镇")), "unit", "expected an object, found \"姚伏镇\""),
        rejected("unit.name as a number", with("unit.name", .integer(123)), "unit.name", "expected a string, found 123"),
        rejected("unit.code as a number", with("unit.code", .integer(640_221_104)), "unit.code", "as a string (in quotes), found 640221104"),
        rejected("section as an array", with("requests", .array([])), "requests", "expected an object, found an array"),
        rejected("overview as an array", with("overview", .array([.integer(1)])), "overview", "expected an object, found an array"),
        rejected("group as a string", with("requests.withheld", .string("无")), "requests.withheld", "expected an object, found \"无\""),
        rejected("row as a number", with("requests.received", .integer(12)), "requests.received", "expected an object, found 12"),
        rejected("appeal row as an array", with("appeals.review", .array([])), "appeals.review", "expected an object, found an array"),
        rejected("cell as a boolean", with("appeals.review.total", .bool(true)), "appeals.review.total", "expected a whole number ≥ 0, found true"),
        rejected("narrative as a string", with("narrative", .string("全文略")), "narrative", "expected an object, found \"全文略\""),
        rejected("narrative part as a number", with("narrative.problems", .integer(5)), "narrative.problems", "expected a string, found 5"),
        rejected("publishedOn as a number", with("publishedOn", .integer(20_250_120)), "publishedOn",
                 "expected a date YYYY-MM-DD (or an ISO 8601 date-time) in quotes, found 20250120"),
        rejected("year as a string", with("year", .string("2024")), "year", "expected a year from 2000 to 2100, found \"2024\""),
        accepted("year written with a fraction", with("year", .number("2024.0")), fast: true),
        rejected("schemaVersion as a string", with("schemaVersion", .string("1")), "schemaVersion", "expected 1, found \"1\""),
        rejected("schemaVersion from the future", with("schemaVersion", .integer(2)), "schemaVersion", "expected 1, found 2"),
        rejected("edition as a number", with("edition", .integer(2021)), "edition", "expected \"2021\" or \"2019\" (in quotes), found 2021"),
        rejected("unknown edition", with("edition", .string("2022")), "edition", "expected \"2021\" or \"2019\", found \"2022\""),
    ] }

    static var dates: [Case] {
        func day(_ iso: String) -> (Result<Report, Rejection>) -> Void {
            { XCTAssertEqual(try? $0.get().publishedOn, CalendarDate(iso: iso)) }
        }
        return [
            rejected("30 February", with("publishedOn", .string("2025-02-30")), "publishedOn",
                     "expected a date YYYY-MM-DD (or an ISO 8601 date-time), found \"2025-02-30\""),
            rejected("a date without zero padding", with("publishedOn", .string("2025-1-5")), "publishedOn", "found \"2025-1-5\""),
            Case(name: "a date-time in Beijing", bytes: bytes(with("publishedOn", .string("2025-01-31T23:30:00+08:00"))),
                 expect: .accepted(fast: true), also: day("2025-01-31")),
            Case(name: "a date-time in UTC is the next day in Shanghai", bytes: bytes(with("publishedOn", .string("2025-01-31T16:30:00Z"))),
                 expect: .accepted(fast: true), also: day("2025-02-01")),
            // 23:59:60 is the last second of 31 January, not the first of 1 February.
            Case(name: "a leap second", bytes: bytes(with("publishedOn", .string("2025-01-31T23:59:60+08:00"))),
                 expect: .accepted(fast: true), also: day("2025-01-31")),
            rejected("a year not the folder's", with("year", .integer(2023)), "year",
                     "expected 2024 (the year of the folder the file is in), found 2023"),
        ]
    }

    // MARK: - Running the table

    /// Runs each case through both decoders and checks what `Expect` says.
    func run(_ cases: [Case]) {
        let cleanFigures: CellValues
        switch ReportDecoder.decodeFully(bytes: Self.bytes(Self.clean), file: "clean", options: Self.options) {
        case .success(let r): cleanFigures = r.values
        case .failure(let f): return XCTFail("the clean report is rejected: \(f.path): \(f.message)")
        }
        for c in cases {
            let full = ReportDecoder.decodeFully(bytes: c.bytes, file: c.name, options: Self.options)
            let fast = FastDecoder.decode(c.bytes, file: c.name, options: Self.options)
            switch (c.expect, full) {
            case let (.rejected(path, saying), .failure(rejection)):
                XCTAssertEqual(rejection.path, path, "\(c.name): \(rejection.message.prefix(300))")
                XCTAssertTrue(rejection.message.hasPrefix("expected "), "\(c.name): not of the form expected …, found …: \(rejection.message.prefix(300))")
                XCTAssertTrue(rejection.message.contains("found"), "\(c.name): says nothing of what was found: \(rejection.message.prefix(300))")
                XCTAssertTrue(rejection.message.contains(saying), "\(c.name): \(rejection.message.prefix(300)) does not say \(saying)")
                XCTAssertLessThan(rejection.message.count, 1000, "\(c.name): message too long for a clerk")
                XCTAssertNil(fast, "\(c.name): the fast path accepted what the full decoder rejects")
                if case .failure(let fastRejection)? = c.bytes.withUnsafeBufferPointer({ FastDecoder.outcome(buffer: $0, file: c.name, options: Self.options) }) {
                    XCTAssertEqual(fastRejection, rejection, "\(c.name): the fast path rejects otherwise")
                }
            case let (.accepted(notes, figuresOf, takesFastPath), .success(report)):
                let given = report.notes.map { ($0.rule.rawValue, $0.path) }
                for (rule, path) in notes {
                    XCTAssertTrue(given.contains { $0 == (rule, path) }, "\(c.name): no note \(rule) at \(path) among \(given)")
                }
                if let figuresOf {
                    if case .success(let expected) = ReportDecoder.decodeFully(bytes: Self.bytes(figuresOf), file: "figures", options: Self.options) {
                        XCTAssertEqual(report.values, expected.values, c.name)
                    } else {
                        XCTFail("\(c.name): the figures' report is rejected")
                    }
                } else {
                    XCTAssertEqual(report.values, cleanFigures, "\(c.name): the figures are not the clean report's")
                }
                if takesFastPath {
                    XCTAssertEqual(fast, report, "\(c.name): the fast path gives another report or gives up")
                } else {
                    XCTAssertNil(fast, "\(c.name): the fast path was expected to give up")
                }
            case (.rejected, .success):
                XCTFail("\(c.name): accepted, expected a rejection")
            case let (.accepted, .failure(rejection)):
                XCTFail("\(c.name): rejected at \(rejection.path): \(rejection.message.prefix(300))")
            }
            c.also(full)
        }
    }

    /// Last year's report misfiled in this year's folder: rejected on the fast path as the full
    /// decoder rejects it, naming its township, without a JSON tree or reading its prose.
    func testAReportOfAnotherYearIsRejectedOnTheFastPath() {
        for (year, b) in [(2023, Self.bytes(Self.with("year", .integer(2023)))),
                          (2025, Self.bytes(Self.with("year", .integer(2025))))] {
            let full = ReportDecoder.decodeFully(bytes: b, file: "misfiled", options: Self.options)
            let fast = b.withUnsafeBufferPointer { FastDecoder.outcome(buffer: $0, file: "misfiled", options: Self.options) }
            guard case .failure(let rejection) = full, case .failure(let fastRejection)? = fast else {
                return XCTFail("\(year): expected both to reject, got \(full) and \(String(describing: fast))")
            }
            XCTAssertEqual(fastRejection, rejection)
            XCTAssertEqual(rejection.path, "year")
            XCTAssertEqual(rejection.message, "expected 2024 (the year of the folder the file is in), found \(year)")
            XCTAssertEqual(rejection.unit?.name, "姚伏镇")
        }
        // Another year and something else wrong further on: the full decoder's word (the year).
        let both = Self.bytes(CleanReport.with(Self.with("year", .integer(2023)), "requests.received.total", .string("三")))
        XCTAssertNil(both.withUnsafeBufferPointer { FastDecoder.outcome(buffer: $0, file: "both", options: Self.options) })
        guard case .failure(let r) = ReportDecoder.decode(bytes: both, file: "both", options: Self.options) else { return XCTFail() }
        XCTAssertEqual(r.path, "year")
    }

    func testTheCleanReportTakesTheFastPath() {
        let b = Self.bytes(Self.clean)
        guard case .success(let report) = ReportDecoder.decodeFully(bytes: b, file: "clean", options: Self.options) else { return XCTFail() }
        XCTAssertEqual(FastDecoder.decode(b, file: "clean", options: Self.options), report)
        XCTAssertEqual(report.unit.name, "姚伏镇")
        XCTAssertEqual(report.value("requests.received.total"), 4)
        XCTAssertEqual(report.value("proactive.feesTenThousandYuan"), 750_000)
    }

    func testNotJSON() { run(Self.notJSON) }
    func testNestingAndSize() { run(Self.nesting) }
    func testNumbers() { run(Self.numbers) }
    func testNull() { run(Self.nulls) }
    func testKeys() { run(Self.keys) }
    func testWrongTypesLevelByLevel() { run(Self.types) }
    func testDatesAndYears() { run(Self.dates) }
}
