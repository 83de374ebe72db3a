import CLibXML2

/// Follows libxml2's SAX events over word/document.xml in body order, feeding `DocumentBuilder`
/// (no tree is built: Word's markup is verbose, and building and freeing a tree cost most of
/// the time). Only WordprocessingML elements count (DrawingML's own paragraphs are not the
/// report's text); mc:Fallback is skipped, for it repeats its mc:Choice.
struct WordWalker {
    var builder = DocumentBuilder(merging: .word)
    var error: ExtractError?
    /// The paragraphs being gathered (a text box's paragraph sits inside another), as UTF-8.
    private(set) var lines: [[UInt8]] = []
    /// Open elements inside a skipped one (properties, deleted text, field codes, mc:Fallback).
    private var skipDepth = 0
    /// Open w:t elements: only their characters are text.
    private var textDepth = 0
    /// A row or cell whose properties (w:trPr, w:tcPr) are still to come before its content.
    private var pendingRow: Int?
    private var pendingCell: (span: Int, merge: TableGrid.VerticalMerge)?
    /// Open elements inside w:trPr or w:tcPr of the pending row or cell.
    private var propertiesDepth = 0
    /// Namespace URIs are interned per parse: the last one met and whether it is Word's.
    private var lastNamespace: UnsafePointer<UInt8>?
    private var lastNamespaceIsWord = false

