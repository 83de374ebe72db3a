import Foundation

/// Which national format a report's figures follow.
package enum Edition: String, Sendable {
    case y2021 = "2021"
    case y2019 = "2019"
}

package struct Unit: Sendable, Hashable {
    package var name: String
    package var code: String?
    package var county: String
}

/// Sections 一, 五 and 六's prose, as far as the checks need it. The prose itself is not kept
/// (a rollup holds tens of thousands of reports): it is read once, while the report is decoded,
/// into what the rules ask — the findings the report alone decides (figures against the tables,
/// contradictions, wrong years, another body's words), the places where it names itself (judged
/// against the roster later) and the clause prints of 五 and 六 for the copy check.
package struct Narrative: Sendable, Hashable {
    /// Whether the report gives 一、总体情况, 五 and 六 prose.
    package var hasOverview: Bool
    package var hasProblems: Bool
    package var hasOtherMatters: Bool
    /// Letters and digits in 五 (敷衍 when short).
    package var problemsLength: Int
    /// Whether 六 says anything of 信息处理费.
    package var otherMattersMentionFee: Bool
    /// textTable, proseSum, contradiction, wrongYear and 我局-type wrongUnit findings.
    package var findings: [Flag]
    /// Where the report names itself, to be judged against the roster and the county.
    package var selfNames: [SelfNameCandidate]
    /// 五 and 六 as the copy check compares them.
    package var prints: CopyPrints

    /// Reads the prose; `table` (the report's own figures) lets the figures in it be judged, and
    /// `unit` (the report's own name) is taken out of the text before copies are measured.
    package init(overview: String? = nil, problems: String? = nil, otherMatters: String? = nil) {
        self.init(overview: overview, problems: problems, otherMatters: otherMatters, unit: "", table: nil)
    }

    package init(overview: String?, problems: String?, otherMatters: String?, unit: String, table: TableView?) {
        self.init(kept: overview.map(KeptProse.init), problems: problems.map(KeptProse.init), otherMatters: otherMatters,
                  unit: unit, table: table)
    }

    /// The same, 一 and 五 already decoded as `ProseText` keeps them (the fast decoder's); 六 is
    /// given as text, whose words the fee check reads as written.
    init(kept overview: KeptProse?, problems: KeptProse?, otherMatters: String?, unit: String, table: TableView?) {
        hasOverview = overview != nil
        hasProblems = problems != nil
        hasOtherMatters = otherMatters != nil
        var problemsLength = 0
        otherMattersMentionFee = otherMatters.map(Narrative.mentionsFee) ?? false
        var reader = StatementReader(table: table, unitName: unit)
        var prints = CopyPrints()
        func read(_ section: ProseSection, _ prose: ProseText) {
            if section == .problems { problemsLength = prose.letters }
            reader.read(prose, section)
            if section != .overview { prints.add(prose, section: section, unitName: unit) }
        }
        if let overview, !overview.isEmpty { read(.overview, ProseText(kept: overview.scalars)) }
        if let problems, !problems.isEmpty { read(.problems, ProseText(kept: problems.scalars)) }
        if let otherMatters, !otherMatters.isEmpty { read(.otherMatters, ProseText(otherMatters)) }
        self.problemsLength = problemsLength
        findings = reader.finish()
        selfNames = reader.selfNames
        self.prints = prints
    }

    /// The prose of `report`, read against its own figures (for an importer that fills the
    /// figures first: `report.narrative = Narrative(overview: …, problems: …, otherMatters: …, of: report)`).
    package init(overview: String?, problems: String?, otherMatters: String?, of report: Report) {
        self.init(overview: overview, problems: problems, otherMatters: otherMatters, unit: report.unit.name,
                  table: TableView(year: report.year, values: Array(report.values), present: Array(report.present),
                                   sections: report.sections, fee: report.informationProcessingFeeYuan))
    }

    /// Whether the report carries any prose at all.
    package var isGiven: Bool { hasOverview || hasProblems || hasOtherMatters }

    /// Whether 六 says anything of 信息处理费: Foundation's `contains("处理费")`, answered from the
    /// UTF-8 bytes when every scalar is one where Foundation's search (canonical equivalence, whole
    /// characters) and a byte search agree; Foundation's took a twentieth of the prose reading.
    static func mentionsFee(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ b -> Bool? in
            guard Narrative.isPlain(b) else { return nil }
            // The needle starts with a lead byte: where its bytes occur, its scalars do.
            let needle = Narrative.feeBytes
            guard b.count >= needle.count else { return false }
            for i in 0...(b.count - needle.count) where b[i] == needle[0] {
                var k = 1
                while k < needle.count && b[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            return false
        }), let answer { return answer }
        return text.contains("处理费")
    }

    static let feeBytes = Array("处理费".utf8)

    /// Whether every scalar of valid UTF-8 bytes is plain (`isPlain`, or below U+0300).
    static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let b0 = b[i]
            if b0 < 0x80 { i += 1; continue }
            if b0 < 0xCC { i += 2; continue }
            guard b0 >= 0xE0, b0 < 0xF0, i + 2 < n else { return false }
            let v = UInt32(b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
            guard Narrative.isPlain(v) else { return false }
            i += 3
        }
        return true
    }

    /// Scalars of three UTF-8 bytes that neither decompose (none is equivalent to another
    /// sequence) nor join the character before or after them: CJK ideographs and the punctuation
    /// prose is written with. ASCII and U+0080–U+02FF, of fewer bytes, are plain too: what they
    /// decompose into is Latin letters and marks, which join no CJK character.
    @inline(__always) static func isPlain(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF, 0x3000...0x3029, 0x3030...0x303F, 0xFF01...0xFF60, 0x2010...0x2027, 0x2030...0x205E: return true
        default: return false
        }
    }
}

