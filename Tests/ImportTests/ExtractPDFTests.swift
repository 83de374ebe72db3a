import Foundation
import XCTest
@testable import Import

final class ExtractPDFTests: XCTestCase {
    static let chinesePages = [
        ["测试镇2024年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"],
        ["本年新收政府信息公开申请数量１２件", "Total 42"],
    ]

    func testTextLayerOneParagraphPerLine() throws {
        let doc = try Extractor.document(bytes: PDFFixture.make(pages: Self.chinesePages), format: .pdf)
        XCTAssertEqual(doc.format, .pdf)
        XCTAssertEqual(paragraphs(doc), Self.chinesePages.flatMap { $0 })
        XCTAssertEqual(places(doc), ["page 1, line 1", "page 1, line 2", "page 2, line 1", "page 2, line 2"])
    }

    func testPageWithoutTextIsAScan() {
        XCTAssertEqual(rejection { try Extractor.document(bytes: PDFFixture.make(pages: [[]]), format: .pdf) }, "scanned image, no text layer")
        XCTAssertEqual(rejection { try Extractor.document(bytes: PDFFixture.make(pages: [[], []], image: true), format: .pdf) },
                       "scanned image, no text layer")
    }

    func testCorruptPDF() {
        for bytes in [Array("%PDF-1.4\nthis is not a PDF at all".utf8), [], Array(PDFFixture.make(pages: Self.chinesePages).prefix(300))] {
            let reason = rejection { try Extractor.document(bytes: bytes, format: .pdf) }
            XCTAssertTrue(reason?.hasPrefix("corrupt PDF (poppler: ") ?? false, reason ?? "accepted")
        }
    }

    func testPasswordEncryptedPDF() throws {
        let bytes = try XCTUnwrap(Data(base64Encoded: PDFFixture.encrypted))
        XCTAssertEqual(rejection { try Extractor.document(bytes: [UInt8](bytes), format: .pdf) }, "encrypted PDF")
        // Encrypted with only an owner password (printing, copying restricted): opens and reads.
        let ownerOnly = try XCTUnwrap(Data(base64Encoded: PDFFixture.ownerOnly))
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: [UInt8](ownerOnly), format: .pdf)), ["Total 42"])
    }

    /// The rollup reads files on several threads: each call has its own poppler document.
    func testConcurrentExtraction() throws {
        let pdf = PDFFixture.make(pages: Self.chinesePages)
        let expected = Self.chinesePages.flatMap { $0 }
        let html = Array("<table><tr><td>甲</td><td>1</td></tr></table><p>乙</p>".utf8)
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var ok = 0
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let ok: Bool
            if i % 2 == 0 {
                ok = (try? Extractor.document(bytes: pdf, format: .pdf)).map(paragraphs) == expected
            } else {
                ok = (try? Extractor.document(bytes: html, format: .html)).map(outline) == ["t:1×2", "p:乙"]
            }
            results.lock.lock()
            if ok { results.ok += 1 }
            results.lock.unlock()
        }
        XCTAssertEqual(results.ok, 64)
    }
}

