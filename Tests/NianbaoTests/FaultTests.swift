import Aggregate
import Foundation
import RollupJob
import StrictJSON
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Issue 6, part 2: faults of the machine rather than of the inputs. Whatever happens to a run
/// (no output folder, no permission, a full disk, SIGKILL at any moment, a second run at the same
/// time), yesterday's workbook and summary.json are either left byte for byte as they were or
/// replaced by a complete, valid pair; the next run works; and the same inputs give the same bytes
/// whatever the number of threads.
final class FaultTests: XCTestCase {
    static let yesterday = "2025-03-01"
    static let today = "2025-03-02"
    static let generatedReports = 2_000

    // MARK: - Helpers

    struct Outputs: Equatable {
        let xlsx: Data?
        let summary: Data?
    }

    static func read(_ folder: URL) -> Outputs {
        Outputs(xlsx: try? Data(contentsOf: folder.appendingPathComponent("county.xlsx")),
                summary: try? Data(contentsOf: folder.appendingPathComponent("county.summary.json")))
    }

    static func restore(_ o: Outputs, in folder: URL) throws {
        try o.xlsx!.write(to: folder.appendingPathComponent("county.xlsx"))
        try o.summary!.write(to: folder.appendingPathComponent("county.summary.json"))
    }

    static func arguments(_ inputs: URL, _ out: URL, asOf: String, _ extra: [String] = []) -> [String] {
        [inputs.path, "--year", "2024", "--as-of", asOf, "--xlsx", out.appendingPathComponent("county.xlsx").path,
         "--summary", out.appendingPathComponent("county.summary.json").path] + extra
    }

    struct Exit {
        let status: Int32
        let signalled: Bool
        let err: String
    }

    /// Runs the built CLI, through `/bin/sh -c prelude; exec nianbao …` when a prelude is given;
    /// the workbook of a run that exits 0 is kept as the calling test's (Fixtures.keep).
    static func cli(_ args: [String], prelude: String? = nil, asNobody: Bool = false,
                    file: String = #fileID, function: String = #function) throws -> Exit {
        let p = process(args, prelude: prelude, asNobody: asNobody)
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationReason == .exit && p.terminationStatus == 0 {
            Fixtures.keep(arguments: args, cwd: nil, file: file, function: function)
        }
        return Exit(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                    err: String(decoding: e, as: UTF8.self))
    }

