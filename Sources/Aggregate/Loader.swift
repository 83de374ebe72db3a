import Dispatch
import Foundation

/// Every `*.json` of one year's folder, read and decoded on all cores, in file-name order
/// whatever the schedule. found == accepted.count + rejected.count, always.
public struct YearLoad: Sendable {
    public var year: Int
    public var found: Int { accepted.count + rejected.count }
    public var accepted: [Report]
    public var rejected: [Rejection]
    public var bytesRead: Int
}

public struct LoadOptions: Sendable {
    /// Files larger than this are rejected without being read.
    public var maximumFileSize = 4 * 1024 * 1024
    /// Loader threads; nil means one per core.
    public var threads: Int?
    public init() {}
}

public enum Loader {
    /// Loads `<inputs>/<year>/*.json`. A missing folder is an empty year, not an error.
    public static func load(inputs: URL, year: Int, timeZone: TimeZone, options: LoadOptions = LoadOptions()) -> YearLoad {
        let folder = inputs.appendingPathComponent(String(year))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.lowercased().hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let root = realPath(inputs.path) ?? inputs.path
        let decode = DecodeOptions(expectedYear: year, timeZone: timeZone)
        let results = parallelMap(count: names.count, threads: options.threads) { i -> (Result<Report, Rejection>, Int) in
            let relative = "\(year)/\(names[i])"
            return readOne(path: folder.appendingPathComponent(names[i]).path, relative: relative,
                           root: root, maxSize: options.maximumFileSize, decode: decode)
        }
        var load = YearLoad(year: year, accepted: [], rejected: [], bytesRead: 0)
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

    static func readOne(path: String, relative: String, root: String, maxSize: Int, decode: DecodeOptions) -> (Result<Report, Rejection>, Int) {
        func reject(_ message: String) -> (Result<Report, Rejection>, Int) {
            (.failure(Rejection(file: relative, path: "", message: message)), 0)
        }
        var st = stat()
        guard lstat(path, &st) == 0 else { return reject("cannot be examined: \(String(cString: strerror(errno)))") }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            guard let target = realPath(path) else { return reject("expected a file, found a broken symbolic link") }
            guard target.hasPrefix(root + "/") else {
                return reject("expected a file inside the inputs folder, found a symbolic link to \(target) outside it")
            }
            guard stat(path, &st) == 0 else { return reject("expected a file, found a broken symbolic link") }
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { return reject("expected a file, found a directory") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return reject("expected a regular file, found a special file") }
        if Int(st.st_size) > maxSize {
            return reject("expected at most \(maxSize) bytes, found \(st.st_size) bytes (not read)")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return reject("cannot be opened: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        var got = 0
        while got < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, $0.count - got) }
            if n < 0 {
                if errno == EINTR { continue }
                return reject("cannot be read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            got += n
        }
        if got < bytes.count { bytes.removeLast(bytes.count - got) }
        return (ReportDecoder.decode(bytes: bytes, file: relative, options: decode), got)
    }
}

/// Runs `body(i)` for i in 0..<count on `threads` workers (default: all cores) and returns the
/// results in index order, so the outcome never depends on the schedule.
public func parallelMap<T: Sendable>(count: Int, threads: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
    if count == 0 { return [] }
    let workers = max(1, min(count, threads ?? ProcessInfo.processInfo.activeProcessorCount))
    let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
    defer { slots.deinitialize(count: count); slots.deallocate() }
    let box = SlotBox(slots)
    let next = AtomicCounter()
    if workers == 1 {
        for i in 0..<count { slots[i] = body(i) }
    } else {
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                if i >= count { break }
                box.pointer[i] = body(i)
            }
        }
    }
    return (0..<count).map { slots[$0]! }
}

/// Each index is written by exactly one worker, so sharing the buffer is safe.
private struct SlotBox<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T?>
    init(_ p: UnsafeMutablePointer<T?>) { pointer = p }
}

/// A work counter shared by the loader's threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }
}
