import CPoppler
import Foundation
import ZIPFoundation

/// Reads the published documents back the way an importer would: libxml2 for HTML and Word's XML,
/// poppler-glib for PDF text, ZIPFoundation for the .docx container.
enum Readers {
    /// One table cell as read back: its text (trimmed of spaces and no-break spaces) and spans.
    struct Cell: Equatable {
        var text: String
        var colspan = 1
        var rowspan = 1
        /// Word: "restart", "continue" or nil.
        var vMerge: String?
        /// Word: how many w:r runs hold the text.
        var runs = 0
    }

    static func trimmed(_ s: String) -> String {
        s.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}")))
    }

    // MARK: HTML and Word's XML

    /// An element of a page or part, as `Markup.parse` reads it.
    final class Node {
        let name: String
        var attributes: [String: String] = [:]
        var children: [Node] = []
        /// Text directly inside, entities decoded, for text nodes (name "#text").
        var text = ""
        init(_ name: String) { self.name = name }

        var content: String { name == "#text" ? text : children.map(\.content).joined() }

        func all(_ n: String) -> [Node] {
            var out: [Node] = []
            for c in children {
                if c.name == n { out.append(c) } else { out += c.all(n) }
            }
            return out
        }
    }

    /// A small tag reader for the markup the renderers write: elements, attributes, text,
    /// entities; void HTML elements and self-closing tags. (libxml2's module cannot be imported
    /// next to Foundation's ICU in this toolchain.)
    enum Markup {
        static let void: Set<String> = ["meta", "img", "input", "br", "link", "hr"]

        static func parse(_ s: String) -> Node? {
            let root = Node("#root")
            var stack = [root]
            var i = s.startIndex
            while i < s.endIndex {
                if s[i] == "<" {
                    guard let close = s[i...].firstIndex(of: ">") else { return nil }
                    let tag = s[s.index(after: i)..<close]
                    i = s.index(after: close)
                    if tag.hasPrefix("!") || tag.hasPrefix("?") { continue }
                    if tag.hasPrefix("/") {
                        let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                        guard let k = stack.lastIndex(where: { $0.name == name }), k > 0 else { return nil }
                        stack.removeSubrange(k...)
                        continue
                    }
                    let selfClosing = tag.hasSuffix("/")
                    let body = selfClosing ? tag.dropLast() : tag
                    let parts = body.split(separator: " ", maxSplits: 1)
                    let node = Node(String(parts[0]))
                    if parts.count > 1 { node.attributes = attributes(parts[1]) }
                    stack.last!.children.append(node)
                    if !selfClosing && !void.contains(node.name) { stack.append(node) }
                } else {
                    let next = s[i...].firstIndex(of: "<") ?? s.endIndex
                    let t = Node("#text")
                    t.text = decode(s[i..<next])
                    stack.last!.children.append(t)
                    i = next
                }
            }
            return stack.count == 1 ? root : nil
        }

        static func attributes(_ s: Substring) -> [String: String] {
            var out: [String: String] = [:]
            var rest = s[...]
            while let eq = rest.firstIndex(of: "=") {
                let key = rest[..<eq].trimmingCharacters(in: .whitespaces)
                let afterEq = rest.index(after: eq)
                guard afterEq < rest.endIndex, rest[afterEq] == "\"",
                      let end = rest[rest.index(after: afterEq)...].firstIndex(of: "\"") else { break }
                out[key] = decode(rest[rest.index(after: afterEq)..<end])
                rest = rest[rest.index(after: end)...]
            }
            return out
        }

        static func decode(_ s: Substring) -> String {
            guard s.contains("&") else { return String(s) }
            return s.replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// The page's tables (rows of cells) and its whole text.
    static func html(_ bytes: [UInt8]) -> (tables: [[[Cell]]], text: String)? {
        guard let s = String(validating: bytes, as: UTF8.self), let root = Markup.parse(s) else { return nil }
        var tables: [[[Cell]]] = []
        for table in root.all("table") {
            tables.append(table.all("tr").map { tr in
                tr.children.filter { $0.name == "td" || $0.name == "th" }.map { td in
                    Cell(text: trimmed(td.content), colspan: Int(td.attributes["colspan"] ?? "1") ?? 1,
                         rowspan: Int(td.attributes["rowspan"] ?? "1") ?? 1)
                }
            })
        }
        // Block elements end lines, as a browser shows them.
        func text(_ n: Node) -> String {
            if n.name == "#text" { return n.text }
            let inner = n.children.map(text).joined()
            return ["p", "div", "tr", "h1", "li", "table"].contains(n.name) ? inner + "\n" : inner
        }
        return (tables, text(root))
    }

    /// The parts of a .docx and word/document.xml's tables, as Word would read them.
    static func docx(_ bytes: [UInt8]) throws -> (entries: [String: Data], tables: [[[Cell]]], text: String) {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var entries: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            entries[entry.path] = data
        }
        let xml = String(decoding: entries["word/document.xml"] ?? Data(), as: UTF8.self)
        guard let root = Markup.parse(xml) else { return (entries, [], "") }
        var tables: [[[Cell]]] = []
        for tbl in root.all("w:tbl") {
            tables.append(tbl.children.filter { $0.name == "w:tr" }.map { tr in
                tr.children.filter { $0.name == "w:tc" }.map { tc in
                    var cell = Cell(text: tc.all("w:t").map(\.content).joined())
                    if let g = tc.all("w:gridSpan").first { cell.colspan = Int(g.attributes["w:val"] ?? "1") ?? 1 }
                    if let v = tc.all("w:vMerge").first { cell.vMerge = v.attributes["w:val"] ?? "continue" }
                    cell.runs = tc.all("w:r").count
                    return cell
                }
            })
        }
        return (entries, tables, root.all("w:t").map(\.content).joined())
    }

    // MARK: PDF

    /// Each page's text as poppler-glib extracts it (what an importer gets), or nil when poppler cannot open the file.
    static func pdfPages(_ bytes: [UInt8]) -> [String]? {
        let gbytes = bytes.withUnsafeBufferPointer { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let doc = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            if let error { g_error_free(error) }
            return nil
        }
        defer { g_object_unref(UnsafeMutableRawPointer(doc)) }
        var pages: [String] = []
        for i in 0..<poppler_document_get_n_pages(doc) {
            guard let page = poppler_document_get_page(doc, i) else { continue }
            if let t = poppler_page_get_text(page) {
                pages.append(String(cString: t))
                g_free(t)
            } else {
                pages.append("")
            }
            g_object_unref(UnsafeMutableRawPointer(page))
        }
        return pages
    }
}
