import Foundation

/// Paths of the repository, the bundled inputs and a fresh scratch folder for each test.
enum Fixtures {
    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static var inputs: URL { repository.appendingPathComponent("inputs") }

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
    static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("nianbao"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("nianbao"),
            repository.appendingPathComponent(".build/debug/nianbao"),
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c }
        for b in Bundle.allBundles {
            let c = b.bundleURL.deletingLastPathComponent().appendingPathComponent("nianbao")
            if FileManager.default.isExecutableFile(atPath: c.path) { return c }
        }
        return candidates[2]
    }

    /// Runs the executable and returns its exit status, stdout and stderr.
    @discardableResult
    static func run(_ arguments: [String], cwd: URL? = nil) throws -> (status: Int32, out: String, err: String) {
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
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

/// Bytes read on another thread, handed back after `DispatchGroup.wait`.
final class DataBox: @unchecked Sendable {
    var data = Data()
}
