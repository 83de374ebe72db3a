import Foundation

/// Where a township stands on `asOf` (summary-json.md's vocabulary).
package enum Status: String, Sendable, CaseIterable {
    case onTime, late, pending, missing, unreadable, dateUnknown

    package var label: String {
        switch self {
        case .onTime: "按时"
        case .late: "逾期"
        case .pending: "待报送"
        case .missing: "未报送"
        case .unreadable: "无法读取"
        case .dateUnknown: "发布日期不明"
        }
    }

    /// Worst first, for sorting the 报送情况 sheet and the call list.
    package var urgency: Int {
        switch self {
        case .missing: 0
        case .unreadable: 1
        case .late: 2
        case .dateUnknown: 3
        case .pending: 4
        case .onTime: 5
        }
    }
}

/// One township's line in the rollup.
///
/// The fields sit behind one reference, copied only when a shared line is changed: a rollup's
/// townships are handed around whole (worst first, filtered, on every sheet and the page), and
/// a copy is then one retain instead of twenty. The error and warning counts are kept with the
/// flags, counted once whenever the flags change rather than on every read.
package struct TownshipResult: Sendable {
    private struct Fields {
        var name: String
        var code: String?
        var onRoster: Bool
        var status: Status
        var publishedOn: CalendarDate?
        var daysLate: Int?
        var daysLeft: Int?
        var file: String?
        var report: Report?
        var previous: Report?
        var flags: [Flag]
        var counted: Bool
    }

    /// Changed only while uniquely referenced (`unique()`), so shared lines never see a change.
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        private(set) var errorCount = 0
        private(set) var warningCount = 0
        init(_ fields: Fields) {
            self.fields = fields
            recount()
        }
        var hasReport: Bool {
            if case .none = fields.report { return false }
            return true
        }
        func recount() {
            var errors = 0, warnings = 0
            for f in fields.flags {
                switch f.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                }
            }
            errorCount = errors
            warningCount = warnings
        }
    }

    private var storage: Storage

    package init(name: String, code: String?, onRoster: Bool, status: Status, publishedOn: CalendarDate?, daysLate: Int?,
                 daysLeft: Int?, file: String?, report: Report?, previous: Report? = nil, flags: [Flag], counted: Bool) {
        storage = Storage(Fields(name: name, code: code, onRoster: onRoster, status: status, publishedOn: publishedOn,
                                 daysLate: daysLate, daysLeft: daysLeft, file: file, report: report, previous: previous,
                                 flags: flags, counted: counted))
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
        return storage
    }

    package var name: String {
        get { storage.fields.name }
        set { unique().fields.name = newValue }
    }
    package var code: String? {
        get { storage.fields.code }
        set { unique().fields.code = newValue }
    }
    package var onRoster: Bool {
        get { storage.fields.onRoster }
        set { unique().fields.onRoster = newValue }
    }
    package var status: Status {
        get { storage.fields.status }
        set { unique().fields.status = newValue }
    }
    package var publishedOn: CalendarDate? {
        get { storage.fields.publishedOn }
        set { unique().fields.publishedOn = newValue }
    }
    /// Days after the deadline (late: of publication; missing: as of `asOf`); 0 when on time.
    package var daysLate: Int? {
        get { storage.fields.daysLate }
        set { unique().fields.daysLate = newValue }
    }
    /// For pending: days until the deadline.
    package var daysLeft: Int? {
        get { storage.fields.daysLeft }
        set { unique().fields.daysLeft = newValue }
    }
    /// The file counted for the township (or the unreadable one).
    package var file: String? {
        get { storage.fields.file }
        set { unique().fields.file = newValue }
    }
    /// The report whose figures are summed, if any.
    package var report: Report? {
        get { storage.fields.report }
        set { unique().fields.report = newValue }
        _modify {
            let s = unique()
            yield &s.fields.report
        }
    }
    /// The same township's report for the previous year, when the inputs hold one.
    package var previous: Report? {
        get { storage.fields.previous }
        set { unique().fields.previous = newValue }
        _modify {
            let s = unique()
            yield &s.fields.previous
        }
    }
    package var flags: [Flag] {
        get { storage.fields.flags }
        set {
            let s = unique()
            s.fields.flags = newValue
            s.recount()
        }
        _modify {
            let s = unique()
            defer { s.recount() }
            yield &s.fields.flags
        }
    }
    /// Whether the report's tables went into the county totals.
    package var counted: Bool {
        get { storage.fields.counted }
        set { unique().fields.counted = newValue }
    }

    package var errorCount: Int { storage.errorCount }
    package var warningCount: Int { storage.warningCount }
    /// Whether the line has a report, asked without copying the report out.
    var hasReport: Bool { storage.hasReport }

    /// `Rollup.judge`'s change to the line: its findings added after its flags, and the prose of
    /// its reports replaced by `prose` (empty), without copying the reports out and back.
    mutating func finishJudging(adding found: [Flag], prose: Narrative) {
        guard !found.isEmpty || storage.fields.report != nil || storage.fields.previous != nil else { return }
        let s = unique()
        if !found.isEmpty {
            s.fields.flags += found
            s.recount()
        }
        if s.fields.report != nil { s.fields.report!.narrative = prose }
        if s.fields.previous != nil { s.fields.previous!.narrative = prose }
    }
}

