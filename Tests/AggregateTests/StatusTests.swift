@testable import Aggregate
import XCTest

/// Deadlines and statuses, at their boundaries.
final class StatusTests: XCTestCase {
    let county = TestReports.county

    func rollup(_ reports: [Report], rejected: [Rejection] = [], asOf: String, previous: [Report]? = nil,
                county: County? = nil) -> Rollup {
        Rollup.compute(county: county ?? self.county, roster: TestReports.roster, current: TestReports.load(reports, rejected: rejected),
                       previous: previous.map { TestReports.load($0, year: 2023) }, asOf: CalendarDate(iso: asOf)!)
    }

    func township(_ r: Rollup, _ name: String) -> TownshipResult { r.townships.first { $0.name == name }! }

    func published(_ date: String?) throws -> Report { try TestReports.report(TestReports.json(publishedOn: date)) }

    func testPublishedOnTheDeadlineDayIsOnTime() throws {
        let t = township(rollup([try published("2025-01-31")], asOf: "2025-03-01"), "城关镇")
        XCTAssertEqual(t.status, .onTime)
        XCTAssertEqual(t.daysLate, 0)
    }

    func testPublishedTheDayAfterIsOneDayLate() throws {
        let t = township(rollup([try published("2025-02-01")], asOf: "2025-03-01"), "城关镇")
        XCTAssertEqual(t.status, .late)
        XCTAssertEqual(t.daysLate, 1)
    }

    func testAsOfTheDeadlineDayIsPendingAndTheDayAfterMissing() {
        let onDay = township(rollup([], asOf: "2025-01-31"), "黄渠桥镇")
        XCTAssertEqual(onDay.status, .pending)
        XCTAssertEqual(onDay.daysLeft, 0)
        let before = township(rollup([], asOf: "2025-01-21"), "黄渠桥镇")
        XCTAssertEqual(before.daysLeft, 10)
        let after = township(rollup([], asOf: "2025-02-01"), "黄渠桥镇")
        XCTAssertEqual(after.status, .missing)
        XCTAssertEqual(after.daysLate, 1)
    }

    func testTimesNearMidnightAreJudgedInTheCountysTimeZone() throws {
        // 23:30 in Shanghai on the deadline day: on time.
        XCTAssertEqual(township(rollup([try published("2025-01-31T23:30:00+08:00")], asOf: "2025-03-01"), "城关镇").status, .onTime)
        // 16:30 UTC on 31 January is 00:30 on 1 February in Shanghai: one day late.
        let late = township(rollup([try published("2025-01-31T16:30:00Z")], asOf: "2025-03-01"), "城关镇")
        XCTAssertEqual(late.status, .late)
        XCTAssertEqual(late.daysLate, 1)
        XCTAssertEqual(late.publishedOn?.description, "2025-02-01")
        // 15:59 UTC is 23:59 in Shanghai: on time.
        XCTAssertEqual(township(rollup([try published("2025-01-31T15:59:00Z")], asOf: "2025-03-01"), "城关镇").status, .onTime)
        // A local time without an offset is the county's own.
        XCTAssertEqual(township(rollup([try published("2025-01-31T23:59:59")], asOf: "2025-03-01"), "城关镇").status, .onTime)
        // Today in the county's time zone.
        let instant = Date(timeIntervalSince1970: 1_738_339_200)  // 2025-01-31T16:00:00Z
        XCTAssertEqual(county.today(now: instant).description, "2025-02-01")
        XCTAssertEqual(county.today(now: instant.addingTimeInterval(-1)).description, "2025-01-31")
    }

    func testDeadlineIsACountySetting() throws {
        var c = county
        c.deadlineMonth = 2
        c.deadlineDay = 20
        let r = rollup([try published("2025-02-14")], asOf: "2025-02-21", county: c)
        XCTAssertEqual(r.deadline.description, "2025-02-20")
        XCTAssertEqual(township(r, "城关镇").status, .onTime)
        XCTAssertEqual(township(r, "黄渠桥镇").status, .missing)
        XCTAssertEqual(township(r, "黄渠桥镇").daysLate, 1)
    }

