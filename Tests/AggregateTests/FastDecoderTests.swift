@testable import Aggregate
import Foundation
import TestSupport
import XCTest

/// The fast path must give exactly what the full decoder gives, or give up.
final class FastDecoderTests: XCTestCase {
    let options2024 = DecodeOptions(expectedYear: 2024, timeZone: TestReports.shanghai)

    static var repository: URL { Repository.root }

    func compare(_ bytes: [UInt8], file: String, options: DecodeOptions, line: UInt = #line) -> Bool {
        let full = ReportDecoder.decodeFully(bytes: bytes, file: file, options: options)
        guard let fast = FastDecoder.decode(bytes, file: file, options: options) else { return false }
        guard case .success(let report) = full else {
            XCTFail("fast path accepted what the full decoder rejects: \(file)", line: line)
            return true
        }
        XCTAssertEqual(fast, report, file, line: line)
        return true
    }

    func testFuzzerFindingsDecodeTheSameEitherWay() throws {
        let folder = Self.repository.appendingPathComponent("Tests/Corpus/fuzz")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let options = DecodeOptions(expectedYear: nil, timeZone: TestReports.shanghai)
            if case .failure = ReportDecoder.decodeFully(bytes: bytes, file: name, options: options) {
                XCTAssertNil(FastDecoder.decode(bytes, file: name, options: options), "\(name): the fast path must give up")
            } else {
                _ = compare(bytes, file: name, options: options)
            }
        }
    }

    func testBundledInputsDecodeTheSameEitherWay() throws {
        var fastCount = 0
        for year in [2023, 2024] {
            let folder = Self.repository.appendingPathComponent("inputs/\(year)")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
                let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
                if compare(bytes, file: "\(year)/\(name)", options: DecodeOptions(expectedYear: year, timeZone: TestReports.shanghai)) {
                    fastCount += 1
                }
            }
        }
        // The complete, clean reports (all of 2023 and most of 2024) take the fast path.
        XCTAssertGreaterThanOrEqual(fastCount, 20)
        let chengguan = [UInt8](try Data(contentsOf: Self.repository.appendingPathComponent("inputs/2024/chengguan.json")))
        XCTAssertNotNil(FastDecoder.decode(chengguan, file: "x", options: options2024))
    }

    func testAnythingUnusualFallsBackToTheFullDecoder() throws {
        let base = TestReports.json(cells: ["proactive.feesTenThousandYuan": 0, "requests.received.total": 3])
        XCTAssertTrue(compare(Array(base.utf8), file: "b", options: options2024))
        let variants: [String] = [
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3.0"),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": -3"),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": \"3\""),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3, \"total\": 4"),
            base.replacingOccurrences(of: "\"total\": 3", with: "\"total\": 3, \"extra\": 4"),
            base.replacingOccurrences(of: "\"edition\": \"2021\"", with: "\"edition\": \"2019\""),
            base.replacingOccurrences(of: "\"year\": 2024", with: "\"year\": 2023"),
            base.replacingOccurrences(of: "\"publishedOn\": \"2025-01-20\"", with: "\"publishedOn\": null"),
            base.replacingOccurrences(of: "\"name\": \"城关镇\"", with: "\"name\": \"\\u57CE关镇\""),
            base + "x",
            // Found by the fuzzer: "2." is not JSON; the fast path once read it as 2.
            base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 2."),
            base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 02"),
            base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1e"),
            String(base.dropLast(40)),
        ]
        for v in variants {
            XCTAssertNil(FastDecoder.decode(Array(v.utf8), file: "v", options: options2024), v.suffix(200).description)
        }
        // Values the fast path does take are the full decoder's.
        for v in [base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 12.345"),
                  // Found in review: leading zeros in an exponent once made it "absurd" in both decoders.
                  base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1e+000000001"),
                  base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 125E-0000000002"),
                  base.replacingOccurrences(of: "\"publishedOn\": \"2025-01-20\"", with: "\"publishedOn\": \"2025-01-31T16:30:00Z\""),
                  base.replacingOccurrences(of: "\"name\": \"城关镇\"", with: "\"name\": \" 城关镇\\t\"")] {
            XCTAssertTrue(compare(Array(v.utf8), file: "v", options: options2024), v)
        }
    }

    func testExponentWithLeadingZerosDecodesTheSameEitherWay() throws {
        let base = TestReports.json(cells: ["proactive.feesTenThousandYuan": 0, "requests.received.total": 3])
        let fee = base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1e+000000001")
        let fast = try XCTUnwrap(FastDecoder.decode(Array(fee.utf8), file: "f", options: options2024), "the fast path takes an amount in exponent form")
        XCTAssertEqual(fast.value("proactive.feesTenThousandYuan"), 10_000_000)
        XCTAssertTrue(compare(Array(fee.utf8), file: "f", options: options2024))
        // A count in exponent form is left to the full decoder, which reads it as 500.
        let count = base.replacingOccurrences(of: "\"licensing\": 0", with: "\"licensing\": 5E00000000002")
        XCTAssertNil(FastDecoder.decode(Array(count.utf8), file: "c", options: options2024))
        guard case .success(let full) = ReportDecoder.decodeFully(bytes: Array(count.utf8), file: "c", options: options2024) else {
            return XCTFail("5E00000000002 is the whole number 500")
        }
        XCTAssertEqual(full.value("proactive.licensing"), 500)
        // Over the amount cap, however written: both decoders refuse it, with one message.
        let over = base.replacingOccurrences(of: "\"feesTenThousandYuan\": 0", with: "\"feesTenThousandYuan\": 1.0000001e+0000007")
        XCTAssertNil(FastDecoder.decode(Array(over.utf8), file: "o", options: options2024))
        guard case .failure(let rejection) = ReportDecoder.decode(bytes: Array(over.utf8), file: "o", options: options2024) else {
            return XCTFail("10000001 万元 is over the cap")
        }
        XCTAssertEqual(rejection.line,
                       "o: proactive.feesTenThousandYuan: expected an amount ≥ 0 (a number with at most 6 decimal places) and ≤ 10000000, found 1.0000001e+0000007")
    }
}
