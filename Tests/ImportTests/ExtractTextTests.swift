import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import Import

final class ExtractTextTests: XCTestCase {
    func testLinesKeepTabsAndSpacingAndNumberEveryLine() throws {
        let text = "一、总体情况\r\n项目\t本年新增\t累计\r\n\r\n规章   3   12\r末行\u{2028}分隔后\n"
        let doc = try Extractor.document(bytes: Array(text.utf8), format: .text)
        XCTAssertEqual(doc.format, .text)
        XCTAssertEqual(paragraphs(doc), ["一、总体情况", "项目\t本年新增\t累计", "规章   3   12", "末行", "分隔后"])
        XCTAssertEqual(places(doc), ["line 1", "line 2", "line 4", "line 5", "line 6"])
    }

    func testBlankLinesOfNBSPAndIdeographicSpaceAreDropped() throws {
        let doc = try Extractor.document(bytes: Array("甲\n\u{a0}\u{3000} \t\n\u{3000}乙\n".utf8), format: .text)
        XCTAssertEqual(paragraphs(doc), ["甲", "\u{3000}乙"])
        XCTAssertEqual(places(doc), ["line 1", "line 3"])
    }

    func testGB18030TextIsDecoded() throws {
        let text = "收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量\t5\n"
        let doc = try Extractor.document(bytes: gb18030(text), format: .text)
        XCTAssertEqual(paragraphs(doc), ["收到和处理政府信息公开申请情况", "本年新收政府信息公开申请数量\t5"])
    }

    func testBOMs() throws {
        let text = "镇人民政府\n第二行"
        let utf8BOM = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: utf8BOM, format: .text)), ["镇人民政府", "第二行"])
        var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            le += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            be += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: le, format: .text)), ["镇人民政府", "第二行"])
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: be, format: .text)), ["镇人民政府", "第二行"])
        // UTF-16 without a BOM, as some tools save it: the NULs of ASCII give it away.
        let plain = Array(le.dropFirst(2)) + Array("\n2024 total 12".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: plain, format: .text)), ["镇人民政府", "第二行", "2024 total 12"])
    }

    func testAFewBadBytesBecomeReplacementCharacters() throws {
        var bytes = Array("本年新收政府信息公开申请数量 12 件，办结 12 件。".utf8)
        bytes.insert(0xFF, at: 6)
        bytes.append(0xE6)  // truncated at the end
        let doc = try Extractor.document(bytes: bytes, format: .text)
        let text = paragraphs(doc).joined()
        XCTAssertTrue(text.hasPrefix("本年\u{FFFD}新收"), text)
        XCTAssertTrue(text.hasSuffix("件。\u{FFFD}"), text)
    }

    func testBinaryIsRejected() {
        var state: UInt32 = 12345
        var bytes: [UInt8] = []
        for _ in 0..<4000 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        XCTAssertThrowsError(try Extractor.document(bytes: bytes, format: .text)) { error in
            XCTAssertEqual((error as? ExtractError)?.reason, "not text in UTF-8 or GB18030")
        }
    }

    func testEmptyFileIsAnEmptyDocument() throws {
        XCTAssertEqual(try Extractor.document(bytes: [], format: .text).blocks, [])
    }

    func testDecodingPrefersValidUTF8OverADeclaredGB2312() throws {
        let utf8 = Array("政府信息公开".utf8)
        XCTAssertEqual(try TextDecoding.utf8(utf8, declaredCharset: "gb2312"), utf8)
        XCTAssertEqual(try TextDecoding.utf8(gb18030("政府信息公开"), declaredCharset: "utf-8"), utf8)
    }
}

// MARK: - Helpers shared by the extractor tests

func gb18030(_ text: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    precondition(cd != iconv_t(bitPattern: -1))
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    var produced = 0
    input.withUnsafeMutableBufferPointer { src in
        output.withUnsafeMutableBufferPointer { dst in
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = src.count
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = dst.count
            precondition(iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1)
            produced = dst.count - outLeft
        }
    }
    return Array(output[..<produced])
}

func paragraphs(_ doc: Document) -> [String] {
    doc.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
}

func places(_ doc: Document) -> [String] {
    doc.blocks.map {
        switch $0 {
        case .paragraph(let p): p.place
        case .table(let t): t.place
        }
    }
}

func tables(_ doc: Document) -> [Table] {
    doc.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
}

func texts(_ table: Table) -> [[String]] {
    table.rows.map { $0.map(\.text) }
}

/// Each cell's origin as "r,c".
func origins(_ table: Table) -> [[String]] {
    table.rows.map { $0.map { "\($0.origin.row),\($0.origin.column)" } }
}

/// The blocks as short strings: "p:text" or "t:rows×columns".
func outline(_ doc: Document) -> [String] {
    doc.blocks.map {
        switch $0 {
        case .paragraph(let p): "p:" + p.text
        case .table(let t): "t:\(t.rows.count)×\(t.rows.first?.count ?? 0)"
        }
    }
}

func rejection(_ body: () throws -> Document) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as ExtractError {
        return error.reason
    } catch {
        return "\(error)"
    }
}
