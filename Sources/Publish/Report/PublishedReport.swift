import Aggregate
import StrictJSON

/// A report JSON read into what a published document shows: names, dates, prose, and every
/// table cell as its printed text (`nil` where the JSON states nothing, never "0").
///
/// Every renderer walks this one view, so the four formats cannot disagree on a figure.
package struct PublishedReport: Sendable {
    package var unitName: String
    package var county: String
    package var year: Int
    package var publishedOn: CalendarDate?
    package var edition2019: Bool
    /// Paragraphs of 一、总体情况, 五 and 六 as the township wrote them (or composed from figures).
    package var overview: [String]
    package var problems: [String]
    package var otherMatters: [String]
    /// `cells[i]` is the printed text of `Catalog.cells[i]`, nil when the JSON does not state it.
    package var cells: [String?]
    /// The 2019 format's Section 二, when the report uses it: rows of (label, [cell text]).
    package var proactive2019: [(label: String, cells: [String?])]
    /// A number the renderers derive their deterministic variations from (layout choices, runs).
    package var variant: UInt64

    /// "宝丰镇人民政府", the issuing body named in the title and the signature.
    package var issuer: String {
        if unitName.hasSuffix("人民政府") || unitName.hasSuffix("办事处") { return unitName }
        if unitName.hasSuffix("街道") { return unitName + "办事处" }
        return unitName + "人民政府"
    }

    /// "宝丰镇人民政府2024年政府信息公开工作年度报告", with the county in front for some reports.
    package var title: String {
        let prefix = (variant & 1 == 1 && !county.isEmpty && !unitName.hasPrefix(county)) ? county : ""
        return prefix + issuer + String(year) + "年政府信息公开工作年度报告"
    }

    package init(json: JSONValue) throws(PublishError) {
        guard case .object = json else { throw .notAReport }
        guard case .string(let name)? = json[ReportKey.unit.name]?[UnitKey.name.name], !name.isEmpty else {
            throw .noUnitName
        }
        guard case .integer(let y)? = json[ReportKey.year.name], (1900...9999).contains(y) else {
            throw .noYear
        }
        unitName = name
        if case .string(let c)? = json[ReportKey.unit.name]?[UnitKey.county.name] { county = c } else { county = "" }
        year = Int(y)
        if case .string(let d)? = json[ReportKey.publishedOn.name] { publishedOn = CalendarDate(iso: d) } else { publishedOn = nil }
        if case .string(let e)? = json[ReportKey.edition.name] { edition2019 = e == Edition.y2019.rawValue } else { edition2019 = false }

        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ UInt64(y)) &* 0x100_0000_01b3
        variant = h ^ (h >> 29)

        cells = Catalog.cells.map { cell in
            var v: JSONValue? = json
            for k in cell.path { v = v?[k] }
            return v.flatMap(PublishedReport.printed)
        }
        proactive2019 = edition2019 ? PublishedReport.rows2019(json[ReportKey.proactive.name]) : []

        let narrative = json[ReportKey.narrative.name]
        func paragraphs(_ key: NarrativeKey) -> [String] {
            guard case .string(let s)? = narrative?[key.name] else { return [] }
            return s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        }
        overview = paragraphs(.overview)
        problems = paragraphs(.problems)
        otherMatters = paragraphs(.otherMatters)
        if overview.isEmpty { overview = composedOverview() }
        if case let fee? = json[ReportKey.informationProcessingFeeYuan.name].flatMap(PublishedReport.printed),
           !otherMatters.contains(where: { $0.contains("信息处理费") }) {
            otherMatters.append(fee == "0"
                ? "\(year)年，本机关在办理政府信息公开申请中未收取信息处理费。"
                : "\(year)年，本机关在办理政府信息公开申请中收取信息处理费\(fee)元。")
        }
    }

    /// How a JSON value prints in a cell: integers and decimals as written, anything else not at all.
    static func printed(_ v: JSONValue) -> String? {
        switch v {
        case .integer(let i): return String(i)
        case .number(let s): return s
        case .string(let s): return s.isEmpty ? nil : s
        default: return nil
        }
    }

    /// "通过政府网站主动公开信息122条，…" from `overview` figures when the report has no prose for 一.
    func composedOverview() -> [String] {
        let section = Catalog.section(.overview)
        var parts: [String] = []
        for row in section.rows {
            guard let v = cells[row.firstCell] else { continue }
            // "政府网站主动公开信息（条）" → "政府网站主动公开信息" + v + "条"
            var label = row.label
            var unit = ""
            if let open = label.lastIndex(of: "（"), label.hasSuffix("）") {
                unit = String(label[label.index(after: open)..<label.index(before: label.endIndex)])
                label = String(label[..<open])
            }
            parts.append(label + v + unit)
        }
        guard !parts.isEmpty else { return [] }
        return ["\(year)年，\(unitName)认真贯彻落实政府信息公开各项要求，全年" + parts.joined(separator: "，") + "。"]
    }

    /// The 2019 trial format's Section 二 keys and their printed labels.
    static let labels2019: [String: String] = [
        "rules": "规章", "normativeDocuments": "规范性文件", "licensing": "行政许可",
        "penalties": "行政处罚", "compulsoryMeasures": "行政强制", "fees": "行政事业性收费",
        "centralizedProcurement": "政府集中采购",
        "newlyMade": "本年新制作数量", "newlyPublished": "本年新公开数量", "totalPublished": "对外公开总数量",
    ]

    /// The 2019 format's column heads, in its order.
    static let columns2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量"]

    /// The clause of 《条例》第二十条 each 2019 row is listed under.
    static let clauses2019: [String: String] = [
        "规章": "第二十条第（一）项", "规范性文件": "第二十条第（一）项", "行政许可": "第二十条第（五）项",
        "行政处罚": "第二十条第（六）项", "行政强制": "第二十条第（六）项", "行政事业性收费": "第二十条第（八）项",
        "政府集中采购": "第二十条第（九）项",
    ]

    static func rows2019(_ v: JSONValue?) -> [(label: String, cells: [String?])] {
        guard case .object(let members)? = v else { return [] }
        return members.map { key, value in
            let label = labels2019[key] ?? key
            if case .object(let cols) = value {
                let order = ["newlyMade", "newlyPublished", "totalPublished"]
                return (label, order.map { k in cols.first(where: { $0.0 == k }).flatMap { printed($0.1) } })
            }
            return (label, [printed(value)])
        }
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

extension CalendarDate {
    /// "2025年1月20日", as a signature dates a report.
    var chinese: String { "\(year)年\(month)月\(day)日" }
    /// "2025-01-20", as a portal's info line dates a page.
    var dashed: String {
        func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
