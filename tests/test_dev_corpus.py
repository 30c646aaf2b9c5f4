"""Floors on the development corpus in ../shared (skipped, visibly, where it is absent)."""

from conftest import shared_dir
from extract.evaluate import load_gold, score
from extract.pipeline import run_paths

MACRO_FLOOR = 0.9
KIND_FLOOR = 0.85
ATTRIBUTION_FLOOR = 0.9


def test_dev_corpus_scores_above_the_floors():
    corpus = shared_dir("dev-corpus")
    records = [r.document.model_dump(mode="json") for r in run_paths([str(corpus / "docs")])]
    scores = score(load_gold(corpus / "gold"), records)
    table = {kind: round(c.f1, 3) for kind, c in scores.kinds.items()}
    assert scores.macro_f1 >= MACRO_FLOOR, (scores.macro_f1, table)
    for kind in ("subject_park", "investment", "project_count", "rate", "date"):
        assert scores.kinds[kind].f1 >= KIND_FLOOR, (kind, table)
    assert scores.attribution.value >= ATTRIBUTION_FLOOR, scores.attribution
