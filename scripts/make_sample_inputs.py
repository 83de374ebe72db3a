#!/usr/bin/env python3
"""Generate the bundled sample inputs for nianbao (inputs/ at the repository root).

    python3 scripts/make_sample_inputs.py           # regenerate inputs/, then run the self-check
    python3 scripts/make_sample_inputs.py --check   # only check the files already in inputs/

Standard library only and fully deterministic (no randomness): every figure is written out below.

ONLY 宝丰镇's 2024 report carries real figures and text (transcribed from the published report,
../shared/seeds/000_3c60d520485f420a.txt; its publication date is unknown, so it has no publishedOn).
Every other report is MADE UP for demonstration, and the 2024 set deliberately contains one example
of every problem the tool flags. The intended breaks are declared in EXPECTED_ARITHMETIC and
EXPECTED_FLAGS; the check recomputes R1-R5 and every flag from the files on disk and fails unless it
finds exactly those, with exactly those numbers. inputs/README.md is written from the same tables.
"""
import argparse
import datetime
import difflib
import json
import re
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUTS = os.path.join(ROOT, "inputs")
# The 2024 reports are made here as JSON (their "twins"); scripts/publish_sample_inputs.sh then
# publishes them in inputs/2024/ in the shapes townships use (scripts/sample_formats.tsv).
TWINS_2024 = os.path.join("json", "2024")
SEED = os.path.join(ROOT, "..", "shared", "seeds", "000_3c60d520485f420a.txt")

COUNTY = {"name": "平罗县", "code": "640221", "deadline": "01-31", "timezone": "Asia/Shanghai"}

# (name, code, file slug). Codes are illustrative except 渠口乡's (640221202), which is real.
ROSTER = [
    ("城关镇", "640221100", "chengguan"),
    ("黄渠桥镇", "640221101", "huangquqiao"),
    ("宝丰镇", "640221102", "baofeng"),
    ("头闸镇", "640221103", "touzha"),
    ("姚伏镇", "640221104", "yaofu"),
    ("崇岗镇", "640221105", "chonggang"),
    ("陶乐镇", "640221106", "taole"),
    ("高庄乡", "640221200", "gaozhuang"),
    ("灵沙乡", "640221201", "lingsha"),
    ("渠口乡", "640221202", "qukou"),
    ("通伏乡", "640221203", "tongfu"),
    ("高仁乡", "640221204", "gaoren"),
    ("红崖子乡", "640221205", "hongyazi"),
]
CODE = {n: c for n, c, _ in ROSTER}
SLUG = {n: s for n, _, s in ROSTER}

# ---------------------------------------------------------------- the contract's shape, in order
COLS = ["naturalPerson", "commercial", "research", "publicInterest", "legalService", "otherOrg"]
ALL_COLS = COLS + ["total"]
ABBR = {"np": "naturalPerson", "com": "commercial", "res": "research", "pub": "publicInterest",
        "leg": "legalService", "oth": "otherOrg"}
GROUPS = [
    ("withheld", ["stateSecret", "prohibitedByLaw", "securityStability", "thirdPartyRights",
                  "internalAffairs", "processInformation", "enforcementRecords", "administrativeQuery"]),
    ("unavailable", ["notHeld", "needsCreation", "stillUnclear"]),
    ("notProcessed", ["complaintOrPetition", "repeated", "publication", "excessive", "reconfirmation"]),
    ("otherHandling", ["correctionOverdue", "feeUnpaid", "other"]),
]
# the 21 leaf rows summed by R2, as dotted paths under "requests"
LEAVES = ["disclosed", "partlyDisclosed"] + [f"{g}.{k}" for g, ks in GROUPS for k in ks]
# all 25 rows in table order
ROWS = ["received", "carriedOver"] + LEAVES + ["resultTotal", "carriedForward"]
OVERVIEW_KEYS = ["portalItems", "wechatItems", "weiboItems", "villageNotices", "hotlineReplies",
                 "messageBoardReplies", "trainingSessions", "trainees"]
APPEAL_GROUPS = ["review", "litigationDirect", "litigationAfterReview"]
APPEAL_KEYS = ["upheld", "corrected", "other", "pending", "total"]
DOC_KEYS = ["issued", "repealed", "inForce"]
OLD_KEYS = ["newlyMade", "newlyPublished", "totalPublished"]


def _row_template():
    return {c: None for c in ALL_COLS}


def template(edition="2021"):
    """The full key tree of one report (values None), in the contract's order."""
    if edition == "2019":
        proactive = {k: {x: None for x in OLD_KEYS}
                     for k in ["rules", "normativeDocuments", "licensing", "centralizedProcurement"]}
    else:
        proactive = {"rules": {k: None for k in DOC_KEYS},
                     "normativeDocuments": {k: None for k in DOC_KEYS},
                     "licensing": None, "penalties": None, "compulsoryMeasures": None,
                     "feesTenThousandYuan": None}
    requests = {"received": _row_template(), "carriedOver": _row_template(),
                "disclosed": _row_template(), "partlyDisclosed": _row_template()}
    for g, ks in GROUPS:
        requests[g] = {k: _row_template() for k in ks}
    requests["resultTotal"] = _row_template()
    requests["carriedForward"] = _row_template()
    return {
        "schemaVersion": None, "edition": None,
        "unit": {"name": None, "code": None, "county": None},
        "year": None, "publishedOn": None, "sourceUrl": None,
        "overview": {k: None for k in OVERVIEW_KEYS},
        "proactive": proactive,
        "requests": requests,
        "appeals": {g: {k: None for k in APPEAL_KEYS} for g in APPEAL_GROUPS},
        "narrative": {"overview": None, "problems": None, "otherMatters": None},
        "informationProcessingFeeYuan": None,
    }


def get(obj, dotted):
    for part in dotted.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return None
        obj = obj[part]
    return obj


# ---------------------------------------------------------------- the real report (宝丰镇 2024)
# Sections 一, 五 and 六 of ../shared/seeds/000_3c60d520485f420a.txt, verbatim, one paragraph per line.
SEED_OVERVIEW = (
    '2024 年以来，宝丰镇全面贯彻落实政府信息公开工作各项要求，以应公开尽公开为原则，围绕群众关心关切，不断推动宝丰镇政府信息公开工作规范化、透明化、制度化。',
    '（一）主动公开',
    '信息发布情况：本年度，通过政府门户网站主动公开各类政府信息共计 122 条，涵盖财政预决算、社会救助、乡村振兴、涉农补贴、村（居）务公开等多个领域。',
    '村（居）务公开：下辖 9 个村（居）全部落实村（居）务公开工作，通过村（居）务公开栏等方式及时公开低保、养老、村级财务等重点信息，全年累计发布信息 1200 余条，有效促进了基层民主管理。',
    '回应社会关切：建立健全政务舆情回应机制，全年共回复“12345”政务服务热线投诉件 116 件，石嘴山市议政网留言 2 条，确保群众合理合法诉求得到及时回应和解决。',
    '（二）依申请公开',
    '宝丰镇本年度未收到政府信息公开的申请。',
    '（三）政府信息管理',
    '制度建设：健全政府信息公开工作责任体系，制定并公开了《平罗县宝丰镇人民政府信息主动公开基本目录》、《平罗县宝丰镇人民政府信息公开指南》，对全年政府信息公开工作进行了全面谋划和安排。',
    '流程规范：严格落实信息发布“三审三校”制度，确保信息发布准确、安全。及时更新政府信息公开指南和主动公开基本目录，完善依申请公开流程，为特殊群体提供便捷申请服务。',
    '培训考核：宝丰镇开展培训4次，对各办（中心）及各村相关工作人员16余人进行培训，确保熟悉工作流程保证公开信息的准确性、安全性、时效性。',
    '（四）政府信息公开平台建设',
    '线上平台：加强政府门户网站和政务新媒体的建设与管理，政府门户网站累计更新信息122条，政务微信公众号发布信息299条，政务微博发布信息251条，有效拓宽了政府信息公开渠道。',
    '线下平台：在民生服务中心设置政务公开专区，配备查询机等设施，方便群众查询政府信息。同时，各村（居）均设置了公开栏，定期更新公开内容，2024年，村务公开通过村级信息栏公示各项信息1200余条。',
    '（五）监督保障',
    '一是为保障全镇政务公开工作有效开展，参加政府办组织的政务公开培训2次；组织各村居工作人员进行培训2次，重点培训信息发布流程及审核要求等内容，规范政务公开工作。二是严格审查管理。坚持“涉密信息不公开、敏感信息不上网、隐私信息要遮掩”原则，严格落实信息审核发布“三审三校”制度。三是对县政务公开办反馈的各项问题及时整改，并结合村务公开工作定期下村督导和检查，确保各村严格按照自治区下发模板及时公开，对于村务公开不规范、不及时的村居进行全镇通报，确保村务公开制度化、规范化。2024年宝丰镇自觉主动接受社会评议，严格落实责任追究制度，未发生因政府信息公开问题追责问责情况。',
)

SEED_PROBLEMS = (
    '一是部分需要主动公开的事项信息公开不及时、不全面、不具体，致使群众难以在第一时间了解相关政府工作情况。二是政务公开意识还不够到位，政务公开业务水平有待提高，政府信息公开的尺度难以把握。三是监督保障不到位，各村工作人员与政务公开工作人员沟通不到位，各村未按照自治区下发模板进行信息公开，以及出现村务信息漏公开、公开不及时等情况。',
    '改进情况：一是加大信息公开力度。对涉及人民群众关心的重大问题和重大决策及时公开，积极扩大主动公开的范围和深度，提高公开针对性，把工作重心放在提升政务公开工作实效上，不断增强工作透明度。二是强化学习培训，组织信息管理员加强对新《条例》的研究和学习，认真理清我镇的政务公开事项，提高政府信息公开工作人员业务水平，进一步提高政务公开工作能力。三是健全监督制度。加强对各村居、社区村务公开工作的指导和监督，健全有关检查制度、责任追究制度，确保村委会、社区把村务公开工作落到实处。',
)

SEED_OTHER = (
    '(一) 2024 年政务公开工作要点落实情况。',
    '一是按时在县政府门户网站公开政府预决算、部门预决算和部门所属单位预决算,于8月15日按时公开宝丰镇2023年财务决算。二是严格落实诉求办理答复流程,2024年处理议政网投诉2条,答复“12345市民热线”116条,严格落实各渠道办理时限,规范做好留言选登,确保按时完成百姓诉求回复。三是严格落实网络意识形态责任制,建立网络安全领导小组,制定网络安全应急预案、网络信息发布制度,严格落实政务网、政务新媒体三审三校制度,确保信息发布规范。四是在民生中心设置政务公开专区,每月及时更新,并放置多种政策宣传材料,兴胜村、新渠村设置村务公开角,每月及时更新,并放置多种政策宣传材料,政务公开专干及时检查更新。五是抓紧任务落实。对比全县政务公开工作要点任务落实台账,逐一落实,定期报送落实情况;按照规定时限,及时制定宝丰镇2024年政务公开工作要点,并在政府门户网站进行公示。',
    '(二) 信息处理费收取情况。',
    '2024年,本单位在办理政府信息公开申请中,未收取信息处理费。',
    '本报告电子版可在“平罗县人民政府门户网站”查阅下载,更多政府信息可登录网站<http://www.pingluo.gov.cn>查阅。',
    '如有疑问或意见建议,可直接与宝丰镇人民政府联系。',
    '联系方式:0952-6687097。',
)

