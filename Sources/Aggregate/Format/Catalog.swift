/// The national format (国办公开办函〔2021〕30号) as one table of sections, rows and columns.
///
/// Everything that touches figures — decoding, the JSON Schema, the rules, the sums, the
/// summary's `totals` and the workbook's layout — walks this table, so a cell is defined once.

/// What a cell holds.
package enum ValueKind: Sendable {
    /// A non-negative whole number.
    case count
    /// 万元 as a decimal, stored in millionths (see `Amount`).
    case tenThousandYuan
}

/// One column of a row. `key == nil` means the row itself is the cell (a scalar in JSON).
package struct ColumnDef: Sendable {
    package let key: String?
    package let label: String
    package let kind: ValueKind
    init(_ key: String?, _ label: String, _ kind: ValueKind = .count) {
        self.key = key
        self.label = label
        self.kind = kind
    }
}

/// One row of a section table, with the official labels.
package struct RowDef: Sendable {
    /// JSON keys below the section, e.g. ["withheld", "stateSecret"].
    package let path: [String]
    /// The row's own label, e.g. "1.属于国家秘密".
    package let label: String
    /// The label without its parenthesised note, where a label stands alone: "（二）部分公开".
    package let shortLabel: String
    /// The label of the group it belongs to, e.g. "（三）不予公开" or "第二十条第（一）项".
    package let group: String?
    /// Whether `group` is one of 三's outcome categories （三）–（六）, whose numbered leaf rows have
    /// no subtotal of their own (a message names the category before the row).
    package let inCategory: Bool
    package let columns: [ColumnDef]
    /// The 总计 column's index in `columns` (the sum of the columns before it), for rows that have one.
    package let totalColumn: Int?
    /// Index of the row's first cell in `Catalog.cells`.
    package internal(set) var firstCell = 0

    init(_ path: [String], _ label: String, short: String? = nil, group: String? = nil, inCategory: Bool = false,
         columns: [ColumnDef]) {
        self.path = path
        self.label = label
        self.shortLabel = short ?? label
        self.group = group
        self.inCategory = inCategory
        self.columns = columns
        self.totalColumn = columns.firstIndex { $0.key == Catalog.totalKey }
    }

    /// The row's 总计 cell in `Catalog.cells`.
    package var totalCell: Int? { totalColumn.map { firstCell + $0 } }
    /// The cells the 总计 cell sums: every column before it.
    package var partCells: Range<Int> { firstCell..<(totalCell ?? firstCell) }
    /// The dotted path below the section: "withheld.stateSecret".
    package var dottedPath: String { path.joined(separator: ".") }
}

package enum SectionID: Int, CaseIterable, Sendable, Comparable {
    case overview, proactive, requests, appeals

    /// The section's top-level key.
    package var key: String { ReportKey(self).name }

    package var title: String {
        switch self {
        case .overview: "一、总体情况"
        case .proactive: "二、主动公开政府信息情况"
        case .requests: "三、收到和处理政府信息公开申请情况"
        case .appeals: "四、政府信息公开行政复议、行政诉讼情况"
        }
    }

    /// The section's numeral as the format numbers it: "一" for 一、总体情况.
    package var numeral: String { String(title.prefix(1)) }

    /// Whether a complete report must contain the section (overview figures are optional).
    package var requiredForCompleteness: Bool { self != .overview }

    package static func < (a: SectionID, b: SectionID) -> Bool { a.rawValue < b.rawValue }
}

package struct SectionDef: Sendable {
    package let id: SectionID
    package internal(set) var rows: [RowDef]
    package internal(set) var cellRange: Range<Int> = 0..<0
}

/// One cell of the format: where it lives in JSON and in the tables.
package struct CellDef: Sendable {
    package let index: Int
    package let section: SectionID
    package let row: Int
    package let column: Int
    package let kind: ValueKind
    /// Full JSON path, e.g. ["requests", "withheld", "stateSecret", "commercial"].
    package let path: [String]
    package var dottedPath: String { path.joined(separator: ".") }
}

