"""Stage 1: finding inputs, decoding every encoding Chinese news arrives in, blanking HTML."""

from pathlib import PurePosixPath

import pytest

from extract.errors import InputError
from extract.read import as_posix, blank_markup, decode, find_inputs, read_source

SAMPLE = "臺北市內湖科技園區招商引資簽約項目30個，總投資約50億元。"
SIMPLIFIED = "苏州工业园区一季度新签约项目30个,总投资约50亿元,复工率达到95%。"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (SIMPLIFIED, "gb18030"),
        (SIMPLIFIED, "gbk"),
        (SAMPLE, "big5"),
        (SIMPLIFIED, "utf-8"),
        (SAMPLE, "utf-8-sig"),
        (SAMPLE, "utf-16"),
    ],
)
def test_decodes_chinese_encodings_without_being_told(text, codec):
    decoded, _, warnings = decode(text.encode(codec), None, "sample.txt")
    assert decoded == text
    assert warnings == []


def test_forced_encoding_wins():
    decoded, used, _ = decode(SIMPLIFIED.encode("gb18030"), "gb18030", "x.txt")
    assert decoded == SIMPLIFIED and used == "gb18030"


def test_undecodable_bytes_are_replaced_and_reported():
    data = SIMPLIFIED.encode("utf-8") + b"\xff\xfe\xfd" + "完".encode("utf-8") * 3000
    decoded, _, warnings = decode(data, None, "broken.txt")
    assert "\ufffd" in decoded and decoded.startswith(SIMPLIFIED)
    assert warnings and "broken.txt" in warnings[0] and "undecodable bytes" in warnings[0]


def test_unknown_encoding_names_the_file():
    with pytest.raises(InputError, match="x.txt: unknown encoding"):
        decode(b"abc", "no-such-codec", "x.txt")


def test_folders_expand_to_sorted_article_files(tmp_path):
    for name in ("b.txt", "a.html", "c.md", "notes.json", "sub/d.htm", "e.shtml", "f.xhtml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [i.path.removeprefix(tmp_path.as_posix() + "/") for i in find_inputs([str(tmp_path)]).found]
    assert found == ["a.html", "b.txt", "c.md", "e.shtml", "f.xhtml", "sub/d.htm"]


def test_html_markup_is_blanked_keeping_offsets():
    page = (
        '<html><head><style>p{color:red}</style><script>var x="总投资9亿元";</script></head>'
        "<body><p>合肥高新区&nbsp;总投资<b>385.7</b>亿元</p></body></html>"
    )
    content = blank_markup(page)
    assert len(content) == len(page)
    assert "总投资9亿元" not in content and "color" not in content and "<" not in content
    start = content.index("合肥高新区")
    assert page[start : start + 5] == "合肥高新区"


def test_missing_file_is_an_input_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="nope.txt: cannot read"):
        read_source(str(tmp_path / "nope.txt"))


def test_binary_data_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    with pytest.raises(InputError, match="image.txt: binary data"):
        read_source(str(path))


# ---- input that real pages contain


def markup_heavy(body: str, head: str) -> str:
    """A scraped page: mostly ASCII markup, a little Chinese, so a misdecoding leaves few bad bytes."""
    furniture = '<div class="nav"><a href="/index.html">x</a></div>\n' * 400
    return f"<html><head>{head}<title>t</title></head><body>{furniture}<p>{body}</p>{furniture}</body></html>"


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        ("<meta charset=gbk>", "gbk"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"),
        ("<meta charset='big5'>", "big5"),
    ],
)
def test_an_html_page_is_decoded_as_it_declares(tmp_path, head, codec):
    text = SIMPLIFIED if codec != "big5" else SAMPLE
    page = markup_heavy(text, head)
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(codec))
    source = read_source(str(path))
    assert source.text == page and source.warnings == []


