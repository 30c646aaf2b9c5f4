"""Throughput of `extract` against a plain-regex floor, on the seeds repeated to a few megabytes.

Run with `make bench`. Timings vary with the machine and its load: they are measured here,
never asserted in tests.
"""

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

from extract.parallel import usable_cores
from extract.pipeline import run_paths
from extract.report import render_report
from extract.ruleset import load_rules

REPEAT = 60
LARGE_MB = 100  # one document far larger than any article: processed in windows
REPORT_DOCUMENTS = 2000
# The floor: five plain patterns (money, percent, date, rate word, project count), no resolution.
FLOOR = [
    regex.compile(p)
    for p in (
        r"[0-9.]+[万亿]?[元美]",
        r"[0-9.]+%",
        r"[0-9]{1,2}月[0-9]{1,2}日",
        r"复工率|返岗率",
        r"项目[0-9]+个",
    )
]


def hostile_inputs(seeds: Path) -> dict[str, str]:
    """Shapes that make careless patterns quadratic: one endless line, runs of one character or digit."""
    article = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    return {
        "one 800 KB line": article.replace("\n", "") * 20,
        "900 KB of one Han character": "高" * 300_000 + "区",
        "250 KB of digits": ("1" * 5000 + "亿元") * 50,
    }


def dask_engine_line(corpus: Path, size: float) -> str:
    """The Dask engine on a local cluster (one worker process per core), against --jobs on as many cores:
    whole processes, so the cluster's start and its rules shipped to each worker are in its time."""
    cores = usable_cores()
    seconds = {}
    for engine in ("local", "dask"):
        command = [sys.executable, "-m", "extract", str(corpus), "-f", "jsonl", "-o", "/dev/null", "-q"]
        started = time.perf_counter()
        subprocess.run([*command, "--engine", engine, "-j", str(cores)], check=True)
        seconds[engine] = time.perf_counter() - started
    return (
        f"dask engine, {cores} workers: {seconds['dask']:6.2f} s  {size / seconds['dask']:7.2f} MB/s"
        f"  (--jobs {cores} in the same run: {seconds['local']:.2f} s)"
    )


def main(seeds: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder)
        for i in range(REPEAT):
            for seed in sorted(seeds.glob("*.txt")):
                (corpus / f"{seed.stem}_{i}.txt").write_bytes(seed.read_bytes())
        size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        rules = load_rules()
        started = time.perf_counter()
        facts = sum(len(r.document.facts) for r in run_paths([folder], rules=rules))
        pipeline = time.perf_counter() - started
        started = time.perf_counter()
        hits = sum(len(p.findall(f.read_text(encoding="utf-8"))) for f in corpus.iterdir() for p in FLOOR)
        floor = time.perf_counter() - started
        dask_line = dask_engine_line(corpus, size)
    print(f"corpus: {size:.1f} MB in {REPEAT * len(list(seeds.glob('*.txt')))} documents")
    print(f"extract:     {pipeline:6.2f} s  {size / pipeline:7.2f} MB/s  {facts} facts")
    print(f"regex floor: {floor:6.2f} s  {size / floor:7.2f} MB/s  {hits} hits")
    print(dask_line)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in hostile_inputs(seeds).items():
            path = Path(folder) / "hostile.txt"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            list(run_paths([str(path)], rules=rules))
            print(f"hostile, {name}: {time.perf_counter() - started:6.2f} s")
        seeds_text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
        results = list(run_paths([str(seeds)], rules=rules))
        items = [
            ({**r.record, "doc_id": f"{r.record['doc_id']}-{n}"}, r.source)
            for n in range(REPORT_DOCUMENTS // len(results))
            for r in results
        ]
        started = time.perf_counter()
        page = render_report(items)
        print(f"report of {len(items)} documents: {time.perf_counter() - started:6.2f} s, {len(page) / 1e6:.1f} MB")
        path = Path(folder) / "large.txt"
        with path.open("w", encoding="utf-8") as out:
            while out.tell() < LARGE_MB * 1_000_000:
                out.write(seeds_text)
        # In a process of its own, so that its peak memory is its own.
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "extract", str(path), "-f", "jsonl", "-o", "/dev/null"], check=False)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"one {LARGE_MB} MB document: {time.perf_counter() - started:6.1f} s, peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "seeds"))