    func testNoDateIsDateUnknownWithAFlag() throws {
        let t = township(rollup([try published(nil)], asOf: "2025-03-01"), "城关镇")
        XCTAssertEqual(t.status, .dateUnknown)
        XCTAssertEqual(t.flags.map(\.rule), [.dateUnknown])
    }

    func testRejectedFileNamingTheTownshipIsUnreadableNotMissing() {
        let r = rollup([], rejected: [Rejection(file: "2024/640221102.json", path: "", message: "x"),
                                      Rejection(file: "2024/黄渠桥镇-年报.json", path: "", message: "y")], asOf: "2025-03-01")
        XCTAssertEqual(township(r, "宝丰镇").status, .unreadable)
        XCTAssertEqual(township(r, "黄渠桥镇").status, .unreadable)
        XCTAssertEqual(township(r, "黄渠桥镇").file, "2024/黄渠桥镇-年报.json")
        XCTAssertEqual(township(r, "城关镇").status, .missing)
    }

    func testDuplicateTakesTheLaterPublication() throws {
        let first = try TestReports.report(file: "2024/a.json", TestReports.json(publishedOn: "2025-01-10", cells: ["proactive.licensing": 3]))
        let correction = try TestReports.report(file: "2024/b.json", TestReports.json(publishedOn: "2025-01-25", cells: ["proactive.licensing": 4]))
        for order in [[first, correction], [correction, first]] {
            let r = rollup(order, asOf: "2025-03-01")
            let t = township(r, "城关镇")
            XCTAssertEqual(t.file, "2024/b.json")
            XCTAssertEqual(t.flags.filter { $0.rule == .duplicate }.count, 1)
            XCTAssertEqual(r.totals[Catalog.index("proactive.licensing")], 4)
        }
    }

    func testMatchingByCodeWinsOverName() throws {
        let renamed = try TestReports.report(TestReports.json(name: "宝丰镇人民政府", code: "640221102"))
        let r = rollup([renamed], asOf: "2025-03-01")
        XCTAssertEqual(township(r, "宝丰镇").status, .onTime)
        XCTAssertEqual(r.townships.count, 3)
        // Names compare after NFC normalisation and trimming.
        let spaced = try TestReports.report(TestReports.json(name: "  黄渠桥镇 ", code: nil))
        XCTAssertEqual(township(rollup([spaced], asOf: "2025-03-01"), "黄渠桥镇").status, .onTime)
    }

    func testNotOnRosterIsListedFlaggedAndNotSummed() throws {
        let stranger = try TestReports.report(TestReports.json(name: "前进农场", code: nil, cells: ["proactive.licensing": 7]))
        let r = rollup([stranger], asOf: "2025-03-01")
        XCTAssertEqual(r.townships.last?.name, "前进农场")
        XCTAssertEqual(r.townships.last?.onRoster, false)
        XCTAssertEqual(r.townships.last?.flags.map(\.rule), [.notOnRoster])
        XCTAssertEqual(r.totals[Catalog.index("proactive.licensing")], 0)
    }

    func testRuleBrokenReportIsStillSummed() throws {
        let broken = try TestReports.report(TestReports.json(cells: ["requests.received.total": 3]))
        let r = rollup([broken], asOf: "2025-03-01")
        XCTAssertEqual(r.totals[Catalog.index("requests.received.total")], 3)
        XCTAssertEqual(Set(township(r, "城关镇").flags.map(\.rule)), [.r1, .r3])
    }

    func testR5UsesThePreviousYearsReport() throws {
        let prev = try TestReports.report(file: "2023/a.json", TestReports.json(year: 2023, publishedOn: "2024-01-10", cells: [
            "requests.received.total": 1, "requests.received.naturalPerson": 1,
            "requests.carriedForward.total": 1, "requests.carriedForward.naturalPerson": 1,
        ]), expectedYear: 2023)
        let cur = try published("2025-01-10")
        let r = rollup([cur], asOf: "2025-03-01", previous: [prev])
        XCTAssertEqual(township(r, "城关镇").flags.filter { $0.rule == .r5 }.map(\.path),
                       ["requests.carriedOver.naturalPerson", "requests.carriedOver.total"])
        XCTAssertNotNil(r.previousTotals)
    }
}
