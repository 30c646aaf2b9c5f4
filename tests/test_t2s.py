"""Traditional to simplified: the fast tables give exactly what opencc-python-reimplemented's t2s gives."""

import re
from pathlib import Path

import pytest
from opencc import OpenCC

from conftest import SEEDS, SHARED
from extract.t2s import dictionary, longest_first, to_simplified

FIXTURES = Path(__file__).parent / "fixtures"
PACKAGE = OpenCC("t2s")


def differing_characters(texts: list[str]) -> int:
    count = 0
    for text in texts:
        ours, theirs = to_simplified(text), PACKAGE.convert(text)
        assert len(ours) == len(text)
        count += sum(a != b for a, b in zip(ours, theirs)) + abs(len(ours) - len(theirs))
    return count


@pytest.fixture(scope="module")
def corpora() -> list[str]:
    """The seeds, the fixtures and the dev corpus (when it is beside the checkout), as written and in traditional."""
    files = [*SEEDS.glob("*.txt"), *FIXTURES.glob("*/docs/*"), *(SHARED / "dev-corpus" / "docs").glob("*")]
    texts = [path.read_text(encoding="utf-8") for path in sorted(files)]
    s2t = OpenCC("s2t")
    return texts + [s2t.convert(text) for text in texts]


def test_no_character_differs_from_the_package_on_the_corpora(corpora):
    assert len(corpora) > 200
    assert differing_characters(corpora) == 0


def test_every_phrase_and_every_overlap_of_two_converts_as_the_package_converts_it():
    phrases = sorted(dictionary("TSPhrases.txt"))
    # Neighbours in sorted order share their first characters: the package's longest match decides.
    texts = [f"據報道{p}項目" for p in phrases] + [a + b for a, b in zip(phrases, phrases[1:])]
    texts += [a[:-1] + b for a, b in zip(phrases, phrases[1:])] + ["。".join(phrases), "".join(phrases[:40])]
    assert differing_characters(texts) == 0


def test_the_phrase_trie_finds_what_the_alternation_of_the_phrases_longest_first_finds():
    phrases = sorted(dictionary("TSPhrases.txt")) + ["a.b", "a", "ab.", "乾坤大挪移"]
    alternation = re.compile("|".join(map(re.escape, sorted(phrases, key=lambda p: (-len(p), p)))))
    trie = re.compile(longest_first(phrases))
    texts = ["".join(phrases), "。".join(phrases), "".join(p[:-1] for p in phrases), "a.ba.bab.axb乾坤大挪乾坤"]
    texts += [a + b for a, b in zip(phrases, phrases[1:])] + [a[1:] + b[:-1] for a, b in zip(phrases, phrases[1:])]
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)], text


def test_simplified_text_is_returned_as_it_is():
    text = "苏州工业园区一季度新签约项目30个,反复论证。"
    assert to_simplified(text) is text
