/// A report as a PDF with a text layer: A4 pages, STSong-Light (not embedded, UniGB-UCS2-H) with a
/// ToUnicode map so text extraction gives the Chinese back, and tables laid out one row a line
/// with each cell at its column's x position. Also the scanned kind, page images and no text.
enum PDFReport {
    static let pageWidth = 595.0, pageHeight = 842.0
    static let margin = 40.0
    static var usable: Double { pageWidth - 2 * margin }

    /// One text placement on a page.
    struct Run { var x: Double; var size: Double; var text: String }

    /// Pages as lists of (baseline y, runs); filled top to bottom.
    struct Pages {
        var pages: [[(y: Double, runs: [Run])]] = [[]]
        var y = pageHeight - margin

        mutating func line(_ runs: [Run], height: Double) {
            if y - height < margin {
                pages.append([])
                y = pageHeight - margin
            }
            y -= height
            pages[pages.count - 1].append((y, runs))
        }
        mutating func gap(_ h: Double) { y -= h }
    }

    static func render(_ r: PublishedReport) -> [UInt8] {
        var p = Pages()
        for block in r.outline() {
            switch block {
            case .title(let t):
                for l in wrap(t, size: 16, width: usable) {
                    p.line([Run(x: margin + (usable - width(l, size: 16)) / 2, size: 16, text: l)], height: 26)
                }
                p.gap(8)
            case .heading(let s):
                p.gap(4)
                for l in wrap(s, size: 11, width: usable) { p.line([Run(x: margin, size: 11, text: l)], height: 18) }
            case .paragraph(let s):
                var first = true
                for l in wrap("　　" + s, size: 11, width: usable) {
                    p.line([Run(x: margin, size: 11, text: l)], height: 18)
                    first = false
                }
                _ = first
            case .table(let t):
                p.gap(4)
                table(t, into: &p)
                p.gap(6)
            case .signature(let issuer, let date):
                p.gap(18)
                p.line([Run(x: pageWidth - margin - width(issuer, size: 11) - 22, size: 11, text: issuer)], height: 18)
                if let date { p.line([Run(x: pageWidth - margin - width(date, size: 11) - 11, size: 11, text: date)], height: 18) }
            }
        }
        return write(r, pages: p.pages)
    }

    /// Rows as lines. Labels merged down several rows (三、本年度办理结果, （三）不予公开) print on
    /// their first row before the row's own label, so a row stays one line. Row labels end at the
    /// label area's right edge and figures sit in columns after it, one gap apart.
    ///
    /// poppler's text extraction keeps words on one line, with a space between them, only while
    /// the gap between them stays under about one em; a wider gap splits the line into blocks
    /// (one cell a line, or cells run together). So a cell starts at its column's x, but never
    /// more than 0.8 em after the cell before it: columns line up where widths allow.
    static func table(_ t: GridTable, into p: inout Pages) {
        let placement = t.placement()
        var labelColumns = t.columns
        for line in placement {
            for slot in line where slot.cell?.figure == true { labelColumns = min(labelColumns, slot.column) }
        }
        if labelColumns == t.columns { labelColumns = 0 }
        let size = 7.5
        let gap = 0.6 * size
        var labelTexts: [String] = []
        var labelWidth = 0.0
        var columnWidth = [Double](repeating: width("0", size: size), count: t.columns)
        for line in placement {
            let texts = line.filter { $0.column < labelColumns && $0.column + $0.colspan <= labelColumns }.compactMap { $0.cell?.text }
            let joined = texts.joined(separator: " ")
            labelTexts.append(joined)
            labelWidth = max(labelWidth, width(joined, size: size))
            for slot in line where slot.cell?.figure == true && slot.colspan == 1 {
                columnWidth[slot.column] = max(columnWidth[slot.column], width(slot.cell?.text ?? "", size: size))
            }
        }
        labelWidth = min(labelWidth, usable * 0.62)
        var left = [Double](repeating: margin, count: t.columns + 1)
        var x = margin + labelWidth
        for c in labelColumns..<t.columns {
            x += gap
            left[c] = x
            x += columnWidth[c]
        }
        left[t.columns] = x
        for (k, line) in placement.enumerated() {
            var runs: [Run] = []
            var end = margin
            if !labelTexts[k].isEmpty {
                let w = width(labelTexts[k], size: size)
                let start = max(margin, margin + labelWidth - w)
                runs.append(Run(x: start, size: size, text: labelTexts[k]))
                end = start + w
            }
            for slot in line where slot.column >= labelColumns || slot.column + slot.colspan > labelColumns {
                guard let c = slot.cell, let s = c.text else { continue }
                let w = width(s, size: size)
                let first = max(slot.column, labelColumns)
                let spanLeft = left[first], spanRight = left[slot.column + slot.colspan] - (slot.column + slot.colspan < t.columns ? gap : 0)
                var start = c.figure ? spanRight - w : spanLeft + max(0, (spanRight - spanLeft - w) / 2)
                if slot.column < labelColumns { start = margin }
                if !runs.isEmpty { start = min(max(start, end + 0.45 * size), end + 0.8 * size) }
                runs.append(Run(x: start, size: size, text: s))
                end = start + w
            }
            if !runs.isEmpty { p.line(runs, height: size * 1.8) }
        }
    }

