import Aggregate
import CountyWorkbook
import Foundation
import Import

/// One rollup run from inputs folder to workbook and summary.json: read the county's setup,
/// load the year and the one before it, judge, then write both outputs through temporary files
/// renamed into place, under a lock, so a failed or concurrent run never leaves a broken file.
public enum RollupJob {
    public static let version = "0.1.0"
    public static var generator: String { "nianbao \(version)" }

    public struct Options: Sendable {
        public var inputs: URL
        public var year: Int
        public var asOf: CalendarDate?
        public var xlsx: URL?
        public var summary: URL?
        public var load = LoadOptions()
        public init(inputs: URL, year: Int) {
            self.inputs = inputs
            self.year = year
        }
    }

    public struct Outcome: Sendable {
        public var rollup: Rollup
        public var xlsx: URL
        public var summary: URL
        /// Seconds spent in each phase, in order.
        public var timings: [(phase: String, seconds: Double)]
        public var bytesRead: Int
        /// The zlib level the workbook was deflated at, when nianbao could choose it (see
        /// CZlibLevel), or nil when libxlsxwriter's own level 6 was used.
        public var zlibLevel: Int?
    }

    /// Why a run could not complete; the previous outputs are untouched.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ d: String) { description = d }
    }

    /// Default output paths: out/<county>-<year>.xlsx and out/<county>-<year>.summary.json.
    public static func defaultOutputs(county: County, year: Int, folder: URL = URL(fileURLWithPath: "out")) -> (URL, URL) {
        let stem = "\(county.name)-\(year)"
        return (folder.appendingPathComponent("\(stem).xlsx"), folder.appendingPathComponent("\(stem).summary.json"))
    }

    public static func run(_ options: Options, onWait: (String) -> Void = { _ in }) throws -> Outcome {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ name: String) {
            let now = Date()
            timings.append((name, now.timeIntervalSince(clock)))
            clock = now
            if ProcessInfo.processInfo.environment["NIANBAO_TRACE_MEMORY"] != nil {
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? ""
                FileHandle.standardError.write(Data("after \(name): \(peak)\n".utf8))
            }
        }

        let county: County, roster: [RosterEntry]
        do {
            county = try CountyFiles.readCounty(options.inputs.appendingPathComponent("county.json"))
            roster = try CountyFiles.readRoster(options.inputs.appendingPathComponent("roster.csv"))
        } catch let e as SetupError {
            throw Failure("\(options.inputs.path)/\(e.description)")
        }
        let (defaultXlsx, defaultSummary) = defaultOutputs(county: county, year: options.year)
        let xlsx = options.xlsx ?? defaultXlsx
        let summary = options.summary ?? defaultSummary
        let asOf = options.asOf ?? county.today()
        lap("setup")

        // Published documents (.html, .docx, .txt, .pdf) are read through the importer, beside .json.
        var load = options.load
        if load.importer == nil { load.importer = Importer.hook }
        if load.county == nil { load.county = county.name }
        let current = Loader.load(inputs: options.inputs, year: options.year, timeZone: county.timeZone, options: load)
        let previous = Loader.load(inputs: options.inputs, year: options.year - 1, timeZone: county.timeZone, options: load)
        lap("read+decode")
        let bytesRead = current.bytesRead + previous.bytesRead
        let matched = Rollup.match(county: county, roster: roster, current: current,
                                   previous: previous.found > 0 ? previous : nil, asOf: asOf)
        lap("match+sum")

        // The default folder is made when missing; a folder the user named must exist.
        if options.xlsx == nil || options.summary == nil {
            try? FileManager.default.createDirectory(at: defaultXlsx.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        for url in [xlsx, summary] {
            let dir = url.deletingLastPathComponent()
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
                throw Failure("output folder \(dir.path) does not exist")
            }
            guard access(dir.path, W_OK) == 0 else { throw Failure("output folder \(dir.path) is not writable") }
        }

        let lock = try OutputLock(folder: xlsx.deletingLastPathComponent(), onWait: onWait)
        defer { lock.release() }
        // Under the lock nobody else is writing: what a killed run left behind can go.
        let scratch = xlsx.deletingLastPathComponent().appendingPathComponent(".nianbao-tmp")
        removeLeftovers(of: [xlsx, summary], scratch: scratch)
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let tmpXlsx = temporary(for: xlsx), tmpSummary = temporary(for: summary)
        defer {
            unlink(tmpXlsx.path)
            unlink(tmpSummary.path)
            removeLeftovers(of: [], scratch: scratch)
            rmdir(scratch.path)
        }
        // The workbook writer fills 乡镇明细 from the matched rollup on one core while the rules
        // run on the other; once they have, summary.json is made beside the remaining sheets.
        let summaryResult = ResultBox()
        let summaryDone = DispatchGroup()
        var judged: Rollup? = nil
        do {
            try CountyWorkbook.write(matched: matched, judging: {
                let rollup = matched.judged()
                lap("check")
                judged = rollup
                DispatchQueue.global().async(group: summaryDone) {
                    do {
                        try FileOutput.write(Summary.bytes(rollup, generator: generator), to: tmpSummary.path, sync: true)
                    } catch {
                        summaryResult.error = error
                    }
                }
                return rollup
            }, to: tmpXlsx.path, generator: generator, temporaryDirectory: scratch.path, lap: lap)
        } catch {
            summaryDone.wait()
            throw Failure("cannot write the workbook \(xlsx.path): \(error)")
        }
        summaryDone.wait()
        lap("wait for summary")
        if let error = summaryResult.error { throw Failure("cannot write \(summary.path): \(error)") }
        guard let rollup = judged else { throw Failure("the workbook writer never asked for the checks") }
        try syncFile(tmpXlsx)
        guard rename(tmpXlsx.path, xlsx.path) == 0 else { throw Failure("cannot move the workbook into place at \(xlsx.path): \(String(cString: strerror(errno)))") }
        guard rename(tmpSummary.path, summary.path) == 0 else { throw Failure("cannot move summary.json into place at \(summary.path): \(String(cString: strerror(errno)))") }
        lap("sync+rename")
        return Outcome(rollup: rollup, xlsx: xlsx, summary: summary, timings: timings,
                       bytesRead: bytesRead,
                       zlibLevel: CountyWorkbook.zlibLevelTookEffect ? CountyWorkbook.zlibLevel : nil)
    }

    /// Deletes temporary outputs of earlier runs that were killed (`.<name>.tmp-<pid>` beside each
    /// output, and libxlsxwriter's files in the scratch folder). Call it only under the lock.
    static func removeLeftovers(of outputs: [URL], scratch: URL) {
        let fm = FileManager.default
        for output in outputs {
            let dir = output.deletingLastPathComponent()
            let prefix = ".\(output.lastPathComponent).tmp-"
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasPrefix(prefix) {
                unlink(dir.appendingPathComponent(name).path)
            }
        }
        for name in (try? fm.contentsOfDirectory(atPath: scratch.path)) ?? [] {
            unlink(scratch.appendingPathComponent(name).path)
        }
    }

    /// A hidden file beside the target, so the final rename stays on one file system.
    static func temporary(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
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
        fd = open(path, O_RDWR | O_CREAT, 0o644)
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