/// The whole night's judgement for one county and year: what the workbook and summary.json show.
package struct Rollup: Sendable {
    package var county: County
    package var year: Int
    package var asOf: CalendarDate
    package var deadline: CalendarDate
    package var townships: [TownshipResult]
    package var rejected: [Rejection]
    package var filesFound: Int
    package var filesAccepted: Int
    /// Cell-wise sums over the counted reports (the fee in millionths of 万元).
    package var totals: [Int64]
    /// For each cell, how many counted reports state it.
    package var cellCoverage: [Int]
    /// For each section, how many townships' tables went into its totals.
    package var coverage: [Int]
    /// The previous year's county totals, when the inputs hold that year.
    package var previousTotals: [Int64]?
    /// Units that reported last year but match no township on this year's roster.
    package var departed: [String] = []
    /// What changed since the previous run's summary.json (Changes/), when the run compared;
    /// 概览, summary.json and the page show it.
    package var changes: Changes? = nil
    /// Files of the year's folder that are no report format: listed, not counted in `filesFound`.
    package var skipped: [SkippedFile] = []

    package func statusCount(_ s: Status) -> Int {
        var n = 0
        for t in townships where t.status == s { n += 1 }
        return n
    }
    package var allFlags: [(township: TownshipResult, flag: Flag)] {
        townships.flatMap { t in t.flags.map { (t, $0) } }
    }
    /// Flags per rule, counted in one pass over every flag.
    package var ruleCounts: [Rule: Int] {
        var counts: [Rule: Int] = [:]
        for i in townships.indices { for f in townships[i].flags { counts[f.rule, default: 0] += 1 } }
        return counts
    }
    package var errorCount: Int {
        var n = 0
        for t in townships { n += t.errorCount }
        return n
    }
    package var warningCount: Int {
        var n = 0
        for t in townships { n += t.warningCount }
        return n
    }

    /// Townships a clerk should call today: missing, unreadable, late, undated, or with errors.
    package var needsCall: [TownshipResult] {
        townships.filter { [.missing, .unreadable, .late, .dateUnknown].contains($0.status) || $0.errorCount > 0 }
            .sorted { ($0.status.urgency, -$0.errorCount) < ($1.status.urgency, -$1.errorCount) }
    }

    /// The whole judgement: `match`, then `judge`.
    package static func compute(county: County, roster: [RosterEntry], current: consuming YearLoad, previous: consuming YearLoad?,
                               asOf: CalendarDate) -> Rollup {
        var rollup = match(county: county, roster: roster, current: current, previous: previous, asOf: asOf)
        rollup.judge()
        return rollup
    }

    /// Stage one: which report counts for which township, each township's status, and the county
    /// sums; of the flags only those made while matching (reading notes, duplicates, off-roster
    /// units, another county's name). This is all 乡镇明细 shows, so it can be written while
    /// `judge` runs. The loads are consumed, so nothing else holds the reports' prose once
    /// `judge` drops it.
    package static func match(county: County, roster: [RosterEntry], current: consuming YearLoad, previous: consuming YearLoad?,
                             asOf: CalendarDate) -> Rollup {
        let year = current.year
        let rejected = current.rejected, filesFound = current.found, filesAccepted = current.accepted.count
        let skipped = current.skipped
        let hasPrevious = !(previous?.accepted.isEmpty ?? true)
        let deadline = county.deadline(for: year)

        // Match reports to townships: the roster code wins, then the normalised name; another
        // county's report and one whose code and name disagree are listed, never counted.
        let index = RosterIndex(roster: roster, county: county)
        // A roster township's reports by its index; any other unit's by a key that says what it is.
        func otherKey(_ r: Report, _ identity: Identity) -> String {
            switch identity {
            case .township: preconditionFailure("a roster township has no other key")
            case .offRoster: return r.unit.code.map { "c:\($0)" } ?? "n:\(r.unit.name)"
            case .otherCounty: return "x:\(r.unit.county)|\(r.unit.code ?? "")|\(r.unit.name)"
            case .conflict: return "!\(r.unit.code ?? "")|\(r.unit.name)"
            }
        }

        var byTownship = [[Report]](repeating: [], count: roster.count)
        var others: [String: [Report]] = [:]
        var otherOrder: [String] = []
        for r in current.accepted {
            let identity = index.identify(r.unit)
            if case .township(let i) = identity {
                byTownship[i].append(r)
                continue
            }
            let k = otherKey(r, identity)
            if others[k] == nil { otherOrder.append(k) }
            others[k, default: []].append(r)
        }
        current.accepted = []
        var previousByTownship = [Report?](repeating: nil, count: roster.count)
        var previousOthers: [String: Report] = [:]
        for var r in previous?.accepted ?? [] {
            // Last year's report is read for its figures (R5, 同比, suspect changes), its file and
            // year, and its prose prints (copied from last year); what else it holds goes now.
            r.notes = []
            r.sourceUrl = nil
            r.narrative.findings = []
            r.narrative.selfNames = []
            let identity = index.identify(r.unit)
            if case .township(let i) = identity {
                if let have = previousByTownship[i], preferred(have, over: r) { continue }
                previousByTownship[i] = r
                continue
            }
            let k = otherKey(r, identity)
            if let have = previousOthers[k], preferred(have, over: r) { continue }
            previousOthers[k] = r
        }
        previous = nil

        // A rejected file is its township's (unreadable, not missing): the one its `unit` names
        // when that could be read, else those its file name names; the first file in name order.
        var unreadable: [Int: Rejection] = [:]
        for bad in rejected {
            if let unit = bad.unit {
                if case .township(let i) = index.identify(unit), unreadable[i] == nil { unreadable[i] = bad }
                continue
            }
            for i in index.named(inFile: bad.file) where unreadable[i] == nil { unreadable[i] = bad }
        }

        // Roster order, units not on the roster last.
        var townships: [TownshipResult] = []
        townships.reserveCapacity(roster.count + otherOrder.count)
        for (i, t) in roster.enumerated() {
            if !byTownship[i].isEmpty {
                townships.append(choose(county: county, year: year, deadline: deadline, asOf: asOf, name: t.name, code: t.code,
                                        standing: .township(i), reports: byTownship[i], previous: previousByTownship[i]))
                byTownship[i] = []
                continue
            }
            if let bad = unreadable[i] {
                townships.append(TownshipResult(name: t.name, code: t.code, onRoster: true, status: .unreadable,
                                                publishedOn: nil, daysLate: nil, daysLeft: nil, file: bad.file,
                                                report: nil, previous: previousByTownship[i], flags: [], counted: false))
                continue
            }
            let overdue = deadline.days(to: asOf)
            if overdue > 0 {
                townships.append(TownshipResult(name: t.name, code: t.code, onRoster: true, status: .missing,
                                                publishedOn: nil, daysLate: overdue, daysLeft: nil, file: nil,
                                                report: nil, previous: previousByTownship[i], flags: [], counted: false))
            } else {
                townships.append(TownshipResult(name: t.name, code: t.code, onRoster: true, status: .pending,
                                                publishedOn: nil, daysLate: 0, daysLeft: -overdue, file: nil,
                                                report: nil, previous: previousByTownship[i], flags: [], counted: false))
            }
        }
        for k in otherOrder {
            let reports = others[k]!
            townships.append(choose(county: county, year: year, deadline: deadline, asOf: asOf, name: reports[0].unit.name,
                                    code: reports[0].unit.code, standing: index.identify(reports[0].unit), reports: reports,
                                    previous: k.hasPrefix("c:") || k.hasPrefix("n:") ? previousOthers[k] : nil))
        }

        let counted = townships.compactMap { $0.counted ? $0.report : nil }
        let (totals, cellCoverage, coverage) = sum(counted)
        // Every figure is non-negative, so a (saturating) sum does not depend on the order.
        let previousTotals = hasPrevious ? sum(previousByTownship.compactMap { $0 }).totals : nil
        let departed = previousOthers.filter { $0.key.hasPrefix("c:") || $0.key.hasPrefix("n:") }.map(\.value.unit.name).sorted()
        var rollup = Rollup(county: county, year: year, asOf: asOf, deadline: deadline, townships: townships,
                            rejected: rejected, filesFound: filesFound, filesAccepted: filesAccepted,
                            totals: totals, cellCoverage: cellCoverage, coverage: coverage, previousTotals: previousTotals,
                            departed: departed)
        rollup.skipped = skipped
        return rollup
    }

    /// One township with at least one readable report: which report counts, and its status.
    static func choose(county: County, year: Int, deadline: CalendarDate, asOf: CalendarDate, name: String, code: String?,
                       standing: Identity, reports: [Report], previous: Report?) -> TownshipResult {
        let plausible = { (r: Report) in plausibleDate(r, deadline: deadline, asOf: asOf) }
        let chosen = reports.sorted { preferred($0, over: $1, deadline: deadline, asOf: asOf) }
        let report = chosen[0]
        var flags = report.notes
        if chosen.count > 1 {
            let list = reports.map { "\(inMessage($0.file))（\($0.publishedOn?.description ?? "发布日期不明")）" }.joined(separator: "、")
            let runnerUp = chosen[1]
            let why: String
            if report.publishedOn != nil && report.publishedOn == runnerUp.publishedOn && plausible(report) == plausible(runnerUp) {
                why = "发布日期相同（\(report.publishedOn!)），按文件名取排序在后的 \(inMessage(report.file))"
            } else if plausible(report) && !plausible(runnerUp) {
                why = "以日期可信的 \(inMessage(report.file)) 为准（\(inMessage(runnerUp.file)) 的发布日期\(implausibility(runnerUp, deadline: deadline, asOf: asOf))）"
            } else {
                why = "以发布日期较晚的 \(inMessage(report.file)) 为准（视为更正）"
            }
            flags.append(Flag(.duplicate, .warning, path: "unit",
                              "收到\(reports.count)份\(year)年报告：\(list)；\(why)，其余未计入"))
        }
        if let d = report.publishedOn, d <= asOf, deadline.days(to: d) > maximumDaysFromDeadline {
            flags.append(Flag(.suspect, .warning, path: "publishedOn", "发布日期\(d)距报送截止日\(deadline)超过两年，不可信"))
        }
        let onRoster: Bool
        switch standing {
        case .township: onRoster = true
        case .offRoster:
            onRoster = false
            flags.append(Flag(.notOnRoster, .warning, path: "unit.name",
                              "\(inMessage(report.unit.name))不在本县乡镇名册（roster.csv）中，报告未计入县合计；如属本县，请加入名册"))
        case .otherCounty:
            onRoster = false
            flags.append(Flag(.otherCounty, .error, path: "unit.county",
                              "报告所属县为“\(inMessage(report.unit.county))”，不是\(county.name)：外县报告，未计入县合计"))
        case .conflict(let message):
            onRoster = false
            flags.append(Flag(.identityConflict, .error, path: "unit.code", message))
        }
        var status = Status.dateUnknown
        var daysLate: Int? = nil
        if let d = report.publishedOn {
            let late = deadline.days(to: d)
            status = late > 0 ? .late : .onTime
            daysLate = max(0, late)
        }
        return TownshipResult(name: name, code: code ?? report.unit.code, onRoster: onRoster, status: status,
                              publishedOn: report.publishedOn, daysLate: daysLate, daysLeft: nil, file: report.file,
                              report: report, previous: previous, flags: flags, counted: onRoster)
    }

    /// A publication date this far from the deadline (about two years) is not believed.
    static let maximumDaysFromDeadline = 731

    /// Whether a report's publication date can be true: not after `asOf`, after the reporting
    /// year, and within about two years of the deadline. An undated report is not implausible.
    static func plausibleDate(_ r: Report, deadline: CalendarDate, asOf: CalendarDate) -> Bool {
        guard let d = r.publishedOn else { return true }
        return d <= asOf && d.year > r.year && abs(deadline.days(to: d)) <= maximumDaysFromDeadline
    }

    static func implausibility(_ r: Report, deadline: CalendarDate, asOf: CalendarDate) -> String {
        guard let d = r.publishedOn else { return "不明" }
        if d > asOf { return "\(d)晚于统计日期\(asOf)" }
        if d.year <= r.year { return "\(d)早于统计年度结束" }
        return "\(d)距报送截止日超过两年"
    }

    /// This rollup after `judge`.
    package func judged() -> Rollup {
        var r = self
        r.judge()
        return r
    }

    /// Stage two: the rules (R1–R5, suspect figures and dates), the undated report, and the prose
    /// checks (内容雷同, 敷衍), each township's findings after its matching flags. Statuses and
    /// sums stay as `match` left them. Ends by dropping the prose, which nothing after reads.
    package mutating func judge() {
        let (withReports, found) = Self.findings(townships, asOf: asOf, county: county)
        var position = [Int](repeating: -1, count: townships.count)
        for (k, i) in withReports.enumerated() { position[i] = k }
        let foundAt = position
        // One pass, each line changed once in place (lines shared with `match`'s rollup are
        // copied: on every core, a stretch of lines each); one empty prose shared by all.
        let noProse = Narrative()
        let stretch = 1024
        townships.withUnsafeMutableBufferPointer { buffer in
            let lines = Lines(buffer)
            _ = parallelMap(count: (lines.count + stretch - 1) / stretch) { c in
                for i in (c * stretch)..<min(lines.count, (c + 1) * stretch) {
                    lines.buffer[i].finishJudging(adding: foundAt[i] < 0 ? [] : found[foundAt[i]], prose: noProse)
                }
            }
        }
    }

    /// The townships changed in place on several threads, each line by one of them.
    private struct Lines: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<TownshipResult>
        init(_ buffer: UnsafeMutableBufferPointer<TownshipResult>) { self.buffer = buffer }
        var count: Int { buffer.count }
    }

    /// `judge`'s findings for each township that sent a readable report (`withReports`, in
    /// order), made from a copy of the townships that is gone when they are added, so that
    /// adding them changes each line in place. Each report is copied once, into its input, and
    /// read there in place by the rules and the prose checks.
    private static func findings(_ townships: [TownshipResult], asOf: CalendarDate, county: County)
        -> (withReports: [Int], found: [[Flag]]) {
        let settings = county.settings
        let withReports = townships.indices.filter { townships[$0].hasReport }
        let inputs = parallelMap(count: withReports.count) { k in
            let i = withReports[k]
            return Narratives.Input(name: townships[i].name, report: townships[i].report!, previous: townships[i].previous)
        }
        var found = parallelMap(count: inputs.count) { k -> [Flag] in
            var flags = Rules.check(inputs[k].report)
            if inputs[k].previous != nil { flags += Rules.checkAcrossYears(inputs[k].report, previous: inputs[k].previous!) }
            flags += Rules.suspect(inputs[k].report, previous: inputs[k].previous, asOf: asOf, settings: settings)
            if inputs[k].report.publishedOn == nil {
                flags.append(Flag(.dateUnknown, .warning, path: "publishedOn", "报告未注明发布日期，无法判断是否按时发布"))
            }
            return flags
        }
        // 内容雷同 and 敷衍, after the rules' findings.
        let narrative = Narratives.flags(inputs, settings: settings, roster: townships.filter(\.onRoster).map(\.name), county: county.name)
        for k in found.indices where !narrative[k].isEmpty { found[k] += narrative[k] }
        return (withReports, found)
    }

    /// Cell-wise sums of the sections each report contributes.
    ///
    /// The decoder's caps (`DecodeOptions`: 10⁹ a count, 10⁷ an amount, i.e. 10¹³ millionths)
    /// keep every sum inside Int64 up to 922,337 reports, 23 times the nation's townships. Past
    /// that a sum is held at Int64.max rather than trapping; no run of real reports gets there.
    package static func sum(_ reports: [Report]) -> (totals: [Int64], cellCoverage: [Int], coverage: [Int]) {
        var totals = [Int64](repeating: 0, count: Catalog.cellCount)
        var cellCoverage = [Int](repeating: 0, count: Catalog.cellCount)
        var coverage = [Int](repeating: 0, count: SectionID.allCases.count)
        let cellSection = Catalog.cells.map(\.section.rawValue)
        for r in reports {
            for section in Catalog.sections where r.sections[section.id.rawValue] {
                coverage[section.id.rawValue] += 1
                for i in section.cellRange where r.present[i] { cellCoverage[i] += 1 }
            }
            // A zero adds nothing: only the stored (non-zero) cells of counted sections.
            r.values.forEachNonZero { i, v in
                if r.present[i], r.sections[cellSection[i]] { totals[i] = totals[i].addingSaturated(v) }
            }
        }
        return (totals, cellCoverage, coverage)
    }

    /// A report with a plausible date wins over one without (a date after `asOf`, or years
    /// away, is a typing error, never a correction); then the later publication is taken as a
    /// correction; an undated report yields to a dated one; on a tie the later file name wins, so
    /// the choice never depends on the schedule.
    static func preferred(_ a: Report, over b: Report, deadline: CalendarDate, asOf: CalendarDate) -> Bool {
        let pa = plausibleDate(a, deadline: deadline, asOf: asOf), pb = plausibleDate(b, deadline: deadline, asOf: asOf)
        if pa != pb { return pa }
        return preferred(a, over: b)
    }

    static func preferred(_ a: Report, over b: Report) -> Bool {
        switch (a.publishedOn, b.publishedOn) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return Array(a.file.utf8).lexicographicallyPrecedes(Array(b.file.utf8)) == false
        }
    }
}
