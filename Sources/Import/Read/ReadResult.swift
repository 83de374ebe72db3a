import Aggregate
import StrictJSON

/// A figure the reader could not read with certainty: which JSON path, where in the document,
/// and why. The figure is left out of the JSON (not stated), never guessed.
package struct Doubt: Sendable, Equatable {
    package var path: String
    package var place: String
    package var reason: String

    package init(path: String, place: String, reason: String) {
        self.path = path
        self.place = place
        self.reason = reason
    }

    package var line: String { "\(path) (\(place)): \(reason)" }
}

/// What reading a document found and where: the account `nianbao import` prints and the
/// rollup turns into `inDoubt` flags.
package struct ReadAccount: Sendable, Equatable {
    /// "unit 宝丰镇 from the title (line 2)" and the like, in order: unit, county, year, date.
    package var found: [String] = []
    /// The tables found, one line each.
    package var tables: [String] = []
    /// Table cells read as figures.
    package var cellsRead = 0
    /// Table cells the document leaves blank or marks "/", "—", "无" (not stated).
    package var cellsBlank = 0
    package var doubts: [Doubt] = []
    /// Figures read with a remark that is not a doubt ("1200余" read as 1200).
    package var notes: [String] = []

    package init() {}
}

/// A document read into the report JSON of the input contract.
package struct ReadReport: Sendable {
    package var json: JSONValue
    package var account: ReadAccount
}

/// Why a document cannot be read as a report at all.
package struct Unreadable: Error, Sendable, Equatable, CustomStringConvertible {
    package var reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { reason }
}
