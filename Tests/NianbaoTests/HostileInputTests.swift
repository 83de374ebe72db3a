import Aggregate
import Foundation
import RollupJob
import StrictJSON
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Issue 6, part 1: the "bad input" corpus. Every case copies the bundled inputs, adds one
/// hostile file to `inputs/2024/`, runs a whole rollup (as of 2025-03-01) and checks that
///   - the run completes, and files found == accepted + rejected (one more found than the baseline);
///   - the file is either accepted, carrying the flags a clerk needs, or rejected with a line that
///     names the file, the exact JSON path and what was expected;
///   - the good files' county totals are those of the run without the hostile file (plus the
///     hostile report's own figures when it is a valid report of a roster township);
///   - the workbook opens, every XML part of it is well-formed, and the rejection or flag is a
///     row of 数据问题.
/// Cases are generated in code (a clean made-up 2024 report for 姚伏镇, the one roster township
/// without a 2024 report, bent one way per case), so that huge and binary cases need no files.
final class HostileInputTests: XCTestCase {
    static let asOf = "2025-03-01"
    /// NIANBAO_VERBOSE=1 prints each case's outcome (the decision table of the report).
    static let verbose = ProcessInfo.processInfo.environment["NIANBAO_VERBOSE"] != nil
    static let limit = 4 * 1024 * 1024

    // MARK: - The clean report every case bends

    static let columns = ["naturalPerson", "commercial", "research", "publicInterest", "legalService", "otherOrg", "total"]

    static func breakdown(_ naturalPerson: Int64, _ commercial: Int64) -> JSONValue {
        let v: [Int64] = [naturalPerson, commercial, 0, 0, 0, 0, naturalPerson + commercial]
        return .object(zip(columns, v).map { ($0, .integer($1)) })
    }

    static func insert(_ members: inout [(String, JSONValue)], _ path: ArraySlice<String>, _ leaf: JSONValue) {
        JSONValue.insert(&members, path, leaf)
    }

    /// 姚伏镇 2024, made up: consistent within itself (R1–R4) and with its 2023 report (R5).
    static let report: JSONValue = {
        let used: [String: (Int64, Int64)] = [
            "received": (3, 1), "disclosed": (2, 1), "unavailable.notHeld": (1, 0), "resultTotal": (3, 1),
        ]
        var requests: [(String, JSONValue)] = []
        for row in Catalog.section(.requests).rows {
            let (n, c) = used[row.path.joined(separator: ".")] ?? (0, 0)
            insert(&requests, row.path[...], breakdown(n, c))
        }
        func appeal(_ upheld: Int64) -> JSONValue {
            .object([("upheld", .integer(upheld)), ("corrected", .integer(0)), ("other", .integer(0)),
                     ("pending", .integer(0)), ("total", .integer(upheld))])
        }
        func ints(_ pairs: [(String, Int64)]) -> JSONValue { .object(pairs.map { ($0.0, .integer($0.1)) }) }
        return .object([
            ("schemaVersion", .integer(1)),
            ("edition", .string("2021")),
            ("unit", .object([("name", .string("姚伏镇")), ("code", .string("640221104")), ("county", .string("平罗县"))])),
            ("year", .integer(2024)),
            ("publishedOn", .string("2025-01-20")),
            ("sourceUrl", .string("http://www.pingluo.gov.cn/test/yaofu-2024.html")),
            ("overview", ints([("portalItems", 181), ("wechatItems", 270), ("weiboItems", 150), ("villageNotices", 1000),
                               ("hotlineReplies", 110), ("messageBoardReplies", 5), ("trainingSessions", 4), ("trainees", 30)])),
            ("proactive", .object([
                ("rules", ints([("issued", 0), ("repealed", 0), ("inForce", 0)])),
                ("normativeDocuments", ints([("issued", 2), ("repealed", 1), ("inForce", 12)])),
                ("licensing", .integer(50)), ("penalties", .integer(30)), ("compulsoryMeasures", .integer(2)),
                ("feesTenThousandYuan", .number("0.75")),
            ])),
            ("requests", .object(requests)),
            ("appeals", .object([("review", appeal(1)), ("litigationDirect", appeal(0)), ("litigationAfterReview", appeal(0))])),
            ("narrative", .object([
                ("overview", .string("2024年，姚伏镇（测试用虚构数据）通过门户网站公开信息181条，微信公众号推送270条，微博发布150条，村（社区）公开栏公示1000条。")),
                ("problems", .string("测试用虚构数据：一是重点项目招投标过程信息公开仍不及时；二是个别村级公开栏更新滞后。下一步将建立项目信息公开台账，按月督促村级公开栏更新。")),
                ("otherMatters", .string("本年度在政府信息公开申请办理中未收取信息处理费。")),
            ])),
            ("informationProcessingFeeYuan", .integer(0)),
        ])
    }()

    /// The same report from a unit not on the roster (no code): accepted, flagged 名册外, not summed.
    /// A report from a unit off the roster; its prose does not open with 姚伏镇 (that would be 单位错误).
    static let stranger = with(with(with(report, "unit.name", .string("测试农场")), "unit.code", nil), "narrative.overview",
                               .string("2024年，本单位（测试用虚构数据）通过门户网站公开信息181条，微信公众号推送270条，微博发布150条，村（社区）公开栏公示1000条。"))

    /// `value` with the member at a dotted path replaced (appended when absent; removed for nil).
    static func with(_ value: JSONValue, _ dotted: String, _ new: JSONValue?) -> JSONValue {
        func go(_ v: JSONValue, _ path: ArraySlice<Substring>) -> JSONValue {
            guard case .object(var members) = v, let head = path.first.map(String.init) else { return v }
            let k = members.firstIndex(where: { $0.0 == head })
            if path.count == 1 {
                switch (k, new) {
                case let (k?, n?): members[k].1 = n
                case let (k?, nil): members.remove(at: k)
                case let (nil, n?): members.append((head, n))
                case (nil, nil): break
                }
            } else if let k {
                members[k].1 = go(members[k].1, path.dropFirst())
            }
            return .object(members)
        }
        return go(value, dotted.split(separator: ".")[...])
    }

    static func text(_ v: JSONValue) -> String { JSONWriter.write(v) }
    static func bytes(_ v: JSONValue) -> [UInt8] { Array(text(v).utf8) }

    /// The report's text with the first `"@@"` replaced by raw bytes (for bytes JSON cannot spell).
    static func splice(_ v: JSONValue, _ raw: [UInt8]) -> [UInt8] {
        let b = bytes(v), marker = Array("@@".utf8)
        let at = (0..<(b.count - 1)).first { b[$0] == marker[0] && b[$0 + 1] == marker[1] }!
        return Array(b[..<at]) + raw + Array(b[(at + 2)...])
    }

    // MARK: - Running a case

    struct Run {
        let inputs: URL
        let xlsx: URL
        let summary: JSONValue
        let bytesRead: Int?
        let seconds: Double
    }

