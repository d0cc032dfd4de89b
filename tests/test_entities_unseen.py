"""Programmes, policy documents, projects and companies in sentences written for these tests in the
style of news from provinces the development texts do not cover (each rule: what it must find and
what it must not)."""
from __future__ import annotations

from sentence import document, names


def _labels(text: str, cls: str) -> set[str]:
    return {label for c, label in names(text) if c == cls}


# --- policy documents -------------------------------------------------------------------------------

def test_policy_title_with_edition_bracket():
    # 湖南: a plan cited with its years; 云南: rules cited as a trial edition
    assert "湖南省先进制造业集群培育三年行动计划" in _labels(
        "省政府办公厅印发《湖南省先进制造业集群培育三年行动计划（2024—2026年）》。", "PolicyDocument")
    assert "云南省数据要素市场化配置实施细则" in _labels(
        "省发展改革委日前出台《云南省数据要素市场化配置实施细则（试行）》。", "PolicyDocument")


def test_book_title_without_head_is_no_document():
    assert not _labels("市文联推荐《平凡的世界（典藏版）》等书目。", "PolicyDocument")


def test_quoted_policy_title():
    # 安徽: quoted titles in a list of a county's policies
    found = _labels("县里先后出台“科技创新若干意见”和“人才新政十条”等政策文件。", "PolicyDocument")
    assert "科技创新若干意见" in found
    assert "人才新政十条" not in found      # no head word: not cited as a document


# --- projects -------------------------------------------------------------------------------------

def test_project_after_building_verb_not_cut_with_verb():
    # 江西, 河北: 在<zone>建设|<project>: the verb is not part of the name
    found = _labels("江西赣锋锂业集团股份有限公司将在新余高新区建设固态电池研发制造基地项目。", "Project")
    assert found == {"固态电池研发制造基地项目"}
    found = _labels("河北某新材料有限公司在邢台经济开发区投资建设年产3万吨碳纤维复合材料项目。", "Project")
    assert found == {"年产3万吨碳纤维复合材料项目"}


def test_project_with_rated_capacity_and_invested_amount():
    # 内蒙古: a rating in GWh opens the name; 广西: 投资…亿元的 before a name of common words
    assert "10GWh储能电池生产基地项目" in _labels(
        "鄂尔多斯某能源有限公司投资建设10GWh储能电池生产基地项目，目前已完成备案。", "Project")
    assert "智能家居产业园项目" in _labels(
        "广西某科技有限公司投资12亿元的智能家居产业园项目开工建设。", "Project")


def test_annual_processing_capacity():
    # 湖北 style: 年加工 as well as 年产
    assert "年加工2000吨有机茶生产线项目" in _labels(
        "合作社今年在村里投资建设了年加工2000吨有机茶生产线项目。", "Project")


def test_building_verb_does_not_make_kinds_or_lists_projects():
    assert not _labels("县里加快建设一批重大产业项目，推进高标准农田建设项目。", "Project")
    assert not _labels("全力加快120个投资10亿元以上制造业重大项目建设。", "Project")
    assert not _labels("县发展和改革委员会负责统筹衔接资金和项目。", "Project")
    assert not _labels("全县新建乡村振兴示范项目和新能源项目。", "Project")


def test_project_developer_is_no_capacity():
    # a project's name opening with 年产… names no developer company
    assert "年产5万吨锂电池" not in _labels("某新材料（沧州）有限公司将在沧州投资建设年产5万吨锂电池负极材料项目。",
                                       "Company")


# --- companies ------------------------------------------------------------------------------------

def test_national_companies_in_lists_and_project_names():
    found = _labels("中国移动、中国联通、中国电信三大运营商在黔南州布局算力中心。", "Company")
    assert {"中国移动", "中国联通", "中国电信"} <= found
    d = document("其中，位于和林格尔新区的中国电信云计算内蒙古信息园三期项目已经投产。")
    labels = {e.label: e.cls for e in d.entities}
    assert labels.get("中国电信") == "Company"
    assert any(r.predicate == "develops" and r.subject.endswith("中国电信") for r in d.relations)


