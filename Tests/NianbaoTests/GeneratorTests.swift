@testable import Aggregate
import CountyWorkbook
import Foundation
import RollupJob
@testable import Synthetic
import TestSupport
import XCTest

/// The synthetic-inputs generator (issue 5): its trees roll up to totals that an independent sum
/// over the same files reproduces cell by cell, and the same seed gives the same bytes.
final class GeneratorTests: XCTestCase {
    let townships = 300
    let years = [2023, 2024]
    let faultShare = 0.1

    func generate(_ name: String, seed: UInt64, shape: SyntheticInputs.Shape = .complete) throws -> URL {
        let scratch = Fixtures.scratch(name)
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        let folder = scratch.appendingPathComponent("inputs")
        try SyntheticInputs.generate(to: folder, townships: townships, years: years, seed: seed, faultShare: faultShare, shape: shape)
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
        for section in SectionID.allCases.map(\.key) {
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
        try SyntheticInputs.generate(to: inputs, townships: n, years: [2024], seed: 11, faultShare: 0, shape: .complete)
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

    // MARK: - Realistic reports (issue 14)

    /// The numbers a pattern captures in `text`, first group of each match.
    func numbers(_ pattern: String, in text: String) -> [Int64] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            (1..<m.numberOfRanges).lazy.compactMap { k in Range(m.range(at: k), in: text).flatMap { Int64(text[$0]) } }.first
        }
    }

