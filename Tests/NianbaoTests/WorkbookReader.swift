import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads a written .xlsx back the way a test should: unzip it and parse the sheet XML, so that
/// assertions are about what Excel will see, not about what the writer meant.
struct WorkbookReader {
    enum Value: Equatable, CustomStringConvertible {
        case text(String)
        case number(Double)
        case blank
        var description: String {
            switch self {
            case .text(let s): return s
            case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
            case .blank: return ""
            }
        }
        var number: Double? { if case .number(let d) = self { return d }; return nil }
        var text: String? { if case .text(let s) = self { return s }; return nil }
    }

    struct Sheet {
        var name: String
        var cells: [String: Value] = [:]
        var merges: [String] = []
        var autofilter: String?
        var frozen: Bool = false
        var conditionalFormats: Int = 0
        var xml: String = ""

        subscript(_ ref: String) -> Value { cells[ref] ?? .blank }

        /// Zero-based access.
        func at(_ row: Int, _ column: Int) -> Value { cells[Self.ref(row, column)] ?? .blank }

        static func ref(_ row: Int, _ column: Int) -> String {
            var n = column + 1
            var letters = ""
            while n > 0 { letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters; n = (n - 1) / 26 }
            return "\(letters)\(row + 1)"
        }

        /// All rows as arrays of values (zero-based, dense up to the last used column).
        var rows: [[Value]] {
            var maxRow = -1, maxCol = -1
            var parsed: [(Int, Int, Value)] = []
            for (ref, v) in cells {
                let (r, c) = Self.parse(ref)
                parsed.append((r, c, v))
                maxRow = max(maxRow, r)
                maxCol = max(maxCol, c)
            }
            guard maxRow >= 0 else { return [] }
            var grid = Array(repeating: Array(repeating: Value.blank, count: maxCol + 1), count: maxRow + 1)
            for (r, c, v) in parsed { grid[r][c] = v }
            return grid
        }

        static func parse(_ ref: String) -> (Int, Int) {
            var col = 0, row = 0
            for ch in ref.unicodeScalars {
                if ch.value >= 65 && ch.value <= 90 { col = col * 26 + Int(ch.value - 64) } else { row = row * 10 + Int(ch.value - 48) }
            }
            return (row - 1, col - 1)
        }

        /// The first row (zero-based) whose column `column` holds `text`.
        func row(where column: Int, is text: String) -> Int? {
            rows.firstIndex { $0.count > column && $0[column] == .text(text) }
        }
    }

    var sheets: [Sheet] = []
    var files: [String: Data] = [:]

    init(path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        let shared = files["xl/sharedStrings.xml"].map { SharedStrings.parse($0) } ?? []
        let workbook = String(decoding: files["xl/workbook.xml"] ?? Data(), as: UTF8.self)
        let rels = String(decoding: files["xl/_rels/workbook.xml.rels"] ?? Data(), as: UTF8.self)
        for m in Self.matches(#"<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)""#, workbook) {
            let name = Self.unescape(m[0])
            let target = Self.matches(#"Id="\#(m[1])" Type="[^"]*" Target="([^"]*)""#, rels).first?[0]
                ?? Self.matches(#"Target="([^"]*)" Id="\#(m[1])""#, rels).first?[0] ?? ""
            let path = "xl/" + target
            let xml = String(decoding: files[path] ?? Data(), as: UTF8.self)
            var sheet = SheetParser.parse(xml, shared: shared)
            sheet.name = name
            sheet.xml = xml
            sheets.append(sheet)
        }
    }

    subscript(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    static func matches(_ pattern: String, _ text: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (1..<m.numberOfRanges).map { ns.substring(with: m.range(at: $0)) }
        }
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inT = false
    static func parse(_ data: Data) -> [String] {
        let d = SharedStrings()
        let p = XMLParser(data: data)
        p.delegate = d
        _ = p.parse()
        return d.strings
    }
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if e == "si" { current = "" }
        if e == "t" { inT = true }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inT { current += string } }
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        if e == "t" { inT = false }
        if e == "si" { strings.append(current) }
    }
}

private final class SheetParser: NSObject, XMLParserDelegate {
    var sheet = WorkbookReader.Sheet(name: "")
    let shared: [String]
    var ref = "", type = "", text = "", collecting = false, hasValue = false
    init(shared: [String]) { self.shared = shared }

    static func parse(_ xml: String, shared: [String]) -> WorkbookReader.Sheet {
        let d = SheetParser(shared: shared)
        let p = XMLParser(data: Data(xml.utf8))
        p.delegate = d
        _ = p.parse()
        return d.sheet
    }

    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch e {
        case "c": ref = a["r"] ?? ""; type = a["t"] ?? ""; text = ""; hasValue = false
        case "v", "t": collecting = true; hasValue = true
        case "mergeCell": if let r = a["ref"] { sheet.merges.append(r) }
        case "autoFilter": sheet.autofilter = a["ref"]
        case "pane": if a["state"] == "frozen" { sheet.frozen = true }
        case "conditionalFormatting": sheet.conditionalFormats += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if collecting { text += string } }
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        switch e {
        case "v", "t": collecting = false
        case "c":
            if !hasValue { sheet.cells[ref] = .blank; return }
            switch type {
            case "s": sheet.cells[ref] = .text(Int(text).flatMap { $0 < shared.count ? shared[$0] : nil } ?? "")
            case "inlineStr", "str": sheet.cells[ref] = .text(text)
            default: sheet.cells[ref] = Double(text).map { .number($0) } ?? .text(text)
            }
        default: break
        }
    }
}
