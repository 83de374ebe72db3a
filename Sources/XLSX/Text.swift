/// Makes any Swift string safe to store in a cell: Excel holds at most 32,767 UTF-16 units
/// per cell and XML 1.0 forbids most control characters, so both are mended visibly.
package enum CellText {
    package static let maximumLength = 32_767
    package static let truncationMark = "…［已截断］"

    package static func safe(_ text: String) -> String {
        var needsWork = text.utf16.count > maximumLength
        if !needsWork {
            for scalar in text.unicodeScalars where !isAllowed(scalar) {
                needsWork = true
                break
            }
        }
        guard needsWork else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
        }
        var result = String(scalars)
        if result.utf16.count > maximumLength {
            let budget = maximumLength - truncationMark.utf16.count
            var kept = String.UnicodeScalarView()
            var used = 0
            for scalar in result.unicodeScalars {
                let width = scalar.utf16.count
                if used + width > budget { break }
                kept.append(scalar)
                used += width
            }
            result = String(kept) + truncationMark
        }
        return result
    }

    @inline(__always)
    static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20, 0x7F, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
