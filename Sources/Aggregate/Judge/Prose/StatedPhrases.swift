/// The table of phrase patterns: for each quantity the tables hold, the words that make a
/// sentence state it. A figure counts only when its clause names the quantity (the subject), the
/// unit is one the quantity is counted in, and nothing in the clause makes it another figure.
struct StatedQuantity: Sendable {
    /// The cells whose sum the figure states (one, except 行政诉讼's two groups).
    let cells: [String]
    /// Their places in `Catalog.cells`, found once.
    let cellIndices: [Int]
    /// The JSON path a finding names: the cell's, or overview.<key>.
    let path: String
    /// Bits of `StatedNumber.unitNames`.
    let units: UInt32
    /// One must occur in the clause before the figure…
    let subjects: Words
    /// …or, when given, right after it in the clause ("1件申请结转至下年度").
    let subjectsAfter: Words?
    /// When given, one must occur in the clause before the figure (besides the subject).
    let verbs: Words?
    /// The subject may also stand earlier in the sentence, when the clause names no other quantity.
    let subjectInSentence: Bool
    /// None may occur in the clause.
    let excluded: Words
    /// None may end the stretch just before the figure ("部分公开1件" is not 予以公开).
    let notRightBefore: Words?

    func counts(in unit: Int) -> Bool { units & (1 << UInt32(unit)) != 0 }

    init(_ cells: [String], path: String? = nil, units: [String], subjects: [String], after: [String]? = nil,
         verbs: [String]? = nil, inSentence: Bool = false, excluded: [String] = [], notRightBefore: [String]? = nil) {
        self.cells = cells
        cellIndices = cells.map(Catalog.index)
        self.path = path ?? cells[0]
        self.units = units.reduce(0) { $0 | (1 << UInt32(StatedNumber.unitNames.firstIndex(of: $1)!)) }
        self.subjects = Words(subjects)
        subjectsAfter = after.map(Words.init)
        self.verbs = verbs.map(Words.init)
        subjectInSentence = inSentence
        self.excluded = Words(excluded)
        self.notRightBefore = notRightBefore.map(Words.init)
    }

    /// The cell's name in messages: the section title and the row and column labels.
    var label: String { StatedQuantity.label(cells) }

    static func label(_ cells: [String]) -> String {
        if cells.count > 1 { return "四、政府信息公开行政复议、行政诉讼情况 行政诉讼（未经复议直接起诉＋复议后起诉）总计" }
        let cell = Catalog.cells[Catalog.index(cells[0])]
        return "\(cell.section.title) \(Catalog.label(of: cell))"
    }
}

enum StatedPhrases {
    static let counted = ["件", "个", "条"]
    /// Words that make a request figure something else (hotline work, proposals, appeals).
    static let notRequests = ["热线", "诉求", "工单", "留言", "建议", "提案", "投诉", "信访", "复议", "诉讼", "来电", "咨询"]
    static let otherChannels = ["新媒体", "抖音", "快手", "头条", "视频号", "客户端", "解读", "专题", "浏览", "访问", "阅读", "点击", "转发", "转载",
                                "等平台", "等渠道", "等载体", "各平台", "日报", "电视", "广播", "报刊"]

    static let portal = ["门户网站", "政府网站", "网站", "官网"]
    static let wechat = ["微信"]
    static let weibo = ["微博"]
    static let village = ["公开栏", "公示栏", "信息栏", "公告栏", "宣传栏", "村务公开", "居务公开", "村（居）务", "村(居)务", "村级公开"]
    static let hotline = ["热线"]
    static let board = ["留言"]

