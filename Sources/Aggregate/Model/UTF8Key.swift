import Glibc

/// A text as a dictionary key by its UTF-8 bytes. `String`'s own hashing works on normalised
/// text (a Chinese name is checked for NFC scalar by scalar at every look-up, most of the time a
/// 50,000-line roster took to read); the texts keyed here are normalised already (roster names
/// through `RosterName.clean`, codes of ASCII digits), so their bytes decide equality.
package struct UTF8Key: Hashable {
    package let text: String
    package init(_ text: String) { self.text = text }

    package func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    package static func == (a: UTF8Key, b: UTF8Key) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        let same = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        return (same ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }
}
