import Aggregate
import StrictJSON

/// Reads a `Document` into the report JSON of the input contract (../shared/spec/report-json.md):
/// tables found by their headings and rows by their labels, figures taken only where the
/// document states them unambiguously, every figure's place kept, every doubt said.
package enum ReportReader {
    package struct Options: Sendable {
        /// The year the report is expected for (the rollup's folder), used when the document
        /// states none.
        package var expectedYear: Int?
        /// The county's name, for unit.county when the title does not give it.
        package var county: String?
        package init(expectedYear: Int? = nil, county: String? = nil) {
            self.expectedYear = expectedYear
            self.county = county
        }
    }

    package static func read(_ document: Document, fileName: String, options: Options = Options()) throws(Unreadable) -> ReadReport {
        var state = ReadState(lines: Lines.make(document), fileName: fileName, options: options)
        try state.run()
        return ReadReport(json: state.json(), account: state.account)
    }
}

/// The sections a report has, by their headings.
enum Heading: Int, CaseIterable {
    case overview = 1, proactive, requests, appeals, problems, otherMatters

    /// Whether a short line's label key is this heading.
    func matches(_ k: String, enumerated: Bool) -> Bool {
        guard k.count <= 34 else { return false }
        switch self {
        case .overview:
            if k == "总体情况" || (enumerated && k.hasPrefix("总体情况") && k.count <= 8) || k == "政府信息公开工作总体情况" { return true }
            // 一、2023年政务公开总体情况 / 一、政府信息公开工作的基本情况 / 一、工作基本情况.
            guard enumerated else { return false }
            var rest = Substring(k)
            if rest.count > 5, rest.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber }), rest.dropFirst(4).first == "年" {
                rest = rest.dropFirst(5)
                if rest.first == "度" { rest = rest.dropFirst() }
            }
            return rest.count <= 16 && (rest.hasSuffix("总体情况") || rest.hasSuffix("基本情况"))
        case .proactive: return k.hasPrefix("主动公开政府信息情况") || (enumerated && k.hasPrefix("主动公开政府信息") && k.count <= 12)
            || (enumerated && (k == "主动公开信息情况" || k.hasPrefix("主动公开的政府信息")) && k.count <= 12)
        case .requests: return k.hasPrefix("收到和处理政府信息公开申请") || k.hasPrefix("收到和处理政府信息公开申请情况")
        case .appeals: return k.includes("行政复议") && k.includes("行政诉讼") && k.hasSuffix("情况")
        case .problems: return k.includes("主要问题") && k.includes("改进") && k.count <= 24
        case .otherMatters: return k.hasPrefix("其他需要报告的事项") || k.hasPrefix("其他需要报告事项")
        }
    }
}

struct ReadState {
    let lines: [Line]
    let fileName: String
    let expectedYear: Int?
    let expectedCounty: String?
    var account = ReadAccount()

    /// Per catalog cell: the figure (nil: not stated). Where a figure was read is said only for
    /// the doubts and notes that need it (`Token.place`), not kept for every cell.
    var values: [Int64?] = Array(repeating: nil, count: Catalog.cellCount)
    /// Where each heading's line is (index into `lines`).
    var headings: [Heading: Int] = [:]
    var edition2019 = false
    var proactive2019: [(String, JSONValue)] = []

    var unitName: String?
    var county: String?
    var year: Int?
    var publishedOn: CalendarDate?
    /// The line the title was read from, if any.
    var titleLine: Int?
    var overview: String?
    var problems: String?
    var otherMatters: String?
    var feeYuan: Int64?
    var overviewFigures: [(String, Int64)] = []

    struct GridRowKey: Hashable { let table: Int, row: Int }
    /// The index in `lines` of each grid row, by its table and row.
    let gridRowLines: [GridRowKey: Int]

    init(lines: [Line], fileName: String, options: ReportReader.Options) {
        self.lines = lines
        var rows: [GridRowKey: Int] = [:]
        for (i, l) in lines.enumerated() where l.kind == .gridRow && rows[GridRowKey(table: l.table, row: l.row)] == nil {
            rows[GridRowKey(table: l.table, row: l.row)] = i
        }
        gridRowLines = rows
        self.fileName = fileName
        expectedYear = options.expectedYear
        expectedCounty = options.county
    }

