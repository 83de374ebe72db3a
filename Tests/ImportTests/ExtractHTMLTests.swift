import XCTest
@testable import Import

final class ExtractHTMLTests: XCTestCase {
    /// A portal page in the shape township sites publish: navigation, search box, breadcrumbs,
    /// info line, the article, footer; scripts, styles and comments around it.
    static let shellPage = """
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml"><head>
        <meta http-equiv="Content-Type" content="text/html; charset=%CHARSET%" />
        <title>测试镇2024年政府信息公开工作年度报告_测试县人民政府</title>
        <script type="text/javascript">var title = "脚本里的字"; document.write("<p>写出</p>");</script>
        <style>.nav { color: red }</style>
        </head>
        <body>
        <div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a>
          <form action="/search"><input type="text" name="q" value="请输入关键字"><textarea>留言内容</textarea>
          <select><option>友情链接</option></select><button type="submit">搜索</button></form></div>
        <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a>政府信息公开年报</a></div>
        <h1 class="title">测试镇2024年政府信息公开工作年度报告</h1>
        <div class="info">发布日期：2025-01-20&nbsp;&nbsp;来源：测试镇人民政府&nbsp;&nbsp;浏览次数：<span id="hits">36</span></div>
        <!-- 正文开始 注释里的字 -->
        <div id="zoom" class="content">
        <p style="text-indent: 2em;"><span style="font-family: 仿宋_GB2312;">一、总体情况</span></p>
        <p>　　本年度通过门户网站主动公开政府信息<font color="red">１</font><b>２</b>条，
           其中规范性文件<span>0</span>件。</p>
        <div style="display: none">隐藏的字</div>
        <p>&nbsp;</p>
        <ul><li>第一项</li><li>第二<em>项</em></li></ul>
        </div>
        <noscript>请启用脚本</noscript>
        <div class="footer">主办单位：测试县人民政府办公室<br/>网站标识码：0000000000<br>
          <template><p>模板</p></template></div>
        </body></html>
        """

    static let shellParagraphs = [
        "首页 | 政务公开",
        "搜索",
        "当前位置：首页 > 政府信息公开年报",
        "测试镇2024年政府信息公开工作年度报告",
        "发布日期：2025-01-20\u{a0}\u{a0}来源：测试镇人民政府\u{a0}\u{a0}浏览次数：36",
        "一、总体情况",
        "\u{3000}\u{3000}本年度通过门户网站主动公开政府信息１２条， 其中规范性文件0件。",
        "第一项",
        "第二项",
        "主办单位：测试县人民政府办公室",
        "网站标识码：0000000000",
    ]

    func testUTF8PageWithShellKeepsAllVisibleTextInOrder() throws {
        let page = Self.shellPage.replacingOccurrences(of: "%CHARSET%", with: "utf-8")
        let doc = try Extractor.document(bytes: Array(page.utf8), format: .html)
        XCTAssertEqual(doc.format, .html)
        XCTAssertEqual(paragraphs(doc), Self.shellParagraphs)
        XCTAssertEqual(places(doc), (1...Self.shellParagraphs.count).map { "paragraph \($0)" })
    }

