import Aggregate
import CountyPage
import CountyWorkbook
import Foundation
import Import

/// One rollup run from inputs folder to workbook, summary.json and page: read the county's
/// setup, load the year and the one before it, judge, then write every output (and the history
/// copy) through temporary files installed together, under a lock, so a failed or concurrent
/// run never leaves a broken file.
package enum RollupJob {
    package static let version = "0.1.0"
    package static var generator: String { "nianbao \(version)" }

    package struct Options: Sendable {
        package var inputs: URL
        package var year: Int
        package var asOf: CalendarDate?
        package var xlsx: URL?
        package var summary: URL?
        /// The supervisors' page; default beside the workbook (`defaultPage`).
        package var html: URL?
        /// Where each run's summary.json is kept by as-of day (`--history`); nil: not kept.
        package var history: URL?
        package var load = LoadOptions()
        package init(inputs: URL, year: Int) {
            self.inputs = inputs
            self.year = year
        }
    }

    package struct Outcome: Sendable {
        package var rollup: Rollup
        package var xlsx: URL
        package var summary: URL
        package var html: URL
        /// The history copy written, when `--history` was given.
        package var history: URL?
        /// Seconds spent in each phase, in order.
        package var timings: [(phase: String, seconds: Double)]
        package var bytesRead: Int
        /// The zlib level the workbook was deflated at (XLSX's `Compression`), for --timings.
        package var zlibLevel: Int?
        /// Doubts about the setup worth a line on stderr (a roster that matches no report).
        package var warnings: [String] = []
    }

    /// Why a run could not complete; the previous outputs are untouched. `usage` marks a
    /// refusal of what was asked (an output path that may not be written: exit 2).
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
        package let usage: Bool
        init(_ d: String, usage: Bool = false) {
            description = d
            self.usage = usage
        }
    }

    /// Memory that must be free before the workbook is begun: a bound on what libxlsxwriter
    /// asks for at once, with room to spare.
    static let memoryHeadroom = 4 << 20

    /// Longest county name used as a file name, in characters.
    static let maximumStemLength = 60

    /// Default output paths: out/<county>-<year>.xlsx and out/<county>-<year>.summary.json.
    package static func defaultOutputs(county: County, year: Int, folder: URL = URL(fileURLWithPath: "out")) -> (URL, URL) {
        let stem = "\(fileStem(county))-\(year)"
        return (folder.appendingPathComponent("\(stem).xlsx"), folder.appendingPathComponent("\(stem).summary.json"))
    }

    /// The county's name as a file name: without white space or invisible characters at its
    /// ends, at most 60 characters; the county's code (or "county") instead when the name holds
    /// a path separator or a control character, starts with a dot, or is blank.
    static func fileStem(_ county: County) -> String {
        func usable(_ s: String) -> Bool {
            !s.isEmpty && !s.hasPrefix(".") && !s.unicodeScalars.contains {
                $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control
                    || $0.properties.generalCategory == .format || $0.properties.generalCategory == .lineSeparator
                    || $0.properties.generalCategory == .paragraphSeparator
            }
        }
        let name = county.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if usable(name) { return String(name.prefix(maximumStemLength)) }
        let code = county.code.trimmingCharacters(in: .whitespaces)
        if !code.isEmpty, code.count <= maximumStemLength, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { return code }
        return "county"
    }

    package static func run(_ options: Options, onWait: (String) -> Void = { _ in }) throws -> Outcome {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ name: String) {
            let now = Date()
            timings.append((name, now.timeIntervalSince(clock)))
            clock = now
            if ProcessInfo.processInfo.environment["NIANBAO_TRACE_MEMORY"] != nil {
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? ""
                Console.error("after \(name): \(peak)\n")
            }
        }
        // --threads 1: no thread besides this one, anywhere in the run.
        Threads.limit = options.load.threads

        // The outputs named on the command line are checked before anything is read.
        var named: [(role: String, path: String)] = []
        if let x = options.xlsx { named.append(("xlsx", x.path)) }
        if let s = options.summary { named.append(("summary", s.path)) }
        if let h = options.html { named.append(("html", h.path)) }
        _ = try OutputSet.check(named, inputs: options.inputs)

        let county: County, roster: [RosterEntry]
        do {
            county = try CountyFiles.readCounty(options.inputs.appendingPathComponent("county.json"))
            roster = try CountyFiles.readRoster(options.inputs.appendingPathComponent("roster.csv"))
        } catch let e as SetupError {
            throw Failure("\(options.inputs.path)/\(e.description)")
        }
        let (defaultXlsx, defaultSummary) = defaultOutputs(county: county, year: options.year)
        let xlsxURL = options.xlsx ?? defaultXlsx
        let summaryURL = options.summary ?? defaultSummary
        let htmlURL = options.html ?? defaultPage(county: county, year: options.year, beside: xlsxURL, summary: summaryURL)
        let asOf = options.asOf ?? county.today()

        // The default folder is made when missing; a folder the user named must exist.
        if options.xlsx == nil || options.summary == nil {
            let out = defaultXlsx.deletingLastPathComponent().path
            var st = stat()
            if lstat(out, &st) != 0 && errno == ENOENT { mkdir(out, 0o755) }
        }
        if let dir = options.history { try checkHistory(dir, inputs: options.inputs) }
        let historyURL = options.history.map { $0.appendingPathComponent(History.fileName(county: county, year: options.year, asOf: asOf)) }
        var requested: [(role: String, path: String)] = [("xlsx", xlsxURL.path), ("summary", summaryURL.path), ("html", htmlURL.path)]
        if let historyURL { requested.append(("history", historyURL.path)) }
        let outputs = OutputSet(try OutputSet.check(requested, inputs: options.inputs))
        for folder in outputs.folders {
            guard access(folder, W_OK) == 0 else { throw Failure("output folder \(folder) is not writable") }
        }
        let xlsx = URL(fileURLWithPath: outputs["xlsx"].requested)
        let summary = URL(fileURLWithPath: outputs["summary"].requested)
        let html = URL(fileURLWithPath: outputs["html"].requested)
        lap("setup")

        // Published documents (.html, .docx, .txt, .pdf) are read through the importer, beside .json.
        var load = options.load
        if load.importer == nil { load.importer = Importer.hook }
        if load.county == nil { load.county = county.name }
        let current = Loader.load(inputs: options.inputs, year: options.year, timeZone: county.timeZone, options: load)
        if let problem = current.folderProblem {
            let folder = options.inputs.appendingPathComponent(String(options.year)).path
            throw Failure(problem == .absent
                ? "\(folder) does not exist: create an empty \(options.year)/ folder when no report has arrived yet"
                : "\(folder) \(problem): the year's reports cannot be read")
        }
        // Of the previous year's prose only the copy check against it reads anything.
        load.prose = .copyPrints
        let previous = Loader.load(inputs: options.inputs, year: options.year - 1, timeZone: county.timeZone, options: load)
        if let problem = previous.folderProblem, problem != .absent {
            throw Failure("\(options.inputs.appendingPathComponent(String(options.year - 1)).path) \(problem): the previous year's reports cannot be read")
        }
        lap("read+decode")
        let bytesRead = current.bytesRead + previous.bytesRead
        let reportsRead = current.accepted.count
        let matched = Rollup.match(county: county, roster: roster, current: current,
                                   previous: previous.found > 0 ? previous : nil, asOf: asOf)
        lap("match+sum")
        var warnings: [String] = []
        if reportsRead > 0, !roster.isEmpty, matched.townships.prefix(roster.count).allSatisfy({ $0.report == nil }) {
            let odd = CountyFiles.unlikeTownships(roster)
            if !odd.isEmpty {
                let shown = odd.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
                warnings.append("roster.csv matches none of the \(reportsRead) readable reports of \(options.year), and \(odd.count) of its \(roster.count) names do not look like townships' (\(shown)\(odd.count > 3 ? ", …" : "")): is it the right list, with the columns name,code?")
            }
        }

        // Locks in a fixed order (folder names sorted), so two runs never wait on each other.
        var locks: [OutputLock] = []
        defer { for lock in locks.reversed() { lock.release() } }
        for folder in outputs.folders { locks.append(try OutputLock(folder: URL(fileURLWithPath: folder), onWait: onWait)) }
        // Read before this run's summary.json replaces it: what changed since (Aggregate/Changes).
        let previousRun = previousSummary(at: summary, county: county, year: options.year)
        // Under the locks nobody else is writing: what a killed run left behind can go.
        defer { outputs.cleanUp() }
        try outputs.prepare()
        let tmpXlsx = outputs.temporary(outputs["xlsx"]), tmpSummary = outputs.temporary(outputs["summary"])
        let tmpHtml = outputs.temporary(outputs["html"])
        let tmpHistory = historyURL == nil ? nil : outputs.temporary(outputs["history"])
        let scratch = outputs.scratchFolder(for: outputs["xlsx"].folder)
        // libxlsxwriter notices a failed allocation but may then crash in its own clean-up; where
        // the allocator says no (ulimit -v), say so first, with yesterday's outputs untouched.
        guard let headroom = malloc(memoryHeadroom) else {
            throw Failure("not enough memory to write the outputs (\(memoryHeadroom >> 20) MiB could not be allocated); the previous outputs are untouched")
        }
        free(headroom)
        let concurrently = (options.load.threads ?? 2) > 1
        // The workbook writer fills 乡镇明细 from the matched rollup on one core while the rules
        // run on the other; once they have, summary.json is made beside the remaining sheets.
        // With --threads 1 (or when no thread can be started) each runs here in turn.
        let summaryResult = ResultBox()
        var waitForSummary: () -> Void = {}
        var judged: Rollup? = nil
        let zlibLevel: Int?
        do {
            zlibLevel = try CountyWorkbook.write(matched: matched, judging: {
                var judgedRollup = matched.judged()
                judgedRollup.changes = Changes.between(previousRun, judgedRollup)
                let rollup = judgedRollup
                lap("check")
                judged = rollup
                let job: @Sendable () -> Void = {
                    do {
                        let bytes = Summary.bytes(rollup, generator: generator)
                        try FileOutput.write(bytes, to: tmpSummary, sync: true)
                        if let tmpHistory { try FileOutput.write(bytes, to: tmpHistory, sync: true) }
                    } catch {
                        summaryResult.error = error
                    }
                }
                waitForSummary = concurrently ? Threads.begin(job) : { job(); return {} }()
                return rollup
            }, to: tmpXlsx, generator: generator, temporaryDirectory: scratch, concurrently: concurrently, lap: lap)
        } catch {
            waitForSummary()
            throw Failure("cannot write the workbook \(xlsx.path): \(error)")
        }
        waitForSummary()
        lap("wait for summary")
        if let error = summaryResult.error { throw Failure("cannot write \(summary.path): \(error)") }
        guard let rollup = judged else { throw Failure("the workbook writer never asked for the checks") }
        do {
            try FileOutput.write(pageBytes(rollup, xlsx: xlsx, summary: summary, history: options.history), to: tmpHtml, sync: true)
        } catch {
            throw Failure("cannot write the page \(html.path): \(error)")
        }
        lap("write page")
        try syncFile(URL(fileURLWithPath: tmpXlsx))
        try outputs.install()
        if let dir = options.history { History.prune(dir, county: county, keeping: options.year) }
        lap("sync+rename")
        return Outcome(rollup: rollup, xlsx: xlsx, summary: summary, html: html, history: historyURL, timings: timings,
                       bytesRead: bytesRead,
                       zlibLevel: zlibLevel, warnings: warnings)
    }

    static func syncFile(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw Failure("cannot reopen \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure("cannot flush \(url.path) to disk: \(String(cString: strerror(errno)))") }
    }
}

/// The error of the summary writer, handed back to the thread that waits for it.
final class ResultBox: @unchecked Sendable {
    var error: Error?
}

/// An exclusive lock on the output folder (`.nianbao.lock`), so two runs never interleave
/// their writes; a second run waits for the first and says so.
final class OutputLock {
    private var fd: Int32

    init(folder: URL, onWait: (String) -> Void) throws {
        let path = folder.appendingPathComponent(".nianbao.lock").path
        // O_NOFOLLOW: a link planted under the lock's name must not make root create or open
        // a file elsewhere.
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RollupJob.Failure("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            onWait("another nianbao run is writing to \(folder.path); waiting for it to finish (lock \(path))")
            guard flock(fd, LOCK_EX) == 0 else { throw RollupJob.Failure("cannot lock \(path): \(String(cString: strerror(errno)))") }
        }
    }

    func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
