import Aggregate
import Foundation
import RollupJob
import StrictJSON
import TestSupport
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
/// Only what needs a whole run is here (the folder, size limits, statuses, names in the
/// workbook); what the decoder alone decides is AggregateTests/DecoderCaseTests, run against
/// both decoders directly.
final class HostileInputTests: XCTestCase {
    static let asOf = "2025-03-01"
    /// NIANBAO_VERBOSE=1 prints each case's outcome (the decision table of the report).
    static let verbose = ProcessInfo.processInfo.environment["NIANBAO_VERBOSE"] != nil
    static let limit = 4 * 1024 * 1024

    // MARK: - The clean report every case bends

    /// 姚伏镇 2024, made up and clean (TestSupport's `CleanReport`, shared with the decoder table).
    static let report = CleanReport.report

    /// The same report from a unit not on the roster (no code): accepted, flagged 名册外, not summed.
    /// A report from a unit off the roster; its prose does not open with 姚伏镇 (that would be 单位错误).
    static let stranger = with(with(with(report, "unit.name", .string("测试农场")), "unit.code", nil), "narrative.overview",
                               .string("2024年，本单位（测试用虚构数据）通过门户网站公开信息181条，微信公众号推送270条，微博发布150条，村（社区）公开栏公示1000条。"))

    static func with(_ value: JSONValue, _ dotted: String, _ new: JSONValue?) -> JSONValue { CleanReport.with(value, dotted, new) }
    static func text(_ v: JSONValue) -> String { CleanReport.text(v) }
    static func bytes(_ v: JSONValue) -> [UInt8] { CleanReport.bytes(v) }

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
        for section in SectionID.allCases.map(\.key) {
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

    // MARK: - Encoding

    func testUTF8ByteOrderMarkIsAccepted() throws {
        try check("bom.json", .bytes([0xEF, 0xBB, 0xBF] + Self.bytes(Self.report)),
                  .accepted(township: "姚伏镇", adds: Self.report, status: "onTime", publishedOn: "2025-01-20", daysLate: 0))
    }

    // MARK: - Nesting and size

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

    // MARK: - Dates and years

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
