import Foundation

/// Helpers every test target needs, in one place rather than copied into each (a regular target
/// that only the test targets depend on; Foundation, StrictJSON and Aggregate only, no XCTest).
package enum Repository {
    /// The folder holding Package.swift, found upwards from this file.
    package static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The built `nianbao` executable next to the test bundle (or in .build/debug).
    /// The bundled inputs with 2024 as JSON: inputs/ with its published 2024 folder (HTML, Word,
    /// text, PDF, JSON) replaced by the JSON twins (inputs/json/2024), made once per test process,
    /// so that tests name a report by its JSON file (2024/chengguan.json). BundledInputsTests
    /// proves the two folders roll up alike.
    package static let jsonInputs: URL = {
        let fm = FileManager.default
        let dest = fm.temporaryDirectory.appendingPathComponent("nianbao-json-inputs-\(UUID().uuidString)/inputs")
        try! fm.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! fm.copyItem(at: root.appendingPathComponent("inputs"), to: dest)
        try! fm.removeItem(at: dest.appendingPathComponent("2024"))
        try! fm.moveItem(at: dest.appendingPathComponent("json/2024"), to: dest.appendingPathComponent("2024"))
        try! fm.removeItem(at: dest.appendingPathComponent("json"))
        return dest
    }()

    package static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("nianbao"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("nianbao"),
            root.appendingPathComponent(".build/debug/nianbao"),
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c }
        for b in Bundle.allBundles {
            let c = b.bundleURL.deletingLastPathComponent().appendingPathComponent("nianbao")
            if FileManager.default.isExecutableFile(atPath: c.path) { return c }
        }
        return candidates[2]
    }
}

/// A folder's files, for comparing whole trees.
package enum PathTree {
    /// Every regular file under `root` by its path relative to `root`, with its bytes (`read`
    /// decides what an unreadable file gives).
    package static func files(_ root: URL, read: (URL) throws -> Data? = { try Data(contentsOf: $0) }) rethrows -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return out }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let url = root.appendingPathComponent(rel)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = try read(url)
            }
        }
        return out
    }
}
