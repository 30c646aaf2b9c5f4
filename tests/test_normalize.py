"""Stage 2: simplified text without pinyin or garbled runs, and a map back to every source offset."""

import pytest

from extract.normalize import normalize


def source_of(norm, text, fragment):
    start = norm.text.index(fragment)
    s, e = norm.source_span(start, start + len(fragment))
    return text[s:e]


def test_traditional_becomes_simplified_with_pinyin_removed():
    text = "連云港高新區(qū)重點(diǎn)項(xiàng)目總投資84.6億元"
    norm = normalize(text)
    assert norm.text == "连云港高新区重点项目总投资84.6亿元"
    assert norm.script == "traditional"
    assert source_of(norm, text, "高新区重点") == "高新區(qū)重點"
    assert source_of(norm, text, "总投资84.6亿元") == "總投資84.6億元"


@pytest.mark.parametrize("kept", ["(一期二标段)", "(南通)", "12nm(纳米)", "(ABB)", "(含)"])
def test_brackets_that_are_not_pinyin_stay(kept):
    assert kept in normalize(f"项目{kept}开工").text


def test_full_width_forms_fold_one_to_one():
    norm = normalize("复工率达９５％，项目１２个")
    assert norm.text == "复工率达95%,项目12个"
    assert norm.script == "simplified"


def test_garbled_run_is_masked_and_reported():
    text = "工人们正在施工?!懊刻於加?000余人在现场作业,复工率100%。"
    norm = normalize(text)
    assert norm.garbled, "the mojibake run was not detected"
    start, end = norm.garbled[0]
    assert text[start:end].startswith("?!懊刻於加?000")
    assert "000" not in norm.text and "复工率100%" in norm.text


def test_a_question_mark_ending_a_question_is_not_garbled():
    assert normalize("都可根据您的要求调整?” 在湖南").garbled == []


def test_every_normalized_character_maps_into_the_source():
    text = "區(qū)「１２３」?!懊刻於加?000余人，浦東新區(qū)"
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text) + 1
    assert all(0 <= o <= len(text) for o in norm.origin)
    assert list(norm.origin) == sorted(norm.origin)


@pytest.mark.parametrize(
    "text, origin",
    [
        ("区(qū)域", [0, 5, 6]),
        ("园区(qū)", [0, 1, 6]),
        ("区(qū)区(qū)", [0, 5, 10]),
        ("重点(diǎn)项(xiàng)目", [0, 1, 8, 16, 17]),
        ("项目\x00\x0030\x00个", [0, 1, 4, 5, 7, 8]),  # markup the reading stage marked
    ],
)
def test_each_character_has_the_offset_of_its_source_character(text, origin):
    norm = normalize(text)
    assert [norm.origin[i] for i in range(len(norm.text) + 1)] == origin
    assert all(text[o] == norm.text[i] for i, o in enumerate(origin[:-1]))


@pytest.mark.parametrize(
    "before, script",
    [
        ("園區" * 400, "traditional"),  # decided on the first stretch
        ("园区" * 1000 + "園區開發", "simplified"),  # four changes at the end: too few
        ("园区" * 1000 + "園區開發區", "simplified"),  # five in 2,005 characters: under 3% of the Han
        ("园区" * 60 + "園區開發區", "traditional"),  # five in 125 Han characters: 4%
        ("a" * 3000 + "园区" * 60 + "園區開發區", "traditional"),  # 4% of the Han, late and among letters
        ("a" * 3000 + "园区" * 100 + "園區開發區", "simplified"),  # 2.5% of the Han
    ],
)
def test_the_script_is_the_share_of_han_characters_that_t2s_changes_wherever_they_are(before, script):
    assert normalize(before).script == script
