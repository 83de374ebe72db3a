import Aggregate
import Foundation
import StrictJSON

/// Synthetic inputs at any scale, for the national-scale tests and benchmarks (issue 5).
///
/// `generate` writes a whole inputs folder — county.json, roster.csv and one report per township
/// per year under `<year>/t<NNNNN>.json` — that follows the input contract with every key, holds
/// R1–R5 within each report and across consecutive years, and carries a few hundred characters of
/// varied narrative. Everything comes from the seed through SplitMix64, never the system RNG, and
/// each township has its own stream, so the same arguments always give the same bytes whatever
/// the number of cores.
///
/// With `faultShare` F, round(F × townships) townships, chosen by the seed, get one fault each in
/// the LAST year, cycling in township order through: published late, no file (missing), an R1
/// break, an R3 break, and a truncated (unreadable) file.
package enum SyntheticInputs {
    package static let countyName = "合成县"
    package static let countyCode = "999999"

    /// The faults of the last year, in the order they are dealt out.
    package enum Fault: Int, Sendable, CaseIterable {
        case late, missing, r1, r3, truncated
    }

    /// "合成镇00001" for township 0.
    package static func townshipName(_ i: Int) -> String { "合成镇" + pad(i + 1, width: 5) }
    /// A unique 9-digit code: "900000001" for township 0.
    package static func townshipCode(_ i: Int) -> String { "9" + pad(i + 1, width: 8) }
    /// "t00001.json" for township 0.
    package static func fileName(_ i: Int) -> String { "t" + pad(i + 1, width: 5) + ".json" }

    /// Which townships get which fault: round(share × townships) of them, chosen by the seed,
    /// the kinds dealt in township order.
    package static func faultPlan(townships n: Int, seed: UInt64, faultShare: Double) -> [Int: Fault] {
        let share = faultShare.isFinite ? min(max(faultShare, 0), 1) : 0
        let k = min(n, Int((share * Double(n)).rounded()))
        guard k > 0 else { return [:] }
        var rng = SplitMix64(seed: seed ^ 0xFA17_5EED_0000_0001)
        var pool = Array(0..<n)
        for j in 0..<k {
            let r = j + Int(rng.next() % UInt64(n - j))
            pool.swapAt(j, r)
        }
        var plan: [Int: Fault] = [:]
        for (j, t) in pool[0..<k].sorted().enumerated() {
            plan[t] = Fault.allCases[j % Fault.allCases.count]
        }
        return plan
    }

    /// How the reports are written. `.realistic` (the default): as counties really get them, with
    /// optional keys absent at realistic rates and prose from a county's shared template that
    /// states the report's own figures (`RealisticReports`). `.complete`: every key of the format
    /// in one order, the first generator's trees (`nianbao generate --complete`).
    package enum Shape: String, Sendable {
        case realistic, complete
    }

    /// Why the inputs could not be generated.
    package enum Failure: Error, CustomStringConvertible {
        case nothingToGenerate
        case write(FileOutput.Failure)

        package var description: String {
            switch self {
            case .nothingToGenerate: "expected at least one township and one year"
            case .write(let failure): "\(failure)"
            }
        }
    }

    /// Writes the inputs folder at `folder` (created when missing; existing files are overwritten).
    package static func generate(to folder: URL, townships: Int, years: [Int], seed: UInt64, faultShare: Double,
                                shape: Shape = .realistic) throws {
        let years = Array(Set(years)).sorted()
        guard townships > 0, let lastYear = years.last else { throw Failure.nothingToGenerate }
        let fm = FileManager.default
        for y in years {
            try fm.createDirectory(at: folder.appendingPathComponent(String(y)), withIntermediateDirectories: true)
        }
        let county = JSONValue.object([
            ("name", .string(countyName)), ("code", .string(countyCode)),
            ("deadline", .string("01-31")), ("timezone", .string("Asia/Shanghai")),
        ])
        try writeFile(Array(JSONWriter.write(county).utf8), to: folder.appendingPathComponent("county.json").path)
        var roster = "name,code\n"
        roster.reserveCapacity(townships * 28 + 16)
        for i in 0..<townships { roster += "\(townshipName(i)),\(townshipCode(i))\n" }
        try writeFile(Array(roster.utf8), to: folder.appendingPathComponent("roster.csv").path)

        let plan = faultPlan(townships: townships, seed: seed, faultShare: faultShare)
        let root = folder.path
        let errors = parallelMap(count: townships) { i -> Failure? in
            var state = TownshipState(index: i, seed: seed)
            // The realistic shape draws from a stream of its own, so the figures are the complete shape's.
            var prose = SplitMix64(seed: SplitMix64.mix(seed ^ 0x5EA1_1571_C000_0000 ^ SplitMix64.mix(UInt64(i) &+ 1)))
            let traits = RealisticReports.Traits(&prose)
            let template = RealisticReports.countyTemplate(township: i, seed: seed)
            for y in years {
                let fault = y == lastYear ? plan[i] : nil
                var report = state.report(year: y)
                switch fault {
                case .late?: report.publishedOn = state.lateDate(year: y)
                case .r1?:
                    // 一 grows in 自然人 and 总计 alike: R3 still holds on the row, R1 breaks.
                    report.cells[received + 0] += 1
                    report.cells[received + totalColumn] += 1
                case .r3?:
                    // 总计 of 一 and 四 both grow: R1 still holds in 总计, R3 breaks on two rows.
                    report.cells[received + totalColumn] += 1
                    report.cells[carriedForward + totalColumn] += 1
                default: break
                }
                if fault == .missing { continue }
                var bytes = shape == .complete ? render(report)
                    : RealisticReports.render(report, traits: traits, template: template, rng: &prose, publishedLate: fault == .late)
                if fault == .truncated { bytes.removeLast(bytes.count / 2) }
                do throws(Failure) {
                    try writeFile(bytes, to: "\(root)/\(y)/\(fileName(i))")
                } catch {
                    return error
                }
            }
            return nil
        }
        if let e = errors.lazy.compactMap({ $0 }).first { throw e }
    }

    // MARK: - Figures

    static let requestsSection = Catalog.section(.requests)
    static let applicantParts = Catalog.applicantPartColumns
    static let totalColumn = Catalog.applicantTotalColumn
    static let received = Catalog.index("requests.received.naturalPerson")
    static let carriedOver = Catalog.index("requests.carriedOver.naturalPerson")
    static let resultTotal = Catalog.index("requests.resultTotal.naturalPerson")
    static let carriedForward = Catalog.index("requests.carriedForward.naturalPerson")
    /// First cells of the 23 leaf rows of （一）–（六）, with how often a request ends there.
    static let outcomeRows: [(cell: Int, weight: Int)] = {
        let weights: [String: Int] = [
            "disclosed": 50, "partlyDisclosed": 12,
            "withheld.stateSecret": 1, "withheld.prohibitedByLaw": 1, "withheld.securityStability": 1,
            "withheld.thirdPartyRights": 4, "withheld.internalAffairs": 2, "withheld.processInformation": 3,
            "withheld.enforcementRecords": 1, "withheld.administrativeQuery": 1,
            "unavailable.notHeld": 10, "unavailable.needsCreation": 3, "unavailable.stillUnclear": 2,
            "notProcessed.complaintOrPetition": 3, "notProcessed.repeated": 3, "notProcessed.publication": 1,
            "notProcessed.excessive": 1, "notProcessed.reconfirmation": 1,
            "otherHandling.correctionOverdue": 2, "otherHandling.feeUnpaid": 1, "otherHandling.other": 2,
        ]
        return Catalog.outcomeRows.map { row in (row.firstCell, weights[row.dottedPath, default: 1]) }
    }()
    static let outcomeWeightTotal = outcomeRows.reduce(0) { $0 + $1.weight }
    static let appealRows: [Int] = Catalog.section(.appeals).rows.map(\.firstCell)
    static let fee = Catalog.index("proactive.feesTenThousandYuan")

    /// One report's content before it is written.
    struct ReportData {
        var index: Int
        var year: Int
        var publishedOn: String
        /// `Catalog.cells`, counts as integers and the 万元 fee in cents (hundredths of 万元).
        var cells: [Int64]
        /// Narrative texts as UTF-8.
        var overview: [UInt8]
        var problems: [UInt8]
        var otherMatters: [UInt8]
        var processingFeeYuan: Int
    }

    /// A township's lasting traits and the figures that carry from one year to the next.
    struct TownshipState {
        let index: Int
        var rng: SplitMix64
        // Traits, fixed across years.
        let villages: Int
        let portal: Int, wechat: Int, weibo: Int, villageNotices: Int, hotline: Int, board: Int
        let sessions: Int, traineesPerSession: Int
        let licensing: Int, penalties: Int, compulsory: Int, feeCents: Int
        /// Mean yearly requests per applicant column.
        let demand: [Double]
        // Carried across years.
        var lastForward: [Int64]?
        var normativeInForce: Int64

        init(index: Int, seed: UInt64) {
            self.index = index
            var r = SplitMix64(seed: SplitMix64.mix(seed &+ SplitMix64.mix(UInt64(index) &+ 1)))
            let scale = 0.5 + r.unit() * 1.5
            func base(_ lo: Int, _ hi: Int) -> Int { max(0, Int((Double(r.int(lo...hi)) * scale).rounded())) }
            villages = r.int(5...20)
            portal = base(60, 400)
            wechat = base(50, 450)
            weibo = max(1, base(0, 300))
            villageNotices = villages * r.int(50...150)
            hotline = base(20, 300)
            board = r.int(0...20)
            sessions = r.int(1...8)
            traineesPerSession = r.int(4...12)
            licensing = r.chance(0.3) ? 0 : base(5, 120)
            penalties = r.chance(0.4) ? 0 : base(2, 60)
            compulsory = r.chance(0.7) ? 0 : r.int(1...5)
            feeCents = r.chance(0.5) ? 0 : r.int(1...600)
            let busy = r.chance(0.25) ? 0 : r.unit() * 16 * scale
            demand = [busy, busy * 0.12, busy * 0.01, busy * 0.02, busy * 0.05, busy * 0.06]
            lastForward = nil
            normativeInForce = Int64(r.int(3...25))
            rng = r
        }

        mutating func around(_ v: Int) -> Int64 {
            v == 0 ? 0 : Int64(max(0, (Double(v) * (0.8 + rng.unit() * 0.45)).rounded()))
        }

        mutating func lateDate(year: Int) -> String {
            "\(year + 1)-02-" + pad(rng.int(1...25), width: 2)
        }

        mutating func report(year: Int) -> ReportData {
            var cells = [Int64](repeating: 0, count: Catalog.cellCount)
            func set(_ path: String, _ v: Int64) { cells[Catalog.index(path)] = v }
            let o = (
                portal: around(portal), wechat: around(wechat), weibo: max(1, around(weibo)),
                village: around(villageNotices), hotline: around(hotline), board: Int64(rng.int(0...board)),
                sessions: Int64(max(1, sessions + rng.int(-1...1)))
            )
            let trainees = o.sessions * Int64(traineesPerSession + rng.int(0...3))
            set("overview.portalItems", o.portal)
            set("overview.wechatItems", o.wechat)
            set("overview.weiboItems", o.weibo)
            set("overview.villageNotices", o.village)
            set("overview.hotlineReplies", o.hotline)
            set("overview.messageBoardReplies", o.board)
            set("overview.trainingSessions", o.sessions)
            set("overview.trainees", trainees)

            // Section 二: no 规章 at a township; 现行有效 carries over (R5).
            let issued = Int64(rng.chance(0.6) ? rng.int(0...3) : 0)
            let repealed = Int64(rng.int(0...Int(min(2, normativeInForce + issued))))
            normativeInForce += issued - repealed
            set("proactive.normativeDocuments.issued", issued)
            set("proactive.normativeDocuments.repealed", repealed)
            set("proactive.normativeDocuments.inForce", normativeInForce)
            set("proactive.licensing", around(licensing))
            set("proactive.penalties", around(penalties))
            set("proactive.compulsoryMeasures", compulsory == 0 ? 0 : Int64(rng.int(0...compulsory)))
            cells[SyntheticInputs.fee] = feeCents == 0 ? 0 : around(feeCents)

            // Section 三, column by column so R1 and R2 hold, then 总计 so R3 holds.
            let previous = lastForward
            var forward = [Int64](repeating: 0, count: applicantParts.count)
            for c in applicantParts {
                let d = demand[c]
                var got = Int64((d * (0.7 + rng.unit() * 0.6)).rounded(.down))
                if rng.unit() < d - d.rounded(.down) { got += 1 }
                let over = previous?[c] ?? (c == 0 && rng.chance(0.2) ? Int64(rng.int(1...2)) : 0)
                let available = got + over
                let kept = available > 0 && rng.chance(0.2) ? Int64(rng.int(0...Int(min(2, available)))) : 0
                cells[received + c] = got
                cells[carriedOver + c] = over
                cells[carriedForward + c] = kept
                cells[resultTotal + c] = available - kept
                forward[c] = kept
                for _ in 0..<(available - kept) {
                    var pick = rng.int(0...(outcomeWeightTotal - 1))
                    for row in outcomeRows {
                        if pick < row.weight { cells[row.cell + c] += 1; break }
                        pick -= row.weight
                    }
                }
            }
            lastForward = forward
            for row in requestsSection.rows {
                cells[row.totalCell!] = row.partCells.reduce(Int64(0)) { $0 + cells[$1] }
            }

            // Section 四: a few cases at most, R4 by construction.
            for (k, first) in appealRows.enumerated() {
                guard rng.chance([0.15, 0.05, 0.03][k]) else { continue }
                let n = rng.int(1...2)
                for _ in 0..<n { cells[first + rng.int(0...3)] += 1 }
                cells[first + 4] = Int64(n)
            }

            let processingFee = rng.chance(0.03) ? rng.int(1...20) * 10 : 0
            let name = townshipName(index)
            let nextYear = year + 1
            let requests = cells[received + totalColumn]
            var overview = rng.pick(Phrases.openers)
            overview += rng.pick(Phrases.proactive)
            overview += rng.pick(Phrases.village)
            overview += rng.pick(Phrases.hotline)
            overview += requests == 0 ? rng.pick(Phrases.noRequests) : rng.pick(Phrases.requests)
            overview += rng.pick(Phrases.management)
            overview += rng.pick(Phrases.training)
            if rng.chance(0.6) { overview += rng.pick(Phrases.supervision) }
            // Section 五 is what the copy check compares, so it is composed from several pools per
            // sentence and carries the township's own numbers: two townships' texts share few shingles
            // (mean Jaccard of 4-shingles about 0.05; the bundled hand-written reports are near 0.01).
            var problems = rng.pick(Phrases.reviewLead) + rng.pick(Phrases.reviewTopic) + "，" + rng.pick(Phrases.reviewAction) + "。"
            problems += rng.pick(Phrases.selfCheck) + rng.pick(Phrases.problemIntro)
            let enumerators = rng.pick2(Phrases.enumerators)
            var areas = Array(Phrases.problemAreas.indices), issues = Array(Phrases.problemIssues.indices)
            let problemCount = rng.int(2...3)
            for k in 0..<problemCount {
                areas.swapAt(k, k + rng.int(0...(areas.count - 1 - k)))
                issues.swapAt(k, k + rng.int(0...(issues.count - 1 - k)))
                problems += (k == 0 ? "" : "；") + enumerators[k] + Phrases.problemAreas[areas[k]] + "方面，" + Phrases.problemIssues[issues[k]]
            }
            problems += "。"
            var plans = Array(Phrases.planActions.indices)
            for k in 0..<rng.int(1...2) {
                plans.swapAt(k, k + rng.int(0...(plans.count - 1 - k)))
                problems += rng.pick(Phrases.planWhen) + rng.pick(Phrases.planWho) + Phrases.planActions[plans[k]] + "。"
            }
            let n = (a: rng.int(2...9), c: rng.int(2...12), m: rng.int(3...11), m2: rng.int(3...11), q: rng.int(2...7),
                     p: (1...6).map { _ in rng.int(2...40) }, pct: rng.int(55...90), since: rng.int(2012...2020))
            let done = rng.int(1...n.a)
            let selfCheck = rng.int(3...30)
            let fixed = rng.int(1...selfCheck)
            var other = processingFee == 0 ? rng.pick(Phrases.noFee) : "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{fee}元。"
            let proposals = (rng.int(0...6), rng.int(0...3))
            other += proposals == (0, 0) ? "本年度未承办人大代表建议和政协提案。"
                : "全年承办人大代表建议\(proposals.0)件、政协委员提案\(proposals.1)件，均已按期办结答复。"
            other += rng.pick(Phrases.otherMatters)

            // {placeholders} filled byte by byte: Foundation's string search is far too slow here.
            func fill(_ text: String) -> [UInt8] {
                var out: [UInt8] = []
                out.reserveCapacity(text.utf8.count + 64)
                var key: [UInt8] = []
                var inKey = false
                for b in text.utf8 {
                    if inKey {
                        if b != UInt8(ascii: "}") { key.append(b); continue }
                        inKey = false
                        switch String(decoding: key, as: UTF8.self) {
                        case "T": out += name.utf8
                        case "Y": out += String(year).utf8
                        case "NY": out += String(nextYear).utf8
                        case "portal": out += String(o.portal).utf8
                        case "wechat": out += String(o.wechat).utf8
                        case "weibo": out += String(o.weibo).utf8
                        case "media": out += String(o.wechat + o.weibo).utf8
                        case "village": out += String(o.village).utf8
                        case "villages": out += String(villages).utf8
                        case "hotline": out += String(o.hotline).utf8
                        case "board": out += String(o.board).utf8
                        case "received": out += String(requests).utf8
                        case "sessions": out += String(o.sessions).utf8
                        case "trainees": out += String(trainees).utf8
                        case "fee": out += String(processingFee).utf8
                        case "k": out += String(1 + index % 3).utf8
                        case "a": out += String(n.a).utf8
                        case "found": out += String(selfCheck).utf8
                        case "fixed": out += String(fixed).utf8
                        case "b": out += String(done).utf8
                        case "c": out += String(n.c).utf8
                        case "m": out += String(n.m).utf8
                        case "m2": out += String(n.m2).utf8
                        case "q": out += String(n.q).utf8
                        case "p1", "p2", "p3", "p4", "p5", "p6": out += String(n.p[Int(key[1] - 49)]).utf8
                        case "pct": out += String(n.pct).utf8
                        case "since": out += String(n.since).utf8
                        case let other: preconditionFailure("no placeholder {\(other)}")
                        }
                        key.removeAll(keepingCapacity: true)
                    } else if b == UInt8(ascii: "{") {
                        inKey = true
                    } else {
                        out.append(b)
                    }
                }
                return out
            }
            return ReportData(index: index, year: year,
                              publishedOn: "\(year + 1)-01-" + pad(rng.int(5...31), width: 2),
                              cells: cells, overview: fill(overview), problems: fill(problems),
                              otherMatters: fill(other), processingFeeYuan: processingFee)
        }
    }

    // MARK: - Writing

    /// The report layout, written once by `JSONWriter` with markers where the values go.
    enum Piece: Sendable {
        case text([UInt8])
        case name, code, county, year, publishedOn, sourceUrl, overview, problems, otherMatters, processingFee
        case cell(Int)
    }

    /// The complete report's JSON with a hole for each value, cut at the holes: the document is
    /// the catalog's, walked key by key; only the values are the generator's.
    static let template: [Piece] = {
        var holes: [Piece] = []
        func hole(_ piece: Piece) -> JSONValue {
            holes.append(piece)
            return .number("@@\(holes.count - 1)@@")
        }
        let doc = JSONValue.object(ReportKey.allCases.map { key in
            let value: JSONValue
            switch key.kind {
            case .schemaVersion: value = .integer(1)
            case .edition: value = .string(Edition.y2021.rawValue)
            case .unit:
                value = .object(UnitKey.allCases.map { k in
                    let piece: Piece = switch k { case .name: .name; case .code: .code; case .county: .county }
                    return (k.name, hole(piece))
                })
            case .year: value = hole(.year)
            case .date: value = hole(.publishedOn)
            case .text: value = hole(.sourceUrl)
            case .section(let id): value = .object(Catalog.section(id).members { cell, _ in hole(.cell(cell)) })
            case .narrative:
                value = .object(NarrativeKey.allCases.map { k in
                    let piece: Piece = switch k { case .overview: .overview; case .problems: .problems; case .otherMatters: .otherMatters }
                    return (k.name, hole(piece))
                })
            case .yuan: value = hole(.processingFee)
            }
            return (key.name, value)
        })
        let parts = JSONWriter.write(doc).components(separatedBy: "@@")
        return parts.enumerated().map { k, part -> Piece in
            k % 2 == 0 ? .text(Array(part.utf8)) : holes[Int(part)!]
        }
    }()

    static func render(_ r: ReportData) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(9000)
        for piece in template {
            switch piece {
            case .text(let t): out.append(contentsOf: t)
            case .name: quote(townshipName(r.index).utf8, into: &out)
            case .code: quote(townshipCode(r.index).utf8, into: &out)
            case .county: quote(countyName.utf8, into: &out)
            case .year: appendInt(Int64(r.year), into: &out)
            case .publishedOn: quote(r.publishedOn.utf8, into: &out)
            case .sourceUrl: quote("http://www.hecheng.gov.cn/xxgk/ndbg/\(r.year)/t\(pad(r.index + 1, width: 5)).html".utf8, into: &out)
            case .overview: quote(r.overview, into: &out)
            case .problems: quote(r.problems, into: &out)
            case .otherMatters: quote(r.otherMatters, into: &out)
            case .processingFee: appendInt(Int64(r.processingFeeYuan), into: &out)
            case .cell(let i):
                if i == fee {
                    out.append(contentsOf: Amount(millionths: r.cells[i] * 10_000).description.utf8)
                } else {
                    appendInt(r.cells[i], into: &out)
                }
            }
        }
        return out
    }

    static func appendInt(_ v: Int64, into out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                buf[n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(buf[k]) }
        }
    }

    static func quote<S: Sequence<UInt8>>(_ s: S, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func writeFile(_ bytes: [UInt8], to path: String) throws(Failure) {
        do { try FileOutput.write(bytes, to: path) } catch { throw .write(error) }
    }

    static func pad(_ v: Int, width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser, also used to derive independent per-township seeds.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick(_ items: [String]) -> String { items[int(0...(items.count - 1))] }

    mutating func pick2(_ items: [[String]]) -> [String] { items[int(0...(items.count - 1))] }
}

/// Phrase pools for the narrative, with {placeholders} for the township's own figures.
enum Phrases {
    static let openers = [
        "{Y}年，{T}坚持以公开为常态、不公开为例外，围绕中心工作和群众关切，持续推进决策、执行、管理、服务、结果公开。",
        "{Y}年以来，{T}认真贯彻《中华人民共和国政府信息公开条例》，把政务公开与基层治理、乡村振兴结合起来，不断提升公开质量。",
        "本年度，{T}在县政务公开办指导下，聚焦惠民政策落实和重点项目推进，扎实做好政府信息公开各项工作。",
        "{Y}年，{T}以群众需求为导向，健全主动公开目录，规范依申请公开办理流程，政务公开工作总体平稳有序。",
        "{T}党委、政府高度重视政务公开工作，{Y}年调整充实了政务公开工作领导小组，明确专人负责信息发布和申请办理。",
        "{Y}年，{T}围绕“高效办成一件事”和基层减负要求，推动政务公开标准化规范化建设向村（社区）延伸。",
    ]
    static let proactive = [
        "全年通过政府门户网站主动公开信息{portal}条，政务微信公众号推送{wechat}条，政务微博发布{weibo}条。",
        "门户网站镇级专栏更新信息{portal}条，微信公众号发布{wechat}条、微博发布{weibo}条，涵盖财政预决算、社会救助、涉农补贴等领域。",
        "本年度在政府门户网站发布各类信息{portal}条，通过政务新媒体发布信息{media}条，其中微信{wechat}条、微博{weibo}条。",
        "依托政府网站和政务新媒体，全年公开信息{portal}条，微信推送{wechat}条，微博更新{weibo}条，重点做好政策解读和办事指南发布。",
    ]
    static let village = [
        "下辖{villages}个村（居）通过公开栏、微信群等方式公开低保、养老、村级财务等信息{village}条。",
        "各村（社区）村务公开栏全年张贴公示{village}条，村级重大事项均按“四议两公开”程序公开。",
        "督促{villages}个村（居）按月更新村务公开栏，全年公开村务、财务信息{village}条。",
    ]
    static let hotline = [
        "全年办理“12345”政务服务热线诉求{hotline}件、网上留言{board}条，做到件件有回音。",
        "建立热线诉求限时办结机制，全年回复热线工单{hotline}件，回复网民留言{board}条。",
        "及时回应社会关切，全年答复12345热线{hotline}件、领导留言板留言{board}条。",
    ]
    static let noRequests = [
        "本年度未收到政府信息公开申请。",
        "全年未收到公民、法人或其他组织提出的政府信息公开申请。",
    ]
    static let requests = [
        "本年度新收政府信息公开申请{received}件，均按法定程序登记办理。",
        "全年受理政府信息公开申请{received}件，主要涉及土地征收、惠民补贴和项目审批等事项。",
        "新收政府信息公开申请{received}件，申请人以自然人为主，按照登记、审核、答复流程规范办理。",
    ]
    static let management = [
        "严格落实信息发布“三审三校”制度，坚持涉密信息不公开、敏感信息不上网、隐私信息要遮掩。",
        "及时更新政府信息公开指南和主动公开基本目录，在便民服务中心设置政务公开专区，方便群众查阅。",
        "完善政府信息公开保密审查机制，对拟公开信息逐条审核，全年未发生泄密和侵犯个人隐私事件。",
        "推进政务公开专区与便民服务中心融合建设，配备查询终端，为老年人等特殊群体提供帮办代办服务。",
        "对本级制发的行政规范性文件实行目录化、动态化管理，及时清理失效文件。",
    ]
    static let training = [
        "全年组织政务公开业务培训{sessions}次，参训人员{trainees}人次。",
        "举办政务公开专题培训{sessions}次，对镇村两级信息员{trainees}人进行业务指导。",
        "开展政务公开培训{sessions}次，累计培训{trainees}人次，重点讲解信息发布流程和审核要求。",
    ]
    static let supervision = [
        "将政务公开纳入村（社区）年度考核，全年未发生因政务公开工作不到位被追责的情况。",
        "主动接受社会评议和群众监督，对县政务公开办反馈的问题逐项整改到位。",
        "落实政务公开工作责任制，定期开展自查，发现问题即知即改。",
        "通过意见箱、热线电话等渠道听取群众意见，不断改进政务公开工作。",
    ]
    static let reviewLead = [
        "上年度报告中提出的", "针对上年度指出的", "对上年度发现的", "上年度县政务公开办反馈的",
        "上年度自查中梳理出的", "去年年报所列的", "上年度群众反映较多的", "上一年度考核中指出的",
    ]
    static let reviewTopic = [
        "栏目更新不及时问题", "村务公开不规范问题", "信息员业务不熟问题", "政策解读形式单一问题",
        "公开专区使用率低问题", "依申请公开办理不规范问题", "隐私信息遮蔽不到位问题", "过期信息清理不及时问题",
        "新媒体原创内容偏少问题", "财务公开明细不全问题", "公开目录更新滞后问题", "考核结果运用不充分问题",
    ]
    static let reviewAction = [
        "已通过每周巡查机制基本解决", "本年度制定整改措施{a}条并全部落实", "已于{Y}年{m}月完成整改",
        "通过{c}次集中培训得到改善", "已在{c}个村开展专项督查", "已建立台账逐项销号，完成率{pct}%",
        "已纳入{Y}年度工作要点推进", "经{c}轮督查已基本整改到位", "已明确专人负责并每月通报进展",
        "已会同司法所完成{a}项整改",
    ]
    static let selfCheck = [
        "本年度自查发现问题{found}个，已整改{fixed}个。", "全年开展自查{c}次，发现问题{found}个，整改到位{fixed}个。",
        "对照考核细则逐项自查，梳理问题{found}条，已销号{fixed}条。", "经县政务公开办季度检查，反馈问题{found}个，已完成整改{fixed}个。",
    ]
    static let problemIntro = [
        "存在的主要问题：", "当前仍存在以下不足：", "本年度工作中还存在一些问题：", "对照要求，仍有差距：",
        "存在的不足主要有：", "问题主要表现在：",
    ]
    static let enumerators = [["一是", "二是", "三是"], ["（一）", "（二）", "（三）"], ["首先，", "其次，", "再次，"], ["1.", "2.", "3."]]
    static let problemAreas = [
        "乡村振兴信息公开", "社会救助信息", "村级财务公开", "政务新媒体运营", "依申请公开办理", "政策解读",
        "公开专区建设", "信息员队伍", "档案管理", "个人隐私保护", "考核督促", "重点项目公开",
        "惠民补贴公示", "安全生产信息", "征地补偿信息", "公共服务事项",
    ]
    static let problemIssues = [
        "更新不够及时，全年有{p1}条信息逾期发布", "内容不够细化，部分明细未予公开", "形式较为单一，图解、视频等运用不足",
        "人员兼职较多，本年度更换{p4}人", "标准把握不一，发现不当处理{q}处", "群众知晓度不高，全年查阅仅{p5}人次",
        "流程衔接不畅，个别事项答复临近法定时限", "基础资料不全，{since}年以前资料仍为纸质", "制度执行不严，{p2}个村（站所）存在漏报",
        "覆盖面不够，{p3}个事项未纳入目录", "责任落实不到位，报送信息不主动", "跟踪解读不够，解读率仅{pct}%",
        "维护不及时，年底仍有过期信息{p6}条", "互动回应不足，意见征集反馈仅{p5}条", "时效性不强，平均延迟{q}个工作日",
        "审核把关不严，发现错漏{q}处",
    ]
    static let planWhen = ["下一步，", "{NY}年，", "今后，", "针对上述问题，", "{NY}年上半年，"]
    static let planWho = ["{T}将", "我镇将", "镇政府将", "将"]
    static let planActions = [
        "建立信息发布周调度机制，确保信息形成之日起{q}个工作日内公开", "计划开展业务培训{c}次，加强信息员队伍建设",
        "细化村务公开清单，{m2}月前实现{villages}个村（居）财务明细按月公示", "修订依申请公开答复文书模板，统一办理流程",
        "推进档案数字化整理，力争{m2}月底前完成{since}年以来资料的电子化", "对照{a}项考核指标逐项补短板",
        "压实{c}个站所、{villages}个村（社区）工作责任", "推出原创政策解读{a}篇以上，丰富解读形式",
        "开展政务公开专区提升行动，增设查询终端{q}台", "建立过期信息清理台账，每{q}周集中清理一次",
        "把政务公开纳入干部日常考核，结果与评优挂钩", "加强与县政务公开办的沟通对接，每季度报送工作进展",
    ]
    static let noFee = [
        "本年度依申请公开工作未收取信息处理费。",
        "{Y}年{T}未收取任何信息处理费。",
        "本年度未向申请人收取信息处理费。",
    ]
    static let otherMatters = [
        "按照县政府年度政务公开工作要点，逐项落实了重点领域信息公开任务。",
        "本年度创新开展“政务公开进村组”活动，组织政府开放日{k}次。",
        "无其他需要报告的事项。",
        "积极推进基层政务公开标准目录编制，在全部村（社区）实现公开目录全覆盖。",
        "结合基层减负要求，精简了部分重复填报的公开台账。",
    ]
}