def test_an_xml_declaration_is_honoured(tmp_path):
    page = '<?xml version="1.0" encoding="GB2312"?>\n' + markup_heavy(SIMPLIFIED, "")
    path = tmp_path / "page.xhtml"
    path.write_bytes(page.encode("gb2312"))
    assert read_source(str(path)).text == page


def test_a_declaration_that_valid_utf8_contradicts_is_ignored(tmp_path):
    page = markup_heavy(SIMPLIFIED, "<meta charset=gbk>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    assert read_source(str(path)).text == page


@pytest.mark.parametrize("where", [100, 20_000])
def test_a_few_nuls_are_stripped_with_a_warning_wherever_they_are(tmp_path, where):
    text = ("今天天气很好。\n" * 3000)[:where] + "\x00" + SIMPLIFIED
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode("utf-8"))
    source = read_source(str(path))
    assert "\x00" not in source.text and source.text.endswith(SIMPLIFIED)
    assert any("NUL" in warning for warning in source.warnings)


def test_a_nul_after_the_sniffed_head_of_a_binary_file_is_still_binary(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"x" * 10_000 + bytes(range(256)) * 10)
    with pytest.raises(InputError, match="binary data"):
        read_source(str(path))


def test_classic_mac_line_endings_are_line_breaks(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes("苏州工业园区招商引资\r2022-03-01\r一季度新签约项目30个。\r".encode("utf-8"))
    source = read_source(str(path))
    assert source.content.split("\n")[:2] == ["苏州工业园区招商引资", "2022-03-01"]
    assert len(source.content) == len(source.text)


def test_entities_and_odd_spaces_read_as_plain_spaces_keeping_offsets(tmp_path):
    path = tmp_path / "page.html"
    page = "<p>总投资&nbsp;12&nbsp;亿元，复工率达79.2&#37;，总投资\u00a012\u2009亿元</p>"
    path.write_text(page, encoding="utf-8")
    source = read_source(str(path))
    assert len(source.content) == len(page)
    readable = source.content.replace("\x00", "")
    assert "总投资 12 亿元" in readable and "79.2%" in readable and "总投资 12 亿元" in readable.split("，")[-1]


def test_a_listed_path_already_in_forward_slashes_is_kept_not_copied():
    # The input list holds every path of a run: a copy of each would be a megabyte per 10,000 files.
    path = "/".join(["folder", "2024", "article.txt"])  # built, so that no literal is shared by interning
    assert as_posix(path) is path
    assert as_posix(str(PurePosixPath("a") / "b.txt")) == "a/b.txt"


def test_the_input_list_holds_a_files_path_and_id_and_makes_its_input_when_reached(tmp_path):
    import sys
    import tracemalloc

    for n in range(2000):
        (tmp_path / f"{n:04d}.txt").write_text("x", encoding="utf-8")
    tracemalloc.start()
    found = find_inputs([str(tmp_path)]).found
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    strings = sum(sys.getsizeof(i.path) + sys.getsizeof(i.doc_id) for i in found)
    # Besides the strings, under 100 bytes a file (75 here, with the lists' slots); an Input object each is 64 more.
    assert (held - strings) / len(found) < 100
    items = list(found)
    assert items == [found[i] for i in range(len(found))] == found[:] and items[-1].doc_id == "1999"


@pytest.mark.parametrize("written", [True, False], ids=["output written", "output not yet written"])
def test_the_output_is_skipped_by_any_path_that_resolves_to_it(tmp_path, written):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("文", encoding="utf-8")
    output = tmp_path / "facts.txt"
    if written:
        output.write_text("{}", encoding="utf-8")
        (folder / "hard-link.txt").hardlink_to(output)  # the same file under a path of its own: read
    (folder / "link.txt").symlink_to(output)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    found = [PurePosixPath(i.path).name for i in find_inputs([str(folder)], skip=output).found]
    assert found == ["a.txt", "dangling.txt"] + (["hard-link.txt"] if written else [])
