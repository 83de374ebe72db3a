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

    /// The run, stage by stage; each stage is a call below with its input and output named.
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
        let concurrently = (options.load.threads ?? 2) > 1

        // The outputs named on the command line are checked before anything is read.
        var named: [(role: String, path: String)] = []
        if let x = options.xlsx { named.append(("xlsx", x.path)) }
        if let s = options.summary { named.append(("summary", s.path)) }
        if let h = options.html { named.append(("html", h.path)) }
        _ = try OutputSet.check(named, inputs: options.inputs)
        let (county, roster) = try readSetup(options.inputs)
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
            guard access(folder, W_OK) == 0 else { throw Failure.outputFolderNotWritable(folder: folder) }
        }
        let xlsx = URL(fileURLWithPath: outputs["xlsx"].requested)
        let summary = URL(fileURLWithPath: outputs["summary"].requested)
        let html = URL(fileURLWithPath: outputs["html"].requested)
        lap("setup")

        let (current, previous) = try load(options, county: county)
        lap("read+decode")
        let matched = Rollup.match(county: county, roster: roster, current: current,
                                   previous: previous.found > 0 ? previous : nil, asOf: asOf)
        lap("match+sum")
        let warnings = rosterWarnings(roster, matched: matched, reportsRead: current.accepted.count, year: options.year)

        // Locks in a fixed order (folder names sorted), so two runs never wait on each other.
        var locks: [OutputLock] = []
        defer { for lock in locks.reversed() { lock.release() } }
        for folder in outputs.folders { locks.append(try OutputLock(folder: URL(fileURLWithPath: folder), onWait: onWait)) }
        // Under the locks nobody else is writing: what a killed run left behind can go.
        defer { outputs.cleanUp() }
        try outputs.prepare()
        let tmpXlsx = outputs.temporary(outputs["xlsx"]), tmpSummary = outputs.temporary(outputs["summary"])
        let tmpHtml = outputs.temporary(outputs["html"])
        let tmpHistory = historyURL == nil ? nil : outputs.temporary(outputs["history"])
        try checkMemoryHeadroom()

        // 乡镇明细 needs only the match: it is written on another core while the rules run here.
        // Then summary.json and the page are made on other threads while this one writes the
        // other sheets and zips the workbook (the page had waited for the sheets, and a core sat
        // idle beside them once summary.json was done). With --threads 1 (or when no thread can
        // be started) each runs here in turn.
        let workbook: CountyWorkbook.Writer
        do {
            workbook = try CountyWorkbook.Writer(matched: matched, to: tmpXlsx, generator: generator,
                                                 temporaryDirectory: outputs.scratchFolder(for: outputs["xlsx"].folder))
        } catch {
            throw Failure.workbook(path: xlsx.path, error)
        }
        let detail = workbook.beginDetail(concurrently: concurrently)
        // Read before this run's summary.json replaces it (Aggregate/Changes): beside the rules,
        // which need it only at their end, to say what changed since.
        let previousRun = Pending { previousSummary(at: summary, county: county, year: options.year) }
        let judged = judge(matched, since: previousRun)
        lap("check")
        let summaryWritten = Pending { try writeSummary(judged, to: tmpSummary, history: tmpHistory) }
        let pageWritten = Pending { try writePage(judged, xlsx: xlsx, summary: summary, history: options.history, to: tmpHtml) }
        do {
            try workbook.writeSheets(judged)
            try detail.finish()
        } catch {
            try? detail.finish()
            summaryWritten.settle()
            pageWritten.settle()
            throw Failure.workbook(path: xlsx.path, error)
        }
        lap("write sheets")
        // The zip is the run's tail: its large parts are deflated on every core the run may use.
        let zlibLevel: Int?
        do {
            zlibLevel = try workbook.close(threads: Threads.available)
        } catch {
            summaryWritten.settle()
            pageWritten.settle()
            throw Failure.workbook(path: xlsx.path, error)
        }
        lap("zip xlsx")
        do { try summaryWritten.result() } catch {
            pageWritten.settle()
            throw Failure.summary(path: summary.path, error)
        }
        lap("wait for summary")
        do { try pageWritten.result() } catch { throw Failure.page(path: html.path, error) }
        lap("wait for page")

        try syncFile(URL(fileURLWithPath: tmpXlsx))
        try outputs.install()
        if let dir = options.history { History.prune(dir, county: county, keeping: options.year) }
        lap("sync+rename")
        return Outcome(rollup: judged, xlsx: xlsx, summary: summary, html: html, history: historyURL, timings: timings,
                       bytesRead: current.bytesRead + previous.bytesRead,
                       zlibLevel: zlibLevel, warnings: warnings)
    }

    // MARK: - The stages

    /// county.json and roster.csv, or the failure naming the file and what is wrong.
    static func readSetup(_ inputs: URL) throws(Failure) -> (County, [RosterEntry]) {
        do throws(SetupError) {
            return (try CountyFiles.readCounty(inputs.appendingPathComponent("county.json")),
                    try CountyFiles.readRoster(inputs.appendingPathComponent("roster.csv")))
        } catch {
            throw .setup(inputs: inputs.path, error)
        }
    }

    /// The year's folder and the previous year's, read and decoded on every core. Published
    /// documents (.html, .docx, .txt, .pdf) are read through the importer, beside .json.
    static func load(_ options: Options, county: County) throws(Failure) -> (current: YearLoad, previous: YearLoad) {
        var load = options.load
        if load.importer == nil { load.importer = Importer.hook }
        if load.county == nil { load.county = county.name }
        let current = Loader.load(inputs: options.inputs, year: options.year, timeZone: county.timeZone, options: load)
        if let problem = current.folderProblem {
            throw .yearFolder(path: options.inputs.appendingPathComponent(String(options.year)).path, year: options.year, problem)
        }
        // Of the previous year's prose only the copy check against it reads anything.
        load.prose = .copyPrints
        let previous = Loader.load(inputs: options.inputs, year: options.year - 1, timeZone: county.timeZone, options: load)
        if let problem = previous.folderProblem, problem != .absent {
            throw .previousYearFolder(path: options.inputs.appendingPathComponent(String(options.year - 1)).path, problem)
        }
        return (current, previous)
    }

    /// A roster that matches none of the year's readable reports and holds names unlike
    /// townships': a line on stderr asking whether it is the right list.
    static func rosterWarnings(_ roster: [RosterEntry], matched: Rollup, reportsRead: Int, year: Int) -> [String] {
        guard reportsRead > 0, !roster.isEmpty, matched.townships.prefix(roster.count).allSatisfy({ $0.report == nil }) else { return [] }
        let odd = CountyFiles.unlikeTownships(roster)
        guard !odd.isEmpty else { return [] }
        let shown = odd.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
        return ["roster.csv matches none of the \(reportsRead) readable reports of \(year), and \(odd.count) of its \(roster.count) names do not look like townships' (\(shown)\(odd.count > 3 ? ", …" : "")): is it the right list, with the columns name,code?"]
    }

    /// libxlsxwriter notices a failed allocation but may then crash in its own clean-up; where
    /// the allocator says no (ulimit -v), say so first, with yesterday's outputs untouched.
    static func checkMemoryHeadroom() throws(Failure) {
        guard let headroom = malloc(memoryHeadroom) else { throw .notEnoughMemory(bytes: memoryHeadroom) }
        free(headroom)
    }

    /// The rules (R1–R5, content, prose) on the matched rollup, and what changed since the previous run.
    static func judge(_ matched: Rollup, since previousRun: Pending<Result<PreviousSummary, NoComparison>>) -> Rollup {
        var judged = matched.judged()
        let previous: Result<PreviousSummary, NoComparison>
        do { previous = try previousRun.result() } catch { previous = .failure(.unreadable("\(error)")) }
        judged.changes = Changes.between(previous, judged)
        return judged
    }

    /// summary.json, and the same bytes as the history copy when one is kept, written as they are made.
    static func writeSummary(_ judged: Rollup, to path: String, history: String?) throws {
        let files = try [FileOutput.Stream(path: path)] + (history.map { [try FileOutput.Stream(path: $0)] } ?? [])
        Summary.write(judged, generator: generator, to: files)
        for file in files { try file.finish(sync: true) }
    }

    static func syncFile(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw Failure.reopen(path: url.path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure.flush(path: url.path, errno: errno) }
    }
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
        guard fd >= 0 else { throw RollupJob.Failure.lockFile(path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            onWait("another nianbao run is writing to \(folder.path); waiting for it to finish (lock \(path))")
            guard flock(fd, LOCK_EX) == 0 else { throw RollupJob.Failure.lock(path: path, errno: errno) }
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
