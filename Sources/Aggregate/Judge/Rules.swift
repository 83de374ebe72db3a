/// The arithmetic of domain.md (R1–R5) and the content checks, each producing flags that name
/// the rule, the row and column, and both sides' numbers. Cells a report does not state are
/// skipped here (they are already flagged `incomplete`).
package enum Rules {
    static let requests = Catalog.section(.requests)
    static let appeals = Catalog.section(.appeals)
    static func row(_ path: String) -> RowDef { Catalog.row(.requests, path) }
    static let received = row("received"), carriedOver = row("carriedOver")
    static let resultTotal = row("resultTotal"), carriedForward = row("carriedForward")

    /// The cells R1–R4 compare, found once in the catalog: checking a report then only reads
    /// its cells (40,000 reports asked the catalog for rows and made arrays of cells each).
    struct Sums: Sendable {
        /// R1 per applicant column: 一, 二, 三（七）, 四.
        let balance: [(column: Int, received: Int, carriedOver: Int, resultTotal: Int, carriedForward: Int)]
        /// R2 per applicant column: the leaf rows of （一）–（六） and （七）.
        let outcomes: [(column: Int, leaves: [Int], total: Int)]
        /// R3 per row of 三 and R4 per group of 四: the parts and the 总计 cell.
        let requestRows: [(row: Int, parts: Range<Int>, total: Int)]
        let appealRows: [(row: Int, parts: Range<Int>, total: Int)]

        init() {
            balance = Catalog.applicantColumns.indices.map { c in
                (c, received.firstCell + c, carriedOver.firstCell + c, resultTotal.firstCell + c, carriedForward.firstCell + c)
            }
            outcomes = Catalog.applicantColumns.indices.map { c in (c, Catalog.outcomeRows.map { $0.firstCell + c }, resultTotal.firstCell + c) }
            requestRows = requests.rows.indices.map { k in (k, requests.rows[k].partCells, requests.rows[k].totalCell!) }
            appealRows = appeals.rows.indices.map { k in (k, appeals.rows[k].partCells, appeals.rows[k].totalCell!) }
        }
    }
    static let sums = Sums()

    /// R1–R4 within one report.
    package static func check(_ r: Report) -> [Flag] {
        var flags: [Flag] = []
        let sums = Self.sums
        if r.has(.requests) {
            let cols = Catalog.applicantColumns
            // R1: 一 + 二 = 三（七） + 四, per column.
            for b in sums.balance {
                guard r.present[b.received], r.present[b.carriedOver], r.present[b.resultTotal], r.present[b.carriedForward] else { continue }
                let left = r.values[b.received] + r.values[b.carriedOver]
                let right = r.values[b.resultTotal] + r.values[b.carriedForward]
                if left != right {
                    flags.append(Flag(.r1, .error, path: "requests.\(cols[b.column].key!)",
                                      "一+二=\(left)，三（七）+四=\(right)（列：\(cols[b.column].label)）"))
                }
            }
            // R2: （七） = （一） + （二） + the leaf rows of （三）–（六）, per column.
            for o in sums.outcomes {
                guard r.present[o.total], o.leaves.allSatisfy({ r.present[$0] }) else { continue }
                var sum = Int64(0)
                for leaf in o.leaves { sum += r.values[leaf] }
                if sum != r.values[o.total] {
                    flags.append(Flag(.r2, .error, path: "requests.resultTotal.\(cols[o.column].key!)",
                                      "（一）至（六）各项之和=\(sum)，（七）总计=\(r.values[o.total])（列：\(cols[o.column].label)）"))
                }
            }
            // R3: 总计 = the six applicant columns, per row.
            for t in sums.requestRows {
                guard let sum = partsSum(r, t.parts, total: t.total), sum != r.values[t.total] else { continue }
                let row = requests.rows[t.row]
                flags.append(Flag(.r3, .error, path: "requests.\(row.path.joined(separator: ".")).total",
                                  "各类申请人之和=\(sum)，总计=\(r.values[t.total])（行：\(rowLabel(row))）"))
            }
        }
        if r.has(.appeals) {
            // R4: 维持 + 纠正 + 其他 + 尚未审结 = 总计, per group.
            for t in sums.appealRows {
                guard let sum = partsSum(r, t.parts, total: t.total), sum != r.values[t.total] else { continue }
                let row = appeals.rows[t.row]
                flags.append(Flag(.r4, .error, path: "appeals.\(row.path[0]).total",
                                  "结果维持+结果纠正+其他结果+尚未审结=\(sum)，总计=\(r.values[t.total])（\(appealLabel(row))）"))
            }
        }
        return flags
    }

    /// The sum of a row's parts when the row states them and its 总计; nil when one is missing.
    @inline(__always) static func partsSum(_ r: Report, _ parts: Range<Int>, total: Int) -> Int64? {
        guard r.present[total] else { return nil }
        for i in parts where !r.present[i] { return nil }
        var sum = Int64(0)
        for i in parts { sum += r.values[i] }
        return sum
    }

    static func rowLabel(_ row: RowDef) -> String {
        if let g = row.group, row.inCategory { return "\(g) \(row.label)" }
        return row.label
    }

    package static func appealLabel(_ row: RowDef) -> String {
        if let g = row.group { return "\(g)·\(row.label)" }
        return row.label
    }

    /// R5 against the same township's report for the previous year.
    package static func checkAcrossYears(_ r: Report, previous p: Report) -> [Flag] {
        var flags: [Flag] = []
        if r.has(.requests) && p.has(.requests) {
            for (c, col) in Catalog.applicantColumns.enumerated() {
                let before = carriedForward.firstCell + c, now = carriedOver.firstCell + c
                guard p.present[before], r.present[now] else { continue }
                if p.values[before] != r.values[now] {
                    flags.append(Flag(.r5, .error, path: "requests.carriedOver.\(col.key!)",
                                      "上年“四、结转下年度继续办理”=\(p.values[before])，本年“二、上年结转”=\(r.values[now])（列：\(col.label)，上年报告 \(p.file)）"))
                }
            }
        }
        if r.has(.proactive) && p.has(.proactive) {
            for key in ["rules", "normativeDocuments"] {
                let row = Catalog.section(.proactive).rows[Catalog.rowIndex(.proactive, key)]
                let issued = row.firstCell, repealed = row.firstCell + 1, inForce = row.firstCell + 2
                guard p.present[inForce], r.present[issued], r.present[repealed], r.present[inForce] else { continue }
                let expected = p.values[inForce] + r.values[issued] - r.values[repealed]
                if expected != r.values[inForce] {
                    flags.append(Flag(.r5, .error, path: "proactive.\(key).inForce",
                                      "上年现行有效\(p.values[inForce])+本年制发\(r.values[issued])−本年废止\(r.values[repealed])=\(expected)，本年现行有效=\(r.values[inForce])（\(row.label)）"))
                }
            }
        }
        return flags
    }

    /// Cells whose year-over-year change is checked for plausibility.
    package static let headlineCells: [String] = [
        "overview.portalItems", "proactive.licensing", "proactive.penalties", "requests.received.total",
    ]

    /// Content checks: 规章 at a township, impossible dates, figures far off last year's.
    package static func suspect(_ r: Report, previous: Report?, asOf: CalendarDate, settings: County.Settings) -> [Flag] {
        var flags: [Flag] = []
        if r.has(.proactive) {
            let rules = Catalog.row(.proactive, "rules")
            for (c, col) in rules.columns.enumerated() where col.key == "issued" || col.key == "inForce" {
                let v = r.values[rules.firstCell + c]
                if v > 0 {
                    flags.append(Flag(.suspect, .warning, path: "proactive.rules.\(col.key!)",
                                      "乡镇不制定规章，但规章\(col.label)=\(v)（应填入行政规范性文件？）"))
                }
            }
        }
        if let d = r.publishedOn {
            if d > asOf {
                flags.append(Flag(.suspect, .warning, path: "publishedOn", "发布日期\(d)晚于统计日期\(asOf)"))
            }
            if d.year <= r.year {
                flags.append(Flag(.suspect, .warning, path: "publishedOn", "发布日期\(d)早于统计年度结束（\(r.year)-12-31），不可能"))
            }
        }
        if let p = previous {
            for dotted in headlineCells {
                let i = Catalog.index(dotted)
                guard r.present[i], p.present[i] else { continue }
                let now = r.values[i], before = p.values[i]
                guard max(now, before) >= settings.suspectChangeMinimum else { continue }
                let factor = settings.suspectChangeFactor
                let far = before == 0 || now == 0 || Double(now) >= Double(before) * factor || Double(now) * factor <= Double(before)
                if far {
                    let label = Catalog.label(of: Catalog.cells[i])
                    let ratio = before == 0 ? "上年为0" : "为上年的\(formatRatio(Double(now) / Double(before)))倍"
                    flags.append(Flag(.suspect, .warning, path: dotted,
                                      "\(label)：本年\(now)，上年\(before)，\(ratio)（阈值\(formatRatio(factor))倍）"))
                }
            }
        }
        return flags
    }

    /// A ratio to two decimal places ("5", "2.5", "0.33") for any Double, without trapping:
    /// "∞" and "-∞" for the infinities, "—" for NaN, and Swift's own digits ("9007199254740992",
    /// "1e+20") from 2⁵³ on, where every Double is whole and not every one converts to an integer.
    package static func formatRatio(_ x: Double) -> String {
        if x.isNaN { return "—" }
        if x.isInfinite { return x > 0 ? "∞" : "-∞" }
        if abs(x) >= 0x1p53 {
            let s = String(x)
            return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
        }
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int64(r)) : String(r)
    }
}

extension Rules {
    /// A row's title where it stands alone (a column header, a message): Section 三 rows with
    /// their group ("（三）不予公开 1.属于国家秘密"), Section 四 rows with theirs, others as printed.
    package static func rowTitle(_ section: SectionID, _ row: RowDef) -> String {
        switch section {
        case .requests: return rowLabel(row)
        case .appeals: return appealLabel(row)
        default: return row.label
        }
    }
}
