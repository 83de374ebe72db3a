import Foundation
import ZIPFoundation

/// A report as the .docx a township writes it in: title, headings, prose, and the official tables
/// with w:gridSpan and w:vMerge; some figures split over two runs, as Word leaves them after edits.
/// Fixed timestamps in the zip, so the same report gives the same bytes.
enum WordDocument {
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    /// Every part is dated at the format's publication day, never today.
    static let fixedDate = Date(timeIntervalSince1970: 1_632_614_400)  // 2021-09-26

    static func render(_ r: PublishedReport) throws(PublishError) -> [UInt8] {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRels),
            ("word/document.xml", documentXML(r)),
            ("word/styles.xml", styles),
            ("word/_rels/document.xml.rels", documentRels),
            ("docProps/core.xml", core(r)),
        ]
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: fixedDate, permissions: 0o644, compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let bytes = archive.data else { throw PublishError.wordArchive(nil) }
            return [UInt8](bytes)
        } catch let e as PublishError {
            throw e
        } catch {
            throw PublishError.wordArchive("\(error)")
        }
    }

    static func documentXML(_ r: PublishedReport) -> String {
        var x = ""
        x.reserveCapacity(96 * 1024)
        x += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        x += "<w:document xmlns:w=\"\(namespace)\"><w:body>"
        var cellNumber = 0
        for block in r.outline() {
            switch block {
            case .title(let t):
                x += "<w:p><w:pPr><w:pStyle w:val=\"Title\"/><w:jc w:val=\"center\"/></w:pPr>"
                // Word keeps the title in several runs: the unit, the year, the rest.
                if let cut = t.range(of: String(r.year)) {
                    run(String(t[..<cut.lowerBound]), bold: true, size: 44, into: &x)
                    run(String(t[cut]), bold: true, size: 44, into: &x)
                    run(String(t[cut.upperBound...]), bold: true, size: 44, into: &x)
                } else {
                    run(t, bold: true, size: 44, into: &x)
                }
                x += "</w:p>"
            case .heading(let s):
                x += "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/><w:ind w:firstLine=\"640\"/></w:pPr>"
                run(s, bold: true, size: 32, into: &x)
                x += "</w:p>"
            case .paragraph(let s):
                x += "<w:p><w:pPr><w:ind w:firstLine=\"640\"/></w:pPr>"
                run(s, bold: false, size: 32, into: &x)
                x += "</w:p>"
            case .table(let t):
                table(t, variant: r.variant, cellNumber: &cellNumber, into: &x)
                x += "<w:p/>"
            case .signature(let issuer, let date):
                x += "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>"; run(issuer, bold: false, size: 32, into: &x); x += "</w:p>"
                if let date {
                    x += "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>"; run(date, bold: false, size: 32, into: &x); x += "</w:p>"
                }
            }
        }
        x += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
        x += "</w:body></w:document>"
        return x
    }

    static func run(_ text: String, bold: Bool, size: Int, into x: inout String) {
        x += "<w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\"/>"
        if bold { x += "<w:b/>" }
        x += "<w:sz w:val=\"\(size)\"/></w:rPr><w:t xml:space=\"preserve\">"
        escape(text, into: &x)
        x += "</w:t></w:r>"
    }

    /// The table on a grid of equal columns; a merged cell spans with gridSpan and continues down
    /// with an empty vMerge cell in each row below.
    static func table(_ t: GridTable, variant: UInt64, cellNumber: inout Int, into x: inout String) {
        let width = 9000 / t.columns
        x += "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/><w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            x += "<w:\(side) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }
        x += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        for _ in 0..<t.columns { x += "<w:gridCol w:w=\"\(width)\"/>" }
        x += "</w:tblGrid>"
        for line in t.placement() {
            x += "<w:tr>"
            for slot in line {
                x += "<w:tc><w:tcPr><w:tcW w:w=\"\(width * slot.colspan)\" w:type=\"dxa\"/>"
                if slot.colspan > 1 { x += "<w:gridSpan w:val=\"\(slot.colspan)\"/>" }
                if slot.continues {
                    x += "<w:vMerge/></w:tcPr><w:p/></w:tc>"
                    continue
                }
                let cell = slot.cell!
                if cell.rowspan > 1 { x += "<w:vMerge w:val=\"restart\"/>" }
                x += "<w:vAlign w:val=\"center\"/></w:tcPr>"
                guard let text = cell.text else {
                    x += "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p></w:tc>"
                    continue
                }
                x += "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                if cell.figure {
                    cellNumber += 1
                    // About one figure in five of two or more digits is split over two runs.
                    let h = (variant &+ UInt64(cellNumber) &* 0x9E37_79B9_7F4A_7C15) >> 59
                    if text.utf8.count >= 2 && h % 5 == 0 {
                        let cut = text.index(after: text.startIndex)
                        run(String(text[..<cut]), bold: false, size: 21, into: &x)
                        run(String(text[cut...]), bold: false, size: 21, into: &x)
                    } else {
                        run(text, bold: false, size: 21, into: &x)
                    }
                } else {
                    run(text, bold: cell.header, size: 21, into: &x)
                }
                x += "</w:p></w:tc>"
            }
            x += "</w:tr>"
        }
        x += "</w:tbl>"
    }

    static func escape(_ s: String, into x: inout String) {
        MarkupEscape.append(s, into: &x, droppingControls: true)
    }

    static func core(_ r: PublishedReport) -> String {
        let created = r.publishedOn.map { $0.dashed + "T08:00:00Z" } ?? "\(r.year + 1)-01-02T08:00:00Z"
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        x += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        x += "<dc:title>"; escape(r.title, into: &x); x += "</dc:title><dc:creator>"; escape(r.issuer, into: &x)
        x += "</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">\(created)</dcterms:created></cp:coreProperties>"
        return x
    }

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
    """

    static let packageRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
    """

    static let documentRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
    """

    static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style></w:styles>
    """
}