def test_engineering_bureau_is_a_company():
    assert "中铁十一局" in _labels("项目由中铁十一局承建，计划明年底完工。", "Company")
    assert not {label for c, label in names("项目由中铁十一局承建。") if c == "GovernmentBody"}


def test_company_after_kind_word_and_subsidiary():
    assert _labels("此外，江苏企业常州恒远动力电池有限公司将在园区落户。", "Company") == {"常州恒远动力电池有限公司"}
    found = _labels("该项目由恒远集团全资子公司合肥恒远储能科技有限公司负责建设运营。", "Company")
    assert "合肥恒远储能科技有限公司" in found
    assert not any(x.endswith("子公司") for x in found)


# --- programmes -----------------------------------------------------------------------------------

def test_national_strategies():
    assert "长三角一体化发展" in _labels("安徽深度融入长三角一体化发展，推动产业协作。", "Programme")
    assert "东数西算" in _labels("宁夏深入实施“东数西算”工程，建设算力枢纽。", "Programme")


def test_quoted_items_before_a_kind_of_programme():
    found = _labels("省公安厅部署开展“昆仑”“净网”等系列行动，严厉打击侵权犯罪。", "Programme")
    assert {"“昆仑”", "“净网”"} <= found or {"昆仑", "净网"} <= found
    assert not _labels("上海、深圳等城市，“早高峰”“晚高峰”等时段拥堵。", "Programme")


def test_list_of_unquoted_programmes():
    found = _labels("黔东南州以山地特色农业提质增效行动、农村人居环境整治提升行动为抓手。", "Programme")
    assert {"山地特色农业提质增效行动", "农村人居环境整治提升行动"} <= found
    found = _labels("深入实施乡村建设行动、农村人居环境整治行动和乡村治理示范工程。", "Programme")
    assert {"乡村建设行动", "农村人居环境整治行动", "乡村治理示范工程"} <= found


def test_pilot_after_launching_verb():
    assert "中小企业数字化转型城市试点" in _labels("三是开展中小企业数字化转型城市试点。", "Programme")
    assert not _labels("全市开展改革试点。", "Programme")


def test_formula_of_plain_words_is_a_method():
    # 青海, 西藏 style: quoted working methods are no programmes; coded formulas (1+N) stay programmes
    assert not _labels("当地探索“党支部+合作社+牧户”模式，发展牦牛养殖。", "Programme")
    assert not _labels("当地探索“党支部+合作社+牧户”模式。", "Organization")
    assert not _labels("县里实行“收集—反馈—解决”闭环管理。", "Programme")
    assert _labels("县里构建“1+N”政策体系。", "Programme")
    assert _labels("全面推行“专业+机制+大数据”新型警务运行模式。", "Programme")


# --- organisations --------------------------------------------------------------------------------

def test_short_university_names_are_organisations():
    found = {(c, label) for c, label in names("川农大、华师大和湘潭大学的学生参加。")}
    assert ("Organization", "川农大") in found and ("Organization", "华师大") in found
    assert not any(c == "Company" for c, _ in found)


def test_museum_tagged_as_adjective_and_institute_split_by_verb():
    assert "梵净山野生动植物博物馆" in _labels("县里完成了梵净山野生动植物博物馆信息化建设。", "Organization")
    assert "西安交大长三角产教融合研究院" in _labels(
        "依托西安交大长三角产教融合研究院，加快推进科技城建设。", "Organization")


def test_county_media_centre():
    assert "成都市温江区融媒体中心" in _labels("成都市温江区融媒体中心记者报道。", "Organization")


def test_items_of_a_list_of_projects():
    # 内蒙古, 甘肃: infrastructure and phases listed before 等…项目 are projects, not companies
    found = {(c, label) for c, label in names("加快建设渝昆高铁、重庆新机场等重大项目。")}
    assert {("Project", "渝昆高铁"), ("Project", "重庆新机场")} <= found
    found = {(c, label) for c, label in names("全市谋划白银东大山风电场、金川冶炼三期等5个重点项目。")}
    assert {("Project", "金川冶炼三期"), ("Project", "白银东大山风电场")} <= found
    assert not any(c == "Company" for c, label in found)


