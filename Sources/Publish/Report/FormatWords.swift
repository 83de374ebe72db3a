/// The few words of the national format's layout that are not row or column labels (those live in
/// `Aggregate.Catalog`): header cells of the merged table heads and the titles of sections 五 and 六.
enum FormatWords {
    static let contentHeader = "信息内容"
    static let requestsCorner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    static let applicants = "申请人情况"
    static let organisations = "法人或其他组织"
    static let problemsTitle = "五、存在的主要问题及改进情况"
    static let otherMattersTitle = "六、其他需要报告的事项"
    static let basis = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求，编制本报告。"
}