/// One township's yearly report, decoded and checked for shape (not yet for arithmetic).
package struct Report: Sendable, Equatable {
    /// Path relative to the inputs folder, e.g. "2024/baofeng.json".
    package var file: String
    package var edition: Edition
    package var unit: Unit
    package var year: Int
    /// The publication day in the county's time zone; nil when the report does not say.
    package var publishedOn: CalendarDate?
    package var sourceUrl: String?
    /// Every cell of `Catalog.cells`; counts as integers, the fee in millionths of 万元.
    package var values: CellValues
    /// Which cells the report states (a missing cell counts as 0 in sums and is flagged).
    package var present: CellBits
    /// Which sections' tables go into the county sums (present, and in the 2021 format).
    package var sections: [Bool]
    package var narrative: Narrative
    package var informationProcessingFeeYuan: Amount?
    /// Findings made while reading: unknown keys, missing tables or cells, old format.
    package var notes: [Flag]
    /// The format the township published it in (a JSON file, or a document read by the importer).
    package var format: SourceFormat = .json

    package func value(_ dotted: String) -> Int64 { values[Catalog.index(dotted)] }
    package func has(_ section: SectionID) -> Bool { sections[section.rawValue] }
}

extension Report {
    /// A report from the decoder's cell arrays, kept compact (`CellValues`, `CellBits`).
    package init(file: String, edition: Edition, unit: Unit, year: Int, publishedOn: CalendarDate?, sourceUrl: String?,
                 values: [Int64], present: [Bool], sections: [Bool], narrative: Narrative,
                 informationProcessingFeeYuan: Amount?, notes: [Flag], format: SourceFormat = .json) {
        self.init(file: file, edition: edition, unit: unit, year: year, publishedOn: publishedOn, sourceUrl: sourceUrl,
                  values: CellValues(values), present: CellBits(present), sections: sections, narrative: narrative,
                  informationProcessingFeeYuan: informationProcessingFeeYuan, notes: notes, format: format)
    }
}
