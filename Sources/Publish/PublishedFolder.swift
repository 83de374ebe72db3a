import Aggregate
import Foundation
import StrictJSON

/// Turns a folder of report JSON files into the published shapes, for `generate --formats`:
/// each township's reports in one format, chosen by a fixed rotation over the township's number.
package enum PublishedFolder {
    /// What `--formats` names: one shape for every report, or the mixed rotation.
    package enum Choice: String, Sendable, CaseIterable {
        case json, mixed, html, docx, text, pdf
    }

    /// The mixed rotation: every shape an importer meets, JSON included, in a fixed order.
    package static let rotation: [PublishedStyle?] = [
        nil,
        .html(encoding: .utf8, shell: .portal),
        .docx,
        .text(shape: .tabs),
        .pdf,
        .html(encoding: .gbk, shell: .portal),
        .text(shape: .cellPerLine),
        .html(encoding: .utf8, shell: .bare),
        .text(shape: .pipeLines),
        .text(shape: .spaces),
    ]

    /// The style for township number `n` (its file's number) under `choice`; nil keeps the JSON.
    package static func style(_ choice: Choice, township n: Int) -> PublishedStyle? {
        switch choice {
        case .json: return nil
        case .mixed: return rotation[((n % rotation.count) + rotation.count) % rotation.count]
        case .html: return .html(encoding: .utf8, shell: .portal)
        case .docx: return .docx
        case .text: return .text(shape: .tabs)
        case .pdf: return .pdf
        }
    }

    /// Replaces each `<year>/<name>.json` under `folder` by `<name>.<ext>` in the chosen shape.
    /// A file that is not a readable report (a generated truncated file) stays as it is.
    /// Returns how many files were rendered.
    @discardableResult
    package static func publish(folder: URL, choice: Choice) throws(PublishError) -> Int {
        guard choice != .json else { return 0 }
        let fm = FileManager.default
        var found: [String] = []
        let years = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for y in years where y.count == 4 && y.allSatisfy(\.isNumber) {
            let dir = folder.appendingPathComponent(y).path
            for name in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where name.hasSuffix(".json") {
                found.append(dir + "/" + name)
            }
        }
        let files = found
        let failures = Failures(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let path = files[i]
            let name = String(path.split(separator: "/").last ?? "")
            let base = String(name.dropLast(5))
            guard let data = fm.contents(atPath: path), let json = try? JSONParser.parse([UInt8](data)) else { return }
            let n = number(in: base) ?? Int(truncatingIfNeeded: nameHash(json) % 1_000_003)
            guard let style = style(choice, township: n) else { return }
            let bytes: [UInt8]
            do throws(PublishError) { bytes = try Publisher.render(report: json, as: style) } catch {
                failures.set(i, .inFile(path: path, error))
                return
            }
            let out = String(path.dropLast(5)) + "." + style.fileExtension
            guard fm.createFile(atPath: out, contents: Data(bytes)) else {
                failures.set(i, .cannotWrite(path: out))
                return
            }
            do { try fm.removeItem(atPath: path) } catch {
                failures.set(i, .cannotReplace(path: path, reason: "\(error)"))
                return
            }
            failures.done(i)
        }
        if let first = failures.errors.compactMap({ $0 }).first { throw first }
        return failures.rendered
    }

    /// "t00042" → 41 (files count from 1, townships from 0), "qukou" → nil.
    static func number(in base: String) -> Int? {
        let digits = base.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let v = Int(String(digits.reversed())) else { return nil }
        return v - 1
    }

    static func nameHash(_ json: JSONValue) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if case .string(let s)? = json[ReportKey.unit.name]?[UnitKey.name.name] { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return h
    }

    /// Per-file outcomes written from the worker threads, each index by one thread only.
    final class Failures: @unchecked Sendable {
        private(set) var errors: [PublishError?]
        private var renderedFlags: [Bool]
        private let lock = NSLock()
        init(count: Int) {
            errors = Array(repeating: nil, count: count)
            renderedFlags = Array(repeating: false, count: count)
        }
        func set(_ i: Int, _ e: PublishError) { lock.lock(); errors[i] = e; lock.unlock() }
        func done(_ i: Int) { lock.lock(); renderedFlags[i] = true; lock.unlock() }
        var rendered: Int { renderedFlags.filter { $0 }.count }
    }
}
