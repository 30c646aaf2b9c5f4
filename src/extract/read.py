"""Stage 1, read: find the input files, decode their bytes, blank out HTML markup.

Every later stage works on `Source.content`, a string of the same length as the decoded
text in which markup is blanked out (block tags become line breaks, the rest MARKUP), lone
carriage returns are line breaks and odd spaces plain ones, so offsets found there are
offsets into the decoded source.
"""

import codecs
import html
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import regex

from extract import storage
from extract.charmap import translator
from extract.errors import InputError

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SUFFIXES = (".txt", ".md", *HTML_SUFFIXES)
STDIN = "-"
# Chinese news arrives in UTF-8, GB18030 (a superset of GBK/GB2312), Big5 (cp950 and HKSCS
# extend it) or UTF-16; the detector only chooses among these.
CANDIDATE_CODECS = ["utf_8", "gb18030", "big5hkscs", "cp950", "utf_16"]
# A declared charset names the family; decode with its superset, which reads every page the subset does.
# Single-byte declarations (iso-8859-1, windows-1252) are ignored: they decode anything, and carry no Chinese.
DECLARED_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}
HONOURED_DECLARATIONS = {"gb18030", "big5hkscs", "cp950", "utf-8"}
# A file that decodes with a few broken bytes is still in that codec; one that fails everywhere is not.
MAX_BAD_SHARE = 0.002
DECLARATION_SNIFF = 4096  # bytes searched for <meta charset> or an XML declaration, as browsers do
# Control bytes that no text in any codec here has (UTF-16 is read by its BOM first): a file with
# more of them than a stray few is binary. Tab, line breaks, form feed and escape are text.
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
MAX_STRAY_CONTROLS = 8
MAX_CONTROL_SHARE = 0.001
MAX_LISTED_WARNINGS = 20  # of one kind, per document: a page of mojibake gets a summary, not thousands of lines

BLOCK_TAGS = r"(?:p|br|div|li|ul|ol|tr|table|h[1-6]|section|article|header|footer|blockquote|title|td|th)"
MARKUP = "\x00"  # stands for markup inside a line; normalization drops it, keeping offsets
HIDDEN_ELEMENT = regex.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", regex.I | regex.S)
COMMENT = regex.compile(r"<!--.*?-->", regex.S)
TAG = regex.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^>]*>|<![^>]*>|<\?[^>]*>", regex.S)
ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
BLOCK_TAG = regex.compile(BLOCK_TAGS + r"$", regex.I)
DECLARED_CHARSET = regex.compile(
    rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)|<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_:.-]+)",
    regex.I,
)
# No-break, ideographic and the typographic spaces (U+2000..U+200A, U+202F, U+205F) read as a plain
# space, one character for one, so 总投资 12 亿元 with U+00A0 or a thin space matches like ASCII spaces.
ODD_SPACES = {code: " " for code in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
plain_spaces = translator(ODD_SPACES)
LONE_CR = regex.compile(r"\r(?!\n)")  # classic Mac line endings


@dataclass(frozen=True, slots=True)
class Input:
    path: str  # as given or as found below a given folder; '-' is standard input
    doc_id: str
    size: int | None = None  # bytes, when the listing told (URLs); else ask the file
    location: str | None = None  # where to read it, when not at `path` (absolute, for a cluster's workers)


class InputList(Sequence[Input]):
    """A run's inputs in order, each made when it is reached. The list is held for the whole run: for each
    file it keeps the path and the id, not an object besides them (a fifth of its memory)."""

    def __init__(self, named: Sequence[tuple[str, str]] = (), sizes: dict[str, int] | None = None):
        self.paths = [path for path, _ in named]
        self.doc_ids = [doc_id for _, doc_id in named]
        self.sizes = sizes or {}

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index):  # an int gives an Input, a slice a list of them
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        path = self.paths[index]
        return Input(path, self.doc_ids[index], self.sizes.get(path))

    def __iter__(self) -> Iterator[Input]:
        for path, doc_id in zip(self.paths, self.doc_ids):
            yield Input(path, doc_id, self.sizes.get(path))


@dataclass
class Inputs:
    """What a list of paths expands to: the inputs in order, and what could not be listed."""

    found: InputList = field(default_factory=InputList)
    unlisted: list[str] = field(default_factory=list)  # folders that could not be listed: one line each
    notes: list[str] = field(default_factory=list)  # empty folders, skipped links: worth a line, not an error


@dataclass
class Source:
    doc_id: str
    path: str
    text: str  # the decoded file: fact offsets point into this
    content: str  # same length as text, with markup blanked out
    encoding: str
    warnings: list[str] = field(default_factory=list)
    html: bool = False


