import Foundation
import TestSupport
import XCTest

/// Paths of the repository, the bundled inputs and a fresh scratch folder for each test.
enum Fixtures {
    static let repository = Repository.root

    /// The bundled folder as published: 2024's reports in HTML, Word, text, PDF and JSON.
    static var publishedInputs: URL { repository.appendingPathComponent("inputs") }

    /// The bundled inputs with 2024 as JSON (the twins of the published reports).
    static var inputs: URL { Repository.jsonInputs }

    /// A new empty folder under the system's temporary directory.
    static func scratch(_ name: String = #function) -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-\(safe)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies the bundled inputs into a scratch folder so a test can change them.
    static func copyOfInputs(_ name: String = #function) -> URL {
        let dest = scratch(name).appendingPathComponent("inputs")
        try! FileManager.default.copyItem(at: inputs, to: dest)
        return dest
    }

    /// The built `nianbao` executable next to the test bundle.
    static var executable: URL { Repository.executable }

    // MARK: - Keeping the workbooks (scripts/libreoffice_check.sh)

    /// NIANBAO_KEEP_WORKBOOKS=DIR: every workbook a test writes is also copied to DIR, so that
    /// scripts/libreoffice_check.sh can open each in LibreOffice. Unset (or empty): nothing is kept.
    static let keptWorkbooks: URL? = ProcessInfo.processInfo.environment["NIANBAO_KEEP_WORKBOOKS"]
        .flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }

    /// Copies `xlsx` to DIR/<label>.xlsx (<label>-2.xlsx, … when taken); no-op when not keeping
    /// or when there is no such file.
    static func keep(_ xlsx: URL, as label: String) {
        guard let folder = keptWorkbooks, FileManager.default.fileExists(atPath: xlsx.path) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = String(label.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        for n in 1... {
            let dest = folder.appendingPathComponent(n == 1 ? "\(base).xlsx" : "\(base)-\(n).xlsx")
            if FileManager.default.fileExists(atPath: dest.path) { continue }
            do { return try FileManager.default.copyItem(at: xlsx, to: dest) } catch {
                if !FileManager.default.fileExists(atPath: dest.path) { return print("note: cannot keep \(xlsx.path): \(error)") }
            }
        }
    }

    /// Keeps the workbook a nianbao command line wrote: its --xlsx, else out/*.xlsx under `cwd`
    /// (the default output names). The label is the calling test, "CommandTests.testQuiet…".
    static func keep(arguments: [String], cwd: URL?, file: String, function: String) {
        guard keptWorkbooks != nil else { return }
        let label = "\(file.split(separator: "/").last!.replacingOccurrences(of: ".swift", with: "")).\(function.replacingOccurrences(of: "()", with: ""))"
        if let k = arguments.firstIndex(of: "--xlsx"), k + 1 < arguments.count {
            return keep(URL(fileURLWithPath: arguments[k + 1], relativeTo: cwd), as: label)
        }
        guard let out = cwd?.appendingPathComponent("out"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: out.path) else { return }
        for name in names.sorted() where name.hasSuffix(".xlsx") && !name.hasPrefix(".") {
            keep(out.appendingPathComponent(name), as: label)
        }
    }

    /// Runs the executable and returns its exit status, stdout and stderr; a workbook written by
    /// a run that exits 0 (or 3, --strict) is kept as the calling test's.
    @discardableResult
    static func run(_ arguments: [String], cwd: URL? = nil, file: String = #fileID,
                    function: String = #function) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Both pipes drained at once: a child that fills one (say 64 KiB of stderr) while the
        // test waits on the other would otherwise hang both.
        let errBox = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let e = errBox.data
        p.waitUntilExit()
        if p.terminationReason == .exit && [0, 3].contains(p.terminationStatus) {
            keep(arguments: arguments, cwd: cwd, file: file, function: function)
        }
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

extension XCTestCase {
    /// Keeps `xlsx` as this test's workbook (NIANBAO_KEEP_WORKBOOKS), `detail` telling which.
    func keepWorkbook(_ xlsx: URL, _ detail: String = "") {
        Fixtures.keep(xlsx, as: detail.isEmpty ? name : "\(name)-\(detail)")
    }
}

/// Bytes read on another thread, handed back after `DispatchGroup.wait`.
final class DataBox: @unchecked Sendable {
    var data = Data()
}
