@testable import Aggregate
import Foundation
import Synthetic
import XCTest

/// `nianbao generate` writes prose that states each report's own figures: rolled up, thousands of
/// them give no finding from any prose rule (the rules' precision on consistent reports).
final class ProseGeneratedTests: XCTestCase {
    /// The prose flags of a generated tree's last year, rolled up as `nianbao rollup` would.
    static func proseFlags(townships: Int, seed: UInt64, shape: SyntheticInputs.Shape, rules: Set<Rule>) throws -> (reports: Int, flags: [Flag]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-prose-generated-\(seed)-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SyntheticInputs.generate(to: folder, townships: townships, years: [2023, 2024], seed: seed, faultShare: 0, shape: shape)
        let county = try CountyFiles.readCounty(folder.appendingPathComponent("county.json"))
        let roster = try CountyFiles.readRoster(folder.appendingPathComponent("roster.csv"))
        let current = Loader.load(inputs: folder, year: 2024, timeZone: county.timeZone)
        let previous = Loader.load(inputs: folder, year: 2023, timeZone: county.timeZone)
        let r = Rollup.compute(county: county, roster: roster, current: current, previous: previous,
                               asOf: CalendarDate(iso: "2025-03-01")!)
        return (current.accepted.count, r.townships.flatMap(\.flags).filter { rules.contains($0.rule) })
    }

    /// Realistic reports (`nianbao generate`'s default) state their own figures in many phrasings
    /// and never contradict their tables: no statement rule fires. (Their townships echo county
    /// templates and some write too little, so copied, boilerplate and perfunctory do fire there,
    /// as they should.)
    func testThousandsOfRealisticReportsGiveNoStatementFinding() throws {
        let rules: Set<Rule> = [.textTable, .proseSum, .contradiction, .wrongYear, .wrongUnit]
        let (reports, flags) = try Self.proseFlags(townships: 2000, seed: 20_251_201, shape: .realistic, rules: rules)
        XCTAssertEqual(reports, 2000)
        XCTAssertEqual(flags.count, 0, flags.prefix(5).map { "\($0.rule) \($0.path) \($0.message)" }.joined(separator: "\n"))
    }

    /// Complete reports, each township's prose its own: no prose rule at all fires.
    func testThousandsOfCompleteReportsGiveNoProseFinding() throws {
        let (reports, flags) = try Self.proseFlags(townships: 2000, seed: 20_251_201, shape: .complete,
                                                   rules: ProseStatementTests.prose.union([.perfunctory]))
        XCTAssertEqual(reports, 2000)
        XCTAssertEqual(flags.count, 0, flags.prefix(5).map { "\($0.rule) \($0.path) \($0.message)" }.joined(separator: "\n"))
    }
}
