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
        package var ranks: [Measure: Int] = [:]
    }

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
            let volume = ["overview.portalItems", "overview.wechatItems", "overview.weiboItems"].reduce(Int64(0)) { $0 + rep.value($1) }
            var closure: Double? = nil
            if rep.has(.requests) {
                let open = rep.value("requests.received.total") + rep.value("requests.carriedOver.total")
                if open > 0 { closure = Double(rep.value("requests.resultTotal.total")) / Double(open) }
            }
            return Row(name: t.name, code: t.code, status: t.status, readable: true, volume: volume,
                       received: rep.has(.requests) ? rep.value("requests.received.total") : 0, closure: closure,
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
        // Keys where a smaller key is better; unreadable townships rank last on every measure.
        func key(_ m: Measure, _ row: Row) -> [Double] {
            guard row.readable else { return [1] }
            switch m {
            case .volume: return [0, -Double(row.volume)]
            case .received: return [0, -Double(row.received)]
            case .closure: return [0, -(row.closure ?? 1)]
            case .timeliness: return row.daysFromDeadline.map { [0, Double($0)] } ?? [0.5]
            case .quality: return [0, Double(row.errors), Double(row.warnings)]
            case .composite: return [0, -row.composite]
            }
        }
        // Standard competition ranking: 1 + the number of townships strictly better.
        for m in Measure.allCases {
            let keys = rows.map { key(m, $0) }
            let order = rows.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
            for (position, i) in order.enumerated() {
                if position > 0, keys[order[position - 1]] == keys[i] {
                    rows[i].ranks[m] = rows[order[position - 1]].ranks[m]
                } else {
                    rows[i].ranks[m] = position + 1
                }
            }
        }
        rows.sort { a, b in
            let ra = a.ranks[.composite]!, rb = b.ranks[.composite]!
            if ra != rb { return ra < rb }
            if (a.code ?? "") != (b.code ?? "") { return (a.code ?? "\u{10FFFF}") < (b.code ?? "\u{10FFFF}") }
            return a.name < b.name
        }
        return Rankings(weights: w, rows: rows)
    }
}
