@testable import Aggregate
import Foundation
import StrictJSON
import XCTest

/// Issue 6, fuzzer and review findings: numbers at and past the limits of the decoder, the sums
/// and the county's settings. Each case once gave a wrong answer or trapped.
final class LimitTests: XCTestCase {
    let fees = "proactive.feesTenThousandYuan"

    /// The test report with the literal of the cell at `path` (a key found once in the text)
    /// replaced by `literal`, written as is.
    func text(_ path: String, _ literal: String, cells: [String: Int64] = [:]) -> String {
        let base = TestReports.json(cells: cells)
        let key = "\"\(path.split(separator: ".").last!)\": "
        let parts = base.components(separatedBy: key)
        precondition(parts.count == 2, "\(key) is not once in the report")
        let rest = parts[1].drop { $0 != "," && $0 != "\n" && $0 != "}" }
        return parts[0] + key + literal + rest
    }

    func rejection(_ text: String) -> String? {
        let options = DecodeOptions(expectedYear: 2024, timeZone: TestReports.shanghai)
        guard case .failure(let r) = ReportDecoder.decode(bytes: Array(text.utf8), file: "2024/test.json", options: options) else { return nil }
        return r.line
    }

    // MARK: - Exponents with leading zeros

    func testExponentWithLeadingZerosIsItsValue() throws {
        XCTAssertEqual(DecimalLiteral("1e+000000001")?.scaled(by: 0), 10)
        XCTAssertEqual(DecimalLiteral("5E00000000002")?.scaled(by: 0), 500)
        XCTAssertEqual(DecimalLiteral("25e-0000000001")?.scaled(by: 1), 25, "2.5")
        XCTAssertEqual(DecimalLiteral("7e0000000000000000000")?.scaled(by: 0), 7, "an exponent of all zeros is 0")
        XCTAssertEqual(DecimalLiteral("7E+0")?.scaled(by: 0), 7)
        // Exponents that are absurd for their significant digits still are.
        XCTAssertNil(DecimalLiteral("1e0000000100000000")?.scaled(by: 0))
        XCTAssertEqual(DecimalLiteral("1e-0000000100000000")?.exponent, -100_000_000)
        XCTAssertNil(DecimalLiteral("1e"))
        XCTAssertNil(DecimalLiteral("1e+"))

        let count = try TestReports.report(text("proactive.licensing", "5E00000000002"))
        XCTAssertEqual(count.value("proactive.licensing"), 500)
        let amount = try TestReports.report(text(fees, "1e+000000001"))
        XCTAssertEqual(amount.value(fees), 10_000_000, "10 万元 in millionths")
        XCTAssertEqual(rejection(text("proactive.licensing", "1e+0000000010")),
                       "2024/test.json: proactive.licensing: expected a whole number ≥ 0 and ≤ 1000000000, found 1e+0000000010")
        XCTAssertEqual(rejection(text("proactive.licensing", "1e-00000000001")),
                       "2024/test.json: proactive.licensing: expected a whole number ≥ 0, found 1e-00000000001 (a fraction)")
    }

    // MARK: - The amount cap and the sums

    func testAmountsAreCappedAtTenMillion() throws {
        XCTAssertEqual(DecodeOptions.defaultMaximumAmount, 10_000_000)
        XCTAssertEqual(DecodeOptions.defaultMaximumCount, 1_000_000_000, "counts keep their cap")
        let atCap = try TestReports.report(text(fees, "10000000"))
        XCTAssertEqual(atCap.value(fees), 10_000_000_000_000)
        XCTAssertEqual(try TestReports.report(text(fees, "9999999.999999")).value(fees), 9_999_999_999_999)
        let expected = "expected an amount ≥ 0 (a number with at most 6 decimal places) and ≤ 10000000"
        XCTAssertEqual(rejection(text(fees, "10000000.000001")),
                       "2024/test.json: proactive.feesTenThousandYuan: \(expected), found 10000000.000001")
        XCTAssertEqual(rejection(text(fees, "1000000000")),
                       "2024/test.json: proactive.feesTenThousandYuan: \(expected), found 1000000000", "the old cap")
        XCTAssertEqual(rejection(text(fees, "1e+0000000008")),
                       "2024/test.json: proactive.feesTenThousandYuan: \(expected), found 1e+0000000008")
        let fee = TestReports.json(extra: "  \"informationProcessingFeeYuan\": 10000001")
        XCTAssertEqual(rejection(fee), "2024/test.json: informationProcessingFeeYuan: \(expected), found 10000001")
        // A cap set so high that it does not fit in millionths holds every amount that does.
        var generous = DecodeOptions(expectedYear: 2024, timeZone: TestReports.shanghai)
        generous.maximumAmount = .max
        XCTAssertEqual(try ReportDecoder.amount(.integer(900_000_000_000), fees, maximum: generous.maximumAmount).millionths,
                       900_000_000_000_000_000)
    }

