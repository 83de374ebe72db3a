import Aggregate
import Foundation
import XCTest

/// Issue 10, never hang, never lose the exit code: a year folder that cannot be listed, no
/// threads to be had (ulimit -u, a pids limit), too little address space (ulimit -v).
final class ResourceLimitTests: XCTestCase {
    // MARK: - The year's folder

    func testAbsentYearFolderIsExitOneWithAdvice() throws {
        let (_, inputs, out) = Safety.workspace(self)
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2024"))
        let r = try Safety.run(Safety.arguments(inputs, out, ["--strict"]))
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("create an empty 2024/ folder when no report has arrived yet"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    /// An empty folder is a year in which nobody has reported yet: every township missing.
    func testEmptyYearFolderIsNobodyReported() throws {
        let (_, inputs, out) = Safety.workspace(self)
        let year = inputs.appendingPathComponent("2024")
        try FileManager.default.removeItem(at: year)
        try FileManager.default.createDirectory(at: year, withIntermediateDirectories: true)
        let r = try Safety.run(Safety.arguments(inputs, out, ["--strict"]))
        XCTAssertEqual(r.status, 3, r.err)
        let statuses = Set(Safety.items(try Safety.summary(out)["townships"]).map { Safety.text($0["status"]) })
        XCTAssertEqual(statuses, ["missing"])
    }

    func testYearFolderThatIsAFileIsExitOne() throws {
        let (_, inputs, out) = Safety.workspace(self)
        let year = inputs.appendingPathComponent("2024")
        try FileManager.default.removeItem(at: year)
        try Data("not a folder".utf8).write(to: year)
        let r = try Safety.run(Safety.arguments(inputs, out))
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("2024 is not a folder"), r.err)
    }

    /// A folder the run may not list (EACCES, as an unprivileged user): exit 1 with the reason,
    /// not "every township missing" and a chasing mail to all.
    func testYearFolderThatCannotBeListedIsExitOne() throws {
        guard geteuid() != 0 || Safety.canDropRoot else { throw XCTSkip("root without setpriv: permissions do not bind") }
        let (_, inputs, out) = Safety.workspace(self)
        let year = inputs.appendingPathComponent("2024")
        XCTAssertEqual(chmod(year.path, 0o311), 0)   // enter, but not list
        defer { chmod(year.path, 0o755) }
        let r = try Safety.run(Safety.arguments(inputs, out, ["--strict"]), uid: Safety.nobody)
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("cannot be listed") && r.err.contains("Permission denied"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }, [])
    }