/// Hand-written PDFs: Chinese lines in a Type0 font (Identity-H, not embedded) whose ToUnicode
/// CMap maps glyph ids to Unicode, so poppler extracts the text without any font file; ASCII
/// lines in Helvetica.
enum PDFFixture {
    static func make(pages: [[String]], image: Bool = false) -> [UInt8] {
        var glyphs: [Character] = []
        for line in pages.joined() where !line.allSatisfy(\.isASCII) {
            for ch in line where !glyphs.contains(ch) { glyphs.append(ch) }
        }
        var objects: [String] = []  // object n is objects[n - 1]
        func add(_ body: String) -> Int {
            objects.append(body)
            return objects.count
        }
        func stream(_ content: String) -> String {
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream"
        }
        let catalog = add("")
        let pagesObject = add("")
        let descriptor = add("<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>")
        let cidFont = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(descriptor) 0 R /DW 1000 >>")
        var cmap = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        for chunk in stride(from: 0, to: glyphs.count, by: 100) {
            let part = glyphs[chunk..<min(chunk + 100, glyphs.count)]
            cmap += "\(part.count) beginbfchar\n"
            for (offset, ch) in part.enumerated() {
                let units = String(ch).utf16.map { hex($0) }.joined()
                cmap += "<\(hex(UInt16(chunk + offset + 1)))> <\(units)>\n"
            }
            cmap += "endbfchar\n"
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
        let toUnicode = add(stream(cmap))
        let type0 = add("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        let helvetica = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        var kids: [Int] = []
        for lines in pages {
            var content = ""
            for (i, line) in lines.enumerated() {
                let y = 760 - 30 * i
                if line.allSatisfy(\.isASCII) {
                    content += "BT /F2 12 Tf 72 \(y) Td (\(line)) Tj ET\n"
                } else {
                    let codes = line.map { hex(UInt16(glyphs.firstIndex(of: $0)! + 1)) }.joined()
                    content += "BT /F1 12 Tf 72 \(y) Td <\(codes)> Tj ET\n"
                }
            }
            if image { content += "q 100 0 0 100 72 500 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \u{7f}\u{10}\u{20}\u{30} EI Q\n" }
            let contents = add(stream(content))
            kids.append(add("<< /Type /Page /Parent \(pagesObject) 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 \(type0) 0 R /F2 \(helvetica) 0 R >> >> /Contents \(contents) 0 R >>"))
        }
        objects[catalog - 1] = "<< /Type /Catalog /Pages \(pagesObject) 0 R >>"
        objects[pagesObject - 1] = "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>"
        var out = Array("%PDF-1.4\n%\u{e2}\u{e3}\u{cf}\u{d3}\n".utf8)
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return out
    }

    private static func hex(_ value: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 12)], digits[Int(value >> 8 & 0xF)], digits[Int(value >> 4 & 0xF)], digits[Int(value & 0xF)]])
    }

    /// `qpdf --static-id --encrypt 用户 owner 128 --use-aes=y` of `make(pages: [["Total 42"]])`.
    static let encrypted = """
        JVBERi0xLjYKJb/3ov4KMSAwIG9iago8PCAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwg
        L0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIg
        L01lZGlhQm94IFsgMCAwIDU5NSA4NDIgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSIC9G
        MiA2IDAgUiA+PiA+PiAvVHlwZSAvUGFnZSA+PgplbmRvYmoKNCAwIG9iago8PCAvTGVuZ3RoIDgwIC9GaWx0ZXIgL0ZsYXRlRGVj
        b2RlID4+CnN0cmVhbQoenQkIM1HE7xH4qnE/UtMSm9G1Evbp454aa+nK79qZMdzc7jzi15p/5tpB3ErxvsMDm4AqVqEFawIslazn
        sdnHr7h5h+eGJ+BWCesS+4pkcWVuZHN0cmVhbQplbmRvYmoKNSAwIG9iago8PCAvQmFzZUZvbnQgL1NpbVN1biAvRGVzY2VuZGFu
        dEZvbnRzIFsgNyAwIFIgXSAvRW5jb2RpbmcgL0lkZW50aXR5LUggL1N1YnR5cGUgL1R5cGUwIC9Ub1VuaWNvZGUgOCAwIFIgL1R5
        cGUgL0ZvbnQgPj4KZW5kb2JqCjYgMCBvYmoKPDwgL0Jhc2VGb250IC9IZWx2ZXRpY2EgL0VuY29kaW5nIC9XaW5BbnNpRW5jb2Rp
        bmcgL1N1YnR5cGUgL1R5cGUxIC9UeXBlIC9Gb250ID4+CmVuZG9iago3IDAgb2JqCjw8IC9CYXNlRm9udCAvU2ltU3VuIC9DSURT
        eXN0ZW1JbmZvIDw8IC9PcmRlcmluZyA8YmNlMzJhNjdlZmI1ZTQyMGM3MWE2MGQzNDYwYzVkOTdkZDJkNGFlOTBjYjM0MTcxNDg0
        ZThjYjJmYWJlMDgyNz4gL1JlZ2lzdHJ5IDxhOWY0NDUwZWQ4NDViNzA3MTNlZGE2ZTRkYjFjN2M3YTViMDdiYTc5OGExZWNjNGZm
        MDI0YjUyODZiOGEyYzIxPiAvU3VwcGxlbWVudCAwID4+IC9EVyAxMDAwIC9Gb250RGVzY3JpcHRvciA5IDAgUiAvU3VidHlwZSAv
        Q0lERm9udFR5cGUyIC9UeXBlIC9Gb250ID4+CmVuZG9iago4IDAgb2JqCjw8IC9MZW5ndGggMjI0IC9GaWx0ZXIgL0ZsYXRlRGVj
        b2RlID4+CnN0cmVhbQoHvw0iRgtk8aGATRC8vPnb+4lMNI07FTCYmucLjIfeMwh3j7A9fUIyVjhX+WyH0X7XJqnDr89kSVCRDbfq
        +3RyJ1S+SSU4moVRnLyj+Yt1MBTkbAbgSilY03HWZFH5BNbcHdq/v6lj+UKoH5t5O3kridfK+C1HAjhjMQqpBAWmYRaYeoCUmFL0
        kxhorv4zsn6AMo5NHl2Ff2aFSfaMhuxgPuHlElZGnm9nztW8ta99BJpL8hqhFx5zwCUaB7LqfJDW3mRxzLNIkyRKHAkNGPkLpnQ9
        QQq+5TQiDT1VuCUzFGVuZHN0cmVhbQplbmRvYmoKOSAwIG9iago8PCAvQXNjZW50IDg1OSAvQ2FwSGVpZ2h0IDcwMCAvRGVzY2Vu
        dCAtMTQxIC9GbGFncyA0IC9Gb250QkJveCBbIDAgLTE0MSAxMDAwIDg1OSBdIC9Gb250TmFtZSAvU2ltU3VuIC9JdGFsaWNBbmds
        ZSAwIC9TdGVtViA4MCAvVHlwZSAvRm9udERlc2NyaXB0b3IgPj4KZW5kb2JqCjEwIDAgb2JqCjw8IC9DRiA8PCAvU3RkQ0YgPDwg
        L0F1dGhFdmVudCAvRG9jT3BlbiAvQ0ZNIC9BRVNWMiAvTGVuZ3RoIDE2ID4+ID4+IC9GaWx0ZXIgL1N0YW5kYXJkIC9MZW5ndGgg
        MTI4IC9PIDw5OTQ0NGVjYjI4ZjE2NTY5ZTc2NTkwNmNhZjY0ZTQ0MjlhNGMyMGQ2ZTk5NmZkZWY5NjNlOWI1MDgwZjllMDgzPiAv
        UCAtNCAvUiA0IC9TdG1GIC9TdGRDRiAvU3RyRiAvU3RkQ0YgL1UgPDI3NmQyMTRlZjk0M2ZiY2UyMmY0M2FjNDlhYjI4OWMxMDEy
        MjQ1NmE5MWJhZTUxMzQyNzNhNmRiMTM0Yzg3YzQ+IC9WIDQgPj4KZW5kb2JqCnhyZWYKMCAxMQowMDAwMDAwMDAwIDY1NTM1IGYg
        CjAwMDAwMDAwMTUgMDAwMDAgbiAKMDAwMDAwMDA2NCAwMDAwMCBuIAowMDAwMDAwMTIzIDAwMDAwIG4gCjAwMDAwMDAyNjEgMDAw
        MDAgbiAKMDAwMDAwMDQxMSAwMDAwMCBuIAowMDAwMDAwNTQ0IDAwMDAwIG4gCjAwMDAwMDA2NDEgMDAwMDAgbiAKMDAwMDAwMDkz
        NSAwMDAwMCBuIAowMDAwMDAxMjMwIDAwMDAwIG4gCjAwMDAwMDEzOTYgMDAwMDAgbiAKdHJhaWxlciA8PCAvUm9vdCAxIDAgUiAv
        U2l6ZSAxMSAvSUQgWzwzMTQxNTkyNjUzNTg5NzkzMjM4NDYyNjQzMzgzMjc5NT48MzE0MTU5MjY1MzU4OTc5MzIzODQ2MjY0MzM4
        MzI3OTU+XSAvRW5jcnlwdCAxMCAwIFIgPj4Kc3RhcnR4cmVmCjE2OTYKJSVFT0YK
        """.replacingOccurrences(of: "\n", with: "")

    /// The same with an empty user password (only an owner password): readable by anyone.
    static let ownerOnly = """
        JVBERi0xLjYKJb/3ov4KMSAwIG9iago8PCAvUGFnZXMgMiAwIFIgL1R5cGUgL0NhdGFsb2cgPj4KZW5kb2JqCjIgMCBvYmoKPDwg
        L0NvdW50IDEgL0tpZHMgWyAzIDAgUiBdIC9UeXBlIC9QYWdlcyA+PgplbmRvYmoKMyAwIG9iago8PCAvQ29udGVudHMgNCAwIFIg
        L01lZGlhQm94IFsgMCAwIDU5NSA4NDIgXSAvUGFyZW50IDIgMCBSIC9SZXNvdXJjZXMgPDwgL0ZvbnQgPDwgL0YxIDUgMCBSIC9G
        MiA2IDAgUiA+PiA+PiAvVHlwZSAvUGFnZSA+PgplbmRvYmoKNCAwIG9iago8PCAvTGVuZ3RoIDgwIC9GaWx0ZXIgL0ZsYXRlRGVj
        b2RlID4+CnN0cmVhbQoBrTL4YzLR5Xp/N7C6ta+VAbqdQ6PcRSOSD6nRfGk5RIUqVJrte0KG8cYMDVR8/2a1+YZ//YvgcmTV31qR
        pTeLf/pn4NYK+M2x5GDbL7ZjUWVuZHN0cmVhbQplbmRvYmoKNSAwIG9iago8PCAvQmFzZUZvbnQgL1NpbVN1biAvRGVzY2VuZGFu
        dEZvbnRzIFsgNyAwIFIgXSAvRW5jb2RpbmcgL0lkZW50aXR5LUggL1N1YnR5cGUgL1R5cGUwIC9Ub1VuaWNvZGUgOCAwIFIgL1R5
        cGUgL0ZvbnQgPj4KZW5kb2JqCjYgMCBvYmoKPDwgL0Jhc2VGb250IC9IZWx2ZXRpY2EgL0VuY29kaW5nIC9XaW5BbnNpRW5jb2Rp
        bmcgL1N1YnR5cGUgL1R5cGUxIC9UeXBlIC9Gb250ID4+CmVuZG9iago3IDAgb2JqCjw8IC9CYXNlRm9udCAvU2ltU3VuIC9DSURT
        eXN0ZW1JbmZvIDw8IC9PcmRlcmluZyA8N2RjODk1YmNmMTlkMzY0ODc0Mzc1NzA2ZjQ4Y2Q4OTkwMzljODEzYTAwYzhhZDU4NjY3
        ZTI1ZTM2ZTE1Y2JmZj4gL1JlZ2lzdHJ5IDxmNGQzMTUxNThiMzNkM2U2YzZkNDJiMDFjNDk2MjMyZTg3NWMxNjc4NmZjZjZlNmYy
        MzVkZjQ0YmIzNjI1Y2M5PiAvU3VwcGxlbWVudCAwID4+IC9EVyAxMDAwIC9Gb250RGVzY3JpcHRvciA5IDAgUiAvU3VidHlwZSAv
        Q0lERm9udFR5cGUyIC9UeXBlIC9Gb250ID4+CmVuZG9iago4IDAgb2JqCjw8IC9MZW5ndGggMjI0IC9GaWx0ZXIgL0ZsYXRlRGVj
        b2RlID4+CnN0cmVhbQqfHrF6Px90gBGIbqBdEuACrqsDbDFHcCQ+9djujFcuKBPlvsMDrCeMWLDrWwjVXopNk2+8pnSpw4qJ569D
        MdMb7oyK+ROiH73VCUqGsAfA/kXhdN+3TBP8V0x9qNB+NX6Sqe8Mnc8QwZsQSupygFYEGVvOanecHUz7nzPygLU691VPQBk9S8U8
        G30+gk45G2m4TwA1ofZm+5Cx+E0YBQn0hY1dfN+ipL+WM7Uo4zusqGZU0YOYCeyFV0OxIlxViOIIIVIp+rP+sOAhJOOkX1bvuGx1
        pnmIlTlt6W0i5ft/9WVuZHN0cmVhbQplbmRvYmoKOSAwIG9iago8PCAvQXNjZW50IDg1OSAvQ2FwSGVpZ2h0IDcwMCAvRGVzY2Vu
        dCAtMTQxIC9GbGFncyA0IC9Gb250QkJveCBbIDAgLTE0MSAxMDAwIDg1OSBdIC9Gb250TmFtZSAvU2ltU3VuIC9JdGFsaWNBbmds
        ZSAwIC9TdGVtViA4MCAvVHlwZSAvRm9udERlc2NyaXB0b3IgPj4KZW5kb2JqCjEwIDAgb2JqCjw8IC9DRiA8PCAvU3RkQ0YgPDwg
        L0F1dGhFdmVudCAvRG9jT3BlbiAvQ0ZNIC9BRVNWMiAvTGVuZ3RoIDE2ID4+ID4+IC9GaWx0ZXIgL1N0YW5kYXJkIC9MZW5ndGgg
        MTI4IC9PIDw1NjZmYTg3M2VlMzNjNzk3Y2QzYjkwNGZkYWRmODE0YWZhMzRkZjlhMzhmNmVkNDFiOTg0ZTJjNmRhMmFhNmY1PiAv
        UCAtNCAvUiA0IC9TdG1GIC9TdGRDRiAvU3RyRiAvU3RkQ0YgL1UgPGUyMWNjM2QxM2IwZmFhOTkzNGRiN2QyMGYxMWUzMzNlMDEy
        MjQ1NmE5MWJhZTUxMzQyNzNhNmRiMTM0Yzg3YzQ+IC9WIDQgPj4KZW5kb2JqCnhyZWYKMCAxMQowMDAwMDAwMDAwIDY1NTM1IGYg
        CjAwMDAwMDAwMTUgMDAwMDAgbiAKMDAwMDAwMDA2NCAwMDAwMCBuIAowMDAwMDAwMTIzIDAwMDAwIG4gCjAwMDAwMDAyNjEgMDAw
        MDAgbiAKMDAwMDAwMDQxMSAwMDAwMCBuIAowMDAwMDAwNTQ0IDAwMDAwIG4gCjAwMDAwMDA2NDEgMDAwMDAgbiAKMDAwMDAwMDkz
        NSAwMDAwMCBuIAowMDAwMDAxMjMwIDAwMDAwIG4gCjAwMDAwMDEzOTYgMDAwMDAgbiAKdHJhaWxlciA8PCAvUm9vdCAxIDAgUiAv
        U2l6ZSAxMSAvSUQgWzwzMTQxNTkyNjUzNTg5NzkzMjM4NDYyNjQzMzgzMjc5NT48MzE0MTU5MjY1MzU4OTc5MzIzODQ2MjY0MzM4
        MzI3OTU+XSAvRW5jcnlwdCAxMCAwIFIgPj4Kc3RhcnR4cmVmCjE2OTYKJSVFT0YK
        """.replacingOccurrences(of: "\n", with: "")
}