    // MARK: - The run

    mutating func run() throws(Unreadable) {
        findHeadings()
        let hasTables = lines.contains { $0.kind == .gridRow }
        readProactive()
        readRequests()
        readAppeals()
        let anyTable = values.indices.contains { values[$0] != nil } || !account.doubts.isEmpty || edition2019
        if headings.isEmpty && !anyTable {
            throw Unreadable.noTables
        }
        if headings.count < 2 && !anyTable && !hasTables && !mentionsReport() {
            throw Unreadable.noTables
        }
        try guardArithmetic()
        readIdentity()
        readProse()
    }

    func mentionsReport() -> Bool {
        lines.prefix(400).contains { $0.text.includes("政府信息公开") && $0.text.includes("年度报告") }
    }

    // MARK: - Headings

    mutating func findHeadings() {
        // (k, enumerated, numbered in parentheses) of each line that may be a heading.
        var candidates: [(Int, String, Bool, Bool)] = []
        for (i, line) in lines.enumerated() where line.kind == .paragraph {
            // Every heading names 情况 or 事项 (or 问题); most lines can be passed over unfolded.
            guard line.text.utf8.count <= 160, line.text.includes("情况") || line.text.includes("事项") || line.text.includes("问题")
                    || line.text.includes("況") || line.text.includes("項") else { continue }
            let t = line.text.trimmingSpaces()
            guard !t.isEmpty, t.unicodeScalars.count <= 48 else { continue }
            let (k, enumerated) = TextFold.labelKey(t[...])
            let first = TextFold.folded(t[...]).first
            candidates.append((i, k, enumerated, enumerated && (first == "(" || first == "（")))
        }
        // A subsection of 一 ((一)主动公开政府信息情况) is not 二 when 二 is headed further on.
        var unparenthesized = Set<Heading>()
        for (_, k, enumerated, parenthesized) in candidates where !parenthesized {
            for h in Heading.allCases where h.matches(k, enumerated: enumerated) { unparenthesized.insert(h) }
        }
        var next = 0
        for (i, k, enumerated, parenthesized) in candidates {
            for h in Heading.allCases where h.rawValue > next && headings[h] == nil {
                if parenthesized && unparenthesized.contains(h) { continue }
                if h.matches(k, enumerated: enumerated) {
                    headings[h] = i
                    next = h.rawValue
                    break
                }
            }
        }
    }

    /// The lines of a section: from its heading to the next heading found (or the end). When
    /// the heading is missing, from the previous section's end (or the start).
    func region(_ h: Heading) -> Range<Int> {
        let later = Heading.allCases.filter { $0.rawValue > h.rawValue }.compactMap { headings[$0] }.min() ?? lines.count
        if let start = headings[h] { return (start + 1)..<max(start + 1, later) }
        let earlier = Heading.allCases.filter { $0.rawValue < h.rawValue }.compactMap { headings[$0] }.max() ?? 0
        return earlier..<max(earlier, later)
    }

    // MARK: - Figures

    mutating func set(_ cell: Int, _ token: Token, rowLabel: String, columnLabel: String?) {
        // Built only for a doubt or a note: most cells are plain figures.
        var path: String { Catalog.cells[cell].dottedPath }
        var place: String { token.place + " (" + rowLabel + (columnLabel.map { " / " + $0 } ?? "") + ")" }
        switch token.value {
        case .empty, .dash:
            account.cellsBlank += 1
        case .count(let n, let approximate):
            guard n <= DecodeOptions.defaultMaximumCount else {
                account.doubts.append(Doubt(path: path, place: place, reason: "\(token.shown): too large to be a count"))
                return
            }
            values[cell] = Catalog.isAmount[cell] ? n * Amount.unit : n
            account.cellsRead += 1
            if approximate { account.notes.append("\(path) (\(place)): \"\(token.shown)\" read as \(n) (approximate)") }
        case .decimal(let m):
            if Catalog.isAmount[cell] {
                values[cell] = m
                account.cellsRead += 1
            } else {
                account.doubts.append(Doubt(path: path, place: place, reason: "\"\(token.shown)\" is not a whole number"))
            }
        case .garbled(let s):
            account.doubts.append(Doubt(path: path, place: place, reason: "\"\(s)\" is not a number"))
        case .text:
            account.doubts.append(Doubt(path: path, place: place, reason: "\"\(token.shown)\" is not a number"))
        }
    }