    /// Reports as counties get them: every readable one takes the fast path and gives the full
    /// decoder's report; optional keys are absent at realistic rates; the prose states the
    /// report's own figures and nothing that contradicts the tables; townships of a county echo
    /// one template; the rollup's totals are the files' own sums and each fault shows as itself.
    func testRealisticTreeIsConsistentAndTakesTheFastPath() throws {
        let seed: UInt64 = 20_261_201
        let inputs = try generate(#function, seed: seed, shape: .realistic)
        let plan = SyntheticInputs.faultPlan(townships: townships, seed: seed, faultShare: faultShare)
        func faults(_ f: SyntheticInputs.Fault) -> Int { plan.values.filter { $0 == f }.count }
        var reports = 0, fast = 0
        var absent: [String: Int] = [:], nulls = 0, long = 0
        var firstKeys = Set<String>()
        var expected: [String: Int64] = [:]
        var openers: [Int: [String: Int]] = [:]   // county group → first sentence of 五 → townships
        let figurePhrases: [(cell: String, pattern: String)] = [
            ("portalItems", "(?:政府门户网站主动公开政府信息|政府门户网站发布政府信息|乡镇专栏公开信息)(\\d+)条"),
            ("wechatItems", "(?:政务微信公众号发布信息|微信公众号推送信息|政务微信发布信息)(\\d+)条"),
            ("weiboItems", "微博发布信息(\\d+)条"),
            ("villageNotices", "(?:村务公开栏公开信息|公开栏张贴公示信息)(\\d+)条"),
            ("hotlineReplies", "(?:热线诉求|热线工单)(\\d+)件"),
            ("messageBoardReplies", "留言(?:板留言)?(\\d+)条"),
            ("trainingSessions", "培训(\\d+)次"),
            ("trainees", "(?:参训|参训人员|累计培训)(\\d+)人次"),
        ]
        for year in years {
            let folder = inputs.appendingPathComponent(String(year))
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
                let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
                guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { continue }
                reports += 1
                let options = DecodeOptions(expectedYear: year, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
                guard case .success(let full) = ReportDecoder.decodeFully(bytes: bytes, file: name, options: options) else {
                    XCTFail("\(year)/\(name) rejected"); continue
                }
                XCTAssertTrue(full.notes.isEmpty, "\(year)/\(name): \(full.notes)")
                if let report = FastDecoder.decode(bytes, file: name, options: options) {
                    fast += 1
                    XCTAssertEqual(report, full, name)
                }
                for key in ["sourceUrl", "publishedOn", "edition", "overview", "narrative", "informationProcessingFeeYuan"] where json[key] == nil {
                    absent[key, default: 0] += 1
                }
                let text0 = String(decoding: bytes, as: UTF8.self)
                let order = ["\"schemaVersion\"", "\"narrative\"", "\"requests\""].map { text0.range(of: $0)?.lowerBound.utf16Offset(in: text0) ?? -1 }
                firstKeys.insert(order.indices.sorted { order[$0] < order[$1] }.map(String.init).joined())
                let overview = json["overview"] as? [String: Any] ?? [:]
                nulls += overview.values.filter { $0 is NSNull }.count
                let narrative = json["narrative"] as? [String: String] ?? [:]
                for part in NarrativeKey.allCases.map(\.name) where narrative[part] == nil { absent["narrative.\(part)", default: 0] += 1 }
                if narrative.values.reduce(0, { $0 + $1.utf8.count }) >= 4_000 { long += 1 }
                if year == years.last {
                    for (path, value) in figures(json) where !(value is NSNull) {
                        expected[path, default: 0] += path == Self.feePath ? hundredths(value, path) : (value as! NSNumber).int64Value
                    }
                }

                // The prose against the report's own tables.
                let context = "\(year)/\(name)"
                let text = narrative["overview"] ?? ""
                let all = narrative.values.joined(separator: "\n")
                let received = full.value("requests.received.total"), forward = full.value("requests.carriedForward.total")
                // (A report may give 一's figures without its prose transcribed.)
                for (cell, pattern) in figurePhrases where narrative["overview"] != nil {
                    let stated = numbers(pattern, in: text)
                    let index = Catalog.index("overview.\(cell)")
                    if full.present[index] {
                        XCTAssertEqual(stated, [full.values[index]], "\(context): \(cell) as the prose states it")
                    } else {
                        XCTAssertEqual(stated, [], "\(context): \(cell) is not in the table, so not in the prose")
                    }
                }
                if narrative["overview"] != nil {
                    let saysNone = text.contains("未收到政府信息公开申请") || text.contains("未收到公民、法人或其他组织提出的政府信息公开申请")
                    XCTAssertEqual(saysNone, received == 0, context)
                    XCTAssertEqual(numbers("(?:收到|新收)政府信息公开申请(\\d+)件", in: text), received == 0 ? [] : [received], context)
                    XCTAssertEqual(numbers("结转下年度继续办理(\\d+)件", in: text), forward == 0 ? [] : [forward], context)
                }
                if text.contains("均已按时办结") || text.contains("均已在法定期限内办结") {
                    XCTAssertEqual(forward, 0, "\(context): 均已办结 with requests carried forward")
                }
                let fee = (json["informationProcessingFeeYuan"] as? NSNumber)?.int64Value ?? 0
                if all.contains("未收取") { XCTAssertEqual(fee, 0, context) }
                XCTAssertEqual(numbers("收取信息处理费(\\d+)元", in: all), fee == 0 ? [] : [fee], context)
                XCTAssertFalse(all.contains("我局"), context)
                XCTAssertEqual(Set(numbers("(\\d{4})年", in: all)).subtracting([Int64(year)]), [], "\(context): only its own year")

                if let problems = narrative["problems"], year == years.last {
                    let first = String(problems.prefix { $0 != "。" }.filter { !$0.isNumber })
                    let township = Int(name.dropFirst().prefix(5))! - 1
                    openers[township / RealisticReports.countySize, default: [:]][first, default: 0] += 1
                }
            }
        }
        XCTAssertEqual(reports, townships * years.count - faults(.missing) - faults(.truncated))
        XCTAssertEqual(fast, reports, "the fast path takes every readable report")
        func share(_ key: String) -> Double { Double(absent[key] ?? 0) / Double(reports) }
        XCTAssertTrue((0.2...0.5).contains(share("sourceUrl")), "sourceUrl absent in \(share("sourceUrl"))")
        XCTAssertTrue((0.01...0.12).contains(share("publishedOn")), "publishedOn absent in \(share("publishedOn"))")
        XCTAssertTrue((0.25...0.55).contains(share("informationProcessingFeeYuan")))
        XCTAssertTrue((0.25...0.55).contains(share("edition")))
        XCTAssertTrue((0.0...0.1).contains(share("overview")))
        XCTAssertGreaterThan(share("narrative.problems"), 0.03)
        XCTAssertGreaterThan(share("narrative.otherMatters"), 0.1)
        XCTAssertGreaterThan(nulls, 0, "some tools write null for figures not stated")
        XCTAssertGreaterThanOrEqual(firstKeys.count, 3, "keys come in more than one order: \(firstKeys)")
        XCTAssertGreaterThan(Double(long) / Double(reports), 0.02, "a share of long narratives")
        // Most townships of a county echo its template: their 五 opens with the same sentence.
        let echoing = openers.values.reduce(0) { $0 + ($1.values.max() ?? 0) }
        let written = openers.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        XCTAssertGreaterThan(Double(echoing) / Double(written), 0.5, "\(echoing) of \(written) echo their county's template")

        // The rollup: totals are the files' own sums; faults show as themselves.
        let out = Fixtures.scratch(#function + "out")
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        var options = RollupJob.Options(inputs: inputs, year: years.last!)
        options.asOf = CalendarDate(iso: "2025-03-01")
        options.xlsx = out.appendingPathComponent("county.xlsx")
        options.summary = out.appendingPathComponent("county.summary.json")
        let outcome = try RollupJob.run(options)
        keepWorkbook(outcome.xlsx)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: outcome.summary)) as! [String: Any]
        let totals = figures(summary["totals"] as! [String: Any])
        for cell in Catalog.cells {
            let got = totals[cell.dottedPath].map { cell.dottedPath == Self.feePath ? hundredths($0, cell.dottedPath) : ($0 as! NSNumber).int64Value }
            XCTAssertEqual(got ?? 0, expected[cell.dottedPath] ?? 0, "totals.\(cell.dottedPath)")
        }
        let results = summary["townships"] as! [[String: Any]]
        func flagged(_ rule: String) -> Int {
            results.filter { (($0["flags"] as? [[String: Any]]) ?? []).contains { $0["rule"] as? String == rule } }.count
        }
        XCTAssertEqual(flagged("R1"), faults(.r1))
        XCTAssertEqual(flagged("R3"), faults(.r3))
        for rule in ["R2", "R4", "R5", "incomplete", "unknownKey", "oldFormat", "duplicate"] { XCTAssertEqual(flagged(rule), 0, rule) }
    }

