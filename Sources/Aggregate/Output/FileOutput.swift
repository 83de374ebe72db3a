import Foundation

/// Writes bytes to a file whole (retrying short writes and EINTR), optionally forcing them to
/// disk; the generator and the rollup's summary.json share it.
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
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .create(path: path, errno: errno) }
        defer { close(fd) }
        var offset = 0
        let failed: Int32? = bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failed { throw .write(path: path, errno: failed) }
        if sync, fsync(fd) != 0 { throw .flush(path: path, errno: errno) }
    }
}