    /// Width in points: CJK and full-width characters take 1 em, ASCII half (the font's /W).
    static func width(_ s: String, size: Double) -> Double {
        var em = 0.0
        for u in s.unicodeScalars { em += (0x20...0x7E).contains(u.value) ? 0.5 : 1 }
        return em * size
    }

    static func wrap(_ s: String, size: Double, width limit: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        var w = 0.0
        // Tokens: one CJK character, or a run of ASCII letters and digits (never broken: "2024").
        var tokens: [String] = []
        for ch in s {
            if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == ":" || ch == "/"),
               let last = tokens.last?.last, last.isASCII && (last.isLetter || last.isNumber || last == "." || last == ":" || last == "/") {
                tokens[tokens.count - 1].append(ch)
            } else {
                tokens.append(String(ch))
            }
        }
        for token in tokens {
            let cw = width(token, size: size)
            if w + cw > limit && !current.isEmpty {
                lines.append(current); current = ""; w = 0
            }
            current += token; w += cw
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The text as UCS-2 codes for UniGB-UCS2-H (characters beyond the BMP print as '?').
    static func hex(_ s: String, into out: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        out.append(UInt8(ascii: "<"))
        for u in s.unicodeScalars {
            let v = u.value <= 0xFFFF ? u.value : 0x3F
            out.append(digits[Int(v >> 12 & 0xF)]); out.append(digits[Int(v >> 8 & 0xF)])
            out.append(digits[Int(v >> 4 & 0xF)]); out.append(digits[Int(v & 0xF)])
        }
        out.append(UInt8(ascii: ">"))
    }

    static func number(_ v: Double, into out: inout [UInt8]) {
        let hundredths = Int((v * 100).rounded())
        out += Array(String(hundredths / 100).utf8)
        let f = hundredths % 100
        if f != 0 {
            out.append(UInt8(ascii: "."))
            out += Array((f < 10 ? "0" + String(f) : String(f)).utf8)
        }
    }

    static func write(_ r: PublishedReport, pages: [[(y: Double, runs: [Run])]]) -> [UInt8] {
        var f = PDFFile()
        let catalog = f.reserve(), pagesObj = f.reserve(), font = f.reserve(), cidFont = f.reserve()
        let descriptor = f.reserve(), toUnicode = f.reserve(), info = f.reserve()
        var kids: [Int] = []
        for page in pages {
            let pageObj = f.reserve(), content = f.reserve()
            kids.append(pageObj)
            var s: [UInt8] = []
            s.reserveCapacity(8192)
            for (y, runs) in page {
                for run in runs {
                    s += Array("BT /F1 ".utf8); number(run.size, into: &s); s += Array(" Tf 1 0 0 1 ".utf8)
                    number(run.x, into: &s); s.append(0x20); number(y, into: &s); s += Array(" Tm ".utf8)
                    hex(run.text, into: &s); s += Array(" Tj ET\n".utf8)
                }
            }
            f.stream(content, s)
            f.object(pageObj, "<< /Type /Page /Parent \(pagesObj) 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(content) 0 R >>")
        }
        f.object(catalog, "<< /Type /Catalog /Pages \(pagesObj) 0 R >>")
        f.object(pagesObj, "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        f.object(font, "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        f.object(cidFont, "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor \(descriptor) 0 R /DW 1000 /W [1 95 500] >>")
        f.object(descriptor, "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 737 /StemV 58 >>")
        f.stream(toUnicode, Array(toUnicodeCMap.utf8))
        f.object(info, infoDictionary(r))
        return f.finish(root: catalog, info: info)
    }

    static func infoDictionary(_ r: PublishedReport) -> String {
        var d = "<< /Title \(PDFFile.textString(r.title)) /Author \(PDFFile.textString(r.issuer)) /Producer (nianbao Publish)"
        if let p = r.publishedOn {
            func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
            d += " /CreationDate (D:\(p.year)\(two(p.month))\(two(p.day))090000+08'00')"
        }
        return d + " >>"
    }

    /// Codes are UCS-2, so each code maps to itself: one bfrange per high byte.
    static let toUnicodeCMap: String = {
        var s = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        s += "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        s += "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        var ranges: [String] = []
        for hi in 0..<256 where !(0xD8...0xDF).contains(hi) {
            var a = "", b = "", c = ""
            PDFFile.hex16(UInt16(hi << 8), into: &a); PDFFile.hex16(UInt16(hi << 8 | 0xFF), into: &b); PDFFile.hex16(UInt16(hi << 8), into: &c)
            ranges.append("<\(a)> <\(b)> <\(c)>")
        }
        var i = 0
        while i < ranges.count {
            let chunk = ranges[i..<min(i + 100, ranges.count)]
            s += "\(chunk.count) beginbfrange\n" + chunk.joined(separator: "\n") + "\nendbfrange\n"
            i += 100
        }
        s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return s
    }()

    /// A scanned report: page images (grey bars where lines of print would be) and no fonts at all.
    static func scanned(_ r: PublishedReport) -> [UInt8] {
        var f = PDFFile()
        let catalog = f.reserve(), pagesObj = f.reserve(), info = f.reserve()
        let lines = r.outline().count
        let pageCount = max(2, min(6, lines / 12))
        let w = 248, h = 351
        var kids: [Int] = []
        for k in 0..<pageCount {
            let pageObj = f.reserve(), content = f.reserve(), image = f.reserve()
            kids.append(pageObj)
            var pixels = [UInt8](repeating: 0xF4, count: w * h)
            var y = 24
            var n = UInt64(k + 1) &* 0x9E37_79B9_7F4A_7C15 ^ r.variant
            while y + 4 < h - 24 {
                n = n &* 6364136223846793005 &+ 1442695040888963407
                let len = 120 + Int(n >> 40 % 90)
                for yy in y..<(y + 3) { for xx in 20..<min(w - 20, 20 + len) { pixels[yy * w + xx] = 0x30 } }
                y += 9
            }
            f.stream(image, dictionary: "/Type /XObject /Subtype /Image /Width \(w) /Height \(h) /ColorSpace /DeviceGray /BitsPerComponent 8", pixels)
            f.stream(content, Array("q 595 0 0 842 0 0 cm /Im1 Do Q\n".utf8))
            f.object(pageObj, "<< /Type /Page /Parent \(pagesObj) 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 \(image) 0 R >> >> /Contents \(content) 0 R >>")
        }
        f.object(catalog, "<< /Type /Catalog /Pages \(pagesObj) 0 R >>")
        f.object(pagesObj, "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        f.object(info, "<< /Producer (Scanner) /Creator (ScanSnap) >>")
        return f.finish(root: catalog, info: info)
    }
}