# ---------------------------------------------------------------- made-up narratives
# Sections 一 (overview), 五 (problems), 六 (otherMatters). Placeholders in the overview are filled
# from the report's own figures: {p} portal, {w} WeChat, {wb} Weibo, {v} village notices,
# {h} hotline, {m} message board, {ts} trainings, {tr} trainees, {rq} requests received (as stated),
# {fax} the unknown overview key faxItems (红崖子乡 2024 only).
HONGYAZI_PROBLEMS_2023 = (
    "一是政务公开工作机制还不够健全，信息发布审核流程执行不严格；二是移民后续扶持资金公开内容不够细化，"
    "群众监督作用发挥不充分；三是工作人员业务能力有待提升，对新修订《条例》理解不深。下一步，红崖子乡将完善"
    "信息发布审核制度，细化扶持资金公开内容，加强业务学习培训，不断提升政务公开工作水平。"
)
GAOZHUANG_BOILERPLATE_2024 = (
    "本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自2024年1月1日起"
    "至2024年12月31日止。"
)
QUKOU_OVERVIEW_2024 = (
    "2024年，渠口乡重点公开移民安置区产权登记办理进度、稳岗就业补贴和农村低保动态调整情况。全年门户网站发布信息"
    "{p}条，微信公众号推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理“12345”热线诉求{h}件，回复留言{m}条。"
    "新收政府信息公开申请{rq}件。开展培训{ts}次，参训{tr}人。"
)
QUKOU_PROBLEMS_2024 = (
    "上年度所列问题已逐项整改：产权登记办理指南已集中公开，重要就业信息实现网站同步留存，部分公开答复书均载明理由。"
    "仍存在的问题是：乡村两级公开内容衔接不够，个别村公开栏与乡门户网站发布口径不一致；年报数据统计由多人经手，"
    "核对不够细致。2025年将建立乡村公开内容统一审核制度。"
)

