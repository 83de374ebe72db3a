import CLibXML2

/// Walks word/document.xml in body order, iteratively, feeding `DocumentBuilder`. Only
/// WordprocessingML elements count (DrawingML's own paragraphs are not the report's text);
/// mc:Fallback is skipped, for it repeats its mc:Choice.
struct WordWalker {
    var builder = DocumentBuilder(merging: .word)
    /// The paragraphs being gathered (a text box's paragraph sits inside another), as UTF-8.
    private var lines: [[UInt8]] = []
    /// Whether each namespace met is WordprocessingML's, by its node's address.
    private var wordNamespaces: [UnsafeMutableRawPointer: Bool] = [:]
    private var lastNamespace: UnsafeMutableRawPointer?
    private var lastNamespaceIsWord = false

    private static let namespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]

    mutating func walk(_ doc: xmlDocPtr) throws(ExtractError) {
        let top = UnsafeMutableRawPointer(doc).assumingMemoryBound(to: xmlNode.self)
        var node = doc.pointee.children
        while let n = node {
            var descend = false
            if n.pointee.type == XML_ELEMENT_NODE {
                descend = try enter(n)
            }
            if descend {
                if let child = n.pointee.children {
                    node = child
                    continue
                }
                try exit(n)
            }
            var current = n
            node = nil
            while true {
                if let next = current.pointee.next {
                    node = next
                    break
                }
                guard let parent = current.pointee.parent, parent != top, parent.pointee.type == XML_ELEMENT_NODE else { break }
                try exit(parent)
                current = parent
            }
        }
        while !lines.isEmpty { endParagraph() }
    }

    private enum Kind { case other, skip, paragraph, text, tab, lineBreak, hyphen, table, row, cell }

    private static let kinds = NameTable(kindsByName)
    private static let kindsByName: [UInt64: Kind] = {
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
        // Properties, deleted text, field codes: not the text a reader sees.
        for name in ["pPr", "rPr", "tblPr", "trPr", "tcPr", "tblGrid", "sectPr", "sdtPr", "del", "delText", "instrText", "moveFrom"] {
            kinds[LibXML.nameKey(name)] = .skip
        }
        return kinds
    }()

    private static let fallbackKey = LibXML.nameKey("Fallback")
    private static let runKey = LibXML.nameKey("r")

    private mutating func kind(_ n: xmlNodePtr) -> Kind {
        guard let name = n.pointee.name else { return .other }
        let key = LibXML.nameKey(name)
        guard let ns = n.pointee.ns else { return .other }
        let address = UnsafeMutableRawPointer(ns)
        let isWord: Bool
        if address == lastNamespace {
            isWord = lastNamespaceIsWord
        } else if let known = wordNamespaces[address] {
            isWord = known
            lastNamespace = address
            lastNamespaceIsWord = known
        } else {
            isWord = ns.pointee.href.map { Self.namespaces.contains(String(cString: $0)) } ?? false
            wordNamespaces[address] = isWord
        }
        if !isWord { return key == Self.fallbackKey ? .skip : .other }
        return Self.kinds[key] ?? .other
    }

    private func parentIsRun(_ n: xmlNodePtr) -> Bool {
        guard let parent = n.pointee.parent, let name = parent.pointee.name else { return false }
        return LibXML.nameKey(name) == Self.runKey
    }

    private mutating func enter(_ n: xmlNodePtr) throws(ExtractError) -> Bool {
        switch kind(n) {
        case .skip:
            return false
        case .other:
            return true
        case .paragraph:
            lines.append([])
            return true
        case .text:
            appendText(of: n)
            return false
        case .tab:
            if parentIsRun(n) { append(0x09) }
            return false
        case .lineBreak:
            if parentIsRun(n) { append(0x0A) }
            return false
        case .hyphen:
            append(0x2D)
            return false
        case .table:
            flushOpenLines()
            builder.beginTable()
            return true
        case .row:
            builder.beginRow(skipColumns: Self.property(of: n, container: Self.trPrKey, element: Self.gridBeforeKey).flatMap { Int($0) } ?? 0)
            return true
        case .cell:
            let span = Self.property(of: n, container: Self.tcPrKey, element: Self.gridSpanKey).flatMap { Int($0) } ?? 1
            var merge = TableGrid.VerticalMerge.none
            if let value = Self.property(of: n, container: Self.tcPrKey, element: Self.vMergeKey, missingValue: "continue") {
                merge = value == "restart" ? .restart : .continue
            }
            builder.beginCell(columnSpan: span, verticalMerge: merge)
            return true
        }
    }

    private mutating func exit(_ n: xmlNodePtr) throws(ExtractError) {
        switch kind(n) {
        case .paragraph: endParagraph()
        case .table: try builder.endTable()
        case .row: builder.endRow()
        case .cell: builder.endCell()
        default: break
        }
    }

    private mutating func append(_ byte: UInt8) {
        guard !lines.isEmpty else { return }
        lines[lines.count - 1].append(byte)
    }

    private mutating func appendText(of n: xmlNodePtr) {
        guard !lines.isEmpty else { return }
        var child = n.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                var i = 0
                while content[i] != 0 { i += 1 }
                lines[lines.count - 1].append(contentsOf: UnsafeBufferPointer(start: content, count: i))
            }
            // Entity references (a DTD's entities) are never expanded: they stay out.
            child = c.pointee.next
        }
    }

    private mutating func endParagraph() {
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

    /// The w:val of `container`/`element` among `n`'s children (w:tcPr/w:gridSpan), or
    /// `missingValue` when the element is there without a value; nil when it is absent.
    private static let trPrKey = LibXML.nameKey("trPr"), tcPrKey = LibXML.nameKey("tcPr")
    private static let gridBeforeKey = LibXML.nameKey("gridBefore"), gridSpanKey = LibXML.nameKey("gridSpan")
    private static let vMergeKey = LibXML.nameKey("vMerge"), valKey = LibXML.nameKey("val")

    private static func property(of n: xmlNodePtr, container containerKey: UInt64, element elementKey: UInt64, missingValue: String? = nil) -> String? {
        var child = n.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, let name = c.pointee.name, LibXML.nameKey(name) == containerKey {
                var property = c.pointee.children
                while let p = property {
                    if p.pointee.type == XML_ELEMENT_NODE, let name = p.pointee.name, LibXML.nameKey(name) == elementKey {
                        return attribute(p, key: valKey) ?? missingValue
                    }
                    property = p.pointee.next
                }
                return nil
            }
            child = c.pointee.next
        }
        return nil
    }

    /// An attribute's value by local name.
    static func attribute(_ n: xmlNodePtr, _ name: String) -> String? {
        attribute(n, key: LibXML.nameKey(name))
    }

    static func attribute(_ n: xmlNodePtr, key: UInt64) -> String? {
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