def test_built_things_in_a_list_of_projects_are_no_companies():
    # 河南, 陕西 style: what a list of projects builds is not the company building it
    assert not _labels("副县长召开推进会，对片区涉及的体育公园、马拉松赛道等重点项目进行部署。", "Company")
    assert not _labels("县长深入县农机厂烘干设备技改升级、富硒茶叶加工标准化厂房等项目施工现场调研。", "Company")
    assert "特盈实业" in _labels("园区华誉精密、特盈实业等7个项目签约落地。", "Company")


def test_kinds_of_projects_stay_kinds():
    # a level word, work done (发展) or a count after the name make a kind, whatever verb opens it
    assert not _labels("在开发区建设国家级新材料产业创新中心项目。", "Project")
    assert not _labels("镇里投资500万元的村级集体经济发展项目已经见效。", "Project")
    assert not _labels("今年计划新建城市社区养老服务中心项目12个。", "Project")


def test_bare_rural_revitalisation_is_a_topic():
    # 乡村振兴 alone labels a field of work (乡村振兴工作推进会); 乡村振兴战略 is the strategy
    assert not _labels("甘孜州召开乡村振兴工作推进会。", "Programme")
    assert _labels("全州深入实施乡村振兴战略。", "Programme")


def test_brands_and_methods_before_a_kind_are_no_programmes():
    # quoted brands before 等…品牌 are no programmes; only a kind of programme (行动, 工程) closes such a list
    assert not _labels("当地形成了“老字号”“金华火腿”“东阳木雕”等知名品牌。", "Programme")
    assert not _labels("积极探索“基于自然的解决方案”，避免人为过度干预。", "PolicyDocument")
    assert _labels("深入推进“互联网+”农产品出村进城。", "Programme")     # an open formula is a name


def test_company_ending_like_a_subsidiary_is_kept():
    assert "云南恒通精密电子公司" in _labels("位于玉溪市的云南恒通精密电子公司负责人表示满意。", "Company")
    assert "中钢模块" in _labels("今年一季度，中南产业园二期、中钢模块等25个项目新开工。", "Company")
    assert not _labels("省委统战部牵头工商联开展活动。", "Organization")


def test_bare_about_titles_after_an_issuing_verb():
    # 关于…的意见/决定 without 《》, as county pages cite them
    assert "关于加快建设现代化产业体系的实施意见" in _labels(
        "市委办公室、市政府办公室联合印发关于加快建设现代化产业体系的实施意见。", "PolicyDocument")
    assert "关于全面深化改革的决定" in _labels("认真贯彻落实省委关于全面深化改革的决定。", "PolicyDocument")
    assert not _labels("会议研究了关于企业用地的问题。", "PolicyDocument")


def test_long_bare_title_opening_with_a_verb():
    found = _labels("省里出台防止领导干部违规插手工程建设项目行为规定、领导干部报告个人有关事项规定等制度文件。",
                    "PolicyDocument")
    assert "防止领导干部违规插手工程建设项目行为规定" in found
    assert not _labels("市里出台支持措施。", "PolicyDocument")


def test_quoted_apps_systems_and_model_places():
    assert _labels("市民可通过“穗好办”小程序预约办理。", "Programme")
    assert _labels("今年5月，“蓉易办”App在成都上线。", "Programme")
    assert _labels("该省已创建20个“四好农村路”全国示范县。", "Programme")
    assert not _labels("企业自研自产“1.5T大口径无液氦超导磁体系统”高端装备。", "Programme")   # a product


def test_building_word_inside_a_works_name_stays():
    # 扩建 before 工程项目 is part of the works' name, not a verb opening it
    assert "中石化镇海炼化扩建工程项目" in _labels("中石化镇海炼化扩建工程项目通过验收。", "Project")


def test_everyday_words_are_no_national_companies():
    # 小米 (millet), 美的 (beautiful), 中国建筑… (Chinese architecture) are words, not the companies
    assert not _labels("这是最美的乡村，农户种植小米和高粱。", "Company")
    assert not _labels("中国建筑文化源远流长。", "Company")
