import Aggregate
import CountyWorkbook
import Foundation
import RollupJob
import TestSupport
import XCTest

/// The synthetic-inputs generator (issue 5): its trees roll up to totals that an independent sum
/// over the same files reproduces cell by cell, and the same seed gives the same bytes.
final class GeneratorTests: XCTestCase {
    let townships = 300
    let years = [2023, 2024]
    let faultShare = 0.1

    func generate(_ name: String, seed: UInt64) throws -> URL {
        let scratch = Fixtures.scratch(name)
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        let folder = scratch.appendingPathComponent("inputs")
        try SyntheticInputs.generate(to: folder, townships: townships, years: years, seed: seed, faultShare: faultShare)
        return folder
    }

    /// Every leaf under `value`, keyed by its dotted path.
    func leaves(_ value: Any, _ prefix: String, into out: inout [String: Any]) {
        if let object = value as? [String: Any] {
            for (k, v) in object { leaves(v, prefix.isEmpty ? k : "\(prefix).\(k)", into: &out) }
        } else {
            out[prefix] = value
        }
    }

    /// The four sections' leaves of one report (or of summary.json's totals).
    func figures(_ json: [String: Any]) -> [String: Any] {
        var out: [String: Any] = [:]
        for section in ["overview", "proactive", "requests", "appeals"] {
            if let s = json[section] { leaves(s, section, into: &out) }
        }
        return out
    }

    static let feePath = "proactive.feesTenThousandYuan"

    /// A 万元 decimal with at most two places, as a whole number of hundredths.
    func hundredths(_ any: Any, _ context: String) -> Int64 {
        let d = (any as! NSNumber).doubleValue
        let h = (d * 100).rounded()
        XCTAssertEqual(d * 100, h, accuracy: 1e-6, "\(context): \(d) has more than two decimal places")
        return Int64(h)
    }

    func testRollupOfGeneratedTreeMatchesIndependentSums() throws {
        let inputs = try generate(#function, seed: 20_250_301)
        let lastYear = years.last!
        let plan = SyntheticInputs.faultPlan(townships: townships, seed: 20_250_301, faultShare: faultShare)
        func faults(_ f: SyntheticInputs.Fault) -> Int { plan.values.filter { $0 == f }.count }
        XCTAssertEqual(plan.count, 30)

        // The independent sums: Foundation's parser over every file of the year that parses.
        let folder = inputs.appendingPathComponent(String(lastYear))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(names.count, townships - faults(.missing))
        var expected: [String: Int64] = [:]
        var unreadable = 0
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                unreadable += 1
                continue
            }
            XCTAssertEqual(json["edition"] as? String, "2021")
            for (path, value) in figures(json) {
                expected[path, default: 0] += path == Self.feePath ? hundredths(value, "\(name) \(path)") : (value as! NSNumber).int64Value
            }
        }
        XCTAssertEqual(unreadable, faults(.truncated))
        XCTAssertEqual(expected.count, Aggregate.Catalog.cellCount, "every cell of the format is in every report")

