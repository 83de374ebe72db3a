import Aggregate
import Foundation
import StrictJSON
import TestSupport
import XCTest

/// The published JSON Schema (schema/report.schema.json) and the decoder must agree: the file is
/// exactly what `ReportSchema.json()` generates, and on every bundled input and on many one-change
/// mutations of a good report, "the schema says valid" ⇔ "the decoder accepts".
///
/// The validator below implements only the keywords the schema uses, with JSON Schema 2020-12
/// semantics, over `JSONValue` so numbers stay exact decimals (no Double rounding).
final class SchemaTests: XCTestCase {

    // MARK: - Fixtures

    static let repository = Repository.root

    static let generatedText = JSONWriter.write(ReportSchema.json())

    /// The schema as published, parsed back (so what is validated is what is written).
    static let schema: JSONValue = try! JSONParser.parse(generatedText)

    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func bytes(_ relative: String) throws -> [UInt8] {
        let url = repository.appendingPathComponent(relative)
        return [UInt8](try Data(contentsOf: url))
    }

    enum Verdict: Equatable, Sendable, CustomStringConvertible {
        case valid, invalid
        var description: String { self == .valid ? "valid" : "invalid" }
    }

    /// The schema's verdict on raw bytes: a file that is not JSON is invalid.
    static func schemaVerdict(_ bytes: [UInt8]) -> (Verdict, [String]) {
        let doc: JSONValue
        do { doc = try JSONParser.parse(bytes) } catch { return (.invalid, ["not JSON: \(error.message)"]) }
        let errors = SchemaValidator(root: schema).errors(doc)
        return (errors.isEmpty ? .valid : .invalid, errors)
    }

    static func decoderVerdict(_ bytes: [UInt8], year: Int, file: String = "test.json") -> (Verdict, String) {
        switch ReportDecoder.decode(bytes: bytes, file: file, options: DecodeOptions(expectedYear: year, timeZone: zone)) {
        case .success: return (.valid, "accepted")
        case .failure(let r): return (.invalid, r.line)
        }
    }

    // MARK: - (a) the committed file is the generated schema

    func testCommittedSchemaIsGenerated() throws {
        let url = Self.repository.appendingPathComponent("schema/report.schema.json")
        let committed = try Data(contentsOf: url)
        let generated = Data(Self.generatedText.utf8)
        XCTAssertEqual(committed, generated,
                       "schema/report.schema.json is stale: regenerate it with `swift run nianbao schema > schema/report.schema.json`")
    }

    func testSchemaUsesOnlyKeywordsTheValidatorImplements() {
        XCTAssertEqual(SchemaValidator.unsupported(in: Self.schema), [])
    }

    // MARK: - (b) every bundled input

    func testSchemaAndDecoderAgreeOnBundledInputs() throws {
        let inputs = Self.repository.appendingPathComponent("inputs")
        var checked = 0, rejected = 0
        for year in [2023, 2024] {
            // 2024's reports as JSON are the twins of the published ones (inputs/json/2024).
            let folder = inputs.appendingPathComponent(year == 2024 ? "json/2024" : String(year))
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            XCTAssertFalse(names.isEmpty, "no inputs in \(folder.path)")
            for name in names {
                let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
                let (schema, errors) = Self.schemaVerdict(bytes)
                let (decoder, why) = Self.decoderVerdict(bytes, year: year, file: "\(year)/\(name)")
                XCTAssertEqual(schema, decoder, "\(year)/\(name): schema says \(schema) \(errors.prefix(3)), decoder: \(why)")
                checked += 1
                if decoder == .invalid { rejected += 1 }
            }
        }
        XCTAssertEqual(checked, 27)
        XCTAssertEqual(rejected, 1, "only 2024/崇岗镇.json (truncated) is meant to be rejected")
        let (v, _) = Self.schemaVerdict(try Self.bytes("inputs/json/2024/崇岗镇.json"))
        XCTAssertEqual(v, .invalid)
    }

    // MARK: - (c) one-change mutations of a good report

    struct Mutation: Sendable {
        let name: String
        let expected: Verdict
        let apply: @Sendable (JSONValue) -> JSONValue
    }

