import Aggregate
import ArgumentParser
import Foundation
import Import
import RollupJob

/// `nianbao import FILE`: one published report (HTML, Word, text, PDF) read into the report JSON,
/// with an account on stderr of where each figure came from and which are in doubt.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read one published report (.html/.htm, .docx, .txt, .pdf) and write its report JSON.",
        discussion: """
        The JSON goes to stdout (or -o); on stderr, an account: unit, year and publication date and \
        where each was found, the tables found, how many cells were read, and each cell in doubt with \
        its place. A cell in doubt or not stated is left out of the JSON (the report is then 缺项 there), \
        never guessed. unit.county comes from the title (平罗县宝丰镇…), else --county, else "". \
        Exit status: 0 read (even with doubts); 1 the file cannot be read as a report; 2 usage error.
        """
    )

    @Argument(help: "The published report.")
    var file: String

    @Option(help: "The reporting year expected (used when the document states none; another year is an error).")
    var year: Int?

    @Option(help: "The county's name, for unit.county when the title does not give it.")
    var county: String?

    @Option(name: .short, help: "Write the JSON here instead of stdout.")
    var output: String?

    @Option(help: "Refuse files larger than this many bytes.")
    var maxFileSize: Int = 16 * 1024 * 1024

    func validate() throws {
        if let year, !(2000...2100).contains(year) { throw ValidationError("--year: expected a year from 2000 to 2100") }
        if SourceFormat(fileName: file) == nil || SourceFormat(fileName: file) == .json {
            throw ValidationError("\(file): expected a .html, .htm, .docx, .txt or .pdf file")
        }
    }

    func fail(_ message: String) -> ExitCode {
        Console.error("nianbao: \(file): cannot be read as a report: \(message)\n")
        return .failed
    }

    func run() throws {
        var st = stat()
        guard stat(file, &st) == 0 else { throw fail("the file cannot be opened (\(String(cString: strerror(errno))))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw fail("not a regular file") }
        guard Int(st.st_size) <= maxFileSize else { throw fail("expected at most \(maxFileSize) bytes, found \(st.st_size) bytes (not read)") }
        guard let data = FileManager.default.contents(atPath: file) else { throw fail("the file cannot be read") }
        let name = URL(fileURLWithPath: file).lastPathComponent
        switch Importer.read(bytes: Array(data), fileName: name, expectedYear: year, county: county) {
        case .unreadable(let why):
            throw fail(why)
        case .read(let report):
            let bytes = report.bytes
            // What is written must decode as a report: same checks as the rollup's.
            let options = DecodeOptions(expectedYear: year, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            if case .failure(let rejection) = ReportDecoder.decode(bytes: bytes, file: name, options: options) {
                throw fail(rejection.path.isEmpty ? rejection.message : "\(rejection.path): \(rejection.message)")
            }
            Console.error(Self.account(report, file: name))
            if let output {
                do {
                    try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    Console.error("nianbao: cannot write \(output): \(error.localizedDescription)\n")
                    throw ExitCode.failed
                }
            } else {
                try Console.output(bytes)
            }
        }
    }

    /// The short English account printed on stderr.
    static func account(_ report: ImportedReport, file: String) -> String {
        let a = report.account
        var out = "\(file): read as \(report.format.rawValue)\n"
        for line in a.found { out += "  \(line)\n" }
        if a.tables.isEmpty { out += "  tables: none found\n" }
        for t in a.tables { out += "  table \(t)\n" }
        out += "  cells read: \(a.cellsRead)" + (a.cellsBlank > 0 ? "; \(a.cellsBlank) blank or marked \"/\", \"—\", \"无\" (not stated)" : "") + "\n"
        if a.doubts.isEmpty {
            out += "  in doubt: none\n"
        } else {
            out += "  in doubt (\(a.doubts.count), left out of the JSON):\n"
            for d in a.doubts { out += "    \(d.line)\n" }
        }
        for n in a.notes { out += "  note: \(n)\n" }
        return out
    }
}
