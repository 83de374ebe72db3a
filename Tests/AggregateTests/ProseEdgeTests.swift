import Aggregate
import Foundation
import StrictJSON
import XCTest

/// Prose cut short where a number ends the text: found when the importer handed the prose checks
/// a section whose last clause ends on its figure ("…发布信息1200余"), which read past the end.
final class ProseEdgeTests: XCTestCase {
    func testANumberAtTheVeryEndOfAProseSectionIsRead() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("inputs/json/2024/chengguan.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        for ending in ["全年门户网站发布信息1200余", "全年门户网站发布信息12", "共12", "1", "余", "12.5"] {
            var json = try JSONParser.parse(Array(text.utf8))
            guard case .object(var top) = json, let n = top.firstIndex(where: { $0.0 == "narrative" }),
                  case .object(var parts) = top[n].1 else { return XCTFail("narrative") }
            for k in parts.indices { parts[k].1 = .string(ending) }
            top[n].1 = .object(parts)
            json = .object(top)
            let report = try ReportDecoder.decode(bytes: Array(JSONWriter.write(json).utf8), file: "2024/x.json", options: options).get()
            XCTAssertTrue(report.narrative.hasOverview, ending)
        }
    }
}
