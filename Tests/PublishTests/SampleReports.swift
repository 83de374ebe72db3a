import Aggregate
@testable import Publish
import StrictJSON

/// Made-up reports for the renderers' tests, built from the catalog: every figure distinct (3000 +
/// its cell index, so none is a year or a row number), so order and placement can be checked.
enum SampleReports {
    static func value(_ i: Int) -> JSONValue {
        Catalog.cells[i].kind == .tenThousandYuan ? .number("12.345") : .integer(Int64(3000 + i))
    }

    static func printed(_ i: Int) -> String {
        Catalog.cells[i].kind == .tenThousandYuan ? "12.345" : String(3000 + i)
    }

    /// A complete report; cells whose dotted path is in `leaveOut` are absent.
    static func report(leaveOut: Set<String> = [], publishedOn: String? = "2025-01-20", narrative: Bool = true,
                       name: String = "示例镇", extra: String = "") -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("schemaVersion", .integer(1)), ("edition", .string("2021")),
            ("unit", .object([("name", .string(name)), ("code", .string("999000101")), ("county", .string("示例县"))])),
            ("year", .integer(2024)),
        ]
        if let publishedOn { members.append(("publishedOn", .string(publishedOn))) }
        for cell in Catalog.cells where !leaveOut.contains(cell.dottedPath) {
            insert(cell.path, value(cell.index), into: &members)
        }
        if narrative {
            members.append(("narrative", .object([
                ("overview", .string("2024年，示例镇围绕乡村振兴和民生保障开展政府信息公开工作，全年门户网站发布信息3000条。\n各村（居）按月更新公开栏。" + extra)),
                ("problems", .string("一是公开内容更新不够及时；二是工作人员业务水平有待提高。下一步将加强培训。")),
                ("otherMatters", .string("本年度未收取信息处理费。")),
            ])))
        }
        members.append(("informationProcessingFeeYuan", .integer(0)))
        return .object(members)
    }

    static func insert(_ path: [String], _ v: JSONValue, into members: inout [(String, JSONValue)]) {
        guard let head = path.first else { return }
        if path.count == 1 { members.append((head, v)); return }
        if let k = members.firstIndex(where: { $0.0 == head }), case .object(var inner) = members[k].1 {
            insert(Array(path.dropFirst()), v, into: &inner)
            members[k].1 = .object(inner)
        } else {
            var inner: [(String, JSONValue)] = []
            insert(Array(path.dropFirst()), v, into: &inner)
            members.append((head, .object(inner)))
        }
    }

    /// The printed figures of a section in table order, absent cells left out.
    static func figures(_ section: SectionID, leaveOut: Set<String> = []) -> [String] {
        Catalog.cells.filter { $0.section == section && !leaveOut.contains($0.dottedPath) }.map { printed($0.index) }
    }

    /// Tokens of a text that are whole figures: "3042", "12.345".
    static func figureTokens(_ text: Substring) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "|" }).map(String.init).filter { t in
            !t.isEmpty && t.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && t.first!.isNumber
        }
    }

    /// Whether `needles` occur in `haystack` in this order (white space ignored on both sides).
    static func inOrder(_ needles: [String], in haystack: String) -> String? {
        let hay = haystack.filter { !$0.isWhitespace }
        var from = hay.startIndex
        for n in needles {
            let needle = n.filter { !$0.isWhitespace }
            guard let r = hay.range(of: needle, range: from..<hay.endIndex) else { return needle }
            from = r.upperBound
        }
        return nil
    }
}