    static func set(_ path: String, _ value: JSONValue?) -> @Sendable (JSONValue) -> JSONValue {
        { $0.setting(path.split(separator: ".").map(String.init)[...], to: value) }
    }

    static let tongfuProactive: JSONValue = {
        let doc = try! JSONParser.parse(try! SchemaTests.bytes("inputs/json/2024/tongfu.json"))
        return doc["proactive"]!
    }()

    static let mutations: [Mutation] = {
        var m: [Mutation] = []
        func add(_ name: String, _ expected: Verdict, _ apply: @escaping @Sendable (JSONValue) -> JSONValue) {
            m.append(Mutation(name: name, expected: expected, apply: apply))
        }
        func add(_ path: String, _ value: JSONValue?, _ expected: Verdict, _ note: String = "") {
            let shown = value.map { JSONWriter.write($0).trimmingCharacters(in: .newlines) } ?? "(removed)"
            add("\(path) = \(shown)\(note.isEmpty ? "" : " (\(note))")", expected, set(path, value))
        }
        add("unchanged", .valid) { $0 }

        // Counts.
        add("requests.withheld.stateSecret.commercial", .integer(-3), .invalid, "negative count")
        add("requests.received.total", .number("1.5"), .invalid, "fraction where a count is due")
        add("requests.received.total", .string("12"), .invalid, "string for a count")
        add("requests.received.total", .bool(true), .invalid)
        add("requests.received.total", .null, .invalid, "null cell outside overview")
        add("requests.disclosed", .null, .invalid, "null row")
        add("requests.disclosed", .array([]), .invalid, "array for a row")
        add("proactive.rules", .integer(3), .invalid, "number where a row object is due")
        add("requests.received.total", .number("12.0"), .valid, "whole number written with a fraction")
        add("requests.received.naturalPerson", .number("1.0e1"), .valid, "exponent form of 10")
        add("requests.received.naturalPerson", .number("0.1e2"), .valid, "exponent form of 10")
        add("requests.received.naturalPerson", .number("1e-1"), .invalid)
        add("requests.received.research", .number("-0"), .valid, "-0")
        add("requests.received.research", .number("-0.0"), .valid)
        add("requests.received.research", .integer(1_000_000_000), .valid, "the maximum")
        add("requests.received.research", .integer(1_000_000_001), .invalid, "above the maximum")
        add("requests.received.research", .number("1e400"), .invalid)
        add("requests.received.research", .number("5E00000000002"), .valid, "500: leading zeros in the exponent")
        add("requests.received.research", .number("1e+0000000010"), .invalid, "10^10: leading zeros in the exponent")
        add("requests.received.research", .number("99999999999999999999"), .invalid, "beyond Int64")
        add("appeals.review.pending", .object([]), .invalid)

        // Overview: every figure optional and nullable; the section itself an object.
        add("overview.portalItems", .null, .valid)
        add("overview.portalItems", nil, .valid)
        add("overview.portalItems", .integer(-1), .invalid)
        add("overview.portalItems", .number("1200.5"), .invalid)
        add("overview", .null, .valid)
        add("overview", nil, .valid)

        // Missing parts are flagged incomplete, not rejected; unknown keys are warnings.
        add("appeals", nil, .valid, "whole section missing")
        add("requests", nil, .valid, "whole section missing")
        add("proactive", nil, .valid, "whole section missing")
        add("requests.withheld.stateSecret", nil, .valid, "row missing")
        add("requests.received.total", nil, .valid, "cell missing")
        add("remarks", .string("附件另行报送"), .valid, "unknown key")
        add("unit.township", .string("x"), .valid, "unknown key")
        add("requests.received.foreigners", .integer(1), .valid, "unknown key")
        add("narrative.summary", .string("x"), .valid, "unknown key")
        add("appeals", .null, .invalid)
        add("requests", .string(""), .invalid)

        // schemaVersion, edition.
        add("schemaVersion", .integer(2), .invalid)
        add("schemaVersion", .string("1"), .invalid)
        add("schemaVersion", nil, .invalid)
        add("schemaVersion", .number("1.0"), .valid, "a whole number")
        add("schemaVersion", .number("1.5"), .invalid)
        add("edition", .string("2020"), .invalid)
        add("edition", .integer(2021), .invalid)
        add("edition", .null, .valid)
        add("edition", nil, .valid)
        add("edition", .string("2019"), .valid, "2021-shaped Section 二 under 2019 is read, not summed")

        // 2019 edition: Section 二 is any object.
        add("2019 edition with the 2019 Section 二 keys", .valid) {
            $0.setting(["edition"], to: .string("2019")).setting(["proactive"], to: tongfuProactive)
        }
        add("2019 edition with a negative figure in Section 二 (not read)", .valid) {
            $0.setting(["edition"], to: .string("2019")).setting(["proactive", "licensing"], to: .integer(-1))
        }
        add("2019 edition with a null Section 二", .invalid) {
            $0.setting(["edition"], to: .string("2019")).setting(["proactive"], to: .null)
        }
        add("2021 edition with the 2019 Section 二 keys", .invalid) { $0.setting(["proactive"], to: tongfuProactive) }
        add("no edition with the 2019 Section 二 keys", .invalid) {
            $0.setting(["edition"], to: nil).setting(["proactive"], to: tongfuProactive)
        }

        // unit.
        add("unit", .string("城关镇"), .invalid, "wrong type of unit")
        add("unit", .null, .invalid)
        add("unit", nil, .invalid)
        add("unit.name", nil, .invalid)
        add("unit.county", nil, .invalid)
        add("unit.name", .string(""), .invalid)
        add("unit.name", .string(" \u{3000}\t\n\u{0B}\u{85}\u{2028}"), .invalid, "white space only")
        add("unit.name", .string("\u{200B}\u{FEFF}\u{200E}"), .invalid, "format characters only")
        add("unit.name", .string(" 城关镇 "), .valid)
        add("unit.name", .string("\t\u{200E}城关镇\u{FEFF}\n"), .valid, "white space and format characters trimmed")
        add("unit.name", .string("城 关\u{200B}镇"), .valid, "inner space and format character kept")
        add("unit.name", .string("城\t关镇"), .invalid, "inner control character")
        add("unit.name", .string("城关镇\u{01}"), .invalid, "control character at the end")
        add("unit.name", .string("\u{7F}城关镇"), .invalid, "DEL at the start")
        add("unit.name", .integer(1), .invalid)
        add("unit.county", .string(""), .valid, "the county may be empty")
        add("unit.county", .string(" \u{200B}"), .valid, "the county may be empty after trimming")
        add("unit.county", .string("平罗\u{07}县"), .invalid, "control character")
        add("unit.county", .null, .invalid)
        add("unit.code", .string("64022110"), .invalid, "8 digits")
        add("unit.code", .string("64022110012"), .invalid, "11 digits")
        add("unit.code", .string("640221100001"), .valid, "12 digits")
        add("unit.code", .string(" 640221100\t"), .valid, "spaces are trimmed")
        add("unit.code", .string("\n640221100"), .invalid, "line breaks are not trimmed")
        add("unit.code", .string("640221100\n"), .invalid, "line breaks are not trimmed")
        add("unit.code", .string("６４０２２１１００"), .invalid, "full-width digits")
        add("unit.code", .integer(640_221_100), .invalid, "a number")
        add("unit.code", .null, .valid)
        add("unit.code", nil, .valid)

        // year.
        add("year", .integer(1999), .invalid)
        add("year", .integer(2101), .invalid)
        add("year", .string("2024"), .invalid)
        add("year", .number("2024.0"), .valid, "a whole number")
        add("year", .number("2.024e3"), .valid, "a whole number")
        add("year", .number("2024.5"), .invalid)
        add("year", nil, .invalid)

        // publishedOn.
        add("publishedOn", .string("2025/01/15"), .invalid, "bad format")
        add("publishedOn", .string("2025-1-15"), .invalid, "bad format")
        add("publishedOn", .string("2025-02-30"), .invalid, "no such day")
        add("publishedOn", .string("2025-02-29"), .invalid, "not a leap year")
        add("publishedOn", .string("2024-02-29"), .valid, "leap year")
        add("publishedOn", .string("2100-02-29"), .invalid, "not a leap year")
        add("publishedOn", .string("2000-02-29"), .valid, "leap year")
        add("publishedOn", .string("2025-13-01"), .invalid)
        add("publishedOn", .string("0000-01-01"), .invalid)
        add("publishedOn", .string("2025-01-15T09:30:00+08:00"), .valid)
        add("publishedOn", .string("2025-01-15 09:30"), .valid)
        add("publishedOn", .string("2025-01-15T23:59:60.5Z"), .valid)
        add("publishedOn", .string("2025-01-15T09:30+0800"), .valid)
        add("publishedOn", .string("2025-01-15T24:00"), .invalid)
        add("publishedOn", .string("2025-01-15T09:60"), .invalid)
        add("publishedOn", .string("2025-01-15T09:30+15:00"), .invalid)
        add("publishedOn", .string("2025-01-15T09:30+08"), .invalid)
        add("publishedOn", .string("2025-01-15T09"), .invalid)
        add("publishedOn", .string("2025-01-15t09:30"), .invalid)
        add("publishedOn", .string("2025-01-15T09:30:00.Z"), .valid, "the decoder allows an empty fraction")
        add("publishedOn", .string("2025-01-15\n"), .invalid, "ECMA-262 $ is the end of input")
        add("publishedOn", .string(""), .invalid)
        add("publishedOn", .integer(20_250_115), .invalid)
        add("publishedOn", .null, .valid, "unknown")
        add("sourceUrl", .integer(5), .invalid)
        add("sourceUrl", .null, .valid)

        // Amounts: feesTenThousandYuan (万元) and informationProcessingFeeYuan.
        add("proactive.feesTenThousandYuan", .number("0.75"), .valid)
        add("informationProcessingFeeYuan", .number("1.25"), .valid)
        add("proactive.feesTenThousandYuan", .number("1.0000001"), .invalid, "7 decimal places")
        add("proactive.feesTenThousandYuan", .number("1.000001"), .valid, "6 decimal places")
        add("proactive.feesTenThousandYuan", .number("1.2500000"), .valid, "7 places written, but trailing zeros")
        add("proactive.feesTenThousandYuan", .number("-1.25"), .invalid, "negative fee")
        add("proactive.feesTenThousandYuan", .string("1.25"), .invalid)
        add("proactive.feesTenThousandYuan", .number("1e-7"), .invalid)
        add("proactive.feesTenThousandYuan", .number("1.5e3"), .valid)
        add("proactive.feesTenThousandYuan", .number("1e10"), .invalid, "above the maximum")
        add("proactive.feesTenThousandYuan", .integer(10_000_000), .valid, "the amount maximum")
        add("proactive.feesTenThousandYuan", .number("10000000.000001"), .invalid, "above the amount maximum")
        add("proactive.feesTenThousandYuan", .integer(1_000_000_000), .invalid, "the count maximum is above the amount maximum")
        add("proactive.feesTenThousandYuan", .number("1e+000000001"), .valid, "10: leading zeros in the exponent")
        add("informationProcessingFeeYuan", .integer(10_000_000), .valid, "the amount maximum")
        add("informationProcessingFeeYuan", .integer(10_000_001), .invalid, "above the amount maximum")
        add("proactive.feesTenThousandYuan", .null, .invalid)
        add("informationProcessingFeeYuan", .number("0.5"), .valid)
        add("informationProcessingFeeYuan", .integer(-1), .invalid)
        add("informationProcessingFeeYuan", .null, .valid)
        add("informationProcessingFeeYuan", .number("12.1234567"), .invalid)

        // narrative.
        add("narrative", .null, .valid)
        add("narrative", .string("无"), .invalid)
        add("narrative.problems", .integer(3), .invalid)
        add("narrative.problems", .null, .valid)

        // The document itself.
        add("a top-level array", .invalid) { .array([$0]) }
        add("a top-level string", .invalid) { _ in .string("report") }
        return m
    }()

