/// The headline figures compared with the previous year, for the county and each township.
package enum YearOverYear {
    /// A compared figure: a label and the cells it adds up.
    package struct Measure: Sendable {
        package let label: String
        package let cells: [Int]
        package let isAmount: Bool
    }

    package static let measures: [Measure] = {
        func m(_ label: String, cells: [Int]) -> Measure {
            Measure(label: label, cells: cells, isAmount: cells.contains { Catalog.cells[$0].kind == .tenThousandYuan })
        }
        func m(_ label: String, _ paths: [String]) -> Measure { m(label, cells: paths.map { Catalog.index($0) }) }
        var out = [m("主动公开信息（网站+微信+微博）", ["overview.portalItems", "overview.wechatItems", "overview.weiboItems"])]
        for cell in Catalog.cells where cell.section == .proactive {
            out.append(m(Catalog.label(of: cell), [cell.dottedPath]))
        }
        out.append(m("本年新收申请", ["requests.received.total"]))
        // 三's outcomes by category: （一）, （二）, each of （三）–（六） summed over its rows, （七）.
        var groups: [(String, [Int])] = []
        for row in Catalog.section(.requests).rows where row.group != nil {
            if row.inCategory, let k = groups.firstIndex(where: { $0.0 == row.group }) { groups[k].1.append(row.totalCell!) }
            else { groups.append((row.inCategory ? row.group! : row.shortLabel, [row.totalCell!])) }
        }
        for (label, cells) in groups { out.append(m(label, cells: cells)) }
        // 四: 行政复议, and 行政诉讼 over its two rows.
        let review = Catalog.row(.appeals, "review")
        out.append(m(review.label, cells: [review.totalCell!]))
        let litigation = Catalog.section(.appeals).rows.filter { $0.group != nil }
        out.append(m(litigation[0].group!, cells: litigation.map { $0.totalCell! }))
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
