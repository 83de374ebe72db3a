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

    /// A section's stated cells in the contract's shape; nil when none is stated.
    private func section(_ id: SectionID) -> JSONValue? {
        let root = Catalog.section(id).members { cell, kind in values[cell].map { kind.json($0) } }
        return root.isEmpty ? nil : .object(root)
    }

}
