"""The generated lexicon rules/common_words.txt and its reader's is_generic."""

import pickle

import pytest

from extract.common_words import CommonWords, common_words_path, read_common_words
from extract.ruleset import default_rules_dir


COMMON_WORDS = default_rules_dir() / "common_words.txt"
FUNCTION_CHARACTERS = set("的之和与及暨并或等出在对为将从向于由其已我本该各全每新原大小市省县区")

# The words before the zone word of false parks the park rules matched (乡村振兴示范区, 我省开发区 ...).
GENERIC_PHRASES = [
    "乡村振兴",
    "国内大部分",
    "切实助力",
    "编制出",
    "工作经验交流会暨",
    "市国家级和市级",
    "集聚",
    "东部",
    "中西部",
    "我省",
    "化工",
    "智慧",
    "大型",
]
# The words before the zone word of annotated park names that have a proper element: a place
# (合肥高新区) or a name no dictionary has as a common word (漕河泾开发区, 华科园).
PROPER_HEADS = [
    "上海",
    "两江",
    "中国(驻马店)国际农产品加工",
    "中埔",
    "中德(常州)创新",
    "临沂",
    "临港",
    "京东(辽宁)数字经济",
    "仁武",
    "仲恺",
    "凌源",
    "北海",
    "北高雄",
    "华科",
    "南京江北",
    "南京",
    "南昌",
    "合肥",
    "哈尔滨",
    "四川天府",
    "四川",
    "城东",
    "大丰",
    "大亚湾",
    "大连金普",
    "天津",
    "天津港",
    "天津滨海",
    "宁波",
    "屏东",
    "常州",
    "平山青云",
    "广东自贸区南沙新区",
    "广东",
    "广东自贸试验区南沙",
    "广州南沙",
    "广州",
    "康桥",
    "开阳",
    "张江创新药",
    "张江",
    "彰滨",
    "惠东产业转移",
    "昆山",
    "昌红科技高分子医疗耗材",
    "智谷",
    "朝阳",
    "杭州湾上虞",
    "楠梓",
    "武汉东湖",
    "武汉",
    "江苏",
    "江苏自贸试验区南京",
    "江西赣江",
    "沈抚",
    "河南",
    "河湟文化",
    "泰祥",
    "浙江",
    "浙江舟山群岛",
    "浦东",
    "海东",
    "淮安",
    "湖北",
    "滨海",
    "漕河泾",
    "漳州台商",
    "白城",
    "白沙洲",
    "福州台商",
    "福州",
    "秀洲国家",
    "绥安",
    "苏州",
    "蓝田",
    "衡阳台湾",
    "褒忠",
    "襄阳",
    "资阳高新技术",
    "赣江",
    "辽宁",
    "郑蒲港",
    "重庆两江",
    "重庆",
    "金桥",
    "金科",
    "长三角生态绿色一体化",
    "长沙",
    "闵行",
    "陕西",
    "青岛西海岸",
    "马鞍山",
    "驻马店",
    "高雄",
    "龙文区",
    "西咸",
    "苏宿",
]
# Annotated park names whose words before the zone word are all common all the same. Some are
# county places the gazetteer knows (运河, 市北, 新市: a consumer asks it first), townships whose
# names are also words (大水, 水上); the others are named with common words (未来科学城, 生命园) or
# are generic-ish (数字人力资源服务产业园, 北方大健康食品产业园).
GENERIC_GOLD_HEADS = ["北方大健康食品", "大水", "市北", "数字人力资源服务", "新市", "未来", "水上", "生命", "运河"]


@pytest.fixture(scope="module")
def words():
    return read_common_words(COMMON_WORDS)


@pytest.fixture(scope="module")
def common():
    return CommonWords.load()


def test_header_names_the_source_and_how_to_regenerate():
    header = "\n".join(line for line in COMMON_WORDS.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert "Generated, do not edit" in header
    assert "jieba 0.42.1" in header and "MIT" in header and "dict.txt" in header
    assert "python scripts/generate_common_words.py" in header
    assert "Filter:" in header


def test_words_are_sorted_and_unique(words):
    assert list(words) == sorted(set(words))


def test_only_function_characters_stand_alone(words):
    assert {word for word in words if len(word) == 1} == FUNCTION_CHARACTERS


def test_file_stays_small():
    assert COMMON_WORDS.stat().st_size < 1_500_000


@pytest.mark.parametrize("phrase", GENERIC_PHRASES + GENERIC_GOLD_HEADS)
def test_generic_phrases_are_generic(common, phrase):
    assert common.is_generic(phrase)


@pytest.mark.parametrize("phrase", PROPER_HEADS)
def test_heads_with_a_proper_element_are_not_generic(common, phrase):
    assert not common.is_generic(phrase)


@pytest.mark.parametrize(
    "phrase, generic",
    [
        ("", True),
        ("的", True),
        ("乡村振兴和东部", True),
        ("乡村振兴漕河泾", False),  # every character must belong to a word of the split
        ("乡", False),  # a single character that is no function character
        ("振兴乡村", True),
    ],
)
def test_is_generic_needs_a_split_into_words(common, phrase, generic):
    assert common.is_generic(phrase) is generic


@pytest.mark.parametrize(
    "lexicon, phrase",
    [
        (["工作经", "工作", "经验"], "工作经验"),  # the longest first word leads nowhere
        (["工作", "工作经验", "交流"], "工作经验交流"),  # nor does the shortest
    ],
)
def test_is_generic_tries_every_split(lexicon, phrase):
    assert CommonWords(lexicon).is_generic(phrase)
    assert not CommonWords(lexicon).is_generic(phrase + "验")


def test_load_reads_once_and_falls_back_to_the_built_in_file(tmp_path, common):
    assert CommonWords.load() is common
    assert common_words_path(tmp_path) == COMMON_WORDS  # a folder without one uses the built-in file
    (tmp_path / "common_words.txt").write_text("# own\n乡村\n振兴\n", encoding="utf-8")
    own = CommonWords.load(tmp_path)
    assert len(own) == 2 and own.is_generic("乡村振兴") and not own.is_generic("东部")


@pytest.mark.parametrize("lexicon", [["乡村", "振兴", "的"], []])
def test_a_pickled_lexicon_has_the_same_words(lexicon):
    copy = pickle.loads(pickle.dumps(CommonWords(lexicon)))  # as the compiled-rules cache keeps it
    assert len(copy) == len(lexicon) and all(word in copy for word in lexicon) and "" not in copy
    assert copy.is_generic("乡村振兴的") is bool(lexicon)


def test_a_malformed_line_is_named(tmp_path):
    path = tmp_path / "common_words.txt"
    path.write_text("乡村\n东部 f\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"common_words.txt:2"):
        read_common_words(path)
