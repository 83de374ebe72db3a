/// The headline figures compared with the previous year, for the county and each township.
package enum YearOverYear {
    /// A compared figure: a label and the cells it adds up.
    package struct Measure: Sendable {
        package let label: String
        package let cells: [Int]
        package let isAmount: Bool
    }

    package static let measures: [Measure] = {
        func m(_ label: String, _ paths: [String]) -> Measure {
            let cells = paths.map { Catalog.index($0) }
            return Measure(label: label, cells: cells, isAmount: cells.contains { Catalog.cells[$0].kind == .tenThousandYuan })
        }
        var out = [m("主动公开信息（网站+微信+微博）", ["overview.portalItems", "overview.wechatItems", "overview.weiboItems"])]
        for cell in Catalog.cells where cell.section == .proactive {
            out.append(m(Catalog.label(of: cell), [cell.dottedPath]))
        }
        out.append(m("本年新收申请", ["requests.received.total"]))
        let requests = Catalog.section(.requests)
        var groups: [(String, [String])] = []
        for row in requests.rows {
            let path = "requests.\(row.path.joined(separator: ".")).total"
            switch row.path[0] {
            case "received", "carriedOver", "carriedForward": continue
            case "disclosed", "partlyDisclosed", "resultTotal": groups.append((row.label, [path]))
            default:
                if let g = row.group, let k = groups.firstIndex(where: { $0.0 == g }) { groups[k].1.append(path) }
                else { groups.append((row.group ?? row.label, [path])) }
            }
        }
        for (label, paths) in groups { out.append(m(label.count > 12 && label.hasPrefix("（二）") ? "（二）部分公开" : label, paths)) }
        out.append(m("行政复议", ["appeals.review.total"]))
        out.append(m("行政诉讼", ["appeals.litigationDirect.total", "appeals.litigationAfterReview.total"]))
        return out
    }()

    package static func value<Cells: RandomAccessCollection<Int64>>(_ m: Measure, _ values: Cells) -> Int64 where Cells.Index == Int {
        m.cells.reduce(0) { $0.addingSaturated(values[$1]) }
    }

    /// "新增" from zero, "—" when both are zero, otherwise the signed percentage.
    package static func change(now: Int64, before: Int64) -> (difference: Int64, percent: Double?, text: String) {
        let d = now - before
        if before == 0 { return (d, nil, now == 0 ? "—" : "新增") }
        let p = Double(d) / Double(before)
        return (d, p, "")
    }
}
