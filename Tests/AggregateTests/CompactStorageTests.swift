@testable import Aggregate
import XCTest

/// The compact forms a rollup keeps its reports and townships in read and change exactly as the
/// arrays and plain values they replace.
final class CompactStorageTests: XCTestCase {
    func testCellValuesReadAsTheArrayTheyWereMadeFrom() {
        var cells = [Int64](repeating: 0, count: 208)
        cells[0] = 163
        cells[63] = -1
        cells[64] = Int64.max
        cells[130] = 7
        cells[207] = 2001
        let v = CellValues(cells)
        XCTAssertEqual(v.count, 208)
        XCTAssertEqual(Array(v), cells)
        XCTAssertEqual(v[64], Int64.max)
        XCTAssertEqual(v[65], 0)
        var visited: [(Int, Int64)] = []
        v.forEachNonZero { visited.append(($0, $1)) }
        XCTAssertEqual(visited.map(\.0), [0, 63, 64, 130, 207])
        XCTAssertEqual(visited.map(\.1), [163, -1, Int64.max, 7, 2001])

        var changed = v
        changed[130] = 0
        changed[5] = 12
        XCTAssertEqual(changed[5], 12)
        XCTAssertEqual(changed[130], 0)
        XCTAssertEqual(v[130], 7, "the original is unchanged")
        XCTAssertEqual(changed, CellValues({ var c = cells; c[130] = 0; c[5] = 12; return c }()), "one form for one content")
        XCTAssertEqual(CellValues([Int64](repeating: 0, count: 3)).reduce(0, +), 0)
    }

    func testCellBitsReadAndChangeAsBools() {
        var flags = [Bool](repeating: false, count: 130)
        for i in [1, 64, 129] { flags[i] = true }
        var bits = CellBits(flags)
        XCTAssertEqual(Array(bits), flags)
        bits[64] = false
        bits[2] = true
        XCTAssertEqual(bits.indices.filter { bits[$0] }, [1, 2, 129])
        XCTAssertEqual(bits[0..<3].filter { $0 }.count, 2)
    }

    func testTownshipLinesAreValuesThoughTheirFieldsAreShared() {
        let flag = Flag(.dateUnknown, .warning, path: "publishedOn", "报告未注明发布日期")
        let a = TownshipResult(name: "宝丰镇", code: "640221100", onRoster: true, status: .onTime, publishedOn: nil,
                               daysLate: 0, daysLeft: nil, file: "2024/a.json", report: nil, flags: [flag], counted: true)
        var b = a
        b.flags.append(Flag(.r1, .error, path: "requests", "一+二≠三+四"))
        b.name = "黄渠桥镇"
        XCTAssertEqual(a.name, "宝丰镇")
        XCTAssertEqual([a.errorCount, a.warningCount, a.flags.count], [0, 1, 1])
        XCTAssertEqual([b.errorCount, b.warningCount, b.flags.count], [1, 1, 2])
        b.flags = []
        XCTAssertEqual([b.errorCount, b.warningCount], [0, 0])
    }
}
