"""Throughput of `extract` against a plain-regex floor, whole processes, on a corpus of a few megabytes.

Run with `make bench` (a few minutes). The corpus is the seeds and the dev corpus (DEV_CORPUS, when it
is there) copied many times, every other copy converted to traditional Chinese, in a temporary folder.
Every figure is a whole process (start-up included), timed from outside; commands run in turn, round
after round (floor, --jobs 1, --jobs 2, ...), so that a machine whose speed drifts slows them alike, and
the median of the rounds is printed; --jobs 1 over the floor and the parallel efficiency also round by
round, as runs made one after the other share the machine's speed of the moment. Parallel efficiency is
measured against the machine's own ceiling in the same run: the speed-up of --jobs 2 over --jobs 1,
divided by the speed-up of two copies of a CPU-bound Python loop over one. Peak memory is the largest of
a command's processes; this process imports nothing but the standard library until the timings are done,
as a process's peak counts the image it was forked from. The compiled rules are in the user's cache
before the timings start, as after any first run; "one file, compiling rules" shows a run without it.
Timings vary with the machine and its load: they are measured here, never asserted in tests.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROUNDS = 5  # this machine's speed drifts by a quarter within minutes: five rounds steady the medians
COPIES = 51  # 2,805 files with the seeds and the dev corpus: about 6 MB
MEMORY_SCALE = 10  # peak memory on 10x the corpus must stay within 20% of 1x: memory is flat
LARGE_MB = 10  # one document far larger than any article: processed in windows
REPORT_DOCUMENTS = 2000
LOOP = "for i in range(20_000_000): pass"  # CPU-bound, no I/O: what two processors give two copies of it
# The floor: read and decode every file, then five plain patterns (money, percent, date, rate word,
# project count), no resolution.
FLOOR = (
    r"[0-9.]+[万亿]?[元美]",
    r"[0-9.]+%",
    r"[0-9]{1,2}月[0-9]{1,2}日",
    r"复工率|返岗率",
    r"项目[0-9]+个",
)


def floor(folder: Path) -> None:
    import regex

    patterns = [regex.compile(p) for p in FLOOR]
    hits = 0
    for path in sorted(folder.iterdir()):
        text = path.read_bytes().decode("utf-8")
        hits += sum(len(p.findall(text)) for p in patterns)
    print(hits)


def build_corpus(folder: Path, sources: list[Path], copies: int) -> None:
    """`copies` copies of every source file, every other file in traditional Chinese."""
    from opencc import OpenCC

    s2t = OpenCC("s2t")
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sources]
    traditional = [s2t.convert(text) for _, text in texts]
    n = 0
    for copy in range(copies):
        for (stem, text), trad in zip(texts, traditional):
            (folder / f"{copy:03d}_{stem}.txt").write_text(trad if n % 2 else text, encoding="utf-8")
            n += 1


def scaled(folder: Path, corpus: Path, times: int) -> None:
    """`times` hard links of every corpus file: the same bytes, `times` as many documents."""
    for i in range(times):
        for path in corpus.iterdir():
            os.link(path, folder / f"{i:02d}_{path.name}")


def timed(*commands: list[str], stderr_to: Path | None = None) -> tuple[float, float]:
    """Run the commands at once; the wall seconds until the last ends and the largest peak RSS (MB) of any."""
    started = time.perf_counter()
    err = stderr_to.open("w") if stderr_to else subprocess.DEVNULL
    processes = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=err) for c in commands]
    peaks = [os.wait4(p.pid, 0)[2].ru_maxrss / 1024 for p in processes]
    wall = time.perf_counter() - started
    if stderr_to:
        err.close()
    return wall, max(peaks)


def extract_command(folder: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "extract", str(folder), "-f", "jsonl", "-q", "-o", os.devnull, *options]


class Runs(NamedTuple):
    wall: float  # median
    peak: float  # median, MB
    walls: list[float]  # round by round


def median_runs(commands: dict[str, list[list[str]]], rounds: int, profile_log: Path) -> dict[str, Runs]:
    """Each named set of commands (run at once) `rounds` times, in turn; median wall and median peak."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, group in commands.items():
            wall, peak = timed(*group, stderr_to=profile_log if "--profile" in group[0] else None)
            walls[name].append(wall)
            peaks[name].append(peak)
    return {name: Runs(statistics.median(walls[name]), statistics.median(peaks[name]), walls[name]) for name in walls}


