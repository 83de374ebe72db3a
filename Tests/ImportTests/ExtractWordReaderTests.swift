import Foundation
import XCTest
@testable import Import

/// `WordXMLReader`, the fast reader of word/document.xml, held to libxml2's reading: the same
/// document for what it reads, and a hand-over to libxml2 for what it does not.
final class ExtractWordReaderTests: XCTestCase {
    func fastRead(_ xml: String) -> Bool {
        Array(xml.utf8).withUnsafeBufferPointer { input in
            var reader = WordXMLReader(input, walker: WordWalker())
            return reader.run()
        }
    }

    func assertSame(_ xml: String, fast: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let bytes = Array(xml.utf8)
        XCTAssertEqual(fastRead(xml), fast, "fast path taken", file: file, line: line)
        let a = Result { () throws(ExtractError) -> Document in try WordWalker.document(bytes) }
        let b = Result { () throws(ExtractError) -> Document in try WordWalker.documentThroughLibXML2(bytes) }
        switch (a, b) {
        case (.success(let x), .success(let y)): XCTAssertEqual(x, y, file: file, line: line)
        case (.failure(let x), .failure(let y)): XCTAssertEqual(x, y, file: file, line: line)
        default: XCTFail("\(a) vs \(b)", file: file, line: line)
        }
    }

    typealias W = ExtractWordTests

    func testWordsOwnShapesAreReadFastAndAlike() throws {
        let grid = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            + "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + W.tc(W.p(W.r("甲"))) + "<w:tc><w:tcPr><w:gridSpan w:val=\"1\"/><w:vMerge w:val=\"restart\"/></w:tcPr>" + W.p(W.r("乙")) + "</w:tc></w:tr>"
            + "<w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>" + W.p(W.r("丙 &amp; &lt;丁&gt; &#20013;&#x6587;")) + "</w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
        let body = W.p(W.r("第一段") + "<w:r><w:tab/><w:t>制表</w:t><w:br/><w:t xml:space=\"preserve\"> 换行 </w:t></w:r>")
            + "<!-- 注释 -->" + W.p("<w:r><w:t><![CDATA[<原样>]]></w:t></w:r>") + grid
            + W.p("<w:r><w:t>行一\r\n行二\r行三</w:t></w:r>")
            + "<mc:AlternateContent><mc:Choice Requires=\"wps\">" + W.p(W.r("选择")) + "</mc:Choice><mc:Fallback>" + W.p(W.r("后备")) + "</mc:Fallback></mc:AlternateContent>"
            + "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:t>留</w:t></w:r></w:p>"
        try assertSame(W.documentXML(body).replacingOccurrences(of: "?>", with: "?>\r\n"), fast: true)
        try assertSame(W.documentXML(body), fast: true)
        // A default namespace instead of a prefix, and a prefix rebound inside.
        try assertSame("<document xmlns=\"\(W.w)\"><body><p><r><t>无前缀</t></r></p><x:p xmlns:x=\"urn:other\"><x:t>别处</x:t></x:p></body></document>", fast: true)
    }

    func testWhatTheFastReaderLeavesToLibXML2() throws {
        let inner = W.p(W.r("字"))
        try assertSame("<?xml version=\"1.0\" encoding=\"GBK\"?>" + W.documentXML(inner), fast: false)
        try assertSame(W.documentXML(W.p("<w:r><w:t>&nbsp;</w:t></w:r>")), fast: false)
        try assertSame(W.documentXML(inner, doctype: "<!DOCTYPE w:document>"), fast: false)
        try assertSame(W.documentXML(W.p("<w:r><w:t>未闭合</w:r>")), fast: false)
        try assertSame(W.documentXML(W.p("<q:r><w:t>前缀</w:t></q:r>")), fast: false)
        try assertSame(W.documentXML(W.p("<w:r a=\"1\" a=\"2\"><w:t>重</w:t></w:r>")), fast: false)
        try assertSame(W.documentXML(W.p("<w:r><w:t>a]]>b</w:t></w:r>")), fast: false)
        try assertSame(W.documentXML(W.p("<w:r><w:t>\u{1}</w:t></w:r>")), fast: false)
        try assertSame(W.documentXML(inner) + "<extra/>", fast: false)
        try assertSame(String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300), fast: false)
        try assertSame(W.documentXML(inner).replacingOccurrences(of: "<w:body>", with: "<w:body><!-- a -- b -->"), fast: false)
    }

    func testGeneratedWordFilesReadAlike() throws {
        guard let dir = ProcessInfo.processInfo.environment["NIANBAO_DOCX_CORPUS"] else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".docx") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent(name)))
            let xml = try WordExtractor.mainPart(bytes, limits: Extractor.Limits())
            try assertSame(String(decoding: xml, as: UTF8.self), fast: true)
        }
    }
}
