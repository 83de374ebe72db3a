import Aggregate
import StrictJSON

/// The report JSON of what was read, keys in the contract's order; cells not stated are left out.
extension ReadState {
    func json() -> JSONValue {
        var top: [(String, JSONValue)] = []
        for key in ReportKey.allCases {
            let value: JSONValue?
            switch key.kind {
            case .schemaVersion: value = .integer(1)
            case .edition: value = .string((edition2019 ? Edition.y2019 : .y2021).rawValue)
            case .unit:
                // The reader finds no code; name and county are always written.
                value = .object(UnitKey.allCases.compactMap { k in
                    switch k {
                    case .name: (k.name, .string(unitName ?? ""))
                    case .code: nil
                    case .county: (k.name, .string(county ?? ""))
                    }
                })
            case .year: value = year.map { .integer(Int64($0)) }
            case .date: value = publishedOn.map { .string($0.description) }
            case .text: value = nil
            case .section(let id) where id == .proactive && edition2019:
                value = proactive2019.isEmpty ? nil : .object(proactive2019)
            case .section(let id): value = section(id)
            case .narrative:
                let parts: [(String, JSONValue)] = NarrativeKey.allCases.compactMap { k in
                    let text: String? = switch k {
                    case .overview: overview
                    case .problems: problems
                    case .otherMatters: otherMatters
                    }
                    return text.map { (k.name, .string($0)) }
                }
                value = parts.isEmpty ? nil : .object(parts)
            case .yuan: value = feeYuan.map { .number(Amount(millionths: $0).description) }
            }
            if let value { top.append((key.name, value)) }
        }
        return .object(top)
    }

    /// A section's stated cells in the contract's shape; nil when none is stated. The same
    /// members, in the same order, as `SectionDef.members`, built without copying a nested object
    /// for every cell put into it (`JSONValue.insert` does: a section is a few hundred cells).
    private func section(_ id: SectionID) -> JSONValue? {
        let root = MemberTree()
        for row in Catalog.section(id).rows {
            for (c, col) in row.columns.enumerated() {
                guard let value = values[row.firstCell + c] else { continue }
                var path = row.path
                if let k = col.key { path.append(k) }
                root.insert(path[...], col.kind.json(value))
            }
        }
        return root.members.isEmpty ? nil : root.json
    }
}

/// Members of a JSON object while it is built, nested objects held by reference; placing a value
/// follows `JSONValue.insert`'s rule (the first member of that key, when it is an object).
private final class MemberTree {
    enum Member { case value(JSONValue), object(MemberTree) }
    var members: [(String, Member)] = []

    func insert(_ path: ArraySlice<String>, _ leaf: JSONValue) {
        let head = path.first!
        if path.count == 1 { members.append((head, .value(leaf))); return }
        if let k = members.firstIndex(where: { $0.0 == head }), case .object(let sub) = members[k].1 {
            sub.insert(path.dropFirst(), leaf)
        } else {
            let sub = MemberTree()
            sub.insert(path.dropFirst(), leaf)
            members.append((head, .object(sub)))
        }
    }

    var json: JSONValue {
        .object(members.map { key, member in
            switch member {
            case .value(let v): (key, v)
            case .object(let sub): (key, sub.json)
            }
        })
    }
}
