import Aggregate
import Foundation
@testable import RollupJob
import StrictJSON
import TestSupport
import XCTest

/// Issue 10, files: nothing outside nianbao's own outputs is ever changed. Output paths are
/// checked before anything is read (exit 2, naming the path and why), scratch space is this
/// run's own, leftovers are removed without following links, and the outputs are installed
/// together or not at all.
final class OutputSafetyTests: XCTestCase {
    // MARK: - Scratch space

    /// `out/.nianbao-tmp` (the old fixed scratch name) and a `.nianbao-tmp-XXXXXX` that are
    /// symbolic links to a folder of someone's files: the run removes the links, never the files.
    func testScratchLinksAreRemovedNotFollowed() throws {
        for uid in [nil, Safety.canDropRoot ? Safety.nobody : nil] as [Int?] {
            let (root, inputs, out) = Safety.workspace(self)
            let victim = root.appendingPathComponent("victim")
            try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
            chmod(victim.path, 0o777)
            for n in ["keep.txt", "county.xlsx", "sheet1.xml"] { try Data("precious \(n)".utf8).write(to: victim.appendingPathComponent(n)) }
            XCTAssertEqual(symlink(victim.path, out.appendingPathComponent(".nianbao-tmp").path), 0)
            XCTAssertEqual(symlink(victim.path, out.appendingPathComponent(".nianbao-tmp-Ab12Cd").path), 0)
            XCTAssertEqual(symlink(victim.appendingPathComponent("keep.txt").path, out.appendingPathComponent(".county.xlsx.tmp-4242").path), 0)
            let r = try Safety.run(Safety.arguments(inputs, out, ["--quiet"]), uid: uid)
            XCTAssertEqual(r.status, 0, "uid \(uid.map(String.init) ?? "root"): \(r.err)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: victim.path).sorted(), ["county.xlsx", "keep.txt", "sheet1.xml"])
            for n in ["keep.txt", "county.xlsx", "sheet1.xml"] {
                XCTAssertEqual(Safety.read(victim.appendingPathComponent(n)), Data("precious \(n)".utf8), n)
            }
            // The planted links are gone (themselves), and nothing else is left beside the outputs.
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                           [".nianbao.lock", "county.html", "county.summary.json", "county.xlsx"])
        }
    }

    /// A stale scratch folder of a killed run, holding a link to a file elsewhere: the link goes,
    /// the file it points to stays.
    func testStaleScratchFolderIsEmptiedWithoutFollowingLinks() throws {
        let (root, inputs, out) = Safety.workspace(self)
        let precious = root.appendingPathComponent("precious.txt")
        try Data("keep me".utf8).write(to: precious)
        let stale = out.appendingPathComponent(".nianbao-tmp-zZ9yY8")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("old temp".utf8).write(to: stale.appendingPathComponent("county.xlsx"))
        XCTAssertEqual(symlink(precious.path, stale.appendingPathComponent("link").path), 0)
        // A name that merely resembles the pattern is not ours and stays.
        let lookalike = out.appendingPathComponent(".nianbao-tmp-notmine")
        try Data("not ours".utf8).write(to: lookalike)
        let r = try Safety.run(Safety.arguments(inputs, out, ["--quiet"]))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(Safety.read(precious), Data("keep me".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path))
        XCTAssertEqual(Safety.read(lookalike), Data("not ours".utf8))
    }