    func testNationalSumsAtTheCapsAreExact() throws {
        // 40,000 townships, each at both caps: 4 × 10¹⁷ millionths of 万元 and 4 × 10¹³ items.
        let one = try TestReports.report(text(fees, "10000000", cells: ["overview.portalItems": 1_000_000_000]))
        let (totals, cellCoverage, _) = Rollup.sum(Array(repeating: one, count: 40_000))
        XCTAssertEqual(totals[Catalog.index(fees)], 400_000_000_000_000_000)
        XCTAssertEqual(totals[Catalog.index("overview.portalItems")], 40_000_000_000_000)
        XCTAssertEqual(cellCoverage[Catalog.index(fees)], 40_000)
        // The margin: reports at the amount cap that Int64 can sum, against the nation's 40,000.
        let reportsThatFit = Int64.max / (DecodeOptions.defaultMaximumAmount * Amount.unit)
        XCTAssertEqual(reportsThatFit, 922_337)
        XCTAssertGreaterThan(reportsThatFit, 20 * 40_000)
    }

    func testSumsPastInt64AreHeldAtTheLimitNotTrapped() throws {
        // Only a report made in code (past every cap) can get here.
        var huge = try TestReports.report(TestReports.json(cells: ["proactive.licensing": 1]))
        huge.values[Catalog.index(fees)] = Int64.max / 2 + 1
        huge.values[Catalog.index("proactive.licensing")] = Int64.max / 2 + 1
        let (totals, _, _) = Rollup.sum([huge, huge, huge])
        XCTAssertEqual(totals[Catalog.index(fees)], .max)
        XCTAssertEqual(totals[Catalog.index("proactive.licensing")], .max)
        XCTAssertEqual(totals[Catalog.index("proactive.penalties")], 0)
        XCTAssertEqual(Int64.max.addingSaturated(1), .max)
        XCTAssertEqual(Int64.min.addingSaturated(-1), .min)
        XCTAssertEqual(Int64(40).addingSaturated(2), 42)
        let litigation = YearOverYear.measures.first { $0.label == "行政诉讼" }!
        var values = [Int64](repeating: 0, count: Catalog.cellCount)
        for cell in litigation.cells { values[cell] = .max }
        XCTAssertEqual(YearOverYear.value(litigation, values), .max)
    }

    // MARK: - Leap seconds

    func testLeapSecondStaysOnItsDay() throws {
        let zone = TestReports.shanghai
        func day(_ text: String) throws -> String { try ReportDecoder.publicationDate(text, "publishedOn", zone: zone).description }
        XCTAssertEqual(try day("2025-01-31T23:59:60+08:00"), "2025-01-31")
        XCTAssertEqual(try day("2025-01-31T23:59:60.999+08:00"), "2025-01-31")
        XCTAssertEqual(try day("2025-01-31T23:59:60"), "2025-01-31", "local to the county")
        XCTAssertEqual(try day("2025-01-31T15:59:60Z"), "2025-01-31")
        XCTAssertEqual(try day("2025-01-31T16:00:00Z"), "2025-02-01")
        XCTAssertThrowsError(try day("2025-01-31T23:59:61+08:00"))
        let r = try TestReports.report(TestReports.json(publishedOn: "2025-01-31T23:59:60+08:00"))
        let rollup = Rollup.compute(county: TestReports.county, roster: TestReports.roster, current: TestReports.load([r]),
                                    previous: nil, asOf: CalendarDate(iso: "2025-03-01")!)
        let t = rollup.townships.first { $0.name == "城关镇" }!
        XCTAssertEqual(t.status, .onTime)
        XCTAssertEqual(t.daysLate, 0)
    }