    func testSchemaAndDecoderAgreeOnMutations() throws {
        let base = try JSONParser.parse(try Self.bytes("inputs/json/2024/chengguan.json"))
        XCTAssertGreaterThanOrEqual(Self.mutations.count, 25)
        for mutation in Self.mutations {
            let doc = mutation.apply(base)
            if mutation.name != "unchanged" { XCTAssertFalse(doc == base, "\(mutation.name): the mutation changed nothing") }
            let bytes = Array(JSONWriter.write(doc).utf8)
            let (schema, errors) = Self.schemaVerdict(bytes)
            let (decoder, why) = Self.decoderVerdict(bytes, year: 2024)
            XCTAssertEqual(schema, decoder, "\(mutation.name): schema says \(schema) \(errors.prefix(3)), decoder: \(why)")
            XCTAssertEqual(decoder, mutation.expected, "\(mutation.name): decoder: \(why)")
        }
    }

    /// Changes made to the text rather than the tree: both sides see a file that is not JSON.
    func testSchemaAndDecoderAgreeOnBrokenText() throws {
        let text = String(decoding: try Self.bytes("inputs/json/2024/chengguan.json"), as: UTF8.self)
        let cases: [(String, [UInt8])] = [
            ("duplicate key", Array(text.replacingOccurrences(of: "\"year\": 2024,", with: "\"year\": 2024, \"year\": 2024,").utf8)),
            ("truncated", Array(text.utf8.prefix(500))),
            ("not UTF-8", Array(text.utf8).map { $0 == 0xE9 ? 0xFF : $0 }),
            ("trailing text", Array((text + "x").utf8)),
            ("BOM (allowed)", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
        ]
        for (name, bytes) in cases {
            let (schema, errors) = Self.schemaVerdict(bytes)
            let (decoder, why) = Self.decoderVerdict(bytes, year: 2024)
            XCTAssertEqual(schema, decoder, "\(name): schema says \(schema) \(errors.prefix(3)), decoder: \(why)")
            XCTAssertEqual(decoder, name.hasPrefix("BOM") ? .valid : .invalid, "\(name): \(why)")
        }
    }

    /// What the schema cannot express, pinned so that a change on either side is noticed: the
    /// decoder rejects these, the schema accepts them.
    func testDocumentedGaps() throws {
        let base = try JSONParser.parse(try Self.bytes("inputs/json/2024/chengguan.json"))
        let gaps: [(String, JSONValue)] = [
            // The folder's year is context the schema does not have.
            ("year = 2023 in the 2024 folder", base.setting(["year"], to: .integer(2023))),
            // The name classes list BMP characters only: ECMA-262 (without the u flag) and ICU have
            // no common way to write a character beyond U+FFFF in a class, so a name made only of
            // such format characters (here U+E0001 LANGUAGE TAG) passes the schema.
            ("unit.name = U+E0001", base.setting(["unit", "name"], to: .string("\u{E0001}"))),
        ]
        for (name, doc) in gaps {
            let bytes = Array(JSONWriter.write(doc).utf8)
            let (schema, errors) = Self.schemaVerdict(bytes)
            let (decoder, _) = Self.decoderVerdict(bytes, year: 2024)
            XCTAssertEqual(schema, .valid, "\(name): \(errors)")
            XCTAssertEqual(decoder, .invalid, "\(name): the decoder now accepts it; move it to the mutations")
        }
    }

    /// The validator itself, on keywords whose edge cases the report mutations do not reach.
    func testValidatorBasics() throws {
        func valid(_ schema: String, _ instance: String) throws -> Bool {
            SchemaValidator(root: try JSONParser.parse(schema)).errors(try JSONParser.parse(instance)).isEmpty
        }
        XCTAssertTrue(try valid(#"{"type": "integer"}"#, "1.0"))
        XCTAssertTrue(try valid(#"{"type": "integer"}"#, "1e3"))
        XCTAssertFalse(try valid(#"{"type": "integer"}"#, "1.5"))
        XCTAssertTrue(try valid(#"{"type": "number"}"#, "1"))
        XCTAssertTrue(try valid(#"{"type": ["string", "null"]}"#, "null"))
        XCTAssertFalse(try valid(#"{"type": ["string", "null"]}"#, "0"))
        XCTAssertTrue(try valid(#"{"const": 1}"#, "1.0"))
        XCTAssertTrue(try valid(#"{"enum": ["a", null]}"#, "null"))
        XCTAssertFalse(try valid(#"{"enum": ["a", null]}"#, "\"b\""))
        XCTAssertTrue(try valid(#"{"minimum": 0}"#, "-0.0"))
        XCTAssertFalse(try valid(#"{"minimum": 0}"#, "-1e-300"))
        XCTAssertTrue(try valid(#"{"maximum": 1000000000}"#, "1e9"))
        XCTAssertFalse(try valid(#"{"maximum": 1000000000}"#, "1000000000.000001"))
        XCTAssertTrue(try valid(#"{"minimum": 0}"#, "\"not a number\""))
        XCTAssertTrue(try valid(#"{"multipleOf": 0.000001}"#, "0.1234560"))
        XCTAssertFalse(try valid(#"{"multipleOf": 0.000001}"#, "0.0000001"))
        XCTAssertTrue(try valid(#"{"multipleOf": 0.000001}"#, "12e-6"))
        XCTAssertTrue(try valid(#"{"minLength": 2}"#, #""城关""#))
        XCTAssertFalse(try valid(#"{"minLength": 3}"#, #""城关""#))
        XCTAssertTrue(try valid(#"{"pattern": "^a$"}"#, #""a""#))
        XCTAssertFalse(try valid(#"{"pattern": "^a$"}"#, #""a\n""#))
        XCTAssertTrue(try valid(#"{"required": ["a"], "properties": {"a": {"type": "null"}}}"#, #"{"a": null, "b": 1}"#))
        XCTAssertFalse(try valid(#"{"required": ["a"]}"#, #"{"b": 1}"#))
        XCTAssertTrue(try valid(#"{"required": ["a"]}"#, "[]"))
        XCTAssertTrue(try valid(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#, "null"))
        XCTAssertFalse(try valid(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#, "1"))
        let ifElse = #"{"if": {"properties": {"e": {"const": "x"}}, "required": ["e"]}, "then": {"required": ["t"]}, "else": {"required": ["f"]}}"#
        XCTAssertTrue(try valid(ifElse, #"{"e": "x", "t": 1}"#))
        XCTAssertFalse(try valid(ifElse, #"{"e": "x", "f": 1}"#))
        XCTAssertTrue(try valid(ifElse, #"{"f": 1}"#))
        XCTAssertFalse(try valid(ifElse, #"{"e": "y", "t": 1}"#))
    }
}

// MARK: - A small JSON Schema (2020-12) validator

/// Validates a `JSONValue` against a schema using only type, properties, required, const, enum,
/// minimum, maximum, multipleOf (a power of ten), minLength, pattern, anyOf and if/then/else;
/// annotations ($schema, $id, title, description) are ignored. Numbers are compared as exact
/// decimals. Patterns are ECMA-262 per the spec, run with NSRegularExpression (ICU): the only
/// difference the schema could meet, `$` also matching before a final line break in ICU, is
/// removed by reading an unescaped `$` outside a class as `\z`.
struct SchemaValidator {
    let root: JSONValue

    static let applicators: Set<String> = ["properties", "anyOf", "if", "then", "else"]
    static let assertions: Set<String> = [
        "type", "required", "const", "enum", "minimum", "maximum", "multipleOf", "minLength", "pattern",
    ]
    static let annotations: Set<String> = ["$schema", "$id", "title", "description"]

    /// Keywords (with their schema paths) that this validator would silently ignore.
    static func unsupported(in schema: JSONValue, at path: String = "#") -> [String] {
        guard case .object(let members) = schema else { return schema == .bool(true) || schema == .bool(false) ? [] : ["\(path): not a schema"] }
        var out: [String] = []
        for (k, v) in members {
            let here = "\(path)/\(k)"
            switch k {
            case "properties":
                guard case .object(let props) = v else { out.append("\(here): not an object"); continue }
                for (name, sub) in props { out += unsupported(in: sub, at: "\(here)/\(name)") }
            case "anyOf":
                guard case .array(let subs) = v, !subs.isEmpty else { out.append("\(here): not a non-empty array"); continue }
                for (i, sub) in subs.enumerated() { out += unsupported(in: sub, at: "\(here)/\(i)") }
            case "if", "then", "else":
                out += unsupported(in: v, at: here)
            case "multipleOf":
                if let d = Decimal10(v), d.digits == [1], !d.negative { continue }
                out.append("\(here): only powers of ten are supported")
            default:
                if !assertions.contains(k) && !annotations.contains(k) { out.append(here) }
            }
        }
        return out
    }

    func errors(_ instance: JSONValue) -> [String] {
        var out: [String] = []
        validate(instance, root, "", &out)
        return out
    }

    private func validate(_ v: JSONValue, _ schema: JSONValue, _ path: String, _ out: inout [String]) {
        switch schema {
        case .bool(true): return
        case .bool(false): out.append("\(path): nothing is allowed here"); return
        case .object: break
        default: out.append("\(path): bad schema"); return
        }
        func fail(_ message: String) { out.append("\(path.isEmpty ? "(top)" : path): \(message)") }

        if let t = schema["type"] {
            let names: [String]
            switch t {
            case .string(let s): names = [s]
            case .array(let items): names = items.compactMap { if case .string(let s) = $0 { return s }; return nil }
            default: names = []
            }
            if !names.contains(where: { Self.hasType(v, $0) }) { fail("expected type \(names), found \(v.shortDescription)") }
        }
        if let c = schema["const"], !Self.equal(v, c) { fail("expected \(c.shortDescription), found \(v.shortDescription)") }
        if case .array(let options)? = schema["enum"], !options.contains(where: { Self.equal(v, $0) }) {
            fail("expected one of \(options.map(\.shortDescription)), found \(v.shortDescription)")
        }
        if let x = Decimal10(v) {
            if let m = schema["minimum"].flatMap(Decimal10.init), x < m { fail("expected ≥ \(m), found \(v.shortDescription)") }
            if let m = schema["maximum"].flatMap(Decimal10.init), m < x { fail("expected ≤ \(m), found \(v.shortDescription)") }
            if let m = schema["multipleOf"].flatMap(Decimal10.init), !x.isMultiple(ofPowerOfTen: m) {
                fail("expected a multiple of \(m), found \(v.shortDescription)")
            }
        }
        if case .string(let s) = v {
            if case .integer(let n)? = schema["minLength"], s.unicodeScalars.count < n { fail("expected at least \(n) characters") }
            if case .string(let p)? = schema["pattern"], !Self.matches(s, p) { fail("expected to match /\(p)/, found \(v.shortDescription)") }
        }
        if case .object(let members) = v {
            if case .array(let req)? = schema["required"] {
                for case .string(let k) in req where !members.contains(where: { $0.0 == k }) { fail("missing required key \"\(k)\"") }
            }
            if case .object(let props)? = schema["properties"] {
                for (k, sub) in props {
                    if let child = members.first(where: { $0.0 == k })?.1 {
                        validate(child, sub, path.isEmpty ? k : "\(path).\(k)", &out)
                    }
                }
            }
        }
        if case .array(let subs)? = schema["anyOf"] {
            var all: [String] = []
            var ok = false
            for sub in subs {
                var e: [String] = []
                validate(v, sub, path, &e)
                if e.isEmpty { ok = true; break }
                all += e
            }
            if !ok { fail("matches none of anyOf: \(all)") }
        }
        if let cond = schema["if"] {
            var e: [String] = []
            validate(v, cond, path, &e)
            if let branch = e.isEmpty ? schema["then"] : schema["else"] { validate(v, branch, path, &out) }
        }
    }

    static func hasType(_ v: JSONValue, _ type: String) -> Bool {
        switch (type, v) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .integer), ("number", .number): return true
        case ("integer", .integer): return true
        case ("integer", .number): return Decimal10(v)?.isWhole ?? false
        default: return false
        }
    }

    /// JSON Schema equality: numbers by value, objects regardless of member order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = Decimal10(a), let y = Decimal10(b) { return x == y }
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.string(x), .string(y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (.object(x), .object(y)):
            return x.count == y.count && x.allSatisfy { k, v in y.first(where: { $0.0 == k }).map { equal(v, $0.1) } ?? false }
        default: return false
        }
    }

    static func matches(_ s: String, _ pattern: String) -> Bool {
        // ECMA-262 `$` (no multiline flag) is the end of input; ICU's also matches before a final
        // line terminator. Rewrite unescaped `$` outside character classes as `\z`.
        var icu = ""
        var escaped = false, inClass = false
        for ch in pattern {
            if escaped { icu.append(ch); escaped = false; continue }
            switch ch {
            case "\\": escaped = true; icu.append(ch)
            case "[": inClass = true; icu.append(ch)
            case "]": inClass = false; icu.append(ch)
            case "$" where !inClass: icu += "\\z"
            default: icu.append(ch)
            }
        }
        guard let re = try? NSRegularExpression(pattern: icu) else { return false }
        return re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }
}

/// An exact decimal: (-1)^negative × digits × 10^exponent, digits without leading or trailing
/// zeros (empty for zero), so equal values have equal representations.
struct Decimal10: Equatable, Comparable, CustomStringConvertible {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int

    init?(_ v: JSONValue) {
        switch v {
        case .integer(let n): self.init(literal: String(n))
        case .number(let s): self.init(literal: s)
        default: return nil
        }
    }

    init?(literal text: String) {
        var s = Substring(text)
        negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        var mantissa = s
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            var tail = s[s.index(after: e)...]
            let minus = tail.hasPrefix("-")
            if tail.hasPrefix("-") || tail.hasPrefix("+") { tail = tail.dropFirst() }
            guard !tail.isEmpty, tail.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            // Leading zeros say nothing; exponents beyond ±10^12 are clamped: far outside anything compared here.
            tail = tail.drop { $0 == "0" }
            let magnitude = tail.count > 12 ? 1_000_000_000_000 : tail.isEmpty ? 0 : Int(tail)!
            exp = minus ? -magnitude : magnitude
        }
        var ds: [UInt8] = []
        var fraction = 0, dot = false
        for ch in mantissa.utf8 {
            if ch == UInt8(ascii: ".") { guard !dot else { return nil }; dot = true; continue }
            guard ch >= 48 && ch <= 57 else { return nil }
            ds.append(ch - 48)
            if dot { fraction += 1 }
        }
        guard !ds.isEmpty else { return nil }
        exp -= fraction
        while ds.first == 0 { ds.removeFirst() }
        while ds.last == 0 { ds.removeLast(); exp += 1 }
        if ds.isEmpty { negative = false; exp = 0 }
        digits = ds
        exponent = exp
    }

    var isZero: Bool { digits.isEmpty }
    var isWhole: Bool { isZero || exponent >= 0 }

    /// Whether self is an integer multiple of `m`, which must be a positive power of ten.
    func isMultiple(ofPowerOfTen m: Decimal10) -> Bool {
        precondition(m.digits == [1] && !m.negative, "multipleOf \(m) is not a power of ten")
        return isZero || exponent >= m.exponent
    }

    static func < (a: Decimal10, b: Decimal10) -> Bool {
        if a.negative != b.negative { return a.negative }
        return a.negative ? magnitudeLess(b, a) : magnitudeLess(a, b)
    }

    private static func magnitudeLess(_ a: Decimal10, _ b: Decimal10) -> Bool {
        if a.isZero || b.isZero { return a.isZero && !b.isZero }
        // Compare the position of the leading digit, then the digits themselves.
        let la = a.digits.count + a.exponent, lb = b.digits.count + b.exponent
        if la != lb { return la < lb }
        for k in 0..<max(a.digits.count, b.digits.count) {
            let x = k < a.digits.count ? a.digits[k] : 0
            let y = k < b.digits.count ? b.digits[k] : 0
            if x != y { return x < y }
        }
        return false
    }

    var description: String {
        (negative ? "-" : "") + (isZero ? "0" : digits.map(String.init).joined() + "e\(exponent)")
    }
}

// MARK: - Editing a JSONValue by path

extension JSONValue {
    /// A copy with the member at `path` replaced (nil removes it); missing objects on the way
    /// are created; a key not yet present is appended.
    func setting(_ path: ArraySlice<String>, to value: JSONValue?) -> JSONValue {
        guard let head = path.first else { return value ?? .null }
        var members: [(String, JSONValue)]
        if case .object(let m) = self { members = m } else { members = [] }
        let index = members.firstIndex(where: { $0.0 == head })
        if path.count == 1 {
            if let i = index {
                if let value { members[i].1 = value } else { members.remove(at: i) }
            } else if let value {
                members.append((head, value))
            }
        } else {
            let child = index.map { members[$0].1 } ?? .object([])
            let updated = child.setting(path.dropFirst(), to: value)
            if let i = index { members[i].1 = updated } else { members.append((head, updated)) }
        }
        return .object(members)
    }

    func setting(_ path: [String], to value: JSONValue?) -> JSONValue { setting(path[...], to: value) }
}
