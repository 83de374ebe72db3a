/// Text into HTML or Word's XML: the four characters markup gives meaning to, escaped once for
/// both renderers. Word's XML 1.0 cannot hold other control characters (Word would refuse the
/// file), so `droppingControls` leaves them out; a web page keeps the text as it is.
enum MarkupEscape {
    static func append(_ s: String, into out: inout String, droppingControls: Bool) {
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case _ where droppingControls && ((ch.value < 0x20 && ch != "\t") || ch == "\u{FFFE}" || ch == "\u{FFFF}"): continue
            default: out.unicodeScalars.append(ch)
            }
        }
    }
}
