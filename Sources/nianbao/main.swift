import Aggregate
import ArgumentParser
import Foundation
import RollupJob

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

/// Exit codes a scheduler can rely on.
enum Exit {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    static let strict: Int32 = 3
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
    var asOf: String?

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
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of: expected a date YYYY-MM-DD, found '\(asOf)'")
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
        options.asOf = asOf.flatMap { CalendarDate(iso: $0) }
        options.xlsx = xlsx.map { URL(fileURLWithPath: $0) }
        options.summary = summary.map { URL(fileURLWithPath: $0) }
        options.html = html.map { URL(fileURLWithPath: $0) }
        options.history = history.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.load.threads = threads
        options.load.maximumFileSize = maxFileSize
        let outcome: RollupJob.Outcome
        do {
            outcome = try RollupJob.run(options) { message in
                if !quiet { Console.error("nianbao: \(message)\n") }
            }
        } catch let failure as RollupJob.Failure where failure.usage {
            Console.error("nianbao: error: \(failure)\n")
            throw ExitCode(Exit.usage)
        } catch {
            Console.error("nianbao: error: \(error)\n")
            throw ExitCode(Exit.failed)
        }
        let r = outcome.rollup
        for warning in outcome.warnings where !quiet { Console.error("nianbao: warning: \(warning)\n") }
        if !quiet {
            Console.error(summaryLine(outcome) + "\n")
        }
        if timings {
            var line = "timings:"
            for (phase, seconds) in outcome.timings { line += String(format: " %@ %.3fs", phase, seconds) }
            line += " (\(r.filesFound) files, \(outcome.bytesRead) bytes read, zlib level \(outcome.zlibLevel.map(String.init) ?? "6 (libxlsxwriter's)"))"
            Console.error(line + "\n")
        }
        if strict && r.townships.contains(where: { $0.onRoster && [.missing, .late, .unreadable].contains($0.status) }) {
            throw ExitCode(Exit.strict)
        }
    }

    /// `平罗县 2024: 13 townships — 9 on time, …; 3 rule errors; wrote out/…; since 2025-01-30: 2 new reports, 1 newly overdue`
    func summaryLine(_ o: RollupJob.Outcome) -> String {
        let r = o.rollup
        let onRoster = r.townships.filter(\.onRoster)
        let words: [(Status, String)] = [(.onTime, "on time"), (.late, "late"), (.dateUnknown, "date unknown"),
                                         (.missing, "missing"), (.unreadable, "unreadable"), (.pending, "pending")]
        let parts = words.compactMap { s, w -> String? in
            let n = onRoster.filter { $0.status == s }.count
            return n > 0 ? "\(n) \(w)" : nil
        }
        let extra = r.townships.count - onRoster.count
        let offRoster = extra > 0 ? ", \(extra) not on roster" : ""
        let rel = { (u: URL) -> String in
            let cwd = FileManager.default.currentDirectoryPath + "/"
            return u.path.hasPrefix(cwd) ? String(u.path.dropFirst(cwd.count)) : u.path
        }
        return "\(r.county.name) \(r.year): \(onRoster.count) townships — \(parts.joined(separator: ", "))\(offRoster); "
            + "\(r.filesFound) files (\(r.filesAccepted) accepted, \(r.rejected.count) rejected); "
            + (r.skipped.isEmpty ? "" : "\(r.skipped.count) other file\(r.skipped.count == 1 ? "" : "s") skipped (not a report format); ")
            + "\(r.errorCount) rule errors, \(r.warningCount) warnings; wrote \(rel(o.xlsx)), \(rel(o.summary)) and \(rel(o.html))"
            + (r.changes.map { "; \($0.sentence)" } ?? "")
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the JSON Schema of one township report (the input contract).")
    func run() throws {
        do {
            try Console.output(Array(JSONWriter.write(ReportSchema.json()).utf8))
        } catch {
            Console.error("nianbao: error: \(error)\n")
            throw ExitCode(Exit.failed)
        }
    }
}

// A file-size limit (ulimit -f) must end in a clean exit 1 with yesterday's outputs intact, not
// in a silent kill by SIGXFSZ: ignored, the failed write reports EFBIG like a full disk.
signal(SIGXFSZ, SIG_IGN)
// A reader of stdout or stderr that has gone away must not kill the run (exit 141) after its
// outputs are installed: writes then fail with EPIPE, which stdout reports and stderr ignores.
signal(SIGPIPE, SIG_IGN)

// Usage errors exit 2 (not ArgumentParser's 64), so cron and systemd see the documented codes.
do {
    var command = try Nianbao.parseAsRoot()
    try command.run()
} catch {
    let code = Nianbao.exitCode(for: error)
    if code == .success {
        // --help and --version: their text is the command's output, so a failed write is exit 1.
        do { try Console.output(Array((Nianbao.fullMessage(for: error) + "\n").utf8)) } catch {
            Console.error("nianbao: error: \(error)\n")
            exit(Exit.failed)
        }
        exit(0)
    }
    if let e = error as? ExitCode {
        exit(e.rawValue)
    }
    Console.error(Nianbao.fullMessage(for: error) + "\n")
    exit(code == .validationFailure ? Exit.usage : Exit.failed)
}
