import Foundation
import StrictJSON

/// Every report file of one year's folder (`*.json`, and published documents through the
/// importer), read and decoded on all cores, in file-name order whatever the schedule.
/// found == accepted.count + rejected.count, always; files of no report format are `skipped`.
package struct YearLoad: Sendable {
    package var year: Int
    package var found: Int { accepted.count + rejected.count }
    package var accepted: [Report]
    package var rejected: [Rejection]
    package var bytesRead: Int
    /// Why the year's folder could not be listed (absent, not a folder, EACCES, EIO), or nil when
    /// it was: a folder that cannot be listed is not a year in which nobody reported.
    package var folderProblem: FolderProblem? = nil
    /// Files that are no report format (a .doc, a .xls, a note): listed, not read.
    package var skipped: [SkippedFile] = []
}

/// Why a year's folder gave no list of files.
package enum FolderProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case absent
    case notAFolder
    case cannotList(String)

    package var description: String {
        switch self {
        case .absent: "does not exist"
        case .notAFolder: "is not a folder"
        case .cannotList(let why): "cannot be listed (\(why))"
        }
    }
}

package struct LoadOptions: Sendable {
    /// Files larger than this are rejected without being read.
    package var maximumFileSize = 4 * 1024 * 1024
    /// Loader threads; nil means one per core.
    package var threads: Int?
    /// Reads published documents (.html/.htm, .docx, .txt, .pdf); without it they are skipped.
    package var importer: ImportHook?
    /// The county's name, for a document whose title does not give it.
    package var county: String?
    /// How much of the reports' prose to read (`.copyPrints` for the previous year's).
    package var prose: ProseReading = .all
    package init() {}
}