    /// The value cells after a label: the tokens up to the next text (for a grid row, up to the
    /// row's end).
    func run(after i: Int, in tokens: [Token]) -> ArraySlice<Token> {
        var j = i + 1
        let label = tokens[i]
        while j < tokens.count, tokens[j].value.isValueLike {
            if label.isGrid && (tokens[j].table != label.table || tokens[j].row != label.row) { break }
            // The next row's label with its figures run in (3.其他0000000) ends this run.
            if case .garbled = tokens[j].value, let k = Self.runInKey(tokens[j]), let (l, _) = Self.figuresRunIn(k),
               Labels.proactiveRow(l) != nil || Labels.requestRow(l, enumerated: true, pastHeader: true, group: nil) != nil { break }
            j += 1
        }
        return tokens[(i + 1)..<j]
    }

    /// The run's cells when they are exactly `expected`, once empty cells at either end (layout:
    /// a merged label's spare columns, a line's trailing tab) are set aside; nil otherwise.
    func fit(_ run: ArraySlice<Token>, _ expected: Int, grid: Bool) -> ArraySlice<Token>? {
        if grid && run.count == expected { return run }
        var lo = run.startIndex, hi = run.endIndex
        while lo < hi, run[lo].value == .empty { lo += 1 }
        while hi > lo, run[hi - 1].value == .empty { hi -= 1 }
        if hi - lo == expected { return run[lo..<hi] }
        if hi - lo == 0 && expected > 0 { return run[lo..<hi] }
        return nil
    }

    mutating func rowInDoubt(_ row: Labels.Row, label: Token, found: Int) {
        let path = "\(row.section.key).\(row.dotted)"
        let reason = found == 0 ? "no values after the label" :
            "found \(found) value cell\(found == 1 ? "" : "s") where \(row.expected) are expected; the row is not read"
        account.doubts.append(Doubt(path: path, place: "\(label.place) (\(row.def.label))", reason: reason))
    }

    mutating func readRow(_ row: Labels.Row, label: Token, cells: ArraySlice<Token>) {
        let first = row.def.firstCell
        for (k, token) in cells.enumerated() {
            set(first + k, token, rowLabel: row.def.label, columnLabel: row.def.columns[k].key == nil ? nil : row.def.columns[k].label)
        }
    }

    // MARK: Section 二

