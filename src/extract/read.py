"""Stage 1, read: find the input files, decode their bytes, blank out HTML markup.

Every later stage works on `Source.content`, a string of the same length as the decoded
text in which markup is blanked out (block tags become line breaks, the rest MARKUP), so
offsets found there are offsets into the decoded source.
"""

import html
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex
from charset_normalizer import from_bytes

from extract.errors import InputError

SUFFIXES = (".txt", ".md", ".html", ".htm")
# Chinese news arrives in UTF-8, GB18030 (a superset of GBK/GB2312), Big5 (cp950 and HKSCS
# extend it) or UTF-16; the detector only chooses among these.
CANDIDATE_CODECS = ["utf_8", "gb18030", "big5hkscs", "cp950", "utf_16"]
# A UTF-8 file with a few broken bytes is still UTF-8; a file where UTF-8 fails everywhere is not.
MAX_BAD_UTF8_SHARE = 0.002
BINARY_SNIFF = 8192  # bytes looked at for NULs, which no text in a single-byte or CJK codec has

BLOCK_TAGS = r"(?:p|br|div|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|blockquote|title|td|th)"
MARKUP = "\x00"  # stands for markup inside a line; normalization drops it, keeping offsets
HIDDEN_ELEMENT = regex.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", regex.I | regex.S)
COMMENT = regex.compile(r"<!--.*?-->", regex.S)
TAG = regex.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>|<![^>]*>|<\?[^>]*>", regex.S)
ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
BLOCK_TAG = regex.compile(BLOCK_TAGS + r"$", regex.I)


@dataclass
class Source:
    doc_id: str
    path: str
    text: str  # the decoded file: fact offsets point into this
    content: str  # same length as text, with markup blanked out
    encoding: str
    warnings: list[str] = field(default_factory=list)


def find_inputs(paths: list[str]) -> Iterator[str]:
    """Expand folders to every readable file below them, in sorted order; '-' is stdin."""
    for given in paths:
        path = Path(given)
        if given == "-" or not path.is_dir():
            yield given
            continue
        # Dangling links are listed too: they fail loudly at reading instead of vanishing.
        found = [p for p in path.rglob("*") if (p.is_file() or p.is_symlink()) and p.suffix.lower() in SUFFIXES]
        for file in sorted(found, key=lambda p: p.relative_to(path).as_posix()):
            yield file.as_posix()


def read_source(given: str, encoding: str | None = None) -> Source:
    """Read one input (a path or '-'); raise InputError naming the file when it cannot be read."""
    if given == "-":
        data, doc_id = sys.stdin.buffer.read(), "stdin"
    else:
        path = Path(given)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{given}: cannot read: {error.strerror or error}") from error
        doc_id = path.stem
    text, used, warnings = decode(data, encoding, given)
    is_html = given.lower().endswith((".html", ".htm")) or looks_like_html(text)
    content = blank_markup(text) if is_html else text
    return Source(doc_id, given, text, content, used, warnings)


def decode(data: bytes, encoding: str | None, name: str) -> tuple[str, str, list[str]]:
    """Decode bytes: a forced encoding, else BOM, strict UTF-8, then a detector over Chinese codecs."""
    if encoding:
        try:
            return data.decode(encoding), encoding, []
        except LookupError as error:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from error
        except UnicodeDecodeError:
            return decode_with_replacement(data, encoding, name)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError:
                return decode_with_replacement(data, codec, name)
    if b"\x00" in data[:BINARY_SNIFF]:
        raise InputError(f"{name}: binary data (NUL bytes), not text; UTF-16 needs its byte-order mark")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    if loose.count("\ufffd") <= MAX_BAD_UTF8_SHARE * len(loose):
        return decode_with_replacement(data, "utf-8", name)
    best = from_bytes(data, cp_isolation=CANDIDATE_CODECS).best()
    if best is None:
        return decode_with_replacement(data, "utf-8", name)
    codec = best.encoding
    return str(best), codec, []


def decode_with_replacement(data: bytes, codec: str, name: str) -> tuple[str, str, list[str]]:
    """Decode what can be decoded; each undecodable byte range becomes U+FFFD and a warning."""
    warnings = []
    position = 0
    while True:
        try:
            data[position:].decode(codec)
            break
        except UnicodeDecodeError as error:
            start, end = position + error.start, position + error.end
            warnings.append(f"undecodable bytes {start}-{end} as {codec} in {name}: replaced by U+FFFD")
            position = end
            if len(warnings) >= 20:
                warnings.append(f"more undecodable bytes in {name} not listed")
                break
    return data.decode(codec, errors="replace"), codec, warnings


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def blank_out(text: list[str], start: int, end: int, first: str = MARKUP) -> None:
    """Replace text[start:end] by MARKUP (keeping line breaks), the first character by `first`."""
    for i in range(start, end):
        if text[i] != "\n":
            text[i] = MARKUP
    if end > start:
        text[start] = first


def blank_markup(text: str) -> str:
    """Blank scripts, styles, comments and tags; block tags become line breaks; entities keep one character."""
    chars = list(text)
    for pattern in (HIDDEN_ELEMENT, COMMENT):
        for m in pattern.finditer(text):
            blank_out(chars, m.start(), m.end())
    masked = "".join(chars)
    for m in TAG.finditer(masked):
        name = m.group(1) or ""
        blank_out(chars, m.start(), m.end(), "\n" if BLOCK_TAG.match(name) else MARKUP)
    masked = "".join(chars)
    for m in ENTITY.finditer(masked):
        decoded = html.unescape(m.group())
        blank_out(chars, m.start(), m.end(), decoded if len(decoded) == 1 else MARKUP)
    return "".join(chars)
