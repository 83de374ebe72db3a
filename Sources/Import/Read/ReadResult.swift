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
package enum Unreadable: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing that looks like the national format's tables or section headings.
    case noTables
    /// A table whose figures fit the format's arithmetic only when moved: a misread, refused.
    case rowsInDoubt([String], Shift)

    /// How the figures had to move to fit the arithmetic.
    package enum Shift: Sendable, Equatable {
        case downOneRow, byOneRow, rowsByOneColumn, byOneColumn
        var explanation: String {
            switch self {
            case .downOneRow: return "the figures fit the format's arithmetic only when moved down one row, as if an all-zero row was lost"
            case .byOneRow: return "the figures fit the format's arithmetic only when shifted by one row"
            case .rowsByOneColumn: return "each fits the format's arithmetic only when its figures move one column"
            case .byOneColumn: return "the figures fit the format's arithmetic only when shifted by one column"
            }
        }
    }

    package var reason: String {
        switch self {
        case .noTables: return "no 政府信息公开 tables or headings found"
        case let .rowsInDoubt(rows, shift):
            return "the table could not be read reliably: rows in doubt: \(rows.joined(separator: "、")) (\(shift.explanation): a misread, not the township's error)"
        }
    }
    package var description: String { reason }
}
