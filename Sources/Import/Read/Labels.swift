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

    static let requestsByKey: [[UInt8]: [Int]] = {
        var d: [[UInt8]: [Int]] = [:]
        for (i, r) in requests.enumerated() { d[Array(r.key.utf8), default: []].append(i) }
        return d
    }()
    static let requestKeyBytes: [[UInt8]] = requests.map { Array($0.key.utf8) }
    /// Cores matched as prefixes: only of labels not matched exactly alone, four characters or more.
    static let requestCores: [[UInt8]] = requests.map { !$0.exactOnly && $0.core.unicodeScalars.count >= 4 ? Array($0.core.utf8) : [] }
    static let requestPrefixBytes: [([UInt8], Int)] = requestPrefixes.map { (Array($0.0.utf8), $0.1) }

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
        let bytes = Array(k.utf8)
        for i in requestsByKey[bytes] ?? [] {
            let r = requests[i]
            if r.exactOnly {
                guard pastHeader || enumerated else { continue }
                if r.def.group?.hasPrefix("（") == true, let g = group, g != r.def.group { continue }
            }
            return r
        }
        for (i, core) in requestCores.enumerated() where !core.isEmpty && bytes.starts(with: core) && bytes.count <= requestKeyBytes[i].count + 18 {
            return requests[i]
        }
        for (p, i) in requestPrefixBytes where bytes.starts(with: p) && bytes.count <= 72 { return requests[i] }
        return nil
    }

    /// The one row of Section 三 whose label a cut label begins (eight characters or more): a
    /// long label a PDF wrapped, its figures on the first piece's line.
    static func requestRow(begunBy k: String) -> Row? {
        guard k.unicodeScalars.count >= 8 else { return nil }
        let bytes = Array(k.utf8)
        let begun = requestKeyBytes.indices.filter { requestKeyBytes[$0].starts(with: bytes) }
        return begun.count == 1 ? requests[begun[0]] : nil
    }
}
