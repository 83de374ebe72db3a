import Foundation

/// The process's standard streams, written with write(2). A failing stderr (closed, full, a
/// reader gone) must not end the run or change its exit code, so its errors are ignored;
/// FileHandle would raise an uncatchable exception on EPIPE. stdout carries a command's output,
/// so its errors are reported.
package enum Console {
    /// Writes `text` to stderr as far as it will go; never fails, never raises a signal (SIGPIPE
    /// is ignored by the command).
    package static func error(_ text: String) {
        _ = writeAll(2, Array(text.utf8))
    }

    /// Writes `bytes` to stdout whole, or throws why not (a full disk, /dev/full, a closed pipe).
    package static func output(_ bytes: [UInt8]) throws {
        if let failure = writeAll(1, bytes) {
            throw RollupJob.Failure.standardOutput(reason: failure)
        }
    }

    /// nil when every byte was written, else the reason.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        return bytes.withUnsafeBytes { raw -> String? in
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                if n == 0 { return "nothing written" }
                offset += n
            }
            return nil
        }
    }
}