def by_round(ratios: list[float]) -> str:
    """Ratios of runs made one after the other in each round: the machine's drift between rounds cancels."""
    return f"{' '.join(f'{r:.2f}' for r in sorted(ratios))} (median {statistics.median(ratios):.2f})"


GAZETTEER = Path(__file__).resolve().parent.parent / "rules" / "places.txt"


def place_names(count: int) -> list[str]:
    """Short names of prefectures and counties in use, from the gazetteer, in its order."""
    rows = (line.split("\t") for line in GAZETTEER.read_text(encoding="utf-8").splitlines())
    wanted = [row for row in rows if len(row) == 4 and row[1] in ("prefecture", "county")]
    return [row[0] for row in wanted if row[2:] == ["short", "current"]][:count]


def hostile_inputs(seeds: Path) -> dict[str, str]:
    """Shapes that make careless patterns or attribution quadratic: one endless line, runs of one character or
    digit, one park named thousands of times in a page without a break (its one lead paragraph), a page of
    thousands of sections, a catalogue of thousands of parks in one paragraph."""
    article = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    return {
        "one 800 KB line": article.replace("\n", "") * 20,
        "900 KB of one Han character": "高" * 300_000 + "区",
        "250 KB of digits": ("1" * 5000 + "亿元") * 50,
        "one park 13,000 times, no break": "合肥高新区总投资1亿元" * 13_000,
        "one page of 6,000 sections": "".join(
            f"{place}高新区项目开工\n本报讯 {place}高新区开工项目9个,总投资3亿元,复工率达95%。\n\n\n"
            for place in ["昆山", "南通", "合肥", "苏州", "无锡", "常州", "扬州", "镇江", "泰州", "盐城"] * 600
        ),
        "a paragraph of 2,900 distinct parks": "".join(
            f"{place}高新区开工项目9个," for place in place_names(2_900)
        ),
    }


