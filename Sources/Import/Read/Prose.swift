import Aggregate

/// The report's identity and prose: unit, county, year and publication date, the overview
/// figures of 一、总体情况, and sections 一, 五 and 六 as text.
extension ReadState {
    // MARK: - Identity

    /// Lines before the first heading (or the first 40), trimmed, with their index.
    func openingLines() -> [(Int, String)] {
        let end = min(headings.values.min() ?? lines.count, lines.count)
        var out: [(Int, String)] = []
        for i in 0..<end where lines[i].kind == .paragraph {
            let t = lines[i].text.trimmingCharacters(in: "| ｜\t\u{3000}\u{A0}").trimmingSpaces()
            if !t.isEmpty { out.append((i, t)) }
            if out.count >= 60 { break }
        }
        return out
    }

    mutating func readIdentity() {
        // Title: a line with 年度报告 (or 工作报告) near the top; a unit on the line above when
        // the title line starts with the year.
        let opening = openingLines()
        var titleYear: Int? = nil
        // The first title line that names a year but no unit (2022年政府信息公开工作年度报告 above
        // 某某镇人民政府 / 2022年…): the unit is looked for in the next few lines.
        var yearOnlyTitle: Int? = nil
        for (n, (i, raw)) in opening.enumerated() {
            if let first = yearOnlyTitle, n > first + 6 { break }
            var t = String(String.UnicodeScalarView(TextFold.folded(raw[...]).filter { $0 != " " }))
            // A page's meta table labels its title cell: 标题水城区某乡2022年….
            for label in ["标题:", "标题", "题名:", "题名", "名称:", "名称"] where t.hasPrefix(label) { t = String(t.dropFirst(label.count)); break }
            // A title garbled in publishing (…政府信息公开 工作告年度报) still names the unit and year.
            guard t.count <= 70, t.includes("年度报告") || (t.includes("政府信息公开") && t.includes("报告"))
                    || (t.includes("政府信息公开") && Self.unit(fromTitle: t) != nil) else { continue }
            if t.hasPrefix("根据") || t.includes("条例") { continue }
            // A breadcrumb (> 信息公开年度报告) names neither a unit nor a year: the title is further on.
            if Self.yearIn(t) == nil && Self.unit(fromTitle: t) == nil && n + 1 < opening.count
                && opening[(n + 1)...].contains(where: { Self.yearIn($0.1) != nil && $0.1.includes("报告") }) { continue }
            var title = t
            var place = lines[i].place
            if let (p, prev) = n > 0 ? opening[n - 1] : nil, prev.count <= 30, !prev.includes("报告"),
               unitBefore(year: title) == nil {
                title = prev + title
                place = "\(lines[p].place) and \(lines[i].place)"
            }
            let compact = String(String.UnicodeScalarView(TextFold.folded(title[...]).filter { $0 != " " }))
            if titleLine == nil || Self.unit(fromTitle: compact) != nil { titleLine = i }
            if let u = Self.unit(fromTitle: compact) {
                unitName = u.unit
                if let c = u.county { county = c; account.found.append("county \(c) from the title (\(place))") }
                account.found.append("unit \(u.unit) from the title (\(place))")
            }
            if yearOnlyTitle == nil, let y = Self.yearIn(compact) {
                titleYear = y
                year = y
                account.found.append("year \(y) from the title (\(place))")
            }
            if unitName != nil || titleYear == nil { break }
            if yearOnlyTitle == nil { yearOnlyTitle = n }
        }
        if unitName == nil, let (u, c, place) = signatureUnit() {
            unitName = u
            account.found.append("unit \(u) from the signature (\(place))")
            if county == nil, let c {
                county = c
                account.found.append("county \(c) from the signature (\(place))")
            }
        }
        if unitName == nil {
            var stem = fileName
            if let slash = stem.lastIndex(of: "/") { stem = String(stem[stem.index(after: slash)...]) }
            if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
            unitName = stem
            account.found.append("unit \(stem) from the file name (the document names none)")
        }
        if county == nil {
            county = expectedCounty ?? ""
            account.found.append(expectedCounty.map { "county \($0): the county the report is rolled up in (the title names none)" }
                                 ?? "county unknown (the title names none)")
        }
        if year == nil, let (y, place) = statisticsYear() {
            year = y
            account.found.append("year \(y) from the statistics period (\(place))")
        }
        if year == nil, let y = expectedYear {
            year = y
            account.found.append("year \(y): the folder's year (the document states none)")
        }
        readPublicationDate()
    }

