import CLibXML2

/// libxml2 set up once for the process: parser initialised before threads use it, no external
/// entity or DTD ever loaded (whatever a document asks), no error printed on stderr.
enum LibXML {
    static let ready: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        xmlThrDefSetGenericErrorFunc(nil, silentGenericError)
    }()

    /// Makes sure of `ready` and silences this thread's generic error channel.
    static func prepareThread() {
        _ = ready
        xmlSetGenericErrorFunc(nil, silentGenericError)
    }

    /// A C string's bytes packed into a key (names up to 8 bytes; longer ones get a distinct
    /// key from their first 8 bytes and length), to classify element names without allocating.
    static func nameKey(_ name: UnsafePointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        var i = 0
        while i < 8 {
            let b = name[i]
            if b == 0 { return key }
            key |= UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) << (8 * UInt64(i))
            i += 1
        }
        var length = 8
        while name[length] != 0 { length += 1 }
        return key ^ (UInt64(length) << 56) ^ 0x8000_0000_0000_0000
    }

    static func nameKey(_ name: String) -> UInt64 {
        var bytes = Array(name.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { nameKey($0.baseAddress!) }
    }
}

/// Variadic C callbacks cannot be written in Swift; a generic error function of this type is
/// only ever called through a C pointer, so the extra arguments are ignored harmlessly.
nonisolated(unsafe) private let silentGenericError: xmlGenericErrorFunc = unsafeBitCast(
    { (_: UnsafeMutableRawPointer?, _: UnsafePointer<CChar>?) in } as @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void,
    to: xmlGenericErrorFunc.self
)

/// A fixed set of element names (as `LibXML.nameKey`s) to what they mean: an open-addressing
/// table with a multiplicative hash, for the lookup made at every element of every page.
struct NameTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private let shift: UInt64

    init(_ entries: [UInt64: Value]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 4 { bits += 1 }
        shift = 64 - bits
        keys = [UInt64](repeating: 0, count: 1 << bits)
        values = [Value?](repeating: nil, count: 1 << bits)
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while values[slot] != nil { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    subscript(key: UInt64) -> Value? {
        var slot = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }
}
