import Foundation

/// How serious a flag is: errors make a figure wrong, warnings make it doubtful.
package enum Severity: String, Sendable, Comparable {
    case error, warning
    package static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    package var label: String { self == .error ? "错误" : "警告" }
}

/// Stable rule ids, as summary.json and the 数据问题 sheet name them.
package enum Rule: String, Sendable, CaseIterable {
    case r1 = "R1", r2 = "R2", r3 = "R3", r4 = "R4", r5 = "R5"
    case incomplete, oldFormat, copied, perfunctory, suspect, duplicate, notOnRoster, unknownKey, dateUnknown
    /// Identity (a report from another county; a code of one township with the name of another).
    case otherCounty, identityConflict
    /// The prose against the tables and against itself, as evaluators read it.
    case textTable, proseSum, contradiction, wrongYear, wrongUnit, boilerplate
    /// A figure of an imported document (HTML, Word, text, PDF) read with doubt.
    case inDoubt

    /// The supervisor's word for it (domain.md).
    package var label: String {
        switch self {
        case .r1, .r2, .r3, .r4, .r5: return "勾稽错误"
        case .incomplete: return "缺项"
        case .oldFormat: return "格式过时"
        case .copied: return "内容雷同"
        case .perfunctory: return "敷衍"
        case .suspect: return "数据可疑"
        case .duplicate: return "重复"
        case .notOnRoster: return "名册外"
        case .unknownKey: return "未知字段"
        case .dateUnknown: return "发布日期不明"
        case .otherCounty: return "外县报告"
        case .identityConflict: return "身份冲突"
        case .textTable: return "文表不符"
        case .proseSum: return "分项不符"
        case .contradiction: return "表述矛盾"
        case .wrongYear: return "年份错误"
        case .wrongUnit: return "单位错误"
        case .boilerplate: return "套话"
        case .inDoubt: return "读取存疑"
        }
    }
}

/// One finding about one report, with the JSON path it concerns and a message a clerk can act on.
package struct Flag: Sendable, Hashable {
    package let rule: Rule
    package let severity: Severity
    package let path: String
    package let message: String

    package init(_ rule: Rule, _ severity: Severity, path: String, _ message: String) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.message = message
    }
}

/// A file that could not be accepted: which file, where in it, and what was expected.
package struct Rejection: Sendable, Hashable, Error {
    package let file: String
    package let path: String
    package let message: String
    /// The township the file names in `unit`, when it could be read despite the rejection.
    package var unit: Unit? = nil

    package init(file: String, path: String, message: String, unit: Unit? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.unit = unit
    }

    /// "2024/x.json: requests.withheld.stateSecret.commercial: expected …".
    package var line: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}
