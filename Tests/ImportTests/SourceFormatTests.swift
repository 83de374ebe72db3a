import XCTest
@testable import Import

final class SourceFormatTests: XCTestCase {
    func testFormatByExtension() {
        XCTAssertEqual(SourceFormat(fileName: "a.JSON"), .json)
        XCTAssertEqual(SourceFormat(fileName: "城关镇.htm"), .html)
        XCTAssertEqual(SourceFormat(fileName: "x.Html"), .html)
        XCTAssertEqual(SourceFormat(fileName: "x.docx"), .docx)
        XCTAssertEqual(SourceFormat(fileName: "x.txt"), .text)
        XCTAssertEqual(SourceFormat(fileName: "x.pdf"), .pdf)
        XCTAssertNil(SourceFormat(fileName: "x.doc"))
        XCTAssertNil(SourceFormat(fileName: ".json"))
        XCTAssertNil(SourceFormat(fileName: "README"))
    }
}