    /// Every quantity the prose checks read, in the order findings are listed.
    static let quantities: [StatedQuantity] = [
        StatedQuantity(["requests.received.total"], units: counted, subjects: ["申请"], after: ["申请"],
                       verbs: ["收到", "新收", "受理", "接收", "接到", "新增"], inSentence: true,
                       excluded: notRequests + ["结转", "办结", "上年", "其中", "予以公开", "部分公开", "答复"]),
        StatedQuantity(["requests.carriedOver.total"], units: counted,
                       subjects: ["上年结转", "上年度结转", "上一年度结转", "上一年结转", "去年结转", "上年度遗留", "上年遗留", "上年转入", "上年度转入"],
                       excluded: notRequests + ["办结"]),
        StatedQuantity(["requests.carriedForward.total"], units: counted,
                       subjects: ["结转下年", "结转至下", "结转到下", "转入下年", "结转下一", "转至下一", "转下年度", "结转至次年", "结转次年"],
                       after: ["结转下年", "结转至下", "结转到下", "转入下年", "结转下一", "转至下一", "转下年度", "结转至次年", "结转次年", "顺延至下"],
                       excluded: notRequests + ["上年结转", "上年度结转"]),
        StatedQuantity(["requests.resultTotal.total"], units: counted, subjects: ["申请"], verbs: ["办结", "办理完毕", "答复办结"],
                       inSentence: true, excluded: notRequests + ["上年", "结转", "其中", "收到", "新收", "受理"],
                       notRightBefore: ["按时办结", "按期办结"]),
        StatedQuantity(["requests.disclosed.total"], units: counted, subjects: ["申请"], verbs: ["予以公开", "同意公开"],
                       inSentence: true, excluded: notRequests + ["部分", "上年", "收到", "新收", "受理"]),
        StatedQuantity(["appeals.review.total"], units: ["件", "起", "宗", "个"], subjects: ["行政复议"], after: ["行政复议"],
                       excluded: ["诉讼", "上年"]),
        StatedQuantity(["appeals.litigationDirect.total", "appeals.litigationAfterReview.total"], path: "appeals.litigationDirect.total",
                       units: ["件", "起", "宗", "个"], subjects: ["行政诉讼"], after: ["行政诉讼"], excluded: ["复议", "上年"]),
        StatedQuantity(["proactive.normativeDocuments.issued"], units: ["件", "个", "份", "部"], subjects: ["规范性文件"],
                       verbs: ["制发", "制定", "印发", "出台", "新制定", "发布"], inSentence: true,
                       excluded: ["废止", "现行有效", "清理", "失效", "备案", "审查", "规章"]),
        StatedQuantity(["proactive.normativeDocuments.repealed"], units: ["件", "个", "份", "部"], subjects: ["规范性文件"],
                       verbs: ["废止", "宣布失效"], inSentence: true, excluded: ["制发", "印发", "现行有效", "规章"]),
        StatedQuantity(["proactive.normativeDocuments.inForce"], units: ["件", "个", "份", "部"], subjects: ["规范性文件"],
                       verbs: ["现行有效"], inSentence: true, excluded: ["规章"]),
        StatedQuantity(["proactive.rules.issued"], units: ["件", "个", "部"], subjects: ["规章"], verbs: ["制发", "制定", "印发", "出台"],
                       excluded: ["规章制度", "废止", "现行有效", "规范性文件"]),
        StatedQuantity(["proactive.rules.repealed"], units: ["件", "个", "部"], subjects: ["规章"], verbs: ["废止"],
                       excluded: ["规章制度", "规范性文件"]),
        StatedQuantity(["proactive.rules.inForce"], units: ["件", "个", "部"], subjects: ["规章"], verbs: ["现行有效"],
                       excluded: ["规章制度", "规范性文件"]),
        StatedQuantity(["proactive.licensing"], units: ["件", "个", "项"], subjects: ["行政许可"],
                       verbs: ["办理", "作出", "办结", "处理", "审批", "决定"], excluded: ["目录", "清单", "事项清单", "上年"]),
        StatedQuantity(["proactive.penalties"], units: ["件", "起", "宗", "个"], subjects: ["行政处罚"],
                       verbs: ["办理", "作出", "办结", "处理", "实施", "查处", "决定"], excluded: ["上年"]),
        StatedQuantity(["proactive.compulsoryMeasures"], units: ["件", "起", "宗", "个"], subjects: ["行政强制"],
                       verbs: ["办理", "作出", "实施", "采取", "处理", "决定"], excluded: ["上年"]),
        StatedQuantity(["proactive.feesTenThousandYuan"], units: ["万元"], subjects: ["行政事业性收费"], excluded: ["上年"]),
        StatedQuantity(["overview.portalItems"], units: ["条", "篇", "则"], subjects: portal, inSentence: true,
                       excluded: otherChannels + wechat + weibo + village + hotline + board + ["其中", "议政网"]),
        StatedQuantity(["overview.wechatItems"], units: ["条", "篇", "则", "期"], subjects: wechat, inSentence: true,
                       excluded: otherChannels + portal + weibo + village + hotline + board + ["微信群", "其中"]),
        StatedQuantity(["overview.weiboItems"], units: ["条", "篇", "则"], subjects: weibo, inSentence: true,
                       excluded: otherChannels + portal + wechat + village + hotline + board + ["其中"]),
        StatedQuantity(["overview.villageNotices"], units: ["条", "篇", "则", "期"], subjects: village, inSentence: true,
                       excluded: otherChannels + portal + wechat + weibo + hotline + board + ["其中"]),
        StatedQuantity(["overview.hotlineReplies"], units: ["件", "条", "个", "单"], subjects: hotline, inSentence: true,
                       excluded: board + ["其中", "满意", "回访", "来电", "转办"]),
        StatedQuantity(["overview.messageBoardReplies"], units: ["条", "件", "个"], subjects: board, inSentence: true,
                       excluded: hotline + ["其中", "满意"]),
        StatedQuantity(["overview.trainingSessions"], units: ["次", "场", "期"], subjects: ["培训"],
                       excluded: ["参加", "参训", "参与", "其中", "上级", "选派", "接受"]),
        StatedQuantity(["overview.trainees"], units: ["人", "人次", "名"], subjects: ["培训", "参训", "学员"],
                       after: ["培训", "参训", "参加培训"], excluded: ["其中", "选派", "参加上级"]),
    ]
}
