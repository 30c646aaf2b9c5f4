"""Shared test helpers: the repository's folders and the data beside it in ../shared."""

import os
import shutil
from pathlib import Path

import pytest
from opencc import OpenCC

from extract.pipeline import BATCH_DOCUMENTS

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or a visible skip when this checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the shared test data is not beside this checkout")
    return path


@pytest.fixture(autouse=True, scope="session")
def compiled_rules_cache(tmp_path_factory):
    """The tests' runs, and the commands they start, keep compiled rules in a folder of their own."""
    before = os.environ.get("EXTRACT_CACHE_DIR")
    os.environ["EXTRACT_CACHE_DIR"] = str(tmp_path_factory.mktemp("compiled-rules"))
    yield
    if before is None:
        del os.environ["EXTRACT_CACHE_DIR"]
    else:
        os.environ["EXTRACT_CACHE_DIR"] = before


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A copy of the built-in rules folder, to break on purpose."""
    folder = tmp_path / "rules"
    shutil.copytree(REPO / "rules", folder)
    return folder


def edit(path: Path, old: str, new: str, count: int = -1) -> None:
    """Replace `old` in a rule file (every time, or the first `count` times); it must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds, simplified and traditional, several times over, with failing documents among them."""
    folder = tmp_path_factory.mktemp("corpus")
    s2t = OpenCC("s2t")
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for n in range(2 * BATCH_DOCUMENTS):
        text = seeds[n % len(seeds)]
        (folder / f"{n:03d}.txt").write_text(s2t.convert(text) if n % 2 else text, encoding="utf-8")
    (folder / "020_gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "021_huge.txt").write_text("苏州工业园区总投资" + "9" * 4300 + "亿元。", encoding="utf-8")
    (folder / "022_binary.txt").write_bytes(bytes(range(256)) * 4)
    return folder
