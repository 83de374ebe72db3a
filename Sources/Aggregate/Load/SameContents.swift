import Foundation

/// Which file was read, as fstat saw it when its bytes were read: the same file, unchanged
/// since, when every field is the same again.
struct FileStamp: Equatable {
    let device: UInt64, inode: UInt64, size: Int64
    let modified: timespec, changed: timespec

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        modified = st.st_mtim
        changed = st.st_ctim
    }

    static func == (a: FileStamp, b: FileStamp) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
}

/// The reports of one load by what their files hold: a file with the same bytes as one already
/// decoded (a report uploaded twice, or copied under another name) is not decoded again — its
/// report is the earlier one's under its own name. A report depends on its bytes alone (the name
/// only labels it), so the outcome is the one decoding gives, whichever thread came first; a
/// file is taken for an earlier one only when that one, read again, is the same file unchanged
/// (`FileStamp`) and holds the same bytes.
final class SameContents: @unchecked Sendable {
    /// The size and a hash of a sample of the bytes (the first and last KiB and 32 places
    /// between, eight bytes at a time): cheap on every file, and only a hint — the bytes are
    /// compared before a report is shared.
    struct Key: Hashable {
        let size: Int, sample: UInt64

        init(_ b: UnsafeBufferPointer<UInt8>) {
            size = b.count
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            func mix(_ range: Range<Int>) {
                var k = range.lowerBound
                while k + 8 <= range.upperBound {
                    h = (h ^ UnsafeRawPointer(b.baseAddress! + k).loadUnaligned(as: UInt64.self)) &* 0x100_0000_01B3
                    h ^= h >> 29
                    k += 8
                }
                while k < range.upperBound { h = (h ^ UInt64(b[k])) &* 0x100_0000_01B3; k += 1 }
            }
            let n = b.count
            mix(0..<min(n, 1024))
            if n > 2048 {
                for part in 1...32 {
                    let at = n / 33 * part
                    mix(at..<min(at + 32, n))
                }
            }
            mix(max(min(n, 1024), n - 1024)..<n)
            sample = h
        }
    }

    private struct Earlier {
        let place: Loader.FilePlace
        let stamp: FileStamp
        let report: Report
    }

    private var earlier: [Key: Earlier] = [:]
    private let lock = NSLock()

    /// The report of an earlier file with these bytes, named `file`; else `decode()`'s outcome,
    /// kept for the files after it when it is a report.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, stamp: FileStamp, place: Loader.FilePlace, file: String,
                _ decode: () -> Result<Report, Rejection>) -> Result<Report, Rejection> {
        let key = Key(bytes)
        lock.lock()
        let found = earlier[key]
        lock.unlock()
        if let found, Self.holds(found.place, found.stamp, bytes) {
            var report = found.report
            report.file = file
            return .success(report)
        }
        let result = decode()
        if found == nil, case .success(let report) = result {
            lock.lock()
            if earlier[key] == nil { earlier[key] = Earlier(place: place, stamp: stamp, report: report) }
            lock.unlock()
        }
        return result
    }

    /// Whether the file at `place` is still the one stamped and holds exactly `bytes`.
    static func holds(_ place: Loader.FilePlace, _ stamp: FileStamp, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let fd: Int32
        if place.folder >= 0 {
            fd = (place.name.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
                openat(place.folder, $0.baseAddress!, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            }
        } else {
            fd = place.path.withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, FileStamp(st) == stamp, Int(st.st_size) == bytes.count else {
            return false
        }
        let again = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { again.deallocate() }
        var got = 0
        while got < bytes.count {
            let n = read(fd, again + got, bytes.count - got)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            got += n
        }
        return bytes.count == 0 || memcmp(again, bytes.baseAddress!, bytes.count) == 0
    }
}