    static func process(_ args: [String], prelude: String? = nil, asNobody: Bool = false) -> Process {
        let p = Process()
        let exe = Fixtures.executable.path
        if let prelude {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "\(prelude); exec \"$0\" \"$@\"", exe] + args
        } else if asNobody {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", exe] + args
        } else {
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = args
        }
        return p
    }

    /// Files a run leaves beside its outputs other than the outputs and the lock.
    static func leftovers(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !["county.xlsx", "county.summary.json", "county.html", ".nianbao.lock"].contains($0) }.sorted()
    }

    /// The workbook opens, every XML part parses, and summary.json parses.
    static func assertValid(_ folder: URL, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let wb = try WorkbookReader(path: folder.appendingPathComponent("county.xlsx").path)
            XCTAssertNotNil(wb["数据问题"], "no sheet 数据问题", file: file, line: line)
            for (name, data) in wb.files where name.hasSuffix(".xml") || name.hasSuffix(".rels") {
                // A stream parser: XMLParser(data:) gives up on parts over about 10 MB (libxml2's limit
                // without XML_PARSE_HUGE); in stream mode parse() can return true with an error set.
                let parser = XMLParser(stream: InputStream(data: data))
                let ok = parser.parse() && parser.parserError == nil
                XCTAssertTrue(ok, "\(name) is not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber))", file: file, line: line)
            }
            let summary = try Data(contentsOf: folder.appendingPathComponent("county.summary.json"))
            XCTAssertNoThrow(try JSONParser.parse([UInt8](summary)), file: file, line: line)
        } catch {
            XCTFail("outputs in \(folder.path) do not open: \(error)", file: file, line: line)
        }
    }

    func scratch(_ name: String = #function) -> URL {
        let url = Fixtures.scratch("fault-\(name)")
        addTeardownBlock {
            _ = chmod(url.path, 0o755)
            try? FileManager.default.removeItem(at: url)
        }
        return url
    }

    /// Yesterday's outputs (the bundled inputs as of 2025-03-01) written into `out`.
    func yesterdaysOutputs(in out: URL, inputs: URL, function: String = #function) throws -> Outputs {
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let r = try Self.cli(Self.arguments(inputs, out, asOf: Self.yesterday, ["--quiet"]), function: "\(function)-yesterday")
        XCTAssertEqual(r.status, 0, r.err)
        let o = Self.read(out)
        XCTAssertNotNil(o.xlsx)
        XCTAssertNotNil(o.summary)
        return o
    }

    // MARK: - A large input set, made once

    /// The bundled inputs plus 2,000 copies of the readable 2024 reports under new unit names
    /// (off the roster), about 16 MB: a run takes long enough to be killed in every phase.
    nonisolated(unsafe) static var bigFolder: URL?
    nonisolated(unsafe) static var bigReference: Outputs?
    /// Today's run once more on top of `bigReference`: its changes are since today, not yesterday.
    nonisolated(unsafe) static var bigReferenceAgain: Outputs?
    nonisolated(unsafe) static var bigSeconds = 0.0

    static func big() throws -> (inputs: URL, reference: Outputs) {
        if let b = bigFolder, let r = bigReference { return (b, r) }
        let root = Fixtures.scratch("faultBigInputs")
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: Fixtures.inputs, to: inputs)
        let folder = inputs.appendingPathComponent("2024")
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.hasSuffix(".json") && $0 != "崇岗镇.json" }
            .map { try JSONParser.parse([UInt8](Data(contentsOf: folder.appendingPathComponent($0)))) }
        for i in 0..<generatedReports {
            guard case .object(var top) = sources[i % sources.count],
                  let u = top.firstIndex(where: { $0.0 == "unit" }), case .object(var unit) = top[u].1 else { continue }
            unit.removeAll { $0.0 == "code" }
            if let n = unit.firstIndex(where: { $0.0 == "name" }) { unit[n].1 = .string(String(format: "测试镇%04d", i)) }
            top[u].1 = .object(unit)
            try Data(JSONWriter.write(.object(top)).utf8).write(to: folder.appendingPathComponent(String(format: "gen%04d.json", i)))
        }
        let ref = root.appendingPathComponent("reference")
        try FileManager.default.createDirectory(at: ref, withIntermediateDirectories: true)
        // On top of yesterday's outputs, as every test's run is: summary.json and 概览 say what
        // changed since the summary.json they replace.
        let y = try cli(arguments(Fixtures.inputs, ref, asOf: yesterday, ["--quiet"]))
        guard y.status == 0 else { throw CLIError(description: "yesterday's reference run failed: \(y.err)") }
        let start = Date()
        let r = try cli(arguments(inputs, ref, asOf: today, ["--quiet"]))
        bigSeconds = Date().timeIntervalSince(start)
        guard r.status == 0 else { throw CLIError(description: "reference run failed: \(r.err)") }
        bigFolder = inputs
        bigReference = read(ref)
        let again = try cli(arguments(inputs, ref, asOf: today, ["--quiet"]))
        guard again.status == 0 else { throw CLIError(description: "second reference run failed: \(again.err)") }
        bigReferenceAgain = read(ref)
        return (inputs, bigReference!)
    }

    struct CLIError: Error, CustomStringConvertible { let description: String }

    override class func tearDown() {
        if let b = bigFolder { try? FileManager.default.removeItem(at: b.deletingLastPathComponent()) }
        bigFolder = nil
        bigReference = nil
        bigReferenceAgain = nil
        super.tearDown()
    }

    // MARK: - The output folder

    func testTheExecutableIsTheOneJustBuilt() {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Fixtures.executable.path), Fixtures.executable.path)
    }

    func testOutputFolderMissing() throws {
        let root = scratch()
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: Fixtures.inputs, to: inputs)
        let out = root.appendingPathComponent("out")
        let before = try yesterdaysOutputs(in: out, inputs: inputs)
        let missing = root.appendingPathComponent("no-such-folder")

        // In process: a clear failure, and the summary's folder (which exists) is not touched.
        var o = RollupJob.Options(inputs: inputs, year: 2024)
        o.asOf = CalendarDate(iso: Self.today)
        o.xlsx = missing.appendingPathComponent("county.xlsx")
        o.summary = out.appendingPathComponent("county.summary.json")
        XCTAssertThrowsError(try RollupJob.run(o)) { error in
            XCTAssertTrue("\(error)".contains("output folder \(missing.path) does not exist"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path))
        XCTAssertEqual(Self.read(out), before)
        XCTAssertEqual(Self.leftovers(out), [])

        // Through the CLI: exit 1 and one line saying what is wrong.
        let r = try Fixtures.run([inputs.path, "--year", "2024", "--as-of", Self.today,
                                  "--xlsx", missing.appendingPathComponent("county.xlsx").path,
                                  "--summary", out.appendingPathComponent("county.summary.json").path])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("nianbao: error: output folder \(missing.path) does not exist"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path))
        XCTAssertEqual(Self.read(out), before)
        XCTAssertEqual(Self.leftovers(out), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["inputs", "out"])
    }

    func testOutputFolderNotWritable() throws {
        let root = scratch()
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: Fixtures.inputs, to: inputs)
        let out = root.appendingPathComponent("out")
        let before = try yesterdaysOutputs(in: out, inputs: inputs)
        XCTAssertEqual(chmod(out.path, 0o555), 0)
        // As root, permissions do not bind: drop to user nobody for the run.
        let root_ = geteuid() == 0
        if root_ && !FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            throw XCTSkip("running as root, where a read-only folder is still writable, and setpriv is not there to drop root")
        }
        let r = try Self.cli(Self.arguments(inputs, out, asOf: Self.today), asNobody: root_)
        XCTAssertFalse(r.signalled)
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("nianbao: error: output folder \(out.path) is not writable"), r.err)
        XCTAssertEqual(Self.read(out), before)
        XCTAssertEqual(Self.leftovers(out), [])
    }

    // MARK: - A full disk

    /// As deployed: nothing in the environment ignores SIGXFSZ, so a write past the file-size
    /// limit must still end in a clean exit 1, not in death by signal.
    func testFileSizeLimitEndsInExitOneNotInASignal() throws {
        let root = scratch()
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: Fixtures.inputs, to: inputs)
        let out = root.appendingPathComponent("out")
        let before = try yesterdaysOutputs(in: out, inputs: inputs)
        let r = try Self.cli(Self.arguments(inputs, out, asOf: Self.today), prelude: "ulimit -f 20")
        XCTAssertFalse(r.signalled, "nianbao was killed by signal \(r.status) (SIGXFSZ = 25) instead of failing with EFBIG and exit 1: main must ignore SIGXFSZ")
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertEqual(Self.read(out), before, "yesterday's outputs changed")
        XCTAssertEqual(Self.leftovers(out), [])
    }

    /// With SIGXFSZ ignored, every write past the limit fails with EFBIG: at every limit the run
    /// either fails (exit 1, yesterday's outputs byte-identical, no temp files) or writes exactly
    /// the outputs an unlimited run writes — never a truncated workbook with exit 0.
    func testDiskFullAtEverySizeLeavesYesterdayOrAWholeNewPair() throws {
        let root = scratch()
        let inputs = root.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: Fixtures.inputs, to: inputs)
        let ref = root.appendingPathComponent("reference")
        _ = try yesterdaysOutputs(in: ref, inputs: inputs)
        XCTAssertEqual(try Self.cli(Self.arguments(inputs, ref, asOf: Self.today, ["--quiet"])).status, 0)
        let full = Self.read(ref)
        let out = root.appendingPathComponent("out")
        let before = try yesterdaysOutputs(in: out, inputs: inputs)
        let largest = max(full.xlsx!.count, full.summary!.count)
        var failures = 0, successes = 0
        // 512-byte blocks (dash's and POSIX's unit for ulimit -f), up to well past every temp file.
        for blocks in [1, 8, 20, 40, 56, 64, 72, 100, 150, 220, 400] {
            let r = try Self.cli(Self.arguments(inputs, out, asOf: Self.today), prelude: "trap '' XFSZ; ulimit -f \(blocks)")
            XCTAssertFalse(r.signalled, "limit \(blocks) blocks: killed by signal \(r.status)")
            let now = Self.read(out)
            if r.status == 0 {
                successes += 1
                XCTAssertEqual(now, full, "limit \(blocks) blocks (\(blocks * 512) bytes): exit 0 but the outputs differ from an unlimited run's (a temp file was cut short without an error)")
                Self.assertValid(out)
                try Self.restore(before, in: out)
            } else {
                failures += 1
                XCTAssertEqual(r.status, 1, "limit \(blocks): \(r.err)")
                XCTAssertTrue(r.err.contains("nianbao: error: cannot write"), "limit \(blocks): \(r.err)")
                XCTAssertEqual(now, before, "limit \(blocks): yesterday's outputs changed")
            }
            XCTAssertEqual(Self.leftovers(out), [], "limit \(blocks): temp files left")
        }
        XCTAssertGreaterThan(failures, 0)
        XCTAssertGreaterThan(successes, 0, "even \(400 * 512) bytes (> \(largest)) was not enough")
    }

    // MARK: - SIGKILL

    func testKilledAtAnyMomentLeavesYesterdaysOutputs() throws {
        let (inputs, reference) = try Self.big()
        let root = scratch()
        let out = root.appendingPathComponent("out")
        let before = try yesterdaysOutputs(in: out, inputs: Fixtures.inputs)
        XCTAssertNotEqual(before, reference)

        let whole = Self.bigSeconds   // how long a whole run took here

        // Early (reading), late (judging or writing), and at the moments the temp workbook and
        // the temp summary.json appear.
        enum Moment { case after(Double), whenPresent(String, Double) }
        var moments: [Moment] = [0.05, 0.1, 0.2, 0.5].map { .after($0) } + [.after(0.8 * whole)]
        moments += [.whenPresent("county.xlsx", 0), .whenPresent("county.xlsx", 0.05),
                    .whenPresent("county.summary.json", 0)]
        // The new outputs are written in the run's own scratch folder (.nianbao-tmp-XXXXXX).
        func temporaryPresent(_ name: String) -> Bool {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            return names.contains { $0.hasPrefix(".nianbao-tmp-")
                && FileManager.default.fileExists(atPath: out.appendingPathComponent($0).appendingPathComponent(name).path) }
        }
        var killedWriting = 0
        for moment in moments {
            let p = Self.process(Self.arguments(inputs, out, asOf: Self.today, ["--quiet"]))
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            let pid = p.processIdentifier
            switch moment {
            case .after(let s):
                Thread.sleep(forTimeInterval: s)
            case .whenPresent(let name, let then):
                let deadline = Date().addingTimeInterval(whole * 3 + 10)
                while p.isRunning && Date() < deadline && !temporaryPresent(name) {
                    usleep(500)
                }
                if p.isRunning { killedWriting += 1 }
                if then > 0 { Thread.sleep(forTimeInterval: then) }
            }
            kill(pid, SIGKILL)
            p.waitUntilExit()
            let now = Self.read(out)
            if p.terminationReason == .exit {
                // Finished before the kill: then it must have written the whole new pair.
                XCTAssertEqual(p.terminationStatus, 0, "\(moment)")
                XCTAssertEqual(now, reference, "\(moment): finished, but the outputs are not the run's")
                try Self.restore(before, in: out)
            } else {
                XCTAssertEqual(p.terminationStatus, SIGKILL)
                XCTAssertEqual(now.xlsx, before.xlsx, "\(moment): yesterday's workbook changed")
                XCTAssertEqual(now.summary, before.summary, "\(moment): yesterday's summary.json changed")
                if now != before {
                    XCTAssertFalse(now.xlsx == reference.xlsx && now.summary == before.summary,
                                   "\(moment): killed between the two renames: new workbook, old summary.json")
                    try Self.restore(before, in: out)
                }
            }
            Self.assertValid(out)
        }
        XCTAssertGreaterThan(killedWriting, 0, "no kill landed while the outputs were being written")

        // What the kills leave (temp files of dead runs) does not stop the next run.
        let left = Self.leftovers(out)
        if !left.isEmpty { print("note: killed runs left \(left.count) temp file(s) behind: \(left)") }
        // The scratch folders of killed runs (.nianbao-tmp-XXXXXX, holding their temporary outputs
        // and libxlsxwriter's files) may stay behind a SIGKILL; nothing else may; and the next
        // run clears them away.
        XCTAssertTrue(left.allSatisfy { $0.hasPrefix(".nianbao-tmp-") && $0.count == ".nianbao-tmp-".count + 6 }, "\(left)")
        let r = try Self.cli(Self.arguments(inputs, out, asOf: Self.today, ["--quiet"]))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(Self.read(out), reference)
        XCTAssertEqual(Self.leftovers(out), [], "the next run removes what killed runs left")
        Self.assertValid(out)
    }

    // MARK: - Two at once

    func testTwoRunsAtOnceAreSerialisedByTheLock() throws {
        let (inputs, _) = try Self.big()
        // The second run's changes are since the first's outputs (today), as in bigReferenceAgain.
        let reference = try XCTUnwrap(Self.bigReferenceAgain)
        let root = scratch()
        let out = root.appendingPathComponent("out")
        _ = try yesterdaysOutputs(in: out, inputs: Fixtures.inputs)
        let errs = [root.appendingPathComponent("err1"), root.appendingPathComponent("err2")]
        let ps = try errs.map { errFile -> Process in
            _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
            let p = Self.process(Self.arguments(inputs, out, asOf: Self.today))
            p.standardOutput = FileHandle.nullDevice
            p.standardError = try FileHandle(forWritingTo: errFile)
            try p.run()
            return p
        }
        for p in ps { p.waitUntilExit() }
        let logs = errs.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
        for (p, log) in zip(ps, logs) {
            XCTAssertEqual(p.terminationReason, .exit, log)
            XCTAssertEqual(p.terminationStatus, 0, log)
        }
        XCTAssertEqual(Self.read(out), reference, "two runs at once did not leave a single run's outputs")
        Self.assertValid(out)
        XCTAssertEqual(Self.leftovers(out), [])
        // Usually the second reaches the lock while the first writes, and says that it waits.
        if !logs.contains(where: { $0.contains("waiting for it to finish") }) {
            print("note: the two runs did not overlap at the lock this time")
        }
    }

    // MARK: - Threads

    func testOneThreadAndTwoThreadsWriteTheSameBytes() throws {
        let (inputs, reference) = try Self.big()
        let root = scratch()
        var results: [Outputs] = []
        for threads in [1, 2] {
            let out = root.appendingPathComponent("threads\(threads)")
            _ = try yesterdaysOutputs(in: out, inputs: Fixtures.inputs)
            let r = try Self.cli(Self.arguments(inputs, out, asOf: Self.today, ["--quiet", "--threads", String(threads)]))
            XCTAssertEqual(r.status, 0, r.err)
            results.append(Self.read(out))
        }
        XCTAssertNotNil(results[0].xlsx)
        XCTAssertTrue(results[0].xlsx == results[1].xlsx, "--threads 1 and --threads 2 wrote different workbooks")
        XCTAssertTrue(results[0].summary == results[1].summary, "--threads 1 and --threads 2 wrote different summary.json")
        XCTAssertTrue(results[1] == reference, "--threads 2 differs from the default")
    }
}
