"""The articles of a batch go through the stages together, rule by rule over all of them: each gets
exactly what it gets alone, and one that fails fails alone."""

from pathlib import Path

import pytest

import extract.pipeline
import extract.windows
from conftest import REPO, SEEDS
from extract.batch import BatchOptions, process_batch
from extract.compiled import compiled_pipeline
from extract.pipeline import SERIAL_BATCH_DOCUMENTS, run_batch, run_one
from extract.read import Input

FIXTURES = sorted((REPO / "tests" / "fixtures").glob("*/docs/*.txt"))
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def pipeline():
    return compiled_pipeline(None)


@pytest.fixture
def searched(monkeypatch) -> list[int]:
    """How many texts each search of the rules is given, batch after batch."""
    sizes: list[int] = []
    find_candidates_in = extract.pipeline.find_candidates_in

    def spied(rules, texts, signals):
        sizes.append(len(texts))
        return find_candidates_in(rules, texts, signals)

    monkeypatch.setattr(extract.pipeline, "find_candidates_in", spied)
    return sizes


def inputs(paths: list[Path]) -> list[Input]:
    return [Input(str(path), path.stem) for path in paths]


def test_a_batch_gives_each_article_what_it_gives_alone(pipeline, searched):
    batch = inputs(SEED_FILES + FIXTURES[:27])
    alone = [run_one(pipeline, item, None).record for item in batch]
    searched.clear()
    together = [r.record for r in run_batch(pipeline, batch, None)]
    assert searched == [len(batch)]  # all at once, rule by rule
    assert together == alone
    assert sum(len(r["facts"]) for r in together) > 300


def test_an_article_that_fails_in_a_batch_fails_alone_and_the_others_keep_their_facts(pipeline, tmp_path, monkeypatch):
    (tmp_path / "bad.txt").write_text("苏州工业园区总投资约50亿元。故障", encoding="utf-8")
    batch = inputs(SEED_FILES[:2] + [tmp_path / "bad.txt"] + SEED_FILES[2:])
    alone = [run_one(pipeline, item, None).record for item in batch]
    attribute = extract.pipeline.attribute

    def failing(doc, candidates, rules):
        if "故障" in doc.text:
            raise ValueError("no such reading")
        return attribute(doc, candidates, rules)

    monkeypatch.setattr(extract.pipeline, "attribute", failing)
    results = run_batch(pipeline, batch, None)
    assert results[2].error == f"{tmp_path / 'bad.txt'}: cannot process: ValueError: no such reading"
    assert [r.record for r in results[:2] + results[3:]] == alone[:2] + alone[3:]
    assert all(r.record["facts"] for r in results[:2] + results[3:])


def test_a_document_too_large_for_one_window_is_extracted_alone_window_by_window(pipeline, tmp_path, monkeypatch):
    seeds = "".join(path.read_text(encoding="utf-8") for path in SEED_FILES)
    (tmp_path / "dump.txt").write_text(seeds * 3, encoding="utf-8")
    monkeypatch.setattr(extract.windows, "WINDOW", len(seeds))
    batch = inputs(SEED_FILES[:2] + [tmp_path / "dump.txt"] + SEED_FILES[2:])
    together = [r.record for r in run_batch(pipeline, batch, None)]
    assert together == [run_one(pipeline, item, None).record for item in batch]
    assert len(together[2]["facts"]) > 3 * len(together[0]["facts"])


def test_a_long_list_of_inputs_passes_the_stages_a_bounded_batch_at_a_time(searched, tmp_path):
    short = tmp_path / "short.txt"  # short articles: the batches are cut by their number, not their bytes
    short.write_text("连云港高新区一季度签约项目38个,总投资约120亿元。", encoding="utf-8")
    many = inputs([short] * (3 * SERIAL_BATCH_DOCUMENTS + 5))
    results = process_batch(many, BatchOptions())
    assert len(results) == len(many) and all(r.error is None for r in results)
    assert searched == [SERIAL_BATCH_DOCUMENTS] * 3 + [len(many) - 3 * SERIAL_BATCH_DOCUMENTS]
