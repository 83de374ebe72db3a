import Glibc

/// The texts a workbook has put in its shared strings, found again by their UTF-8 bytes: a
/// Swift dictionary keyed by `String` hashes Unicode-normalised text (a Chinese text is checked
/// for normal form scalar by scalar on every look-up), which cost more than writing the text inline.
struct SharedStringTable {
    /// Open addressing: `slots[h]` is an entry's number, or -1. Entries are kept as three arrays,
    /// so that a probe reads a hash without touching (and retaining) its text.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var texts: [String] = []
    private var indexes: [UInt32] = []

    init() { slots = [Int32](repeating: -1, count: 1024) }

    /// The index `text` was given before, or nil (and then `insert` it).
    func index(of text: String, hash: UInt64) -> UInt32? {
        let mask = slots.count - 1
        var h = Int(truncatingIfNeeded: hash) & mask
        while true {
            let k = Int(slots[h])
            if k < 0 { return nil }
            if hashes[k] == hash && SharedStringTable.sameBytes(texts[k], text) { return indexes[k] }
            h = (h + 1) & mask
        }
    }

    mutating func insert(_ text: String, hash: UInt64, index: UInt32) {
        if (hashes.count + 1) * 2 > slots.count { grow() }
        place(hashes.count, hash)
        hashes.append(hash)
        texts.append(text)
        indexes.append(index)
    }

    private mutating func place(_ entry: Int, _ hash: UInt64) {
        let mask = slots.count - 1
        var h = Int(truncatingIfNeeded: hash) & mask
        while slots[h] >= 0 { h = (h + 1) & mask }
        slots[h] = Int32(entry)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (k, hash) in hashes.enumerated() { place(k, hash) }
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let same = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        return (same ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// A 64-bit hash of the text's UTF-8 bytes, eight at a time (not for untrusted keys' sake:
    /// a collision costs one more comparison of bytes).
    static func hash(_ text: String) -> UInt64 {
        var t = text
        return t.withUTF8 { b -> UInt64 in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
            var i = 0
            let n = b.count
            let raw = UnsafeRawBufferPointer(b)
            while i + 8 <= n {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(b[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            return h ^ (h >> 32)
        }
    }
}
