"""Stage 4b: park names keep a proper head; the words a match took in before its place are cut off."""

import pytest

from extract.pipeline import Pipeline
from extract.read import Source
from extract.ruleset import load_rules

PIPELINE = Pipeline(load_rules())


def parks(text: str) -> list[str]:
    facts = PIPELINE.process(Source("t", "t", text, text, "utf-8")).facts
    return [f.value for f in facts if f.kind == "park"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("多数新区投资增长,其中广州南沙新区固定资产投资增长31.8%。", ["广州南沙新区"]),
        ("以“宜居宜业马尾新城,开放开发福州新区”为主题开展宣传。", ["福州新区"]),
        ("中新天津生态城签约项目12个。", ["中新天津生态城"]),
        ("拟入驻中国(驻马店)国际农产品加工产业园8个项目。", ["中国(驻马店)国际农产品加工产业园"]),
        ("漕河泾开发区签约项目5个。", ["漕河泾开发区"]),
        ("目前乡村振兴示范区建设加快,国内大部分园区已复工。", []),
        ("西海岸新区签约项目58个。西海岸新区总投资386亿元。", ["西海岸新区", "西海岸新区"]),
        ("目前医疗器械产业园已复工。", ["医疗器械产业园"]),
    ],
    ids=[
        "connective-before-a-place",
        "verbs-before-a-place",
        "partner-countries-stay",
        "bracketed-place-stays",
        "no-place-head-is-kept",
        "common-words-are-no-name",
        "a-name-used-again-is-one",
        "industry-parks-keep-theirs",
    ],
)
def test_park_names_start_at_their_head(text, expected):
    assert parks(text) == expected
