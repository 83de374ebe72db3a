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
