/// A small PDF 1.4 writer: numbered objects, uncompressed content streams, and the cross-reference
/// table. Knows nothing of reports; `PDFReport` lays the pages out.
struct PDFFile {
    private(set) var bytes: [UInt8] = []
    private var offsets: [Int] = [0]  // object 0 is the free head of the xref list

    init() {
        append("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n")
    }

    /// Reserves the next object number, for objects that refer to each other.
    mutating func reserve() -> Int {
        offsets.append(-1)
        return offsets.count - 1
    }

    mutating func object(_ number: Int, _ body: String) {
        offsets[number] = bytes.count
        append("\(number) 0 obj\n"); append(body); append("\nendobj\n")
    }

    mutating func stream(_ number: Int, dictionary: String = "", _ data: [UInt8]) {
        offsets[number] = bytes.count
        append("\(number) 0 obj\n<< /Length \(data.count)\(dictionary.isEmpty ? "" : " " + dictionary) >>\nstream\n")
        bytes += data
        append("\nendstream\nendobj\n")
    }

    /// The xref table and trailer; `root` and `info` are object numbers.
    mutating func finish(root: Int, info: Int) -> [UInt8] {
        let start = bytes.count
        append("xref\n0 \(offsets.count)\n0000000000 65535 f \n")
        for o in offsets.dropFirst() {
            let s = String(max(o, 0))
            append(String(repeating: "0", count: 10 - s.count) + s + " 00000 n \n")
        }
        append("trailer\n<< /Size \(offsets.count) /Root \(root) 0 R /Info \(info) 0 R >>\nstartxref\n\(start)\n%%EOF\n")
        return bytes
    }

    private mutating func append(_ s: String) {
        // Latin-1 for the binary marker in the header; everything else written here is ASCII.
        for u in s.unicodeScalars { bytes.append(UInt8(truncatingIfNeeded: u.value)) }
    }

    /// A text string as UTF-16BE hex with a byte-order mark, for the document information.
    static func textString(_ s: String) -> String {
        var out = "<FEFF"
        for u in s.utf16 { hex16(u, into: &out) }
        return out + ">"
    }

    static let hexDigits: [Character] = Array("0123456789ABCDEF")

    static func hex16(_ v: UInt16, into out: inout String) {
        out.append(hexDigits[Int(v >> 12)]); out.append(hexDigits[Int(v >> 8 & 0xF)])
        out.append(hexDigits[Int(v >> 4 & 0xF)]); out.append(hexDigits[Int(v & 0xF)])
    }
}
