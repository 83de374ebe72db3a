/// Substring search on UTF-8 bytes: the reader's `contains` and `range(of:)`, without Foundation's
/// locale-aware search (which dominated the reader's time).
extension StringProtocol {
    /// Whether `needle` occurs in the text (byte for byte).
    @inline(__always) func includes(_ needle: String) -> Bool { utf8Offset(of: needle) != nil }

    /// The byte offset of the first occurrence of `needle` at or after byte `from`.
    func utf8Offset(of needle: String, from: Int = 0) -> Int? {
        if let r = utf8.withContiguousStorageIfAvailable({ Self.search($0, needle, from) }) { return r }
        return Array(utf8).withUnsafeBufferPointer { Self.search($0, needle, from) }
    }

    static func search(_ hay: UnsafeBufferPointer<UInt8>, _ needle: String, _ from: Int) -> Int? {
        var n = needle
        return n.withUTF8 { nb -> Int? in
            guard let first = nb.first else { return from }
            guard nb.count <= hay.count else { return nil }
            var i = from
            let last = hay.count - nb.count
            while i <= last {
                if hay[i] == first {
                    var k = 1
                    while k < nb.count && hay[i + k] == nb[k] { k += 1 }
                    if k == nb.count { return i }
                }
                i += 1
            }
            return nil
        }
    }
}

extension String {
    /// The range of the first occurrence of `needle` at or after `from`, as string indices.
    func utf8Range(of needle: String, from: String.Index? = nil) -> Range<String.Index>? {
        let start = from.map { utf8.distance(from: utf8.startIndex, to: $0) } ?? 0
        guard let o = utf8Offset(of: needle, from: start) else { return nil }
        let lo = utf8.index(utf8.startIndex, offsetBy: o)
        let hi = utf8.index(lo, offsetBy: needle.utf8.count)
        return lo..<hi
    }
}

extension Substring {
    func utf8Range(of needle: String) -> Range<String.Index>? {
        guard let o = utf8Offset(of: needle) else { return nil }
        let lo = utf8.index(utf8.startIndex, offsetBy: o)
        return lo..<utf8.index(lo, offsetBy: needle.utf8.count)
    }
}
