import CDeflate

/// How hard the parts of an .xlsx are deflated: the one place that knows how. libxlsxwriter
/// 1.1.4 has minizip deflate every part at zlib's default level (6) and offers no option (its
/// lxw_workbook_options hold constant_memory, tmpdir and use_zip64 only), so `.fast` goes
/// through CDeflate's `deflateInit2_`, which replaces the level on the thread that closes the
/// workbook. It reaches zlib only in binaries that export that symbol: Package.swift links the
/// `nianbao` executable and the test product with --export-dynamic-symbol=deflateInit2_, so the
/// command and the in-process tests write the same bytes. Elsewhere zlib is called directly and
/// the workbook comes out at level 6, which `Workbook.deflateLevel` then reports.
package enum Compression: Sendable {
    /// libxlsxwriter's own: zlib level 6.
    case standard
    /// zlib level 1: several times faster, files about a quarter larger.
    case fast

    /// The level libxlsxwriter asks zlib for.
    static let libraryLevel = 6

    var requestedLevel: Int32 {
        switch self {
        case .standard: -1
        case .fast: 1
        }
    }

    /// Runs `close` (libxlsxwriter's workbook_close, which deflates on this thread) at this
    /// compression, each large part deflated on `threads` threads (`.fast` only: CDeflate cuts
    /// a part into 1 MiB blocks, so the bytes do not depend on the thread count's timing, only on
    /// whether it is 1), and returns its result with the zlib level the parts were deflated at.
    func closing<T>(threads: Int = 1, _ close: () -> T) -> (result: T, level: Int) {
        let before = deflate_interpose_streams()
        deflate_interpose_set_level(requestedLevel)
        deflate_interpose_set_threads(Int32(clamping: threads))
        let result = close()
        deflate_interpose_set_threads(1)
        deflate_interpose_set_level(-1)
        let interposed = deflate_interpose_streams() > before
        return (result, interposed && requestedLevel >= 0 ? Int(requestedLevel) : Self.libraryLevel)
    }
}
