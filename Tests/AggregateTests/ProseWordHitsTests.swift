@testable import Aggregate
import Foundation
import TestSupport
import XCTest

/// The statement reader's word tables are answered from one pass over the text (`WordHits`):
/// every answer must be the one the table's own scan gives, and the previous year's reports,
/// read for their copy prints only, must print as when read in full.
final class ProseWordHitsTests: XCTestCase {
    typealias Seeded = SeededRandom

    /// The merged tables' words and the characters around them, shuffled into texts.
    func randomText(_ rng: inout Seeded, _ pieces: [String]) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...60, using: &rng) {
            text += pieces.randomElement(using: &rng)!
        }
        return text
    }

    func testEveryTableAnswersAsItsOwnScan() {
        let tables = [StatementReader.plan, StatementReader.otherPeriod, StatementReader.negation, StatementReader.feeNegation,
                      StatementReader.allWord, StatementReader.notRequests, StatementReader.reportTitle, StatementReader.bodies,
                      StatementReader.partStops, StatementReader.among, StatementReader.review, StatedNumber.unitWords,
                      Words.exceeding, Words.vague, CopyPrints.enumeratorWords, CopyPrints.selfWords]
            + StatedPhrases.quantities.flatMap { [$0.subjects, $0.excluded] + [$0.verbs, $0.subjectsAfter, $0.notRightBefore].compactMap { $0 } }
        var words: [String] = []
        for t in tables { for k in 0..<t.count { words.append(String(String.UnicodeScalarView(t.word(k)))) } }
        // Words, their halves (prefixes that are no word), digits, punctuation and space.
        let pieces = words + words.map { String($0.prefix(max(1, $0.count - 1))) } + ["1", "20", "。", "，", "；", " ", "\n", "镇", "的"]
        // Tables asked at one position only are answered by their own look-up, not merged.
        let pointTables = [StatedNumber.unitWords, Words.exceeding, Words.vague, CopyPrints.enumeratorWords]
            + StatedPhrases.quantities.compactMap(\.notRightBefore)
        // A text without a figure (a digit and a unit) is not read for the quantities' tables,
        // asked about figures only (`MergedWords.sharedWithoutFigures`).
        let figureTables = StatedPhrases.quantities.flatMap { [$0.subjects, $0.excluded] + [$0.verbs, $0.subjectsAfter].compactMap { $0 } }
        var rng = Seeded(state: 20241231)
        var asked = 0, found = 0, withoutFigures = 0
        for round in 0..<300 {
            // Half the texts state a figure somewhere, the others may by chance.
            let t = ProseText(randomText(&rng, pieces) + (round.isMultiple(of: 2) ? "，共20件" : ""))
            let n = t.s.count
            let figures = ProseText.mayStateFigure(t.s)
            if !figures { withoutFigures += 1 }
            // Whatever a text holds, a figure found is one `mayStateFigure` allowed.
            if !figures { XCTAssertTrue(StatedNumber.scan(t, 0..<n).isEmpty) }
            for table in tables {
                let merged = !pointTables.contains { $0.id == table.id } && (figures || !figureTables.contains { $0.id == table.id })
                XCTAssertEqual(t.words.slot(table, covering: 0..<t.s.count) >= 0, merged)
                for _ in 0..<12 {
                    let a = Int.random(in: 0...n, using: &rng), b = Int.random(in: a...n, using: &rng)
                    let r = a..<b
                    let first = table.first(in: t, r)
                    XCTAssertEqual(first, table.first(in: t.s, r))
                    XCTAssertEqual(table.last(in: t, r), table.last(in: t.s, r))
                    XCTAssertEqual(table.ends(t, at: b, from: a), table.ends(t.s, at: b, from: a))
                    let m = table.match(in: t, at: a, end: b), own = table.match(in: t.s, at: a, end: b)
                    XCTAssertEqual(m?.index, own?.index)
                    XCTAssertEqual(m?.length, own?.length)
                    asked += 1
                    if first != nil { found += 1 }
                }
            }
        }
        // A long text is read for words a sentence at a time: questions inside the sentence read
        // are answered from it, others by the table's scan, all as the scan answers.
        for _ in 0..<6 {
            var long = ""
            // Twice the limit: the text read drops white space.
            while long.unicodeScalars.count <= 2 * ProseText.readWhole { long += randomText(&rng, pieces) + "。" }
            let whole = ProseText(long)
            XCTAssertFalse(whole.words.covers(0..<whole.s.count))
            for _ in 0..<40 {
                let sentence = whole.sentences.randomElement(using: &rng)!
                let t = whole.reading(sentence)
                XCTAssertTrue(t.words.covers(sentence))
                for table in tables {
                    let inside = Int.random(in: sentence, using: &rng)
                    let a = Bool.random(using: &rng) ? inside : Int.random(in: 0...whole.s.count, using: &rng)
                    let b = Int.random(in: a...min(whole.s.count, max(a, sentence.upperBound) + 2), using: &rng)
                    XCTAssertEqual(table.first(in: t, a..<b), table.first(in: t.s, a..<b))
                    XCTAssertEqual(table.last(in: t, a..<b), table.last(in: t.s, a..<b))
                    XCTAssertEqual(table.ends(t, at: b, from: a), table.ends(t.s, at: b, from: a))
                    XCTAssertEqual(table.match(in: t, at: a, end: b)?.index, table.match(in: t.s, at: a, end: b)?.index)
                }
            }
        }
        // The texts are made of the words: many questions find one. Texts of both kinds were made.
        XCTAssertGreaterThan(found, asked / 10)
        XCTAssertGreaterThan(withoutFigures, 100)
        XCTAssertLessThan(withoutFigures, 200)
    }

    /// Which texts are read without the quantity tables: those where no digit is followed by a
    /// unit (a year, a date, a numbered heading), never one that states a figure.
    func testTextsThatMayStateAFigure() {
        for (text, may) in [("2024年，我镇将进一步规范", false), ("一是2024年3月", false), ("第1条", true), ("收到申请5件", true),
                            ("发布信息1,200条", true), ("收取费用12.5万元", true), ("办理200余件", true), ("共计3多人次", true),
                            ("", false), ("5", false), ("5%", false), ("12月份", false), ("１２件", true)] {
            let t = ProseText(text)
            XCTAssertEqual(ProseText.mayStateFigure(t.s), may, text)
            if !may { XCTAssertTrue(StatedNumber.scan(t, 0..<t.s.count).isEmpty, text) }
        }
    }

    func testRisingMatchAnswersAsMatch() {
        let t = ProseText("我镇本镇全镇坚持公开，本街道我街道本单位我单位，我乡的本乡全乡我镇")
        for from in 0..<t.s.count {
            var rising = RisingMatch(CopyPrints.selfWords, in: t, from: from)
            for i in from..<t.s.count {
                let a = rising.match(in: t, at: i, end: t.s.count), b = CopyPrints.selfWords.match(in: t.s, at: i, end: t.s.count)
                XCTAssertEqual(a?.index, b?.index)
                XCTAssertEqual(a?.length, b?.length)
            }
        }
    }

    func testThePreviousYearsProsePrintsAsWhenReadInFull() throws {
        let problems = "一是公开内容不够全面，部分信息更新不及时。二是我镇政务公开工作人员业务能力有待提高。下一步，城关镇将加强培训，2024年共开展培训3次。"
        let other = "本年度未收取信息处理费。我镇无其他需要报告的事项。"
        let full = Narrative(overview: "本年度共收到政府信息公开申请5件。", problems: problems, otherMatters: other, unit: "城关镇",
                             table: nil, reading: .all)
        let prints = Narrative(overview: "本年度共收到政府信息公开申请5件。", problems: problems, otherMatters: other, unit: "城关镇",
                               table: nil, reading: .copyPrints)
        XCTAssertEqual(prints.prints, full.prints)
        XCTAssertEqual(prints.prints.clauses.count, 5)
        XCTAssertEqual(prints.problemsLength, full.problemsLength)
        XCTAssertEqual(prints.otherMattersMentionFee, true)
        XCTAssertEqual([prints.hasOverview, prints.hasProblems, prints.hasOtherMatters], [true, true, true])
        XCTAssertTrue(prints.findings.isEmpty && prints.selfNames.isEmpty)

        // Through the decoder: the option reaches the narrative, and nothing else changes.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("inputs/json/2024/chengguan.json")
        let bytes = Array(try Data(contentsOf: url))
        var options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let all = try ReportDecoder.decode(bytes: bytes, file: "2024/chengguan.json", options: options).get()
        options.prose = .copyPrints
        var reduced = try ReportDecoder.decode(bytes: bytes, file: "2024/chengguan.json", options: options).get()
        XCTAssertEqual(reduced.narrative.prints, all.narrative.prints)
        XCTAssertFalse(all.narrative.prints.clauses.isEmpty)
        reduced.narrative = all.narrative
        XCTAssertEqual(reduced, all)
    }

    /// A long text's repeated sentences read to no effect are skipped: the findings, self-names
    /// and 我局-type words are those of reading every sentence, flags capped at their counts included.
    func testSkippingIdleRepeatsChangesNoFinding() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("inputs/json/2024/chengguan.json")
        let options = DecodeOptions(expectedYear: 2024, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let report = try ReportDecoder.decode(bytes: Array(try Data(contentsOf: url)), file: "2024/chengguan.json", options: options).get()
        let table = TableView(year: report.year, values: Array(report.values), present: Array(report.present), sections: report.sections,
                              fee: report.informationProcessingFeeYuan)
        let pool = ["本镇在政务公开工作中仍存在公开内容不够全面、更新不够及时等问题，需要在今后工作中持续加以改进。",
                    "本年度共收到政府信息公开申请1200件。", "本年度未收到政府信息公开申请。", "均已按时办结。",
                    "共收到申请10件，其中3件、4件。", "2024年13月开展培训。", "20251月1日召开会议。", "我局未发生行政复议。",
                    "联系方式：宝丰镇人民政府办公室。", "2024年，黄渠桥镇坚持公开。", "本报告统计期限自2023年1月1日起至2023年12月31日止。",
                    "本年度未收取信息处理费。", "收取信息处理费50元。", "通过政府门户网站主动公开政府信息99条。", "开展政务公开培训7次，参训120人次。"]
        var rng = Seeded(state: 7)
        var compared = 0
        for _ in 0..<40 {
            var text = ""
            // Up to 700 sentences: longer texts are read for words a sentence at a time.
            for _ in 0..<Int.random(in: 64...700, using: &rng) { text += pool.randomElement(using: &rng)! }
            let t = ProseText(text)
            XCTAssertGreaterThanOrEqual(t.sentences.count, StatementReader.repeatsSkippedFrom)
            var skipping = StatementReader(table: table, unitName: report.unit.name)
            var every = StatementReader(table: table, unitName: report.unit.name)
            every.skipsIdleRepeats = false
            skipping.read(t, .problems)
            every.read(t, .problems)
            XCTAssertEqual(skipping.selfNames, every.selfNames)
            XCTAssertEqual(skipping.bodyWords.map(\.1), every.bodyWords.map(\.1))
            let a = skipping.finish(), b = every.finish()
            XCTAssertEqual(a, b)
            XCTAssertFalse(b.isEmpty)
            compared += b.count
        }
        XCTAssertGreaterThan(compared, 200)
    }

    /// 六's 处理费 and a township's suffix are answered from the bytes when every scalar is plain:
    /// the answers are Foundation's `contains` and `hasSuffix`'s, joining and equivalent scalars included.
    func testFeeAndTownshipAnswerAsFoundationAndHasSuffix() {
        let texts = ["本年度未收取信息处理费。", "处理费", "处理", "", "信息处理费\u{301}", "\u{600}处理费", "处\u{F9E4}费", "处理费🙂",
                     "Café 处理费", "处理\r\n费", "处理费\r\n", "未收取信息处理\u{200D}费", "é处理费", "（处理费：0元）", "处理费处理费",
                     "× 处理费 ·", "处理\u{3099}费"]
        for t in texts { XCTAssertEqual(Narrative.mentionsFee(t), t.contains("处理费"), t) }
        XCTAssertTrue(Narrative.mentionsFee("本年度未收取信息处理费。"))
        XCTAssertFalse(Narrative.mentionsFee("本年度未收取费用。"))
        let names = ["城关镇", "城关乡", "黄渠桥街道", "城关街道办事处", "巴音苏木", "城关镇\u{301}", "县", "", "镇", "街道\u{200D}",
                     "\u{600}镇", "城关村", "Town镇", "城关 镇", "é乡"]
        for n in names {
            XCTAssertEqual(StatementReader.isTownship(n), ["镇", "乡", "街道", "街道办事处", "苏木"].contains { n.hasSuffix($0) }, n)
        }
        XCTAssertTrue(StatementReader.isTownship("黄渠桥镇"))
        XCTAssertFalse(StatementReader.isTownship("平罗县"))
    }
}