NARRATIVE = {
    # ------------------------------------------------------------ 2023
    ("chengguan", 2023): (
        "2023年，城关镇作为县城所在地，围绕城市更新、社区治理和民生保障等群众关注的重点，持续深化政务公开。全年通过县政府"
        "门户网站城关镇专栏发布信息{p}条，“城关发布”微信公众号推送{w}条，政务微博发布{wb}条；辖区各社区、村通过公开栏"
        "公示低保、公益性岗位、老旧小区改造等事项{v}条。办理“12345”热线工单{h}件，回复议政网留言{m}条。全年受理政府信息"
        "公开申请{rq}件，依法依规予以答复，另有1件跨年度继续办理。组织专题培训{ts}次，培训社区、村信息员{tr}人。",
        "一是社区居务公开栏更新频次不一，部分社区仍存在内容陈旧、版面混杂的情况。二是依申请公开件数逐年增多，涉及征收补偿、"
        "物业管理等复杂事项，答复文书的说理性还需加强。三是政务新媒体信息以转发为主，原创解读较少。下一步，镇政府将制定社区"
        "公开栏月度更新清单，邀请法律顾问参与疑难申请会商，并安排专人负责政策解读图文制作。",
        "2023年，城关镇对照县政务公开工作要点逐项建立台账，按季度报送落实情况；办理县人大代表建议2件、政协委员提案1件，"
        "均已按期答复并公开。本年度办理依申请公开过程中未收取信息处理费。",
    ),
    ("huangquqiao", 2023): (
        "2023年，黄渠桥镇以群众关注的惠农补贴发放、高标准农田建设、农村人居环境整治为重点，扎实推进政务公开。全年在政府门户"
        "网站公开信息{p}条，微信公众号发布{w}条，微博发布{wb}条，各村公开栏公示{v}条。办理“12345”热线诉求{h}件，答复网民"
        "留言{m}条。全年收到政府信息公开申请{rq}件，均按时办结。开展业务培训{ts}次，培训镇村干部{tr}人。",
        "一是个别村的村务公开仍停留在“贴一贴、挂一挂”，对群众最关心的土地流转收益、项目资金使用公开不够细。二是镇级信息员"
        "由党政办干部兼任，日常事务多，信息发布存在积压。三是政策解读形式单一，以文字为主，群众看得懂、用得上的图解、短视频"
        "较少。针对上述问题，将细化村级公开清单，明确一名专职信息员，并尝试制作图解类解读材料。",
        "2023年，黄渠桥镇未发生因政府信息公开引起的行政复议和行政诉讼。办理依申请公开事项时，本镇未收取信息处理费。",
    ),
    ("baofeng", 2023): (
        "2023年，宝丰镇围绕乡村振兴、社会救助和涉农资金管理，坚持以公开促规范。通过政府门户网站发布信息{p}条，政务微信公众号"
        "发布{w}条，政务微博发布{wb}条，各村（居）通过公开栏公示各类信息{v}条。回复“12345”热线诉求{h}件、议政网留言{m}条。"
        "全年收到政府信息公开申请{rq}件，已按期予以公开。组织培训{ts}次，培训工作人员{tr}人。",
        "一是政务公开专干变动后，新任人员对依申请公开办理流程还不熟悉。二是部分村（居）公开内容与自治区模板不完全对应，栏目"
        "设置不统一。三是民生服务中心政务公开专区资料更新不够及时。改进措施：开展“以老带新”业务跟班学习，组织各村对照模板"
        "逐项整改，并明确专区资料每月更新责任人。",
        "2023年宝丰镇按期制定并公开年度政务公开工作要点，于规定时间公开2022年财务决算。本单位全年办理政府信息公开申请，"
        "未收取信息处理费。",
    ),
    ("touzha", 2023): (
        "2023年，头闸镇以服务群众生产生活为出发点，重点公开耕地地力保护补贴、农村低保和特困供养、村级“三资”管理等信息。"
        "全年在县政府门户网站发布信息{p}条，微信公众号推送{w}条，微博发布{wb}条，村务公开栏公示{v}条。答复“12345”热线"
        "工单{h}件，处理网民留言{m}条。受理政府信息公开申请{rq}件。组织培训{ts}次，{tr}名镇村干部参训。",
        "对照县政务公开办季度测评，本镇主要存在三方面问题：一是门户网站栏目内容更新不均衡，“政策解读”栏目全年仅更新数条；"
        "二是依申请公开答复书格式不够规范，告知救济渠道的表述不完整；三是村务监督委员会参与公开监督的作用发挥不充分。改进"
        "方向：每月至少编发一篇本镇政策解读，统一使用县里下发的答复书范本，定期邀请村务监督委员会成员检查公开栏。",
        "2023年，头闸镇依申请公开事项全部免费办理，未收取信息处理费。全年无政府信息公开方面的行政复议、行政诉讼案件。",
    ),
    ("yaofu", 2023): (
        "2023年，姚伏镇立足商贸重镇定位，围绕集贸市场管理、小城镇建设、人居环境整治等工作推进信息公开。全年通过门户网站公开"
        "信息{p}条，微信公众号推送{w}条，微博发布{wb}条，村（社区）公开栏公示{v}条。办理“12345”热线工单{h}件，回复议政网"
        "留言{m}条。共收到政府信息公开申请{rq}件。全年开展培训{ts}次，培训{tr}人。",
        "一是集镇建设项目公开以结果公开为主，项目立项、招投标等过程信息公开不足；二是当年有1起政府信息公开行政复议案件，"
        "反映出答复说理不充分的问题；三是社区、村两级公开栏硬件老化，部分公开栏损坏后未及时修复。下一步将编制重点项目全过程"
        "公开目录，建立复杂申请集体研判机制，并分批更新村级公开栏。",
        "2023年，姚伏镇办理人大代表建议2件。本年度在政府信息公开申请办理中未收取信息处理费。",
    ),
    ("chonggang", 2023): (
        "2023年，崇岗镇结合移民村多、外出务工人员多的特点，注重通过微信群、公开栏等群众身边渠道推送信息。全年门户网站公开"
        "信息{p}条，微信公众号发布{w}条，各村公开栏公示{v}条，本镇未开设政务微博。办理“12345”热线诉求{h}件，回复网络留言"
        "{m}条。收到政府信息公开申请{rq}件。举办培训{ts}次，{tr}人参训。",
        "一是移民村群众对网络渠道使用不多，线上公开的覆盖面有限；二是移民后续扶持项目资金的公开不够及时，群众询问较多；三是"
        "镇级政务公开工作人员仅一人，工作力量不足。改进措施：在各村党群服务中心增设纸质信息查阅点，项目资金拨付后五个工作日"
        "内公示，并从各站所抽调人员组建兼职信息员队伍。",
        "2023年崇岗镇未收取任何信息处理费，依申请公开事项均免费办理。",
    ),
    ("taole", 2023): (
        "2023年，陶乐镇地处黄河东岸，围绕沿黄生态保护、防汛抗旱和特色种养产业发展推进政务公开。全年在门户网站公开信息{p}条，"
        "微信公众号推送{w}条，微博发布{wb}条，各村（社区）公开栏公示信息{v}条。办理“12345”热线诉求{h}件，回复议政网留言"
        "{m}条。受理政府信息公开申请{rq}件，其中企业申请1件。开展培训{ts}次，培训{tr}人。",
        "一是防汛、河道管理等涉水信息由多个部门发布，镇级转载整合不够，群众查找不便；二是企业申请涉及用地审批资料，镇里掌握"
        "不全，答复时与县级部门衔接不畅；三是政务微博关注人数少，互动效果不理想。整改措施：开设“沿黄防汛”专题栏目集中发布，"
        "与县自然资源部门建立申请转办衔接机制，调整微博内容以服务信息为主。",
        "2023年陶乐镇承办人大建议1件、政协提案1件，均已答复。本年度办理依申请公开未收取信息处理费。",
    ),
    ("gaozhuang", 2023): (
        "2023年，高庄乡以农村土地承包经营权确权成果应用、农机购置补贴和乡村公益性岗位为公开重点。全年门户网站发布信息{p}条，"
        "微信公众号推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理热线诉求{h}件，回复留言{m}条。收到政府信息公开申请"
        "{rq}件，其中其他组织申请1件。开展培训{ts}次，参训{tr}人。",
        "一是乡政府网站专栏信息更新依赖县级平台，个别时段更新中断；二是公益性岗位人员选聘结果公示时间偏短；三是村务公开档案"
        "归档不完整。下一步将安排专人每周检查专栏更新情况，严格执行公示期不少于七日的规定，并按年度整理村务公开档案。",
        "2023年高庄乡办理依申请公开事项，未收取信息处理费。",
    ),
    ("lingsha", 2023): (
        "2023年，灵沙乡围绕盐碱地改良、水稻种植和农村集体经济发展开展政务公开。通过门户网站公开信息{p}条，微信公众号推送{w}条，"
        "微博发布{wb}条，村级公开栏公示{v}条。办理热线工单{h}件，回复留言{m}条。收到政府信息公开申请{rq}件，其中1件因需协调"
        "调取资料结转至下一年度办理。组织培训{ts}次，参训{tr}人。",
        "一是集体经济收益分配方案公开后解释说明不够，个别群众存在疑问；二是依申请公开办理中跨部门调取资料的渠道不畅，造成1件"
        "申请未能在年内办结；三是村干部对政务公开工作重视程度不一。改进措施是：收益分配方案公开时同步召开村民代表会议说明，"
        "建立与县直部门的资料调取联络机制，将村务公开纳入村干部年度考核。",
        "2023年度灵沙乡依申请公开工作未收取信息处理费。",
    ),
    ("qukou", 2023): (
        "2023年，渠口乡围绕移民安置区后续发展、劳务输出和农村社会救助开展政务公开工作。门户网站全年发布信息{p}条，微信公众号"
        "推送{w}条，微博发布{wb}条，各村公开栏公示{v}条。办理“12345”热线工单{h}件，回复议政网留言{m}条。全年收到政府信息公开"
        "申请{rq}件，其中部分公开1件。开展培训{ts}次，{tr}人参训。",
        "一是移民安置区房屋产权登记相关信息公开不充分，群众咨询量大；二是劳务输出信息多通过微信群发布，未同步在政府网站留存；"
        "三是部分公开答复书未载明部分公开的理由。改进措施：会同县不动产登记部门集中公开产权登记办理指南，要求重要就业信息同步"
        "在门户网站发布，规范部分公开答复书的说理内容。",
        "2023年，渠口乡未收取信息处理费。本年度按要求完成政务公开专区标准化建设。",
    ),
    ("tongfu", 2023): (
        "2023年，通伏乡坚持把政务公开作为联系群众的重要抓手，重点公开农业产业结构调整、村级项目建设和防返贫监测帮扶信息。"
        "门户网站发布信息{p}条，微信公众号推送{w}条，村级公开栏公示{v}条，乡里暂未开设政务微博。办理热线诉求{h}件，回复留言"
        "{m}条。收到政府信息公开申请{rq}件。组织培训{ts}次，{tr}人参训。",
        "一是防返贫监测对象信息公开与个人隐私保护的界限把握不准；二是年报编制人员对新版年报格式掌握不熟，填报时曾误用旧表；"
        "三是村级项目公开只公开结果、不公开过程。整改计划：对照隐私保护要求制定防返贫信息公开清单，组织年报编制人员学习新版"
        "格式，推行村级项目立项、实施、验收全过程公示。",
        "2023年，通伏乡依申请公开工作中未收取信息处理费。",
    ),
    ("gaoren", 2023): (
        "2023年，高仁乡以农村饮水安全、高效节水灌溉和农村人居环境整治为公开重点。全年在门户网站发布信息{p}条，微信公众号推送"
        "{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理“12345”热线诉求{h}件，回复留言{m}条。收到政府信息公开申请{rq}件，"
        "年底仍有1件在办理中。组织培训{ts}次，培训{tr}人。",
        "一是乡级行政规范性文件清理工作不及时，现行有效文件目录未动态更新；二是政务公开专干兼职较多，依申请公开办理存在拖延；"
        "三是群众对政务公开渠道知晓率不高。改进措施：每年开展一次规范性文件清理并公布目录，明确依申请公开办理时限提醒，借助"
        "村民大会宣传政务公开查询渠道。",
        "2023年，高仁乡办理依申请公开未收取信息处理费。",
    ),
    ("hongyazi", 2023): (
        "2023年，红崖子乡立足黄河东岸移民乡实际，围绕移民后续扶持、设施农业和生态保护修复开展政务公开。门户网站全年发布信息"
        "{p}条，微信公众号推送{w}条，微博发布{wb}条，各村公开栏公示{v}条。办理“12345”热线诉求{h}件，回复网络留言{m}条。"
        "收到政府信息公开申请{rq}件，全部予以公开。组织培训{ts}次，{tr}人参加。",
        HONGYAZI_PROBLEMS_2023,
        "2023年红崖子乡办理政府信息公开申请未收取信息处理费。全年无行政复议、行政诉讼案件。",
    ),
    # ------------------------------------------------------------ 2024
    ("chengguan", 2024): (
        "2024年，城关镇紧扣“高效办成一件事”改革和老旧小区改造、背街小巷整治等重点工作，推动决策、执行、管理、服务、结果全过程"
        "公开。门户网站镇级专栏全年发布信息{p}条，微信公众号推送{w}条，微博发布{wb}条，各社区、村公开栏张贴公示{v}条。全年接收"
        "“12345”热线诉求{h}件、议政网留言{m}条，逐件跟踪办结。新收政府信息公开申请{rq}件，其中涉及房屋征收补偿的申请占多数。"
        "全年举办培训{ts}次，参训{tr}人次。",
        "上年度提出的社区公开栏月度更新清单已全面执行，法律顾问参与会商疑难申请5件，答复质量明显提升。当前仍存在以下不足：一是"
        "部分申请涉及历史遗留的房屋征收资料，档案分散在多个部门，查找耗时较长，导致1件申请结转至下年度办理；二是社区网格员兼任"
        "信息员，人员流动频繁，业务衔接不畅。2025年，镇政府将推进征收档案数字化整理，并建立信息员交接清单制度。",
        "2024年城关镇办理的1件政府信息公开行政复议案件，经复议机关审查维持原答复。全年承办人大代表建议3件，均已办结答复。"
        "本年度依申请公开工作中未收取任何信息处理费。",
    ),
    ("huangquqiao", 2024): (
        "2024年，黄渠桥镇聚焦高标准农田建设、惠民惠农“一卡通”补贴发放和农村供水保障，持续扩大公开范围。全年门户网站发布信息"
        "{p}条，微信公众号推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理“12345”热线工单{h}件，回复留言{m}条。新收政府"
        "信息公开申请{rq}件，全部在法定时限内办结。举办培训{ts}次，参训{tr}人。",
        "无。",
        "本年度黄渠桥镇未收取信息处理费。",
    ),
    ("touzha", 2024): (
        "2024年，头闸镇紧扣粮食生产、设施农业和农村养老服务等重点领域，做好信息发布和政策解读。全年门户网站发布信息{p_text}条，"
        "微信公众号推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理“12345”热线诉求{h}件，回复留言{m}条。全年收到政府信息"
        "公开申请{rq}件，涉及土地承包、补贴发放等事项。开展培训{ts}次，参训{tr}人。",
        "针对上年度问题，本镇已每月编发政策解读，全年统一使用答复书范本，村务监督委员会参与检查公开栏两轮。仍需改进的是：一是"
        "申请台账登记与办结情况核对不及时，年底统计时依赖人工回忆，数据准确性有待提高；二是设施农业项目补贴信息公开颗粒度不够，"
        "未细化到具体经营主体。2025年将启用电子台账，实行申请登记、办理、答复全流程留痕。",
        "2024年，头闸镇承办县政协委员提案1件，已按期答复。依申请公开工作中未向申请人收取信息处理费。",
    ),
    ("chonggang", 2024): (
        "2024年，崇岗镇以移民村产业发展、葡萄种植基地建设和农村饮水安全为重点，扎实做好政务公开。全年门户网站发布信息{p}条，"
        "微信公众号推送{w}条，村级公开栏公示{v}条，本镇未开设政务微博。办理“12345”热线工单{h}件，回复留言{m}条。新收政府信息"
        "公开申请{rq}件。组织培训{ts}次，参训{tr}人。",
        "上年度所列问题中，纸质查阅点已在全部村建成，项目资金公示时限基本做到按期；兼职信息员队伍已组建，但业务能力参差不齐。"
        "本年度新发现的问题主要是：部分村财务公开只列总数不列明细，群众反映看不明白。下一步将统一村级财务公开表样，细化到具体"
        "支出事项。",
        "2024年，本镇未收取信息处理费。全年无政府信息公开行政复议和行政诉讼案件。",
    ),
    ("taole", 2024): (
        "2024年，陶乐镇围绕黄河滩区综合治理、枸杞和水产养殖产业扶持、农村危房改造等事项加大公开力度。门户网站全年发布信息{p}条，"
        "微信公众号推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。三个平台合计发布信息{all_text}条，其中网站{p}条、微信{w}条、"
        "微博{wb}条。办理“12345”热线工单{h}件，回复留言{m}条。全年新收政府信息"
        "公开申请{rq}件，企业申请有所增加。开展业务培训{ts}次，{tr}人参加。",
        "“沿黄防汛”专题栏目已于汛前上线，与县自然资源部门的转办衔接机制运行顺畅。本年度存在的不足：一是企业申请多涉及产业扶持"
        "资金，部分资料需跨部门调取，答复周期偏长；二是统计报表由不同人员分段填报，汇总时缺少交叉核对。2025年将指定专人统一负责"
        "年报数据，并在报出前与申请台账逐项核对。",
        "2024年，陶乐镇未收取信息处理费。全年按时完成县政务公开工作要点确定的各项任务。",
    ),
    ("gaozhuang", 2024): (
        "2024年，高庄乡聚焦粮食生产补贴、农田水利设施改造和农村养老互助点建设，推动公开内容更加贴近群众。门户网站发布信息{p}条，"
        "微信公众号推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理“12345”热线诉求{h}件，回复网民留言{m}条。新收政府信息"
        "公开申请{rq}件。全年培训{ts}次，{tr}人参训。",
        GAOZHUANG_BOILERPLATE_2024,  # nothing but the format's own sentences: 套话
        "2024年，高庄乡在依申请公开办理中未收取信息处理费。",
    ),
    ("lingsha", 2024): (
        "2024年，灵沙乡重点公开盐碱地综合治理项目、农业社会化服务补助和村集体经济项目收益分配情况。全年门户网站发布信息{p}条，"
        "微信公众号推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理“12345”热线诉求{h}件，回复留言{m}条。新收政府信息公开"
        "申请{rq}件，上年结转的1件已办结。本年度制定印发《灵沙乡农村人居环境整治管理办法》，并在门户网站公开。开展培训{ts}次，"
        "参训{tr}人。",
        "上年度结转的申请已于今年一季度办结，资料调取联络机制已建立。本年度发现的问题：一是乡级文件的分类标注不够准确，对规章、"
        "行政规范性文件和一般工作文件的区分把握不准；二是政策解读发布时间滞后于文件公开时间。下一步将请县司法局对乡级发文分类"
        "进行业务指导，坚持解读材料与文件同步起草、同步审签、同步发布。",
        "灵沙乡2024年度办理政府信息公开申请未收取信息处理费。本报告于年底前编制完成并发布。"
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",  # last year's period left in: 年份错误
    ),
    ("qukou", 2024): (
        QUKOU_OVERVIEW_2024,
        QUKOU_PROBLEMS_2024,
        "2024年，渠口乡办理政府信息公开申请未收取信息处理费。",
    ),
    ("qukou-corrected", 2024): (
        QUKOU_OVERVIEW_2024,
        QUKOU_PROBLEMS_2024,
        "2024年，渠口乡办理政府信息公开申请未收取信息处理费。本报告为更正版，更正了第二、三部分的部分统计数据，"
        "1月10日发布的原版本同时作废。",
    ),
    ("tongfu", 2024): (
        "2024年，通伏乡围绕设施蔬菜基地建设、农村道路改造和防返贫动态监测开展信息公开。全年门户网站发布信息{p}条，微信公众号"
        "推送{w}条，村级公开栏公示{v}条。办理“12345”热线工单{h}件，回复网民留言{m}条。新收政府信息公开申请{rq}件，均依法予以"
        "公开。举办培训{ts}次，参训{tr}人。",
        "上年度防返贫信息公开清单已制定，村级项目实行全过程公示。本年度主要问题：年报编制人员调整后未及时组织交接培训，工作衔接"
        "存在断档；政务公开工作经费保障不足，公开栏维护更新跟不上。下一步将建立年报编制交接清单，争取专项经费用于公开栏维护。",
        "2024年通伏乡未收取信息处理费，全年未发生政府信息公开行政复议、诉讼案件。",
    ),
    ("gaoren", 2024): (
        "2024年，高仁乡围绕高效节水灌溉项目、农村供水管网改造和乡村治理积分制推进政务公开。门户网站发布信息{p}条，微信公众号"
        "推送{w}条，微博发布{wb}条，村级公开栏公示{v}条。办理热线工单{h}件，回复留言{m}条。新收政府信息公开申请{rq}件，上年"
        "结转申请已全部办结。开展培训{ts}次，{tr}人参训。",
        "本年度开展了行政规范性文件清理，现行有效文件目录已在门户网站更新；依申请公开办理时限提醒机制已建立。存在的不足：一是"
        "规范性文件目录更新与年报统计口径不一致，件数核对不够严谨；二是乡村治理积分制的积分结果公开不及时。2025年将由司法所牵头"
        "每季度核对文件目录，积分结果按月公示。",
        "2024年，高仁乡未收取信息处理费。如对本报告有疑问，请与高庄乡人民政府联系。",  # another township's name: 单位错误
    ),
    ("hongyazi", 2024): (
        "2024年，红崖子乡围绕移民村产业培育、光伏收益分配和生态修复项目推进政务公开。全年门户网站发布信息{p}条，微信公众号推送"
        "{w}条，微博发布{wb}条，村级公开栏公示{v}条，另通过传真向县政务公开办报送信息{fax}条。办理热线诉求{h}件，回复留言{m}条。"
        "新收政府信息公开申请{rq}件。开展培训{ts}次，{tr}人参训。",
        HONGYAZI_PROBLEMS_2023,  # copied verbatim from its own 2023 report: 内容雷同
        "2024年，红崖子乡按照县政务公开工作要点要求推进各项工作，完成了年度任务。",  # silent on 信息处理费: 敷衍
    ),
    ("qianjin", 2024): (
        "2024年，前进农场围绕职工社会保障、土地承包经营和场部社区服务推进信息公开。全年通过门户网站发布信息{p}条，微信公众号"
        "推送{w}条，场部及各作业站公开栏公示{v}条。办理“12345”热线诉求{h}件。收到政府信息公开申请{rq}件，均已公开答复。组织"
        "培训{ts}次，参训{tr}人。",
        "一是农场与属地乡镇在社区管理信息公开上存在职责交叉，个别事项公开主体不清；二是职工对土地承包费用标准的解释需求较大，"
        "解读材料不足。下一步将与属地乡镇明确公开事项分工清单，并编制土地承包政策问答。",
        "2024年，前进农场办理政府信息公开申请未收取信息处理费。本报告一并报送平罗县政务公开办备案。",
    ),
}

