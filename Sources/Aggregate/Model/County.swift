import Foundation

/// The county's settings from `county.json`.
package struct County: Sendable {
    package var name: String
    package var code: String
    /// Month and day of the deadline in the year after the reporting year.
    package var deadlineMonth = 1
    package var deadlineDay = 31
    package var timeZone: TimeZone
    package var settings = Settings()

    /// Thresholds a county may tune; defaults are documented in README.md.
    package struct Settings: Sendable {
        /// A headline figure this many times its previous year's value (or less than 1/this) is suspect.
        package var suspectChangeFactor: Double = 5
        /// The largest factor county.json may set: far beyond any useful threshold, and finite, so
        /// that it can be compared and printed (`1e400` reads as infinity).
        package static let maximumChangeFactor = 1000.0
        /// …when the larger of the two is at least this, so small numbers do not raise alarms.
        package var suspectChangeMinimum: Int64 = 20
        /// 内容雷同 when at least this share of 五 and 六's text (by characters, common template
        /// sentences not counted) is found in the township's previous report or another township's.
        package var copiedThreshold = 0.6
        /// Section 五 shorter than this many characters (letters and digits) is 敷衍.
        package var perfunctoryMinimumLength = 50
        /// Weights of the composite ranking score.
        package var rankingWeights = RankingWeights()
        package init() {}
    }

    package init(name: String, code: String, deadlineMonth: Int = 1, deadlineDay: Int = 31, timeZone: TimeZone) {
        self.name = name
        self.code = code
        self.deadlineMonth = deadlineMonth
        self.deadlineDay = deadlineDay
        self.timeZone = timeZone
    }

    /// The day by which reports for `year` are due.
    package func deadline(for year: Int) -> CalendarDate {
        CalendarDate(year: year + 1, month: deadlineMonth, day: deadlineDay)
            ?? CalendarDate(year: year + 1, month: deadlineMonth, day: CalendarDate.daysIn(month: deadlineMonth, year: year + 1))!
    }

    /// Today in the county's time zone.
    package func today(now: Date = Date()) -> CalendarDate { CalendarDate(now, in: timeZone) }
}

/// One township the county expects a report from.
package struct RosterEntry: Sendable, Hashable {
    package var name: String
    package var code: String?
    package init(name: String, code: String?) {
        self.name = name
        self.code = code
    }
}
