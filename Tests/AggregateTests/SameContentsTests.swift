@testable import Aggregate
import Foundation
import StrictJSON
import TestSupport
import XCTest

/// A file with the same bytes as one already decoded gets that report under its own name
/// (Load/SameContents.swift); anything short of the same bytes in an unchanged file is decoded.
final class SameContentsTests: XCTestCase {
    let zone = TimeZone(identifier: "Asia/Shanghai")!

    func folder(_ files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("same-\(UUID().uuidString)")
        let year = root.appendingPathComponent("2024")
        try FileManager.default.createDirectory(at: year, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: year.appendingPathComponent(name)) }
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return root
    }

    /// A clean report with a long remark first, so that its figures lie in the middle of the
    /// file, where the key samples only a few places.
    func report(licensing: Int64) -> [UInt8] {
        guard case .object(var members) = CleanReport.with("proactive.licensing", .integer(licensing)) else { fatalError() }
        members.insert(("备注", .string(String(repeating: "本镇依法依规开展政务公开工作。", count: 400))), at: 0)
        return CleanReport.bytes(.object(members))
    }

    func testTheSameBytesUnderThreeNamesAreThreeReportsOfTheirOwnNames() throws {
        let bytes = report(licensing: 7)
        let root = try folder(["a.json": bytes, "a (1).json": bytes, "副本 a.json": bytes])
        for threads in [1, 2] {
            var options = LoadOptions()
            options.threads = threads
            let load = Loader.load(inputs: root, year: 2024, timeZone: zone, options: options)
            XCTAssertEqual(load.rejected.count, 0)
            XCTAssertEqual(Set(load.accepted.map(\.file)), ["2024/a.json", "2024/a (1).json", "2024/副本 a.json"])
            let alone = try XCTUnwrap(try? ReportDecoder.decode(bytes: bytes, file: "x", options: DecodeOptions(expectedYear: 2024, timeZone: zone)).get())
            for r in load.accepted {
                var expected = alone
                expected.file = r.file
                XCTAssertEqual(r, expected, r.file)
            }
        }
    }

    func testSameSizeAndSampleButOtherBytesAreDecodedEach() throws {
        let a = report(licensing: 1111), b = report(licensing: 2222)
        XCTAssertEqual(a.count, b.count)
        XCTAssertEqual(SameContents.Key(a.withUnsafeBufferPointer { $0 }), SameContents.Key(b.withUnsafeBufferPointer { $0 }),
                       "the two differ only where the key does not look, so only the comparison tells them apart")
        let root = try folder(["a.json": a, "b.json": b])
        var options = LoadOptions()
        options.threads = 1
        let load = Loader.load(inputs: root, year: 2024, timeZone: zone, options: options)
        let licensing = Dictionary(uniqueKeysWithValues: load.accepted.map { ($0.file, $0.value("proactive.licensing")) })
        XCTAssertEqual(licensing["2024/a.json"], 1111)
        XCTAssertEqual(licensing["2024/b.json"], 2222)
    }

    func testAnEarlierFileChangedSinceIsNotTakenForTheSame() throws {
        let bytes = report(licensing: 7)
        let root = try folder(["a.json": bytes])
        let place = Loader.FilePlace(folder: -1, folderPath: Array(root.appendingPathComponent("2024").path.utf8), name: Array("a.json".utf8))
        var st = stat()
        XCTAssertEqual(stat(root.appendingPathComponent("2024/a.json").path, &st), 0)
        let stamp = FileStamp(st)
        bytes.withUnsafeBufferPointer { XCTAssertTrue(SameContents.holds(place, stamp, $0)) }
        // Rewritten with the very same bytes: another write, so no longer the file that was read.
        usleep(10_000)
        try Data(bytes).write(to: root.appendingPathComponent("2024/a.json"))
        bytes.withUnsafeBufferPointer { XCTAssertFalse(SameContents.holds(place, stamp, $0)) }
    }
}