    mutating func readProactive() {
        let r = region(.proactive)
        let tokens = Lines.tokens(lines[r])
        // 政府集中采购 alone is no sign of the 2019 format when the 2021 format's 制发件数 header
        // is there (a province's extra row).
        let header2021 = tokens.contains { $0.value == .text && $0.key.includes("制发件数") }
        edition2019 = tokens.contains { $0.value == .text && ($0.key.includes("新制作") || $0.key.includes("对外公开总数") || ($0.key == "政府集中采购" && !header2021)) }
        if edition2019 { readProactive2019(tokens); return }
        var found = 0
        var seen = Set<Int>()
        for (i, t) in tokens.enumerated() {
            // Figures run into the label (规章000: the page lost its cell borders): one figure
            // is read (行政许可15); several are in doubt, where one ends being unknown.
            if let k = Self.runInKey(t), Labels.proactiveRow(k) == nil, let (label, digits) = Self.figuresRunIn(k),
               let row = Labels.proactiveRow(label), !seen.contains(row.index) {
                seen.insert(row.index)
                found += 1
                if row.expected == 1, let figure = Self.trailingFigure(t.raw) {
                    readRow(row, label: t, cells: [Token(figure[...], place: t.place)][...])
                } else {
                    account.doubts.append(Doubt(path: "proactive.\(row.dotted)", place: "\(t.place) (\(row.def.label))",
                                                reason: "the figures run into the label and each other (“\(digits)”); not read"))
                }
                continue
            }
            guard t.value == .text else { continue }
            guard let row = Labels.proactiveRow(t.key), !seen.contains(row.index) else { continue }
            seen.insert(row.index)
            found += 1
            let run = run(after: i, in: tokens)
            if let cells = fit(run, row.expected, grid: t.isGrid), !cells.isEmpty {
                readRow(row, label: t, cells: cells)
                if row.def.path == ["feesTenThousandYuan"], let unit = feeHeaderInYuan(tokens[..<i]) {
                    feesFromYuan(row.def.firstCell, header: unit)
                }
            } else if run.isEmpty || run.allSatisfy({ $0.value == .empty }) {
                account.doubts.append(Doubt(path: "proactive.\(row.dotted)", place: t.place, reason: "no values after the label"))
            } else {
                rowInDoubt(row, label: t, found: run.count)
            }
        }
        if found > 0 {
            let where_ = headings[.proactive].map { " (heading at \(lines[$0].place))" } ?? ""
            account.tables.append("二 主动公开: \(found) of \(Labels.proactive.count) rows found\(where_)")
        }
    }

    /// The label key of a token that may be a label with figures run in: a text's key, or a
    /// garbled cell's that starts with a character (规章000).
    static func runInKey(_ t: Token) -> String? {
        if t.value == .text { return t.key }
        guard case .garbled = t.value, let f = t.raw.unicodeScalars.first(where: { !TextFold.isSpace(TextFold.fold($0)) }),
              f.value >= 0x4E00 && f.value <= 0x9FFF || f == "(" || f == "（" || TextFold.isDigit(f) else { return nil }
        let k = TextFold.labelKey(t.raw[...]).key
        return k.isEmpty ? nil : k
    }

    /// The number a text ends with (行政事业性收费1.25 → 1.25).
    static func trailingFigure(_ raw: String) -> String? {
        let folded = String(String.UnicodeScalarView(TextFold.folded(raw[...]).filter { !TextFold.isSpace($0) }))
        let tail = folded.reversed().prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let f = tail.last, f.isNumber else { return nil }
        return String(tail.reversed())
    }

    /// (label, figures) of a label key that ends in figures (规章000); no label of the format
    /// ends in a digit.
    static func figuresRunIn(_ key: String) -> (String, String)? {
        let digits = key.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < key.count else { return nil }
        return (String(key.dropLast(digits.count)), String(digits.reversed()))
    }

    /// The fee column's header when it states the amount in 元, not the format's 万元
    /// (本年收费金额（单位：元）): the nearest 单位 header above the fee row.
    func feeHeaderInYuan(_ before: ArraySlice<Token>) -> String? {
        for t in before.reversed().prefix(8) where t.value == .text {
            let folded = String(String.UnicodeScalarView(TextFold.folded(t.raw[...]).filter { $0 != " " }))
            guard folded.includes("单位") || folded.includes("金额") else { continue }
            return folded.includes("元") && !folded.includes("万元") ? folded : nil
        }
        return nil
    }

    /// A fee read in 元 as 万元: the exact 万元 figure, or in doubt when 元 has more than two decimals.
    mutating func feesFromYuan(_ cell: Int, header: String) {
        guard let v = values[cell] else { return }
        let path = Catalog.cells[cell].dottedPath
        if v % 10_000 == 0 {
            values[cell] = v / 10_000
            account.notes.append("\(path): the header states 元 (“\(header)”); \(Amount(millionths: v)) 元 read as \(Amount(millionths: v / 10_000)) 万元")
        } else {
            values[cell] = nil
            account.cellsRead -= 1
            account.doubts.append(Doubt(path: path, place: header, reason: "\(Amount(millionths: v)) 元 is not a whole number of fen; not read"))
        }
    }

