import Aggregate
import Foundation
@testable import Import
import StrictJSON
import XCTest

/// What reading a report's document costs beside decoding its JSON, and where the reader's time
/// goes: measurements that assert nothing, so they run only on request (NIANBAO_READ_SPEED=1);
/// speed itself is `make bench`'s (docs/performance.md, "Reading published reports").
final class ReadSpeedTests: XCTestCase {
    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["NIANBAO_READ_SPEED"] != nil else {
            throw XCTSkip("a measurement: set NIANBAO_READ_SPEED=1 to print the reader's costs")
        }
    }

    func testReadingCostBesideJSONDecoding() throws {
        let text = ReadFixtures.seed
        let json = ReadFixtures.baofengJSON
        let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let n = 50
        var t0 = Date()
        for _ in 0..<n { _ = ReportDecoder.decode(bytes: json, file: "a", options: options) }
        let decode = Date().timeIntervalSince(t0)
        t0 = Date()
        for _ in 0..<n {
            guard case .read(let r) = Importer.read(bytes: text, fileName: "a.txt", expectedYear: 2024) else { return XCTFail() }
            _ = ReportDecoder.decode(bytes: r.bytes, file: "a", options: options)
        }
        let importing = Date().timeIntervalSince(t0)
        print(String(format: "import %.2f ms/report, JSON decode %.2f ms/report, ratio %.1f",
                     importing * 1000 / Double(n), decode * 1000 / Double(n), importing / decode))
    }
}

extension ReadSpeedTests {
    func testWhereTheTimeGoes() throws {
        let doc = try Extractor.document(bytes: ReadFixtures.seed, format: .text)
        let n = 20
        var times: [String: Double] = [:]
        func lap(_ name: String, _ body: () throws -> Void) rethrows {
            let t = Date()
            try body()
            times[name, default: 0] += Date().timeIntervalSince(t)
        }
        for _ in 0..<n {
            var lines: [Line] = []
            lap("lines") { lines = Lines.make(doc) }
            var s = ReadState(lines: lines, fileName: "a.txt", options: ReportReader.Options(expectedYear: 2024))
            lap("headings") { s.findHeadings() }
            lap("proactive") { s.readProactive() }
            lap("requests") { s.readRequests() }
            lap("appeals") { s.readAppeals() }
            try lap("guard") { try s.guardArithmetic() }
            lap("identity") { s.readIdentity() }
            lap("prose") { s.readProse() }
            lap("json") { _ = JSONWriter.bytes(s.json()) }
        }
        print(times.sorted { $0.value > $1.value }.map { String(format: "%@ %.2fms", $0.key, $0.value * 1000 / Double(n)) }.joined(separator: ", "))
    }
}