    /// One rollup of `inputs` into `<scratch>/out`, in process, or through the CLI as user
    /// nobody (so that file permissions bind even when the tests run as root).
    static func rollup(_ inputs: URL, asNobody: Bool = false) throws -> Run {
        let out = inputs.deletingLastPathComponent().appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let xlsx = out.appendingPathComponent("county.xlsx"), summary = out.appendingPathComponent("county.summary.json")
        let start = Date()
        var bytesRead: Int? = nil
        if asNobody {
            chmod(out.path, 0o777)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Fixtures.executable.path,
                           inputs.path, "--year", "2024", "--as-of", asOf, "--xlsx", xlsx.path, "--summary", summary.path, "--quiet"]
            let err = Pipe()
            p.standardError = err
            try p.run()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else {
                throw CLIFailure(description: "nianbao as nobody exited \(p.terminationStatus): \(String(decoding: e, as: UTF8.self))")
            }
        } else {
            var o = RollupJob.Options(inputs: inputs, year: 2024)
            o.asOf = CalendarDate(iso: asOf)
            o.xlsx = xlsx
            o.summary = summary
            bytesRead = try RollupJob.run(o).bytesRead
        }
        let seconds = Date().timeIntervalSince(start)
        let json = try JSONParser.parse([UInt8](Data(contentsOf: summary)))
        return Run(inputs: inputs, xlsx: xlsx, summary: json, bytesRead: bytesRead, seconds: seconds)
    }

    struct CLIFailure: Error, CustomStringConvertible { let description: String }

    /// The run without any hostile file, once.
    struct Baseline: Sendable {
        let figures: [String: Decimal]
        let found: Int64, accepted: Int64, rejected: Int64
        let bytesRead: Int
        let statuses: [String: String]
    }

    static let baseline: Baseline = {
        let inputs = Fixtures.copyOfInputs("hostileBaseline")
        defer { try? FileManager.default.removeItem(at: inputs.deletingLastPathComponent()) }
        let run = try! rollup(inputs)
        let files = counts(run.summary)
        var statuses: [String: String] = [:]
        for t in townships(run.summary) { statuses[t["name"]!.string!] = t["status"]!.string! }
        return Baseline(figures: figures(run.summary["totals"]!), found: files.found, accepted: files.accepted,
                        rejected: files.rejected, bytesRead: run.bytesRead!, statuses: statuses)
    }()

    static func counts(_ summary: JSONValue) -> (found: Int64, accepted: Int64, rejected: Int64) {
        let f = summary["files"]!
        return (f["found"]!.int!, f["accepted"]!.int!, f["rejected"]!.int!)
    }

    static func townships(_ summary: JSONValue) -> [JSONValue] { summary["townships"]?.array ?? [] }

    /// Every figure of the four sections as dotted path → exact decimal (null leaves skipped).
    static func figures(_ v: JSONValue) -> [String: Decimal] {
        var out: [String: Decimal] = [:]
        func walk(_ v: JSONValue, _ prefix: String) {
            switch v {
            case .object(let m): for (k, x) in m { walk(x, prefix.isEmpty ? k : "\(prefix).\(k)") }
            case .integer(let n): out[prefix] = Decimal(n)
            case .number(let s): out[prefix] = Decimal(string: s)
            default: break
            }
        }
        for section in ["overview", "proactive", "requests", "appeals"] {
            if let s = v[section] { walk(s, section) }
        }
        return out
    }

    enum Content {
        case bytes([UInt8])
        case report(JSONValue)
        /// Makes the entry itself, given its path and the inputs folder.
        case make((String, URL) throws -> Void)
    }

    enum Expect {
        case rejected(path: String, saying: String)
        /// Accepted as `township`, carrying at least `flags` (rule, path); its figures join the
        /// totals when `adds` is given (a roster township's report).
        case accepted(township: String, flags: [(String, String)] = [], adds: JSONValue? = nil,
                      status: String? = nil, publishedOn: String? = nil, daysLate: Int64? = nil)
        /// Not a report file at all (hidden): not counted as found.
        case ignored
    }

    struct Checked {
        let run: Run
        let workbook: WorkbookReader
        let township: JSONValue?
        let rejection: JSONValue?
    }

    /// Adds `content` as `inputs/2024/<name>`, rolls up, and checks everything the issue asks.
    @discardableResult
    func check(_ name: String, _ content: Content, _ expect: Expect, shownAs: String? = nil, asNobody: Bool = false,
               file: StaticString = #filePath, line: UInt = #line) throws -> Checked {
        let base = Self.baseline
        let inputs = Fixtures.copyOfInputs("hostile-\(name)")
        let scratch = inputs.deletingLastPathComponent()
        addTeardownBlock {
            _ = chmod(scratch.path, 0o755)
            try? FileManager.default.removeItem(at: scratch)
        }
        let path = inputs.appendingPathComponent("2024").appendingPathComponent(name).path
        switch content {
        case .bytes(let b): try Data(b).write(to: URL(fileURLWithPath: path))
        case .report(let v): try Data(Self.bytes(v)).write(to: URL(fileURLWithPath: path))
        case .make(let make): try make(path, inputs)
        }

        let run = try Self.rollup(inputs, asNobody: asNobody)
        keepWorkbook(run.xlsx, name)
        let relative = "2024/" + (shownAs ?? name)
        let files = Self.counts(run.summary)
        XCTAssertEqual(files.found, files.accepted + files.rejected, "found ≠ accepted + rejected", file: file, line: line)
        let wb = try WorkbookReader(path: run.xlsx.path)
        Self.assertWellFormed(wb, file: file, line: line)
        let problems = wb["数据问题"]?.rows ?? []
        XCTAssertFalse(problems.isEmpty, "no sheet 数据问题", file: file, line: line)
        let figures = Self.figures(run.summary["totals"]!)
        var township: JSONValue? = nil, rejection: JSONValue? = nil

        switch expect {
        case .ignored:
            XCTAssertEqual(files.found, base.found, "a hidden file was counted", file: file, line: line)
            XCTAssertEqual(figures, base.figures, file: file, line: line)

        case let .rejected(jsonPath, saying):
            XCTAssertEqual(files.found, base.found + 1, file: file, line: line)
            XCTAssertEqual(files.accepted, base.accepted, "the hostile file was accepted", file: file, line: line)
            XCTAssertEqual(files.rejected, base.rejected + 1, file: file, line: line)
            rejection = run.summary["rejected"]?.array?.first { $0["file"]?.string == relative }
            guard let r = rejection else {
                XCTFail("\(relative) is not among the rejected: \(run.summary["rejected"]?.shortDescription ?? "")", file: file, line: line)
                return Checked(run: run, workbook: wb, township: nil, rejection: nil)
            }
            let message = r["message"]?.string ?? ""
            if Self.verbose { print("[hostile] \(relative): \(r["path"]?.string ?? ""): \(message.prefix(400))") }
            XCTAssertEqual(r["path"]?.string, jsonPath, "path of: \(message.prefix(300))", file: file, line: line)
            XCTAssertTrue(message.hasPrefix("expected "), "message not of the form expected …, found …: \(message.prefix(300))", file: file, line: line)
            XCTAssertTrue(message.contains(" found") || message.contains("found "), "message says nothing of what was found: \(message.prefix(300))", file: file, line: line)
            XCTAssertTrue(message.contains(saying), "message \(message.prefix(300)) does not say \(saying)", file: file, line: line)
            XCTAssertLessThan(message.count, 1000, "message too long for a clerk", file: file, line: line)
            XCTAssertEqual(figures, base.figures, "the county totals moved", file: file, line: line)
            let row = problems.first { row in
                row.contains(.text(relative)) && (jsonPath.isEmpty || row.contains(.text(jsonPath)))
                    && row.contains { ($0.text ?? "").contains(saying) }
            }
            XCTAssertNotNil(row, "数据问题 has no row for the rejection of \(relative)", file: file, line: line)

        case let .accepted(name, flags, adds, status, publishedOn, daysLate):
            XCTAssertEqual(files.found, base.found + 1, file: file, line: line)
            XCTAssertEqual(files.accepted, base.accepted + 1, "the hostile file was not accepted: \(run.summary["rejected"]?.shortDescription ?? "") \(Self.rejectionLines(run.summary))", file: file, line: line)
            XCTAssertEqual(files.rejected, base.rejected, file: file, line: line)
            township = Self.townships(run.summary).first { $0["file"]?.string == relative }
            guard let t = township else {
                XCTFail("no township is read from \(relative)", file: file, line: line)
                return Checked(run: run, workbook: wb, township: nil, rejection: nil)
            }
            XCTAssertEqual(t["name"]?.string, name, file: file, line: line)
            if Self.verbose { print("[hostile] \(relative): accepted as \(name.prefix(40)), \(t["status"]?.string ?? ""), counted \(t["counted"]?.shortDescription ?? ""), flags \((t["flags"]?.array ?? []).map { "\($0["rule"]?.string ?? "")@\($0["path"]?.string ?? "")" })") }
            let given = (t["flags"]?.array ?? []).map { ($0["rule"]?.string ?? "", $0["path"]?.string ?? "") }
            for (rule, flagPath) in flags {
                XCTAssertTrue(given.contains { $0 == (rule, flagPath) }, "no flag \(rule) at \(flagPath) among \(given)", file: file, line: line)
                let row = problems.first { row in
                    row.contains(.text(relative)) && row.contains(.text(rule)) && (flagPath.isEmpty || row.contains(.text(flagPath)))
                }
                XCTAssertNotNil(row, "数据问题 has no row for flag \(rule) at \(flagPath)", file: file, line: line)
            }
            if let adds {
                XCTAssertEqual(t["counted"], .bool(true), file: file, line: line)
                var expected = base.figures
                for (k, v) in Self.figures(adds) where expected[k] != nil { expected[k]! += v }
                XCTAssertEqual(figures, expected, "totals ≠ baseline + this report's figures", file: file, line: line)
                let errors = (t["flags"]?.array ?? []).filter { $0["severity"]?.string == "error" }
                XCTAssertEqual(errors.count, 0, "a clean report got errors: \(errors.map(\.shortDescription))", file: file, line: line)
            } else {
                XCTAssertEqual(figures, base.figures, "the county totals moved", file: file, line: line)
            }
            if let status { XCTAssertEqual(t["status"]?.string, status, file: file, line: line) }
            if let publishedOn { XCTAssertEqual(t["publishedOn"]?.string, publishedOn, file: file, line: line) }
            if let daysLate { XCTAssertEqual(t["daysLate"]?.int, daysLate, file: file, line: line) }
            // The good townships are judged as before (the hostile report's own township aside).
            for other in Self.townships(run.summary) where other["file"]?.string != relative {
                if let n = other["name"]?.string, let before = base.statuses[n], n != name {
                    XCTAssertEqual(other["status"]?.string, before, "status of \(n) changed", file: file, line: line)
                }
            }
        }
        return Checked(run: run, workbook: wb, township: township, rejection: rejection)
    }

    static func rejectionLines(_ summary: JSONValue) -> String {
        (summary["rejected"]?.array ?? []).map { "\($0["file"]?.string ?? ""): \($0["path"]?.string ?? ""): \($0["message"]?.string ?? "")" }
            .joined(separator: "\n")
    }

    /// Every XML part of the workbook parses, so Excel will not offer to "repair" it.
    static func assertWellFormed(_ wb: WorkbookReader, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(wb.sheets.isEmpty, "no sheets", file: file, line: line)
        for (name, data) in wb.files where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
            // A stream parser: XMLParser(data:) gives up on parts over about 10 MB (libxml2's limit
            // without XML_PARSE_HUGE); in stream mode parse() can return true with an error set.
            let parser = XMLParser(stream: InputStream(data: data))
            let ok = parser.parse() && parser.parserError == nil
            XCTAssertTrue(ok, "\(name) is not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber))", file: file, line: line)
        }
    }

    /// Every text cell of the workbook, with its sheet.
    static func texts(_ wb: WorkbookReader) -> [(sheet: String, text: String)] {
        wb.sheets.flatMap { s in s.cells.values.compactMap { v in v.text.map { (s.name, $0) } } }
    }

    static let truncationMark = "…［已截断］"

    // MARK: - Not JSON at all

    func testEmptyFile() throws {
        try check("empty.json", .bytes([]), .rejected(path: "", saying: "found an empty file"))
    }

    func testOnlyWhiteSpace() throws {
        try check("blank.json", .bytes(Array(" \n\t\r\n".utf8)), .rejected(path: "", saying: "found only white space"))
    }

    func testTruncatedJSON() throws {
        let text = Self.text(Self.report)
        let cut = text.range(of: "\"naturalPerson\": ")!.upperBound
        try check("truncated.json", .bytes(Array(text[..<cut].utf8)),
                  .rejected(path: "requests.received.naturalPerson", saying: "found the end of the file (truncated?)"))
    }

    func testTrailingGarbage() throws {
        try check("trailing.json", .bytes(Self.bytes(Self.report) + Array("}garbage".utf8)),
                  .rejected(path: "", saying: "expected the end of the file after the JSON value, found '}'"))
    }

    func testTrailingCommaAsHandEditorsLeaveIt() throws {
        var text = Self.text(Self.report)
        text.insert(",", at: text.range(of: "\n}", options: .backwards)!.lowerBound)
        try check("comma.json", .bytes(Array(text.utf8)), .rejected(path: "", saying: "expected a quoted key, found '}'"))
    }

    func testFullWidthColonFromAChineseInputMethod() throws {
        let text = Self.text(Self.report).replacingOccurrences(of: "\"year\": 2024", with: "\"year\"：2024")
        try check("colon.json", .bytes(Array(text.utf8)),
                  .rejected(path: "", saying: "expected ':' after the key \"year\", found '：' (U+FF1A)"))
    }

    func testUTF8ByteOrderMarkIsAccepted() throws {
        try check("bom.json", .bytes([0xEF, 0xBB, 0xBF] + Self.bytes(Self.report)),
                  .accepted(township: "姚伏镇", adds: Self.report, status: "onTime", publishedOn: "2025-01-20", daysLate: 0))
    }

    func testInvalidUTF8InAString() throws {
        let v = Self.with(Self.report, "unit.name", .string("@@"))
        try check("badutf8.json", .bytes(Self.splice(v, [0xC3, 0x28])), .rejected(path: "unit.name", saying: "not UTF-8 (0xC3)"))
    }

    func testInvalidUTF8BetweenTokens() throws {
        let b = Self.bytes(Self.report)
        try check("badbyte.json", .bytes([b[0], 0xFF] + b.dropFirst()), .rejected(path: "", saying: "found a byte that is not UTF-8 (0xFF) at byte 1"))
    }

    func testGBKEncodedFile() throws {
        // "姚伏镇" in GBK is D2 A6 B7 FC D5 F2; D2 A6 happens to be valid UTF-8, B7 is not.
        let v = Self.with(Self.report, "unit.name", .string("@@"))
        try check("gbk.json", .bytes(Self.splice(v, [0xD2, 0xA6, 0xB7, 0xFC, 0xD5, 0xF2])),
                  .rejected(path: "unit.name", saying: "not UTF-8 (0xB7)"))
        let r = try check("gbk2.json", .bytes(Self.splice(v, [0xD2, 0xA6, 0xB7, 0xFC, 0xD5, 0xF2])),
                          .rejected(path: "unit.name", saying: "GBK/GB18030"))
        XCTAssertTrue(r.rejection?["message"]?.string?.contains("save it as UTF-8") ?? false)
    }

    func testUTF16FileAsNotepadSavesIt() throws {
        let units = Array(Self.text(Self.report).utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { u -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try check("utf16.json", .bytes(le), .rejected(path: "", saying: "expected UTF-8 text, found UTF-16 text (byte-order mark FF FE"))
        let be: [UInt8] = units.flatMap { u -> [UInt8] in [UInt8(u >> 8), UInt8(u & 0xFF)] }
        try check("utf16be.json", .bytes(be), .rejected(path: "", saying: "found UTF-16 text (every other byte is NUL)"))
    }

    func testNULByteInsideAString() throws {
        let v = Self.with(Self.report, "narrative.problems", .string("@@"))
        try check("nul.json", .bytes(Self.splice(v, Array("问题".utf8) + [0] + Array("更多".utf8))),
                  .rejected(path: "narrative.problems", saying: "expected no raw control characters in a string, found a NUL byte"))
    }

    func testNULPaddingAfterTheReport() throws {
        // What a crash during a copy often leaves: the right text followed by zeros.
        let b = Self.bytes(Self.report)
        try check("nulpad.json", .bytes(b + [UInt8](repeating: 0, count: 4096)),
                  .rejected(path: "", saying: "found a NUL byte at byte \(b.count)"))
    }

    func testTopLevelArray() throws {
        try check("array.json", .bytes(Array("[".utf8) + Self.bytes(Self.report) + Array("]".utf8)),
                  .rejected(path: "", saying: "expected a JSON object (one report), found an array"))
    }

    func testTopLevelString() throws {
        try check("string.json", .bytes(Array("\"姚伏镇2024年报\"".utf8)),
                  .rejected(path: "", saying: "expected a JSON object (one report), found \"姚伏镇2024年报\""))
    }

    func testLoneSurrogateEscape() throws {
        let v = Self.with(Self.report, "narrative.problems", .string("@@"))
        try check("surrogate.json", .bytes(Self.splice(v, Array("\\ud800".utf8))),
                  .rejected(path: "narrative.problems", saying: "expected a low surrogate after \\ud800"))
    }

    // MARK: - Nesting and size

    func testArrays100000Deep() throws {
        let r = try check("deep.json", .bytes([UInt8](repeating: UInt8(ascii: "["), count: 100_000)),
                          .rejected(path: String(repeating: "[0]", count: 64), saying: "expected at most 64 levels of nesting, found more"))
        XCTAssertLessThan(r.run.seconds, 30)
    }

    func testObjects100000DeepInsideAReport() throws {
        var b = Self.bytes(Self.report)
        b.removeLast(2)   // "}\n"
        b += Array(",\"remarks\":".utf8)
        b += Array(String(repeating: "{\"a\":", count: 100_000).utf8) + Array("0".utf8)
        b += [UInt8](repeating: UInt8(ascii: "}"), count: 100_000) + Array("}".utf8)
        try check("deepobj.json", .bytes(b),
                  .rejected(path: "remarks" + String(repeating: ".a", count: 63), saying: "expected at most 64 levels of nesting"))
    }

    func testOverTheSizeLimitIsNotRead() throws {
        // 8 GiB, sparse: were it read, the run would take minutes and the memory of the machine.
        let r = try check("huge.json", .make { path, _ in
            let fd = open(path, O_WRONLY | O_CREAT, 0o644)
            XCTAssertEqual(ftruncate(fd, 8 << 30), 0)
            close(fd)
        }, .rejected(path: "", saying: "expected at most \(Self.limit) bytes, found \(8 << 30) bytes (not read)"))
        XCTAssertEqual(r.run.bytesRead, Self.baseline.bytesRead, "the oversized file was read")
    }

    func testOneByteOverTheLimit() throws {
        var b = Self.bytes(Self.report)
        b += [UInt8](repeating: UInt8(ascii: " "), count: Self.limit + 1 - b.count)
        try check("over.json", .bytes(b), .rejected(path: "", saying: "found \(Self.limit + 1) bytes (not read)"))
    }

    func testExactlyAtTheLimitIsRead() throws {
        var b = Self.bytes(Self.report)
        b += [UInt8](repeating: UInt8(ascii: " "), count: Self.limit - b.count)
        let r = try check("atlimit.json", .bytes(b), .accepted(township: "姚伏镇", adds: Self.report))
        XCTAssertEqual(r.run.bytesRead, Self.baseline.bytesRead + Self.limit)
    }

    func testMegabytesOfZerosInANumberDoNotHang() throws {
        // "0.000…001" with 3.5 million zeros: a quadratic digit scan took minutes here.
        let v = Self.with(Self.report, "proactive.licensing", .number("0." + String(repeating: "0", count: 3_500_000) + "1"))
        let r = try check("zeros.json", .report(v), .rejected(path: "proactive.licensing", saying: "(a fraction)"))
        XCTAssertLessThan(r.run.seconds, 30)
        XCTAssertTrue(r.rejection?["message"]?.string?.contains("a number written with 3500003 characters") ?? false,
                      String((r.rejection?["message"]?.string ?? "").prefix(300)))
    }

    func testTwoHundredThousandUnknownKeys() throws {
        // 3 MB of stray keys: checking each new key against all before it took hours; and each
        // must not become a line of its own in the workbook.
        guard case .object(var members) = Self.report else { return XCTFail() }
        for k in 0..<200_000 { members.append((String(format: "k%06d", k), .integer(0))) }
        let r = try check("keys.json", .report(.object(members)),
                          .accepted(township: "姚伏镇", flags: [("unknownKey", "k000000"), ("unknownKey", "k000019"), ("unknownKey", "")],
                                    adds: Self.report))
        let unknown = (r.township?["flags"]?.array ?? []).filter { $0["rule"]?.string == "unknownKey" }
        XCTAssertEqual(unknown.count, 21)
        XCTAssertTrue(unknown.last?["message"]?.string?.contains("199980") ?? false, unknown.last?.shortDescription ?? "")
        XCTAssertLessThan(r.run.seconds, 60)
    }

    // MARK: - What is in the folder

    func testDirectoryNamedLikeAReport() throws {
        try check("folder.json", .make { path, _ in try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) },
                  .rejected(path: "", saying: "expected a file, found a directory"))
    }

    func testBrokenSymlink() throws {
        try check("broken.json", .make { path, _ in XCTAssertEqual(symlink("nowhere.json", path), 0) },
                  .rejected(path: "", saying: "expected a file, found a broken symbolic link"))
    }

    func testSymlinkLoop() throws {
        try check("loop.json", .make { path, _ in XCTAssertEqual(symlink("loop.json", path), 0) },
                  .rejected(path: "", saying: "found a symbolic link that loops back on itself"))
    }

    func testSymlinkOutOfTheInputsFolder() throws {
        // A valid report, but outside the folder the county controls: refused all the same.
        try check("outside.json", .make { path, inputs in
            let outside = inputs.deletingLastPathComponent().appendingPathComponent("elsewhere.json")
            try Data(Self.bytes(Self.report)).write(to: outside)
            XCTAssertEqual(symlink(outside.path, path), 0)
        }, .rejected(path: "", saying: "expected a file inside the inputs folder, found a symbolic link to"))
    }

    func testSymlinkWithinTheInputsFolderIsFollowed() throws {
        try check("linked.json", .make { path, inputs in
            let shared = inputs.appendingPathComponent("shared")
            try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
            try Data(Self.bytes(Self.report)).write(to: shared.appendingPathComponent("yaofu.json"))
            XCTAssertEqual(symlink("../shared/yaofu.json", path), 0)
        }, .accepted(township: "姚伏镇", adds: Self.report))
    }

    func testNamedPipeDoesNotHang() throws {
        let r = try check("pipe.json", .make { path, _ in XCTAssertEqual(mkfifo(path, 0o644), 0) },
                          .rejected(path: "", saying: "expected a regular file, found a special file"))
        XCTAssertLessThan(r.run.seconds, 30)
    }

    func testFileWithoutReadPermission() throws {
        let root = geteuid() == 0
        if root && !FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            throw XCTSkip("running as root, where chmod 000 does not stop reading, and setpriv is not there to drop root")
        }
        // As root the rollup runs through the CLI as user nobody, for whom 000 means 000.
        try check("secret.json", .make { path, _ in
            try Data(Self.bytes(Self.report)).write(to: URL(fileURLWithPath: path))
            XCTAssertEqual(chmod(path, 0), 0)
        }, .rejected(path: "", saying: "expected a readable file, found one that cannot be opened (Permission denied)"), asNobody: root)
    }

    func testFileNameThatIsNotUTF8() throws {
        // A GBK name out of a Windows zip: opened by its own bytes, shown with the stray bytes escaped.
        let raw: [UInt8] = [0xFF, 0xFE] + Array("测试.json".utf8)
        try check("raw", .make { _, inputs in
            let folder = Array(inputs.appendingPathComponent("2024").path.utf8) + [UInt8(ascii: "/")]
            let cpath = (folder + raw).map { CChar(bitPattern: $0) } + [0]
            let fd = open(cpath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            XCTAssertGreaterThanOrEqual(fd, 0)
            let b = Self.bytes(Self.stranger)
            XCTAssertEqual(b.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, b.count)
            close(fd)
        }, .accepted(township: "测试农场", flags: [("notOnRoster", "unit.name")]), shownAs: "\\xFF\\xFE测试.json")
    }

    func testHiddenAppleDoubleFileIsNotAReport() throws {
        // macOS leaves "._name" companions on USB sticks; hidden files are not reports.
        try check("._yaofu.json", .bytes([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00] + [UInt8](repeating: 0, count: 4000)), .ignored)
    }

    // MARK: - Numbers

    func testHugeExponent() throws {
        try check("e400.json", .report(Self.with(Self.report, "proactive.licensing", .number("1e400"))),
                  .rejected(path: "proactive.licensing", saying: "expected a whole number ≥ 0 and ≤ 1000000000, found 1e400"))
    }

    func testMinusZeroIsZero() throws {
        let v = Self.with(Self.report, "proactive.rules.issued", .number("-0"))
        try check("minuszero.json", .report(v), .accepted(township: "姚伏镇", adds: Self.report))
    }

    func testWholeNumberWrittenWithAFraction() throws {
        // 50.0 is the whole number 50: spreadsheets and scripts write it so.
        let v = Self.with(Self.report, "proactive.licensing", .number("50.0"))
        try check("fifty.json", .report(v), .accepted(township: "姚伏镇", adds: Self.report))
    }

    func testExponentThatMakesAWholeNumber() throws {
        let v = Self.with(Self.report, "overview.villageNotices", .number("1e3"))
        try check("e3.json", .report(v), .accepted(township: "姚伏镇", adds: Self.report))
    }

    func testFractionWhereACountIsDue() throws {
        try check("fraction.json", .report(Self.with(Self.report, "requests.received.naturalPerson", .number("1.5"))),
                  .rejected(path: "requests.received.naturalPerson", saying: "expected a whole number ≥ 0, found 1.5 (a fraction)"))
    }

    func testTwoToTheSixtyThird() throws {
        try check("p63.json", .report(Self.with(Self.report, "appeals.review.upheld", .number("9223372036854775808"))),
                  .rejected(path: "appeals.review.upheld", saying: "≤ 1000000000, found 9223372036854775808"))
    }

    func testBeyondTwoToTheSixtyFourth() throws {
        try check("p64.json", .report(Self.with(Self.report, "appeals.review.upheld", .number("18446744073709551617"))),
                  .rejected(path: "appeals.review.upheld", saying: "found 18446744073709551617"))
    }

    func testMinusTwoToTheSixtyThird() throws {
        try check("m63.json", .report(Self.with(Self.report, "appeals.review.pending", .integer(Int64.min))),
                  .rejected(path: "appeals.review.pending", saying: "expected a whole number ≥ 0, found -9223372036854775808"))
        try check("m63b.json", .report(Self.with(Self.report, "appeals.review.pending", .number("-9223372036854775809"))),
                  .rejected(path: "appeals.review.pending", saying: "found -9223372036854775809"))
    }

    func testCountsWhoseSumWouldOverflow() throws {
        // Two cells of 2^62 each fit in Int64 but their row's total does not.
        var v = Self.with(Self.report, "requests.received.naturalPerson", .integer(1 << 62))
        v = Self.with(v, "requests.received.commercial", .integer(1 << 62))
        try check("overflow.json", .report(v),
                  .rejected(path: "requests.received.naturalPerson", saying: "≤ 1000000000, found 4611686018427387904"))
    }

    func testLargestCountAccepted() throws {
        // (A cell the prose does not state: 公开栏公示1000条 against 10⁹ would be 文表不符.)
        let v = Self.with(Self.report, "overview.hotlineReplies", .integer(1_000_000_000))
        try check("max.json", .report(v), .accepted(township: "姚伏镇", adds: v))
    }

    func testCountAsADigitString() throws {
        try check("digits.json", .report(Self.with(Self.report, "proactive.penalties", .string("12"))),
                  .rejected(path: "proactive.penalties", saying: "expected a whole number ≥ 0, found \"12\""))
    }

    func testCountInChineseNumerals() throws {
        try check("chinese.json", .report(Self.with(Self.report, "proactive.licensing", .string("十二"))),
                  .rejected(path: "proactive.licensing", saying: "expected a whole number ≥ 0, found \"十二\""))
    }

    func testCountWithYu() throws {
        try check("yu.json", .report(Self.with(Self.report, "overview.villageNotices", .string("1200余"))),
                  .rejected(path: "overview.villageNotices", saying: "found \"1200余\""))
    }

    func testNegativeCount() throws {
        let r = try check("negative.json", .report(Self.with(Self.report, "requests.withheld.stateSecret.commercial", .integer(-3))),
                          .rejected(path: "requests.withheld.stateSecret.commercial", saying: "expected a whole number ≥ 0, found -3"))
        XCTAssertEqual(r.rejection?["message"]?.string, "expected a whole number ≥ 0, found -3")
    }

    func testNegativeFee() throws {
        try check("negfee.json", .report(Self.with(Self.report, "informationProcessingFeeYuan", .integer(-5))),
                  .rejected(path: "informationProcessingFeeYuan", saying: "expected an amount ≥ 0"))
    }

    func testNegativeTenThousandYuan() throws {
        try check("negwan.json", .report(Self.with(Self.report, "proactive.feesTenThousandYuan", .number("-1.25"))),
                  .rejected(path: "proactive.feesTenThousandYuan", saying: "found -1.25"))
    }

    func testNonNumericFee() throws {
        try check("freefee.json", .report(Self.with(Self.report, "informationProcessingFeeYuan", .string("免费"))),
                  .rejected(path: "informationProcessingFeeYuan", saying: "expected an amount ≥ 0 (a number with at most 6 decimal places), found \"免费\""))
    }

    func testFeeWithTooManyDecimalPlaces() throws {
        try check("decimals.json", .report(Self.with(Self.report, "proactive.feesTenThousandYuan", .number("0.1234567"))),
                  .rejected(path: "proactive.feesTenThousandYuan", saying: "(too many decimal places)"))
    }

    func testExponentWithLeadingZeros() throws {
        // 5E00000000001 is 50 and 75e-0000000002 is 0.75: the clean report's own figures.
        var v = Self.with(Self.report, "proactive.licensing", .number("5E00000000001"))
        v = Self.with(v, "proactive.feesTenThousandYuan", .number("75e-0000000002"))
        try check("expzeros.json", .report(v), .accepted(township: "姚伏镇", adds: Self.report))
    }

    func testTenThousandYuanOverTheAmountCap() throws {
        // The cap that keeps a national sum of amounts inside Int64 (10⁷ 万元 a cell).
        let r = try check("overcap.json", .report(Self.with(Self.report, "proactive.feesTenThousandYuan", .number("10000000.000001"))),
                          .rejected(path: "proactive.feesTenThousandYuan", saying: "and ≤ 10000000, found 10000000.000001"))
        XCTAssertEqual(r.rejection?["message"]?.string,
                       "expected an amount ≥ 0 (a number with at most 6 decimal places) and ≤ 10000000, found 10000000.000001")
    }

    func testAmountAtTheOldCountCapIsRejected() throws {
        try check("billionwan.json", .report(Self.with(Self.report, "proactive.feesTenThousandYuan", .integer(1_000_000_000))),
                  .rejected(path: "proactive.feesTenThousandYuan", saying: "and ≤ 10000000, found 1000000000"))
    }

    func testLargestAmountAccepted() throws {
        let v = Self.with(Self.report, "proactive.feesTenThousandYuan", .integer(10_000_000))
        try check("maxwan.json", .report(v), .accepted(township: "姚伏镇", adds: v))
    }

    // MARK: - null

    func testNullWhereAnObjectIsDue() throws {
        try check("nullrequests.json", .report(Self.with(Self.report, "requests", .null)),
                  .rejected(path: "requests", saying: "expected an object, found null"))
        try check("nullunit.json", .report(Self.with(Self.report, "unit", .null)),
                  .rejected(path: "unit", saying: "expected an object, found null"))
    }

    func testNullWhereACountIsDue() throws {
        try check("nullcell.json", .report(Self.with(Self.report, "requests.received.total", .null)),
                  .rejected(path: "requests.received.total", saying: "expected a whole number ≥ 0, found null"))
    }

    func testNullOverviewFigureMeansNotStated() throws {
        let v = Self.with(Self.report, "overview.trainees", .null)
        try check("nulloverview.json", .report(v), .accepted(township: "姚伏镇", adds: v))
    }

    // MARK: - Keys

    func testMissingSchemaVersion() throws {
        try check("nosv.json", .report(Self.with(Self.report, "schemaVersion", nil)),
                  .rejected(path: "schemaVersion", saying: "expected 1, found nothing (the key is required)"))
    }

    func testMissingUnit() throws {
        try check("nounit.json", .report(Self.with(Self.report, "unit", nil)),
                  .rejected(path: "unit", saying: "found nothing (the key is required)"))
    }

    func testMissingUnitName() throws {
        try check("noname.json", .report(Self.with(Self.report, "unit.name", nil)),
                  .rejected(path: "unit.name", saying: "expected the township's name, found nothing"))
    }

    func testMissingUnitCounty() throws {
        try check("nocounty.json", .report(Self.with(Self.report, "unit.county", nil)),
                  .rejected(path: "unit.county", saying: "expected the county's name, found nothing"))
    }

    func testMissingYear() throws {
        try check("noyear.json", .report(Self.with(Self.report, "year", nil)),
                  .rejected(path: "year", saying: "expected the reporting year, found nothing"))
    }

    func testDuplicateTopLevelKey() throws {
        guard case .object(var members) = Self.report else { return XCTFail() }
        members.append(("year", .integer(2023)))
        try check("dupyear.json", .report(.object(members)), .rejected(path: "year", saying: "expected each key once, found \"year\" twice"))
    }

    func testDuplicateNestedKey() throws {
        guard case .object(var row) = Self.breakdown(3, 1) else { return XCTFail() }
        row.append(("total", .integer(5)))
        try check("duptotal.json", .report(Self.with(Self.report, "requests.received", .object(row))),
                  .rejected(path: "requests.received.total", saying: "found \"total\" twice"))
    }

    func testUnknownKeysAreWarnings() throws {
        var v = Self.with(Self.report, "remarks", .string("附件另行报送"))
        v = Self.with(v, "requests.received.foo", .integer(1))
        v = Self.with(v, "unit.township", .string("姚伏"))
        v = Self.with(v, "narrative.summary", .string("略"))
        try check("unknown.json", .report(v), .accepted(township: "姚伏镇", flags: [
            ("unknownKey", "remarks"), ("unknownKey", "requests.received.foo"), ("unknownKey", "unit.township"),
            ("unknownKey", "narrative.summary"),
        ], adds: Self.report))
    }

    func testAbsurdlyLongUnknownKeyIsShownCut() throws {
        let key = String(repeating: "键", count: 50_000)
        let r = try check("longkey.json", .report(Self.with(Self.report, key, .integer(1))),
                          .accepted(township: "姚伏镇", adds: Self.report))
        let flag = r.township?["flags"]?.array?.first { $0["rule"]?.string == "unknownKey" }
        XCTAssertNotNil(flag)
        XCTAssertLessThan(flag?["path"]?.string?.count ?? .max, 200)
        XCTAssertTrue(flag?["path"]?.string?.contains("共50000个字符") ?? false)
    }

    // MARK: - Wrong types, level by level

    func testTopLevelNull() throws {
        try check("null.json", .bytes(Array("null".utf8)), .rejected(path: "", saying: "expected a JSON object (one report), found null"))
    }

    func testUnitAsString() throws {
        try check("unitstring.json", .report(Self.with(Self.report, "unit", .string("姚伏镇"))),
                  .rejected(path: "unit", saying: "expected an object, found \"姚伏镇\""))
    }

    func testUnitNameAsNumber() throws {
        try check("namenumber.json", .report(Self.with(Self.report, "unit.name", .integer(123))),
                  .rejected(path: "unit.name", saying: "expected a string, found 123"))
    }

    func testUnitCodeAsNumber() throws {
        try check("codenumber.json", .report(Self.with(Self.report, "unit.code", .integer(640_221_104))),
                  .rejected(path: "unit.code", saying: "as a string (in quotes), found 640221104"))
    }

    func testSectionAsArray() throws {
        try check("requestsarray.json", .report(Self.with(Self.report, "requests", .array([]))),
                  .rejected(path: "requests", saying: "expected an object, found an array"))
        try check("overviewarray.json", .report(Self.with(Self.report, "overview", .array([.integer(1)]))),
                  .rejected(path: "overview", saying: "expected an object, found an array"))
    }

    func testGroupAsString() throws {
        try check("groupstring.json", .report(Self.with(Self.report, "requests.withheld", .string("无"))),
                  .rejected(path: "requests.withheld", saying: "expected an object, found \"无\""))
    }

    func testRowAsNumber() throws {
        try check("rownumber.json", .report(Self.with(Self.report, "requests.received", .integer(12))),
                  .rejected(path: "requests.received", saying: "expected an object, found 12"))
        try check("appealrow.json", .report(Self.with(Self.report, "appeals.review", .array([]))),
                  .rejected(path: "appeals.review", saying: "expected an object, found an array"))
    }

    func testCellAsBoolean() throws {
        try check("cellbool.json", .report(Self.with(Self.report, "appeals.review.total", .bool(true))),
                  .rejected(path: "appeals.review.total", saying: "expected a whole number ≥ 0, found true"))
    }

    func testNarrativeAsString() throws {
        try check("narrativestring.json", .report(Self.with(Self.report, "narrative", .string("全文略"))),
                  .rejected(path: "narrative", saying: "expected an object, found \"全文略\""))
    }

    func testNarrativePartAsNumber() throws {
        try check("problemsnumber.json", .report(Self.with(Self.report, "narrative.problems", .integer(5))),
                  .rejected(path: "narrative.problems", saying: "expected a string, found 5"))
    }

    func testPublishedOnAsNumber() throws {
        try check("datenumber.json", .report(Self.with(Self.report, "publishedOn", .integer(20_250_120))),
                  .rejected(path: "publishedOn", saying: "expected a date YYYY-MM-DD (or an ISO 8601 date-time) in quotes, found 20250120"))
    }

    func testYearAsString() throws {
        try check("yearstring.json", .report(Self.with(Self.report, "year", .string("2024"))),
                  .rejected(path: "year", saying: "expected a year from 2000 to 2100, found \"2024\""))
    }

    func testYearWrittenWithAFraction() throws {
        try check("yearfloat.json", .report(Self.with(Self.report, "year", .number("2024.0"))),
                  .accepted(township: "姚伏镇", adds: Self.report))
    }

    func testSchemaVersionAsString() throws {
        try check("svstring.json", .report(Self.with(Self.report, "schemaVersion", .string("1"))),
                  .rejected(path: "schemaVersion", saying: "expected 1, found \"1\""))
    }

    func testSchemaVersionFromTheFuture() throws {
        try check("sv2.json", .report(Self.with(Self.report, "schemaVersion", .integer(2))),
                  .rejected(path: "schemaVersion", saying: "expected 1, found 2"))
    }

    func testEditionAsNumber() throws {
        try check("editionnumber.json", .report(Self.with(Self.report, "edition", .integer(2021))),
                  .rejected(path: "edition", saying: "expected \"2021\" or \"2019\" (in quotes), found 2021"))
    }

    func testUnknownEdition() throws {
        try check("edition2022.json", .report(Self.with(Self.report, "edition", .string("2022"))),
                  .rejected(path: "edition", saying: "expected \"2021\" or \"2019\", found \"2022\""))
    }

    // MARK: - Dates and years

    func testFebruaryThirtieth() throws {
        try check("feb30.json", .report(Self.with(Self.report, "publishedOn", .string("2025-02-30"))),
                  .rejected(path: "publishedOn", saying: "expected a date YYYY-MM-DD (or an ISO 8601 date-time), found \"2025-02-30\""))
    }

    func testDateWithoutZeroPadding() throws {
        try check("unpadded.json", .report(Self.with(Self.report, "publishedOn", .string("2025-1-5"))),
                  .rejected(path: "publishedOn", saying: "found \"2025-1-5\""))
    }

    func testDateTimeInBeijingIsOnTime() throws {
        let v = Self.with(Self.report, "publishedOn", .string("2025-01-31T23:30:00+08:00"))
        try check("beijing.json", .report(v),
                  .accepted(township: "姚伏镇", adds: v, status: "onTime", publishedOn: "2025-01-31", daysLate: 0))
    }

    func testDateTimeInUTCIsTheNextDayInShanghai() throws {
        let v = Self.with(Self.report, "publishedOn", .string("2025-01-31T16:30:00Z"))
        try check("utc.json", .report(v),
                  .accepted(township: "姚伏镇", adds: v, status: "late", publishedOn: "2025-02-01", daysLate: 1))
    }

    func testLeapSecondOnTheDeadlineIsOnTime() throws {
        // 23:59:60 is the last second of 31 January, not the first of 1 February.
        let v = Self.with(Self.report, "publishedOn", .string("2025-01-31T23:59:60+08:00"))
        try check("leapsecond.json", .report(v),
                  .accepted(township: "姚伏镇", adds: v, status: "onTime", publishedOn: "2025-01-31", daysLate: 0))
    }

    func testYearNotMatchingTheFolder() throws {
        try check("wrongyear.json", .report(Self.with(Self.report, "year", .integer(2023))),
                  .rejected(path: "year", saying: "expected 2024 (the year of the folder the file is in), found 2023"))
    }

    // MARK: - county.json

    /// A county.json setting that reads as infinity or is absurdly large stops the run with the
    /// setting named, before any report is judged (it once trapped while writing a message).
    func testCountySettingsBeyondTheirBounds() throws {
        let cases: [(String, String)] = [
            (#""suspectChangeFactor": 1e400"#, "county.json: suspectChangeFactor: expected a number > 1 and ≤ 1000, found 1e400"),
            (#""rankingWeights": {"volume": 1e400}"#, "county.json: rankingWeights.volume: expected a number ≥ 0 and ≤ 1000, found 1e400"),
        ]
        for (member, message) in cases {
            let inputs = Fixtures.copyOfInputs("county-settings")
            addTeardownBlock { try? FileManager.default.removeItem(at: inputs.deletingLastPathComponent()) }
            let county = inputs.appendingPathComponent("county.json")
            var text = try String(contentsOf: county, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"timezone\"", with: "\(member),\n  \"timezone\"")
            try Data(text.utf8).write(to: county)
            let out = inputs.deletingLastPathComponent().appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let r = try Fixtures.run([inputs.path, "--year", "2024", "--as-of", Self.asOf, "--xlsx", out.appendingPathComponent("w.xlsx").path,
                                      "--summary", out.appendingPathComponent("s.json").path])
            XCTAssertEqual(r.status, 1, r.err)
            XCTAssertEqual(r.err, "nianbao: error: \(inputs.path)/\(message)\n")
        }
    }

    // MARK: - Names

    /// The stranger's report under another name: accepted, flagged 名册外, not summed; the name
    /// must reach summary.json exactly and every cell of the workbook as plain text.
    @discardableResult
    func checkName(_ file: String, _ name: String, shown: String? = nil) throws -> Checked {
        let r = try check(file, .report(Self.with(Self.stranger, "unit.name", .string(name))),
                          .accepted(township: shown ?? name, flags: [("notOnRoster", "unit.name")]))
        let want = shown ?? name
        let cells = Self.texts(r.workbook).filter { $0.text == want }
        XCTAssertFalse(cells.isEmpty, "the name \(want) is in no cell as it is")
        XCTAssertTrue(cells.contains { $0.sheet == "报送情况" }, "not in 报送情况")
        return r
    }

    func testNameLongerThan31Characters() throws {
        try checkName("long.json", String(repeating: "很长的乡镇名称", count: 6))
    }

    func testNameWithCharactersSheetNamesForbid() throws {
        try checkName("brackets.json", "测试[农场]:*?/\\")
    }

    func testEmptyName() throws {
        try check("emptyname.json", .report(Self.with(Self.stranger, "unit.name", .string(""))),
                  .rejected(path: "unit.name", saying: "expected a non-empty string, found \"\""))
        try check("blankname.json", .report(Self.with(Self.stranger, "unit.name", .string(" \u{3000}\t"))),
                  .rejected(path: "unit.name", saying: "expected a non-empty string"))
    }

    func testNameStartingWithAnApostrophe() throws {
        try checkName("apostrophe.json", "'测试农场")
    }

    func testNameThatLooksLikeAFormula() throws {
        let name = "=HYPERLINK(\"http://x\",\"y\")"
        let r = try checkName("formula.json", name)
        for sheet in r.workbook.sheets {
            XCTAssertFalse(sheet.xml.contains("<f>"), "\(sheet.name) has a formula")
            XCTAssertFalse(sheet.xml.contains("HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</f>"))
            XCTAssertFalse(sheet.xml.contains("<hyperlink "), "\(sheet.name) has a hyperlink")
        }
        let s = try XCTUnwrap(r.workbook["报送情况"])
        let ref = try XCTUnwrap(s.cells.first { $0.value == .text(name) }?.key)
        XCTAssertTrue(s.xml.contains("<c r=\"\(ref)\"") && !s.xml.contains("<c r=\"\(ref)\" t=\"str\""), "not a plain text cell")
        for (k, other) in ["+1+1", "-1+1", "@SUM(1)", "=1+1"].enumerated() { try checkName("formula\(k).json", other) }
    }

    func testNameWithAControlCharacter() throws {
        try check("bell.json", .report(Self.with(Self.stranger, "unit.name", .string("测试\u{7}农场"))),
                  .rejected(path: "unit.name", saying: "expected a name without control characters, found U+0007 in \"测试\\u0007农场\""))
        try check("newline.json", .report(Self.with(Self.stranger, "unit.name", .string("测试\n农场"))),
                  .rejected(path: "unit.name", saying: "found U+000A"))
    }

    func testEmojiName() throws {
        try checkName("emoji.json", "🏡测试农场👩‍🌾")
    }

    func testRightToLeftMarks() throws {
        // A mark inside the name is kept (and shown); marks at its ends are invisible padding.
        let r = try checkName("rtl.json", "\u{200F}测试\u{202E}农场\u{200F}", shown: "测试\u{202E}农场")
        // Inside a message the override is isolated, so the rest of the sentence reads forwards.
        let message = "\u{2068}测试\u{202E}农场\u{2069}不在本县乡镇名册（roster.csv）中，报告未计入县合计；如属本县，请加入名册"
        XCTAssertEqual(Self.flagMessages(r), [message])
        XCTAssertTrue(Self.texts(r.workbook).contains { $0.sheet == "数据问题" && $0.text == message })
        let hebrew = try checkName("hebrew.json", "קיבוץ\u{200F}测试")
        XCTAssertEqual(Self.flagMessages(hebrew), ["קיבוץ\u{200F}测试不在本县乡镇名册（roster.csv）中，报告未计入县合计；如属本县，请加入名册"])
    }

    /// The messages of the case township's flags in summary.json.
    static func flagMessages(_ r: Checked) -> [String] {
        (r.township?["flags"]?.array ?? []).compactMap { $0["message"]?.string }
    }

    func testInvisibleCharactersAroundARosterName() throws {
        // "姚伏镇" pasted from a web page with a zero-width space and a direction mark, and no code:
        // still 姚伏镇 of the roster, summed.
        let v = Self.with(Self.with(Self.report, "unit.name", .string("\u{200B}姚伏镇\u{200F}")), "unit.code", nil)
        try check("zwsp.json", .report(v), .accepted(township: "姚伏镇", adds: v, status: "onTime"))
    }

    func testNameOfFortyThousandCharacters() throws {
        let name = String(repeating: "长", count: 40_000)
        let r = try check("giant.json", .report(Self.with(Self.stranger, "unit.name", .string(name))),
                          .accepted(township: name, flags: [("notOnRoster", "unit.name")]))
        let cells = Self.texts(r.workbook).filter { $0.text.hasPrefix("长长长长长长长长") }
        XCTAssertFalse(cells.isEmpty)
        // In a message the name is shortened, so the message itself stays readable.
        let message = String(repeating: "长", count: 50) + "…（共40000字）不在本县乡镇名册（roster.csv）中，报告未计入县合计；如属本县，请加入名册"
        XCTAssertEqual(Self.flagMessages(r), [message])
        for c in cells where c.text != message {
            XCTAssertLessThanOrEqual(c.text.utf16.count, 32_767, "a cell of \(c.sheet) is over Excel's limit")
            XCTAssertTrue(c.text.hasSuffix(Self.truncationMark), "a cell of \(c.sheet) was cut without saying so")
        }
        XCTAssertTrue(cells.contains { $0.sheet == "数据问题" && $0.text == message })
    }

    func testNarrativeOfOneHundredThousandCharacters() throws {
        let long = String(repeating: "一是公开不及时；", count: 12_500)
        let v = Self.with(Self.report, "narrative.problems", .string(long))
        let r = try check("longnarrative.json", .report(v), .accepted(township: "姚伏镇", adds: v))
        // The narrative need not be in the workbook; wherever it is, it is cut visibly.
        for c in Self.texts(r.workbook) where c.text.contains("一是公开不及时；一是公开不及时；一是公开不及时；") {
            XCTAssertLessThanOrEqual(c.text.utf16.count, 32_767, "a cell of \(c.sheet) is over Excel's limit")
            if !c.text.contains(long) { XCTAssertTrue(c.text.hasSuffix(Self.truncationMark), "cut without saying so in \(c.sheet)") }
        }
    }

    func testControlCharactersInANarrative() throws {
        // Accepted: the prose is not an identity. Wherever it shows, the workbook stays valid XML.
        let v = Self.with(Self.report, "narrative.problems", .string("测试用虚构数据：\u{1}\u{8}\u{B}\u{C}\u{1B}[31m 一是公开不及时 \u{7F}\u{FFFE}"))
        try check("controls.json", .report(v), .accepted(township: "姚伏镇", adds: v))
    }

    /// Issue 10: another county's report is listed and flagged otherCounty (an error), never
    /// counted, even under a roster township's name and code; that township stays missing.
    func testReportOfAnotherCounty() throws {
        let v = Self.with(Self.report, "unit.county", .string("惠农区"))
        let checked = try check("othercounty.json", .report(v), .accepted(township: "姚伏镇", flags: [("otherCounty", "unit.county")]))
        XCTAssertEqual(checked.township?["counted"], .bool(false))
        XCTAssertEqual(checked.township?["onRoster"], .bool(false))
        let ours = Self.townships(checked.run.summary).first { $0["name"]?.string == "姚伏镇" && $0["onRoster"] == .bool(true) }
        XCTAssertEqual(ours?["status"]?.string, "missing")
    }

    // MARK: - Many hostile names at once, through LibreOffice

    func testHostileNamesWorkbookOpensInLibreOffice() throws {
        let inputs = Fixtures.copyOfInputs("hostileNamesLibreOffice")
        let scratch = inputs.deletingLastPathComponent()
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        let names = [
            String(repeating: "很长的乡镇名称", count: 6), "测试[农场]:*?/\\", "'测试农场", "=HYPERLINK(\"http://x\",\"y\")",
            "🏡测试农场👩‍🌾", "测试\u{202E}农场", String(repeating: "长", count: 40_000),
        ]
        let folder = inputs.appendingPathComponent("2024")
        for (k, name) in names.enumerated() {
            var v = Self.with(Self.stranger, "unit.name", .string(name))
            if k == 0 { v = Self.with(v, "narrative.problems", .string(String(repeating: "一是公开不及时；", count: 12_500))) }
            try Data(Self.bytes(v)).write(to: folder.appendingPathComponent("name\(k).json"))
        }
        try Data(Self.bytes(Self.with(Self.stranger, "unit.name", .string("测试\u{7}农场")))).write(to: folder.appendingPathComponent("bell.json"))
        let run = try Self.rollup(inputs)
        keepWorkbook(run.xlsx)
        let files = Self.counts(run.summary)
        XCTAssertEqual(files.found, Self.baseline.found + Int64(names.count) + 1)
        XCTAssertEqual(files.accepted, Self.baseline.accepted + Int64(names.count))
        XCTAssertEqual(Self.figures(run.summary["totals"]!), Self.baseline.figures)
        let wb = try WorkbookReader(path: run.xlsx.path)
        Self.assertWellFormed(wb)

        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("soffice is not installed")
        }
        let out = scratch.appendingPathComponent("converted")
        func convert(_ to: String) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: soffice)
            p.arguments = ["-env:UserInstallation=file://\(scratch.path)/lo-profile", "--headless", "--convert-to", to,
                           "--outdir", out.path, run.xlsx.path]
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            let text = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: text, as: UTF8.self))
        }
        let (status, log) = try convert("pdf")
        XCTAssertEqual(status, 0, log)
        let pdf = out.appendingPathComponent("county.pdf")
        let size = ((try? FileManager.default.attributesOfItem(atPath: pdf.path))?[.size] as? NSNumber)?.intValue ?? 0
        XCTAssertGreaterThan(size, 1000, "no PDF: \(log)")
        // As LibreOffice reads it, the formula-like name is text: CSV of every sheet shows it verbatim.
        let (csvStatus, csvLog) = try convert("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        XCTAssertEqual(csvStatus, 0, csvLog)
        let statusCSV = out.appendingPathComponent("county-报送情况.csv")
        if let csv = try? String(contentsOf: statusCSV, encoding: .utf8) {
            XCTAssertTrue(csv.contains("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), "the formula-like name did not stay text")
        } else {
            XCTFail("LibreOffice wrote no CSV of 报送情况: \(csvLog)")
        }
    }
}

private extension JSONValue {
    var string: String? { if case .string(let s) = self { return s }; return nil }
    var int: Int64? { if case .integer(let n) = self { return n }; return nil }
    var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
}
