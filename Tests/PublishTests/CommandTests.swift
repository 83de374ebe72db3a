import Aggregate
import Foundation
@testable import Publish
import TestSupport
import XCTest

/// `nianbao render` and `nianbao generate --formats` as the lead runs them, outputs read back.
final class RenderCommandTests: XCTestCase {
    static let repository = Repository.root

    static var executable: URL { Repository.executable }

    func scratch(_ name: String = #function) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-publish-\(name.filter(\.isLetter))-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, err: String) {
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    func read(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    func testRenderWritesEachShape() throws {
        let dir = scratch()
        let sample = dir.appendingPathComponent("qukou.json")
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("inputs/json/2024/qukou.json"), to: sample)

        XCTAssertEqual(try run(["render", sample.path, "--as", "html"]).status, 0)
        let html = try XCTUnwrap(Readers.html(try read(dir.appendingPathComponent("qukou.html"))), "default path FILE.html")
        XCTAssertTrue(html.text.contains("渠口乡人民政府2024年政府信息公开工作年度报告"))
        XCTAssertTrue(html.text.contains("发布日期：2025-01-10") || html.text.contains("发布时间：2025-01-10 "))

        XCTAssertEqual(try run(["render", sample.path, "--as", "gbk-html"]).status, 0)
        let gbk = try XCTUnwrap(GBK.decode(try read(dir.appendingPathComponent("qukou.gbk.html"))))
        XCTAssertTrue(gbk.contains("charset=gb2312") || gbk.contains("charset=gbk"))
        XCTAssertTrue(gbk.contains("渠口乡人民政府"))

        let docx = dir.appendingPathComponent("out.docx")
        XCTAssertEqual(try run(["render", sample.path, "--as", "docx", "-o", docx.path]).status, 0)
        let word = try Readers.docx(try read(docx))
        XCTAssertEqual(word.tables.count, 3)
        XCTAssertEqual(word.tables[1][0][0].colspan, 3)

        let pdf = dir.appendingPathComponent("out.pdf")
        XCTAssertEqual(try run(["render", sample.path, "--as", "pdf", "-o", pdf.path]).status, 0)
        let text = try XCTUnwrap(Readers.pdfPages(try read(pdf))).joined(separator: "\n")
        XCTAssertTrue(text.contains("一、本年新收政府信息公开申请数量 4 0 0 0 0 0 4"), text)

        let txt = dir.appendingPathComponent("out.txt")
        XCTAssertEqual(try run(["render", sample.path, "--as", "text", "--shape", "pipeLines", "-o", txt.path]).status, 0)
        XCTAssertTrue(String(decoding: try read(txt), as: UTF8.self).contains("\n一、本年新收政府信息公开申请数量\n|\n4\n|\n"))

        let scan = dir.appendingPathComponent("scan.pdf")
        XCTAssertEqual(try run(["render", sample.path, "--as", "scan-pdf", "-o", scan.path]).status, 0)
        XCTAssertTrue(try XCTUnwrap(Readers.pdfPages(try read(scan))).allSatisfy { $0.allSatisfy(\.isWhitespace) })
    }

    func testRenderRefusesBadArgumentsAndBadFiles() throws {
        let dir = scratch()
        let sample = Self.repository.appendingPathComponent("inputs/json/2024/qukou.json").path
        XCTAssertEqual(try run(["render", sample, "--as", "odt"]).status, 2)
        XCTAssertEqual(try run(["render", sample, "--as", "text", "--shape", "zigzag"]).status, 2)
        XCTAssertEqual(try run(["render", dir.appendingPathComponent("none.json").path, "--as", "html"]).status, 1)
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"schemaVersion\": 1".utf8).write(to: bad)
        let r = try run(["render", bad.path, "--as", "pdf", "-o", dir.appendingPathComponent("x.pdf").path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("bad.json"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.pdf").path))
    }

    func testGenerateMixedRendersEachTownshipInTurnAndIsRepeatable() throws {
        let a = scratch().appendingPathComponent("a"), b = scratch().appendingPathComponent("b")
        for dir in [a, b] {
            XCTAssertEqual(try run(["generate", dir.path, "--townships", "12", "--formats", "mixed"]).status, 0)
        }
        let roster = String(decoding: try read(a.appendingPathComponent("roster.csv")), as: UTF8.self)
            .split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
        XCTAssertEqual(roster.count, 12)
        for year in ["2023", "2024"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: a.appendingPathComponent(year).path).sorted()
            XCTAssertEqual(names.count, 12, "one file per township")
            var seen: Set<String> = []
            for name in names {
                let base = String(name.prefix { $0 != "." }), ext = String(name.split(separator: ".").last!)
                seen.insert(ext)
                // Numbered files follow the rotation: t00001 keeps its JSON, t00002 is a portal page, …
                if let n = PublishedFolder.number(in: base) {
                    XCTAssertEqual(ext, PublishedFolder.style(.mixed, township: n)?.fileExtension ?? "json", name)
                }
                let bytes = try read(a.appendingPathComponent(year).appendingPathComponent(name))
                XCTAssertEqual(bytes, try read(b.appendingPathComponent(year).appendingPathComponent(name)), "same arguments, same bytes")
                // Each rendered report names a township of the roster and the year.
                let title = "人民政府\(year)年政府信息公开工作年度报告"
                switch ext {
                case "html":
                    let text = try XCTUnwrap(Readers.html(bytes)?.text ?? GBK.decode(bytes), name)
                    XCTAssertTrue(roster.contains { text.contains($0 + title) }, name)
                case "pdf":
                    let text = try XCTUnwrap(Readers.pdfPages(bytes), name).joined()
                    XCTAssertTrue(roster.contains { text.contains($0 + title) }, name)
                case "docx":
                    XCTAssertEqual(try Readers.docx(bytes).tables.count, 3, name)
                case "txt":
                    let text = String(decoding: bytes, as: UTF8.self)
                    XCTAssertTrue(roster.contains { text.contains($0) } && text.contains(SectionID.requests.title), name)
                default:
                    XCTAssertEqual(ext, "json", name)
                }
            }
            XCTAssertGreaterThanOrEqual(seen.count, 4, "\(seen)")
        }
        XCTAssertEqual(try run(["generate", scratch().appendingPathComponent("c").path, "--townships", "2", "--formats", "odt"]).status, 2)
    }

    func testGenerateOneFormatForAll() throws {
        let dir = scratch().appendingPathComponent("g")
        XCTAssertEqual(try run(["generate", dir.path, "--townships", "3", "--years", "2024", "--formats", "docx"]).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("2024").path).sorted()
        XCTAssertEqual(names, ["t00001.docx", "t00002.docx", "t00003.docx"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("county.json").path))
    }
}
