import CPoppler

/// A PDF's text layer through poppler-glib: one paragraph per text line, "page P, line L".
/// Tables come out as lines (the reader handles flattened tables). Each call opens its own
/// PopplerDocument, so files can be read on several threads at once; poppler-glib guards its
/// global state itself. Poppler's messages go to GLib's log at INFO level in domain "Poppler";
/// a handler that drops them is installed once, so they never reach stderr even with
/// G_MESSAGES_DEBUG set.
enum PDFExtractor {
    private static let quiet: Void = {
        let levels = GLogLevelFlags(rawValue: GLogLevelFlags.RawValue(G_LOG_LEVEL_MASK.rawValue) | GLogLevelFlags.RawValue(G_LOG_FLAG_FATAL.rawValue) | GLogLevelFlags.RawValue(G_LOG_FLAG_RECURSION.rawValue))
        _ = g_log_set_handler("Poppler", levels, { _, _, _, _ in }, nil)
    }()

    static func document(_ bytes: [UInt8]) throws(ExtractError) -> Document {
        _ = quiet
        guard !bytes.isEmpty else { throw ExtractError.corruptPDF(poppler: "empty file") }
        let gbytes = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            defer { if error != nil { g_error_free(error) } }
            if let e = error, e.pointee.domain == poppler_error_quark(), e.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw ExtractError.encryptedPDF
            }
            let message = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "cannot open"
            throw ExtractError.corruptPDF(poppler: message)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        var blocks: [Block] = []
        let pages = poppler_document_get_n_pages(document)
        if pages > 0 {
            for p in 0..<pages {
                guard let page = poppler_document_get_page(document, p) else { continue }
                defer { g_object_unref(UnsafeMutableRawPointer(page)) }
                guard let text = poppler_page_get_text(page) else { continue }
                defer { g_free(text) }
                let length = strlen(text)
                let utf8 = [UInt8](UnsafeRawBufferPointer(start: text, count: length))
                ByteLines.forEach(in: utf8) { number, line in
                    guard !Whitespace.isBlank(line) else { return }
                    blocks.append(.paragraph(Paragraph(String(decoding: line, as: UTF8.self), place: "page \(p + 1), line \(number)")))
                }
            }
        }
        if blocks.isEmpty { throw ExtractError.scannedPDF }
        return Document(format: .pdf, blocks: blocks)
    }
}
