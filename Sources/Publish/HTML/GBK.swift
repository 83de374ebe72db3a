#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 ↔ GBK through the C library's iconv, as many county portals still serve their pages.
package enum GBK {
    /// Fails, naming the character, when the text holds one GBK cannot encode.
    package static func encode(_ text: String) throws(PublishError) -> [UInt8] {
        let input = Array(text.utf8)
        let (out, stop) = convert(input, from: "UTF-8", to: "GBK")
        if let at = stop {
            let ch = String(decoding: input[at...].prefix(4), as: UTF8.self).unicodeScalars.first.map { String($0) } ?? "?"
            throw .noGBKEncoding(ch, byte: at)
        }
        return out
    }

    /// GBK bytes back to text, or nil when they are not GBK.
    package static func decode(_ bytes: [UInt8]) -> String? {
        let (out, stop) = convert(bytes, from: "GBK", to: "UTF-8")
        return stop == nil ? String(validating: out, as: UTF8.self) : nil
    }

    /// The converted bytes, and the input offset where conversion stopped if it could not finish.
    static func convert(_ input: [UInt8], from: String, to: String) -> ([UInt8], Int?) {
        guard let cd = iconv_open(to, from), cd != iconv_t(bitPattern: -1) else { return ([], 0) }
        defer { iconv_close(cd) }
        var source = input
        // GBK → UTF-8 grows by at most 3/2; UTF-8 → GBK never grows.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var stop: Int?
        var written = 0
        source.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else { return }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { stop = inBuf.count - inLeft }
                written = outBuf.count - outLeft
            }
        }
        return (Array(output[0..<written]), stop)
    }
}
