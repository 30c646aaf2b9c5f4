"""Documents far larger than any article are processed in bounded windows: none is dropped by the
time limit, and every fact still points at its text in the whole document."""

import extract.time_limit
import extract.windows
from conftest import SEEDS
from extract.pipeline import run_paths
from extract.windows import windows


def test_windows_cover_the_text_and_cut_at_line_breaks():
    text = ("一行文字。" * 30 + "\n") * 200
    spans = windows(text, size=1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(end - start <= 1000 for start, end in spans)
    assert all(text[end - 1] == "\n" for _, end in spans[:-1])


def test_a_line_without_breaks_is_cut_at_sentence_ends_then_anywhere():
    assert all(("一句话。" * 500)[end - 1] == "。" for _, end in windows("一句话。" * 500, size=100)[:-1])
    assert windows("高" * 250, size=100) == [(0, 100), (100, 200), (200, 250)]


def test_a_document_far_larger_than_an_article_is_not_dropped(tmp_path, monkeypatch):
    """Scaled down: a limit of 1 s a document and windows of 20,000 characters, against 400 KB that a
    pass over the whole document takes longer than the limit for."""
    seeds = "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    text = (seeds * (400_000 // len(seeds) + 1))[:400_000]
    (tmp_path / "dump.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(extract.time_limit, "DOCUMENT_LIMIT", 1.0)
    monkeypatch.setattr(extract.windows, "WINDOW", 20_000)
    (result,) = run_paths([str(tmp_path / "dump.txt")])
    assert result.error is None
    facts = result.document.facts
    assert facts and facts[-1].start > 380_000  # the last window too
    assert all(text[f.start : f.end] == f.text for f in facts)
    (first_seed,) = run_paths([str(SEEDS / "000_2cf25d3773507f4e.txt")])
    assert result.document.title == first_seed.document.title  # the header is the first window's