def find_inputs(paths: list[str], follow: bool = False, skip: Path | None = None) -> Inputs:
    """Expand folders to every input file below them, in sorted order, each with a doc_id unique in
    the run; '-' is stdin. Symbolic links to folders are followed only with `follow`; `skip` (the output
    file) is never read back."""
    inputs = Inputs()
    is_output = output_test(skip) if skip is not None else None
    named: list[tuple[str, str]] = []  # (path, doc_id before making ids unique)
    sizes: dict[str, int] = {}
    for given in paths:
        if given == STDIN:
            named.append((STDIN, "stdin"))
        elif storage.is_url(given):
            try:
                listed = storage.list_files(given, SUFFIXES)
            except OSError as error:
                inputs.unlisted.append(f"{given}: cannot list: {error.strerror or error}")
                continue
            if not listed:
                inputs.notes.append(f"{given}: no {' '.join(SUFFIXES)} files in this folder")
            named += [(url, doc_id) for url, doc_id, _ in listed]
            sizes.update((url, size) for url, _, size in listed)
        elif Path(given).is_dir():
            folder = str(Path(given))
            # Strings, sorted in place: a Path object or a tuple per file would be most of a long run's memory.
            files = walk(folder, follow, inputs, ancestors=set())
            if is_output is not None:
                files = [p for p in files if not is_output(p)]
            files.sort(key=lambda p: relative_posix(p, folder))
            if not files:
                inputs.notes.append(f"{given}: no {' '.join(SUFFIXES)} files in this folder")
            named += [(as_posix(p), without_suffix(relative_posix(p, folder))) for p in files]
            del files
        else:
            named.append((given, Path(given).stem))
    seen: set[str] = set()
    unique = []
    for path, doc_id in named:
        key = path if path == STDIN or storage.is_url(path) else os.path.normpath(path)
        key = path if key == path else key  # the path itself, not an equal copy of it, in the set
        if key not in seen:  # a file given twice, or as a file and inside its folder, is one input
            seen.add(key)
            unique.append((path, doc_id))
    del named, seen
    inputs.found = InputList(unique_ids(unique), sizes)
    return inputs


def output_test(output: Path) -> Callable[[str], bool]:
    """The test of whether a listed file is `output`: whether its path resolves to the output's. Resolving
    every listed path took 37 ms for 2,805 files, each component looked up anew; a stat of each, 3 ms. Only
    the same file can be the output, so only a file with the output's device and inode is resolved, and a
    file that cannot be stated (a dangling link, maybe to an output not yet written)."""
    resolved = output.resolve()
    try:
        identity = os.stat(output)
    except OSError:
        identity = None

    def is_output(path: str) -> bool:
        try:
            info = os.stat(path)
        except OSError:
            return Path(path).resolve() == resolved
        return identity is not None and os.path.samestat(info, identity) and Path(path).resolve() == resolved

    return is_output


def walk(folder: str, follow: bool, inputs: Inputs, ancestors: set[tuple[int, int]]) -> list[str]:
    """Input files below `folder`; a folder that cannot be listed is recorded in `inputs.unlisted`."""
    # The folder's files are kept as path strings, not as the entries of its listing (twice their memory),
    # and its folders are walked once it is listed, so that a listing that fails midway lists nothing.
    found, folders = [], []
    try:
        identity = os.stat(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) or (entry.is_symlink() and os.path.isdir(entry.path)):
                    folders.append(entry)
                elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
                    found.append(entry.path)  # dangling links too: they fail loudly at reading instead of vanishing
    except OSError as error:
        inputs.unlisted.append(f"{PurePath(folder).as_posix()}: cannot list folder: {error.strerror or error}")
        return []
    here = ancestors | {(identity.st_dev, identity.st_ino)}
    for entry in folders:
        if not entry.is_dir(follow_symlinks=False):  # a link to a folder
            target = os.stat(entry.path)
            if not follow:
                continue  # as ripgrep does without -L; --help says so
            if (target.st_dev, target.st_ino) in here:
                inputs.notes.append(f"{PurePath(entry.path).as_posix()}: skipped, a link back to a folder above it")
                continue
        found += walk(entry.path, follow, inputs, here)
    return found


def relative_posix(path: str, folder: str) -> str:
    """A path that walk(folder) found (the folder, a separator, the rest), relative to the folder, with
    forward slashes. Cut as a string: PurePath methods cost 7 µs a call, over a second per 100,000 files."""
    return as_posix(path[len(os.path.join(folder, "")) :])


def as_posix(path: str) -> str:
    """The path with forward slashes: the string itself when it has them already, not a copy of it."""
    return path if os.sep == "/" else path.replace(os.sep, "/")


