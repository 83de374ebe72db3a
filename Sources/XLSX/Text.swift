/// Makes any Swift string safe to store in a cell: Excel holds at most 32,767 UTF-16 units
/// per cell and XML 1.0 forbids most control characters, so both are mended visibly.
package enum CellText {
    package static let maximumLength = 32_767
    package static let truncationMark = "…［已截断］"

    package static func safe(_ text: String) -> String {
        guard needsWork(text) else { return text }
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

    /// Whether `safe` has anything to change: looked for in the UTF-8 bytes (every cell's text
    /// passes here), the scalars decoded only for a text that is not contiguous.
    static func needsWork(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { b -> Bool in
            // Every UTF-16 unit takes at least one byte: no more bytes than the limit, no more units.
            if b.count > maximumLength && text.utf16.count > maximumLength { return true }
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x20 { if c != 0x09 && c != 0x0A && c != 0x0D { return true } }
                else if c == 0x7F { return true }
                else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { return true }   // U+FFFE, U+FFFF
                i += 1
            }
            return false
        }
        if let found { return found }
        return text.utf16.count > maximumLength || text.unicodeScalars.contains { !isAllowed($0) }
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
