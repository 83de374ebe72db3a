import Aggregate
import Foundation
import StrictJSON

/// Reports shaped as counties really get them (issue 14), for `SyntheticInputs.generate` in its
/// default `.realistic` shape.
///
/// The figures are the complete generator's (R1–R5 hold, across years too); what changes is the
/// file and its prose:
/// - 一's figures are those the prose quotes, a subset fixed per township (the seed states 5 of 8),
///   the rest absent or, for some transcription tools, null; with none quoted, no `overview` key;
/// - sourceUrl, publishedOn, edition, the fee, the narrative and each of its parts are sometimes
///   absent; some tools write keys in another order;
/// - prose comes from shared phrasing within a county (groups of `countySize` townships): most
///   townships echo their county's template with small changes, some write their own; a share
///   write long narratives (several KB);
/// - the prose states the report's own figures, and only consistently with the tables, by
///   construction: 申请 received as 本年新收 总计, 均已按时办结 only when nothing is carried
///   forward, 未收取信息处理费 only when the fee is 0, only the report's own year as its period,
///   never another office's voice (我局).
enum RealisticReports {
    /// Townships of one county, who share a template.
    static let countySize = 12

    /// A township's lasting habits: which figures it quotes, how its file is written, how it writes.
    struct Traits {
        /// Which of 一's eight figures the prose quotes (Catalog order of the overview section).
        let quoted: [Bool]
        /// Unquoted figures written as null rather than left out.
        let nulls: Bool
        /// 0: the usual key order; 1: narrative before the tables; 2: the tables first.
        let order: Int
        /// Echoes its county's template (else writes its own).
        let echoes: Bool
        /// Writes a long 一、总体情况 (several KB), and a long 五 too when `longProblems`.
        let long: Bool
        let longProblems: Bool
        let givesSourceUrl: Bool
        let givesEdition: Bool
        let givesFee: Bool
        /// Leaves 六 out, or says nothing of the fee there.
        let givesOtherMatters: Bool
        let mentionsFee: Bool

        init(_ r: inout SplitMix64) {
            // How often each figure is quoted: portal, wechat, weibo, villageNotices, hotline,
            // messageBoard, trainingSessions, trainees.
            let rates = [0.85, 0.6, 0.2, 0.35, 0.35, 0.25, 0.6, 0.5]
            var q = rates.map { r.chance($0) }
            if !q[6] { q[7] = false }   // trainees only with the sessions they attended
            if r.chance(0.04) { q = q.map { _ in false } }
            quoted = q
            nulls = r.chance(0.15)
            order = r.chance(0.7) ? 0 : r.int(1...2)
            echoes = r.chance(0.75)
            long = r.chance(0.06)
            longProblems = long && r.chance(0.4)
            givesSourceUrl = r.chance(0.65)
            givesEdition = r.chance(0.6)
            givesFee = r.chance(0.6)
            givesOtherMatters = r.chance(0.8)
            mentionsFee = r.chance(0.85)
        }
    }

    /// The choices of one template: an index into each pool.
    struct Choices {
        var slots: [Int]

        static let pools: [Int] = [
            Pool.openers.count, Pool.proactiveLead.count, Pool.portal.count, Pool.wechat.count, Pool.weibo.count,
            Pool.village.count, Pool.hotline.count, Pool.board.count, Pool.noRequests.count, Pool.requests.count,
            Pool.settled.count, Pool.forward.count, Pool.management.count, Pool.platform.count, Pool.training.count,
            Pool.trainingSessionsOnly.count, Pool.supervision.count, Pool.noAppeals.count,
            Phrases.reviewLead.count, Phrases.reviewTopic.count, Pool.reviewAction.count, Phrases.selfCheck.count,
            Phrases.problemIntro.count, Phrases.enumerators.count, Pool.problemIssues.count, Pool.problemIssues.count,
            Pool.problemIssues.count, Phrases.problemAreas.count, Phrases.problemAreas.count, Phrases.problemAreas.count,
            Pool.planWhen.count, Pool.planActions.count, Pool.planActions.count, Pool.noFee.count, Pool.otherMatters.count,
            Pool.headings.count,
        ]

        static func random(_ r: inout SplitMix64) -> Choices {
            Choices(slots: pools.map { r.int(0...($0 - 1)) })
        }

        subscript(_ slot: Slot) -> Int { slots[slot.rawValue] }
    }