# ---------------------------------------------------------------- the figures
# overview: (portalItems, wechatItems, weiboItems, villageNotices, hotlineReplies,
#            messageBoardReplies, trainingSessions, trainees)
# nd: 行政规范性文件 (issued, repealed, inForce); for 2024 inForce is derived from 2023 (R5) unless given.
# rec / co: requests received / carried over, by applicant column (np com res pub leg oth).
# out: outcome leaf rows (dotted under requests) -> counts by column; resultTotal and carriedForward
#      are computed so that R1-R3 hold; 2024's carriedOver is 2023's carriedForward (R5) unless co_override.
# appeals: group -> (upheld, corrected, other, pending); total is computed (R4).
# Breaks are applied afterwards, explicitly, by set / delete / add.
Y2023 = [
    dict(name="城关镇", date="2024-01-12", overview=(268, 351, 198, 1350, 172, 7, 5, 35),
         nd=(2, 0, 14), licensing=52, penalties=31, compulsory=2, fees=1.1,
         co={"np": 1}, rec={"np": 9, "com": 2, "oth": 1},
         out={"disclosed": {"np": 6, "com": 1}, "partlyDisclosed": {"np": 1},
              "withheld.thirdPartyRights": {"np": 1}, "unavailable.notHeld": {"np": 1, "com": 1},
              "notProcessed.complaintOrPetition": {"oth": 1}}),
    dict(name="黄渠桥镇", date="2024-01-22", overview=(148, 226, 97, 860, 84, 3, 3, 22),
         nd=(1, 0, 9), licensing=34, penalties=18, compulsory=1, fees=0,
         rec={"np": 4, "com": 1},
         out={"disclosed": {"np": 3, "com": 1}, "unavailable.notHeld": {"np": 1}}),
    dict(name="宝丰镇", date="2024-01-18", overview=(115, 276, 238, 1150, 104, 3, 4, 15),
         nd=(0, 0, 0), licensing=0, penalties=0, compulsory=0, fees=0,
         rec={"np": 1}, out={"disclosed": {"np": 1}}),
    dict(name="头闸镇", date="2024-01-16", overview=(132, 208, 64, 720, 66, 1, 2, 18),
         nd=(1, 0, 7), licensing=27, penalties=15, compulsory=0, fees=0,
         rec={"np": 3, "oth": 1},
         out={"disclosed": {"np": 2, "oth": 1}, "unavailable.needsCreation": {"np": 1}}),
    dict(name="姚伏镇", date="2024-01-25", overview=(176, 263, 142, 980, 108, 4, 4, 27),
         nd=(1, 0, 11), licensing=45, penalties=26, compulsory=1, fees=0.6,
         rec={"np": 6, "com": 1},
         out={"disclosed": {"np": 4, "com": 1}, "partlyDisclosed": {"np": 1},
              "withheld.thirdPartyRights": {"np": 1}},
         appeals={"review": (0, 0, 1, 0)}),
    dict(name="崇岗镇", date="2024-01-19", overview=(124, 198, 0, 640, 58, 1, 2, 14),
         nd=(0, 0, 6), licensing=22, penalties=9, compulsory=0, fees=0,
         rec={"np": 3},
         out={"disclosed": {"np": 2}, "notProcessed.complaintOrPetition": {"np": 1}}),
    dict(name="陶乐镇", date="2024-01-23", overview=(162, 244, 188, 1050, 95, 5, 3, 25),
         nd=(1, 0, 8), licensing=38, penalties=22, compulsory=1, fees=0.35,
         rec={"np": 5, "com": 1},
         out={"disclosed": {"np": 4, "com": 1}, "unavailable.stillUnclear": {"np": 1}}),
    dict(name="高庄乡", date="2024-01-26", overview=(98, 176, 45, 580, 47, 1, 2, 12),
         nd=(0, 0, 5), licensing=18, penalties=7, compulsory=0, fees=0,
         rec={"np": 2, "oth": 1},
         out={"disclosed": {"np": 1, "oth": 1}, "unavailable.notHeld": {"np": 1}}),
    dict(name="灵沙乡", date="2024-01-11", overview=(87, 154, 112, 520, 39, 2, 2, 11),
         nd=(0, 0, 4), licensing=15, penalties=6, compulsory=0, fees=0,
         rec={"np": 4}, out={"disclosed": {"np": 3}}),               # 1 carried forward
    dict(name="渠口乡", date="2024-01-17", overview=(110, 190, 60, 700, 70, 2, 3, 20),
         nd=(1, 0, 6), licensing=21, penalties=10, compulsory=0, fees=0,
         rec={"np": 3, "com": 1},
         out={"disclosed": {"np": 2, "com": 1}, "partlyDisclosed": {"np": 1}}),
    dict(name="通伏乡", date="2024-01-29", overview=(76, 132, 0, 460, 35, 1, 1, 10),
         nd=(1, 0, 11), licensing=28, penalties=8, compulsory=0, fees=0,
         rec={"np": 2},
         out={"disclosed": {"np": 1}, "notProcessed.repeated": {"np": 1}}),
    dict(name="高仁乡", date="2024-01-24", overview=(92, 170, 80, 560, 52, 1, 2, 14),
         nd=(1, 0, 10), licensing=20, penalties=11, compulsory=0, fees=0,
         rec={"np": 3}, out={"disclosed": {"np": 2}}),               # 1 carried forward
    dict(name="红崖子乡", date="2024-01-30", overview=(70, 128, 35, 430, 30, 1, 1, 10),
         nd=(0, 0, 3), licensing=12, penalties=5, compulsory=0, fees=0,
         rec={"np": 2}, out={"disclosed": {"np": 2}}),
]

TONGFU_PROACTIVE_2019 = {
    "rules": {"newlyMade": 0, "newlyPublished": 0, "totalPublished": 0},
    "normativeDocuments": {"newlyMade": 1, "newlyPublished": 1, "totalPublished": 12},
    "licensing": {"newlyMade": 30, "newlyPublished": 30, "totalPublished": 30},
    "centralizedProcurement": {"newlyMade": 0, "newlyPublished": 0, "totalPublished": 0},
}

