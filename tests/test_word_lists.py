"""A word list matches as its plain alternation, longest word first, however the engine reads it: the
tree it is factored into for that reading (word_lists.py) only makes it cheaper to try."""

import random

import pytest
import regex

from extract.ruleset import expand
from extract.word_lists import Reading, as_pattern, reading_at, word_tree


def plain(words: list[str]) -> str:
    return "(?:" + "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def found(pattern: str, text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in regex.finditer(pattern, text)]


@pytest.mark.parametrize(
    "template",
    [
        "{words}",
        "(?P<w>{words})项目",
        "(?<=(?P<w>{words}))项目",
        "(?<!{words})项目",
        "(?:(?!{words})\\p{{Han}})+",
        "(?<=(?P<w>{words})[0-9]{{0,3}})亿",
        "(?r)(?P<w>{words})+",
    ],
)
def test_a_word_list_matches_as_its_plain_alternation_forward_backward_and_in_lookarounds(template):
    # 资金额度上限 before 投资额 in the plain list: a tree on first characters, read backward, would try 资额 first
    words = ["投资", "总投资", "协议投资额", "投资额", "资额", "资金额度上限", "a-b", "^x"]
    text = "协议投资额50亿元,总投资项目12个,投资额3亿,投资项目3个,拟投资项目,a-b项目^x项目,资项目,资额9亿"
    source = template.replace("{words}", "{w_list}").replace("{{", "{").replace("}}", "}")  # as a rule writes it
    expanded = expand(source, {"w_list": words})
    assert expanded != template.format(words=plain(words))  # factored and guarded
    assert found(expanded, text) == found(template.format(words=plain(words)), text) != []


def test_each_tree_matches_as_the_plain_alternation_where_it_is_read_its_way():
    """On random lists of words that share beginnings and ends, and random texts of their characters:
    the same matches and the same word captured, read forward and inside a lookbehind."""
    rng = random.Random(20261202)
    for _ in range(300):
        words = ["".join(rng.choice("abc") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(2, 9))]
        text = "".join(rng.choice("abcd") for _ in range(60))
        for backward, template in ((False, "(?P<w>{})d?"), (True, "(?<=(?P<w>{})d?)")):
            tree = word_tree(sorted(set(words), key=lambda w: (-len(w), w)), backward)
            assert found(template.format(tree), text) == found(template.format(plain(words)), text), (words, text)


def test_a_list_is_factored_on_the_characters_read_first():
    words = ["开发区", "高新区", "高新技术开发区"]
    assert word_tree(sorted(words, key=lambda w: (-len(w), w)), backward=False) == "(?:高新(?:技术开发区|区)|开发区)"
    assert word_tree(sorted(words, key=lambda w: (-len(w), w)), backward=True) == "(?:(?:高新技术|)开发|高新)区"
    # read both ways (a within's characters), a list stays plain between its character tests
    assert as_pattern(words, Reading.BOTH) == "(?=[开高])(?:高新技术开发区|开发区|高新区)(?<=[区])"


@pytest.mark.parametrize(
    ("pattern", "reading"),
    [
        ("ab{x}", Reading.FORWARD),
        ("(?<=a{x})", Reading.BACKWARD),
        ("(?<!a(?:b|{x}))", Reading.BACKWARD),
        ("(?<=a(?=b{x}))", Reading.FORWARD),
        ("(?<=a)(?P<g>{x})", Reading.FORWARD),
        ("(?<=[(]){x}", Reading.FORWARD),  # a bracket in a character class opens no group
        ("(?<=\\(){x}", Reading.FORWARD),  # nor does an escaped one
        ("(?<name>(?<!{x}))", Reading.BACKWARD),
        ("(?r)a{x}", Reading.BACKWARD),
        ("(?r)(?=a{x})", Reading.FORWARD),
    ],
)
def test_the_reading_at_a_place_is_the_innermost_lookarounds(pattern, reading):
    assert reading_at(pattern, pattern.index("{x}"), Reading.FORWARD) is reading
