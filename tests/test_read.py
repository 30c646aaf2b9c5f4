"""Stage 1: finding inputs, decoding every encoding Chinese news arrives in, blanking HTML."""

import pytest

from extract.errors import InputError
from extract.read import blank_markup, decode, find_inputs, read_source

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
