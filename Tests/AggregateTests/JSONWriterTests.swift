import StrictJSON
import XCTest

/// `JSONWriter.quote` copies runs of plain bytes at once: it must write what the byte-at-a-time
/// writer it replaced wrote (summary.json's bytes are compared run to run), and read back as the
/// same text.
final class JSONWriterTests: XCTestCase {
    /// The writer as it was: one byte at a time.
    static func quotedByteAtATime(_ s: String) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [0x22]
        var utf8 = s.utf8.makeIterator()
        while let b = utf8.next() {
            if b >= 0x80 {
                if b == 0xE2 {
                    var pending = [b]
                    if let b2 = utf8.next() { pending.append(b2) }
                    if let b3 = utf8.next() { pending.append(b3) }
                    if pending.count == 3, pending[1] == 0x80, pending[2] == 0xA8 || pending[2] == 0xA9 {
                        out += Array((pending[2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    } else {
                        out += pending
                    }
                    continue
                }
                out.append(b)
                continue
            }
            switch b {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20, 0x7F: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
        return out
    }

    func testQuotedAsBeforeAndReadBack() throws {
        var texts = ["", "a", "合成镇", "\"", "\\", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{2028}", "\u{2029}", "\u{2027}",
                     "\u{202A}", "…", "—", "a\u{2028}b\u{2029}c", "\t\n\r", "未知字段 x：不属于报告格式，已忽略", "😀", "\u{E000}",
                     "\u{FEFF}", "尾\\", "\"首", String(repeating: "长\u{2028}", count: 300)]
        var rng = SystemRandomNumberGenerator()
        let pieces: [String] = ["a", "\"", "\\", "\n", "\u{1}", "\u{7F}", "\u{2028}", "\u{2029}", "…", "，", "镇", "😀", "\u{2000}", " "]
        for _ in 0..<500 {
            texts.append((0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        for text in texts {
            var out: [UInt8] = []
            JSONWriter.quote(text, into: &out)
            XCTAssertEqual(out, Self.quotedByteAtATime(text), text.debugDescription)
            XCTAssertEqual(try JSONParser.parse(out), .string(text), text.debugDescription)
            // A text that is not contiguous UTF-8 (bridged or a substring's copy) is written the same way.
            var fromSlice: [UInt8] = []
            JSONWriter.quote(String(Substring(text)), into: &fromSlice)
            XCTAssertEqual(fromSlice, out)
        }
    }
}
