import Foundation

/// Writes bytes to a file whole or a piece at a time (retrying short writes and EINTR), optionally
/// forcing them to disk; the generator, summary.json and the page share it.
package enum FileOutput {
    /// Which step failed, on which file, with the system's error number.
    package enum Failure: Error, CustomStringConvertible {
        case create(path: String, errno: Int32)
        case write(path: String, errno: Int32)
        case flush(path: String, errno: Int32)

        package var description: String {
            switch self {
            case .create(let path, let code): "cannot create \(path): \(String(cString: strerror(code)))"
            case .write(let path, let code): "cannot write \(path): \(String(cString: strerror(code)))"
            case .flush(let path, let code): "cannot flush \(path) to disk: \(String(cString: strerror(code)))"
            }
        }
    }

    package static func write(_ bytes: [UInt8], to path: String, sync: Bool = false) throws(Failure) {
        let file = try Stream(path: path)
        bytes.withUnsafeBufferPointer { file.write($0) }
        try file.finish(sync: sync)
    }

    /// A file written a piece at a time, so that a large output (a national page, summary.json)
    /// is never whole in memory: on this kind of machine every megabyte of fresh memory costs
    /// several milliseconds. The first failure is kept, later pieces are dropped, and `finish`
    /// throws it.
    package final class Stream {
        let path: String
        private var fd: Int32
        private var failure: Failure?

        package init(path: String) throws(Failure) {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw .create(path: path, errno: errno) }
        }

        deinit { if fd >= 0 { close(fd) } }

        /// Writes `bytes` whole (retrying short writes and EINTR), unless an earlier piece failed.
        package func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard failure == nil, let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(fd, base + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .write(path: path, errno: errno)
                    return
                }
                offset += n
            }
        }

        /// Forces the bytes to disk when asked, closes the file, and throws the first failure.
        package func finish(sync: Bool) throws(Failure) {
            defer { close(fd); fd = -1 }
            if let failure { throw failure }
            if sync, fsync(fd) != 0 { throw .flush(path: path, errno: errno) }
        }
    }
}
