/// Why a township is on the call list, in one line, and the worst-first order: shared by the
/// workbook's 报送情况 and 概览 and by the supervisors' page, so both say the same thing.
extension TownshipResult {
    /// One line: the status in words, then each rule broken and how often (the workbook's 说明).
    package var reason: String {
        var parts: [String] = []
        switch status {
        case .missing: parts.append("截止日后 \(daysLate ?? 0) 天仍未报送")
        case .unreadable: parts.append("报告文件无法读取：\(inMessage(file ?? ""))，见“数据问题”")
        case .late: parts.append("逾期 \(daysLate ?? 0) 天发布")
        case .dateUnknown: parts.append("未注明发布日期")
        case .pending: parts.append("尚未报送，距截止 \(daysLeft ?? 0) 天")
        case .onTime: break
        }
        let rules = Dictionary(grouping: flags, by: \.rule)
        for rule in Rule.allCases where rule != .dateUnknown {
            if let fs = rules[rule] { parts.append("\(rule.rawValue == rule.label ? rule.label : "\(rule.label)（\(rule.rawValue)）")\(fs.count)处") }
        }
        return parts.joined(separator: "；")
    }
}

extension Rollup {
    /// Every township, worst status first, then most errors, then most days late, then roster order.
    package var worstFirst: [TownshipResult] {
        // Sort keys computed once, indices sorted (not the large values).
        let keys = townships.map { ($0.status.urgency, -$0.errorCount, -($0.daysLate ?? 0)) }
        let order = townships.indices.sorted { a, b in (keys[a].0, keys[a].1, keys[a].2, a) < (keys[b].0, keys[b].1, keys[b].2, b) }
        return order.map { townships[$0] }
    }
}
