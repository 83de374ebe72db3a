@testable import Aggregate
import CountyWorkbook
import Foundation
import XCTest
import ZIPFoundation

/// 数据问题 never runs past Excel's last row (issue 14): with more problems than fit, the sheet
/// lists as many as fit and its last row says how many more summary.json holds; the workbook is
/// written and summary.json keeps every flag.
final class ProblemsOverflowTests: XCTestCase {
    func testMoreFlagsThanExcelRowsEndWithANoteAndSummaryKeepsEveryOne() throws {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let county = County(name: "合成县", code: "999999", timeZone: shanghai)
        let roster = (0..<3).map { RosterEntry(name: "合成镇0000\($0 + 1)", code: nil) }
        var rollup = Rollup.match(county: county, roster: roster, current: YearLoad(year: 2024, accepted: [], rejected: [], bytesRead: 0),
                                  previous: nil, asOf: CalendarDate(iso: "2025-03-01")!).judged()
        let before = rollup.townships.reduce(0) { $0 + $1.flags.count }
        // 1,048,600 flags in all: more than the 1,048,575 rows under the header.
        let total = 1_048_600
        let each = (total - before) / 3
        for k in 0..<3 {
            let n = k == 2 ? total - before - 2 * each : each
            rollup.townships[k].flags += [Flag](repeating: Flag(.r1, .error, path: "requests", "合计不等"), count: n - 1)
            rollup.townships[k].flags.append(Flag(.r1, .error, path: "requests", "最后一条-\(k)"))
        }
        XCTAssertEqual(rollup.townships.reduce(0) { $0 + $1.flags.count }, total)

        let scratch = Fixtures.scratch()
        addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        let xlsx = scratch.appendingPathComponent("w.xlsx")
        let clock = Date()
        try CountyWorkbook.write(rollup, to: xlsx.path, generator: "test")
        print("workbook: \(String(format: "%.1f", Date().timeIntervalSince(clock)))s")

        // The sheet's last rows, read from the end of its XML (the whole is hundreds of MB).
        let archive = try Archive(url: xlsx, accessMode: .read)
        let workbook = try extract(archive, "xl/workbook.xml", keep: .max)
        XCTAssertTrue(workbook.contains("<sheet name=\"数据问题\" sheetId=\"7\""), "数据问题 is the seventh sheet")
        let tail = try extract(archive, "xl/worksheets/sheet7.xml", keep: 16_384)
        XCTAssertTrue(tail.contains("<row r=\"1048575\""), "the last listed problem sits on Excel's second-to-last row")
        XCTAssertTrue(tail.contains("<row r=\"1048576\""), "the note sits on Excel's last row")
        XCTAssertFalse(tail.contains("<row r=\"1048577\""))
        let listed = 1_048_574
        XCTAssertTrue(tail.contains("另有 \(total - listed) 条问题超出 Excel 工作表 1048576 行的上限"), String(tail.suffix(1500)))
        XCTAssertTrue(tail.contains("summary.json"))

        print("read back: \(String(format: "%.1f", Date().timeIntervalSince(clock)))s in all")
    }

    /// summary.json holds every flag, however many: it is written from the rollup, never from the
    /// sheet. (Checked on 60,000 flags: writing a million in a debug build takes minutes.)
    func testSummaryKeepsEveryFlag() throws {
        let county = County(name: "合成县", code: "999999", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        var rollup = Rollup.match(county: county, roster: [RosterEntry(name: "合成镇00001", code: nil)],
                                  current: YearLoad(year: 2024, accepted: [], rejected: [], bytesRead: 0),
                                  previous: nil, asOf: CalendarDate(iso: "2025-03-01")!).judged()
        let before = rollup.townships[0].flags.count
        rollup.townships[0].flags += [Flag](repeating: Flag(.r1, .error, path: "requests", "合计不等"), count: 60_000)
        rollup.townships[0].flags.append(Flag(.r1, .error, path: "requests", "最后一条"))
        let summary = Summary.bytes(rollup, generator: "test")
        XCTAssertEqual(occurrences(of: "最后一条", in: summary), 1)
        XCTAssertEqual(occurrences(of: "\"message\": \"合计不等\"", in: summary), 60_000)
        XCTAssertEqual(occurrences(of: "\"rule\": ", in: summary), before + 60_001)
    }

    /// How often `needle` occurs in `bytes` (C's strstr: a debug build's loops are far too slow
    /// for 150 MB).
    func occurrences(of needle: String, in bytes: [UInt8]) -> Int {
        var hay = bytes.map { CChar(bitPattern: $0) }
        hay.append(0)
        return hay.withUnsafeBufferPointer { h in
            needle.withCString { n in
                var count = 0
                var at = h.baseAddress!
                while let hit = strstr(at, n) {
                    count += 1
                    at = UnsafePointer(hit) + strlen(n)
                }
                return count
            }
        }
    }

    /// One file of the archive as text; only its last `keep` bytes.
    func extract(_ archive: Archive, _ path: String, keep: Int) throws -> String {
        guard let entry = archive[path] else { XCTFail("\(path) not in the workbook"); return "" }
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: true) { chunk in
            data.append(chunk)
            if keep < Int.max / 4, data.count > keep * 4 { data = Data(data.suffix(keep)) }
        }
        return String(decoding: data.suffix(keep), as: UTF8.self)
    }
}