def without_suffix(path: str) -> str:
    """A relative posix path without its file's extension: 2022-01/index.html -> 2022-01/index."""
    return os.path.splitext(path)[0]


def unique_ids(named: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Inputs that would share an id take their path as given without the extension, then with it."""
    for make_id in (lambda path: PurePath(path).with_suffix("").as_posix(), lambda path: path):
        counts = Counter(doc_id for _, doc_id in named)
        if len(counts) < len(named):  # else every id is unique already: no second list of them all
            named = [(path, make_id(path) if counts[doc_id] > 1 else doc_id) for path, doc_id in named]
    return named


def read_source(given: Input | str, encoding: str | None = None) -> Source:
    """Read one input; raise InputError naming the file when it cannot be read."""
    item = given if isinstance(given, Input) else Input(given, "stdin" if given == STDIN else Path(given).stem)
    location = item.location or item.path
    if location == STDIN:
        data = sys.stdin.buffer.read()
    else:
        try:
            if storage.is_url(location):
                data = storage.read_bytes(location)
            else:
                with open(location, "rb") as file:  # not Path.read_bytes: parsing the path costs as much as reading
                    data = file.read()
        except OSError as error:
            raise InputError(f"{item.path}: cannot read: {error.strerror or error}") from error
    return source_from_bytes(data, item, encoding)


def source_from_bytes(data: bytes, item: Input, encoding: str | None = None) -> Source:
    """Decode one input's bytes (HTML by its suffix or its head) and blank its markup."""
    is_html = item.path.lower().endswith(HTML_SUFFIXES) or looks_like_html(data[:DECLARATION_SNIFF].decode("latin-1"))
    text, used, warnings = decode(data, encoding, item.path, is_html)
    is_html = is_html or looks_like_html(text[:DECLARATION_SNIFF])
    content = blank_markup(text) if is_html else text
    content = LONE_CR.sub("\n", plain_spaces(content))
    return Source(item.doc_id, item.path, text, content, used, warnings, html=is_html)


def decode(data: bytes, encoding: str | None, name: str, is_html: bool = False) -> tuple[str, str, list[str]]:
    """Decode bytes: a forced encoding, else BOM, strict UTF-8, an HTML page's declared charset, then a
    detector over Chinese codecs. A few NUL and other control bytes are dropped with a warning."""
    if encoding:
        try:
            return clean(*decode_with_replacement(data, encoding, name), name)
        except LookupError as error:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from error
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return clean(*decode_with_replacement(data, codec, name), name)
    controls = len(data) - len(data.translate(None, CONTROL_BYTES))
    if controls > max(MAX_STRAY_CONTROLS, MAX_CONTROL_SHARE * len(data)):
        raise InputError(f"{name}: binary data (NUL or control bytes), not text; UTF-16 needs its byte-order mark")
    try:
        return clean(data.decode("utf-8"), "utf-8", [], name)
    except UnicodeDecodeError:
        pass
    # A valid UTF-8 page is UTF-8 whatever it declares (pages are often re-encoded without updating
    # the <meta>); otherwise the declaration is believed while it decodes nearly everywhere.
    declared = declared_charset(data) if is_html else None
    for codec in filter(None, (declared, "utf-8")):
        text, used, warnings = decode_with_replacement(data, codec, name)
        if text.count("\ufffd") <= MAX_BAD_SHARE * len(text):
            return clean(text, used, warnings, name)
    from charset_normalizer import from_bytes  # imported by the few inputs that need it: it is slow to load

    best = from_bytes(data, cp_isolation=CANDIDATE_CODECS).best()
    if best is None:
        return clean(*decode_with_replacement(data, "utf-8", name), name)
    return clean(str(best), best.encoding, [], name)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its head (<meta charset>, http-equiv, <?xml encoding>), if Python knows it."""
    m = DECLARED_CHARSET.search(data[:DECLARATION_SNIFF])
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    codec = DECLARED_SUPERSETS.get(codec, codec)
    return codec if codec in HONOURED_DECLARATIONS else None


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
            if len(warnings) >= MAX_LISTED_WARNINGS:
                warnings.append(f"more undecodable bytes in {name} not listed")
                break
    return data.decode(codec, errors="replace"), codec, warnings


def clean(text: str, codec: str, warnings: list[str], name: str) -> tuple[str, str, list[str]]:
    """Drop NULs: no text means them, and they would stand for markup in `content`."""
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        warnings = [*warnings, f"{nuls} NUL character(s) in {name} removed"]
    return text, codec, warnings


def looks_like_html(head: str) -> bool:
    if "<" not in head:  # plain text: no need to lower-case it
        return False
    head = head.lower()
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
