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
        subcommands: [RollupCommand.self, Schema.self, Generate.self, ImportCommand.self],
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
    }

    func run() throws {
        var options = RollupJob.Options(inputs: URL(fileURLWithPath: inputs), year: year)
        options.asOf = asOf.flatMap { CalendarDate(iso: $0) }
        options.xlsx = xlsx.map { URL(fileURLWithPath: $0) }
        options.summary = summary.map { URL(fileURLWithPath: $0) }
        options.load.threads = threads
        options.load.maximumFileSize = maxFileSize
        let outcome: RollupJob.Outcome
        do {
            outcome = try RollupJob.run(options) { message in
                if !quiet { FileHandle.standardError.write(Data("nianbao: \(message)\n".utf8)) }
            }
        } catch {
            FileHandle.standardError.write(Data("nianbao: error: \(error)\n".utf8))
            throw ExitCode(Exit.failed)
        }
        let r = outcome.rollup
        if !quiet {
            FileHandle.standardError.write(Data((summaryLine(outcome) + "\n").utf8))
        }
        if timings {
            var line = "timings:"
            for (phase, seconds) in outcome.timings { line += String(format: " %@ %.3fs", phase, seconds) }
            line += " (\(r.filesFound) files, \(outcome.bytesRead) bytes read, zlib level \(outcome.zlibLevel.map(String.init) ?? "6 (libxlsxwriter's)"))"
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        if strict && r.townships.contains(where: { $0.onRoster && [.missing, .late, .unreadable].contains($0.status) }) {
            throw ExitCode(Exit.strict)
        }
    }

    /// `平罗县 2024: 13 townships — 9 on time, …; 3 rule errors; wrote out/…`
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
            + "\(r.errorCount) rule errors, \(r.warningCount) warnings; wrote \(rel(o.xlsx)) and \(rel(o.summary))"
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the JSON Schema of one township report (the input contract).")
    func run() throws {
        print(JSONWriter.write(ReportSchema.json()), terminator: "")
    }
}

// A file-size limit (ulimit -f) must end in a clean exit 1 with yesterday's outputs intact, not
// in a silent kill by SIGXFSZ: ignored, the failed write reports EFBIG like a full disk.
signal(SIGXFSZ, SIG_IGN)

// Usage errors exit 2 (not ArgumentParser's 64), so cron and systemd see the documented codes.
do {
    var command = try Nianbao.parseAsRoot()
    try command.run()
} catch {
    let code = Nianbao.exitCode(for: error)
    if code == .success {
        print(Nianbao.fullMessage(for: error))
        exit(0)
    }
    if let e = error as? ExitCode {
        exit(e.rawValue)
    }
    FileHandle.standardError.write(Data((Nianbao.fullMessage(for: error) + "\n").utf8))
    exit(code == .validationFailure ? Exit.usage : Exit.failed)
}
