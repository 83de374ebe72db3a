import Aggregate
import StrictJSON

/// The report JSON of what was read, keys in the contract's order; cells not stated are left out.
extension ReadState {
    func json() -> JSONValue {
        var top: [(String, JSONValue)] = [("schemaVersion", .integer(1)), ("edition", .string(edition2019 ? "2019" : "2021"))]
        top.append(("unit", .object([("name", .string(unitName ?? "")), ("county", .string(county ?? ""))])))
        if let year { top.append(("year", .integer(Int64(year)))) }
        if let publishedOn { top.append(("publishedOn", .string(publishedOn.description))) }
        for section in Catalog.sections {
            if section.id == .proactive && edition2019 {
                if !proactive2019.isEmpty { top.append(("proactive", .object(proactive2019))) }
                continue
            }
            var root: [(String, JSONValue)] = []
            for row in section.rows {
                for (c, col) in row.columns.enumerated() {
                    let i = row.firstCell + c
                    guard let v = values[i] else { continue }
                    let leaf: JSONValue = col.kind == .tenThousandYuan ? .number(Amount(millionths: v).description) : .integer(v)
                    var path = row.path
                    if let k = col.key { path.append(k) }
                    JSONValue.insert(&root, path[...], leaf)
                }
            }
            if !root.isEmpty { top.append((section.id.key, .object(root))) }
        }
        var narrative: [(String, JSONValue)] = []
        if let overview { narrative.append(("overview", .string(overview))) }
        if let problems { narrative.append(("problems", .string(problems))) }
        if let otherMatters { narrative.append(("otherMatters", .string(otherMatters))) }
        if !narrative.isEmpty { top.append(("narrative", .object(narrative))) }
        if let feeYuan { top.append(("informationProcessingFeeYuan", .number(Amount(millionths: feeYuan).description))) }
        return .object(top)
    }

}