    mutating func readProactive2019(_ tokens: [Token]) {
        let rows: [(String, String)] = [("规章", "rules"), ("规范性文件", "normativeDocuments"), ("行政规范性文件", "normativeDocuments"),
                                        ("行政许可", "licensing"), ("其他对外管理服务事项", "otherServices"),
                                        ("行政处罚", "penalties"), ("行政强制", "compulsoryMeasures"),
                                        ("行政事业性收费", "fees"), ("政府集中采购", "centralizedProcurement")]
        var seen = Set<String>()
        for (i, t) in tokens.enumerated() where t.value == .text {
            guard let (_, key) = rows.first(where: { $0.0 == t.key }), !seen.contains(key) else { continue }
            seen.insert(key)
            var cells = Array(run(after: i, in: tokens))
            while let l = cells.last, l.value == .empty { cells.removeLast() }
            while let f = cells.first, f.value == .empty { cells.removeFirst() }
            let values: [JSONValue] = cells.map { c in
                if case .count(let n, _) = c.value { return .integer(n) }
                return .string(c.raw.trimmingSpaces())
            }
            if (key == "rules" || key == "normativeDocuments") && values.count == 3 {
                proactive2019.append((key, .object([("newlyMade", values[0]), ("newlyPublished", values[1]), ("totalPublished", values[2])])))
            } else {
                proactive2019.append((key, .array(values)))
            }
        }
        account.tables.append("二 主动公开: the 2019 format (新制作/新公开/对外公开总数), \(proactive2019.count) rows; flagged 格式过时, not summed")
    }

    // MARK: Section 三

