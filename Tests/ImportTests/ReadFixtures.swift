import Aggregate
import Foundation
@testable import Import
import StrictJSON
import XCTest

/// Made-up reports in the shapes published reports take (no real report's text but the seed's):
/// the rows of a report as cells, rendered as text the ways browsers and PDF viewers flatten
/// tables, or as grids the way HTML and Word extractors hand them over.
enum ReadFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var seed: [UInt8] {
        Array(try! Data(contentsOf: repository.appendingPathComponent("Tests/Corpus/import/baofeng-2024.txt")))
    }
    static var baofengJSON: [UInt8] {
        Array(try! Data(contentsOf: repository.appendingPathComponent("inputs/json/2024/baofeng.json")))
    }

    /// Figures that hold R1–R4, with two-digit numbers and a decimal so misplacement shows.
    static let requestFigures: [String: [Int64]] = [
        "received": [12, 1, 0, 0, 1, 0, 14],
        "carriedOver": [1, 0, 0, 0, 0, 0, 1],
        "disclosed": [10, 1, 0, 0, 0, 0, 11],
        "partlyDisclosed": [2, 0, 0, 0, 0, 0, 2],
        "unavailable.notHeld": [1, 0, 0, 0, 1, 0, 2],
        "resultTotal": [13, 1, 0, 0, 1, 0, 15],
    ]
    static func requestRow(_ path: String) -> [Int64] { requestFigures[path] ?? [0, 0, 0, 0, 0, 0, 0] }
    static let appealFigures: [Int64] = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 2, 2]

    /// Expected value of every table cell, by dotted path.
    static var expected: [String: String] {
        var d: [String: String] = [
            "proactive.rules.issued": "0", "proactive.rules.repealed": "0", "proactive.rules.inForce": "0",
            "proactive.normativeDocuments.issued": "2", "proactive.normativeDocuments.repealed": "1",
            "proactive.normativeDocuments.inForce": "7", "proactive.licensing": "36", "proactive.penalties": "5",
            "proactive.compulsoryMeasures": "0", "proactive.feesTenThousandYuan": "1.25",
        ]
        for row in Catalog.section(.requests).rows {
            let v = requestRow(row.path.joined(separator: "."))
            for (c, col) in row.columns.enumerated() { d["requests.\(row.path.joined(separator: ".")).\(col.key!)"] = String(v[c]) }
        }
        for (g, row) in Catalog.section(.appeals).rows.enumerated() {
            for (c, col) in row.columns.enumerated() { d["appeals.\(row.path[0]).\(col.key!)"] = String(appealFigures[g * 5 + c]) }
        }
        return d
    }

    /// How the leaf rows are labelled: group label as its own row (stray line) or as the first
    /// cell of its first leaf row (as pages flatten merged cells).
    enum Groups { case ownLine, firstCell }

    /// A report as rows of cells: title, prose, the three tables, prose.
    static func rows(groups: Groups = .firstCell, brokenHeaders: Bool = false, cell: (String, [Int64]) -> [String] = { $1.map(String.init) }) -> [[String]] {
        var r: [[String]] = [
            ["平罗县演示镇"], ["2024年政府信息公开工作年度报告"],
            ["本报告统计数据从2024年1月1日至12月31日。"],
            ["一、总体情况"],
            ["2024年，演示镇通过政府门户网站主动公开信息88条，政务微信公众号发布信息40条。"],
            ["二、主动公开政府信息情况"],
            ["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章"] + cell("规章", [0, 0, 0]), ["行政规范性文件"] + cell("行政规范性文件", [2, 1, 7]),
            ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可"] + cell("行政许可", [36]),
            ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚"] + cell("行政处罚", [5]), ["行政强制"] + cell("行政强制", [0]),
            ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "1.25"],
            ["三、收到和处理政府信息公开申请情况"],
            ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"],
            brokenHeaders ? ["商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他"] : ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        ]
        var seenGroups = Set<String>()
        for row in Catalog.section(.requests).rows {
            let path = row.path.joined(separator: ".")
            var cells: [String] = []
            if let g = row.group, !seenGroups.contains(g) {
                seenGroups.insert(g)
                if groups == .ownLine { r.append([g]) } else { cells.append(g) }
            }
            cells.append(row.label)
            r.append(cells + cell(row.label, requestRow(path)))
        }
        r += [
            ["四、政府信息公开行政复议、行政诉讼情况"],
            ["行政复议", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
            cell("appeals", appealFigures),
            ["五、存在的主要问题及改进情况"],
            ["一是公开内容还不够全面。下一步将加强培训。"],
            ["六、其他需要报告的事项"],
            ["本年度未收取信息处理费。"],
            ["演示镇人民政府"],
            ["2025年1月15日"],
        ]
        return r
    }

    enum Shape: CaseIterable { case oneCellPerLine, barAfterCell, valueBar, markdown, tabs, spaces, singleSpaces }

    static func text(_ rows: [[String]], _ shape: Shape) -> String {
        var lines: [String] = []
        for row in rows {
            if row.count == 1 { lines.append(shape == .markdown && row[0].hasPrefix("第二十条") ? row[0] + " |" : row[0]); continue }
            switch shape {
            case .oneCellPerLine: lines += row
            case .barAfterCell: for c in row { lines.append(c); lines.append("|") }
            case .valueBar: for c in row { lines.append("\(c) |") }
            case .markdown: lines.append("| " + row.joined(separator: " | ") + " | | |")
            case .tabs: lines.append("\t" + row.joined(separator: "\t") + "\t")
            case .spaces: lines.append(row.map { $0.replacingOccurrences(of: "\n", with: "") }.joined(separator: "    "))
            case .singleSpaces: lines.append(row.map { $0.replacingOccurrences(of: "\n", with: "") }.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func document(_ text: String) -> Document {
        Document(format: .text, blocks: text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            .paragraph(Paragraph(String($0.element), place: "line \($0.offset + 1)"))
        })
    }

    /// A grid from rows of cells; `merged` spreads a cell over the columns to its right.
    static func table(_ rows: [[String]], place: String = "table 1") -> Table {
        let width = rows.map(\.count).max() ?? 0
        return Table(rows: rows.enumerated().map { r, row in
            (0..<width).map { c in Cell(c < row.count ? row[c] : "", origin: GridPosition(row: r, column: c)) }
        }, place: place)
    }

    static func read(_ document: Document, file: String = "demo.txt", year: Int? = 2024, county: String? = nil) throws -> ReadReport {
        try ReportReader.read(document, fileName: file, options: ReportReader.Options(expectedYear: year, county: county))
    }

    static func read(_ text: String, file: String = "demo.txt", year: Int? = 2024, county: String? = nil) throws -> ReadReport {
        try read(document(text), file: file, year: year, county: county)
    }

    /// The report the JSON decodes to (the decoder is the contract's judge).
    static func decode(_ r: ReadReport, year: Int? = 2024) throws -> Report {
        let bytes = JSONWriter.bytes(r.json)
        switch ReportDecoder.decode(bytes: bytes, file: "x.json", options: DecodeOptions(expectedYear: year, timeZone: TimeZone(identifier: "Asia/Shanghai")!)) {
        case .success(let report): return report
        case .failure(let rejection): throw NSError(domain: rejection.line, code: 1)
        }
    }

    /// Every stated table cell as dotted path → value text.
    static func cells(_ report: Report) -> [String: String] {
        var d: [String: String] = [:]
        for cell in Catalog.cells where cell.section != .overview && report.present[cell.index] {
            let v = report.values[cell.index]
            d[cell.dottedPath] = cell.kind == .tenThousandYuan ? Amount(millionths: v).description : String(v)
        }
        return d
    }
}
