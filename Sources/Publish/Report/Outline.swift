import Aggregate

/// The report as a sequence of blocks in the national format's order, which every format lays out.
enum Block {
    case title(String)
    case heading(String)
    case paragraph(String)
    case table(GridTable)
    /// The issuing body and, when known, the date under it.
    case signature(issuer: String, date: String?)
}

extension PublishedReport {
    /// Intro, 一 to 六 with their prose and tables, and the signature.
    func outline() -> [Block] {
        var out: [Block] = [.title(title)]
        var intro = FormatWords.basis + "本报告中所列数据的统计期限自\(year)年1月1日起至\(year)年12月31日止。"
        if !county.isEmpty { intro += "本报告电子版可在“\(county)人民政府门户网站”查阅或下载。" }
        intro += "如对本报告有任何疑问，请与\(issuer)联系。"
        out.append(.paragraph(intro))
        out.append(.heading(SectionID.overview.title))
        out += overview.map { .paragraph($0) }
        out.append(.heading(SectionID.proactive.title))
        out.append(.table(OfficialLayout.proactive(self)))
        out.append(.heading(SectionID.requests.title))
        out.append(.table(OfficialLayout.requests(self)))
        out.append(.heading(SectionID.appeals.title))
        out.append(.table(OfficialLayout.appeals(self)))
        out.append(.heading(FormatWords.problemsTitle))
        out += problems.map { .paragraph($0) }
        out.append(.heading(FormatWords.otherMattersTitle))
        out += otherMatters.map { .paragraph($0) }
        out.append(.signature(issuer: issuer, date: publishedOn?.chinese))
        return out
    }
}
