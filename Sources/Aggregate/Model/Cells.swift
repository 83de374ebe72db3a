/// A report's figures as a rollup keeps them: a township states 200-odd cells, nearly all 0, and
/// a national run holds 80,000 reports, so only the non-zero values are stored (in cell order,
/// behind a bitmap of which cells are non-zero) in one buffer — about 250 bytes a report instead
/// of 1,700. Reads as an array of every cell (`values[i]`, 0 where nothing is stored).
package struct CellValues: RandomAccessCollection, MutableCollection, Sendable, Hashable {
    /// `wordCount` bitmap words (bit i: cell i is non-zero), then the non-zero values in order.
    private var buffer: ContiguousArray<Int64>
    package let endIndex: Int
    package var startIndex: Int { 0 }
    private var wordCount: Int { (endIndex + 63) >> 6 }

    package init<C: Collection>(_ cells: C) where C.Element == Int64 {
        endIndex = cells.count
        let words = (cells.count + 63) >> 6
        var nonZero = 0
        for v in cells where v != 0 { nonZero += 1 }
        var buffer = ContiguousArray<Int64>(repeating: 0, count: words)
        buffer.reserveCapacity(words + nonZero)
        for (i, v) in cells.enumerated() where v != 0 {
            buffer[i >> 6] |= Int64(bitPattern: UInt64(1) << UInt64(i & 63))
            buffer.append(v)
        }
        self.buffer = buffer
    }

    package subscript(i: Int) -> Int64 {
        get {
            precondition(i >= 0 && i < endIndex, "cell index out of range")
            return buffer.withUnsafeBufferPointer { b in
                let w = i >> 6, bit = UInt64(1) << UInt64(i & 63)
                let word = UInt64(bitPattern: b[w])
                guard word & bit != 0 else { return 0 }
                var rank = (word & (bit &- 1)).nonzeroBitCount
                for k in 0..<w { rank += UInt64(bitPattern: b[k]).nonzeroBitCount }
                return b[(endIndex + 63) >> 6 + rank]
            }
        }
        // Rare (tests, an importer's correction): the buffer is rebuilt.
        set {
            var all = Array(self)
            all[i] = newValue
            self = CellValues(all)
        }
    }

    /// The non-zero cells, in cell order: what a sum needs without walking the zeros.
    package func forEachNonZero(_ body: (_ cell: Int, _ value: Int64) -> Void) {
        buffer.withUnsafeBufferPointer { b in
            var next = wordCount
            for w in 0..<wordCount {
                var word = UInt64(bitPattern: b[w])
                while word != 0 {
                    body(w << 6 + word.trailingZeroBitCount, b[next])
                    next += 1
                    word &= word &- 1
                }
            }
        }
    }
}

/// Which of a report's cells it states, one bit a cell. Reads as an array of `Bool`.
package struct CellBits: RandomAccessCollection, MutableCollection, Sendable, Hashable {
    private var words: ContiguousArray<UInt64>
    package let endIndex: Int
    package var startIndex: Int { 0 }

    package init<C: Collection>(_ cells: C) where C.Element == Bool {
        endIndex = cells.count
        words = ContiguousArray(repeating: 0, count: (cells.count + 63) >> 6)
        for (i, b) in cells.enumerated() where b { words[i >> 6] |= UInt64(1) << UInt64(i & 63) }
    }

    package subscript(i: Int) -> Bool {
        get {
            precondition(i >= 0 && i < endIndex, "cell index out of range")
            return words[i >> 6] & (UInt64(1) << UInt64(i & 63)) != 0
        }
        set {
            precondition(i >= 0 && i < endIndex, "cell index out of range")
            if newValue { words[i >> 6] |= UInt64(1) << UInt64(i & 63) } else { words[i >> 6] &= ~(UInt64(1) << UInt64(i & 63)) }
        }
    }
}