    enum Slot: Int {
        case opener, proactiveLead, portal, wechat, weibo, village, hotline, board, noRequests, requests, settled, forward,
             management, platform, training, trainingSessionsOnly, supervision, noAppeals,
             reviewLead, reviewTopic, reviewAction, selfCheck, problemIntro, enumerator, issue1, issue2, issue3,
             area1, area2, area3, planWhen, plan1, plan2, noFee, otherMatters, headings
    }

    /// The county template of the group `township` belongs to, the same for every year.
    static func countyTemplate(township: Int, seed: UInt64) -> Choices {
        var r = SplitMix64(seed: SplitMix64.mix(seed ^ 0x7E3A_11C0_0000_0000 ^ UInt64(township / countySize)))
        return Choices.random(&r)
    }

    /// One report's bytes.
    static func render(_ data: SyntheticInputs.ReportData, traits t: Traits, template: Choices, rng r: inout SplitMix64,
                       publishedLate: Bool) -> [UInt8] {
        let name = SyntheticInputs.townshipName(data.index)
        let cells = data.cells
        func cell(_ path: String) -> Int64 { cells[Catalog.index(path)] }

        // This year's choices: the county's template with a change or two, or the township's own.
        var choices = template
        if t.echoes {
            for _ in 0..<r.int(0...2) {
                let k = r.int(0...(choices.slots.count - 1))
                choices.slots[k] = r.int(0...(Choices.pools[k] - 1))
            }
        } else {
            choices = Choices.random(&r)
        }

        // --- 一、总体情况: the quoted figures, by construction those of the `overview` object.
        let figureKeys = ["portalItems", "wechatItems", "weiboItems", "villageNotices", "hotlineReplies",
                          "messageBoardReplies", "trainingSessions", "trainees"]
        let figures = figureKeys.map { cell("overview.\($0)") }
        let received = cell("requests.received.total"), carriedOver = cell("requests.carriedOver.total")
        let forward = cell("requests.carriedForward.total"), handled = cell("requests.resultTotal.total")
        let appeals = cell("appeals.review.total") + cell("appeals.litigationDirect.total") + cell("appeals.litigationAfterReview.total")
        var values: [String: String] = [
            "T": name, "Y": String(data.year),
            "portal": String(figures[0]), "wechat": String(figures[1]), "weibo": String(figures[2]),
            "village": String(figures[3]), "hotline": String(figures[4]), "board": String(figures[5]),
            "sessions": String(figures[6]), "trainees": String(figures[7]),
            "received": String(received), "over": String(carriedOver), "forward": String(forward), "handled": String(handled),
            "fee": String(data.processingFeeYuan),
        ]
        let headings = Pool.headings[choices[.headings]]
        var overview = fill(Pool.openers[choices[.opener]], values)
        if t.long { overview += fill(Pool.longIntro[r.int(0...(Pool.longIntro.count - 1))], values) }
        // (一) 主动公开
        var proactive = Pool.proactiveLead[choices[.proactiveLead]]
        var stated: [String] = []
        let figurePools: [(Int, [String], Slot)] = [(0, Pool.portal, .portal), (1, Pool.wechat, .wechat), (2, Pool.weibo, .weibo),
                                                     (3, Pool.village, .village), (4, Pool.hotline, .hotline), (5, Pool.board, .board)]
        for (k, pool, slot) in figurePools where t.quoted[k] { stated.append(fill(pool[choices[slot]], values)) }
        proactive += stated.isEmpty ? "围绕重点领域做好信息发布，及时更新公开栏目。" : stated.joined(separator: "，") + "。"
        // (二) 依申请公开: 申请 received is 本年新收 总计; 均已按时办结 only when nothing is carried forward.
        var requests: String
        if received == 0 {
            requests = fill(Pool.noRequests[choices[.noRequests]], values)
            if carriedOver > 0 {
                requests += fill(forward == 0 ? "上年结转的{over}件申请均已按时办结。" : "上年结转申请{over}件，结转下年度继续办理{forward}件。", values)
            }
        } else {
            requests = fill(Pool.requests[choices[.requests]], values)
            if carriedOver > 0 { requests += fill("，另有上年结转申请{over}件", values) }
            requests += fill(forward == 0 ? Pool.settled[choices[.settled]] : Pool.forward[choices[.forward]], values)
        }
        // (六) 教育培训
        let training = t.quoted[6] && t.quoted[7] ? Pool.training[choices[.training]]
            : t.quoted[6] ? Pool.trainingSessionsOnly[choices[.trainingSessionsOnly]]
            : "积极组织工作人员参加上级举办的政务公开业务培训，提升业务能力。"
        var parts = [
            (headings[0], proactive), (headings[1], requests), (headings[2], Pool.management[choices[.management]]),
            (headings[3], Pool.platform[choices[.platform]]), (headings[4], fill(training, values)),
            (headings[5], Pool.supervision[choices[.supervision]] + (appeals == 0 ? Pool.noAppeals[choices[.noAppeals]] : "")),
        ]
        if t.long {
            // Long reports expand each part with more of the county's stock phrases.
            for k in parts.indices {
                for _ in 0..<r.int(3...6) { parts[k].1 += Pool.longFiller[r.int(0...(Pool.longFiller.count - 1))] }
            }
        }
        for (k, part) in parts.enumerated() { overview += (t.long ? "\n" : "") + Pool.ordinals[k] + part.0 + part.1 }

        // --- 五、存在的主要问题及改进情况 (what the copy check compares).
        let n = (a: r.int(2...9), c: r.int(2...12), m: r.int(3...11), q: r.int(2...7),
                 p: (1...6).map { _ in r.int(2...40) }, pct: r.int(55...90), found: r.int(3...30), villages: r.int(5...20))
        values["a"] = String(n.a); values["c"] = String(n.c); values["m"] = String(n.m); values["m2"] = String(n.m)
        values["q"] = String(n.q); values["pct"] = String(n.pct); values["villages"] = String(n.villages)
        for k in 0..<6 { values["p\(k + 1)"] = String(n.p[k]) }
        values["found"] = String(n.found); values["fixed"] = String(r.int(1...n.found))
        var problems = Phrases.reviewLead[choices[.reviewLead]] + Phrases.reviewTopic[choices[.reviewTopic]] + "，"
            + Pool.reviewAction[choices[.reviewAction]] + "。" + Phrases.selfCheck[choices[.selfCheck]] + Phrases.problemIntro[choices[.problemIntro]]
        let enumerators = Phrases.enumerators[choices[.enumerator]]
        // Three different issues in three different areas.
        func distinct(_ picks: [Int], _ count: Int) -> [Int] {
            var out: [Int] = []
            for var p in picks {
                while out.contains(p) { p = (p + 1) % count }
                out.append(p)
            }
            return out
        }
        let issues = distinct([choices[.issue1], choices[.issue2], choices[.issue3]], Pool.problemIssues.count)
        let areas = distinct([choices[.area1], choices[.area2], choices[.area3]], Phrases.problemAreas.count)
        for k in 0..<3 {
            problems += (k == 0 ? "" : "；") + enumerators[k] + Phrases.problemAreas[areas[k]] + "方面，" + Pool.problemIssues[issues[k]]
        }
        let plans = distinct([choices[.plan1], choices[.plan2]], Pool.planActions.count)
        problems += "。" + Pool.planWhen[choices[.planWhen]] + "我镇将" + Pool.planActions[plans[0]] + "，"
            + Pool.planActions[plans[1]] + "。"
        if t.longProblems {
            for _ in 0..<r.int(15...30) { problems += Pool.longFiller[r.int(0...(Pool.longFiller.count - 1))] }
        }
        problems = fill(problems, values)

        // --- 六、其他需要报告的事项: the fee stated only as it is.
        var other = ""
        if data.processingFeeYuan > 0 {
            other = fill("本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{fee}元。", values)
        } else if t.mentionsFee {
            other = fill(Pool.noFee[choices[.noFee]], values)
        }
        other += Pool.otherMatters[choices[.otherMatters]]

        // --- The file.
        var top: [(String, JSONValue)] = [(ReportKey.schemaVersion.name, .integer(1))]
        if t.givesEdition { top.append((ReportKey.edition.name, .string(Edition.y2021.rawValue))) }
        top.append((ReportKey.unit.name, .object([(UnitKey.name.name, .string(name)), (UnitKey.code.name, .string(SyntheticInputs.townshipCode(data.index))),
                                     (UnitKey.county.name, .string(SyntheticInputs.countyName))])))
        top.append((ReportKey.year.name, .integer(Int64(data.year))))
        // publishedOn: a few reports do not say (unknown is itself a finding), a late one always does.
        if publishedLate || r.chance(0.95) { top.append((ReportKey.publishedOn.name, .string(data.publishedOn))) }
        if t.givesSourceUrl {
            top.append((ReportKey.sourceUrl.name, .string("http://www.hecheng.gov.cn/xxgk/ndbg/\(data.year)/t\(SyntheticInputs.pad(data.index + 1, width: 5)).html")))
        }
        var values6 = cells
        values6[SyntheticInputs.fee] = cells[SyntheticInputs.fee] * 10_000   // cents of 万元 → millionths
        guard case .object(var sections) = Summary.sections(values6) else { return [] }
        if case .object(let all) = sections[0].1 {
            let kept: [(String, JSONValue)] = all.enumerated().compactMap { k, member in
                t.quoted[k] ? member : (t.nulls ? (member.0, .null) : nil)
            }
            if t.quoted.contains(true) { sections[0].1 = .object(kept) } else { sections.removeFirst() }
        }
        var narrative: [(String, JSONValue)] = []
        if r.chance(0.97) {
            if r.chance(0.95) { narrative.append((NarrativeKey.overview.name, .string(overview))) }
            if r.chance(0.92) { narrative.append((NarrativeKey.problems.name, .string(problems))) }
            if t.givesOtherMatters || data.processingFeeYuan > 0 { narrative.append((NarrativeKey.otherMatters.name, .string(other))) }
        }
        var tail: [(String, JSONValue)] = []
        if !narrative.isEmpty { tail.append((ReportKey.narrative.name, .object(narrative))) }
        if t.givesFee || data.processingFeeYuan > 0 { tail.append((ReportKey.informationProcessingFeeYuan.name, .integer(Int64(data.processingFeeYuan)))) }
        let doc: [(String, JSONValue)]
        switch t.order {
        case 1: doc = top + tail + sections
        case 2: doc = sections + tail + top
        default: doc = top + sections + tail
        }
        return JSONWriter.bytes(.object(doc))
    }

