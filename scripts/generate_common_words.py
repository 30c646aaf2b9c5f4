"""Regenerates rules/common_words.txt, the lexicon of common Chinese words.

The source is the dictionary of the PyPI package jieba (MIT): one word per line with a corpus
frequency and a part-of-speech tag, which is what tells common words (乡村, 助力, 东部) from proper
ones (漕河泾, 合肥). Only its dict.txt is read, so its code is never imported. It is a development
dependency only: the generated file is committed and shipped.

    pip install -e '.[commonwords]'
    python scripts/generate_common_words.py          # rewrites rules/common_words.txt
    python scripts/generate_common_words.py --check  # exit 1 if rules/common_words.txt is not what it would write
"""

import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from generated import write_or_check
from typing import Iterable

SOURCE = "jieba"
RULES = Path(__file__).resolve().parents[1] / "rules"
OUTPUT = RULES / "common_words.txt"
PLACES = RULES / "places.txt"
REGENERATE = "pip install -e '.[commonwords]' && python scripts/generate_common_words.py"

# jieba's tags (ICTCLAS set) of common words: nouns, verbs, adjectives, adverbs, numerals and
# measure words, locality and place words, pronouns, conjunctions, prepositions, auxiliaries,
# time words, distinguishing words (大型, 国家级), state words, idioms and set phrases. Left out:
# proper nouns (ns place, nr/nrt/nrfg person, nz other, nt organisation), abbreviations j (江淮,
# 沪宁, 中石化), bound morphemes g/ng/vg/ag/tg/zg, interjections and onomatopoeia, x and eng.
COMMON_TAGS = frozenset("n vn v vd vi vq a ad an d df m mq q f s r rr rz c p u ud ug uj ul uv uz t b z i l".split())
# Rare entries are where jieba's tags go wrong: place names tagged as nouns or verbs (楠梓 3, 褒忠 2,
# 横琴 5, 前海 10, 雨花 14). From 20 up most of them are out, while the compounds generic phrases
# are made of stay in (交流会 107, 集聚 131, 助力 135); rules/README.md has the measurements.
MIN_FREQUENCY = 20
# The single characters a generic phrase joins its words with (的, 和, 暨), ends a verb with (出),
# qualifies with (已, 新, 原, 大, 小) or points with (我, 该, 各, 全, 市, 省): every other single
# character is too often part of a name.
FUNCTION_CHARACTERS = (
    "的 之 和 与 及 暨 并 或 等 出 在 对 为 将 从 向 于 由 其 已 我 本 该 各 全 每 新 原 大 小 市 省 县 区"
)
# Common words jieba tags as proper nouns or abbreviations, reviewed from its most frequent ones:
# those that can stand in the words before a zone word of park news.
COMMON_DESPITE_TAG = (
    # nr, person
    "智慧 文明 道德 阳光 卫星 荣誉 明星 光荣 友谊 光辉 青少年 保健 康复 养老 慈善 卓越 英才 小康 高峰 "
    "幼儿园 师范 高薪 权威 吉祥 蓬勃 弘扬 关怀 "
    # nz, other proper noun
    "普通 和平 精华 诚信 新世纪 第二产业 第三产业 集成电路 摩托车 通讯 珠宝 美味 正宗 文教 "
    # ns, place
    "城市 平原 外国 东北 西北 西南 东南 南北 海洋 山区 城镇 都市 高原 湖泊 大桥 美丽 古城 海峡 山水 "
    "新鲜 福利 普及 古典 入口 海滨 海港 重镇 三角洲 江河 "
    # nt, organisation
    "中西部 中南部 国际化 交易所 联合会 国家机关 社会科学 "
    # j, abbreviation
    "研发 环保 光电 光伏 家电 创投 仓储 存储 通信 房地产 中小企业 中小 工商业 通航 外企 民企 国企 私企 "
    "上下游 中长期 中小城市 数控 医保 社保 环评 质检 招投标 改扩建"
).split()


def read_dictionary(path: Path) -> Iterable[tuple[str, int, str]]:
    """(word, frequency, tag) of every line of jieba's dict.txt."""
    for line in path.read_text(encoding="utf-8").splitlines():
        word, frequency, tag = line.split(" ")
        yield word, int(frequency), tag


def proper_places(path: Path) -> set[str]:
    """Names no common word can be, though jieba tags some as nouns or verbs (合肥, 大连, 开封):
    provinces and prefectures in either form, and county names with their closing 区, 县 or 市
    (下陆区, 松滋市). Counties' short forms and townships stay: many are common words (资源, 合作, 发展).
    """
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        name, level, form, _status = line.split("\t")
        if level in ("province", "prefecture") or (level == "county" and form == "full" and len(name) >= 3):
            names.add(name)
    return names


def common_words(
    entries: Iterable[tuple[str, int, str]],
    places: set[str],
    *,
    tags: frozenset[str] = COMMON_TAGS,
    min_frequency: int = MIN_FREQUENCY,
) -> set[str]:
    words = {
        word
        for word, frequency, tag in entries
        if len(word) >= 2 and tag in tags and frequency >= min_frequency and word not in places
    }
    return words | set(COMMON_DESPITE_TAG) | set(FUNCTION_CHARACTERS.split())


def dictionary_path() -> tuple[Path, str]:
    try:
        dist = distribution(SOURCE)
    except PackageNotFoundError:
        sys.exit(f"{SOURCE} is not installed: {REGENERATE}")
    return Path(str(dist.locate_file("jieba/dict.txt"))), dist.version


def render() -> str:
    path, version = dictionary_path()
    words = common_words(read_dictionary(path), proper_places(PLACES))
    header = [
        "# Common Chinese words, one a line, sorted. Generated, do not edit.",
        f"# Source: {SOURCE} {version} (PyPI, MIT licence), its dictionary jieba/dict.txt.",
        f"# Regenerate: {REGENERATE}",
        f"# Filter: words of two or more characters, frequency >= {MIN_FREQUENCY}, tagged one of"
        f" {' '.join(sorted(COMMON_TAGS))};",
        "#   less the provinces, prefectures and full county names of places.txt; plus common words"
        " jieba tags as proper (see the script)",
        f"#   and the one-character function words {''.join(FUNCTION_CHARACTERS.split())}.",
    ]
    return "\n".join(header + sorted(words)) + "\n"


if __name__ == "__main__":
    write_or_check(__doc__.splitlines()[0], render, OUTPUT, REGENERATE)
