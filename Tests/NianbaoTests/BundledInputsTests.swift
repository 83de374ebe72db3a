import Aggregate
import Foundation
import Publish
import StrictJSON
import XCTest

/// The bundled 平罗县 folder is published as counties receive it (HTML in UTF-8 and GBK, Word,
/// text in several shapes, a PDF, the real seed's text, and JSON), each made-up report rendered
/// from its JSON twin in inputs/json/2024/. It must roll up exactly as the twins do.
final class BundledInputsTests: XCTestCase {
    struct Row { let stem: String, shape: String, file: String }

    static func manifest() throws -> [Row] {
        let text = try String(contentsOf: Fixtures.repository.appendingPathComponent("scripts/sample_formats.tsv"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let f = line.split(separator: "\t").map(String.init)
            return f.count == 3 ? Row(stem: f[0], shape: f[1], file: f[2]) : nil
        }
    }

    /// The shapes of `nianbao render --as`, as scripts/publish_sample_inputs.sh names them.
    static func style(_ shape: String) throws -> PublishedStyle {
        switch shape {
        case "html": return .html(encoding: .utf8, shell: .portal)
        case "gbk-html": return .html(encoding: .gbk, shell: .portal)
        case "bare-html": return .html(encoding: .utf8, shell: .bare)
        case "docx": return .docx
        case "pdf": return .pdf
        default:
            guard shape.hasPrefix("text:"), let s = PublishedStyle.TextShape(rawValue: String(shape.dropFirst(5))) else {
                throw XCTSkip("unknown shape \(shape) in scripts/sample_formats.tsv")
            }
            return .text(shape: s)
        }
    }

    static var twins: URL { Fixtures.publishedInputs.appendingPathComponent("json/2024") }

    func testTheFolderIsItsTwinsPublished() throws {
        let rows = try Self.manifest()
        XCTAssertGreaterThanOrEqual(Set(rows.map { $0.file.split(separator: ".").last! }).count, 4, "html, htm, docx, txt, pdf")
        let folder = Fixtures.publishedInputs.appendingPathComponent("2024")
        var expected: Set<String> = ["baofeng.txt"]
        for row in rows {
            let twin = try Data(contentsOf: Self.twins.appendingPathComponent("\(row.stem).json"))
            let bytes = try Publisher.render(json: [UInt8](twin), as: try Self.style(row.shape))
            XCTAssertEqual([UInt8](try Data(contentsOf: folder.appendingPathComponent(row.file))), bytes,
                           "\(row.file) is not \(row.stem).json rendered as \(row.shape): run scripts/publish_sample_inputs.sh")
            expected.insert(row.file)
        }
        let rendered = Set(rows.map(\.stem))
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.twins.path) where name.hasSuffix(".json") {
            let stem = String(name.dropLast(5))
            guard stem != "baofeng", !rendered.contains(stem) else { continue }
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(name)), try Data(contentsOf: Self.twins.appendingPathComponent(name)), name)
            expected.insert(name)
        }
        // 宝丰镇 is the real report's text exactly as published.
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("baofeng.txt")),
                       try Data(contentsOf: Fixtures.repository.appendingPathComponent("Tests/Corpus/import/baofeng-2024.txt")))
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)), expected)
    }

    /// "A county folder of HTML, GBK HTML, .docx and text reports rolls up to exactly the figures,
    /// statuses and flags of the same reports in JSON": the bundled folder against its twins.
    func testTheMixedFolderRollsUpLikeItsJSONTwins() throws {
        let mixed = Fixtures.scratch().appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: Fixtures.publishedInputs, to: mixed)
        let json = Fixtures.copyOfInputs("twins")
        func summary(_ inputs: URL) throws -> JSONValue {
            let out = inputs.deletingLastPathComponent().appendingPathComponent("out-\(inputs.lastPathComponent)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let s = out.appendingPathComponent("s.json")
            let r = try Fixtures.run(["rollup", inputs.path, "--year", "2024", "--as-of", "2025-03-01",
                                      "--xlsx", out.appendingPathComponent("w.xlsx").path, "--summary", s.path, "--quiet"])
            XCTAssertEqual(r.status, 0, r.err)
            return try JSONParser.parse([UInt8](try Data(contentsOf: s)))
        }
        let a = try summary(mixed), b = try summary(json)
        XCTAssertEqual(a["totals"], b["totals"], "county totals")
        XCTAssertEqual(a["coverage"], b["coverage"])
        XCTAssertEqual(a["files"], b["files"])
        guard case .array(let ta)? = a["townships"], case .array(let tb)? = b["townships"] else { return XCTFail("townships") }
        XCTAssertEqual(ta.count, tb.count)
        // The same township, status, dates and flags; only the file's name and format differ.
        func sameFile(_ v: JSONValue?) -> String {
            guard case .string(let s)? = v else { return "" }
            return s.replacingOccurrences(of: #"\.(html|htm|docx|txt|pdf)"#, with: ".json", options: .regularExpression)
        }
        var formats: Set<String> = []
        for (x, y) in zip(ta, tb) {
            let name = x["name"].map { JSONWriter.write($0) } ?? "?"
            for key in ["name", "code", "status", "publishedOn", "daysLate", "onRoster", "counted"] {
                XCTAssertEqual(x[key], y[key], "\(name) \(key)")
            }
            XCTAssertEqual(sameFile(x["file"]), sameFile(y["file"]), name)
            if case .string(let f)? = x["format"] { formats.insert(f) }
            guard case .array(let fa)? = x["flags"], case .array(let fb)? = y["flags"] else { continue }
            let flags = { (fs: [JSONValue]) in fs.map { "\(sameFile($0["rule"])) \(sameFile($0["severity"])) \(sameFile($0["path"])) \(sameFile($0["message"]))" } }
            XCTAssertEqual(flags(fa), flags(fb), name)
        }
        XCTAssertEqual(formats, ["json", "html", "docx", "text", "pdf"])
        // The page and 报送情况 name each township's format in words.
        let page = try String(contentsOf: mixed.deletingLastPathComponent().appendingPathComponent("out-inputs/w.html"), encoding: .utf8)
        for word in ["<td>网页</td>", "<td>Word</td>", "<td>文本</td>", "<td>PDF</td>", "<td>JSON</td>"] {
            XCTAssertTrue(page.contains(word), word)
        }
    }
}
