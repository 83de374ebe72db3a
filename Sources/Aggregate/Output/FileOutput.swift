import Foundation

/// Writes bytes to a file whole (retrying short writes and EINTR), optionally forcing them to
/// disk; the generator and the rollup's summary.json share it.
package enum FileOutput {
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    package static func write(_ bytes: [UInt8], to path: String, sync: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
        if sync, fsync(fd) != 0 { throw Failure(description: "cannot flush \(path) to disk: \(String(cString: strerror(errno)))") }
    }
}