    private static let namespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]

    private enum Kind {
        case other, skip, paragraph, text, tab, lineBreak, hyphen, table, row, cell
        case rowProperties, cellProperties, gridBefore, gridSpan, vMerge
    }

    private static let kinds: NameTable<Kind> = {
        var kinds: [UInt64: Kind] = [:]
        kinds[LibXML.nameKey("p")] = .paragraph
        kinds[LibXML.nameKey("t")] = .text
        kinds[LibXML.nameKey("tab")] = .tab
        kinds[LibXML.nameKey("br")] = .lineBreak
        kinds[LibXML.nameKey("cr")] = .lineBreak
        kinds[LibXML.nameKey("noBreakHyphen")] = .hyphen
        kinds[LibXML.nameKey("tbl")] = .table
        kinds[LibXML.nameKey("tr")] = .row
        kinds[LibXML.nameKey("tc")] = .cell
        kinds[LibXML.nameKey("trPr")] = .rowProperties
        kinds[LibXML.nameKey("tcPr")] = .cellProperties
        kinds[LibXML.nameKey("gridBefore")] = .gridBefore
        kinds[LibXML.nameKey("gridSpan")] = .gridSpan
        kinds[LibXML.nameKey("vMerge")] = .vMerge
        // Properties, deleted text, field codes: not the text a reader sees.
        for name in ["pPr", "rPr", "tblPr", "tblPrEx", "tblGrid", "sectPr", "sdtPr", "del", "delText", "instrText", "moveFrom"] {
            kinds[LibXML.nameKey(name)] = .skip
        }
        return NameTable(kinds)
    }()

    private static let fallbackKey = LibXML.nameKey("Fallback")
    static let valKey = LibXML.nameKey("val")

    /// Parses `xml` and walks it; throws what the walk or the parser found wrong. The document
    /// is read by `WordXMLReader` when it is plain well-formed UTF-8 XML (the usual case, and
    /// several times faster); anything else — a DTD, another encoding, an error to report — by
    /// libxml2, from the start again.
    static func document(_ xml: [UInt8]) throws(ExtractError) -> Document {
        guard !xml.isEmpty, xml.count < Int(Int32.max) else {
            throw ExtractError.corruptWord("word/document.xml: empty")
        }
        let fast = xml.withUnsafeBufferPointer { input -> WordWalker? in
            var reader = WordXMLReader(input, walker: WordWalker())
            return reader.run() ? reader.walker : nil
        }
        var walker: WordWalker
        if let fast {
            walker = fast
        } else {
            walker = try libxml2Walk(xml)
        }
        if let error = walker.error { throw error }
        while !walker.lines.isEmpty { walker.endParagraph() }
        return try walker.builder.finish(format: .docx)
    }

    /// The document as libxml2 alone reads it (the fallback; tests hold the fast reader to it).
    static func documentThroughLibXML2(_ xml: [UInt8]) throws(ExtractError) -> Document {
        var walker = try libxml2Walk(xml)
        while !walker.lines.isEmpty { walker.endParagraph() }
        return try walker.builder.finish(format: .docx)
    }

    /// The walk through libxml2's SAX2 parser.
    private static func libxml2Walk(_ xml: [UInt8]) throws(ExtractError) -> WordWalker {
        LibXML.prepareThread()
        let walker = UnsafeMutablePointer<WordWalker>.allocate(capacity: 1)
        walker.initialize(to: WordWalker())
        defer { walker.deinitialize(count: 1); walker.deallocate() }
        var parseError: String?
        xml.withUnsafeBytes { raw in
            guard let ctxt = xmlCreateMemoryParserCtxt(raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count)) else {
                parseError = "out of memory"
                return
            }
            defer {
                if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
                ctxt.pointee.myDoc = nil
                xmlFreeParserCtxt(ctxt)
            }
            // SAX2 as libxml2 sets it up (a DTD's declarations are still recorded, so an entity
            // reference is known, and reported to `reference`, which is left out: never expanded).
            xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
            if let sax = ctxt.pointee.sax {
                sax.pointee.startElementNs = { context, localname, _, uri, _, _, count, _, attributes in
                    guard let context, let localname else { return }
                    let walker = WordWalker.from(context)
                    let namespace = walker.pointee.namespace(uri)
                    walker.pointee.start(LibXML.nameKey(localname), namespace, val: Val(libxml2: (Int(count), attributes)))
                    if walker.pointee.error != nil { xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self)) }
                }
                sax.pointee.endElementNs = { context, localname, _, uri in
                    guard let context, let localname else { return }
                    let walker = WordWalker.from(context)
                    walker.pointee.end(LibXML.nameKey(localname), walker.pointee.namespace(uri))
                    if walker.pointee.error != nil { xmlStopParser(context.assumingMemoryBound(to: xmlParserCtxt.self)) }
                }
                sax.pointee.characters = { context, text, length in
                    guard let context, let text, length > 0 else { return }
                    WordWalker.from(context).pointee.text(UnsafeBufferPointer(start: text, count: Int(length)))
                }
                sax.pointee.cdataBlock = sax.pointee.characters
                sax.pointee.ignorableWhitespace = sax.pointee.characters
                sax.pointee.reference = nil
                sax.pointee.comment = nil
                sax.pointee.processingInstruction = nil
            }
            // libxml2's own SAX2 handlers (the DTD's) take the user data to be the parser
            // context, so the walker travels in its `_private`.
            ctxt.pointee._private = UnsafeMutableRawPointer(walker)
            xmlParseDocument(ctxt)
            if walker.pointee.error == nil && ctxt.pointee.wellFormed == 0 {
                let text = ctxt.pointee.lastError.message.map { String(cString: $0) } ?? ""
                let message = String(text.unicodeScalars.filter { $0 != "\n" && $0 != "\r" })
                parseError = message.isEmpty ? "not well-formed XML" : message
            }
        }
        if let error = walker.pointee.error { throw error }
        if let parseError { throw ExtractError.corruptWord("word/document.xml: \(parseError)") }
        return walker.pointee
    }

    /// The walker of the parser context a callback receives.
    private static func from(_ context: UnsafeMutableRawPointer) -> UnsafeMutablePointer<WordWalker> {
        context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private.assumingMemoryBound(to: WordWalker.self)
    }

    /// Which namespace an element is in, for its kind.
    enum Namespace { case none, word, other }

    /// libxml2's namespace URI as a `Namespace` (URIs are interned per parse: the last one is kept).
    mutating func namespace(_ uri: UnsafePointer<UInt8>?) -> Namespace {
        guard let uri else { return .none }
        if uri != lastNamespace {
            lastNamespace = uri
            lastNamespaceIsWord = Self.namespaces.contains(String(cString: uri))
        }
        return lastNamespaceIsWord ? .word : .other
    }

    static func isWordNamespace(_ uri: UnsafeBufferPointer<UInt8>) -> Bool {
        namespaceBytes.contains { $0.elementsEqual(uri) }
    }

    private static let namespaceBytes = namespaces.map { Array($0.utf8) }

    private func kind(_ key: UInt64, _ namespace: Namespace) -> Kind {
        switch namespace {
        case .none: return .other
        case .other: return key == Self.fallbackKey ? .skip : .other
        case .word: return Self.kinds[key] ?? .other
        }
    }

    /// An element's w:val attribute, read only for the few elements that need it.
    struct Val {
        /// libxml2's SAX2 attributes (count, then the array of 5-pointer tuples).
        var libxml2: (Int, UnsafeMutablePointer<UnsafePointer<UInt8>?>?)?
        /// `WordXMLReader`'s: the value's bytes in the input, entities not yet decoded.
        var raw: UnsafeBufferPointer<UInt8>?

        var string: String? {
            if let (count, attributes) = libxml2 { return WordWalker.value(of: WordWalker.valKey, count, attributes) }
            guard let raw else { return nil }
            var bytes: [UInt8] = []
            _ = WordXMLReader.decode(raw, 0..<raw.count, into: &bytes, attribute: true)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// An element starts.
    mutating func start(_ localname: UInt64, _ namespace: Namespace, val: Val) {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        let kind = kind(localname, namespace)
        if propertiesDepth > 0 {
            propertiesDepth += 1
            guard kind == .gridBefore || kind == .gridSpan || kind == .vMerge else { return }
            let value = val.string
            switch kind {
            case .gridBefore: pendingRow = value.flatMap { Int($0) } ?? 0
            case .gridSpan: pendingCell?.span = value.flatMap { Int($0) } ?? 1
            default: pendingCell?.merge = value == "restart" ? .restart : .continue
            }
            return
        }
        if pendingCell != nil {
            if kind == .cellProperties {
                propertiesDepth = 1
                return
            }
            flushPendingCell()
        }
        if pendingRow != nil {
            if kind == .rowProperties {
                propertiesDepth = 1
                return
            }
            if kind != .skip { flushPendingRow() }
        }
        switch kind {
        case .skip: skipDepth = 1
        case .other, .rowProperties, .cellProperties, .gridBefore, .gridSpan, .vMerge: break
        case .paragraph: lines.append([])
        case .text: textDepth += 1
        case .tab: append(0x09)
        case .lineBreak: append(0x0A)
        case .hyphen: append(0x2D)
        case .table:
            flushOpenLines()
            builder.beginTable()
        case .row:
            pendingRow = 0
        case .cell:
            pendingCell = (1, .none)
        }
    }

    mutating func end(_ localname: UInt64, _ namespace: Namespace) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        if propertiesDepth > 0 {
            propertiesDepth -= 1
            return
        }
        switch kind(localname, namespace) {
        case .paragraph: endParagraph()
        case .text: textDepth = max(0, textDepth - 1)
        case .table:
            flushPendingRow()
            do throws(ExtractError) {
                try builder.endTable()
            } catch {
                if self.error == nil { self.error = error }
            }
        case .row:
            flushPendingRow()
            builder.endRow()
        case .cell:
            flushPendingCell()
            builder.endCell()
        default: break
        }
    }

    mutating func text(_ content: UnsafeBufferPointer<UInt8>) {
        guard skipDepth == 0, textDepth > 0, !lines.isEmpty else { return }
        lines[lines.count - 1].append(contentsOf: content)
    }

    private mutating func flushPendingRow() {
        guard let skip = pendingRow else { return }
        pendingRow = nil
        builder.beginRow(skipColumns: skip)
    }

    private mutating func flushPendingCell() {
        guard let cell = pendingCell else { return }
        pendingCell = nil
        flushPendingRow()
        builder.beginCell(columnSpan: cell.span, verticalMerge: cell.merge)
    }

    private mutating func append(_ byte: UInt8) {
        guard !lines.isEmpty else { return }
        lines[lines.count - 1].append(byte)
    }

    mutating func endParagraph() {
        guard let line = lines.popLast() else { return }
        builder.paragraph(line[...])
    }

    /// A table inside a paragraph (in a text box) ends the text gathered so far.
    private mutating func flushOpenLines() {
        for i in lines.indices where !lines[i].isEmpty {
            builder.paragraph(lines[i][...])
            lines[i].removeAll()
        }
    }

    /// An attribute's value by local name, from SAX2's (localname, prefix, URI, value, end) tuples.
    static func value(of key: UInt64, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) -> String? {
        guard let attributes else { return nil }
        for i in 0..<count {
            guard let name = attributes[5 * i], LibXML.nameKey(name) == key,
                  let value = attributes[5 * i + 3], let end = attributes[5 * i + 4] else { continue }
            return String(decoding: UnsafeBufferPointer(start: value, count: end - value), as: UTF8.self)
        }
        return nil
    }

    /// An attribute's value by local name, from a parsed tree's node.
    static func attribute(_ n: xmlNodePtr, _ name: String) -> String? {
        let key = LibXML.nameKey(name)
        var attribute = n.pointee.properties
        while let a = attribute {
            if let attributeName = a.pointee.name, LibXML.nameKey(attributeName) == key {
                guard let value = a.pointee.children?.pointee.content else { return "" }
                return String(cString: value)
            }
            attribute = a.pointee.next
        }
        return nil
    }
}
