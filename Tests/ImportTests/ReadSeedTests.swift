import Aggregate
import Foundation
@testable import Import
import StrictJSON
import XCTest

/// The seed report (the only real text in the project) read from its published text must give
/// exactly what inputs/2024/baofeng.json, transcribed by hand, says.
final class ReadSeedTests: XCTestCase {
    func testSeedTextReadsToBaofengJSON() throws {
        guard case .read(let imported) = Importer.read(bytes: ReadFixtures.seed, fileName: "baofeng.txt", expectedYear: 2024) else {
            return XCTFail("the seed is unreadable")
        }
        XCTAssertEqual(imported.format, .text)
        let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let read = try ReportDecoder.decode(bytes: imported.bytes, file: "a", options: options).get()
        let typed = try ReportDecoder.decode(bytes: ReadFixtures.baofengJSON, file: "b", options: options).get()
        XCTAssertEqual(read.values, typed.values, "every cell, overview included")
        XCTAssertEqual(read.present, typed.present)
        XCTAssertEqual(read.sections, typed.sections)
        XCTAssertEqual(read.unit.name, "宝丰镇")
        XCTAssertEqual(read.unit.county, "平罗县")
        XCTAssertEqual(read.year, 2024)
        XCTAssertNil(read.publishedOn, "the seed gives no date: unknown, as in baofeng.json")
        XCTAssertEqual(read.edition, .y2021)
        XCTAssertEqual(read.narrative, typed.narrative, "sections 一, 五 and 六 as text")
        XCTAssertEqual(read.informationProcessingFeeYuan, typed.informationProcessingFeeYuan)
        XCTAssertEqual(read.notes, typed.notes)
        XCTAssertEqual(imported.account.cellsRead, 200)
        XCTAssertEqual(imported.account.doubts, [])
        // The overview's approximate figures are said so.
        XCTAssertTrue(imported.account.notes.contains { $0.hasPrefix("overview.villageNotices") && $0.contains("1200") })
        XCTAssertTrue(imported.account.notes.contains { $0.hasPrefix("overview.trainees") && $0.contains("16") })
        XCTAssertTrue(imported.account.found.contains { $0.hasPrefix("unit 宝丰镇 from the title") })
    }

    /// The narrative fields as the JSON carries them, whole.
    func testSeedNarrativeTextMatchesTheTranscription() throws {
        let r = try ReadFixtures.read(ReadFixtures.document(String(decoding: ReadFixtures.seed, as: UTF8.self)), file: "baofeng.txt")
        guard case .object(let top) = try JSONParser.parse(ReadFixtures.baofengJSON),
              case .object(let want)? = top.first(where: { $0.0 == "narrative" })?.1,
              case .object(let json) = r.json, case .object(let got)? = json.first(where: { $0.0 == "narrative" })?.1 else {
            return XCTFail("no narrative")
        }
        for key in NarrativeKey.allCases.map(\.name) {
            XCTAssertEqual(got.first { $0.0 == key }?.1, want.first { $0.0 == key }?.1, key)
        }
    }
}
