"""Shared test helpers: the repository's folders and the data beside it in ../shared."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or a visible skip when this checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the shared test data is not beside this checkout")
    return path
