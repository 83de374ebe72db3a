/// A problem with the county's own setup files (county.json, roster.csv): the run cannot go on
/// without them. Each case names the file, the place and what was expected.
package enum SetupError: Error, Equatable, CustomStringConvertible {
    /// A setup file that cannot be read at all.
    case unreadable(path: String)
    /// county.json is not JSON: the parser's path (empty at the top) and message.
    case notJSON(file: String, path: String, message: String)
    /// county.json holds something other than an object.
    case notAnObject(file: String)
    /// A key county.json may not hold; `known` are those it may.
    case unknownSetting(file: String, key: String, known: [String])
    case repeatedSetting(file: String, key: String)
    /// A setting (`key`, dotted below rankingWeights) whose value is not what it must be; `found`
    /// is what was there, nil when the message needs none.
    case badSetting(file: String, key: String, expected: String, found: String?)
    case rosterNotUTF8
    /// A quoted field opened on `line` and never closed.
    case rosterUnclosedQuote(line: Int)
    case rosterHeader
    case rosterNameMissing(line: Int)
    case rosterNameTwice(name: String, first: Int, line: Int)
    /// A code that is not 6 to 12 digits; `spreadsheet` when it reads like Excel's 6.40221E+08.
    case rosterCodeMalformed(code: String, line: Int, spreadsheet: Bool)
    case rosterCodeTwice(code: String, first: Int, line: Int)

    package var description: String {
        switch self {
        case .unreadable(let path): "\(path): cannot be read"
        case .notJSON(let file, let path, let message): "\(file): \(path.isEmpty ? "" : path + ": ")\(message)"
        case .notAnObject(let file): "\(file): expected a JSON object"
        case .unknownSetting(let file, let key, let known):
            "\(file): \(key): not a setting nianbao knows; expected one of \(known.joined(separator: ", "))"
        case .repeatedSetting(let file, let key): "\(file): \(key): given twice; expected each setting once"
        case .badSetting(let file, let key, let expected, let found):
            "\(file): \(key): expected \(expected)" + (found.map { ", found \($0)" } ?? "")
        case .rosterNotUTF8: "roster.csv: expected UTF-8 text"
        case .rosterUnclosedQuote(let line):
            "roster.csv: line \(line): expected a closing quote (\") for the field opened on this line; the rest of the file would be one name"
        case .rosterHeader: "roster.csv: line 1: expected a header with the columns name,code"
        case .rosterNameMissing(let line): "roster.csv: line \(line): expected a township name"
        case .rosterNameTwice(let name, let first, let line): "roster.csv: line \(line): \(name) is listed twice (lines \(first) and \(line))"
        case .rosterCodeMalformed(let code, let line, let spreadsheet):
            "roster.csv: line \(line): code: expected 6 to 12 digits, found \"\(code)\""
                + (spreadsheet ? " (a spreadsheet turned it into a number: format the column as text)" : "")
        case .rosterCodeTwice(let code, let first, let line): "roster.csv: line \(line): code \(code) is listed twice (lines \(first) and \(line))"
        }
    }
}