    // MARK: - county.json

    func county(_ members: String) throws -> County {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("county.json")
        try Data("{\"name\": \"平罗县\", \"code\": \"640221\"\(members.isEmpty ? "" : ", " + members)}".utf8).write(to: url)
        return try CountyFiles.readCounty(url)
    }

    func setupError(_ members: String) -> String? {
        do {
            _ = try county(members)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testSuspectChangeFactorMustBeFiniteAndAtMostAThousand() throws {
        let expected = "county.json: suspectChangeFactor: expected a number > 1 and ≤ 1000"
        XCTAssertEqual(setupError(#""suspectChangeFactor": 1e400"#), "\(expected), found 1e400")
        XCTAssertEqual(setupError(#""suspectChangeFactor": 1001"#), "\(expected), found 1001")
        XCTAssertEqual(setupError(#""suspectChangeFactor": 1e308"#), "\(expected), found 1e308")
        XCTAssertEqual(setupError(#""suspectChangeFactor": 1"#), "\(expected), found 1")
        XCTAssertEqual(setupError(#""suspectChangeFactor": "5""#), "\(expected), found \"5\"")
        XCTAssertEqual(try county(#""suspectChangeFactor": 1000"#).settings.suspectChangeFactor, 1000)
        XCTAssertEqual(try county(#""suspectChangeFactor": 2.5"#).settings.suspectChangeFactor, 2.5)
        XCTAssertEqual(try county(#""suspectChangeFactor": 5E+00000000001"#).settings.suspectChangeFactor, 50)
    }

    func testRankingWeightsMustBeFiniteAndAtMostAThousand() throws {
        XCTAssertEqual(setupError(#""rankingWeights": {"volume": 1e400}"#),
                       "county.json: rankingWeights.volume: expected a number ≥ 0 and ≤ 1000, found 1e400")
        XCTAssertEqual(setupError(#""rankingWeights": {"quality": 1e308, "volume": 1e308}"#),
                       "county.json: rankingWeights.quality: expected a number ≥ 0 and ≤ 1000, found 1e308")
        XCTAssertEqual(setupError(#""rankingWeights": {"closure": -1}"#),
                       "county.json: rankingWeights.closure: expected a number ≥ 0 and ≤ 1000, found -1")
        XCTAssertEqual(setupError(#""rankingWeights": {"volume": 0, "closure": 0, "timeliness": 0, "quality": 1e-400}"#),
                       "county.json: rankingWeights: expected at least one weight > 0")
        let w = try county(#""rankingWeights": {"volume": 1000, "closure": 1000, "timeliness": 1000, "quality": 1000}"#).settings.rankingWeights
        XCTAssertEqual(w.sum, 4000)
        XCTAssertEqual(w.divisor, 4000)
        var none = RankingWeights()
        (none.volume, none.closure, none.timeliness, none.quality) = (0, 0, 0, 0)
        XCTAssertEqual(none.divisor, 1, "weights made in code may all be 0: the composite is then 0, not NaN")
    }

    func testOtherCountySettingsAreBounded() throws {
        XCTAssertEqual(setupError(#""copiedThreshold": 1e400"#), "county.json: copiedThreshold: expected a number in (0, 1], found 1e400")
        XCTAssertEqual(setupError(#""perfunctoryMinimumLength": 1e400"#),
                       "county.json: perfunctoryMinimumLength: expected a whole number ≥ 0, found 1e400")
        XCTAssertEqual(setupError(#""suspectChangeMinimum": 99999999999999999999"#),
                       "county.json: suspectChangeMinimum: expected a whole number ≥ 0, found 99999999999999999999")
        let deadline = "county.json: deadline: expected a month and day \"MM-DD\" such as \"01-31\""
        XCTAssertEqual(setupError(#""deadline": "01/31""#), "\(deadline), found \"01/31\"")
        XCTAssertEqual(setupError(#""deadline": "+1-31""#), "\(deadline), found \"+1-31\"")
        XCTAssertEqual(setupError(#""deadline": "01-+1""#), "\(deadline), found \"01-+1\"")
        XCTAssertEqual(setupError(#""deadline": "02-30""#), "\(deadline), found \"02-30\"")
        let feb29 = try county(#""deadline": "02-29""#)
        XCTAssertEqual(feb29.deadline(for: 2024).description, "2025-02-28", "no 29 February in 2025")
        XCTAssertEqual(feb29.deadline(for: 2023).description, "2024-02-29")
        let march = try county(#""deadline": "03-20""#)
        XCTAssertEqual([march.deadlineMonth, march.deadlineDay], [3, 20])
    }

    // MARK: - Ratios in messages

    func testFormatRatioNeverTraps() {
        XCTAssertEqual(Rules.formatRatio(5), "5")
        XCTAssertEqual(Rules.formatRatio(2.5), "2.5")
        XCTAssertEqual(Rules.formatRatio(1.0 / 3), "0.33")
        XCTAssertEqual(Rules.formatRatio(-0.0), "0")
        XCTAssertEqual(Rules.formatRatio(.infinity), "∞")
        XCTAssertEqual(Rules.formatRatio(-.infinity), "-∞")
        XCTAssertEqual(Rules.formatRatio(.nan), "—")
        XCTAssertEqual(Rules.formatRatio(1e300), "1e+300")
        XCTAssertEqual(Rules.formatRatio(9.3e18), "9.3e+18", "beyond Int64")
        XCTAssertEqual(Rules.formatRatio(0x1p53), "9007199254740992")
        XCTAssertEqual(Rules.formatRatio(0x1p53 - 1), "9007199254740991")
        XCTAssertEqual(Rules.formatRatio(.greatestFiniteMagnitude), "1.7976931348623157e+308")
    }

    func testSuspectChangeWithAnInfiniteFactorMadeInCode() throws {
        let before = try TestReports.report(file: "2023/a.json", TestReports.json(year: 2023, publishedOn: "2024-01-10", cells: ["proactive.licensing": 30]),
                                            expectedYear: 2023)
        let none = try TestReports.report(TestReports.json(cells: ["proactive.licensing": 0]))
        var settings = County.Settings()
        settings.suspectChangeFactor = .infinity
        let f = Rules.suspect(none, previous: before, asOf: CalendarDate(iso: "2025-03-01")!, settings: settings)
        XCTAssertEqual(f.map(\.message), ["行政许可：本年0，上年30，为上年的0倍（阈值∞倍）"])
    }
}

/// Names and file names quoted inside messages: shortened and, with bidirectional controls, isolated.
final class MessageTextTests: XCTestCase {
    func testPlainNamesAreQuotedAsTheyAre() {
        XCTAssertEqual(inMessage("宝丰镇"), "宝丰镇")
        XCTAssertEqual(inMessage("2024/baofeng.json"), "2024/baofeng.json")
        XCTAssertEqual(inMessage("קיבוץ\u{200F}测试"), "קיבוץ\u{200F}测试")   // a mark only: nothing to close
        XCTAssertEqual(inMessage(String(repeating: "长", count: 50)), String(repeating: "长", count: 50))
    }

    func testLongNamesAreShortenedWithTheirLength() {
        XCTAssertEqual(inMessage(String(repeating: "长", count: 51)), String(repeating: "长", count: 50) + "…（共51字）")
    }

    func testBidirectionalControlsAreIsolated() {
        XCTAssertEqual(inMessage("测试\u{202E}农场"), "\u{2068}测试\u{202E}农场\u{2069}")
        XCTAssertEqual(inMessage("a\u{2067}b"), "\u{2068}a\u{2067}b\u{2069}")
        let long = String(repeating: "长", count: 60) + "\u{202E}"
        XCTAssertEqual(inMessage("\u{202E}" + long), "\u{2068}\u{202E}" + String(repeating: "长", count: 49) + "…（共62字）\u{2069}")
    }
}