package enum Loader {
    /// Loads `<inputs>/<year>/*.json`. A folder that is missing or cannot be listed gives no
    /// files and says why in `folderProblem`; the caller decides whether that is fatal.
    package static func load(inputs: URL, year: Int, timeZone: TimeZone, options: LoadOptions = LoadOptions()) -> YearLoad {
        let folder = inputs.appendingPathComponent(String(year))
        // Names as raw bytes: a file name that is not UTF-8 (say, GBK from a Windows zip) must
        // still be opened by its own name, and shown in a form that tells it apart.
        let listed: (reports: [[UInt8]], skipped: [(name: [UInt8], reason: String)])
        switch reportNames(in: folder.path, importing: options.importer != nil) {
        case .success(let l): listed = l
        case .failure(let problem):
            return YearLoad(year: year, accepted: [], rejected: [], bytesRead: 0, folderProblem: problem)
        }
        let names = listed.reports
        let root = realPath(inputs.path) ?? inputs.path
        let decode = { var d = DecodeOptions(expectedYear: year, timeZone: timeZone); d.prose = options.prose; return d }()
        let folderBytes = Array(folder.path.utf8)
        // Files are opened by name relative to the folder, opened once: the kernel then walks one
        // name per file, not the whole path twice (lstat, open).
        let folderFD = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folderFD >= 0 { close(folderFD) } }
        let importer = options.importer, county = options.county
        let sameContents = SameContents()
        let results = parallelMap(count: names.count, threads: options.threads, state: { ReadScratch() }) { scratch, i -> (Result<Report, Rejection>, Int) in
            let relative = "\(year)/\(displayName(names[i]))"
            let format = SourceFormat(fileName: displayName(names[i])) ?? .json
            let place = FilePlace(folder: folderFD, folderPath: folderBytes, name: names[i])
            return readOne(place, relative: relative, root: root, maxSize: options.maximumFileSize, scratch: &scratch, interpret: { bytes, stamp in
                guard format != .json, let importer else {
                    return sameContents.decode(bytes, stamp: stamp, place: place, file: relative) {
                        ReportDecoder.decode(buffer: bytes, file: relative, options: decode)
                    }
                }
                return imported(importer(Array(bytes), displayName(names[i]), year, county), file: relative, decode: decode)
            })
        }
        var load = YearLoad(year: year, accepted: [], rejected: [], bytesRead: 0)
        load.skipped = listed.skipped.map { SkippedFile(file: "\(year)/\(displayName($0.name))", reason: $0.reason) }
        for (r, bytes) in results {
            load.bytesRead += bytes
            switch r {
            case .success(let report): load.accepted.append(report)
            case .failure(let rejection): load.rejected.append(rejection)
            }
        }
        return load
    }

    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// The `*.json` entries of a folder, or none when it cannot be listed (see reportNames).
    static func jsonNames(in folder: String) -> [[UInt8]] {
        ((try? reportNames(in: folder, importing: false).get())?.reports ?? []).filter { SourceFormat(fileName: displayName($0)) == .json }
    }

    /// The report files of a folder (hidden ones excepted), as raw name bytes in byte order:
    /// `*.json` (any case), and the published formats when an importer reads them; every other
    /// entry is skipped with its reason. Or why the folder gave no list: absent, not a folder, or
    /// an error of opendir or readdir (EACCES, EIO), so that a folder nobody can read never passes
    /// for an empty one.
    static func reportNames(in folder: String, importing: Bool) -> Result<(reports: [[UInt8]], skipped: [(name: [UInt8], reason: String)]), FolderProblem> {
        func why() -> String { String(cString: strerror(errno)) }
        var st = stat()
        if stat(folder, &st) != 0 {
            return .failure(errno == ENOENT ? .absent : .cannotList(why()))
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return .failure(.notAFolder) }
        guard let dir = opendir(folder) else { return .failure(errno == ENOTDIR ? .notAFolder : .cannotList(why())) }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        var skipped: [(name: [UInt8], reason: String)] = []
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { return .failure(.cannotList(why())) }
                break
            }
            // Read the name in place, up to its NUL: a record can be shorter than sizeof(dirent).
            let cName = UnsafeRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self)
            let name = Array(UnsafeRawBufferPointer(start: cName, count: strlen(cName)))
            guard !name.isEmpty, name[0] != UInt8(ascii: ".") else { continue }
            let shown = displayName(name)
            switch SourceFormat(fileName: shown) {
            case .json?: names.append(name)
            case .some where importing: names.append(name)
            case .some(let f): skipped.append((name, "\(f.rawValue) documents are not read in this run (no importer)"))
            case nil:
                if entryIsDirectory(folder, name) { skipped.append((name, "not a report format: a folder")); continue }
                let ext = shown.lastIndex(of: ".").map { shown[$0...] }.map(String.init)
                skipped.append((name, ext.map { "not a report format: \($0)" } ?? "not a report format: no file extension"))
            }
        }
        return .success((names.sorted { $0.lexicographicallyPrecedes($1) }, skipped.sorted { $0.name.lexicographicallyPrecedes($1.name) }))
    }

    static func entryIsDirectory(_ folder: String, _ name: [UInt8]) -> Bool {
        let path: [CChar] = (Array(folder.utf8) + [UInt8(ascii: "/")] + name).map { CChar(bitPattern: $0) } + [0]
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The importer's answer as the loader's: the JSON tree through the full decoder (the checks a
    /// JSON file gets, same notes and rejections), with a warning
    /// `inDoubt` for each figure read in doubt and the format it came in; or a rejection.
    static func imported(_ file: ImportedFile, file relative: String, decode: DecodeOptions) -> Result<Report, Rejection> {
        switch file {
        case .unreadable(let reason):
            return .failure(Rejection(file: relative, path: "", message: reason))
        case .report(let json, let doubts, let format):
            switch ReportDecoder.decode(json, file: relative, options: decode) {
            case .failure(let r): return .failure(r)
            case .success(var report):
                report.format = format
                for d in doubts {
                    report.notes.append(Flag(.inDoubt, .warning, path: d.path,
                                             "读取存疑：\(d.place)：\(d.reason)（未计入，按缺项处理）"))
                }
                return .success(report)
            }
        }
    }

    /// A file name as text: itself when it is UTF-8, else with each stray byte shown as \xHH.
    static func displayName(_ name: [UInt8]) -> String {
        if let s = String(validating: name, as: UTF8.self) { return s }
        return name.withUnsafeBufferPointer { b in
            var out = ""
            var k = 0
            while k < b.count {
                let n = JSONParser.utf8SequenceLength(b, k, b.count)
                if n == 0 {
                    out += "\\x" + (b[k] < 16 ? "0" : "") + String(b[k], radix: 16, uppercase: true)
                    k += 1
                } else {
                    out += String(decoding: UnsafeBufferPointer(rebasing: b[k..<(k + n)]), as: UTF8.self)
                    k += n
                }
            }
            return out
        }
    }

    /// A report file: its name inside the year's folder, opened once (`folder`, or -1 when it
    /// could not be, and then the full path is used).
    struct FilePlace {
        var folder: Int32
        var folderPath: [UInt8]
        var name: [UInt8]

        /// The full path, NUL-terminated.
        var path: [CChar] { (folderPath + [UInt8(ascii: "/")] + name).map { CChar(bitPattern: $0) } + [0] }
    }

    /// A loader worker's scratch space: the bytes of the file being read (grown to the largest
    /// file so far, reused for the next) and its name as a C string.
    struct ReadScratch {
        final class Buffer {
            private(set) var bytes: UnsafeMutablePointer<UInt8>
            private(set) var capacity: Int
            init() {
                capacity = 64 * 1024
                bytes = .allocate(capacity: capacity)
            }
            func reserve(_ count: Int) {
                guard count > capacity else { return }
                bytes.deallocate()
                capacity = max(count, capacity * 2)
                bytes = .allocate(capacity: capacity)
            }
            deinit { bytes.deallocate() }
        }
        let buffer = Buffer()
        var name: [CChar] = []
    }

    /// Reads one file whole — one read(2) of the size fstat gives, into the worker's buffer —
    /// and hands its bytes to `interpret`; or says why it is not read (a link out of the inputs,
    /// a directory, a special file, too large, unreadable).
    static func readOne(_ place: FilePlace, relative: String, root: String, maxSize: Int, scratch: inout ReadScratch,
                        interpret: (UnsafeBufferPointer<UInt8>, FileStamp) -> Result<Report, Rejection>) -> (Result<Report, Rejection>, Int) {
        func reject(_ message: String) -> (Result<Report, Rejection>, Int) {
            (.failure(Rejection(file: relative, path: "", message: message)), 0)
        }
        func why() -> String { String(cString: strerror(errno)) }
        // The name relative to the open folder, or the full path when the folder could not be opened.
        let base = place.folder >= 0 ? place.folder : AT_FDCWD
        scratch.name.removeAll(keepingCapacity: true)
        if place.folder >= 0 {
            for byte in place.name { scratch.name.append(CChar(bitPattern: byte)) }
            scratch.name.append(0)
        } else {
            scratch.name = place.path
        }
        var st = stat()
        guard fstatat(base, scratch.name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
            return reject("expected a file, found one that cannot be examined (\(why()))")
        }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            let path = place.path
            guard let resolved = realpath(path, nil) else {
                if errno == ELOOP { return reject("expected a file, found a symbolic link that loops back on itself") }
                return reject("expected a file, found a broken symbolic link (\(why()))")
            }
            let target = String(cString: resolved)
            free(resolved)
            guard target.hasPrefix(root + "/") else {
                return reject("expected a file inside the inputs folder, found a symbolic link to \(target) outside it")
            }
            guard stat(path, &st) == 0 else { return reject("expected a file, found a broken symbolic link (\(why()))") }
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { return reject("expected a file, found a directory") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            return reject("expected a regular file, found a special file (a pipe, socket or device)")
        }
        if Int(st.st_size) > maxSize {
            return reject("expected at most \(maxSize) bytes, found \(st.st_size) bytes (not read)")
        }
        // O_NONBLOCK: should the name have been swapped for a pipe since the check above, open
        // must not wait for a writer; the check is then repeated on what was actually opened.
        let fd = openat(base, scratch.name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return reject("expected a readable file, found one that cannot be opened (\(why()))") }
        defer { close(fd) }
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            return reject("expected a regular file, found a special file (a pipe, socket or device)")
        }
        if Int(st.st_size) > maxSize {
            return reject("expected at most \(maxSize) bytes, found \(st.st_size) bytes (not read)")
        }
        let size = Int(st.st_size)
        let buffer = scratch.buffer
        buffer.reserve(size)
        var got = 0
        while got < size {
            let n = read(fd, buffer.bytes + got, size - got)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return reject("expected a readable file, found a read error (\(why()))")
            }
            if n == 0 { break }
            got += n
        }
        let bytes = UnsafeBufferPointer(start: buffer.bytes, count: got)
        switch interpret(bytes, FileStamp(st)) {
        case .success(let report): return (.success(report), got)
        case .failure(var rejection):
            if rejection.unit == nil { rejection.unit = recoveredUnit(Array(bytes)) }
            return (.failure(rejection), got)
        }
    }

    /// The township a rejected file speaks for, when its JSON parses and `unit.name` (and
    /// `unit.code`, if valid) can be read: a wrong year or a bad cell after `unit` still says
    /// whose report it is, so that township is unreadable rather than missing.
    static func recoveredUnit(_ bytes: [UInt8]) -> Unit? {
        if let json = try? JSONParser.parse(bytes) { return ReportDecoder.unit(ofRejected: json) }
        // Cut short or broken further on: the `unit` object alone, when it is whole.
        guard let slice = unitObject(in: bytes), let u = try? JSONParser.parse(slice) else { return nil }
        return ReportDecoder.unit(ofRejected: .object([(ReportKey.unit.name, u)]))
    }

    /// The bytes of the first `"unit": { … }` member's object, up to its matching brace (strings
    /// and escapes respected), or nil when there is none or it is not closed.
    static func unitObject(in b: [UInt8]) -> [UInt8]? {
        let key = Array("\"\(ReportKey.unit.name)\"".utf8)
        var i = 0
        var inString = false
        // Find the key outside any string value.
        while i < b.count {
            if inString {
                if b[i] == UInt8(ascii: "\\") { i += 2; continue }
                if b[i] == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "\""), b.count - i >= key.count, Array(b[i..<(i + key.count)]) == key {
                var j = i + key.count
                while j < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[j]) { j += 1 }
                guard j < b.count, b[j] == UInt8(ascii: ":") else { i += key.count; continue }
                j += 1
                while j < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[j]) { j += 1 }
                guard j < b.count, b[j] == UInt8(ascii: "{") else { return nil }
                var depth = 0, k = j, quoted = false
                while k < b.count {
                    let c = b[k]
                    if quoted {
                        if c == UInt8(ascii: "\\") { k += 2; continue }
                        if c == UInt8(ascii: "\"") { quoted = false }
                    } else if c == UInt8(ascii: "\"") {
                        quoted = true
                    } else if c == UInt8(ascii: "{") {
                        depth += 1
                    } else if c == UInt8(ascii: "}") {
                        depth -= 1
                        if depth == 0 { return Array(b[j...k]) }
                    }
                    k += 1
                }
                return nil
            }
            if b[i] == UInt8(ascii: "\"") { inString = true }
            i += 1
        }
        return nil
    }
}