    func testRealisticShapeIsDeterministicAndDiffersFromComplete() throws {
        func tree(_ root: URL) throws -> [String: Data] {
            var out: [String: Data] = [:]
            for year in years {
                let folder = root.appendingPathComponent(String(year))
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                    out["\(year)/\(name)"] = try Data(contentsOf: folder.appendingPathComponent(name))
                }
            }
            return out
        }
        let a = try tree(generate(#function + "A", seed: 5, shape: .realistic))
        let b = try tree(generate(#function + "B", seed: 5, shape: .realistic))
        let c = try tree(generate(#function + "C", seed: 5, shape: .complete))
        XCTAssertEqual(a, b, "the same seed gives the same bytes")
        XCTAssertEqual(Set(a.keys), Set(c.keys))
        XCTAssertNotEqual(a["2024/t00002.json"], c["2024/t00002.json"])
        // The figures are the complete shape's: only their presence differs.
        let ra = try JSONSerialization.jsonObject(with: a["2024/t00002.json"]!) as! [String: Any]
        let rc = try JSONSerialization.jsonObject(with: c["2024/t00002.json"]!) as! [String: Any]
        XCTAssertEqual(NSDictionary(dictionary: ra["requests"] as! [String: Any]), NSDictionary(dictionary: rc["requests"] as! [String: Any]))
    }
}