    mutating func readRequests() {
        let r = region(.requests)
        let tokens = Lines.tokens(lines[r])
        var group: String? = nil
        var rowsRead = 0
        var seen = Set<Int>()
        var lastRow: String? = nil
        var gridColumns: [Int: [Int]] = [:]   // table → grid column of each applicant column
        var i = 0
        while i < tokens.count {
            let first = tokens[i]
            // A label with figures run in may be a garbled cell (3.其他0000000).
            let firstKey: String
            if first.value == .text { firstKey = first.key }
            else if let k = Self.runInKey(first), Self.figuresRunIn(k) != nil { firstKey = k }
            else { i += 1; continue }
            if let g = Labels.requestGroups[firstKey] {
                group = g
                // Figures on a group's own line (the 2019 format's single （六）其他处理 row): they
                // belong to no row of this format; in doubt, never spread over its sub-rows.
                let own = run(after: i, in: tokens).filter { $0.value != .empty }
                if !own.isEmpty, let row = Catalog.section(.requests).rows.first(where: { $0.group == g }) {
                    account.doubts.append(Doubt(path: "requests.\(row.path[0])", place: "\(first.place) (\(g))",
                                                reason: "the group's own line has \(own.count) figure\(own.count == 1 ? "" : "s") (an older format's single row); its rows are not read from it"))
                    i += run(after: i, in: tokens).count
                }
                i += 1
                continue
            }
            let firstEnumerated = first.value == .text ? first.enumerated : true
            var found = Labels.requestRow(firstKey, enumerated: firstEnumerated, pastHeader: rowsRead > 0, group: group)
            if found == nil, let (label, _) = Self.figuresRunIn(firstKey) {
                found = Labels.requestRow(label, enumerated: firstEnumerated, pastHeader: rowsRead > 0, group: group)
            }
            // A long label wrapped over two lines (a PDF's text): the two pieces together.
            if found == nil, first.value == .text, i + 1 < tokens.count, tokens[i + 1].value == .text, !tokens[i + 1].enumerated,
               let joined = Labels.requestRow(first.key + tokens[i + 1].key, enumerated: first.enumerated, pastHeader: rowsRead > 0, group: group),
               !joined.exactOnly {
                found = joined
                i += 1
            }
            // Cut before its figures, the label's end on the next line (2.申请人逾期未按收费通知
            // 要求缴纳 0 0 … / 费用、行政机关…).
            if found == nil, i + 1 < tokens.count, tokens[i + 1].value != .text, let begun = Labels.requestRow(begunBy: first.key) {
                found = begun
            }
            let t = tokens[i]
            let tKey = t.value == .text ? t.key : firstKey
            guard let row = found, !seen.contains(row.index) else { i += 1; continue }
            seen.insert(row.index)
            rowsRead += 1
            lastRow = row.def.label
            if let g = row.def.group, g.hasPrefix("（"), let seenGroup = group, seenGroup != g {
                account.notes.append("\(t.place): row \(row.def.label) found under \(seenGroup); read by its own label")
            }
            if let (_, digits) = Self.figuresRunIn(tKey) {
                account.doubts.append(Doubt(path: "requests.\(row.dotted)", place: "\(t.place) (\(row.def.label))",
                                            reason: "the figures run into the label and each other (“\(digits)”); not read"))
                i += 1
                continue
            }
            let run = run(after: i, in: tokens)
            if t.isGrid {
                if gridColumns[t.table] == nil { gridColumns[t.table] = applicantColumns(table: t.table) }
                if let map = gridColumns[t.table], !map.isEmpty {
                    readGridRow(row, label: t, map: map)
                    i += max(1, run.count + 1)
                    continue
                }
            }
            if let cells = fit(run, row.expected, grid: t.isGrid), cells.count == row.expected {
                readRow(row, label: t, cells: cells)
            } else if run.allSatisfy({ $0.value == .empty }) {
                // A label with nothing after it: not stated (the report is 缺项 there), not a doubt.
                account.cellsBlank += row.expected
                account.notes.append("\(t.place): row \(row.def.label) has no figures (not stated)")
            } else {
                rowInDoubt(row, label: t, found: run.filter { $0.value != .empty }.count)
            }
            i += run.count + 1
        }
        if rowsRead > 0 {
            let where_ = headings[.requests].map { " (heading at \(lines[$0].place))" } ?? ""
            var line = "三 申请: \(rowsRead) of \(Labels.requests.count) rows found\(where_)"
            if rowsRead < Labels.requests.count, let last = lastRow {
                let missing = Labels.requests.filter { !seen.contains($0.index) }.map(\.def.label)
                line += "; not found: \(missing.prefix(6).joined(separator: ", "))\(missing.count > 6 ? " …" : "") (last row read: \(last))"
            }
            account.tables.append(line)
        }
    }

    /// In a grid, the grid column of each applicant column, by the header cells above the first
    /// data row; empty when the header does not name all seven.
    func applicantColumns(table: Int) -> [Int] {
        var found: [Int?] = Array(repeating: nil, count: Labels.applicantKeys.count)
        for line in lines where line.kind == .gridRow && line.table == table {
            if line.cells.contains(where: { c in
                let k = TextFold.labelKey(c.text[...])
                return Labels.requestRow(k.key, enumerated: k.enumerated, pastHeader: false, group: nil) != nil
            }) { break }
            for (column, text) in line.spread.enumerated() {
                let k = TextFold.labelKey(text[...]).key
                if let a = Labels.applicantKeys.firstIndex(of: k), found[a] == nil { found[a] = column }
            }
        }
        let cols = found.compactMap { $0 }
        guard cols.count == found.count, Set(cols).count == cols.count else { return [] }
        return cols
    }

    /// The grid row of a table's row, looked up (not searched for through the document per row).
    func gridRow(table: Int, row: Int) -> Line? {
        gridRowLines[GridRowKey(table: table, row: row)].map { lines[$0] }
    }

    mutating func readGridRow(_ row: Labels.Row, label: Token, map: [Int]) {
        guard let line = gridRow(table: label.table, row: label.row) else { return }
        for (k, column) in map.enumerated() {
            let cell = row.def.firstCell + k
            if let c = line.cells.first(where: { $0.column == column }) {
                set(cell, Token(cell: c.text, of: line, column: column),
                    rowLabel: row.def.label, columnLabel: row.def.columns[k].label)
            } else {
                account.doubts.append(Doubt(path: Catalog.cells[cell].dottedPath, place: "\(line.place), column \(column + 1) (\(row.def.label) / \(row.def.columns[k].label))",
                                            reason: "the cell is merged with another"))
            }
        }
    }

