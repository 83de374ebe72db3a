/// Plain text (.txt, or text copied from a browser or a PDF viewer): one paragraph per line,
/// tabs and spacing kept, for the reader splits cells by tabs, `|` or runs of spaces.
enum TextExtractor {
    static func document(_ bytes: [UInt8]) throws(ExtractError) -> Document {
        let utf8 = try TextDecoding.utf8(bytes)
        var blocks: [Block] = []
        ByteLines.forEach(in: utf8) { number, line in
            guard !Whitespace.isBlank(line) else { return }
            blocks.append(.paragraph(Paragraph(String(decoding: line, as: UTF8.self), place: "line \(number)")))
        }
        return Document(format: .text, blocks: blocks)
    }
}

/// Line splitting over UTF-8 bytes: "\r\n", "\r", "\n", U+2028 and U+2029 end a line.
enum ByteLines {
    /// Calls `body` with each line's 1-based number and bytes (without its end). A final line
    /// end does not start another, empty line.
    static func forEach(in utf8: [UInt8], _ body: (Int, ArraySlice<UInt8>) -> Void) {
        var number = 1, start = 0, i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            var end = 0
            if b == 0x0A {
                end = 1
            } else if b == 0x0D {
                end = i + 1 < n && utf8[i + 1] == 0x0A ? 2 : 1
            } else if b == 0xE2 && i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9) {
                end = 3
            }
            if end > 0 {
                body(number, utf8[start..<i])
                number += 1
                i += end
                start = i
            } else {
                i += 1
            }
        }
        if start < n { body(number, utf8[start..<n]) }
    }
}

/// What counts as blank: a paragraph of only these is dropped.
enum Whitespace {
    /// True when `utf8` holds only ASCII whitespace, NBSP, U+3000, the Unicode spaces
    /// U+2000–U+200B, U+FEFF, or nothing.
    static func isBlank(_ utf8: ArraySlice<UInt8>) -> Bool {
        var i = utf8.startIndex
        let end = utf8.endIndex
        while i < end {
            let b = utf8[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                i += 1
            case 0xC2 where i + 1 < end && utf8[i + 1] == 0xA0:
                i += 2
            case 0xE3 where i + 2 < end && utf8[i + 1] == 0x80 && utf8[i + 2] == 0x80:
                i += 3
            case 0xE2 where i + 2 < end && utf8[i + 1] == 0x80 && utf8[i + 2] <= 0x8B:
                i += 3
            case 0xEF where i + 2 < end && utf8[i + 1] == 0xBB && utf8[i + 2] == 0xBF:
                i += 3
            default:
                return false
            }
        }
        return true
    }
}
