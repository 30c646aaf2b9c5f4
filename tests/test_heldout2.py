"""Floors on the second held-out proxy (tests/fixtures/heldout2): 15 articles in styles the first proxy
lacks (portal notices, WeChat posts, roundups, statistical bulletins, flattened tables, Hong Kong, Macau
and Taiwanese text), written and annotated before the rules were run on them."""

from pathlib import Path

from extract.evaluate import load_gold, score
from extract.pipeline import run_paths

HELDOUT = Path(__file__).parent / "fixtures" / "heldout2"
MACRO_FLOOR = 0.98
KIND_FLOOR = 0.95
ATTRIBUTION_FLOOR = 0.97


def test_second_heldout_proxy_scores_above_the_floors():
    records = [r.document.model_dump(mode="json") for r in run_paths([str(HELDOUT / "docs")])]
    scores = score(load_gold(HELDOUT / "gold"), records)
    table = {kind: round(c.f1, 3) for kind, c in scores.kinds.items()}
    assert scores.macro_f1 >= MACRO_FLOOR, (scores.macro_f1, table)
    for kind in ("subject_park", "investment", "project_count", "rate", "date"):
        assert scores.kinds[kind].f1 >= KIND_FLOOR, (kind, table)
    assert scores.attribution.value >= ATTRIBUTION_FLOOR, scores.attribution