    /// A link planted as the lock file: root must not create or open the file it points to.
    func testLockFileLinkIsNotFollowed() throws {
        let (root, inputs, out) = Safety.workspace(self)
        let elsewhere = root.appendingPathComponent("created-by-root")
        XCTAssertEqual(symlink(elsewhere.path, out.appendingPathComponent(".nianbao.lock").path), 0)
        let r = try Safety.run(Safety.arguments(inputs, out))
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains(".nianbao.lock"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: elsewhere.path))
        XCTAssertNil(Safety.read(out.appendingPathComponent("county.xlsx")))
    }

    // MARK: - Output paths

    func assertRefused(_ args: [String], _ inputs: URL, naming path: String, _ why: String, uid: Int? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try snapshot(inputs)
        let r = try Safety.run(args, uid: uid)
        XCTAssertEqual(r.status, 2, "\(args): \(r.err)", file: file, line: line)
        XCTAssertTrue(r.err.contains(path) && r.err.contains(why), "expected the path \(path) and “\(why)” in: \(r.err)", file: file, line: line)
        XCTAssertEqual(try snapshot(inputs), before, "the inputs changed", file: file, line: line)
    }

    /// Every file under the inputs folder with its bytes.
    func snapshot(_ inputs: URL) throws -> [String: Data] {
        PathTree.files(inputs, read: Safety.read)
    }

    /// As root, and as an unprivileged user who may write the inputs (as townships can).
    func testOutputInsideTheInputsIsRefused() throws {
        for uid in [nil, Safety.canDropRoot ? Safety.nobody : nil] as [Int?] {
            let (_, inputs, out) = Safety.workspace(self)
            if uid != nil {
                for case let name as String in FileManager.default.enumerator(atPath: inputs.path)! {
                    chmod(inputs.appendingPathComponent(name).path, 0o777)
                }
                chmod(inputs.path, 0o777)
            }
            let roster = inputs.appendingPathComponent("roster.csv").path
            try assertRefused([inputs.path, "--year", "2024", "--summary", roster, "--xlsx", out.appendingPathComponent("a.xlsx").path],
                              inputs, naming: roster, "inside the inputs folder", uid: uid)
            let report = inputs.appendingPathComponent("2024/baofeng.json").path
            try assertRefused([inputs.path, "--year", "2024", "--xlsx", report, "--summary", out.appendingPathComponent("a.json").path],
                              inputs, naming: report, "inside the inputs folder", uid: uid)
            // A new file in the inputs folder too: it would be read as a report next night.
            let fresh = inputs.appendingPathComponent("2024/new.json").path
            try assertRefused([inputs.path, "--year", "2024", "--xlsx", out.appendingPathComponent("a.xlsx").path, "--summary", fresh],
                              inputs, naming: fresh, "inside the inputs folder", uid: uid)
            XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))
            // Reached through "..": the same folder.
            let dotted = out.path + "/../inputs/county.json"
            try assertRefused([inputs.path, "--year", "2024", "--summary", dotted, "--xlsx", out.appendingPathComponent("a.xlsx").path],
                              inputs, naming: "county.json", "inside the inputs folder", uid: uid)
            // county.json kept outside the inputs folder, linked in: still an input.
            let kept = inputs.deletingLastPathComponent().appendingPathComponent("county-settings.json")
            try FileManager.default.moveItem(at: inputs.appendingPathComponent("county.json"), to: kept)
            XCTAssertEqual(symlink(kept.path, inputs.appendingPathComponent("county.json").path), 0)
            try assertRefused([inputs.path, "--year", "2024", "--summary", kept.path, "--xlsx", out.appendingPathComponent("a.xlsx").path],
                              inputs, naming: kept.path, "is the input file", uid: uid)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [], "nothing may be written when an output is refused")
        }
    }

    func testDevicePipeSocketAndDirectoryAreRefused() throws {
        let (_, inputs, out) = Safety.workspace(self)
        let summary = out.appendingPathComponent("s.json").path
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", "/dev/null", "--summary", summary], inputs, naming: "/dev/null", "a device")
        var st = stat()
        XCTAssertEqual(stat("/dev/null", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFCHR, "/dev/null is no longer a device")

        let fifo = out.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", fifo, "--summary", summary], inputs, naming: fifo, "a named pipe")
        XCTAssertEqual(lstat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)

        let dir = out.appendingPathComponent("folder.json").path
        XCTAssertEqual(mkdir(dir, 0o755), 0)
        try assertRefused([inputs.path, "--year", "2024", "--summary", dir, "--xlsx", out.appendingPathComponent("a.xlsx").path],
                          inputs, naming: dir, "a directory")

        let socketPath = out.appendingPathComponent("sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(socketPath.utf8)
            for (k, b) in bytes.enumerated() where k < raw.count - 1 { raw[k] = b }
        }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        defer { close(fd) }
        if bound == 0 {
            try assertRefused([inputs.path, "--year", "2024", "--xlsx", socketPath, "--summary", summary], inputs, naming: socketPath, "a socket")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: summary))
    }

    func testSameOutputTwiceIsRefused() throws {
        let (_, inputs, out) = Safety.workspace(self)
        let a = out.appendingPathComponent("a").path
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", a, "--summary", a], inputs, naming: a, "same file as --xlsx")
        // The same file under another name: a link to it, or a hard link.
        try Data("yesterday".utf8).write(to: URL(fileURLWithPath: a))
        let soft = out.appendingPathComponent("soft").path, hard = out.appendingPathComponent("hard").path
        XCTAssertEqual(symlink(a, soft), 0)
        XCTAssertEqual(link(a, hard), 0)
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", a, "--summary", soft], inputs, naming: soft, "same file as --xlsx")
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", hard, "--summary", a], inputs, naming: a, "same file as --xlsx")
        XCTAssertEqual(Safety.read(URL(fileURLWithPath: a)), Data("yesterday".utf8))
    }

    func testEmptyOutputPathIsAUsageError() throws {
        let (_, inputs, out) = Safety.workspace(self)
        for option in ["--xlsx", "--summary"] {
            let r = try Safety.run([inputs.path, "--year", "2024", option, ""])
            XCTAssertEqual(r.status, 2, r.err)
            XCTAssertTrue(r.err.contains(option) && r.err.contains("empty"), r.err)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    /// A link to a regular file outside the inputs is written through (the link stays, its
    /// target gets the new bytes); a link into the inputs, to a folder or to nothing is refused.
    func testSymlinkedOutputs() throws {
        let (root, inputs, out) = Safety.workspace(self)
        let real = root.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let target = real.appendingPathComponent("county.xlsx")
        try Data("yesterday".utf8).write(to: target)
        let linked = out.appendingPathComponent("county.xlsx")
        XCTAssertEqual(symlink(target.path, linked.path), 0)
        let r = try Safety.run(Safety.arguments(inputs, out, ["--quiet"]))
        XCTAssertEqual(r.status, 0, r.err)
        var st = stat()
        XCTAssertEqual(lstat(linked.path, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFLNK, "the link itself was replaced")
        let written = try XCTUnwrap(Safety.read(target))
        XCTAssertEqual(Array(written.prefix(2)), Array("PK".utf8), "the link's target did not get the workbook")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: real.path).sorted(), [".nianbao.lock", "county.xlsx"],
                       "scratch left beside the target")

        let summary = out.appendingPathComponent("s.json").path
        let intoInputs = out.appendingPathComponent("roster-link").path
        XCTAssertEqual(symlink(inputs.appendingPathComponent("roster.csv").path, intoInputs), 0)
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", intoInputs, "--summary", summary], inputs, naming: intoInputs, "inside the inputs folder")
        let toFolder = out.appendingPathComponent("folder-link").path
        XCTAssertEqual(symlink(real.path, toFolder), 0)
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", toFolder, "--summary", summary], inputs, naming: toFolder, "not a regular file")
        let dangling = out.appendingPathComponent("dangling").path
        XCTAssertEqual(symlink(root.appendingPathComponent("nowhere/x").path, dangling), 0)
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", dangling, "--summary", summary], inputs, naming: dangling, "symbolic link to nothing")
        let toDevice = out.appendingPathComponent("null-link").path
        XCTAssertEqual(symlink("/dev/null", toDevice), 0)
        try assertRefused([inputs.path, "--year", "2024", "--xlsx", toDevice, "--summary", summary], inputs, naming: toDevice, "not a regular file")
    }

    // MARK: - Default names from county.json

    func testCountyNameIsMadeASafeFileName() throws {
        let cases: [(name: String, expected: String)] = [
            ("../../x", "640221-2024"), ("a/b", "640221-2024"), (".hidden", "640221-2024"), ("平罗\\县", "640221-2024"),
            ("平罗\u{7}县", "640221-2024"), (String(repeating: "长", count: 200), String(repeating: "长", count: 60) + "-2024"),
            ("  平罗县 ", "平罗县-2024"), ("   ", "640221-2024"), ("\u{200B}\u{3000}", "640221-2024"),
        ]
        for (name, expected) in cases {
            let (root, inputs, _) = Safety.workspace(self)
            let json = JSONWriter.write(.object([("name", .string(name)), ("code", .string("640221")), ("deadline", .string("01-31"))]))
            try Data(json.utf8).write(to: inputs.appendingPathComponent("county.json"))
            let r = try Safety.run([inputs.path, "--year", "2024", "--as-of", "2025-03-02", "--quiet"], cwd: root)
            XCTAssertEqual(r.status, 0, "\(name): \(r.err)")
            let made = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path).sorted()
            XCTAssertEqual(made, [".nianbao.lock", "\(expected).html", "\(expected).summary.json", "\(expected).xlsx"], name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["inputs", "out"], "\(name): wrote outside out/")
        }
    }

    // MARK: - Installing the pair

    /// A target that turns into a folder between the first rename and the second: the first
    /// output is put back as it was, the second untouched, and the failure says so.
    func testFailedSecondRenameRestoresTheFirst() throws {
        let (root, inputs, out) = Safety.workspace(self)
        let a = out.appendingPathComponent("a.xlsx"), b = out.appendingPathComponent("b.json")
        try Data("yesterday a".utf8).write(to: a)
        try Data("yesterday b".utf8).write(to: b)
        let set = OutputSet(try OutputSet.check([("xlsx", a.path), ("summary", b.path)], inputs: inputs))
        try set.prepare()
        defer { set.cleanUp() }
        for o in set.outputs { try Data("new \(o.name)".utf8).write(to: URL(fileURLWithPath: set.temporary(o))) }
        set.beforeRename = { k in
            if k == 1 {
                unlink(b.path)
                mkdir(b.path, 0o755)
                mkdir(b.appendingPathComponent("inside").path, 0o755)
            }
        }
        XCTAssertThrowsError(try set.install()) { error in
            XCTAssertTrue("\(error)".contains("every output is as it was"), "\(error)")
        }
        XCTAssertEqual(Safety.read(a), Data("yesterday a".utf8), "the first output was not restored")
        set.cleanUp()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(), ["a.xlsx", "b.json"])
        _ = root
    }

    /// Both new: a failed second rename removes the first new file again.
    func testFailedSecondRenameOfANewPairLeavesNothing() throws {
        let (_, inputs, out) = Safety.workspace(self)
        let a = out.appendingPathComponent("a.xlsx"), b = out.appendingPathComponent("b.json")
        let set = OutputSet(try OutputSet.check([("xlsx", a.path), ("summary", b.path)], inputs: inputs))
        try set.prepare()
        for o in set.outputs { try Data("new".utf8).write(to: URL(fileURLWithPath: set.temporary(o))) }
        set.beforeRename = { k in if k == 1 { mkdir(b.path, 0o755); mkdir(b.appendingPathComponent("x").path, 0o755) } }
        XCTAssertThrowsError(try set.install())
        set.cleanUp()
        XCTAssertFalse(FileManager.default.fileExists(atPath: a.path))
    }

    /// Through the CLI: a summary path that became a folder before the run installs anything is
    /// refused up front, and yesterday's workbook stays.
    func testDirectorySummaryLeavesYesterdaysWorkbook() throws {
        let (_, inputs, out) = Safety.workspace(self)
        XCTAssertEqual(try Safety.run(Safety.arguments(inputs, out, ["--quiet", "--as-of", "2025-03-01"])).status, 0)
        let yesterday = Safety.read(out.appendingPathComponent("county.xlsx"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("county.summary.json"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("county.summary.json"), withIntermediateDirectories: true)
        let r = try Safety.run(Safety.arguments(inputs, out))
        XCTAssertEqual(r.status, 2, r.err)
        XCTAssertEqual(Safety.read(out.appendingPathComponent("county.xlsx")), yesterday)
    }

    // MARK: - Standard streams

    func testSchemaAndHelpToAFullDeviceExitOne() throws {
        for args in [["schema"], ["--help"], ["rollup", "--help"]] {
            let r = try Safety.run(args, prelude: "exec >/dev/full")
            XCTAssertEqual(r.status, 1, "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains("standard output"), r.err)
        }
        let ok = try Safety.run(["schema"])
        XCTAssertEqual(ok.status, 0)
        XCTAssertTrue(ok.out.hasPrefix("{"), ok.out)
    }

    /// stderr closed, full, or a pipe nobody reads: the exit code stays the run's.
    func testFailingStderrKeepsTheExitCode() throws {
        let (_, inputs, out) = Safety.workspace(self)
        for (prelude, strict) in [("exec 2>&-", false), ("exec 2>/dev/full", false), ("exec 2>&-", true), ("exec 2>/dev/full", true)] {
            let r = try Safety.run(Safety.arguments(inputs, out, strict ? ["--strict", "--timings"] : ["--timings"]), prelude: prelude)
            XCTAssertFalse(r.signalled, "\(prelude): killed by signal \(r.status)")
            XCTAssertEqual(r.status, strict ? 3 : 0, prelude)
        }
        // A pipe whose reader has gone: EPIPE, not SIGPIPE or a crash.
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let r = try Safety.run(Safety.arguments(inputs, out, ["--strict", "--timings"]), stderr: pipe.fileHandleForWriting)
        XCTAssertFalse(r.signalled, "killed by signal \(r.status)")
        XCTAssertEqual(r.status, 3)
        // And a failing run still says 1.
        let failed = try Safety.run([inputs.path, "--year", "2024", "--xlsx", out.appendingPathComponent("no/such.xlsx").path],
                                    stderr: pipe.fileHandleForWriting)
        XCTAssertEqual(failed.status, 1)
        XCTAssertFalse(failed.signalled)
    }
}