Y2024 = [
    dict(file="chengguan.json", name="城关镇", date="2025-01-15",
         overview=(286, 372, 214, 1420, 187, 9, 6, 38),
         nd=(1, 1), licensing=58, penalties=36, compulsory=3, fees=1.25,
         rec={"np": 10, "com": 1, "oth": 1},
         out={"disclosed": {"np": 5, "com": 1}, "partlyDisclosed": {"np": 2},
              "withheld.processInformation": {"np": 1}, "withheld.thirdPartyRights": {"np": 1},
              "unavailable.notHeld": {"np": 1, "oth": 1}},          # 1 carried forward
         appeals={"review": (1, 0, 0, 0)}),
    dict(file="huangquqiao.json", name="黄渠桥镇", date="2025-02-14",          # 14 days late
         overview=(156, 241, 105, 910, 92, 2, 3, 24),
         nd=(0, 0), licensing=38, penalties=21, compulsory=0, fees=0,
         rec={"np": 5},
         out={"disclosed": {"np": 3}, "partlyDisclosed": {"np": 1}, "notProcessed.repeated": {"np": 1}}),
    dict(file="baofeng.json", name="宝丰镇", date=None, url="http://www.pingluo.gov.cn", seed=True,
         overview=(122, 299, 251, 1200, 116, 2, 4, 16),
         nd=(0, 0), licensing=0, penalties=0, compulsory=0, fees=0,
         rec={}, out={}),
    dict(file="touzha.json", name="头闸镇", date="2025-01-20",
         overview=(139, 215, 71, 760, 73, 2, 3, 19),
         nd=(1, 1), licensing=31, penalties=12, compulsory=1, fees=0,
         rec={"np": 4, "com": 1},
         out={"disclosed": {"np": 3, "com": 1}, "unavailable.notHeld": {"np": 1}},
         # R1 broken in naturalPerson: one more received than the results account for (R2, R3 hold)
         set=[("requests.received.naturalPerson", 5), ("requests.received.total", 6)],
         prose={"p_text": 129}),                       # textTable: the text says 129 portal items, the table 139
    dict(file="崇岗镇.json", name="崇岗镇", date="2025-01-21",
         overview=(131, 205, 0, 690, 61, 1, 2, 15),
         nd=(1, 0), licensing=25, penalties=11, compulsory=0, fees=0,
         rec={"np": 4},
         out={"disclosed": {"np": 3}, "unavailable.notHeld": {"np": 1}},
         truncate=True),
    dict(file="taole.json", name="陶乐镇", date="2025-01-22",
         overview=(170, 259, 203, 1100, 101, 4, 4, 26),
         nd=(0, 0), licensing=41, penalties=25, compulsory=1, fees=0.4,
         rec={"np": 6, "com": 1},
         out={"disclosed": {"np": 4, "com": 1}, "partlyDisclosed": {"np": 1},
              "unavailable.notHeld": {"np": 1}},
         # R3 broken in received (total 9, columns 6+2=8); R2 broken in commercial (resultTotal 2,
         # leaves 1). resultTotal.total follows received.total so that R1 holds in every column.
         set=[("requests.received.commercial", 2), ("requests.received.total", 9),
              ("requests.resultTotal.commercial", 2), ("requests.resultTotal.total", 9)],
         prose={"all_text": 170 + 259 + 203 + 10}),    # proseSum: 642 stated, the parts add up to 632
    dict(file="gaozhuang.json", name="高庄乡", date="2025-01-24",
         overview=(104, 183, 52, 610, 51, 1, 2, 13),
         nd=(1, 0), licensing=16, penalties=9, compulsory=0, fees=0,
         rec={"np": 3},
         out={"disclosed": {"np": 2}, "withheld.processInformation": {"np": 1}},
         delete=["appeals", "requests.withheld.administrativeQuery"]),
    dict(file="lingsha.json", name="灵沙乡", date="2024-12-20",              # before the year ended
         overview=(93, 161, 118, 540, 43, 1, 3, 12),
         rules=(1, 0), nd=(1, 1), licensing=17, penalties=8, compulsory=0, fees=0,
         rec={"np": 3, "com": 1},
         out={"disclosed": {"np": 3, "com": 1}, "unavailable.notHeld": {"np": 1}}),
    dict(file="qukou.json", name="渠口乡", date="2025-01-10",
         overview=(118, 204, 66, 740, 76, 3, 3, 21),
         nd=(0, 0), licensing=24, penalties=10, compulsory=0, fees=0,
         rec={"np": 4},
         out={"disclosed": {"np": 3}, "unavailable.notHeld": {"np": 1}}),
    dict(file="qukou-corrected.json", narrative="qukou-corrected", name="渠口乡", date="2025-01-25",
         overview=(118, 204, 66, 740, 76, 3, 3, 21),
         nd=(0, 0), licensing=26, penalties=10, compulsory=0, fees=0,
         rec={"np": 4, "com": 1},
         out={"disclosed": {"np": 2, "com": 1}, "partlyDisclosed": {"np": 1},
              "unavailable.notHeld": {"np": 1}}),
    dict(file="tongfu.json", name="通伏乡", date="2025-01-27", edition="2019",
         overview=(81, 140, 0, 480, 38, 1, 2, 12),
         proactive2019=TONGFU_PROACTIVE_2019,
         rec={"np": 3}, out={"disclosed": {"np": 3}},
         set=[("informationProcessingFeeYuan", 30)]),  # contradiction: 六 says no fee was charged
    dict(file="gaoren.json", name="高仁乡", date="2025-01-23",
         overview=(97, 176, 85, 590, 55, 2, 2, 15),
         nd=(1, 0), licensing=23, penalties=13, compulsory=1, fees=0,
         co_override={"np": 2},                       # R5: 2023 carried forward only 1
         rec={"np": 3},
         out={"disclosed": {"np": 3}, "partlyDisclosed": {"np": 1}, "unavailable.notHeld": {"np": 1}},
         set=[("proactive.normativeDocuments.inForce", 12)]),   # R5: 10 + 1 - 0 = 11
    dict(file="hongyazi.json", name="红崖子乡", date="2025-01-28",
         overview=(74, 135, 40, 450, 33, 1, 2, 11),
         nd=(0, 0), licensing=14, penalties=6, compulsory=0, fees=0,
         rec={"np": 3},
         out={"disclosed": {"np": 2}, "unavailable.notHeld": {"np": 1}},
         appeals={"review": (1, 0, 0, 0)},
         set=[("appeals.review.total", 2)],            # R4: 1 + 0 + 0 + 0 = 1
         add=[("overview.faxItems", 3), ("remarks", "附件另行报送")]),
    dict(file="qianjin.json", name="前进农场", code=None, slug="qianjin", date="2025-01-17",
         overview=(65, 110, 0, 300, 25, 0, 1, 10),
         nd=(0, 0, 2), licensing=8, penalties=3, compulsory=0, fees=0,
         rec={"np": 2}, out={"disclosed": {"np": 2}}),
]


# ---------------------------------------------------------------- building
def row(counts=None):
    counts = counts or {}
    unknown = set(counts) - set(ABBR)
    assert not unknown, unknown
    r = {c: 0 for c in COLS}
    for a, n in counts.items():
        r[ABBR[a]] = n
    r["total"] = sum(r[c] for c in COLS)
    return r


def from_row(r):
    """A requests row back to the abbreviated counts (for carrying forward)."""
    inv = {v: k for k, v in ABBR.items()}
    return {inv[c]: r[c] for c in COLS if r[c]}


def build_requests(rec, co, out):
    unknown = set(out) - set(LEAVES)
    assert not unknown, unknown
    leaves = {leaf: row(out.get(leaf)) for leaf in LEAVES}
    received, carried = row(rec), row(co)
    result = {c: sum(leaves[leaf][c] for leaf in LEAVES) for c in ALL_COLS}
    forward = {c: received[c] + carried[c] - result[c] for c in ALL_COLS}
    assert all(v >= 0 for v in forward.values()), (rec, co, out)
    req = {"received": received, "carriedOver": carried,
           "disclosed": leaves["disclosed"], "partlyDisclosed": leaves["partlyDisclosed"]}
    for g, ks in GROUPS:
        req[g] = {k: leaves[f"{g}.{k}"] for k in ks}
    req["resultTotal"] = result
    req["carriedForward"] = forward
    return req


def build_appeals(spec):
    spec = spec or {}
    out = {}
    for g in APPEAL_GROUPS:
        u, c, o, p = spec.get(g, (0, 0, 0, 0))
        out[g] = {"upheld": u, "corrected": c, "other": o, "pending": p, "total": u + c + o + p}
    return out


def set_path(obj, dotted, value):
    *parents, last = dotted.split(".")
    for p in parents:
        obj = obj[p]
    obj[last] = value


def del_path(obj, dotted):
    *parents, last = dotted.split(".")
    for p in parents:
        obj = obj[p]
    del obj[last]


def source_url(slug, date):
    if date is None:
        return "http://www.pingluo.gov.cn"
    d = date.replace("-", "")
    return f"http://www.pingluo.gov.cn/xxgk/zfxxgkndbg/{d[:6]}/t{d}_{slug}.html"


def seed_narrative():
    return {"overview": "\n".join(SEED_OVERVIEW), "problems": "\n".join(SEED_PROBLEMS),
            "otherMatters": "\n".join(SEED_OTHER)}


def build(spec, year, prev=None):
    name = spec["name"]
    code = spec.get("code", CODE.get(name))
    slug = spec.get("slug", SLUG.get(name))
    edition = spec.get("edition", "2021")
    date = spec["date"]

    unit = {"name": name}
    if code is not None:
        unit["code"] = code
    unit["county"] = COUNTY["name"]

    if edition == "2019":
        proactive = json.loads(json.dumps(spec["proactive2019"]))
    else:
        def docs(kind, key):
            t = spec.get(key, (0, 0))
            if len(t) == 3:
                issued, repealed, in_force = t
            else:
                issued, repealed = t
                last = prev["proactive"][kind]["inForce"] if prev else 0
                in_force = last + issued - repealed
            assert in_force >= 0
            return {"issued": issued, "repealed": repealed, "inForce": in_force}
        proactive = {"rules": docs("rules", "rules"),
                     "normativeDocuments": docs("normativeDocuments", "nd"),
                     "licensing": spec["licensing"], "penalties": spec["penalties"],
                     "compulsoryMeasures": spec["compulsory"],
                     "feesTenThousandYuan": spec["fees"]}

    if "co_override" in spec:
        co = spec["co_override"]
    elif prev is not None:
        co = from_row(prev["requests"]["carriedForward"])
    else:
        co = spec.get("co", {})

    rep = {"schemaVersion": 1, "edition": edition, "unit": unit, "year": year}
    if date is not None:
        rep["publishedOn"] = date
    rep["sourceUrl"] = spec.get("url", source_url(slug, date))
    rep["overview"] = dict(zip(OVERVIEW_KEYS, spec["overview"]))
    rep["proactive"] = proactive
    rep["requests"] = build_requests(spec["rec"], co, spec["out"])
    rep["appeals"] = build_appeals(spec.get("appeals"))
    rep["narrative"] = {"overview": "", "problems": "", "otherMatters": ""}
    rep["informationProcessingFeeYuan"] = 0

    for path, value in spec.get("set", []):
        assert get(rep, path) is not None, path
        set_path(rep, path, value)
    for path in spec.get("delete", []):
        del_path(rep, path)
    for path, value in spec.get("add", []):
        assert get(rep, path) is None, path
        set_path(rep, path, value)

    if spec.get("seed"):
        rep["narrative"] = seed_narrative()
    else:
        ov, pr, om = NARRATIVE[(spec.get("narrative", slug), year)]
        o = rep["overview"]
        fields = dict(p=o["portalItems"], w=o["wechatItems"], wb=o["weiboItems"], v=o["villageNotices"],
                      h=o["hotlineReplies"], m=o["messageBoardReplies"], ts=o["trainingSessions"],
                      tr=o["trainees"], rq=rep["requests"]["received"]["total"], fax=o.get("faxItems"))
        fields["p_text"] = fields["p"]
        fields["all_text"] = fields["p"] + fields["w"] + fields["wb"]
        fields.update(spec.get("prose", {}))
        rep["narrative"] = {"overview": ov.format(**fields), "problems": pr, "otherMatters": om}
    sanity(rep, spec)
    return rep


