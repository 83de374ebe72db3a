#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a text or HTML file into UTF-8, whatever townships saved them in: a BOM
/// decides; else valid UTF-8 is UTF-8 (a GBK file is almost never valid UTF-8 by chance, while
/// UTF-8 often decodes "cleanly" as GBK into mojibake, so a declared gb2312 never overrides it);
/// else a declared charset that decodes cleanly; else GB18030 (a superset of GBK and GB2312).
enum TextDecoding {
    /// The text as valid UTF-8 bytes (bad sequences replaced by U+FFFD, NUL bytes dropped).
    static func utf8(_ bytes: [UInt8], declaredCharset: String? = nil) throws(ExtractError) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try accept(repairUTF8(bytes[3...]))
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return try accept(utf16(bytes[2...], bigEndian: false)) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try accept(utf16(bytes[2...], bigEndian: true)) }
        if let bigEndian = utf16WithoutBOM(bytes) { return try accept(utf16(bytes[...], bigEndian: bigEndian)) }

        let asUTF8 = repairUTF8(bytes[...])
        // Clean UTF-8, or UTF-8 with a few bad bytes among many good multibyte characters
        // (GBK text almost never forms valid UTF-8 sequences).
        if asUTF8.bad == 0 || asUTF8.multibyte >= 8 * asUTF8.bad { return try accept(asUTF8) }
        if let declared = declaredCharset.flatMap(legacyCharset), declared != "GB18030",
           let decoded = iconvToUTF8(bytes, from: declared), decoded.bad == 0 {
            return try accept(decoded)
        }
        guard let asGB = iconvToUTF8(bytes, from: "GB18030") else { return try accept(asUTF8) }
        // Neither is clean: the one with fewer bad sequences, if few enough.
        return try accept(asGB.bad <= asUTF8.bad ? asGB : asUTF8)
    }

    /// A charset label from a page, if it names one worth trusting over sniffing; UTF-8 labels
    /// return "UTF-8", the GB family "GB18030", Big5 "BIG5-HKSCS". Western single-byte labels
    /// (iso-8859-1, windows-1252) decode anything "cleanly", so they are ignored.
    static func legacyCharset(_ label: String) -> String? {
        switch label.lowercased() {
        case "utf-8", "utf8": return "UTF-8"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "csgb2312", "chinese", "ms936", "windows-936":
            return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5": return "BIG5-HKSCS"
        default: return nil
        }
    }

    struct Decoded {
        var bytes: [UInt8]
        /// Bad byte sequences (replaced by U+FFFD) and stray control characters.
        var bad: Int
        /// Characters decoded, to weigh `bad` against.
        var characters: Int
        /// Valid multibyte UTF-8 sequences met (meaningful for `repairUTF8`).
        var multibyte = 0
    }

    /// Accepts a decoding unless more than a small share of it is bad.
    private static func accept(_ decoded: Decoded) throws(ExtractError) -> [UInt8] {
        if decoded.bad > 8 && decoded.bad * 50 > decoded.characters {
            throw ExtractError.notText
        }
        return decoded.bytes
    }

    /// Validates UTF-8, replacing each maximal bad subsequence with U+FFFD; drops NULs.
    static func repairUTF8(_ input: ArraySlice<UInt8>) -> Decoded {
        input.withUnsafeBufferPointer { src -> Decoded in
            let n = src.count
            var out = [UInt8]()
            out.reserveCapacity(n)
            var bad = 0, characters = 0, multibyte = 0, i = 0
            while i < n {
                let b = src[i]
                if b < 0x80 {
                    // Runs of ASCII, the common case.
                    var j = i
                    while j < n && src[j] < 0x80 {
                        let c = src[j]
                        if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C && c != 0x0B && c != 0x1B {
                            if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<j])) }
                            characters += j - i + 1
                            bad += 1
                            if c != 0 { out.append(c) }
                            i = j + 1
                        }
                        j += 1
                    }
                    if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<j])) }
                    characters += j - i
                    i = j
                    continue
                }
                let length = utf8SequenceLength(src, at: i)
                characters += 1
                if length > 0 {
                    multibyte += 1
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<(i + length)]))
                    i += length
                } else {
                    bad += 1
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    i += max(1, -length)
                }
            }
            return Decoded(bytes: out, bad: bad, characters: characters, multibyte: multibyte)
        }
    }

    /// The length of the valid UTF-8 sequence at `i` (lead byte >= 0x80), or minus the length of
    /// the maximal invalid subpart to replace by one U+FFFD.
    private static func utf8SequenceLength(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = s[i], n = s.count
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < n && s[i + k] >= lo && s[i + k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : -1
        case 0xE0...0xEF:
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard cont(1, lo, hi) else { return -1 }
            return cont(2) ? 3 : -2
        case 0xF0...0xF4:
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard cont(1, lo, hi) else { return -1 }
            guard cont(2) else { return -2 }
            return cont(3) ? 4 : -3
        default:
            return -1
        }
    }

    /// UTF-16 without a BOM shows itself by NULs in every other byte (the ASCII of markup, digits).
    /// Returns whether it is big-endian, or nil when the bytes are not UTF-16.
    private static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        let sample = min(bytes.count, 4096) & ~1
        guard sample >= 8 else { return nil }
        var evenZeros = 0, oddZeros = 0
        var i = 0
        while i < sample {
            if bytes[i] == 0 { evenZeros += 1 }
            if bytes[i + 1] == 0 { oddZeros += 1 }
            i += 2
        }
        let pairs = sample / 2
        if oddZeros * 4 > pairs && evenZeros * 20 < oddZeros { return false }
        if evenZeros * 4 > pairs && oddZeros * 20 < evenZeros { return true }
        return nil
    }

    private static func utf16(_ input: ArraySlice<UInt8>, bigEndian: Bool) -> Decoded {
        var units = [UInt16]()
        units.reserveCapacity(input.count / 2)
        var i = input.startIndex
        while i + 1 < input.endIndex {
            let a = UInt16(input[i]), b = UInt16(input[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var out = [UInt8]()
        out.reserveCapacity(units.count * 3)
        var bad = input.count % 2, characters = 0
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                characters += 1
                if scalar.value == 0 { bad += 1; continue }
                if scalar.value < 0x20 && !"\t\n\r\u{0B}\u{0C}\u{1B}".unicodeScalars.contains(scalar) { bad += 1 }
                UTF8.encode(scalar) { out.append($0) }
            case .emptyInput: break loop
            case .error:
                characters += 1
                bad += 1
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
        }
        return Decoded(bytes: out, bad: bad, characters: characters)
    }

    /// Decodes `bytes` from `charset` through iconv, replacing each bad sequence with U+FFFD;
    /// nil if iconv does not know the charset.
    static func iconvToUTF8(_ bytes: [UInt8], from charset: String) -> Decoded? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var bad = 0
        var produced = 0
        var input = bytes
        input.withUnsafeMutableBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(srcBase).assumingMemoryBound(to: CChar.self)
                var inLeft = src.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dstBase).assumingMemoryBound(to: CChar.self)
                var outLeft = dst.count
                while inLeft > 0 {
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    if r != -1 { break }
                    let code = errno
                    if code == E2BIG { break }  // cannot happen: 3 bytes out per byte in is enough
                    // EILSEQ or EINVAL (truncated at the end): one U+FFFD, skip a byte.
                    bad += 1
                    guard outLeft >= 3 else { break }
                    for b: UInt8 in [0xEF, 0xBF, 0xBD] {
                        outPtr!.pointee = CChar(bitPattern: b)
                        outPtr! += 1
                    }
                    outLeft -= 3
                    inPtr! += 1
                    inLeft -= 1
                }
                produced = dst.count - outLeft
            }
        }
        out.removeSubrange(produced...)
        // Count characters and stray controls, and drop NULs, over the UTF-8 now produced.
        var repaired = repairUTF8(out[...])
        repaired.bad += bad
        return repaired
    }
}
