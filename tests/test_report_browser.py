"""The report as a user sees it: rendered by headless Chromium (Debian's package), filters driven by the URL.

Skipped, with the reason shown, when /usr/bin/chromium is absent (`.ci/run` installs it).
"""

import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from test_report import fact_data, fact_marks, parse_page, sample_items

from extract.report import render_report

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=5000",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} absent: apt-get install chromium")


@pytest.fixture(scope="module")
def items():
    return sample_items()


@pytest.fixture(scope="module")
def page_file(items, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_report(items), encoding="utf-8")
    return path


def chromium(tmp_path: Path, *arguments: str) -> str:
    profile = tmp_path / "chromium-profile"
    done = subprocess.run(
        [str(CHROMIUM), *HEADLESS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def rendered(page_file: Path, tmp_path: Path, fragment: str = ""):
    return parse_page(chromium(tmp_path, "--dump-dom", page_file.as_uri() + fragment))


def shown_marks(page) -> set[str]:
    return {m.attrs["data-fact-id"] for m in fact_marks(page) if "off" not in m.classes}


def shown_rows(page) -> set[str]:
    return {
        row.attrs["data-fact-ref"]
        for row in page.find_all(lambda e: "data-fact-ref" in e.attrs)
        if "hidden" not in row.attrs
    }


def test_every_fact_is_highlighted_and_a_screenshot_is_taken(page_file, items, tmp_path):
    page = rendered(page_file, tmp_path)
    facts = fact_data(page)
    assert len(fact_marks(page)) == len(facts) == sum(len(record["facts"]) for record, _ in items)
    assert shown_marks(page) == shown_rows(page) == set(facts)

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,1800", page_file.as_uri())
    assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and screenshot.stat().st_size > 10_000


def test_kind_in_the_fragment_hides_the_other_kinds(page_file, tmp_path):
    page = rendered(page_file, tmp_path, "#kind=rate")
    facts = fact_data(page)
    rates = {fact_id for fact_id, fact in facts.items() if fact["kind"] == "rate"}
    assert 0 < len(rates) < len(facts)
    assert shown_marks(page) == shown_rows(page) == rates


def test_park_in_the_fragment_hides_other_parks_and_their_documents(page_file, tmp_path):
    park = "无锡高新区"
    page = rendered(page_file, tmp_path, f"#park={quote(park)}")
    facts = fact_data(page)
    of_park = {fact_id for fact_id, fact in facts.items() if fact["park"] == park}
    assert 0 < len(of_park) < len(facts)
    assert shown_marks(page) == shown_rows(page) == of_park
    articles = page.find_all(lambda e: e.tag == "article")
    assert [(a.attrs["id"], "hidden" in a.attrs) for a in articles] == [("d0", False), ("d1", True)]


def test_kind_and_park_combine(page_file, tmp_path):
    page = rendered(page_file, tmp_path, f"#kind=rate&park={quote('合肥经开区')}")
    facts = fact_data(page)
    expected = {i for i, f in facts.items() if f["kind"] == "rate" and f["park"] == "合肥经开区"}
    assert len(expected) == 1
    assert shown_marks(page) == shown_rows(page) == expected
