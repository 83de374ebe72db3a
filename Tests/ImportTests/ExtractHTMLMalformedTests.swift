import Foundation
import XCTest
@testable import Import

/// Broken markup as portals publish it, read the way libxml2's recovering parser read it before
/// `HTMLParser` replaced it (the expected values were checked against libxml2 2.9.14).
final class ExtractHTMLMalformedTests: XCTestCase {
    func document(_ page: String) throws -> Document {
        try Extractor.document(bytes: Array(page.utf8), format: .html)
    }

    func testUnclosedCellsRowsAndParagraphs() throws {
        let doc = try document("<p>前言<table><tr><td>项目<td>数量<tr><td>规章<td>3</table><p>后记<p>又一段")
        XCTAssertEqual(outline(doc), ["p:前言", "t:2×2", "p:后记", "p:又一段"])
        XCTAssertEqual(tables(doc).map(texts), [[["项目", "数量"], ["规章", "3"]]])
    }

    func testStrayEndTagsAreIgnored() throws {
        // A </td> with no cell open, and a </div> that cannot close the cell it is in.
        let doc = try document("<table><tr></td><td>甲</div>乙</td><td>丙</td></tr></table></td></tr><p>尾</p>")
        XCTAssertEqual(tables(doc).map(texts), [[["甲乙", "丙"]]])
        XCTAssertEqual(paragraphs(doc), ["尾"])
    }

    func testEndTagClosesOnlyWhatItOutranks() throws {
        // </tr> closes the open cell; </table> closes row and cell; </span> cannot close a td.
        let doc = try document("<table><tr><td><span>一</td></span><td>二</tr><tr><td>三<td>四</table>")
        XCTAssertEqual(tables(doc).map(texts), [[["一", "二"], ["三", "四"]]])
    }

    func testNestedTablesWithMissingEnds() throws {
        let page = "<table><tr><td>外<table><tr><td>内甲</td><td>内乙</td></tr><tr><td>1</td><td>2</td></tr></table></td></tr></table><p>后</p>"
        let doc = try document(page)
        XCTAssertEqual(outline(doc), ["p:外", "t:2×2", "p:后"])
        // The inner table never closed: the outer </table> closes it, the outer one closes at the end.
        let unclosed = try document("<table><tr><td>外<table><tr><td>甲</td><td>乙</td></tr></table><p>后")
        XCTAssertEqual(outline(unclosed), ["p:外", "t:1×2", "p:后"])
    }

    func testHundredThousandNestedUnclosedTags() throws {
        let page = "<body>" + String(repeating: "<div><span>", count: 100_000) + "深处" + "<p>之后"
        XCTAssertEqual(paragraphs(try document(page)), ["深处", "之后"])
    }

    func testAttributesWithoutQuotesOrValues() throws {
        let page = "<table border=1><tr><td colspan=2 align=center>合并</td></tr><tr><td rowspan = 1>甲<td nowrap>乙</tr></table>"
            + "<div style=display:none>隐</div><p hidden>藏</p><p class=a/b>见</p>"
        let doc = try document(page)
        XCTAssertEqual(tables(doc).map(texts), [[["合并", "合并"], ["甲", "乙"]]])
        XCTAssertEqual(paragraphs(doc), ["见"])
    }

    func testEntitiesNumericNamedAndBroken() throws {
        let doc = try document("<p>&#20013;&#x6587;&amp;&lt;&gt;&quot;&nbsp;|&nbsp|&unknown;|&#0;|&#x110000;|&#;|a&b</p>")
        XCTAssertEqual(paragraphs(doc), ["中文&<>\"\u{a0}|&nbsp|&unknown;||||a&b"])
    }

    func testCommentsScriptsAndBogusMarkup() throws {
        let page = "<p>甲<!-- <p>注释</p> -->乙</p><script>if (a < b && c) { document.write('</p>丙') }</script>"
            + "<style>p > span { color: red }</style><p>丁 < 戊 <1 <!x> </ td>己</p><p>庚<!-- 未完"
        XCTAssertEqual(paragraphs(try document(page)), ["甲乙", "丁 < 戊 <1 <!x> td>己", "庚"])
    }

    func testTagsCutOffAtTheEnd() throws {
        XCTAssertEqual(paragraphs(try document("<p>甲</p><p>乙<td colspan=")), ["甲", "乙"])
        XCTAssertEqual(paragraphs(try document("<p>甲<p title=\"未完")), ["甲"])
    }

    func testMisplacedStructureTags() throws {
        // A second <body>, <head> in the body and text before <html> are all kept as the page reads.
        let doc = try document("开头<html><head><title>题</title></head><body><p>甲</p><head><p>乙</p><body><p>丙</p></body></html>尾")
        XCTAssertEqual(paragraphs(doc), ["开头", "甲", "乙", "丙", "尾"])
    }
}

final class HTMLParserTests: XCTestCase {
    func testLiteralNameKeysAreTheirNamesKeys() {
        let named: [(UInt64, String)] = [
            (HTMLName.html, "html"), (HTMLName.head, "head"), (HTMLName.body, "body"), (HTMLName.p, "p"), (HTMLName.script, "script"),
            (HTMLName.style, "style"), (HTMLName.noframes, "noframes"), (HTMLName.frame, "frame"), (HTMLName.frameset, "frameset"),
            (HTMLName.hidden, "hidden"), (HTMLName.rowspan, "rowspan"), (HTMLName.colspan, "colspan"),
        ]
        for (key, name) in named {
            XCTAssertEqual(key, HTMLName.key(name), name)
            XCTAssertEqual(key, LibXML.nameKey(name), name)
        }
    }

    func testStyleHides() {
        XCTAssertTrue(HTMLElement.styleHides(Array("color:red; DISPLAY : None".utf8)))
        XCTAssertTrue(HTMLElement.styleHides(Array("visibility:\thidden".utf8)))
        XCTAssertFalse(HTMLElement.styleHides(Array("display:block; visibility:visible".utf8)))
        XCTAssertFalse(HTMLElement.styleHides(Array("display:non".utf8)))
    }

    func testManyStrayEndTagsAfterDeepNestingStayLinear() throws {
        let page = String(repeating: "<div>", count: 50_000) + "字" + String(repeating: "</b>", count: 50_000)
        let start = Date()
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: Array(page.utf8), format: .html)), ["字"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }
}
