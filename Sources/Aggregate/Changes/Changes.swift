import StrictJSON

/// What changed since the previous run (the summary.json this run replaces): reports newly
/// received, townships newly late or missing, flags added and resolved, county totals that
/// moved. Most January mornings that, and the call list, is all a supervisor needs.
package struct Changes: Sendable {
    /// A township whose status changed in a way worth a line.
    package struct Move: Sendable, Equatable {
        package var name: String
        package var code: String?
        package var status: Status
        /// Its status in the previous run; nil when the previous run did not list it.
        package var previousStatus: Status?
        package var publishedOn: CalendarDate?
        package var daysLate: Int?
    }

    /// A flag that appeared or went away, with its township.
    package struct FlagChange: Sendable, Equatable {
        package var township: String
        package var flag: Flag
    }

    /// One county total that moved: its dotted path, its label, and both values as written in summary.json.
    package struct TotalMove: Sendable, Equatable {
        package var path: String
        package var label: String
        package var before: JSONValue?
        package var after: JSONValue
    }

    /// The previous run's as-of; nil when there was nothing to compare with (`noComparison` says why).
    package var since: CalendarDate?
    package var noComparison: NoComparison?
    package var newReports: [Move] = []
    package var newlyOverdue: [Move] = []
    package var flagsAdded: [FlagChange] = []
    package var flagsResolved: [FlagChange] = []
    package var totals: [TotalMove] = []

    package var isEmpty: Bool {
        newReports.isEmpty && newlyOverdue.isEmpty && flagsAdded.isEmpty && flagsResolved.isEmpty && totals.isEmpty
    }

    /// No comparison, for the reason given.
    package init(noComparison: NoComparison) {
        self.since = nil
        self.noComparison = noComparison
    }

    /// The comparison of `current` (judged) with what the previous summary.json said.
    package static func between(_ previous: Result<PreviousSummary, NoComparison>, _ current: Rollup) -> Changes {
        switch previous {
        case .failure(let why): return Changes(noComparison: why)
        case .success(let p): return Changes(previous: p, current: current)
        }
    }

    package init(previous p: PreviousSummary, current r: Rollup) {
        since = p.asOf
        noComparison = nil
        // A township is the same one across runs by its code when both runs give one, else by
        // name: the two indexes made side by side, each township's candidates looked up on every
        // core, then matched in order (a previous township is matched once).
        let indexes: [[String: Int]] = parallelMap(count: 2) { which in
            var index: [String: Int] = [:]
            index.reserveCapacity(p.townships.count)
            for (i, t) in p.townships.enumerated() {
                guard let key = which == 0 ? t.code : t.name else { continue }
                if index[key] == nil { index[key] = i }
            }
            return index
        }
        let byCode = indexes[0], byName = indexes[1]
        let candidates: [(code: Int?, name: Int?)] = parallelMap(count: r.townships.count) { j in
            (r.townships[j].code.flatMap { byCode[$0] }, byName[r.townships[j].name])
        }
        var matchedPrevious = [Bool](repeating: false, count: p.townships.count)
        var counterpart = [Int?](repeating: nil, count: r.townships.count)
        func received(_ s: Status?) -> Bool { s.map { [.onTime, .late, .dateUnknown, .unreadable].contains($0) } ?? false }
        func readable(_ s: Status?) -> Bool { s.map { [.onTime, .late, .dateUnknown].contains($0) } ?? false }
        func overdue(_ s: Status?) -> Bool { s == .late || s == .missing }
        for (j, t) in r.townships.enumerated() {
            var k: Int? = candidates[j].code
            if k == nil, let i = candidates[j].name, p.townships[i].code == nil || t.code == nil || p.townships[i].code == t.code { k = i }
            if let i = k, matchedPrevious[i] { k = nil }
            if let i = k { matchedPrevious[i] = true }
            counterpart[j] = k
            let before = k.map { p.townships[$0] }
            let move = Move(name: t.name, code: t.code, status: t.status, previousStatus: before?.status,
                            publishedOn: t.publishedOn, daysLate: t.daysLate)
            if (readable(t.status) && !readable(before?.status)) || (t.status == .unreadable && !received(before?.status)) {
                newReports.append(move)
            }
            if overdue(t.status) && !overdue(before?.status) { newlyOverdue.append(move) }
        }
        // Flags as a multiset: each previous one cancels one equal current one. Days in a
        // message (a date "晚于统计日期2025-02-03" quotes the as-of) do not make it another flag.
        let previousOf = counterpart
        let compared: [(added: [Flag], resolved: [Flag])] = parallelMap(count: r.townships.count) { j in
            var old = previousOf[j].map { p.townships[$0].flags } ?? []
            var added: [Flag] = []
            for f in r.townships[j].flags {
                if let x = old.firstIndex(where: { Self.same($0, f) }) { old.remove(at: x) } else { added.append(f) }
            }
            return (added, old)
        }
        for (j, t) in r.townships.enumerated() {
            flagsAdded += compared[j].added.map { FlagChange(township: t.name, flag: $0) }
            flagsResolved += compared[j].resolved.map { FlagChange(township: t.name, flag: $0) }
        }
        // Townships the previous run listed and this one does not (an off-roster unit gone): their flags are resolved.
        for (i, t) in p.townships.enumerated() where !matchedPrevious[i] {
            flagsResolved += t.flags.map { FlagChange(township: t.name, flag: $0) }
        }
        var now: [String: JSONValue] = [:]
        PreviousSummary.flatten(Summary.sections(r.totals), prefix: "", into: &now)
        for cell in Catalog.cells {
            let path = cell.dottedPath
            guard let after = now[path] else { continue }
            let before = p.totals[path]
            if before != after {
                totals.append(TotalMove(path: path, label: "\(cell.section.title.prefix(1))·\(Catalog.label(of: cell))",
                                        before: before, after: after))
            }
        }
    }

    /// The end of the one-line stderr summary: "since 2025-01-30: 2 new reports, 1 newly overdue".
    package var sentence: String {
        guard let since else { return noComparison?.english ?? "no comparison" }
        let n = newReports.count
        return "since \(since): \(n) new report\(n == 1 ? "" : "s"), \(newlyOverdue.count) newly overdue"
    }

    /// The `changes` member of summary.json.
    package var json: JSONValue {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func move(_ m: Move) -> JSONValue {
            .object([("name", .string(m.name)), ("code", str(m.code)), ("status", .string(m.status.rawValue)),
                     ("previousStatus", str(m.previousStatus?.rawValue)), ("publishedOn", str(m.publishedOn?.description)),
                     ("daysLate", m.daysLate.map { .integer(Int64($0)) } ?? .null)])
        }
        func flag(_ c: FlagChange) -> JSONValue {
            .object([("township", .string(c.township)), ("rule", .string(c.flag.rule.rawValue)),
                     ("severity", .string(c.flag.severity.rawValue)), ("path", .string(c.flag.path)),
                     ("message", .string(c.flag.message))])
        }
        return .object([
            ("since", str(since?.description)),
            ("noComparison", str(noComparison?.english)),
            ("newReports", .array(newReports.map(move))),
            ("newlyOverdue", .array(newlyOverdue.map(move))),
            ("flagsAdded", .array(flagsAdded.map(flag))),
            ("flagsResolved", .array(flagsResolved.map(flag))),
            ("totals", .array(totals.map {
                .object([("path", .string($0.path)), ("before", $0.before ?? .null), ("after", $0.after)])
            })),
        ])
    }

    /// A summary.json figure as shown: integers as they are, amounts as written, "—" for none.
    package static func display(_ v: JSONValue?) -> String {
        switch v {
        case .integer(let i)?: String(i)
        case .number(let s)?: s
        case .string(let s)?: s
        default: "—"
        }
    }
}

extension Changes {
    /// The same finding on both runs: rule, severity and path alike, and the message alike but
    /// for the days it quotes (YYYY-MM-DD), which move with the as-of.
    static func same(_ a: Flag, _ b: Flag) -> Bool {
        a.rule == b.rule && a.severity == b.severity && a.path == b.path
            && (a.message == b.message || withoutDays(a.message) == withoutDays(b.message))
    }

    static func withoutDays(_ s: String) -> [UInt8] {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        func digits(_ i: Int, _ n: Int) -> Bool { i + n <= b.count && (i..<(i + n)).allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 } }
        var i = 0
        while i < b.count {
            if digits(i, 4), i + 10 <= b.count, b[i + 4] == 0x2D, digits(i + 5, 2), b[i + 7] == 0x2D, digits(i + 8, 2) {
                out.append(0x23)   // one '#' for the whole day
                i += 10
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }
}
