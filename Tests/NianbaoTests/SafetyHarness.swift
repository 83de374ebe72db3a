import Aggregate
import Foundation
import StrictJSON
import XCTest

/// Running the built CLI for issue 10's tests: in a shell prelude (ulimit, closed streams), as
/// an unprivileged user, under process limits, and never for longer than a timeout — a hang is
/// a failure, not a stuck test run.
enum Safety {
    struct Result {
        let status: Int32
        let signalled: Bool
        let timedOut: Bool
        let out: String
        let err: String
    }

    /// An unprivileged uid with no other processes (so RLIMIT_NPROC counts this run alone).
    static let loneUID = 54_321
    static let nobody = 65_534

    /// Runs `nianbao args…`; `prelude` is shell run first (`ulimit -v …`); `uid` drops root via
    /// setpriv; `nproc` sets RLIMIT_NPROC with prlimit (root ignores it, so pair it with a uid);
    /// stdout and stderr are captured unless `stderr` is given.
    static func run(_ args: [String], cwd: URL? = nil, prelude: String? = nil, uid: Int? = nil, nproc: Int? = nil,
                    stderr: FileHandle? = nil, timeout: TimeInterval = 300) throws -> Result {
        var command: [String] = []
        if let nproc { command += ["/usr/bin/prlimit", "--nproc=\(nproc)"] }
        if let uid, geteuid() == 0 { command += ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"] }
        if let prelude {
            command += ["/bin/sh", "-c", "\(prelude); exec \"$0\" \"$@\"", Fixtures.executable.path]
        } else {
            command.append(Fixtures.executable.path)
        }
        command += args
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        if let cwd { p.currentDirectoryURL = cwd }
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-safety-\(UUID().uuidString)")
        let errFile = outFile.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { unlink(outFile.path); unlink(errFile.path) }
        p.standardOutput = try FileHandle(forWritingTo: outFile)
        p.standardError = try stderr ?? FileHandle(forWritingTo: errFile)
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while p.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(-p.processIdentifier, SIGKILL)
                kill(p.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        p.waitUntilExit()
        return Result(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal, timedOut: timedOut,
                      out: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
                      err: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "")
    }

    /// A scratch folder holding a copy of the bundled inputs (`inputs/`) and an empty `out/`
    /// that anybody may write (for runs as another user); removed after the test.
    static func workspace(_ test: XCTestCase, _ name: String = #function) -> (root: URL, inputs: URL, out: URL) {
        let inputs = Fixtures.copyOfInputs("safety-\(name)")
        let root = inputs.deletingLastPathComponent()
        let out = root.appendingPathComponent("out")
        try! FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        chmod(root.path, 0o755)
        chmod(out.path, 0o777)
        test.addTeardownBlock {
            _ = try? FileManager.default.removeItem(at: root)
        }
        return (root, inputs, out)
    }

    static func arguments(_ inputs: URL, _ out: URL, _ extra: [String] = []) -> [String] {
        [inputs.path, "--year", "2024", "--as-of", "2025-03-02",
         "--xlsx", out.appendingPathComponent("county.xlsx").path,
         "--summary", out.appendingPathComponent("county.summary.json").path] + extra
    }

    static func read(_ url: URL) -> Data? { try? Data(contentsOf: url) }

    static func summary(_ out: URL) throws -> JSONValue {
        try JSONParser.parse([UInt8](Data(contentsOf: out.appendingPathComponent("county.summary.json"))))
    }

    /// name → township object of summary.json (the first of that name).
    static func townships(_ summary: JSONValue) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for t in items(summary["townships"]) where out[text(t["name"])] == nil { out[text(t["name"])] = t }
        return out
    }

    static func rules(_ township: JSONValue?) -> [String] {
        items(township?["flags"]).map { text($0["rule"]) }
    }

    static func items(_ v: JSONValue?) -> [JSONValue] { if case .array(let a)? = v { return a }; return [] }
    static func text(_ v: JSONValue?) -> String { if case .string(let s)? = v { return s }; return "" }
    static func int(_ v: JSONValue?) -> Int64? { if case .integer(let n)? = v { return n }; return nil }

    /// Whether the tests run as root and can drop to another user.
    static var canDropRoot: Bool { geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") }
}