    /// {placeholders} replaced by the report's own values.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var key = ""
        var inKey = false
        for ch in text {
            if inKey {
                if ch == "}" {
                    guard let v = values[key] else { preconditionFailure("no placeholder {\(key)}") }
                    out += v
                    key = ""
                    inKey = false
                } else {
                    key.append(ch)
                }
            } else if ch == "{" {
                inKey = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Phrase pools in the shapes real township reports use; {placeholders} are the report's own
    /// figures. No pool names another year, another office's voice, or 办结 outside the requests.
    enum Pool {
        static let openers = [
            "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止。",
            "{Y}年，{T}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，扎实推进政务公开工作。",
            "现将{Y}年度{T}政府信息公开工作情况报告如下。",
            "{Y}年，{T}在县政务公开办的指导下，围绕中心工作和群众关切，持续深化政务公开。",
            "{T}党委、政府高度重视政府信息公开工作，{Y}年进一步健全工作机制，明确专人负责信息发布和申请办理。",
        ]
        static let longIntro = [
            "{Y}年以来，我镇把政务公开作为转变政府职能、建设法治政府的重要抓手，成立了由镇长任组长的政务公开工作领导小组，党政办具体负责日常工作，各站所、村（社区）明确信息员，形成了主要领导亲自抓、分管领导具体抓、信息员抓落实的工作格局。",
            "本年度，我镇对照县政务公开工作要点，逐项分解任务、明确责任、细化措施，定期研究政务公开工作，及时解决工作中遇到的困难和问题，确保各项任务落到实处。",
        ]
        static let ordinals = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
        static let headings: [[String]] = [
            ["主动公开情况。", "依申请公开情况。", "政府信息管理情况。", "平台建设情况。", "教育培训情况。", "监督保障情况。"],
            ["主动公开。", "依申请公开。", "政府信息管理。", "政府信息公开平台建设。", "教育培训。", "监督保障。"],
            ["强化主动公开。", "规范依申请公开。", "加强信息管理。", "优化公开平台。", "加强业务培训。", "强化监督保障。"],
        ]
        static let proactiveLead = [
            "坚持把主动公开作为政务公开的第一要务，",
            "围绕乡村振兴、社会救助、财政资金等重点领域，",
            "按照“谁制作、谁公开”的原则，",
            "",
        ]
        static let portal = [
            "通过政府门户网站主动公开政府信息{portal}条", "在政府门户网站发布政府信息{portal}条",
            "依托县政府门户网站乡镇专栏公开信息{portal}条",
        ]
        static let wechat = [
            "政务微信公众号发布信息{wechat}条", "通过微信公众号推送信息{wechat}条", "政务微信发布信息{wechat}条",
        ]
        static let weibo = ["政务微博发布信息{weibo}条", "通过官方微博发布信息{weibo}条"]
        static let village = ["通过村务公开栏公开信息{village}条", "各村（社区）公开栏张贴公示信息{village}条"]
        static let hotline = ["办理12345政务服务热线诉求{hotline}件", "回复热线工单{hotline}件"]
        static let board = ["回复网民留言{board}条", "答复领导留言板留言{board}条"]
        static let noRequests = [
            "本年度未收到政府信息公开申请。", "{Y}年，我镇未收到政府信息公开申请。",
            "本年度未收到公民、法人或其他组织提出的政府信息公开申请。",
        ]
        static let requests = [
            "本年度共收到政府信息公开申请{received}件", "{Y}年共收到政府信息公开申请{received}件",
            "全年新收政府信息公开申请{received}件",
        ]
        static let settled = ["，均已按时办结。", "，均已在法定期限内办结答复。", "，均已按时办结，未发生逾期答复情况。"]
        static let forward = ["，本年度办理完毕{handled}件，结转下年度继续办理{forward}件。", "，结转下年度继续办理{forward}件。"]
        static let management = [
            "严格落实信息发布“三审三校”制度，坚持先审查、后公开，全年未发生泄密和侵犯个人隐私事件。",
            "及时更新政府信息公开指南和主动公开基本目录，对行政规范性文件实行动态管理，定期清理失效信息。",
            "完善政府信息公开保密审查机制，对拟公开信息逐条审核，确保发布信息准确、规范。",
        ]
        static let platform = [
            "在便民服务中心设置政务公开专区，配备查询终端，方便群众查阅。",
            "持续优化政府网站乡镇专栏和政务新媒体栏目设置，确保线上线下信息同步发布。",
            "规范村务公开栏建设，实现村（社区）公开栏全覆盖。",
        ]
        static let training = [
            "开展政务公开培训{sessions}次，参训{trainees}人次。", "全年组织政务公开业务培训{sessions}次，参训人员{trainees}人次。",
            "举办政务公开专题培训{sessions}次，累计培训{trainees}人次。",
        ]
        static let trainingSessionsOnly = ["组织政务公开业务培训{sessions}次。", "全年开展政务公开培训{sessions}次。"]
        static let supervision = [
            "将政务公开纳入村（社区）年度考核，定期开展自查，发现问题即知即改。",
            "主动接受社会评议和群众监督，对县政务公开办反馈的问题逐项整改到位。",
            "落实政务公开工作责任制，通过意见箱、热线电话等渠道听取群众意见。",
        ]
        static let noAppeals = ["本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "全年无政府信息公开行政复议、行政诉讼案件。"]
        static let reviewAction = Phrases.reviewAction.filter { !$0.contains("办结") && !$0.contains("培训") }
        static let problemIssues = Phrases.problemIssues.filter { !$0.contains("{since}") }
        static let planWhen = ["下一步，", "今后，", "针对上述问题，", "新的一年，"]
        /// Plans name no 培训 count (a count of sessions belongs to 一 and its table).
        static let planActions = Phrases.planActions.filter { !$0.contains("{since}") && !$0.contains("培训") }
        static let noFee = ["本年度未收取信息处理费。", "本年度依申请公开工作未收取信息处理费。", "{Y}年{T}未收取任何信息处理费。"]
        static let otherMatters = [
            "按照县政府年度政务公开工作要点，逐项落实了重点领域信息公开任务。",
            "无其他需要报告的事项。",
            "积极推进基层政务公开标准目录编制，实现村（社区）公开目录全覆盖。",
            "结合基层减负要求，精简了部分重复填报的公开台账。",
        ]
        static let longFiller = [
            "坚持问题导向，对群众关注度高的事项及时发布、持续更新。",
            "严格执行信息发布审核程序，做到分级审核、先审后发。",
            "加强与县直部门的沟通衔接，确保公开口径统一、内容准确。",
            "注重政策解读，采用图文、问答等群众喜闻乐见的形式解读惠民政策。",
            "围绕群众办事需求，梳理公开服务事项清单，方便群众查询办理。",
            "落实村务公开“四议两公开”工作法，保障群众知情权、参与权、监督权。",
            "加强政务新媒体日常管理，规范信息发布流程，防止错发漏发。",
            "定期对公开栏目开展巡查，及时发现和整改空白栏目、过期信息等问题。",
            "强化信息员队伍建设，保持人员相对稳定，确保工作连续性。",
            "把政务公开工作与党风廉政建设、基层治理工作结合起来，统筹推进。",
            "健全公众参与机制，在重大事项决策前广泛听取群众意见建议。",
            "加强档案管理，对公开信息和申请办理材料及时归档备查。",
        ]
    }
}
