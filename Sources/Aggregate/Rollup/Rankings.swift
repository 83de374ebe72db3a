/// Weights of the composite score (county.json `rankingWeights`); documented defaults.
package struct RankingWeights: Sendable, Equatable {
    package var volume = 0.2
    package var closure = 0.2
    package var timeliness = 0.3
    package var quality = 0.3
    package init() {}
    package var sum: Double { volume + closure + timeliness + quality }
    /// The largest weight county.json may set.
    package static let maximum = 1000.0
    /// What the weighted total is divided by: the sum, or 1 when every weight is 0 (the total is then 0 too).
    package var divisor: Double { sum > 0 ? sum : 1 }
}

/// How the townships compare on what supervisors look at: proactive disclosure volume, requests
/// received and closed, timeliness, data quality, and a weighted composite.
package struct Rankings: Sendable {
    package enum Measure: String, CaseIterable, Sendable {
        case volume, received, closure, timeliness, quality, composite
        package var label: String {
            switch self {
            case .volume: "主动公开量"
            case .received: "新收申请"
            case .closure: "办结率"
            case .timeliness: "报送及时性"
            case .quality: "数据质量"
            case .composite: "综合得分"
            }
        }
    }

    package struct Row: Sendable {
        package var name: String
        package var code: String?
        package var status: Status
        package var readable: Bool
        /// 政府网站 + 政务微信 + 政务微博 items (一、总体情况).
        package var volume: Int64
        package var received: Int64
        /// 三（七）总计 / (一 + 二); nil when there was nothing to handle.
        package var closure: Double?
        /// Publication day minus deadline (negative = early); nil when unknown.
        package var daysFromDeadline: Int?
        package var errors: Int
        package var warnings: Int
        /// Scores 0…100 per measure and the composite.
        package var volumeScore = 0.0, closureScore = 0.0, timelinessScore = 0.0, qualityScore = 0.0, composite = 0.0
        /// Standard competition rank per measure (1, 2, 2, 4).
        package var ranks = MeasureRanks()
    }

    /// A row's rank on each measure, nil until ranked: `ranks[.composite]`.
    package struct MeasureRanks: Sendable {
        private var byMeasure = [Int](repeating: 0, count: Measure.allCases.count)
        package subscript(m: Measure) -> Int? {
            get { Self.position(m).flatMap { byMeasure[$0] > 0 ? byMeasure[$0] : nil } }
            set { if let k = Self.position(m) { byMeasure[k] = newValue ?? 0 } }
        }
        private static func position(_ m: Measure) -> Int? {
            switch m {
            case .volume: 0
            case .received: 1
            case .closure: 2
            case .timeliness: 3
            case .quality: 4
            case .composite: 5
            }
        }
    }

    /// The catalog cells the measures read, looked up once.
    private static let portalItems = Catalog.index("overview.portalItems"), wechatItems = Catalog.index("overview.wechatItems"),
        weiboItems = Catalog.index("overview.weiboItems"), receivedTotal = Catalog.index("requests.received.total"),
        carriedOverTotal = Catalog.index("requests.carriedOver.total"), resultTotal = Catalog.index("requests.resultTotal.total")

    package var weights: RankingWeights
    /// Roster townships, in the display order of the composite (best first, ties by code then name).
    package var rows: [Row]

    package static func compute(_ r: Rollup) -> Rankings {
        let w = r.county.settings.rankingWeights
        let deadline = r.deadline
        var rows: [Row] = r.townships.filter(\.onRoster).map { t in
            guard let rep = t.report else {
                return Row(name: t.name, code: t.code, status: t.status, readable: false, volume: 0, received: 0,
                           closure: nil, daysFromDeadline: nil, errors: t.errorCount, warnings: t.warningCount)
            }
            let volume = rep.values[portalItems] + rep.values[wechatItems] + rep.values[weiboItems]
            var closure: Double? = nil
            if rep.has(.requests) {
                let open = rep.values[receivedTotal] + rep.values[carriedOverTotal]
                if open > 0 { closure = Double(rep.values[resultTotal]) / Double(open) }
            }
            return Row(name: t.name, code: t.code, status: t.status, readable: true, volume: volume,
                       received: rep.has(.requests) ? rep.values[receivedTotal] : 0, closure: closure,
                       daysFromDeadline: rep.publishedOn.map { deadline.days(to: $0) },
                       errors: t.errorCount, warnings: t.warningCount)
        }
        let maxVolume = max(1, rows.map(\.volume).max() ?? 1)
        for i in rows.indices where rows[i].readable {
            rows[i].volumeScore = 100 * Double(rows[i].volume) / Double(maxVolume)
            rows[i].closureScore = 100 * min(1, rows[i].closure ?? 1)
            if let d = rows[i].daysFromDeadline { rows[i].timelinessScore = d <= 0 ? 100 : max(0, 100 - 2 * Double(d)) }
            rows[i].qualityScore = max(0, 100 - 20 * Double(rows[i].errors) - 5 * Double(rows[i].warnings))
            let total = w.volume * rows[i].volumeScore + w.closure * rows[i].closureScore
                + w.timeliness * rows[i].timelinessScore + w.quality * rows[i].qualityScore
            rows[i].composite = (total / w.divisor * 100).rounded() / 100
        }
        // Keys where a smaller key is better (compared in order); unreadable townships rank last
        // on every measure.
        func key(_ m: Measure, _ row: Row) -> (Double, Double, Double) {
            guard row.readable else { return (1, 0, 0) }
            switch m {
            case .volume: return (0, -Double(row.volume), 0)
            case .received: return (0, -Double(row.received), 0)
            case .closure: return (0, -(row.closure ?? 1), 0)
            case .timeliness: return row.daysFromDeadline.map { (0, Double($0), 0) } ?? (0.5, 0, 0)
            case .quality: return (0, Double(row.errors), Double(row.warnings))
            case .composite: return (0, -row.composite, 0)
            }
        }
        // Standard competition ranking: 1 + the number of townships strictly better.
        var composite = [Int](repeating: 0, count: rows.count)
        for m in Measure.allCases {
            let keys = rows.map { key(m, $0) }
            let order = rows.indices.sorted { keys[$0] < keys[$1] }
            var rank = 0
            for (position, i) in order.enumerated() {
                if position == 0 || keys[order[position - 1]] != keys[i] { rank = position + 1 }
                rows[i].ranks[m] = rank
                if m == .composite { composite[i] = rank }
            }
        }
        // Display order: composite rank, then code (townships without one last), then name.
        let order = rows.indices.sorted { a, b in
            if composite[a] != composite[b] { return composite[a] < composite[b] }
            let ca = rows[a].code, cb = rows[b].code
            if (ca ?? "") != (cb ?? "") { return (ca ?? "\u{10FFFF}") < (cb ?? "\u{10FFFF}") }
            return rows[a].name < rows[b].name
        }
        rows = order.map { rows[$0] }
        return Rankings(weights: w, rows: rows)
    }
}