        // The rollup, through the same entry point as the command line.
        let out = Fixtures.scratch(#function)
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        var options = RollupJob.Options(inputs: inputs, year: lastYear)
        options.asOf = CalendarDate(iso: "2025-03-01")
        options.xlsx = out.appendingPathComponent("county.xlsx")
        options.summary = out.appendingPathComponent("county.summary.json")
        let outcome = try RollupJob.run(options)
        keepWorkbook(outcome.xlsx)

        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: outcome.summary)) as! [String: Any]
        let files = summary["files"] as! [String: Any]
        let found = (files["found"] as! NSNumber).intValue
        let accepted = (files["accepted"] as! NSNumber).intValue
        let rejected = (files["rejected"] as! NSNumber).intValue
        XCTAssertEqual(found, names.count)
        XCTAssertEqual(found, accepted + rejected)
        XCTAssertEqual(rejected, unreadable)
        XCTAssertEqual((summary["rejected"] as! [Any]).count, unreadable)

        let totals = figures(summary["totals"] as! [String: Any])
        XCTAssertEqual(Set(totals.keys), Set(expected.keys))
        for (path, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let got = totals[path] else { continue }
            let value = path == Self.feePath ? hundredths(got, "totals \(path)") : (got as! NSNumber).int64Value
            XCTAssertEqual(value, want, "totals.\(path)")
        }
        XCTAssertGreaterThan(expected["requests.received.total"] ?? 0, 0, "the tree should carry requests")
        XCTAssertGreaterThan(expected[Self.feePath] ?? 0, 0, "the tree should carry fees")

        // Each fault shows up as itself, and nothing else breaks the arithmetic.
        let results = summary["townships"] as! [[String: Any]]
        XCTAssertEqual(results.count, townships)
        func statusCount(_ s: String) -> Int { results.filter { $0["status"] as? String == s }.count }
        XCTAssertEqual(statusCount("late"), faults(.late))
        XCTAssertEqual(statusCount("missing") + statusCount("unreadable"), faults(.missing) + faults(.truncated))
        XCTAssertEqual(statusCount("onTime"), townships - faults(.late) - faults(.missing) - faults(.truncated))
        func flagged(_ rule: String) -> Int {
            results.filter { (($0["flags"] as? [[String: Any]]) ?? []).contains { $0["rule"] as? String == rule } }.count
        }
        XCTAssertEqual(flagged("R1"), faults(.r1))
        XCTAssertEqual(flagged("R3"), faults(.r3))
        // The rest of the tree is clean: arithmetic, shape, and prose varied enough not to look copied.
        for rule in ["R2", "R4", "R5", "incomplete", "unknownKey", "oldFormat", "suspect", "copied", "perfunctory", "duplicate"] {
            XCTAssertEqual(flagged(rule), 0, rule)
        }
    }

    /// Above the listing limit (a province, the nation) 乡镇明细 still holds every township's every
    /// figure — as plain numbers, without a cell style — and its 县合计 row is their sum; the
    /// national tables say where the townships went. Checked against the files themselves.
    func testAboveTheListingLimitEveryFigureIsInTheDetailSheet() throws {
        let n = CountyWorkbook.listingLimit + 1
        let scratch = Fixtures.scratch(#function)
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        let inputs = scratch.appendingPathComponent("inputs")
        try SyntheticInputs.generate(to: inputs, townships: n, years: [2024], seed: 11, faultShare: 0)
        var options = RollupJob.Options(inputs: inputs, year: 2024)
        options.asOf = CalendarDate(iso: "2025-03-01")
        options.xlsx = scratch.appendingPathComponent("w.xlsx")
        options.summary = scratch.appendingPathComponent("s.json")
        let outcome = try RollupJob.run(options)
        keepWorkbook(outcome.xlsx)

        // Each report's figures, by township name, read with Foundation's parser.
        var byName: [String: [String: Any]] = [:]
        let folder = inputs.appendingPathComponent("2024")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file))) as! [String: Any]
            byName[(json["unit"] as! [String: Any])["name"] as! String] = figures(json)
        }
        XCTAssertEqual(byName.count, n)

        let wb = try WorkbookReader(path: outcome.xlsx.path)
        let detail = try XCTUnwrap(wb["乡镇明细"])
        let first = 5   // 乡镇, 区划代码, 状态, 计入县合计, 报告格式
        var sums = [Double](repeating: 0, count: Catalog.cellCount)
        for row in 2..<(2 + n) {
            let name = try XCTUnwrap(detail.at(row, 0).text, "row \(row)")
            let figures = try XCTUnwrap(byName[name], name)
            for cell in Catalog.cells {
                let want = (figures[cell.dottedPath] as! NSNumber).doubleValue
                let got = try XCTUnwrap(detail.at(row, first + cell.index).number, "\(name) \(cell.dottedPath)")
                XCTAssertEqual(got, want, accuracy: 1e-9, "\(name) \(cell.dottedPath)")
                sums[cell.index] += got
            }
        }
        XCTAssertEqual(detail.at(2 + n, 0).text, "县合计")
        for cell in Catalog.cells {
            XCTAssertEqual(detail.at(2 + n, first + cell.index).number ?? .nan, sums[cell.index], accuracy: 1e-6, cell.dottedPath)
        }
        // Plain numbers: no style index on a township's figure (the 县合计 row keeps its style).
        let firstFigure = WorkbookReader.Sheet.ref(2, first)
        XCTAssertTrue(detail.xml.contains("<c r=\"\(firstFigure)\"><v>"), "\(firstFigure) should carry no style")
        XCTAssertTrue(detail.xml.contains("<c r=\"\(WorkbookReader.Sheet.ref(2 + n, first))\" s=\""), "县合计 keeps its style")
        let proactive = try XCTUnwrap(wb["主动公开"])
        XCTAssertTrue(proactive.cells.values.contains { $0.text?.contains("乡镇超过 \(CountyWorkbook.listingLimit) 个") == true })
    }

    func testSameSeedGivesIdenticalBytes() throws {
        let a = try generate(#function + "A", seed: 42)
        let b = try generate(#function + "B", seed: 42)
        let c = try generate(#function + "C", seed: 43)
        let ta = try PathTree.files(a), tb = try PathTree.files(b), tc = try PathTree.files(c)
        let missing = SyntheticInputs.faultPlan(townships: townships, seed: 42, faultShare: faultShare).values.filter { $0 == .missing }.count
        XCTAssertEqual(ta.count, townships * years.count - missing + 2, "county.json, roster.csv and every report but the missing ones")
        XCTAssertEqual(Set(ta.keys), Set(tb.keys))
        for (rel, data) in ta { XCTAssertEqual(data, tb[rel], rel) }
        XCTAssertNotEqual(ta["2024/t00001.json"], tc["2024/t00001.json"], "another seed gives other figures")
        XCTAssertEqual(ta["roster.csv"], tc["roster.csv"])
    }

    func testReportsLookLikeRealOnes() throws {
        let inputs = try generate(#function, seed: 7)
        let data = try Data(contentsOf: inputs.appendingPathComponent("2023/t00001.json"))
        XCTAssertGreaterThan(data.count, 5_000)
        XCTAssertLessThan(data.count, 10_000)
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let unit = json["unit"] as! [String: Any]
        XCTAssertEqual(unit["name"] as? String, "合成镇00001")
        XCTAssertEqual(unit["county"] as? String, "合成县")
        let narrative = json["narrative"] as! [String: String]
        let characters = narrative.values.reduce(0) { $0 + $1.count }
        XCTAssertGreaterThan(characters, 200)
        XCTAssertTrue(narrative["otherMatters"]!.contains("信息处理费"))
        let roster = try String(contentsOf: inputs.appendingPathComponent("roster.csv"), encoding: .utf8)
        XCTAssertEqual(roster.split(separator: "\n").count, townships + 1)
    }
}