def sanity(rep, spec):
    """The brief's plausible ranges for a small township (the real seed is exempt where it is 0)."""
    o = rep["overview"]
    ranges = {"portalItems": (60, 300), "wechatItems": (100, 400), "weiboItems": (0, 300),
              "villageNotices": (300, 1500), "hotlineReplies": (20, 200), "messageBoardReplies": (0, 10),
              "trainingSessions": (1, 6), "trainees": (10, 40)}
    for k, (lo, hi) in ranges.items():
        assert lo <= o[k] <= hi, (rep["unit"]["name"], k, o[k])
    assert 0 <= rep["requests"]["received"]["total"] <= 15
    p = rep["proactive"]
    if rep["edition"] == "2021":
        assert 0 <= p["licensing"] <= 60 and 0 <= p["penalties"] <= 40 and 0 <= p["compulsoryMeasures"] <= 3
        assert 0 <= p["normativeDocuments"]["issued"] <= 2
        assert p["rules"]["issued"] == 0 or rep["unit"]["name"] == "灵沙乡"


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def generate():
    for sub in ("2023", TWINS_2024):
        d = os.path.join(INPUTS, sub)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            if f.endswith(".json"):
                os.remove(os.path.join(d, f))
    written = []

    def write(rel, text):
        with open(os.path.join(INPUTS, rel), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        written.append(rel)

    write("county.json", dump(COUNTY))
    write("roster.csv", "name,code\n" + "".join(f"{n},{c}\n" for n, c, _ in ROSTER))

    by_name_2023 = {}
    for spec in Y2023:
        rep = build(spec, 2023)
        by_name_2023[spec["name"]] = rep
        write(f"2023/{SLUG[spec['name']]}.json", dump(rep))
    for spec in Y2024:
        rep = build(spec, 2024, by_name_2023.get(spec["name"]))
        text = dump(rep)
        if spec.get("truncate"):
            # cut inside requests.withheld.internalAffairs, right after `"naturalPerson": `
            at = text.index('"internalAffairs"')
            at = text.index('"naturalPerson": ', at) + len('"naturalPerson": ')
            text = text[:at]
        write(f"{TWINS_2024}/{spec['file']}", text)
    write("README.md", readme())
    return written


# ---------------------------------------------------------------- what the 2024 set must show
# (rule, file, where, stated/left side, other side, explanation). The check recomputes every rule
# on every file and must find exactly these, with exactly these numbers.
EXPECTED_ARITHMETIC = [
    ("R1", "2024/touzha.json", "requests[naturalPerson]", 5, 4,
     "received + carriedOver = 5 + 0 = 5, but resultTotal + carriedForward = 4 + 0 = 4"),
    ("R1", "2024/touzha.json", "requests[total]", 6, 5,
     "received + carriedOver = 6 + 0 = 6, but resultTotal + carriedForward = 5 + 0 = 5 "
     "(consequence of the naturalPerson break, since R3 holds on every row)"),
    ("R2", "2024/taole.json", "requests.resultTotal.commercial", 2, 1,
     "resultTotal.commercial = 2, but the 21 leaf rows sum to 1 (disclosed.commercial = 1, all other leaves 0)"),
    ("R2", "2024/taole.json", "requests.resultTotal.total", 9, 7,
     "resultTotal.total = 9, but the 21 leaf rows' total column sums to 7 "
     "(disclosed 5 + partlyDisclosed 1 + unavailable.notHeld 1)"),
    ("R3", "2024/taole.json", "requests.received.total", 9, 8,
     "received.total = 9, but the six columns sum to 8 (naturalPerson 6 + commercial 2)"),
    ("R3", "2024/taole.json", "requests.resultTotal.total", 9, 8,
     "resultTotal.total = 9, but the six columns sum to 8 (naturalPerson 6 + commercial 2)"),
    ("R4", "2024/hongyazi.json", "appeals.review.total", 2, 1,
     "review.total = 2, but upheld + corrected + other + pending = 1 + 0 + 0 + 0 = 1"),
    ("R5", "2024/gaoren.json", "requests.carriedOver.naturalPerson", 2, 1,
     "2024 carriedOver.naturalPerson = 2, but 2023 carriedForward.naturalPerson = 1"),
    ("R5", "2024/gaoren.json", "requests.carriedOver.total", 2, 1,
     "2024 carriedOver.total = 2, but 2023 carriedForward.total = 1"),
    ("R5", "2024/gaoren.json", "proactive.normativeDocuments.inForce", 12, 11,
     "2024 inForce = 12, but 2023 inForce 10 + 2024 issued 1 - 2024 repealed 0 = 11"),
]

# Every other flag the check derives from the files, exactly (2023 must produce none).
EXPECTED_FLAGS = sorted([
    "2024: roster township 姚伏镇 has no report",
    "2024: roster township 崇岗镇 has only an unreadable file (2024/崇岗镇.json)",
    "2024/崇岗镇.json: unreadable (not valid JSON; truncated inside requests)",
    "2024/huangquqiao.json: late by 14 days (published 2025-02-14, deadline 2025-01-31)",
    "2024/huangquqiao.json: narrative.problems is only 2 characters",
    "2024/baofeng.json: missing key publishedOn",
    "2024/baofeng.json: publishedOn absent (date unknown)",
    "2024/gaozhuang.json: missing key appeals",
    "2024/gaozhuang.json: missing key requests.withheld.administrativeQuery",
    "2024/lingsha.json: published 2024-12-20, before the reporting year ended",
    "2024/lingsha.json: rules (规章) at a township: issued 1, repealed 0, inForce 1",
    "2024: 渠口乡 has 2 reports: 2024/qukou-corrected.json, 2024/qukou.json",
    "2024/tongfu.json: edition 2019 (old format) for year 2024",
    "2024/hongyazi.json: unknown key overview.faxItems",
    "2024/hongyazi.json: unknown key remarks",
    "2024/hongyazi.json: narrative.problems identical to 2023/hongyazi.json",
    "2024/hongyazi.json: narrative.otherMatters does not mention 信息处理费",
    "2024/qianjin.json: missing key unit.code",
    "2024/qianjin.json: unit 前进农场 is not on the roster",
    # the prose rules (textTable, proseSum, contradiction, wrongYear, wrongUnit, boilerplate)
    "2024/touzha.json: textTable overview.portalItems: the text says 129, the table 139",
    "2024/taole.json: proseSum narrative.overview: total 642, parts 170 + 259 + 203 = 632",
    "2024/tongfu.json: contradiction informationProcessingFeeYuan: 六 says no fee was charged, the report gives 30",
    "2024/lingsha.json: wrongYear narrative.otherMatters: statistics period given as 2023",
    "2024/gaoren.json: wrongUnit narrative.otherMatters: contact 高庄乡人民政府 in 高仁乡's report",
    "2024/gaozhuang.json: boilerplate narrative.problems: only the format's own sentences",
])


# ---------------------------------------------------------------- the check
def num(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def arithmetic(rel, rep, prev):
    out = []
    req = rep.get("requests")
    if isinstance(req, dict):
        def cell(r, c):
            return num(get(req, f"{r}.{c}"))
        for c in ALL_COLS:
            a = cell("received", c) + cell("carriedOver", c)
            b = cell("resultTotal", c) + cell("carriedForward", c)
            if a != b:
                out.append(("R1", rel, f"requests[{c}]", a, b))
        for c in ALL_COLS:
            a = cell("resultTotal", c)
            b = sum(cell(leaf, c) for leaf in LEAVES)
            if a != b:
                out.append(("R2", rel, f"requests.resultTotal.{c}", a, b))
        for r in ROWS:
            if get(req, r) is None:
                continue
            a = cell(r, "total")
            b = sum(cell(r, c) for c in COLS)
            if a != b:
                out.append(("R3", rel, f"requests.{r}.total", a, b))
        if prev is not None and isinstance(prev.get("requests"), dict):
            for c in ALL_COLS:
                a = cell("carriedOver", c)
                b = num(get(prev, f"requests.carriedForward.{c}"))
                if a != b:
                    out.append(("R5", rel, f"requests.carriedOver.{c}", a, b))
    app = rep.get("appeals")
    if isinstance(app, dict):
        for g in APPEAL_GROUPS:
            if g in app:
                a = num(app[g].get("total"))
                b = sum(num(app[g].get(k)) for k in APPEAL_KEYS[:4])
                if a != b:
                    out.append(("R4", rel, f"appeals.{g}.total", a, b))
    if prev is not None:
        for kind in ("rules", "normativeDocuments"):
            now, last = get(rep, f"proactive.{kind}"), get(prev, f"proactive.{kind}")
            if isinstance(now, dict) and isinstance(last, dict) and "inForce" in now and "inForce" in last:
                a = num(now["inForce"])
                b = num(last["inForce"]) + num(now.get("issued")) - num(now.get("repealed"))
                if a != b:
                    out.append(("R5", rel, f"proactive.{kind}.inForce", a, b))
    return out


def shape(rel, rep):
    flags, order_errors = [], []

    def walk(tmpl, obj, prefix):
        for k in tmpl:
            if k not in obj:
                flags.append(f"{rel}: missing key {prefix}{k}")
            elif isinstance(tmpl[k], dict):
                if isinstance(obj[k], dict):
                    walk(tmpl[k], obj[k], f"{prefix}{k}.")
                else:
                    flags.append(f"{rel}: {prefix}{k} is not an object")
            else:
                v = obj[k]
                counts = (prefix.startswith(("requests.", "appeals.", "overview.", "proactive."))
                          and k != "feesTenThousandYuan")
                if counts and not (isinstance(v, int) and not isinstance(v, bool) and v >= 0):
                    flags.append(f"{rel}: {prefix}{k} is not a whole number >= 0: {v!r}")
                if k in ("feesTenThousandYuan", "informationProcessingFeeYuan") and not (
                        isinstance(v, (int, float)) and v >= 0):
                    flags.append(f"{rel}: {prefix}{k} is not an amount >= 0: {v!r}")
        for k in obj:
            if k not in tmpl:
                flags.append(f"{rel}: unknown key {prefix}{k}")
        known = [k for k in obj if k in tmpl]
        if known != [k for k in tmpl if k in obj]:
            order_errors.append(f"{rel}: keys of {prefix or 'the report'} out of the contract's order")

    walk(template(rep.get("edition", "2021")), rep, "")
    return flags, order_errors


def unit_key(rep, roster):
    """Which roster township a report belongs to (code wins, then NFC name), or None."""
    codes = {c: n for n, c in roster}
    names = {unicodedata.normalize("NFC", n.strip()) for n, _ in roster}
    unit = rep.get("unit", {})
    if unit.get("code") in codes:
        return codes[unit["code"]]
    name = unicodedata.normalize("NFC", str(unit.get("name", "")).strip())
    return name if name in names else None


# What the prose rules must find, recomputed with the phrasings the sample narratives use.
PORTAL_RE = re.compile(r"门户网站[^，。；、\d]{0,12}?(\d+)条")
BREAKDOWN_RE = re.compile(r"(?:共|合计)发布信息(\d+)条，其中网站(\d+)条、微信(\d+)条、微博(\d+)条")
PERIOD_RE = re.compile(r"统计期限自(\d{4})年1月1日")
CONTACT_RE = re.compile(r"请与(\w+?)人民政府联系")
FORMAT_MARKERS = ("政府信息公开条例》要求编制", "存在的主要问题及改进情况", "统计期限")


def prose_flags(rel, rep, roster):
    out = []
    nar = rep.get("narrative", {})
    year = rep["year"]
    for section, text in nar.items():
        if section == "overview" and isinstance(rep.get("overview"), dict):
            for m in PORTAL_RE.finditer(text):
                if int(m.group(1)) != rep["overview"]["portalItems"]:
                    out.append(f"{rel}: textTable overview.portalItems: the text says {m.group(1)}, "
                               f"the table {rep['overview']['portalItems']}")
        for m in BREAKDOWN_RE.finditer(text):
            total, parts = int(m.group(1)), [int(m.group(k)) for k in (2, 3, 4)]
            if sum(parts) != total:
                out.append(f"{rel}: proseSum narrative.{section}: total {total}, parts "
                           f"{' + '.join(map(str, parts))} = {sum(parts)}")
        for m in PERIOD_RE.finditer(text):
            if int(m.group(1)) != year:
                out.append(f"{rel}: wrongYear narrative.{section}: statistics period given as {m.group(1)}")
        for m in CONTACT_RE.finditer(text):
            name = m.group(1)
            if name != rep["unit"]["name"] and name in {n for n, _ in roster}:
                out.append(f"{rel}: wrongUnit narrative.{section}: contact {name}人民政府 in {rep['unit']['name']}'s report")
    fee = rep.get("informationProcessingFeeYuan") or 0
    if fee > 0 and "未收取" in nar.get("otherMatters", ""):
        out.append(f"{rel}: contradiction informationProcessingFeeYuan: 六 says no fee was charged, the report gives {fee}")
    sentences = [s for s in re.split(r"[。；]", nar.get("problems", "")) if s.strip()]
    if sentences and all(any(k in s for k in FORMAT_MARKERS) for s in sentences):
        out.append(f"{rel}: boilerplate narrative.problems: only the format's own sentences")
    return out


def analyse():
    import csv
    with open(os.path.join(INPUTS, "county.json"), encoding="utf-8") as f:
        county = json.load(f)
    with open(os.path.join(INPUTS, "roster.csv"), encoding="utf-8-sig") as f:
        roster = [(r["name"], r["code"]) for r in csv.DictReader(f)]
    month, day = (int(x) for x in county["deadline"].split("-"))

    reports, unreadable = {}, {}
    for year in ("2023", "2024"):
        d = os.path.join(INPUTS, TWINS_2024 if year == "2024" else year)
        for fn in sorted(os.listdir(d)):
            if not fn.endswith(".json"):
                continue
            rel = f"{year}/{fn}"
            with open(os.path.join(d, fn), "rb") as f:
                raw = f.read()
            try:
                reports[rel] = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                text = raw.decode("utf-8", "replace")
                where = "inside requests" if '"requests"' in text and '"appeals"' not in text else "elsewhere"
                unreadable[rel] = f"not valid JSON; truncated {where}"

    arith, flags, order_errors = [], [], []
    for rel, why in unreadable.items():
        flags.append(f"{rel}: unreadable ({why})")

    by_unit_year = {}
    for rel, rep in reports.items():
        key = unit_key(rep, roster)
        by_unit_year.setdefault((key or rep["unit"]["name"], rep["year"]), []).append(rel)

    for rel, rep in sorted(reports.items()):
        year = rep["year"]
        key = unit_key(rep, roster)
        if key is None:
            flags.append(f"{rel}: unit {rep['unit']['name']} is not on the roster")
        prev_files = by_unit_year.get((key or rep["unit"]["name"], year - 1), [])
        prev = reports[prev_files[0]] if len(prev_files) == 1 else None
        arith += arithmetic(rel, rep, prev)
        f, o = shape(rel, rep)
        flags += f
        order_errors += o
        if rep.get("edition", "2021") != "2021" and year >= 2021:
            flags.append(f"{rel}: edition {rep['edition']} (old format) for year {year}")
        pub = rep.get("publishedOn")
        deadline = datetime.date(year + 1, month, day)
        if pub is None:
            flags.append(f"{rel}: publishedOn absent (date unknown)")
        else:
            d = datetime.date.fromisoformat(pub)
            if d > deadline:
                flags.append(f"{rel}: late by {(d - deadline).days} days (published {pub}, deadline {deadline})")
            if d <= datetime.date(year, 12, 31):
                flags.append(f"{rel}: published {pub}, before the reporting year ended")
        rules = get(rep, "proactive.rules")
        if rep.get("edition", "2021") == "2021" and isinstance(rules, dict) and any(num(v) for v in rules.values()):
            flags.append(f"{rel}: rules (规章) at a township: issued {rules['issued']}, "
                         f"repealed {rules['repealed']}, inForce {rules['inForce']}")
        nar = rep.get("narrative", {})
        flags += prose_flags(rel, rep, roster)
        if len(nar.get("problems", "")) < 30:
            flags.append(f"{rel}: narrative.problems is only {len(nar.get('problems', ''))} characters")
        if "信息处理费" not in nar.get("otherMatters", ""):
            flags.append(f"{rel}: narrative.otherMatters does not mention 信息处理费")

    # copied narrative (section 五): identical or near-identical to another report's, except the
    # report's own duplicate for the same township and year (a correction repeats its text)
    rels = sorted(reports)
    max_ratio = (0.0, None)
    for i, a in enumerate(rels):
        for b in rels[i + 1:]:
            ra, rb = reports[a], reports[b]
            if unit_key(ra, roster) == unit_key(rb, roster) and ra["year"] == rb["year"]:
                continue
            pa, pb = ra["narrative"]["problems"], rb["narrative"]["problems"]
            if len(pa) < 30 or len(pb) < 30:
                continue
            later, earlier = (a, b) if (ra["year"], a) > (rb["year"], b) else (b, a)
            if pa == pb:
                flags.append(f"{later}: narrative.problems identical to {earlier}")
                continue
            ratio = difflib.SequenceMatcher(None, pa, pb, autojunk=False).ratio()
            if ratio > max_ratio[0]:
                max_ratio = (ratio, (a, b))
            if ratio > 0.6:
                flags.append(f"{later}: narrative.problems near-identical ({ratio:.2f}) to {earlier}")

    for year in (2023, 2024):
        for name, _ in roster:
            files = by_unit_year.get((name, year), [])
            if not files:
                bad = [r for r in unreadable if r.startswith(f"{year}/")
                       and unicodedata.normalize("NFC", r.split("/")[1][:-5]) in (name, SLUG.get(name))]
                if bad:
                    flags.append(f"{year}: roster township {name} has only an unreadable file ({', '.join(bad)})")
                else:
                    flags.append(f"{year}: roster township {name} has no report")
            elif len(files) > 1:
                flags.append(f"{year}: {name} has {len(files)} reports: {', '.join(sorted(files))}")
    return dict(reports=reports, unreadable=unreadable, arith=sorted(arith), flags=sorted(flags),
                order_errors=order_errors, max_ratio=max_ratio, roster=roster, county=county)


def check_seed(reports):
    """宝丰镇 2024 must be the seed's figures and text exactly."""
    problems = []
    rep = reports.get("2024/baofeng.json")
    if rep is None:
        return ["2024/baofeng.json missing"]
    if rep["overview"] != dict(zip(OVERVIEW_KEYS, (122, 299, 251, 1200, 116, 2, 4, 16))):
        problems.append("baofeng overview differs from the seed")
    if "publishedOn" in rep or rep["sourceUrl"] != "http://www.pingluo.gov.cn" or rep["unit"]["code"] != "640221102":
        problems.append("baofeng publishedOn/sourceUrl/code not as specified")
    for sec in ("proactive", "requests", "appeals"):
        def leaves(o):
            return [v for x in o.values() for v in leaves(x)] if isinstance(o, dict) else [o]
        if any(v != 0 for v in leaves(rep[sec])):
            problems.append(f"baofeng {sec} not all zero")
    if rep["informationProcessingFeeYuan"] != 0:
        problems.append("baofeng fee not 0")
    if os.path.exists(SEED):
        with open(SEED, encoding="utf-8") as f:
            seed = f.read()
        for key, text in rep["narrative"].items():
            for para in text.split("\n"):
                if para not in seed:
                    problems.append(f"baofeng narrative.{key} paragraph not verbatim in the seed: {para[:30]}")
        if "信息处理费" not in rep["narrative"]["otherMatters"]:
            problems.append("baofeng otherMatters lacks the 信息处理费 sentence")
    else:
        print(f"note: {SEED} not found; skipped the verbatim comparison", file=sys.stderr)
    return problems


def check(verbose=True):
    res = analyse()
    errors = []
    got = [(r, f, w, a, b) for r, f, w, a, b in res["arith"]]
    want = sorted((r, f, w, a, b) for r, f, w, a, b, _ in EXPECTED_ARITHMETIC)
    for x in sorted(set(got) - set(want)):
        errors.append(f"unexpected arithmetic break: {x}")
    for x in sorted(set(want) - set(got)):
        errors.append(f"expected arithmetic break not found: {x}")
    for x in sorted(set(res["flags"]) - set(EXPECTED_FLAGS)):
        errors.append(f"unexpected flag: {x}")
    for x in sorted(set(EXPECTED_FLAGS) - set(res["flags"])):
        errors.append(f"expected flag not found: {x}")
    errors += res["order_errors"]
    errors += check_seed(res["reports"])
    # the 2023 set: all 13, all 2021 edition, published 2024-01-10..2024-01-30
    y23 = {r: rep for r, rep in res["reports"].items() if r.startswith("2023/")}
    if len(y23) != 13 or any(r.startswith("2023/") for r in res["unreadable"]):
        errors.append("2023 must hold 13 readable reports")
    for r, rep in y23.items():
        if rep["edition"] != "2021" or not ("2024-01-10" <= rep["publishedOn"] <= "2024-01-30"):
            errors.append(f"{r}: edition/publishedOn outside the 2023 brief")
    # files are UTF-8 without BOM; roster exactly as specified
    with open(os.path.join(INPUTS, "roster.csv"), "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf") or raw.decode("utf-8") != "name,code\n" + "".join(
            f"{n},{c}\n" for n, c, _ in ROSTER):
        errors.append("roster.csv not as specified")
    with open(os.path.join(INPUTS, "county.json"), encoding="utf-8") as f:
        if json.load(f) != COUNTY:
            errors.append("county.json not as specified")

    if verbose:
        n24 = sum(1 for r in res["reports"] if r.startswith("2024/"))
        print(f"files: {len(res['reports']) + len(res['unreadable'])} report files "
              f"({len(y23)} for 2023, {n24} readable + {len(res['unreadable'])} unreadable for 2024)")
        print("arithmetic breaks found (rule, file, where, stated/left, other side):")
        for x in got:
            print("  ", *x)
        print("flags found:")
        for x in res["flags"]:
            print("  ", x)
        ratio, pair = res["max_ratio"]
        print(f"most similar pair of distinct narrative.problems: {ratio:.2f} {pair}")
    if errors:
        print("CHECK FAILED:", file=sys.stderr)
        for e in errors:
            print("  ", e, file=sys.stderr)
        return 1
    print("check passed: every 2023 and 2024 file satisfies R1-R5 except exactly the documented breaks")
    return 0


# ---------------------------------------------------------------- inputs/README.md
SCENARIO = [
    # (township, file, demonstrates, what exactly is broken)
    ("城关镇", "chengguan.json", "on time (2025-01-15), clean; the busiest township",
     "nothing: 12 received (naturalPerson 10, commercial 1, otherOrg 1) + 1 carried over from 2023; "
     "partlyDisclosed, withheld and unavailable rows in use; 1 carried forward; 1 review appeal, upheld"),
    ("黄渠桥镇", "huangquqiao.json", "逾期 late; 敷衍 perfunctory 五",
     "publishedOn 2025-02-14, 14 days after the 01-31 deadline; narrative.problems is just \"无。\" "
     "(2 characters). Figures clean"),
    ("宝丰镇", "baofeng.json", "the REAL report; date unknown",
     "no publishedOn key (the published report gives no date); sourceUrl \"http://www.pingluo.gov.cn\"; "
     "every table cell 0, as published; figures clean"),
    ("头闸镇", "touzha.json", "勾稽错误 R1; 文表不符 textTable",
     "R1, column naturalPerson: received 5 + carriedOver 0 = 5 vs resultTotal 4 + carriedForward 0 = 4; "
     "so also column total: 6 + 0 = 6 vs 5 + 0 = 5. R2 and R3 hold. narrative.overview says "
     "“全年门户网站发布信息129条” while overview.portalItems is 139"),
    ("姚伏镇", "(none)", "未报送 missing", "no 2024 file at all (its 2023 report exists)"),
    ("崇岗镇", "崇岗镇.json", "unreadable file",
     "truncated JSON: the text stops inside requests.withheld.internalAffairs, right after "
     "`\"naturalPerson\": `; a reader must reject it, naming the file"),
    ("陶乐镇", "taole.json", "勾稽错误 R3 and R2; 分项不符 proseSum",
     "R3, row received: total 9 vs naturalPerson 6 + commercial 2 = 8. R2, column commercial: "
     "resultTotal.commercial 2 vs leaf rows 1. Knock-on: R3 row resultTotal (total 9 vs 6 + 2 = 8) and "
     "R2 column total (resultTotal.total 9 vs leaf totals 7). R1 holds in every column. 分项不符 proseSum: "
     "narrative.overview says “三个平台合计发布信息642条，其中网站170条、微信259条、微博203条” (the parts add up to 632)"),
    ("高庄乡", "gaozhuang.json", "缺项 incomplete; 套话 boilerplate",
     "the appeals section is absent; requests.withheld has no administrativeQuery row (7 of 8 withheld rows). "
     "The missing row would have been all 0, so R2 holds whether missing cells count as 0 or not. "
     "narrative.problems is nothing but the format's own sentences (本报告根据《条例》要求编制…, the section titles, "
     "the statistics period): no problem and no improvement of its own"),
    ("灵沙乡", "lingsha.json", "数据可疑 suspect; 年份错误 wrongYear",
     "proactive.rules issued 1, repealed 0, inForce 1 (a 规章 at a township; 2023 inForce 0, so R5 holds); "
     "publishedOn 2024-12-20, before the reporting year ended. narrative.otherMatters gives last year's "
     "statistics period: “本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止”"),
    ("渠口乡", "qukou.json + qukou-corrected.json", "重复 duplicate",
     "two reports for 渠口乡 2024: qukou.json (2025-01-10) and a correction qukou-corrected.json (2025-01-25). "
     "Both are internally consistent and consistent with 2023. They differ in licensing (24 vs 26) and requests "
     "(received 4 vs 5: the correction adds 1 commercial request, disclosed; and moves 1 naturalPerson request "
     "from disclosed to partlyDisclosed). Their overview and narrative.problems are identical, as a "
     "reissued correction's would be; otherMatters of the correction says it replaces the original"),
    ("通伏乡", "tongfu.json", "格式过时 old format; 表述矛盾 contradiction",
     "edition \"2019\"; proactive uses the 2019 keys (rules / normativeDocuments / licensing / "
     "centralizedProcurement, each {newlyMade, newlyPublished, totalPublished}); other sections are 2021 shape. "
     "There is no inForce, so the R5 document chain cannot be checked against 2023 (inForce 11). "
     "informationProcessingFeeYuan is 30 while narrative.otherMatters says “2024年通伏乡未收取信息处理费”"),
    ("高仁乡", "gaoren.json", "勾稽错误 R5 (across years); 单位错误 wrongUnit",
     "requests.carriedOver.naturalPerson 2 (and total 2) vs 2023 carriedForward.naturalPerson 1 (total 1); "
     "proactive.normativeDocuments.inForce 12 vs 2023 inForce 10 + issued 1 - repealed 0 = 11. "
     "R1-R3 hold within 2024. narrative.otherMatters ends “如对本报告有疑问，请与高庄乡人民政府联系” — another "
     "roster township's name where the report names itself"),
    ("红崖子乡", "hongyazi.json", "R4; unknown keys; 内容雷同 copied; 敷衍 perfunctory 六",
     "appeals.review: upheld 1 + corrected 0 + other 0 + pending 0 = 1 vs total 2; unknown top-level key "
     "\"remarks\": \"附件另行报送\"; unknown key overview.faxItems = 3; narrative.problems is verbatim its own 2023 "
     "narrative.problems; narrative.otherMatters does not mention 信息处理费 (informationProcessingFeeYuan is still 0)"),
    ("前进农场", "qianjin.json", "名册外 not on the roster",
     "unit 前进农场 with no unit.code key; on time (2025-01-17), figures clean"),
]


def readme():
    lines = []
    w = lines.append
    w("# Sample inputs（样例数据）")
    w("")
    w("Sample data for `nianbao`, laid out as the input contract (`../shared/spec/report-json.md`) describes.")
    w("")
    w("> **Only 宝丰镇's 2024 report is real**: `2024/baofeng.txt` is the published report's text itself "
      "(`../shared/seeds/000_3c60d520485f420a.txt`, byte for byte), and its twin `json/2024/baofeng.json` "
      "transcribes its figures and narrative; the report gives no publication date, so `publishedOn` is absent. **Every other report here is MADE UP for demonstration** (all 2023 "
      "reports, including 宝丰镇's, and every other 2024 report), and the 2024 set deliberately contains one "
      "example of every problem the tool flags. Township codes are illustrative except 渠口乡's 640221202, "
      "which is real. Do not cite any of these figures as 平罗县's.")
    w("")
    w("All files are generated by `scripts/make_sample_inputs.py` (Python 3, standard library only, deterministic). "
      "Edit the script, not the files, then run `python3 scripts/make_sample_inputs.py` (regenerates and checks) "
      "or `python3 scripts/make_sample_inputs.py --check` (checks only). The check recomputes R1–R5 and every flag "
      "below from the files and fails unless it finds exactly the documented breaks with exactly these numbers.")
    w("")
    w("## Files")
    w("")
    w("| path | what |")
    w("|---|---|")
    w("| `county.json` | 平罗县, code 640221, deadline `01-31` (31 January of the following year), timezone Asia/Shanghai |")
    w("| `roster.csv` | the 13 townships expected to report (`name,code`, UTF-8 without BOM), 7 镇 then 6 乡 |")
    w("| `2023/*.json` | one report for 2023 from each of the 13 roster townships, all edition 2021, published "
      "2024-01-10 … 2024-01-30 (all on time), all internally consistent (R1–R4 hold). They are the previous year "
      "for the 2024 cross-year checks (R5): every 2024 report except 高仁乡's carries over exactly what its 2023 "
      "report carried forward, and its 现行有效件数 follows from 2023's (通伏乡's 2019-format Section 二 has none to "
      "follow). File names are pinyin. |")
    w("| `json/2024/*.json` | the 2024 scenario below as JSON (the twins): 14 files, namely 12 readable reports "
      "from 11 roster townships (渠口乡 twice), 1 unreadable file (崇岗镇) and 1 report from a unit off the roster "
      "(前进农场); 姚伏镇 has none. The rollup does not read this folder |")
    w("| `2024/*` | the same 14 reports as a county receives them, published from the twins by "
      "`scripts/publish_sample_inputs.sh` in the shapes `scripts/sample_formats.tsv` lists: 城关镇 as a portal "
      "page in UTF-8 (`chengguan.html`), 黄渠桥镇 as a portal page in GBK (`huangquqiao.htm`, meta charset), "
      "灵沙乡 as a bare page (`lingsha.html`), 渠口乡's correction as a Word file (`qukou-corrected.docx`), "
      "陶乐镇 and 高仁乡 as text copied from a browser (one cell a line; a lone `|` line after each cell), "
      "高庄乡 as a PDF with a text layer, 宝丰镇 as the real report's text, and the rest as JSON (头闸镇, whose "
      "planted textTable is an overview figure that a published document states only in its prose; 红崖子乡, "
      "whose unknown keys only JSON can carry; 通伏乡, 渠口乡's first report, 崇岗镇's truncated file and "
      "前进农场). `nianbao rollup` reads them all; `BundledInputsTests` checks that the folder is exactly its "
      "twins published and that it rolls up to the twins' figures, statuses and flags |")
    w("| `README.md` | this file |")
    w("")
    w("Pretty-printed UTF-8 JSON, keys in the contract's order, every report a full object (all 8 overview keys, "
      "all 25 requests rows with all 7 columns, all 3 appeals groups) unless stated below. Narratives are Chinese "
      "prose; the overview paragraph quotes the report's own overview figures.")
    w("")
    w("## The 2024 scenario")
    w("")
    w("Deadline 2025-01-31. Unless stated, a report is on time (published 2025-01-10 … 2025-01-28), edition 2021, "
      "consistent, and states in 六 that no 信息处理费 was charged.")
    w("")
    w("| # | township | file (in `2024/`) | demonstrates | exactly what is broken |")
    w("|---|---|---|---|---|")
    for i, (t, f, demo, what) in enumerate(SCENARIO, 1):
        fcell = f if f.startswith("(") else " + ".join(f"`{x}`" for x in f.split(" + "))
        w(f"| {i} | {t} | {fcell} | {demo} | {what} |")
    w("")
    w("### Every arithmetic break, exactly")
    w("")
    w("These are all the R1–R5 failures in `inputs/` (2023: none). \"Stated\" is the cell the report gives; "
      "\"should be\" is what the rule computes from the other cells (for R1, the two sides of the identity).")
    w("")
    w("| rule | file | cell / column | stated | should be | detail |")
    w("|---|---|---|---|---|---|")
    for rule, f, where, a, b, detail in EXPECTED_ARITHMETIC:
        w(f"| {rule} | `{f}` | `{where}` | {a} | {b} | {detail} |")
    w("")
    w("### Every other flag the check expects")
    w("")
    for x in EXPECTED_FLAGS:
        w(f"- {x}")
    w("")
    w("## Notes")
    w("")
    w("- 宝丰镇 2024: `narrative.overview` is section 一 verbatim (paragraphs joined by newlines, including its "
      "subheadings), `narrative.problems` is section 五 verbatim, `narrative.otherMatters` is section 六 verbatim "
      "(including \"2024年,本单位在办理政府信息公开申请中,未收取信息处理费。\" and the closing contact lines). "
      "\"1200余\" and \"16余人\" are entered as 1200 and 16. The seed's 本年度止件数 is its misprint of 本年废止件数 "
      "(`repealed`). Its 2023 report is made up, with 现行有效件数 0 and nothing carried forward so that the real "
      "2024 zeros are consistent with it.")
    w("- 头闸镇: a break confined to one applicant column necessarily shows in the 总计 column too when R3 holds on "
      "every row, so R1 fails in both `naturalPerson` and `total`.")
    w("- 陶乐镇: with R3 holding on the leaf rows, an R2 break in one applicant column cannot leave both R2 in the "
      "总计 column and R3 on the resultTotal row intact; the file keeps R1 intact in every column instead "
      "(resultTotal.total = 9 follows the erroneous received.total = 9), at the cost of the two knock-on breaks listed.")
    w("- 渠口乡: the two files are the same township and year, so a copy check should not compare a report with its "
      "own duplicate (their narrative.problems are identical by design). Apart from that and 红崖子乡's copy, no two "
      "narrative.problems in `inputs/` are alike (the check reports the most similar pair).")
    w("- 崇岗镇's 2024 file is named `崇岗镇.json` (not pinyin) so that a human can tell whose it is; the contract "
      "identifies reports by `unit`, which the reader never gets to.")
    w("- 通伏乡's 2019-format Section 二 is not to be summed into the county's Section 二 (contract).")
    w("- 前进农场 stands for a unit that sends a report but is not on the roster; its report is made up.")
    w("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the existing inputs/")
    args = ap.parse_args()
    if not args.check:
        written = generate()
        print(f"wrote {len(written)} files under {INPUTS}")
    return check()


if __name__ == "__main__":
    sys.exit(main())