    // MARK: Section 四

    mutating func readAppeals() {
        let r = region(.appeals)
        guard headings[.appeals] != nil || lines[r].contains(where: { $0.text.includes("复议后起诉") }) else { return }
        var tokens = Lines.tokens(lines[r])
        // The figures come after the table's own header (行政复议 …), not before it.
        if let h = tokens.firstIndex(where: { $0.value == .text && ($0.key.hasPrefix("行政复议") || $0.key.includes("复议后起诉")) }) {
            tokens = Array(tokens[h...])
        }
        let section = Catalog.section(.appeals)
        // A grid whose header names the fifteen columns.
        if let map = appealColumns(tokens) {
            for (g, row) in section.rows.enumerated() {
                for k in 0..<row.columns.count {
                    set(row.firstCell + k, map.cells[g * 5 + k], rowLabel: row.label, columnLabel: row.columns[k].label)
                }
            }
            account.tables.append("四 复议诉讼: 15 cells by their headers (\(map.place))")
            return
        }
        // Else the first run of figures after the header, in the format's order.
        var i = 0
        while i < tokens.count {
            guard tokens[i].value.isValueLike else { i += 1; continue }
            var j = i
            while j < tokens.count, tokens[j].value.isValueLike { j += 1 }
            let run = tokens[i..<j]
            if run.contains(where: { $0.value != .empty }) {
                if let cells = fit(run, 15, grid: false), cells.count == 15 {
                    var k = cells.startIndex
                    for row in section.rows {
                        for c in 0..<row.columns.count {
                            set(row.firstCell + c, cells[k], rowLabel: row.label, columnLabel: row.columns[c].label)
                            k += 1
                        }
                    }
                    account.tables.append("四 复议诉讼: 15 cells in the format's order (\(run.first!.place))")
                } else {
                    let n = run.filter { $0.value != .empty }.count
                    account.doubts.append(Doubt(path: "appeals", place: run.first!.place,
                                                reason: "found \(n) value cells where 15 are expected; the table is not read"))
                    account.tables.append("四 复议诉讼: found, not read (\(n) cells)")
                }
                return
            }
            i = j
        }
    }

    /// A grid's data row for Section 四 with each of the 15 columns found by its headers.
    func appealColumns(_ tokens: [Token]) -> (cells: [Token], place: String)? {
        guard let first = tokens.first(where: { $0.isGrid && $0.value == .text && $0.key.includes("复议后起诉") }) else { return nil }
        let table = lines.filter { $0.kind == .gridRow && $0.table == first.table }
        var groupOf: [Int: Int] = [:], resultOf: [Int: Int] = [:]
        var dataRow: Line? = nil
        for line in table {
            let values = line.cells.filter { let v = CellValue.parse($0.text[...]); return v.isValueLike && v != .empty }
            if values.count >= 5 { dataRow = line; break }
            for (column, text) in line.spread.enumerated() {
                let k = TextFold.labelKey(text[...]).key
                if k.includes("复议后起诉") { groupOf[column] = 2 }
                else if k.includes("未经复议") || k.includes("直接起诉") { groupOf[column] = 1 }
                else if k.hasPrefix("行政复议") { groupOf[column] = 0 }
                if let r = Labels.appealResultKeys.firstIndex(of: k) { resultOf[column] = r }
            }
        }
        guard let data = dataRow else { return nil }
        var cells: [Token?] = Array(repeating: nil, count: 15)
        for c in data.cells {
            guard let g = groupOf[c.column], let r = resultOf[c.column] else { continue }
            if cells[g * 5 + r] != nil { return nil }
            cells[g * 5 + r] = Token(cell: c.text, of: data, column: c.column)
        }
        let all = cells.compactMap { $0 }
        guard all.count == 15 else { return nil }
        return (all, data.place)
    }
}
