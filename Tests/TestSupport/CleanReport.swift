import Aggregate
import StrictJSON

/// 姚伏镇 2024, made up: a clean report, consistent within itself (R1–R4) and with its 2023
/// report (R5), that the decoder table (AggregateTests) and the end-to-end hostile cases
/// (NianbaoTests) bend one way per case.
package enum CleanReport {
    /// A row of Section 三: 自然人 and 商业企业 given, the rest 0, 总计 their sum.
    package static func breakdown(_ naturalPerson: Int64, _ commercial: Int64) -> JSONValue {
        let v: [Int64] = [naturalPerson, commercial, 0, 0, 0, 0, naturalPerson + commercial]
        return .object(zip(Catalog.applicantColumns.map { $0.key! }, v).map { ($0, .integer($1)) })
    }

    package static let report: JSONValue = {
        let used: [String: (Int64, Int64)] = [
            "received": (3, 1), "disclosed": (2, 1), "unavailable.notHeld": (1, 0), "resultTotal": (3, 1),
        ]
        var requests: [(String, JSONValue)] = []
        for row in Catalog.section(.requests).rows {
            let (n, c) = used[row.dottedPath] ?? (0, 0)
            JSONValue.insert(&requests, row.path[...], breakdown(n, c))
        }
        func appeal(_ upheld: Int64) -> JSONValue {
            .object([("upheld", .integer(upheld)), ("corrected", .integer(0)), ("other", .integer(0)),
                     ("pending", .integer(0)), ("total", .integer(upheld))])
        }
        func ints(_ pairs: [(String, Int64)]) -> JSONValue { .object(pairs.map { ($0.0, .integer($0.1)) }) }
        return .object([
            ("schemaVersion", .integer(1)),
            ("edition", .string("2021")),
            ("unit", .object([("name", .string("姚伏镇")), ("code", .string("640221104")), ("county", .string("平罗县"))])),
            ("year", .integer(2024)),
            ("publishedOn", .string("2025-01-20")),
            ("sourceUrl", .string("http://www.pingluo.gov.cn/test/yaofu-2024.html")),
            ("overview", ints([("portalItems", 181), ("wechatItems", 270), ("weiboItems", 150), ("villageNotices", 1000),
                               ("hotlineReplies", 110), ("messageBoardReplies", 5), ("trainingSessions", 4), ("trainees", 30)])),
            ("proactive", .object([
                ("rules", ints([("issued", 0), ("repealed", 0), ("inForce", 0)])),
                ("normativeDocuments", ints([("issued", 2), ("repealed", 1), ("inForce", 12)])),
                ("licensing", .integer(50)), ("penalties", .integer(30)), ("compulsoryMeasures", .integer(2)),
                ("feesTenThousandYuan", .number("0.75")),
            ])),
            ("requests", .object(requests)),
            ("appeals", .object([("review", appeal(1)), ("litigationDirect", appeal(0)), ("litigationAfterReview", appeal(0))])),
            ("narrative", .object([
                ("overview", .string("2024年，姚伏镇（测试用虚构数据）通过门户网站公开信息181条，微信公众号推送270条，微博发布150条，村（社区）公开栏公示1000条。")),
                ("problems", .string("测试用虚构数据：一是重点项目招投标过程信息公开仍不及时；二是个别村级公开栏更新滞后。下一步将建立项目信息公开台账，按月督促村级公开栏更新。")),
                ("otherMatters", .string("本年度在政府信息公开申请办理中未收取信息处理费。")),
            ])),
            ("informationProcessingFeeYuan", .integer(0)),
        ])
    }()

    /// `value` with the member at a dotted path replaced (appended when absent; removed for nil).
    package static func with(_ value: JSONValue, _ dotted: String, _ new: JSONValue?) -> JSONValue {
        func go(_ v: JSONValue, _ path: ArraySlice<Substring>) -> JSONValue {
            guard case .object(var members) = v, let head = path.first.map(String.init) else { return v }
            let k = members.firstIndex(where: { $0.0 == head })
            if path.count == 1 {
                switch (k, new) {
                case let (k?, n?): members[k].1 = n
                case let (k?, nil): members.remove(at: k)
                case let (nil, n?): members.append((head, n))
                case (nil, nil): break
                }
            } else if let k {
                members[k].1 = go(members[k].1, path.dropFirst())
            }
            return .object(members)
        }
        return go(value, dotted.split(separator: ".")[...])
    }

    /// The clean report with one member replaced (see `with`).
    package static func with(_ dotted: String, _ new: JSONValue?) -> JSONValue { with(report, dotted, new) }

    package static func text(_ v: JSONValue) -> String { JSONWriter.write(v) }
    package static func bytes(_ v: JSONValue) -> [UInt8] { Array(text(v).utf8) }

    /// The report's text with the first `"@@"` replaced by raw bytes (for bytes JSON cannot spell).
    package static func splice(_ v: JSONValue, _ raw: [UInt8]) -> [UInt8] {
        let b = bytes(v), marker = Array("@@".utf8)
        let at = (0..<(b.count - 1)).first { b[$0] == marker[0] && b[$0 + 1] == marker[1] }!
        return Array(b[..<at]) + raw + Array(b[(at + 2)...])
    }
}
