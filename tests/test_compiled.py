"""The compiled rules kept on disk: used when they are what the folder compiles to now, else compiled anew."""

import os
import pickle
import time

import pytest

import extract.compiled
from conftest import SEEDS, edit
from extract.compiled import KEPT_ENTRIES, compiled_pipeline
from extract.pipeline import Pipeline
from extract.read import Source
from extract.ruleset import load_rules

SEED = SEEDS / "000_2cf25d3773507f4e.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(folder))
    monkeypatch.delenv("EXTRACT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def compilations(monkeypatch) -> list:
    """The folders compiled from their files (not loaded from the cache), in order."""
    done = []
    monkeypatch.setattr(extract.compiled, "load_rules", lambda folder: done.append(folder) or load_rules(folder))
    return done


def facts(pipeline: Pipeline) -> list:
    text = SEED.read_text(encoding="utf-8")
    return [f.model_dump() for f in pipeline.process(Source("seed", str(SEED), text, text, "utf-8")).facts]


def entries(folder):
    return sorted(folder.glob("pipeline-*.pickle"))


def test_a_second_run_loads_what_the_first_compiled(cache, compilations):
    first = compiled_pipeline()
    assert len(entries(cache)) == 1 and compilations == [None]
    second = compiled_pipeline()
    assert compilations == [None]  # not compiled again
    assert second is not first and facts(second) == facts(first) == facts(Pipeline(load_rules()))


def test_an_edited_rule_file_is_compiled_anew(cache, compilations, rules_copy):
    compiled_pipeline(rules_copy)
    edit(rules_copy / "rate.toml", "复工率", "复工率", 1)  # the same text: still the entry of these files
    compiled_pipeline(rules_copy)
    assert compilations == [rules_copy]
    (rules_copy / "rate.toml").write_text((rules_copy / "rate.toml").read_text() + "\n", encoding="utf-8")
    compiled_pipeline(rules_copy)
    assert compilations == [rules_copy, rules_copy] and len(entries(cache)) == 2


def test_a_damaged_entry_is_compiled_again_and_replaced(cache, compilations):
    compiled_pipeline()
    [entry] = entries(cache)
    entry.write_bytes(entry.read_bytes()[:1000])  # a run cut short while writing it
    assert facts(compiled_pipeline()) == facts(Pipeline(load_rules()))
    assert len(compilations) == 2
    assert isinstance(pickle.loads(entry.read_bytes()), Pipeline)


loaded = []


def mark_loaded(what: str) -> None:
    loaded.append(what)


class Planted:
    def __reduce__(self):
        return mark_loaded, ("planted",)


def test_a_folder_others_may_write_is_neither_read_nor_written(cache, compilations):
    compiled_pipeline()
    [entry] = entries(cache)
    entry.write_bytes(pickle.dumps(Planted()))
    os.chmod(cache, 0o777)
    compiled_pipeline()
    assert loaded == [] and len(compilations) == 2
    assert entry.read_bytes() == pickle.dumps(Planted())  # nor replaced
    os.chmod(cache, 0o700)
    compiled_pipeline()
    assert loaded == ["planted"]  # the same file in a folder of the user's own is read


def test_without_a_cache_when_asked_or_when_it_cannot_be_written(cache, compilations, monkeypatch, tmp_path):
    monkeypatch.setenv("EXTRACT_NO_CACHE", "1")
    compiled_pipeline()
    assert not cache.exists()
    monkeypatch.delenv("EXTRACT_NO_CACHE")
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(blocked / "cache"))
    assert facts(compiled_pipeline()) == facts(Pipeline(load_rules()))
    assert len(compilations) == 2


def test_old_entries_are_deleted_when_one_is_written(cache):
    cache.mkdir(mode=0o700)
    for n in range(KEPT_ENTRIES + 3):
        old = cache / f"pipeline-old{n}.pickle"
        old.write_bytes(b"")
        os.utime(old, (time.time() - 1000 + n, time.time() - 1000 + n))
    compiled_pipeline()
    names = [p.name for p in entries(cache)]
    assert len(names) == KEPT_ENTRIES
    assert "pipeline-old0.pickle" not in names and f"pipeline-old{KEPT_ENTRIES + 2}.pickle" in names
