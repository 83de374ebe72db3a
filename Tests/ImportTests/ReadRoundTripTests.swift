import Aggregate
import Foundation
@testable import Import
import StrictJSON
import XCTest

/// Every sample report of inputs/2024 rendered as text the way a township would publish it (a
/// test-local renderer, tabs and one cell per line), read back: the same figures, dates and prose.
final class ReadRoundTripTests: XCTestCase {
    static let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    func render(_ r: Report, narrative: [String: String]) -> [[String]] {
        func v(_ i: Int) -> String {
            guard r.present[i] else { return "" }
            return Catalog.isAmount[i] ? Amount(millionths: r.values[i]).description : String(r.values[i])
        }
        var rows: [[String]] = [["平罗县\(r.unit.name)"], ["\(r.year)年政府信息公开工作年度报告"], ["一、总体情况"]]
        for line in (narrative["overview"] ?? "").split(separator: "\n") { rows.append([String(line)]) }
        if r.has(.proactive) {
            rows.append(["二、主动公开政府信息情况"])
            for row in Catalog.section(.proactive).rows {
                rows.append([row.group ?? ""])
                rows.append(["信息内容"] + row.columns.map(\.label))
                rows.append([row.label] + (0..<row.columns.count).map { v(row.firstCell + $0) })
            }
        }
        if r.has(.requests) {
            rows.append(["三、收到和处理政府信息公开申请情况"])
            rows.append(["申请人情况", "自然人", "法人或其他组织", "总计"])
            rows.append(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
            var groups = Set<String>()
            for row in Catalog.section(.requests).rows {
                var cells: [String] = []
                if let g = row.group, groups.insert(g).inserted { cells.append(g) }
                rows.append(cells + [row.label] + (0..<7).map { v(row.firstCell + $0) })
            }
        }
        if r.has(.appeals) {
            rows.append(["四、政府信息公开行政复议、行政诉讼情况"])
            rows.append(["行政复议", "行政诉讼"])
            rows.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
            rows.append(Catalog.section(.appeals).cellRange.map(v))
        }
        if let p = narrative["problems"] {
            rows.append(["五、存在的主要问题及改进情况"])
            for line in p.split(separator: "\n") { rows.append([String(line)]) }
        }
        if let o = narrative["otherMatters"] {
            rows.append(["六、其他需要报告的事项"])
            for line in o.split(separator: "\n") { rows.append([String(line)]) }
        }
        rows.append(["\(r.unit.name)人民政府"])
        if let d = r.publishedOn { rows.append(["\(d.year)年\(d.month)月\(d.day)日"]) }
        return rows
    }

    func testSampleReportsRoundTripThroughText() throws {
        let folder = ReadFixtures.repository.appendingPathComponent("inputs/json/2024")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            guard case .success(let want) = ReportDecoder.decode(bytes: bytes, file: name, options: Self.options),
                  want.edition == .y2021 else { continue }
            guard case .object(let top) = try JSONParser.parse(bytes) else { continue }
            var narrative: [String: String] = [:]
            if case .object(let n)? = top.first(where: { $0.0 == "narrative" })?.1 {
                for (k, v) in n { if case .string(let s) = v { narrative[k] = s } }
            }
            for shape in [ReadFixtures.Shape.tabs, .oneCellPerLine] {
                let text = ReadFixtures.text(render(want, narrative: narrative), shape)
                let read = try ReadFixtures.read(text, file: name.replacingOccurrences(of: ".json", with: ".txt"), county: "平罗县")
                let got = try ReadFixtures.decode(read)
                let tables = Catalog.cells.filter { $0.section != .overview }.map(\.index)
                XCTAssertEqual(tables.map { got.values[$0] }, tables.map { want.values[$0] }, "\(name) \(shape)")
                XCTAssertEqual(tables.map { got.present[$0] }, tables.map { want.present[$0] }, "\(name) \(shape)")
                XCTAssertEqual(got.unit.name, want.unit.name, name)
                XCTAssertEqual(got.publishedOn, want.publishedOn, name)
                XCTAssertEqual(read.json["narrative"]?["problems"].flatMap { if case .string(let t) = $0 { t } else { nil } }, narrative["problems"], name)
                // A figure the JSON states against its own prose (the planted textTable) is read from
                // the prose in a document, where nothing else states it.
                let disputed = Set(want.narrative.findings.filter { $0.rule == .textTable }.map(\.path))
                if disputed.isEmpty { XCTAssertEqual(got.narrative, want.narrative, "\(name): the same prose facts and findings") }
                XCTAssertEqual(got.narrative.hasOverview, want.narrative.hasOverview, name)
                XCTAssertEqual(Rules.check(got), Rules.check(want), "\(name): the same rule breaks")
                XCTAssertEqual(read.account.doubts, [], name)
                // Overview figures the prose states are read as the JSON has them.
                for cell in Catalog.cells where cell.section == .overview && got.present[cell.index] && !disputed.contains(cell.dottedPath) {
                    XCTAssertEqual(got.values[cell.index], want.values[cell.index], "\(name) \(cell.dottedPath)")
                }
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }
}
