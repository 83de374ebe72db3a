import Aggregate
import Foundation
import RollupJob
import XCTest

/// The command as cron or systemd runs it: exit codes, the summary line, --quiet, --strict.
final class CommandTests: XCTestCase {
    func outputs(_ dir: URL) -> [String] {
        ["--xlsx", dir.appendingPathComponent("w.xlsx").path, "--summary", dir.appendingPathComponent("s.json").path]
    }

    func testSuccessExitsZeroWithOneSummaryLine() throws {
        let dir = Fixtures.scratch()
        let r = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--as-of", "2025-03-01"] + outputs(dir))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "")
        let lines = r.err.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.err)
        XCTAssertTrue(r.err.hasPrefix("平罗县 2024: 13 townships — 9 on time, 1 late, 1 date unknown, 1 missing, 1 unreadable"), r.err)
        XCTAssertTrue(r.err.contains("14 files (13 accepted, 1 rejected)"), r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("w.xlsx").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.json").path))
    }

    /// --timings names every phase, and says the workbook was deflated at zlib level 1: the
    /// executable exports deflateInit2_, so libxlsxwriter's minizip reaches zlib through CDeflate.
    func testTimingsNamePhasesAndTheZlibLevel() throws {
        let dir = Fixtures.scratch()
        let r = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--as-of", "2025-03-01", "--timings", "--quiet"] + outputs(dir))
        XCTAssertEqual(r.status, 0, r.err)
        let line = try XCTUnwrap(r.err.split(separator: "\n").first { $0.hasPrefix("timings:") }, r.err)
        for phase in ["read+decode", "match+sum", "check", "write sheets", "zip xlsx", "sync+rename"] {
            XCTAssertTrue(line.contains(" \(phase) "), "\(phase) missing from \(line)")
        }
        XCTAssertTrue(line.hasSuffix("zlib level 1)"), String(line))
    }

    /// The command and a rollup run in this process write the same workbook, byte for byte:
    /// both deflate at the same zlib level (XLSX's Compression reaches zlib in each).
    func testCommandAndInProcessRunWriteTheSameWorkbook() throws {
        let command = Fixtures.scratch(), inProcess = Fixtures.scratch()
        let r = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--as-of", "2025-03-01", "--timings", "--quiet"]
            + outputs(command))
        XCTAssertEqual(r.status, 0, r.err)
        var options = RollupJob.Options(inputs: Fixtures.inputs, year: 2024)
        options.asOf = CalendarDate(iso: "2025-03-01")
        options.xlsx = inProcess.appendingPathComponent("c.xlsx")
        options.summary = inProcess.appendingPathComponent("s.json")
        options.html = inProcess.appendingPathComponent("c.html")
        let outcome = try RollupJob.run(options)
        XCTAssertEqual(outcome.zlibLevel, 1)
        XCTAssertTrue(r.err.contains("zlib level \(outcome.zlibLevel ?? -1))"), r.err)
        let commandBytes = try Data(contentsOf: command.appendingPathComponent("w.xlsx"))
        XCTAssertEqual(try Data(contentsOf: outcome.xlsx), commandBytes)
    }

    func testQuietPrintsNothing() throws {
        let dir = Fixtures.scratch()
        let r = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--as-of", "2025-03-01", "--quiet"] + outputs(dir))
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(r.out, "")
    }

    func testStrictExitsThreeWhenATownshipIsMissingLateOrUnreadable() throws {
        let dir = Fixtures.scratch()
        let r = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--as-of", "2025-03-01", "--strict", "--quiet"] + outputs(dir))
        XCTAssertEqual(r.status, 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("w.xlsx").path), "outputs are still written")
        // Every 2023 report arrived on time and was readable: --strict has nothing to report.
        let early = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2023", "--as-of", "2024-02-15", "--strict", "--quiet"] + outputs(dir))
        XCTAssertEqual(early.status, 0, early.err)
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try Fixtures.run(["rollup", "--year", "2024", "--as-of", "2025-13-01"]).status, 2)
        XCTAssertEqual(try Fixtures.run(["rollup"]).status, 2, "--year is required")
        XCTAssertEqual(try Fixtures.run(["rollup", "--year", "20x4"]).status, 2)
        XCTAssertEqual(try Fixtures.run(["rollup", "--year", "2024", "--bogus"]).status, 2)
        let help = try Fixtures.run(["rollup", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("--as-of"))
    }

    func testRunThatCannotCompleteExitsOneAndKeepsYesterdaysOutputs() throws {
        let dir = Fixtures.scratch()
        let good = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--as-of", "2025-03-01", "--quiet"] + outputs(dir))
        XCTAssertEqual(good.status, 0)
        let before = try Data(contentsOf: dir.appendingPathComponent("w.xlsx"))
        let noInputs = Fixtures.scratch()
        let bad = try Fixtures.run(["rollup", noInputs.path, "--year", "2024", "--as-of", "2025-03-02"] + outputs(dir))
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("county.json"), bad.err)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("w.xlsx")), before)
        let missingFolder = dir.appendingPathComponent("no/such/folder")
        let noFolder = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--xlsx", missingFolder.appendingPathComponent("w.xlsx").path,
                                         "--summary", missingFolder.appendingPathComponent("s.json").path])
        XCTAssertEqual(noFolder.status, 1)
        XCTAssertTrue(noFolder.err.contains("does not exist"), noFolder.err)
    }

    func testDefaultOutputsAreNamedAfterCountyAndYear() throws {
        let cwd = Fixtures.scratch()
        let r = try Fixtures.run(["rollup", Fixtures.inputs.path, "--year", "2024", "--as-of", "2025-03-01"], cwd: cwd)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cwd.appendingPathComponent("out/平罗县-2024.xlsx").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: cwd.appendingPathComponent("out/平罗县-2024.summary.json").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cwd.appendingPathComponent("out").path)
            .filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
    }

    func testSchemaCommandPrintsTheContract() throws {
        let r = try Fixtures.run(["schema"])
        XCTAssertEqual(r.status, 0)
        let schema = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        XCTAssertEqual(schema["$schema"] as? String, "https://json-schema.org/draft/2020-12/schema")
    }
}
