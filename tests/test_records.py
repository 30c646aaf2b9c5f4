"""The pipeline builds each document's record itself, not through the contract's models: the models must read
every record back and write it out exactly as it is, in the same field order and with the same JSON."""

import json
from pathlib import Path

import pytest

from conftest import SEEDS, shared_dir
from extract.models import Document
from extract.pipeline import Pipeline, run_paths
from extract.read import Source
from extract.ruleset import load_rules

FIXTURES = Path(__file__).parent / "fixtures"


def problems(paths: list[str]) -> list[str]:
    """The records of `paths` that the model does not write back as they are."""
    out = []
    for result in run_paths(paths):
        assert result.error is None, result.error
        written = json.dumps(result.record, ensure_ascii=False)  # a value JSON cannot hold fails here
        again = json.dumps(Document.model_validate(result.record).model_dump(mode="json"), ensure_ascii=False)
        if written != again:
            out.append(f"{result.record['path']}: {written[:300]} != {again[:300]}")
    return out


def test_the_seeds_and_the_fixtures():
    paths = [str(SEEDS), *map(str, sorted(FIXTURES.glob("*/docs")))]
    assert len(list(run_paths(paths))) > 100
    assert problems(paths) == []


def test_the_dev_corpus():
    assert problems([str(shared_dir("dev-corpus", "docs"))]) == []


@pytest.mark.parametrize(
    "text",
    [
        "苏州工业园区2023年总投资385.7亿元,复工率达79.2%。",  # a fractional amount and rate, a date
        "合肥高新区签约项目25个,总投资1200亿元。",  # whole numbers as integers
    ],
)
def test_a_library_gets_the_record_as_the_model(text):
    pipeline = Pipeline(load_rules())
    source = Source("t", "t.txt", text, text, "utf-8")
    record = pipeline.record(source)
    assert pipeline.process(source) == Document.model_validate(record)
    assert pipeline.process(source).model_dump(mode="json") == record
