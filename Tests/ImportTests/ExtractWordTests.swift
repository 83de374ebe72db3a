import Foundation
import XCTest
import ZIPFoundation
@testable import Import

final class ExtractWordTests: XCTestCase {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func documentXML(_ body: String, doctype: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        \(doctype)<w:document xmlns:w="\(w)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>\(body)<w:sectPr/></w:body></w:document>
        """
    }

    /// A .docx built in memory: content types, package relationships, the given parts.
    static func docx(_ parts: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let fixed = Date(timeIntervalSince1970: 1_737_331_200)
        let standard: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("""
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """.utf8)),
            ("_rels/.rels", Array("""
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """.utf8)),
        ]
        for (path, bytes) in standard + parts {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixed,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return [UInt8](try XCTUnwrap(archive.data))
    }

    static func docx(body: String) throws -> [UInt8] {
        try docx([("word/document.xml", Array(documentXML(body).utf8))])
    }

    static func p(_ runs: String) -> String { "<w:p>\(runs)</w:p>" }
    static func r(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }
    static func tc(_ content: String, _ properties: String = "") -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>\(properties)</w:tcPr>\(content)</w:tc>"
    }

    func testParagraphsRunsTabsBreaksAndATableWithGridSpanAndVMerge() throws {
        let body = [
            "<w:p><w:pPr><w:jc w:val=\"center\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr>"
                + Self.r("测试镇") + "<w:r><w:t>20</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>24</w:t></w:r>"
                + Self.r("年政府信息公开工作年度报告") + "</w:p>",
            Self.p("<w:r><w:t>项目</w:t><w:tab/><w:t>数量</w:t><w:br/><w:t>第二行</w:t></w:r>"),
            "<w:p/>",
            Self.p(Self.r("\u{3000} ")),
            "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>",
            "<w:tr>" + Self.tc(Self.p(Self.r("信息内容")), "<w:vMerge w:val=\"restart\"/>")
                + Self.tc(Self.p(Self.r("本年") + Self.r("新增")), "<w:gridSpan w:val=\"2\"/>") + "</w:tr>",
            "<w:tr>" + Self.tc("<w:p/>", "<w:vMerge/>") + Self.tc(Self.p(Self.r("制发件数"))) + Self.tc(Self.p(Self.r("废止件数"))) + "</w:tr>",
            "<w:tr>" + Self.tc(Self.p(Self.r("规章"))) + Self.tc(Self.p("<w:r><w:t>1</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2</w:t></w:r>"))
                + Self.tc(Self.p(Self.r("0")) + Self.p(Self.r("（注）"))) + "</w:tr>",
            "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + Self.tc(Self.p(Self.r("合计")), "<w:gridSpan w:val=\"2\"/>") + "</w:tr>",
            "</w:tbl>",
            Self.p("<w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的字</w:t></w:r></w:ins>"
                + "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"),
            Self.p("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
                + Self.p(Self.r("文本框")) + "</w:txbxContent></wps:txbx><a:p><a:r><a:t>绘图文字</a:t></a:r></a:p></w:drawing></mc:Choice>"
                + "<mc:Fallback><w:pict><w:txbxContent>" + Self.p(Self.r("文本框")) + "</w:txbxContent></w:pict></mc:Fallback>"
                + "</mc:AlternateContent></w:r>" + Self.r("框外")),
        ].joined()
        let doc = try Extractor.document(bytes: try Self.docx(body: body), format: .docx)
        XCTAssertEqual(doc.format, .docx)
        XCTAssertEqual(outline(doc), [
            "p:测试镇2024年政府信息公开工作年度报告", "p:项目\t数量\n第二行", "t:4×3", "p:插入的字", "p:文本框", "p:框外",
        ])
        XCTAssertEqual(places(doc), ["paragraph 1", "paragraph 2", "table 1", "paragraph 3", "paragraph 4", "paragraph 5"])
        let table = try XCTUnwrap(tables(doc).first)
        XCTAssertEqual(texts(table), [
            ["信息内容", "本年新增", "本年新增"],
            ["信息内容", "制发件数", "废止件数"],
            ["规章", "12", "0\n（注）"],
            ["", "合计", "合计"],
        ])
        XCTAssertEqual(origins(table), [
            ["0,0", "0,1", "0,1"],
            ["0,0", "1,1", "1,2"],
            ["2,0", "2,1", "2,2"],
            ["3,0", "3,1", "3,1"],
        ])
    }

    func testNestedTableInALayoutTable() throws {
        let inner = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
            + "<w:tr>" + Self.tc(Self.p(Self.r("行政复议"))) + Self.tc(Self.p(Self.r("结果维持"))) + "</w:tr>"
            + "<w:tr>" + Self.tc(Self.p(Self.r("合计"))) + Self.tc(Self.p(Self.r("2"))) + "</w:tr></w:tbl>"
        let body = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>"
            + Self.tc(Self.p(Self.r("四、政府信息公开行政复议、行政诉讼情况")) + inner + Self.p(Self.r("五、存在的主要问题"))) + "</w:tr></w:tbl>"
        let doc = try Extractor.document(bytes: try Self.docx(body: body), format: .docx)
        XCTAssertEqual(outline(doc), ["p:四、政府信息公开行政复议、行政诉讼情况", "t:2×2", "p:五、存在的主要问题"])
        XCTAssertEqual(tables(doc).map(texts), [[["行政复议", "结果维持"], ["合计", "2"]]])
    }

    func testExternalEntitiesAreNeverExpanded() throws {
        let xml = Self.documentXML(Self.p("<w:r><w:t>前&e;后</w:t></w:r>"),
                                   doctype: "<!DOCTYPE w:document [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")
        let doc = try Extractor.document(bytes: try Self.docx([("word/document.xml", Array(xml.utf8))]), format: .docx)
        XCTAssertEqual(paragraphs(doc), ["前后"])
        let network = Self.documentXML(Self.p("<w:r><w:t>前&e;后</w:t></w:r>"),
                                       doctype: "<!DOCTYPE w:document SYSTEM \"http://127.0.0.1:9/x.dtd\" [<!ENTITY e SYSTEM \"http://127.0.0.1:9/e\">]>")
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: try Self.docx([("word/document.xml", Array(network.utf8))]), format: .docx)), ["前后"])
    }

    func testMainPartFoundThroughThePackageRelationships() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        let rels = Data("""
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>
            """.utf8)
        let main = Data(Self.documentXML(Self.p(Self.r("正文"))).utf8)
        for (path, data) in [("_rels/.rels", rels), ("word/document2.xml", main)] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        let doc = try Extractor.document(bytes: [UInt8](try XCTUnwrap(archive.data)), format: .docx)
        XCTAssertEqual(paragraphs(doc), ["正文"])
    }

    func testRejections() throws {
        XCTAssertEqual(rejection { try Extractor.document(bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600), format: .docx) },
                       "encrypted or legacy .doc file, not a .docx")
        XCTAssertEqual(rejection { try Extractor.document(bytes: Array("<html>not a zip</html>".utf8), format: .docx) },
                       "corrupt Word file (not a zip archive)")
        let garbage = rejection { try Extractor.document(bytes: [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 300), format: .docx) }
        XCTAssertTrue(garbage?.hasPrefix("corrupt Word file (") ?? false, garbage ?? "accepted")
        let good = try Self.docx(body: Self.p(Self.r("正文") + Self.r(String(repeating: "政府信息公开", count: 500))))
        let truncated = rejection { try Extractor.document(bytes: Array(good.prefix(good.count / 2)), format: .docx) }
        XCTAssertTrue(truncated?.hasPrefix("corrupt Word file (") ?? false, truncated ?? "accepted")
        let noMain = try Self.docx([("word/styles.xml", Array("<styles/>".utf8))])
        XCTAssertEqual(rejection { try Extractor.document(bytes: noMain, format: .docx) },
                       "not a Word document: the file has no word/document.xml")
        let broken = try Self.docx([("word/document.xml", Array("<w:document xmlns:w=\"\(Self.w)\"><w:body><w:p>".utf8))])
        let brokenReason = rejection { try Extractor.document(bytes: broken, format: .docx) }
        XCTAssertTrue(brokenReason?.hasPrefix("corrupt Word file (word/document.xml: ") ?? false, brokenReason ?? "accepted")
    }

    /// A part that declares more than the limit is refused before inflating anything.
    func testZipBombDeclaringItsSizeIsRejected() throws {
        let big = [UInt8](repeating: 0x20, count: 3_000_000)
        let bomb = try Self.docx([("word/document.xml", Array(Self.documentXML(Self.p(Self.r("正文"))).utf8)), ("word/media/zero.bin", big)])
        XCTAssertLessThan(bomb.count, 20_000)
        var limits = Extractor.Limits()
        limits.maximumUnpackedBytes = 1_000_000
        XCTAssertEqual(rejection { try Extractor.document(bytes: bomb, format: .docx, limits: limits) },
                       "Word file unpacks to more than 1000000 bytes")
        // Within the default limit the same file is read.
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: bomb, format: .docx)), ["正文"])
    }

    /// A part that lies about its size is stopped while inflating, once past the limit.
    func testZipBombLyingAboutItsSizeIsStoppedWhileInflating() throws {
        let padding = String(repeating: " ", count: 3_000_000)
        let xml = Array(Self.documentXML(Self.p(Self.r("正文")) + padding).utf8)
        var bomb = try Self.docx([("word/document.xml", xml)])
        // Rewrite every record of the part's true size (local header, central directory) to 100.
        let size = UInt32(xml.count)
        let pattern = withUnsafeBytes(of: size.littleEndian) { Array($0) }
        var replaced = 0
        var i = 0
        while i + 4 <= bomb.count {
            if Array(bomb[i..<(i + 4)]) == pattern {
                bomb.replaceSubrange(i..<(i + 4), with: withUnsafeBytes(of: UInt32(100).littleEndian) { Array($0) })
                replaced += 1
            }
            i += 1
        }
        XCTAssertGreaterThanOrEqual(replaced, 2)
        var limits = Extractor.Limits()
        limits.maximumUnpackedBytes = 1_000_000
        XCTAssertEqual(rejection { try Extractor.document(bytes: bomb, format: .docx, limits: limits) },
                       "Word file unpacks to more than 1000000 bytes")
    }

    func testDeeplyNestedXMLIsRejectedNotCrashing() throws {
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 5000) + Self.p(Self.r("深处")) + String(repeating: "</w:sdtContent></w:sdt>", count: 5000)
        let reason = rejection { try Extractor.document(bytes: try Self.docx(body: deep), format: .docx) }
        XCTAssertTrue(reason?.hasPrefix("corrupt Word file (word/document.xml: ") ?? false, reason ?? "accepted")
    }
}