def main(seeds: Path, dev_corpus: Path) -> None:
    sources = sorted(seeds.glob("*.txt"))
    if dev_corpus.is_dir():
        sources += sorted(dev_corpus.glob("*.txt"))
    else:
        print(f"note: {dev_corpus} is absent: the corpus is the seeds alone")
    copies = COPIES * 55 // len(sources)  # the same size with the seeds alone
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        corpus, large = root / "corpus", root / "large"
        corpus.mkdir()
        large.mkdir()
        # In a process of its own, which alone loads the converter.
        build = [
            sys.executable,
            __file__,
            "--build",
            str(corpus),
            "--copies",
            str(copies),
            "--sources",
            *map(str, sources),
        ]
        subprocess.run(build, check=True)
        files, size = len(list(corpus.iterdir())), sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
        scaled(large, corpus, MEMORY_SCALE)
        profile_log = root / "profile.txt"
        loop = [sys.executable, "-c", LOOP]
        timed(extract_command(sources[0], "-j", "1"))  # the rules compiled once, into the cache every run reads
        runs = median_runs(
            {
                "floor": [[sys.executable, __file__, "--floor", str(corpus)]],
                "extract --jobs 1": [extract_command(corpus, "-j", "1", "--profile")],
                "extract --jobs 2": [extract_command(corpus, "-j", "2")],
                # a local Dask cluster of two workers, its start and the rules shipped to them included
                "extract --engine dask -j 2": [extract_command(corpus, "--engine", "dask", "-j", "2")],
                "CPU loop, one copy": [loop],
                "CPU loop, two copies": [loop, loop],
                "python -c pass": [[sys.executable, "-c", "pass"]],
                "extract --version": [[sys.executable, "-m", "extract", "--version"]],
                "extract one file": [extract_command(sources[0], "-j", "1")],
                "one file, compiling rules": [["env", "EXTRACT_NO_CACHE=1", *extract_command(sources[0], "-j", "1")]],
            },
            ROUNDS,
            profile_log,
        )
        scaled_run = median_runs({f"extract {MEMORY_SCALE}x corpus": [extract_command(large)]}, 1, profile_log)
        stages = profile_log.read_text(encoding="utf-8")
    floor_wall = runs["floor"][0]
    print(f"corpus: {size:.1f} MB in {files} files ({len(sources)} sources x {copies}, every other one traditional)")
    print(f"whole processes, median of {ROUNDS} rounds in turn ({MEMORY_SCALE}x corpus: one run)\n")
    print(f"{'':28} {'wall s':>8} {'MB/s':>8} {'files/s':>9} {'x floor':>8} {'peak MB':>8}")
    for name, (wall, peak, _) in {**runs, **scaled_run}.items():
        scale = MEMORY_SCALE if name.endswith("corpus") else 1
        per = name in ("floor", "extract --jobs 1", "extract --jobs 2", "extract --engine dask -j 2") or scale > 1
        mbs, fps = (f"{scale * size / wall:8.2f}", f"{scale * files / wall:9.0f}") if per else (f"{'':8}", f"{'':9}")
        print(f"{name:28} {wall:8.2f} {mbs} {fps} {wall / floor_wall / scale:8.1f} {peak:8.0f}")
    speedup = runs["extract --jobs 1"][0] / runs["extract --jobs 2"][0]
    ceiling = 2 * runs["CPU loop, one copy"][0] / runs["CPU loop, two copies"][0]
    print(f"\nspeed-up of --jobs 2 over --jobs 1: {speedup:.2f}x; of two loop copies over one: {ceiling:.2f}x")
    print(f"parallel efficiency: {speedup / ceiling:.2f}")
    jobs1, jobs2 = runs["extract --jobs 1"].walls, runs["extract --jobs 2"].walls
    one, two = runs["CPU loop, one copy"].walls, runs["CPU loop, two copies"].walls
    print("round by round, sorted:")
    print(f"  --jobs 1 / floor: {by_round([j / f for j, f in zip(jobs1, runs['floor'].walls)])}")
    print(f"  parallel efficiency: {by_round([(a / b) / (2 * c / d) for a, b, c, d in zip(jobs1, jobs2, one, two)])}")
    print(
        f"peak memory, {MEMORY_SCALE}x corpus / 1x (--jobs 2): {scaled_run[next(iter(scaled_run))][1] / runs['extract --jobs 2'][1]:.2f}"
    )
    pass_wall = runs["python -c pass"][0]
    print(
        f"start-up: --version {runs['extract --version'][0] / pass_wall:.1f}x python -c pass, "
        f"one file {runs['extract one file'][0] / pass_wall:.1f}x "
        f"({runs['one file, compiling rules'][0] / pass_wall:.1f}x without the compiled-rules cache)"
    )
    print(f"\nstages of the last --jobs 1 run (--profile, seconds summed over its documents):\n{stages}")
    in_process(seeds)


def in_process(seeds: Path) -> None:
    """The hostile shapes, a review page of 2,000 documents, and one large document (in a process of its own)."""
    from extract.pipeline import run_paths
    from extract.report import render_report
    from extract.ruleset import load_rules

    rules = load_rules()
    with tempfile.TemporaryDirectory() as folder:
        for name, text in hostile_inputs(seeds).items():
            path = Path(folder) / "hostile.txt"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            list(run_paths([str(path)], rules=rules))
            print(f"hostile, {name}: {time.perf_counter() - started:6.2f} s")
        results = list(run_paths([str(seeds)], rules=rules))
        items = [
            ({**r.record, "doc_id": f"{r.record['doc_id']}-{n}"}, r.source)
            for n in range(REPORT_DOCUMENTS // len(results))
            for r in results
        ]
        started = time.perf_counter()
        page = render_report(items)
        print(f"report of {len(items)} documents: {time.perf_counter() - started:6.2f} s, {len(page) / 1e6:.1f} MB")
        seeds_text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
        path = Path(folder) / "large.txt"
        with path.open("w", encoding="utf-8") as out:
            while out.tell() < LARGE_MB * 1_000_000:
                out.write(seeds_text)
        wall, peak = timed(extract_command(path))
        print(f"one {LARGE_MB} MB document: {wall:6.1f} s, peak memory {peak:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path, nargs="?", default=Path("seeds"))
    parser.add_argument("--dev-corpus", type=Path, default=Path("../shared/dev-corpus/docs"))
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # the floor, in a process of its own
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # the corpus, in a process of its own
    parser.add_argument("--copies", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        floor(args.floor)
    elif args.build:
        build_corpus(args.build, args.sources, args.copies)
    else:
        main(args.seeds, args.dev_corpus)