package enum Catalog {
    /// The key of the 总计 column of 三's and 四's rows, which sums the columns before it.
    static let totalKey = "total"

    /// The seven applicant columns of Section 三.
    package static let applicantColumns: [ColumnDef] = [
        ColumnDef("naturalPerson", "自然人"),
        ColumnDef("commercial", "商业企业"),
        ColumnDef("research", "科研机构"),
        ColumnDef("publicInterest", "社会公益组织"),
        ColumnDef("legalService", "法律服务机构"),
        ColumnDef("otherOrg", "其他"),
        ColumnDef(totalKey, "总计"),
    ]
    /// 总计 among `applicantColumns`; the six applicant columns come before it.
    package static let applicantTotalColumn = applicantColumns.firstIndex { $0.key == totalKey }!
    /// The six applicant columns that 总计 sums.
    package static let applicantPartColumns = 0..<applicantTotalColumn

    /// The five result columns of Section 四's groups.
    package static let appealColumns: [ColumnDef] = [
        ColumnDef("upheld", "结果维持"),
        ColumnDef("corrected", "结果纠正"),
        ColumnDef("other", "其他结果"),
        ColumnDef("pending", "尚未审结"),
        ColumnDef(totalKey, "总计"),
    ]

    static let documentColumns: [ColumnDef] = [
        ColumnDef("issued", "本年制发件数"),
        ColumnDef("repealed", "本年废止件数"),
        ColumnDef("inForce", "现行有效件数"),
    ]

    static func scalar(_ label: String, _ kind: ValueKind = .count) -> [ColumnDef] { [ColumnDef(nil, label, kind)] }

    static let rawSections: [SectionDef] = [
        SectionDef(id: .overview, rows: [
            RowDef(["portalItems"], "政府网站主动公开信息（条）", columns: scalar("数量")),
            RowDef(["wechatItems"], "政务微信发布信息（条）", columns: scalar("数量")),
            RowDef(["weiboItems"], "政务微博发布信息（条）", columns: scalar("数量")),
            RowDef(["villageNotices"], "村（居）务公开信息（条）", columns: scalar("数量")),
            RowDef(["hotlineReplies"], "热线回复（件）", columns: scalar("数量")),
            RowDef(["messageBoardReplies"], "网上留言回复（条）", columns: scalar("数量")),
            RowDef(["trainingSessions"], "培训（次）", columns: scalar("数量")),
            RowDef(["trainees"], "培训人数（人）", columns: scalar("数量")),
        ]),
        SectionDef(id: .proactive, rows: [
            RowDef(["rules"], "规章", group: "第二十条第（一）项", columns: documentColumns),
            RowDef(["normativeDocuments"], "行政规范性文件", group: "第二十条第（一）项", columns: documentColumns),
            RowDef(["licensing"], "行政许可", group: "第二十条第（五）项", columns: scalar("本年处理决定数量")),
            RowDef(["penalties"], "行政处罚", group: "第二十条第（六）项", columns: scalar("本年处理决定数量")),
            RowDef(["compulsoryMeasures"], "行政强制", group: "第二十条第（六）项", columns: scalar("本年处理决定数量")),
            RowDef(["feesTenThousandYuan"], "行政事业性收费", group: "第二十条第（八）项",
                   columns: scalar("本年收费金额（单位：万元）", .tenThousandYuan)),
        ]),
        SectionDef(id: .requests, rows: {
            let a = applicantColumns
            func w(_ k: String, _ l: String) -> RowDef { RowDef(["withheld", k], l, group: "（三）不予公开", inCategory: true, columns: a) }
            func u(_ k: String, _ l: String) -> RowDef { RowDef(["unavailable", k], l, group: "（四）无法提供", inCategory: true, columns: a) }
            func n(_ k: String, _ l: String) -> RowDef { RowDef(["notProcessed", k], l, group: "（五）不予处理", inCategory: true, columns: a) }
            func o(_ k: String, _ l: String) -> RowDef { RowDef(["otherHandling", k], l, group: "（六）其他处理", inCategory: true, columns: a) }
            return [
                RowDef(["received"], "一、本年新收政府信息公开申请数量", columns: a),
                RowDef(["carriedOver"], "二、上年结转政府信息公开申请数量", columns: a),
                RowDef(["disclosed"], "（一）予以公开", group: "三、本年度办理结果", columns: a),
                RowDef(["partlyDisclosed"], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", short: "（二）部分公开", group: "三、本年度办理结果", columns: a),
                w("stateSecret", "1.属于国家秘密"),
                w("prohibitedByLaw", "2.其他法律行政法规禁止公开"),
                w("securityStability", "3.危及“三安全一稳定”"),
                w("thirdPartyRights", "4.保护第三方合法权益"),
                w("internalAffairs", "5.属于三类内部事务信息"),
                w("processInformation", "6.属于四类过程性信息"),
                w("enforcementRecords", "7.属于行政执法案卷"),
                w("administrativeQuery", "8.属于行政查询事项"),
                u("notHeld", "1.本机关不掌握相关政府信息"),
                u("needsCreation", "2.没有现成信息需要另行制作"),
                u("stillUnclear", "3.补正后申请内容仍不明确"),
                n("complaintOrPetition", "1.信访举报投诉类申请"),
                n("repeated", "2.重复申请"),
                n("publication", "3.要求提供公开出版物"),
                n("excessive", "4.无正当理由大量反复申请"),
                n("reconfirmation", "5.要求行政机关确认或重新出具已获取信息"),
                o("correctionOverdue", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                o("feeUnpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                o("other", "3.其他"),
                RowDef(["resultTotal"], "（七）总计", group: "三、本年度办理结果", columns: a),
                RowDef(["carriedForward"], "四、结转下年度继续办理", columns: a),
            ]
        }()),
        SectionDef(id: .appeals, rows: [
            RowDef(["review"], "行政复议", columns: appealColumns),
            RowDef(["litigationDirect"], "未经复议直接起诉", group: "行政诉讼", columns: appealColumns),
            RowDef(["litigationAfterReview"], "复议后起诉", group: "行政诉讼", columns: appealColumns),
        ]),
    ]

    /// Sections with every row's `firstCell` and every section's `cellRange` filled in.
    package static let sections: [SectionDef] = {
        var out = rawSections
        var next = 0
        for s in out.indices {
            let start = next
            for r in out[s].rows.indices {
                out[s].rows[r].firstCell = next
                next += out[s].rows[r].columns.count
            }
            out[s].cellRange = start..<next
        }
        return out
    }()

    /// Every cell in table order: overview, proactive, requests, appeals.
    package static let cells: [CellDef] = {
        var out: [CellDef] = []
        for section in sections {
            for (r, row) in section.rows.enumerated() {
                for (c, col) in row.columns.enumerated() {
                    var path = [section.id.key] + row.path
                    if let k = col.key { path.append(k) }
                    out.append(CellDef(index: out.count, section: section.id, row: r, column: c, kind: col.kind, path: path))
                }
            }
        }
        return out
    }()

    package static var cellCount: Int { cells.count }

    /// Whether each cell is an amount (万元), by index: the hot loops read this, not `cells`.
    package static let isAmount: [Bool] = cells.map { $0.kind == .tenThousandYuan }

    package static func section(_ id: SectionID) -> SectionDef { sections[id.rawValue] }

    /// The cell at a dotted path such as "requests.received.total", for rules and tests.
    package static let indexByPath: [String: Int] = {
        var d: [String: Int] = [:]
        for c in cells { d[c.dottedPath] = c.index }
        return d
    }()

    package static func index(_ dotted: String) -> Int {
        guard let i = indexByPath[dotted] else { preconditionFailure("no cell at \(dotted)") }
        return i
    }

    /// The index in `section`'s rows of the row at `rowPath` (dotted, below the section).
    package static func rowIndex(_ section: SectionID, _ rowPath: String) -> Int {
        guard let r = Catalog.section(section).rows.firstIndex(where: { $0.dottedPath == rowPath }) else {
            preconditionFailure("no row \(rowPath) in \(section)")
        }
        return r
    }

    /// The row at `rowPath` (dotted, below the section).
    package static func row(_ section: SectionID, _ rowPath: String) -> RowDef {
        Catalog.section(section).rows[rowIndex(section, rowPath)]
    }

    /// 三's rows of outcomes （一）–（六）: the rows （七）总计 sums (R2), between 二 and （七）.
    package static let outcomeRows: [RowDef] = {
        let first = rowIndex(.requests, "disclosed"), last = rowIndex(.requests, "resultTotal")
        return Array(section(.requests).rows[first..<last])
    }()

    /// Human label of a cell for messages: "三、…（一）予以公开 / 自然人".
    package static func label(of cell: CellDef) -> String {
        let row = sections[cell.section.rawValue].rows[cell.row]
        let col = row.columns[cell.column]
        var parts: [String] = []
        if let g = row.group, row.inCategory { parts.append(g) }
        parts.append(row.label)
        if col.key != nil { return parts.joined() + "（\(col.label)）" }
        return parts.joined()
    }
}

// MARK: - The envelope: every key outside the section tables

/// Whether a report may leave a key out.
package enum Requirement: Sendable {
    /// Without it the file is rejected.
    case required
    /// Without it the report is read and flagged `incomplete`.
    case forCompleteness
    /// Absent or null means not stated.
    case optional
}

/// What a key's value is.
package enum KeyKind: Sendable {
    /// The contract's version, the constant 1.
    case schemaVersion
    /// "2021" or "2019" (the trial format).
    case edition
    /// An object of the keys of `UnitKey`.
    case unit
    /// The reporting year, 2000–2100.
    case year
    /// A date YYYY-MM-DD or an ISO 8601 date-time.
    case date
    /// A string.
    case text
    /// A section's table, its keys from `Catalog.sections`.
    case section(SectionID)
    /// An object of the texts of `NarrativeKey`.
    case narrative
    /// An amount in yuan.
    case yuan
}

/// A key of the report's JSON: its cases spelt as the JSON spells them, in the contract's order
/// (their raw values), `names` made once.
package protocol ContractKey: CaseIterable, RawRepresentable, Sendable where RawValue == Int {
    static var names: [String] { get }
}

extension ContractKey {
    /// The JSON key.
    package var name: String { Self.names[rawValue] }

    /// The key named `name`, nil for an unknown key.
    package init?(named name: String) {
        guard let k = Self.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: k)
    }
}

/// A key of one of the report's top-level objects.
package protocol MemberKey: ContractKey {
    static var parent: ReportKey { get }
}

extension MemberKey {
    /// "unit.name", for messages and flags.
    package var path: String { Self.parent.name + "." + name }
}

/// A report's top-level keys, in the contract's order: the order writers use, the order of the
/// JSON Schema's properties, and the fast decoder's bit positions.
package enum ReportKey: Int, ContractKey {
    case schemaVersion, edition, unit, year, publishedOn, sourceUrl
    case overview, proactive, requests, appeals
    case narrative, informationProcessingFeeYuan

    package static let names = allCases.map { "\($0)" }

    package var kind: KeyKind {
        switch self {
        case .schemaVersion: .schemaVersion
        case .edition: .edition
        case .unit: .unit
        case .year: .year
        case .publishedOn: .date
        case .sourceUrl: .text
        case .overview: .section(.overview)
        case .proactive: .section(.proactive)
        case .requests: .section(.requests)
        case .appeals: .section(.appeals)
        case .narrative: .narrative
        case .informationProcessingFeeYuan: .yuan
        }
    }

    package var requirement: Requirement {
        switch self {
        case .schemaVersion, .unit, .year: .required
        case .overview, .proactive, .requests, .appeals:
            section!.requiredForCompleteness ? .forCompleteness : .optional
        case .edition, .publishedOn, .sourceUrl, .narrative, .informationProcessingFeeYuan: .optional
        }
    }

    /// The section whose table the key holds.
    package var section: SectionID? {
        if case .section(let s) = kind { return s }
        return nil
    }

    /// The key holding a section's table.
    package init(_ section: SectionID) {
        switch section {
        case .overview: self = .overview
        case .proactive: self = .proactive
        case .requests: self = .requests
        case .appeals: self = .appeals
        }
    }
}

/// The keys of `unit`, in the contract's order.
package enum UnitKey: Int, MemberKey {
    case name, code, county

    package static let names = allCases.map { "\($0)" }
    package static let parent = ReportKey.unit

    package var requirement: Requirement { self == .code ? .optional : .required }
}

/// The texts of `narrative`, in the contract's order: 一's prose, 五 and 六.
package enum NarrativeKey: Int, MemberKey {
    case overview, problems, otherMatters

    package static let names = allCases.map { "\($0)" }
    package static let parent = ReportKey.narrative
}
