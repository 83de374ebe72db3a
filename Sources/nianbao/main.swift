import Aggregate
import ArgumentParser
import Foundation
import Publish
import RollupJob
import StrictJSON

/// The command line: parse, wire the parts, set the exit code. Everything else lives in the libraries.
struct Nianbao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "Roll township government-information-disclosure annual reports (年报) up into county tables.",
        version: RollupJob.version,
        subcommands: [RollupCommand.self, Schema.self, Generate.self, ImportCommand.self, Render.self],
        defaultSubcommand: RollupCommand.self
    )
}

/// The exit codes a scheduler can rely on (README, `rollup --help`), named once. ArgumentParser's
/// own usage code (64) is not one of them: a usage error is 2.
extension ExitCode {
    static let failed = ExitCode.failure
    static let usage = ExitCode(2)
    static let strict = ExitCode(3)

    /// The code for an error a subcommand's `run()` threw, printed (when it is not an exit
    /// code itself) as "nianbao: error: …" on stderr: the one place errors become exit codes.
    static func reporting(_ error: Error) -> ExitCode {
        if let code = error as? ExitCode { return code }
        Console.error("nianbao: error: \(error)\n")
        switch error {
        case let failure as RollupJob.Failure where failure.isUsage: return .usage
        default: return .failed
        }
    }

    /// The code for an error of the command line. --help and --version print to stdout (their
    /// text is the command's output, so a failed write is exit 1); usage errors exit 2 (not
    /// ArgumentParser's 64), so cron and systemd see the documented codes.
    static func commandLine(_ error: Error) -> ExitCode {
        let code = Nianbao.exitCode(for: error)
        if code == .success {
            do { try Console.output(Array((Nianbao.fullMessage(for: error) + "\n").utf8)) } catch { return reporting(error) }
            return .success
        }
        if let code = error as? ExitCode { return code }
        Console.error(Nianbao.fullMessage(for: error) + "\n")
        return code == .validationFailure ? .usage : .failed
    }
}

/// nianbao's own subcommands, whose run() throws nianbao's errors (not the command line's).
protocol Subcommand: ParsableCommand {}
extension RollupCommand: Subcommand {}
extension Schema: Subcommand {}
extension Generate: Subcommand {}
extension Render: Subcommand {}
extension ImportCommand: Subcommand {}

/// Why `generate` or `render` stopped, in the words printed after "nianbao: error: " (exit 1).
enum CommandError: Error, CustomStringConvertible {
    case folderNotEmpty(String)
    case cannotRead(String)
    case cannotRender(file: String, PublishError)
    case cannotWrite(String)

    var description: String {
        switch self {
        case .folderNotEmpty(let path): "\(path) exists and is not empty"
        case .cannotRead(let file): "cannot read \(file)"
        case .cannotRender(let file, let error): "\(file): \(error)"
        case .cannotWrite(let path): "cannot write \(path)"
        }
    }
}

/// A date argument, YYYY-MM-DD, parsed once when the command line is read; `validate()` turns
/// a date that does not parse into a usage error naming the option.
struct DateArgument: ExpressibleByArgument {
    let text: String
    let date: CalendarDate?
    init(argument: String) {
        text = argument
        date = CalendarDate(iso: argument)
    }
}

struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Load INPUTS/<year>/*.json, check every report, and write the county workbook and summary.json.",
        discussion: """
        Exit status: 0 outputs written (with or without flags); 1 the run could not complete \
        (previous outputs untouched); 2 usage error; 3 with --strict, a township is missing, late or unreadable.
        """
    )

    @Argument(help: "The inputs folder (county.json, roster.csv, <year>/*.json).")
    var inputs: String = "inputs"

    @Option(help: "The reporting year to roll up.")
    var year: Int

    @Option(help: "Judge deadlines as of this day (YYYY-MM-DD); default: today in the county's time zone.")
    var asOf: DateArgument?

    @Option(help: "Workbook path (default: out/<county>-<year>.xlsx).")
    var xlsx: String?

    @Option(help: "summary.json path (default: out/<county>-<year>.summary.json).")
    var summary: String?

    @Option(help: "The supervisors' page, one self-contained HTML file (default: the workbook's path with .html, out/<county>-<year>.html).")
    var html: String?

    @Option(help: "Keep this run's summary.json in DIR as <county>-<year>-<as-of>.summary.json (one per day; other years pruned); the page draws arrivals by day from them. DIR must exist and lie outside INPUTS.")
    var history: String?

    @Option(help: "Loader threads (default: one per core).")
    var threads: Int?

    @Option(help: "Reject report files larger than this many bytes, without reading them.")
    var maxFileSize: Int = 4 * 1024 * 1024

    @ArgumentParser.Flag(help: "Exit 3 when any township is missing, late or unreadable.")
    var strict = false

    @ArgumentParser.Flag(help: "Print nothing on success.")
    var quiet = false

    @ArgumentParser.Flag(help: "Print the time spent in each phase to stderr.")
    var timings = false

    func validate() throws {
        if let asOf, asOf.date == nil {
            throw ValidationError("--as-of: expected a date YYYY-MM-DD, found '\(asOf.text)'")
        }
        if !(2000...2100).contains(year) { throw ValidationError("--year: expected a year from 2000 to 2100") }
        if let threads, threads < 1 { throw ValidationError("--threads: expected at least 1") }
        if maxFileSize < 1 { throw ValidationError("--max-file-size: expected at least 1") }
        for (option, path) in [("--xlsx", xlsx), ("--summary", summary)] where path?.isEmpty == true {
            throw ValidationError("\(option): expected a file path, found an empty one")
        }
    }

    func run() throws {
        var options = RollupJob.Options(inputs: URL(fileURLWithPath: inputs), year: year)
        options.asOf = asOf?.date
        options.xlsx = xlsx.map { URL(fileURLWithPath: $0) }
        options.summary = summary.map { URL(fileURLWithPath: $0) }
        options.html = html.map { URL(fileURLWithPath: $0) }
        options.history = history.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.load.threads = threads
        options.load.maximumFileSize = maxFileSize
        let outcome = try RollupJob.run(options) { message in
            if !quiet { Console.error("nianbao: \(message)\n") }
        }
        let r = outcome.rollup
        for warning in outcome.warnings where !quiet { Console.error("nianbao: warning: \(warning)\n") }
        if !quiet {
            Console.error(summaryLine(outcome) + "\n")
        }
        if timings {
            var line = "timings:"
            for (phase, seconds) in outcome.timings { line += String(format: " %@ %.3fs", phase, seconds) }
            line += " (\(r.filesFound) files, \(outcome.bytesRead) bytes read, zlib level \(outcome.zlibLevel.map { $0 == 6 ? "6 (libxlsxwriter's)" : String($0) } ?? "unknown"))"
            Console.error(line + "\n")
        }
        if strict && r.townships.contains(where: { $0.onRoster && [.missing, .late, .unreadable].contains($0.status) }) {
            throw ExitCode.strict
        }
    }

    /// `平罗县 2024: 13 townships — 9 on time, …; 3 rule errors; wrote out/…; since 2025-01-30: 2 new reports, 1 newly overdue`
    func summaryLine(_ o: RollupJob.Outcome) -> String {
        let r = o.rollup
        // One pass over the townships: how many on the roster, and how many in each status.
        var onRoster = 0
        var byStatus: [Status: Int] = [:]
        for t in r.townships where t.onRoster {
            onRoster += 1
            byStatus[t.status, default: 0] += 1
        }
        let words: [(Status, String)] = [(.onTime, "on time"), (.late, "late"), (.dateUnknown, "date unknown"),
                                         (.missing, "missing"), (.unreadable, "unreadable"), (.pending, "pending")]
        let parts = words.compactMap { s, w -> String? in
            let n = byStatus[s] ?? 0
            return n > 0 ? "\(n) \(w)" : nil
        }
        let extra = r.townships.count - onRoster
        let offRoster = extra > 0 ? ", \(extra) not on roster" : ""
        let rel = { (u: URL) -> String in
            let cwd = FileManager.default.currentDirectoryPath + "/"
            return u.path.hasPrefix(cwd) ? String(u.path.dropFirst(cwd.count)) : u.path
        }
        return "\(r.county.name) \(r.year): \(onRoster) townships — \(parts.joined(separator: ", "))\(offRoster); "
            + "\(r.filesFound) files (\(r.filesAccepted) accepted, \(r.rejected.count) rejected); "
            + (r.skipped.isEmpty ? "" : "\(r.skipped.count) other file\(r.skipped.count == 1 ? "" : "s") skipped (not a report format); ")
            + "\(r.errorCount) rule errors, \(r.warningCount) warnings; wrote \(rel(o.xlsx)), \(rel(o.summary)) and \(rel(o.html))"
            + (r.changes.map { "; \($0.sentence)" } ?? "")
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the JSON Schema of one township report (the input contract).")
    func run() throws {
        try Console.output(Array(JSONWriter.write(ReportSchema.json()).utf8))
    }
}

// A file-size limit (ulimit -f) must end in a clean exit 1 with yesterday's outputs intact, not
// in a silent kill by SIGXFSZ: ignored, the failed write reports EFBIG like a full disk.
signal(SIGXFSZ, SIG_IGN)
// A reader of stdout or stderr that has gone away must not kill the run (exit 141) after its
// outputs are installed: writes then fail with EPIPE, which stdout reports and stderr ignores.
signal(SIGPIPE, SIG_IGN)

// Errors become exit codes in one place: `ExitCode.reporting` for what a subcommand's run()
// throws, `ExitCode.commandLine` for the command line (ArgumentParser's help, version and
// usage errors, which its help command throws from run() too).
do {
    var command = try Nianbao.parseAsRoot()
    do {
        try command.run()
    } catch let error where command is Subcommand {
        exit(ExitCode.reporting(error).rawValue)
    }
} catch {
    exit(ExitCode.commandLine(error).rawValue)
}