    /// The previous year's folder may be absent (a first year): no R5, no failure.
    func testAbsentPreviousYearIsFine() throws {
        let (_, inputs, out) = Safety.workspace(self)
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("2023"))
        let r = try Safety.run(Safety.arguments(inputs, out))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(Safety.items(try Safety.summary(out)["townships"]).contains { Safety.rules($0).contains("R5") })
    }

    func testPreviousYearThatCannotBeListedIsExitOne() throws {
        let (_, inputs, out) = Safety.workspace(self)
        let year = inputs.appendingPathComponent("2023")
        try FileManager.default.removeItem(at: year)
        try Data("x".utf8).write(to: year)
        let r = try Safety.run(Safety.arguments(inputs, out))
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("2023 is not a folder"), r.err)
    }

    // MARK: - No threads to be had

    /// The outputs of an unconstrained run, for comparison; after a run as of `previousAsOf`
    /// in the same folder when given (what changed since is then part of the outputs).
    func reference(_ inputs: URL, _ root: URL, after previousAsOf: String? = nil) throws -> (Data?, Data?) {
        let ref = root.appendingPathComponent("reference")
        try FileManager.default.createDirectory(at: ref, withIntermediateDirectories: true)
        if let previousAsOf {
            let before = try Safety.run(Safety.arguments(inputs, ref, ["--quiet", "--as-of", previousAsOf]))
            XCTAssertEqual(before.status, 0, before.err)
        }
        let r = try Safety.run(Safety.arguments(inputs, ref, ["--quiet"]))
        XCTAssertEqual(r.status, 0, r.err)
        return (Safety.read(ref.appendingPathComponent("county.xlsx")), Safety.read(ref.appendingPathComponent("county.summary.json")))
    }

    /// RLIMIT_NPROC 1 for a user with no other process: pthread_create fails with EAGAIN. With
    /// --threads 1 no thread is ever asked for; with more (or the default) the run falls back
    /// to fewer. Either way it finishes — with the same bytes — instead of waiting for ever.
    func testNoThreadsToBeHadNeverHangs() throws {
        guard Safety.canDropRoot, FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else {
            throw XCTSkip("needs root, setpriv and prlimit to bind RLIMIT_NPROC")
        }
        let (root, inputs, out) = Safety.workspace(self)
        let (xlsx, summary) = try reference(inputs, root)
        // The limit binds: this user cannot even fork a shell command.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        probe.arguments = ["--nproc=1", "/usr/bin/setpriv", "--reuid=\(Safety.loneUID)", "--regid=\(Safety.loneUID)", "--clear-groups",
                           "/bin/sh", "-c", "/bin/true"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        XCTAssertNotEqual(probe.terminationStatus, 0, "RLIMIT_NPROC 1 did not stop a fork; the test proves nothing")
        for threads in [["--threads", "1"], ["--threads", "2"], ["--threads", "8"], []] {
            for name in ["county.xlsx", "county.summary.json"] { unlink(out.appendingPathComponent(name).path) }
            let r = try Safety.run(Safety.arguments(inputs, out, ["--quiet"] + threads), uid: Safety.loneUID, nproc: 1, timeout: 120)
            XCTAssertFalse(r.timedOut, "\(threads): hung without threads")
            XCTAssertEqual(r.status, 0, "\(threads): \(r.err)")
            XCTAssertEqual(Safety.read(out.appendingPathComponent("county.xlsx")), xlsx, "\(threads): another workbook")
            XCTAssertEqual(Safety.read(out.appendingPathComponent("county.summary.json")), summary, "\(threads): another summary.json")
        }
    }

    /// --threads 1 starts no thread at all (strace sees no clone); --threads 2 does.
    func testOneThreadMeansNoThreadIsStarted() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { throw XCTSkip("needs strace") }
        let (root, inputs, out) = Safety.workspace(self)
        var clones: [Int] = []
        for threads in ["1", "2"] {
            let log = root.appendingPathComponent("strace-\(threads)")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
            p.arguments = ["-f", "-qq", "-e", "trace=clone,clone3,fork,vfork", "-o", log.path, Fixtures.executable.path]
                + Safety.arguments(inputs, out, ["--quiet", "--threads", threads])
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard let text = try? String(contentsOf: log, encoding: .utf8), p.terminationStatus == 0 else {
                throw XCTSkip("strace cannot trace here (exit \(p.terminationStatus))")
            }
            clones.append(text.split(separator: "\n").filter { $0.contains("clone") || $0.contains("fork") }.count)
        }
        XCTAssertEqual(clones[0], 0, "--threads 1 started threads")
        XCTAssertGreaterThan(clones[1], 0, "--threads 2 started none: the probe proves nothing")
    }

    /// A little address space: thread stacks cannot be mapped, and allocations may fail. The run
    /// either completes with the unconstrained run's outputs or fails leaving yesterday's
    /// outputs as they were — and always ends.
    func testLittleAddressSpaceNeverHangsAndKeepsYesterday() throws {
        let (root, inputs, out) = Safety.workspace(self)
        // Each run below finds yesterday's summary.json in `out`, as the reference run does.
        let (xlsx, summary) = try reference(inputs, root, after: "2025-03-01")
        let yesterday = try Safety.run(Safety.arguments(inputs, out, ["--quiet", "--as-of", "2025-03-01"]))
        XCTAssertEqual(yesterday.status, 0, yesterday.err)
        let before = (Safety.read(out.appendingPathComponent("county.xlsx")), Safety.read(out.appendingPathComponent("county.summary.json")))
        XCTAssertNotEqual(before.0, xlsx)
        var completed = 0, refused = 0
        // Around where the debug build runs short (about 80 MB here), and well above it.
        let limits = [70_000, 80_000, 85_000, 90_000, 95_000, 120_000, 200_000, 600_000, 2_000_000]
        for kib in limits {
            let r = try Safety.run(Safety.arguments(inputs, out, ["--quiet"]), prelude: "ulimit -v \(kib)", timeout: 120)
            XCTAssertFalse(r.timedOut, "ulimit -v \(kib): hung")
            let now = (Safety.read(out.appendingPathComponent("county.xlsx")), Safety.read(out.appendingPathComponent("county.summary.json")))
            if r.status == 0 && !r.signalled {
                completed += 1
                XCTAssertEqual(now.0, xlsx, "ulimit -v \(kib): exit 0 with another workbook")
                XCTAssertEqual(now.1, summary, "ulimit -v \(kib): exit 0 with another summary.json")
                try before.0!.write(to: out.appendingPathComponent("county.xlsx"))
                try before.1!.write(to: out.appendingPathComponent("county.summary.json"))
            } else {
                XCTAssertTrue(now == before, "ulimit -v \(kib): failed (\(r.status), signalled \(r.signalled)) and changed yesterday's outputs")
                if r.status == 1 && r.err.contains("not enough memory") { refused += 1 }
            }
        }
        XCTAssertGreaterThan(completed, 0, "not even 2 GB of address space was enough")
        print("note: of \(limits.count) address-space limits, \(completed) were enough, \(refused) ended in a clean exit 1 for want of memory")
    }
}
