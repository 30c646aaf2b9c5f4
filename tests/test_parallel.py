"""--jobs: documents processed in worker processes give the same bytes, in the same order, as one process."""

import json

import pytest

from conftest import SEEDS
from test_cli import ARTICLE, extract
from test_cli_files import jsonl

from extract.pipeline import BATCH_DOCUMENTS, batches
from extract.read import STDIN, Input


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_any_number_of_jobs_writes_the_same_bytes(corpus, fmt):
    one, two = (extract(str(corpus), "-f", fmt, "-j", jobs) for jobs in ("1", "2"))
    assert one.returncode == two.returncode == 1  # the failing documents
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert len(one.stdout) > 50_000


def test_records_keep_input_order_with_each_error_record_in_its_place(corpus):
    records = jsonl(extract(str(corpus), "-f", "jsonl", "-j", "2"))
    assert [r["doc_id"] for r in records] == sorted(p.stem for p in corpus.iterdir())
    failed = [r["doc_id"] for r in records if "error" in r]
    assert failed == ["020_gone", "021_huge", "022_binary"]
    assert all(r["facts"] for r in records if "error" not in r)


def test_standard_input_is_read_in_its_place_among_files_processed_by_workers(corpus):
    result = extract(str(corpus), "-", str(SEEDS), "-f", "jsonl", "-j", "2", stdin=ARTICLE.encode())
    ids = [r["doc_id"] for r in jsonl(result)]
    assert ids[len(ids) - 6] == "stdin" and ids[-5:] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    stdin_record = jsonl(result)[len(ids) - 6]
    assert stdin_record["facts"] == json.loads(extract("-", "-f", "json", stdin=ARTICLE.encode()).stdout)[0]["facts"]


def test_batches_are_bounded_and_standard_input_is_alone_in_its_own(tmp_path):
    inputs = [Input(f"{n}.txt", str(n)) for n in range(BATCH_DOCUMENTS + 8)]
    inputs.insert(5, Input(STDIN, "stdin"))
    parts = list(batches(inputs))
    assert [len(p) for p in parts] == [5, 1, BATCH_DOCUMENTS, 3]
    assert parts[1] == [Input(STDIN, "stdin")] and sum(parts, []) == inputs


def test_workers_send_back_records_and_the_texts_only_when_asked(corpus):
    from extract.options import Extraction

    def run(jobs: int, texts: bool = False) -> tuple[list, Extraction]:
        extraction = Extraction(None, None, show_warnings=False, jobs=jobs, texts=texts)
        return list(extraction.results([str(corpus)])), extraction

    alone, one = run(1)
    sent, two = run(2)
    assert [r.record for r in sent] == [r.record for r in alone]
    assert (two.read, two.failed, two.facts) == (one.read, one.failed, one.facts) and one.facts > 100
    assert all(r.source == "" and r.content == "" for r in sent)  # the texts are most of the bytes to pickle
    with_texts, _ = run(2, texts=True)  # the review page's
    assert [r.source for r in with_texts] == [r.source for r in alone] and alone[0].source


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_workers_send_back_records_rendered_in_the_output_format(corpus, fmt):
    from extract.options import Extraction
    from extract.write import render

    one = Extraction(None, None, show_warnings=False, jobs=1)
    alone = list(one.results([str(corpus)]))
    two = Extraction(None, None, show_warnings=False, jobs=2, render=fmt)
    sent = list(two.results([str(corpus)]))
    assert [r.rendered for r in sent] == [render(fmt, r.record) for r in alone]
    assert all(r.record["facts"] == [] for r in sent)  # the parent unpickles text and the record's header only
    assert (two.read, two.failed, two.facts) == (one.read, one.failed, one.facts) and one.facts > 100
