"""A runaway pattern fails its document, not the run: stopped by one timer per document in the main
thread, by regex's own per-search timeout in other threads."""

import contextlib
import dataclasses
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import regex

import extract.time_limit
from extract.pipeline import Pipeline, run_batch, run_one
from extract.read import Input
from extract.ruleset import load_rules
from extract.match import find_candidates
from extract.time_limit import SEARCH_LIMIT, document_limit, search_arguments

RUNAWAY = regex.compile(r"(?:(?:a|aa)+)+c")  # exponential on a run of a's without a c


@pytest.fixture
def runaway_pipeline(monkeypatch):
    monkeypatch.setattr(extract.time_limit, "DOCUMENT_LIMIT", 0.5)
    monkeypatch.setattr(extract.time_limit, "SEARCH_LIMIT", 0.5)
    rules = load_rules()
    runaway = dataclasses.replace(rules.rules[0], regex=RUNAWAY)
    return Pipeline(dataclasses.replace(rules, rules=(runaway, *rules.rules[1:])))


def run_runaway(pipeline, tmp_path):
    (tmp_path / "runaway.txt").write_text("a" * 60, encoding="utf-8")
    (tmp_path / "good.txt").write_text("苏州工业园区总投资约50亿元。", encoding="utf-8")
    started = time.perf_counter()
    failed = run_one(pipeline, Input(str(tmp_path / "runaway.txt"), "runaway"), None)
    elapsed = time.perf_counter() - started
    good = run_one(pipeline, Input(str(tmp_path / "good.txt"), "good"), None)
    return failed, elapsed, good


def test_a_runaway_pattern_is_stopped_in_the_main_thread(runaway_pipeline, tmp_path):
    failed, elapsed, good = run_runaway(runaway_pipeline, tmp_path)
    assert failed.error.endswith(
        f"rule {runaway_pipeline.rules.rules[0].id} ({runaway_pipeline.rules.rules[0].file}) took too long and was stopped"
    )
    assert elapsed < 5 and good.error is None and good.document.facts
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the timer is cleared


def test_a_runaway_pattern_is_stopped_in_a_worker_thread(runaway_pipeline, tmp_path):
    with ThreadPoolExecutor(1) as pool:
        failed, elapsed, good = pool.submit(run_runaway, runaway_pipeline, tmp_path).result()
    assert "took too long" in failed.error and elapsed < 5 and good.error is None


def test_a_runaway_in_a_batch_fails_its_document_only(runaway_pipeline, tmp_path):
    for name, text in [("a", "苏州工业园区总投资约50亿元。"), ("runaway", "a" * 60), ("b", "合肥高新区签约项目12个。")]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    batch = [Input(str(tmp_path / f"{name}.txt"), name) for name in ("a", "runaway", "b")]
    first, failed, last = run_batch(runaway_pipeline, batch, None)
    assert "took too long" in failed.error
    assert first.error is None and first.document.facts and last.error is None and last.document.facts


def test_searches_under_the_document_timer_carry_no_timeout_of_their_own():
    timed = {"timeout": SEARCH_LIMIT}
    assert search_arguments() == timed
    with document_limit():
        assert search_arguments() == {}  # not even timeout=None, which costs a search half a microsecond
        with ThreadPoolExecutor(1) as pool:
            assert pool.submit(search_arguments).result() == timed
    assert search_arguments() == timed



class RecordedPattern:
    """A compiled pattern that records the arguments of its searches."""

    def __init__(self, pattern, calls):
        self.pattern, self.calls = pattern, calls

    def __getattr__(self, name):
        if name not in ("search", "match", "finditer"):
            return getattr(self.pattern, name)

        def record(*args, **kwargs):
            self.calls.append((name, args, kwargs))
            return getattr(self.pattern, name)(*args, **kwargs)

        return record


def recorded_searches(timed: bool) -> list[tuple[str, tuple, dict]]:
    """The searches park.zone and its runs make in an article, with or without the document timer."""
    rules = load_rules()
    calls = []
    zone = next(rule for rule in rules.rules if rule.id == "park.zone")
    parts = ("anchor", "run_before", "run_after")
    runs = dataclasses.replace(zone.within, **{part: RecordedPattern(getattr(zone.within, part), calls) for part in parts})
    recorded = dataclasses.replace(zone, regex=RecordedPattern(zone.regex, calls), within=runs)
    with document_limit() if timed else contextlib.nullcontext():
        assert find_candidates([recorded], "合肥高新区签约项目12个。", rules.signals)
    return calls


def test_searches_under_the_document_timer_keep_the_gil():
    calls = recorded_searches(timed=True)
    assert {name for name, _, _ in calls} == {"search", "match", "finditer"}
    for name, args, kwargs in calls:
        concurrent = args[4] if name == "finditer" else args[3]  # after text, pos, endpos (and overlapped)
        assert concurrent is False and not kwargs, name


def test_the_rules_time_their_own_searches_without_the_timer():
    calls = recorded_searches(timed=False)
    assert [kwargs for name, _, kwargs in calls if name == "finditer"] == [{"timeout": SEARCH_LIMIT}]

def test_a_timer_of_the_program_is_left_alone():
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with document_limit():
            assert search_arguments() == {"timeout": SEARCH_LIMIT}
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 99
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