    func testGBKPageWithMetaCharsetGB2312() throws {
        let page = Self.shellPage.replacingOccurrences(of: "%CHARSET%", with: "gb2312")
        let doc = try Extractor.document(bytes: gb18030(page), format: .html)
        XCTAssertEqual(paragraphs(doc), Self.shellParagraphs)
        // The short form of the declaration, and no declaration at all: sniffed as GB18030.
        let short = "<html><head><meta charset=\"GBK\"></head><body><p>收到和处理政府信息公开申请情况</p></body></html>"
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: gb18030(short), format: .html)), ["收到和处理政府信息公开申请情况"])
        let bare = "<p>本年新收政府信息公开申请数量</p><p>申请人情况</p>"
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: gb18030(bare), format: .html)), ["本年新收政府信息公开申请数量", "申请人情况"])
    }

    func testCharsetDeclarations() {
        let head = "<html><head><script src=\"a.js\" charset=\"utf-8\"></script><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">"
        XCTAssertEqual(CharsetDeclaration.find(in: Array(head.utf8)), "GB2312")
        XCTAssertEqual(CharsetDeclaration.find(in: Array("<?xml version=\"1.0\" encoding=\"gbk\"?><html>".utf8)), "gbk")
        XCTAssertEqual(CharsetDeclaration.find(in: Array("<meta charset = 'utf-8'>".utf8)), "utf-8")
        XCTAssertNil(CharsetDeclaration.find(in: Array("<p>charset=gbk</p>".utf8)))
    }

    func testPageMislabelledGB2312ButInUTF8HasNoMojibake() throws {
        let page = Self.shellPage.replacingOccurrences(of: "%CHARSET%", with: "gb2312")
        let doc = try Extractor.document(bytes: Array(page.utf8), format: .html)
        XCTAssertEqual(paragraphs(doc), Self.shellParagraphs)
    }

    func testPageMislabelledUTF8ButInGBK() throws {
        let page = "<html><head><meta charset=\"utf-8\"></head><body><p>政府信息公开行政复议、行政诉讼情况</p></body></html>"
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: gb18030(page), format: .html)), ["政府信息公开行政复议、行政诉讼情况"])
    }

    func testBOMPage() throws {
        let page = Self.shellPage.replacingOccurrences(of: "%CHARSET%", with: "gb2312")
        let doc = try Extractor.document(bytes: [0xEF, 0xBB, 0xBF] + Array(page.utf8), format: .html)
        XCTAssertEqual(paragraphs(doc), Self.shellParagraphs)
        var le: [UInt8] = [0xFF, 0xFE]
        for unit in "<p>主动公开政府信息情况</p>".utf16 { le += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: le, format: .html)), ["主动公开政府信息情况"])
    }

    /// The head of the national format's table three: merged headers over ten columns.
    func testRowspanColspanGrid() throws {
        let page = """
            <p>三、收到和处理政府信息公开申请情况</p>
            <table border="1" cellspacing="0">
            <tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
                <td colspan="7">申请人情况</td></tr>
            <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
            <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
            <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
            <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
            <tr><td rowspan="1">（二）部分公开</td><td>（区分处理的）</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
            </table>
            """
        let doc = try Extractor.document(bytes: Array(page.utf8), format: .html)
        XCTAssertEqual(outline(doc), ["p:三、收到和处理政府信息公开申请情况", "t:6×10"])
        XCTAssertEqual(places(doc), ["paragraph 1", "table 1"])
        let table = try XCTUnwrap(tables(doc).first)
        let corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        XCTAssertEqual(texts(table), [
            [corner, corner, corner, "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况", "申请人情况"],
            [corner, corner, corner, "自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "总计"],
            [corner, corner, corner, "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            ["一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量", "5", "1", "0", "0", "0", "0", "6"],
            ["三、本年度办理结果", "（一）予以公开", "（一）予以公开", "3", "1", "0", "0", "0", "0", "4"],
            ["三、本年度办理结果", "（二）部分公开", "（区分处理的）", "0", "0", "0", "0", "0", "0", "0"],
        ])
        XCTAssertEqual(origins(table), [
            ["0,0", "0,0", "0,0", "0,3", "0,3", "0,3", "0,3", "0,3", "0,3", "0,3"],
            ["0,0", "0,0", "0,0", "1,3", "1,4", "1,4", "1,4", "1,4", "1,4", "1,9"],
            ["0,0", "0,0", "0,0", "1,3", "2,4", "2,5", "2,6", "2,7", "2,8", "1,9"],
            ["3,0", "3,0", "3,0", "3,3", "3,4", "3,5", "3,6", "3,7", "3,8", "3,9"],
            ["4,0", "4,1", "4,1", "4,3", "4,4", "4,5", "4,6", "4,7", "4,8", "4,9"],
            ["4,0", "5,1", "5,2", "5,3", "5,4", "5,5", "5,6", "5,7", "5,8", "5,9"],
        ])
    }

    func testAbsurdSpansAreClamped() throws {
        let page = """
            <table><tr><td colspan="100000" rowspan="99999">甲</td><td colspan="-3">乙</td></tr>
            <tr><td>丙</td><td rowspan="0">丁</td></tr><tr><td colspan="2x">戊</td></tr></table>
            """
        let table = try XCTUnwrap(tables(try Extractor.document(bytes: Array(page.utf8), format: .html)).first)
        // 甲 spans every row and 1,000 grid columns; the columns only spans cross are dropped.
        XCTAssertEqual(texts(table), [["甲", "乙", ""], ["甲", "丙", "丁"], ["甲", "戊", "丁"]])
        XCTAssertEqual(origins(table), [["0,0", "0,1", "0,2"], ["0,0", "1,1", "1,2"], ["0,0", "2,1", "1,2"]])
    }

    func testCellsWrappedInParagraphsSpansAndFontsKeepNBSPAndIdeographicSpace() throws {
        let page = """
            <table class="MsoNormalTable" border="1">
            <tr><td width="200"><p class="MsoNormal" align="center"><span style="font-family:宋体"><font size="2">项&nbsp;目</font></span></p></td>
                <td><p><span>第一段</span></p><p><span>　第二段</span></p></td>
                <td>甲<br>乙</td></tr>
            <tr><td><p><span lang="EN-US">&nbsp;12<o:p></o:p></span></p></td><td><p>&nbsp;</p><p>３</p></td>
                <td><span> 0 </span></td></tr>
            </table>
            """
        let table = try XCTUnwrap(tables(try Extractor.document(bytes: Array(page.utf8), format: .html)).first)
        XCTAssertEqual(texts(table), [["项\u{a0}目", "第一段\n\u{3000}第二段", "甲\n乙"], ["\u{a0}12", "３", "0"]])
    }

    /// A portal whose layout table holds the whole article, the report's own tables inside it.
    func testNestedLayoutTables() throws {
        let page = """
            <table width="100%" border="0"><tr><td colspan="2">测试县人民政府门户网站</td></tr>
            <tr><td width="20%">导航</td><td>
              <table width="100%"><tr><td><h2>测试镇2024年政府信息公开工作年度报告</h2></td></tr>
              <tr><td>
                <p>二、主动公开政府信息情况</p>
                <table border="1"><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
                <p>四、政府信息公开行政复议、行政诉讼情况</p>
                <table border="1"><tr><td>行政复议</td><td>结果维持</td></tr><tr><td></td><td>1</td></tr></table>
                <p>五、存在的主要问题及改进情况</p>
              </td></tr></table>
            </td></tr>
            <tr><td colspan="2">版权所有</td></tr></table>
            """
        let doc = try Extractor.document(bytes: Array(page.utf8), format: .html)
        XCTAssertEqual(outline(doc), [
            "p:测试县人民政府门户网站", "p:导航", "p:测试镇2024年政府信息公开工作年度报告",
            "p:二、主动公开政府信息情况", "t:2×2", "p:四、政府信息公开行政复议、行政诉讼情况", "t:2×2",
            "p:五、存在的主要问题及改进情况", "p:版权所有",
        ])
        XCTAssertEqual(places(doc), [
            "paragraph 1", "paragraph 2", "paragraph 3", "paragraph 4", "table 1", "paragraph 5", "table 2", "paragraph 6", "paragraph 7",
        ])
        XCTAssertEqual(tables(doc).map(texts), [[["信息内容", "本年制发件数"], ["规章", "0"]], [["行政复议", "结果维持"], ["", "1"]]])
    }

    func testHundredThousandNestedTagsDoNotOverflowTheStack() throws {
        for tag in ["div", "span", "font", "b"] {
            let page = "<html><body>" + String(repeating: "<\(tag)>", count: 100_000) + "深处的字"
                + String(repeating: "</\(tag)>", count: 100_000) + "<p>之后</p></body></html>"
            let doc = try Extractor.document(bytes: Array(page.utf8), format: .html)
            XCTAssertEqual(paragraphs(doc).first, "深处的字", tag)
        }
        let tablesDeep = String(repeating: "<table><tr><td>格", count: 20_000) + String(repeating: "</td></tr></table>", count: 20_000)
        let doc = try Extractor.document(bytes: Array(tablesDeep.utf8), format: .html)
        XCTAssertTrue(paragraphs(doc).allSatisfy { $0 == "格" })
    }

    func testExternalEntitiesAreNeverExpanded() throws {
        let page = """
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <html><body><p>前&e;后</p><p>&nbsp;甲&amp;乙</p></body></html>
            """
        let doc = try Extractor.document(bytes: Array(page.utf8), format: .html)
        let all = paragraphs(doc).joined(separator: "\n")
        XCTAssertFalse(all.contains("root:"), all)
        XCTAssertTrue(all.contains("\u{a0}甲&乙"), all)
    }

    func testPageWithoutBodyTextIsEmpty() throws {
        let page = "<html><head><title>标题</title><script>var a = 1;</script></head><body>\n  &nbsp;\u{3000}<div> </div><!-- 注释 --></body></html>"
        XCTAssertEqual(try Extractor.document(bytes: Array(page.utf8), format: .html).blocks, [])
        XCTAssertEqual(try Extractor.document(bytes: [], format: .html).blocks, [])
    }

    func testPreKeepsItsLines() throws {
        let page = "<pre>项目\t数量\n规章  3\n</pre><p>后</p>"
        XCTAssertEqual(paragraphs(try Extractor.document(bytes: Array(page.utf8), format: .html)), ["项目\t数量", "规章  3", "后"])
    }

    func testCaptionComesBeforeItsTable() throws {
        let page = "<table><caption>表一</caption><tr><td>甲</td><td>乙</td></tr></table>"
        let doc = try Extractor.document(bytes: Array(page.utf8), format: .html)
        XCTAssertEqual(outline(doc), ["p:表一", "t:1×2"])
    }

    func testSameBytesGiveTheSameDocument() throws {
        let page = Array(Self.shellPage.replacingOccurrences(of: "%CHARSET%", with: "utf-8").utf8)
        XCTAssertEqual(try Extractor.document(bytes: page, format: .html), try Extractor.document(bytes: page, format: .html))
    }
}
