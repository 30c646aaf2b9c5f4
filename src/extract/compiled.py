"""A rules folder's pipeline, compiled once and kept on disk between runs.

Validating the rule files, compiling their patterns and reading the gazetteer and the common words
take about 0.4 s, more than a one-file run's extraction; unpickling what they compile to takes a
fortieth of that (a `regex` pattern pickles as its compiled code). An entry's name is a digest of
everything the pipeline is built from: every file of the rules folder and of the built-in one (which
stands in for what a folder lacks), this package's own source, and the versions of Python and regex.
Any change makes a new entry, and a file the cache cannot read, trust or write is passed over: the
pipeline is then compiled as without a cache.

The cache is `$EXTRACT_CACHE_DIR`, else `$XDG_CACHE_HOME/extract`, else `~/.cache/extract`; set
`EXTRACT_NO_CACHE=1` to go without. Only a folder of the user's own that no one else may write is
used, since unpickling runs what the file says."""

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

import regex

from extract.pipeline import Pipeline
from extract.ruleset import default_rules_dir, load_rules

KEPT_ENTRIES = 8  # older entries (rules since edited, earlier versions) are deleted when one is written
PACKAGE = Path(__file__).parent


def cache_dir() -> Path | None:
    if os.environ.get("EXTRACT_NO_CACHE"):
        return None
    if os.environ.get("EXTRACT_CACHE_DIR"):
        return Path(os.environ["EXTRACT_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extract"


def digest(rules_dir: Path | None) -> str:
    """A digest of what the pipeline of `rules_dir` is built from."""
    h = hashlib.sha256(f"{sys.version}\0{regex.__version__}\0".encode())
    folders = [default_rules_dir()] + ([rules_dir] if rules_dir is not None else [])
    sources = [p for folder in folders for p in sorted(folder.iterdir()) if p.is_file()]
    for path in sources + sorted(PACKAGE.rglob("*.py")):
        # in three parts: joined, the 2.5 MB of the gazetteer and the common words were copied at every start
        h.update(f"{path}\0".encode())
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def trusted(folder: Path) -> bool:
    """The user's own folder, which no one else may write: what it holds was written by this user."""
    try:
        info = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def compiled_pipeline(rules_dir: Path | None = None) -> Pipeline:
    """The pipeline of the rules folder (built-in by default), from the cache when it holds one for the
    folder as it is now. Raises RulesError when the rules are invalid, as `load_rules` does."""
    folder = cache_dir()
    if folder is None:
        return Pipeline(load_rules(rules_dir))
    try:
        entry = folder / f"pipeline-{digest(rules_dir)}.pickle"
    except OSError:  # a rules folder that cannot be read: load_rules names the problem
        return Pipeline(load_rules(rules_dir))
    if trusted(folder):
        try:
            with entry.open("rb") as f:
                cached = pickle.load(f)
            if isinstance(cached, Pipeline):
                return cached
        except Exception:  # absent, or written by a run that was cut short: compiled again below
            pass
    pipeline = Pipeline(load_rules(rules_dir))
    store(folder, entry, pipeline)
    return pipeline


def store(folder: Path, entry: Path, pipeline: Pipeline) -> None:
    """Write the entry atomically, then delete all but the newest entries; nothing if the folder is unfit."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(folder):
            return
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".pipeline-", delete=False) as f:
            try:
                pickle.dump(pipeline, f, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                os.unlink(f.name)
                raise
        os.replace(f.name, entry)
        entries = sorted(folder.glob("pipeline-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEPT_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:  # a read-only home, a full disk: the next run compiles again
        pass
