import Aggregate

/// The format's labels in matching form, built once from `Catalog` (the format is defined there,
/// not retyped here) plus the few alternative wordings reports use.
enum Labels {
    /// A row of Sections 二–四 as the reader looks for it.
    struct Row {
        let section: SectionID
        /// Index of the row in `Catalog.section(section).rows`.
        let index: Int
        let def: RowDef
        /// The label's matching form ("属于国家秘密").
        let key: String
        /// The label before any parenthesis ("部分公开"), matched as a prefix when long enough.
        let core: String
        /// Only matched exactly, and only past the table's header (其他, 总计 collide with column headers).
        let exactOnly: Bool
        var dotted: String { def.path.joined(separator: ".") }
        var expected: Int { def.columns.count }
    }

    static func key(_ s: String) -> String { TextFold.labelKey(s[...]).key }

    static func core(_ label: String) -> String {
        let cut = label.firstIndex(where: { $0 == "（" || $0 == "(" && label.first != $0 }) ?? label.endIndex
        // "（一）予以公开" keeps its text after the enumerator: strip through labelKey first.
        let k = key(String(label[..<cut]))
        return k.isEmpty ? key(label) : k
    }

    static func rows(_ section: SectionID) -> [Row] {
        Catalog.section(section).rows.enumerated().map { i, def in
            let k = key(def.label)
            var c = k
            if let open = def.label.dropFirst().firstIndex(where: { $0 == "（" }) {
                c = key(String(def.label[..<open]))
            }
            return Row(section: section, index: i, def: def, key: k, core: c, exactOnly: k.count <= 2)
        }
    }

    static let proactive = rows(.proactive)
    static let requests = rows(.requests)
    static let appealsRows = rows(.appeals)

    /// Alternative wordings, label key → row index, per section.
    static let proactiveAliases: [String: Int] = [
        "规范性文件": Catalog.rowIndex(.proactive, "normativeDocuments"),
        "行政事业收费": Catalog.rowIndex(.proactive, "feesTenThousandYuan"),
    ]
    static let requestPrefixes: [(String, Int)] = [
        ("本年新收", Catalog.rowIndex(.requests, "received")),
        ("上年结转", Catalog.rowIndex(.requests, "carriedOver")),
        ("结转下年度", Catalog.rowIndex(.requests, "carriedForward")),
        ("结转下一年度", Catalog.rowIndex(.requests, "carriedForward")),
    ]

    /// The group labels of Section 三, key → the group's label in the catalog.
    static let requestGroups: [String: String] = {
        var d: [String: String] = [:]
        for row in Catalog.section(.requests).rows {
            if let g = row.group { d[key(g)] = g }
        }
        return d
    }()

    static let applicantKeys: [String] = Catalog.applicantColumns.map { key($0.label) }
    static let appealResultKeys: [String] = Catalog.appealColumns.map { key($0.label) }

    /// The row of Section 二 a label names, if any.
    static func proactiveRow(_ k: String) -> Row? {
        if let r = proactive.first(where: { $0.key == k }) { return r }
        if let i = proactiveAliases[k] { return proactive[i] }
        return nil
    }

    /// The row of Section 三 a label names. `pastHeader`: a row has been read already, so 其他
    /// and 总计 are row labels and not column headers; `group`: the group label seen last.
    static func requestRow(_ k: String, enumerated: Bool, pastHeader: Bool, group: String?) -> Row? {
        if k.isEmpty { return nil }
        for r in requests where r.key == k {
            if r.exactOnly {
                guard pastHeader || enumerated else { continue }
                if r.def.group?.hasPrefix("（") == true, let g = group, g != r.def.group { continue }
            }
            return r
        }
        for r in requests where !r.exactOnly && r.core.count >= 4 && k.hasPrefix(r.core) && k.count <= r.key.count + 6 {
            return r
        }
        for (p, i) in requestPrefixes where k.hasPrefix(p) && k.count <= 24 { return requests[i] }
        return nil
    }
}
