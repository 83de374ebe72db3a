import Aggregate
import Foundation
import Import
import Publish
import Synthetic
import XCTest

/// `nianbao generate` reports rendered in every published shape (HTML in UTF-8 and GBK, a bare
/// page, Word, four text shapes, PDF), read back by the importer: the same figures, dates, unit
/// and year as the JSON they came from, and nothing in doubt.
final class GeneratedRoundTripTests: XCTestCase {
    static let styles: [(String, PublishedStyle, String)] = [
        ("html", .html(encoding: .utf8, shell: .portal), "html"), ("gbk", .html(encoding: .gbk, shell: .portal), "htm"),
        ("bare", .html(encoding: .utf8, shell: .bare), "html"), ("docx", .docx, "docx"),
        ("tabs", .text(shape: .tabs), "txt"), ("cells", .text(shape: .cellPerLine), "txt"),
        ("pipes", .text(shape: .pipeLines), "txt"), ("spaces", .text(shape: .spaces), "txt"), ("pdf", .pdf, "pdf"),
    ]

    func testGeneratedReportsReadBackAlikeInEveryShape() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for shape in [SyntheticInputs.Shape.realistic, .complete] {
            try? FileManager.default.removeItem(at: folder)
            try SyntheticInputs.generate(to: folder, townships: 24, years: [2024], seed: 77, faultShare: 0, shape: shape)
            let year = folder.appendingPathComponent("2024")
            let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            var compared = 0
            for name in try FileManager.default.contentsOfDirectory(atPath: year.path).sorted() where name.hasSuffix(".json") {
                let json = [UInt8](try Data(contentsOf: year.appendingPathComponent(name)))
                let want = try ReportDecoder.decode(bytes: json, file: "2024/\(name)", options: options).get()
                // Every phrase's placeholders filled ("{Y}年" once slipped through).
                XCTAssertNil(String(decoding: json, as: UTF8.self).range(of: #"\{[A-Za-z]+\}"#, options: .regularExpression), name)
                for (label, style, ext) in Self.styles {
                    let doc = try Publisher.render(json: json, as: style)
                    let file = "\(name.dropLast(5)).\(ext)"
                    guard case .read(let imported) = Importer.read(bytes: doc, fileName: file, expectedYear: 2024, county: want.unit.county) else {
                        XCTFail("\(name) as \(label): unreadable"); continue
                    }
                    let got = try ReportDecoder.decode(bytes: imported.bytes, file: "2024/\(file)", options: options).get()
                    let tables = Catalog.cells.filter { $0.section != .overview }.map(\.index)
                    XCTAssertEqual(tables.map { got.values[$0] }, tables.map { want.values[$0] }, "\(name) as \(label): figures")
                    XCTAssertEqual(tables.map { got.present[$0] }, tables.map { want.present[$0] }, "\(name) as \(label): cells stated")
                    // Overview figures come from the prose: any read must be the JSON's.
                    for cell in Catalog.cells where cell.section == .overview && got.present[cell.index] {
                        XCTAssertEqual(got.values[cell.index], want.values[cell.index], "\(name) as \(label): \(cell.dottedPath)")
                    }
                    XCTAssertEqual(got.publishedOn, want.publishedOn, "\(name) as \(label): date")
                    XCTAssertEqual(got.unit.name, want.unit.name, "\(name) as \(label): unit")
                    XCTAssertEqual(got.year, want.year)
                    XCTAssertEqual(imported.account.doubts.map(\.path), [], "\(name) as \(label): in doubt")
                    compared += 1
                }
            }
            XCTAssertEqual(compared, 24 * Self.styles.count)
        }
    }
}
