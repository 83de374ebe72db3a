/// How a name or a file name from the inputs is quoted inside a message (a flag's 说明, a
/// reason): at most `messageNameLimit` characters, the rest counted rather than shown, so a
/// 40,000-character name cannot push the message itself out of its cell; and, when it carries
/// bidirectional controls, isolated (U+2068 … U+2069) so a right-to-left override in a name
/// cannot turn the rest of the sentence around.
package func inMessage(_ text: String) -> String {
    var shown = text
    if text.count > messageNameLimit {
        shown = "\(text.prefix(messageNameLimit))…（共\(text.count)字）"
    }
    if shown.unicodeScalars.contains(where: { isBidiControl($0) }) {
        shown = "\u{2068}\(shown)\u{2069}"
    }
    return shown
}

/// Characters of a name shown in a message.
package let messageNameLimit = 50

/// Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI), whose effect runs
/// on past the name unless closed; the marks LRM, RLM and ALM affect only their neighbours.
func isBidiControl(_ u: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
}