    /// The unit named before the year in a title, if any.
    func unitBefore(year title: String) -> String? {
        let compact = String(String.UnicodeScalarView(TextFold.folded(title[...]).filter { $0 != " " }))
        guard let r = Self.yearRange(compact) else { return nil }
        let before = compact[..<r.lowerBound].trimmingCharacters(in: "《\"")
        return before.isEmpty ? nil : before
    }

    static func yearRange(_ s: String) -> Range<String.Index>? {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "2", let end = s.index(i, offsetBy: 4, limitedBy: s.endIndex), end < s.endIndex,
               s[i..<end].allSatisfy({ $0.isASCII && $0.isNumber }), s[end] == "年" {
                return i..<s.index(after: end)
            }
            i = s.index(after: i)
        }
        return nil
    }

    static func yearIn(_ s: String) -> Int? {
        guard let r = yearRange(s) else { return nil }
        return Int(s[r].dropLast())
    }

    static let unitEndings = ["人民政府", "政府", "办事处"]
    static let unitSuffixes = ["镇", "乡", "街道", "办事处", "农场", "林场", "牧场", "苏木", "管委会", "委员会", "区", "县", "场", "街", "社区"]

    /// (county, unit) from a title such as 平罗县宝丰镇2024年政府信息公开工作年度报告 or
    /// 2024年宝丰镇人民政府政府信息公开工作年度报告.
    static func unit(fromTitle t: String) -> (county: String?, unit: String)? {
        guard let r = yearRange(t) else { return nil }
        var name = String(t[..<r.lowerBound])
        if name.isEmpty {
            var rest = t[r.upperBound...]
            if rest.hasPrefix("度") { rest = rest.dropFirst() }
            guard let end = rest.utf8Range(of: "政府信息公开") ?? rest.utf8Range(of: "政务公开") else { return nil }
            name = String(rest[..<end.lowerBound])
        }
        name = name.trimmingCharacters(in: "《\"")
        if name.hasPrefix("关于") { name = String(name.dropFirst(2)) }
        // 演示镇人民政府关于2024年…
        if name.hasSuffix("关于") { name = String(name.dropLast(2)) }
        for e in unitEndings where name.hasSuffix(e) && name.count > e.count { name = String(name.dropLast(e.count)); break }
        if name.hasSuffix("街道") == false, name.hasSuffix("人民") { name = String(name.dropLast(2)) }
        guard !name.isEmpty, name.count <= 30 else { return nil }
        // A unit's name ends like one (镇, 乡, 街道…); page furniture before a title does not.
        guard unitSuffixes.contains(where: { name.hasSuffix($0) }),
              name.allSatisfy({ $0.unicodeScalars.allSatisfy { TextFold.isWordScalar($0) || $0 == "(" || $0 == ")" } }) else { return nil }
        // 平罗县宝丰镇 → 平罗县 + 宝丰镇: the last 县/区/旗 with a township after it.
        let chars = Array(name)
        var cut: Int? = nil
        // A county-level city (海城市西四镇) is the county too.
        for k in chars.indices where ["县", "区", "旗", "市"].contains(chars[k]) && k >= 1 && k < chars.count - 1 {
            let rest = String(chars[(k + 1)...])
            // The township keeps a name before its suffix (德清县新市镇 is not 新市 + 镇).
            if let suffix = ["街道办事处", "街道", "农场", "苏木", "镇", "乡"].first(where: { rest.hasSuffix($0) }), rest.count > suffix.count {
                cut = k
            }
        }
        guard let k = cut else { return (nil, name) }
        var countyName = String(chars[...k])
        // Drop a province or city before the county: 宁夏回族自治区石嘴山市平罗县 → 平罗县.
        if let m = countyName.lastIndex(where: { $0 == "市" || $0 == "省" || $0 == "州" || $0 == "盟" }),
           countyName.distance(from: m, to: countyName.endIndex) > 2 {
            countyName = String(countyName[countyName.index(after: m)...])
        }
        // 鹿城区人民政府七都街道办事处: the county's government before the township is no part of its name.
        var township = String(chars[(k + 1)...])
        for g in ["人民政府", "政府"] where township.hasPrefix(g) && township.count > g.count + 1 { township = String(township.dropFirst(g.count)); break }
        return (countyName, township)
    }

    /// A short line near the end that names a government: 宝丰镇人民政府.
    func signatureUnit() -> (unit: String, county: String?, place: String)? {
        var seen = 0
        for i in lines.indices.reversed() where lines[i].kind == .paragraph {
            var t = lines[i].text.trimmingSpaces()
            if t.isEmpty { continue }
            seen += 1
            if seen > 15 { break }
            guard t.count <= 30 else { continue }
            // Signed by the government's office: 演示镇人民政府党政办公室.
            for office in ["党政综合办公室", "党政办公室", "综合办公室", "党政办", "办公室"] where t.hasSuffix(office) {
                let rest = String(t.dropLast(office.count))
                if rest.hasSuffix("人民政府") || rest.hasSuffix("街道办事处") { t = rest }
                break
            }
            guard t.count <= 24 else { continue }
            for e in ["人民政府", "街道办事处"] where t.hasSuffix(e) && t.count > e.count {
                var u = String(t.dropLast(e == "人民政府" ? e.count : 0))
                var c: String? = nil
                if let parsed = Self.unit(fromTitle: "\(u)2000年政府信息公开") { u = parsed.unit; c = parsed.county }
                return (u, c, lines[i].place)
            }
        }
        return nil
    }

    /// 统计期限自2024年1月1日 / 统计数据从 2024 年 1 月 1 日.
    func statisticsYear() -> (Int, String)? {
        for line in lines.prefix(200) where line.kind == .paragraph && line.text.includes("统计") {
            let compact = String(String.UnicodeScalarView(TextFold.folded(line.text[...]).filter { $0 != " " }))
            var search = compact[...]
            while let r = Self.yearRange(String(search)) {
                let s = String(search)
                let after = s[r.upperBound...]
                if after.hasPrefix("1月1日") || after.hasPrefix("01月01日") || after.hasPrefix("度") {
                    return (Int(s[r].dropLast())!, line.place)
                }
                search = Substring(String(after))
            }
        }
        return nil
    }

    // MARK: - Publication date

    mutating func readPublicationDate() {
        // The page's own line: 发布日期：2025-01-20 / 发布时间：2025年1月20日.
        for (n, line) in lines.prefix(400).enumerated() where line.text.includes("日期") || line.text.includes("时间") {
            let compact = String(String.UnicodeScalarView(TextFold.folded(line.text[...]).filter { $0 != " " }))
            // 成文日期 / 撰写时间 when the page gives no 发布 date; a bare 时间 only on the page's 来源 line.
            for key in ["发布日期", "发布时间", "公开日期", "发文日期", "成文日期", "撰写时间", "时间"] {
                if key == "时间" && !compact.includes("来源") { continue }
                guard let r = compact.utf8Range(of: key) else { continue }
                var rest = compact[r.upperBound...]
                // The date in the next cell or on the next line (a page's meta table).
                if rest.allSatisfy({ $0 == ":" || $0 == "：" || $0 == "]" || $0 == "】" || $0 == ")" || $0 == "|" }),
                   let next = lines.dropFirst(n + 1).prefix(3).first(where: { !$0.text.trimmingSpaces().isEmpty }) {
                    rest = Substring(String(String.UnicodeScalarView(TextFold.folded(next.text[...]).filter { $0 != " " })))
                }
                while let f = rest.first, f == ":" || f == "：" || f == "]" || f == "】" || f == ")" || f == "|" { rest = rest.dropFirst() }
                switch Self.date(prefixOf: String(rest)) {
                case .some(.some(let d)):
                    publishedOn = d
                    account.found.append("published \(d) from the page's \(key) line (\(line.place))")
                    return
                case .some(.none):
                    account.doubts.append(Doubt(path: "publishedOn", place: line.place, reason: "\"\(String(rest.prefix(16)))\" is not a valid date; not taken"))
                    return
                case .none: continue
                }
            }
        }
        // Else a date line under the signature, at the end.
        var seen = 0
        for i in lines.indices.reversed() where lines[i].kind == .paragraph {
            let t = lines[i].text.trimmingSpaces()
            if t.isEmpty { continue }
            seen += 1
            if seen > 8 { break }
            let compact = String(String.UnicodeScalarView(TextFold.folded(t[...]).filter { $0 != " " }))
            guard compact.count <= 14, compact.hasSuffix("日") || compact.includes("-") else { continue }
            switch Self.date(prefixOf: compact) {
            case .some(.some(let d)):
                publishedOn = d
                account.found.append("published \(d) from the date under the signature (\(lines[i].place))")
                return
            case .some(.none):
                account.doubts.append(Doubt(path: "publishedOn", place: lines[i].place, reason: "\"\(compact)\" is not a valid date; not taken"))
                return
            default:
                if compact.hasSuffix("日"), compact.includes("月"), compact.first?.isNumber == true {
                    account.doubts.append(Doubt(path: "publishedOn", place: lines[i].place, reason: "\"\(compact)\" is not a valid date; not taken"))
                    return
                }
            }
        }
        // Else a date on its own line just under the title (2025年01月18日来源:… / (2025年3月26日)).
        if let t = titleLine {
            for i in (t + 1)..<min(lines.count, t + 4) where lines[i].kind == .paragraph {
                var compact = String(String.UnicodeScalarView(TextFold.folded(lines[i].text[...]).filter { $0 != " " }))
                if compact.first == "(" { compact = String(compact.dropFirst()) }
                guard compact.count <= 30, !compact.includes("至"), !compact.includes("统计"),
                      case .some(.some(let d)) = Self.date(prefixOf: compact) else { continue }
                publishedOn = d
                account.found.append("published \(d) from the date under the title (\(lines[i].place))")
                return
            }
        }
        account.found.append("publication date not found (left unknown)")
    }

    /// A date at the start of a text: nil when none starts there; .some(nil) when one is
    /// attempted but malformed ("20251月20日", "2025年13月1日").
    static func date(prefixOf s: String) -> CalendarDate?? {
        let u = Array(s.unicodeScalars)
        // Chinese numerals: 二〇二五年一月二十日.
        if let f = u.first, f != "2", TextFold.chineseDigits[f] != nil { return chineseDate(u) }
        var k = 0
        func number(max: Int) -> (Int, Int)? {
            var v = 0, n = 0
            while k < u.count, TextFold.isDigit(u[k]), n < max { v = v * 10 + Int(u[k].value - 48); k += 1; n += 1 }
            return n == 0 ? nil : (v, n)
        }
        guard let (y, yn) = number(max: 8) else { return nil }
        guard yn == 4 else { return yn > 4 && k < u.count && (u[k] == "月" || u[k] == "年") ? .some(nil) : nil }
        guard k < u.count else { return nil }
        let sep = u[k]
        guard sep == "-" || sep == "年" || sep == "/" || sep == "." else { return nil }
        k += 1
        guard let (m, _) = number(max: 2) else { return .some(nil) }
        guard k < u.count else { return .some(nil) }
        let sep2 = u[k]
        guard (sep == "年" && sep2 == "月") || (sep != "年" && sep2 == sep) else { return .some(nil) }
        k += 1
        guard let (d, _) = number(max: 2) else { return .some(nil) }
        if sep == "年" && (k >= u.count || u[k] != "日") && (k >= u.count || u[k] != "号") { return .some(nil) }
        guard let date = CalendarDate(year: y, month: m, day: d), (2000...2100).contains(y) else { return .some(nil) }
        return .some(date)
    }

    static func chineseDate(_ u: [Unicode.Scalar]) -> CalendarDate?? {
        guard let nian = u.firstIndex(of: "年"), let yue = u.firstIndex(of: "月"), let ri = u.firstIndex(where: { $0 == "日" || $0 == "号" }),
              nian < yue, yue < ri else { return nil }
        func digits(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
            var v = 0
            for c in s { guard let d = TextFold.chineseDigits[c], d < 10 else { return nil }; v = v * 10 + d }
            return s.isEmpty ? nil : v
        }
        func small(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
            // 一 … 九, 十, 十一 … 十九, 二十 … 三十一.
            if let t = s.firstIndex(of: "十") {
                let tens = t == s.startIndex ? 1 : (digits(s[s.startIndex..<t]) ?? -100)
                let ones = t == s.index(before: s.endIndex) ? 0 : (digits(s[(t + 1)...]) ?? -100)
                let v = tens * 10 + ones
                return v > 0 ? v : nil
            }
            return digits(s)
        }
        guard let y = digits(u[..<nian]), let m = small(u[(nian + 1)..<yue]), let d = small(u[(yue + 1)..<ri]) else { return .some(nil) }
        guard let date = CalendarDate(year: y, month: m, day: d), (2000...2100).contains(y) else { return .some(nil) }
        return .some(date)
    }

    // MARK: - Prose

    func text(of h: Heading) -> String? {
        guard headings[h] != nil else { return nil }
        let r = region(h)
        var out = ""
        var previous: String? = nil
        let texts = lines[r].map { $0.kind == .paragraph ? $0.text.trimmingSpaces() : $0.text }.filter { !$0.isEmpty }
        for (k, t) in texts.enumerated() {
            // The last section runs on to the signature, then the page's furniture: neither is prose.
            if Self.endsTheArticle(t, next: k + 1 < texts.count ? texts[k + 1] : nil) { break }
            if let p = previous { out += Self.wrapped(p, before: t) ? "" : "\n" }
            out += t
            previous = t
        }
        return previous == nil ? "" : out
    }

    /// Words that open the furniture around a published report: attachments, print and close
    /// buttons, the site's sponsor, ICP and identification numbers, neighbouring articles.
    static let furniture = ["附件：", "附件:", "【打印本页】", "【关闭窗口】", "打印本页", "关闭窗口", "主办：", "主办单位", "承办：",
                            "版权所有", "网站标识码", "ICP备", "技术支持", "上一篇", "下一篇", "相关链接", "扫一扫", "分享到",
                            "页面生成时间", "浏览次数"]

    /// Whether the article ends at `line`: a line of page furniture, a signature (a short line
    /// naming a government or office, followed by a date), or a date standing alone.
    static func endsTheArticle(_ line: String, next: String?) -> Bool {
        if furniture.contains(where: { line.hasPrefix($0) }) { return true }
        let n = line.unicodeScalars.count
        // A date and nothing else ("2025年1月20日", "二〇二五年一月二十日", "2025-01-20").
        func isDate(_ s: String) -> Bool {
            s.unicodeScalars.count <= 18 && ((date(prefixOf: s) ?? nil) != nil)
                && s.unicodeScalars.allSatisfy { "0123456789年月日号-./〇零一二三四五六七八九十".unicodeScalars.contains($0) || $0.properties.isWhitespace }
        }
        if n <= 18, isDate(line) { return true }
        if n <= 24, let next, isDate(next),
           ["人民政府", "办事处", "街道", "镇", "乡", "政府", "委员会", "办公室"].contains(where: { line.hasSuffix($0) }) { return true }
        return false
    }

    /// Whether `line` was cut by the page's width rather than ended (a PDF, or text copied from a
    /// PDF viewer, breaks a sentence wherever the line is full): a long line that stops without
    /// a sentence's closing mark, followed by one that does not open a heading or a list item.
    /// Such lines are joined as one, so that a sentence reads the same in every format.
    static func wrapped(_ line: String, before next: String) -> Bool {
        guard line.unicodeScalars.count >= 24, let last = line.unicodeScalars.last, let first = next.unicodeScalars.first else { return false }
        if "。！？；：!?;:…”」』）)".unicodeScalars.contains(last) { return false }
        if "（(一二三四五六七八九十0123456789①②③④⑤⑥⑦⑧⑨⑩".unicodeScalars.contains(first) { return false }
        return true
    }

    mutating func readProse() {
        overview = text(of: .overview)
        problems = text(of: .problems)
        otherMatters = text(of: .otherMatters)
        if let o = overview { readOverviewFigures(o) }
        if let m = otherMatters { readFee(m) }
    }

    /// 信息处理费 from 六: 未收取 → 0; 收取信息处理费X元 → X. The first mention that says either.
    mutating func readFee(_ text: String) {
        let compact = String(String.UnicodeScalarView(TextFold.folded(text[...]).filter { $0 != " " }))
        var search = compact.startIndex
        while let r = compact.utf8Range(of: "信息处理费", from: search) {
            search = r.upperBound
            let lo = compact.index(r.lowerBound, offsetBy: -12, limitedBy: compact.startIndex) ?? compact.startIndex
            let hi = compact.index(r.upperBound, offsetBy: 8, limitedBy: compact.endIndex) ?? compact.endIndex
            let window = compact[lo..<hi]
            if ["未收取", "未产生", "没有收取", "不收取", "未发生", "未收", "无信息处理费", "费0元", "费为0"].contains(where: { window.includes($0) }) {
                feeYuan = 0
                account.found.append("信息处理费 0 from 六 (none charged)")
                return
            }
            // 收取信息处理费120元 / 信息处理费共计120元.
            var after = compact[r.upperBound...]
            for filler in ["共计", "合计", "共", "为", ":"] where after.hasPrefix(filler) { after = after.dropFirst(filler.count) }
            var digits = ""
            for ch in after.prefix(14) {
                if ch.isASCII && (ch.isNumber || (ch == "." && !digits.isEmpty)) { digits.append(ch) } else { break }
            }
            if !digits.isEmpty, after.dropFirst(digits.count).hasPrefix("元"), let d = DecimalAmount.millionths(digits) {
                feeYuan = d
                account.found.append("信息处理费 \(Amount(millionths: d)) 元 from 六")
                return
            }
        }
    }
}

enum DecimalAmount {
    static func millionths(_ s: String) -> Int64? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let w = Int64(parts[0]), w <= 10_000_000 else { return nil }
        var frac: Int64 = 0
        if parts.count == 2 {
            guard parts[1].count <= 6, let f = Int64(parts[1]) else { return nil }
            frac = f
            for _ in parts[1].count..<6 { frac *= 10 }
        }
        return w * 1_000_000 + frac
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
