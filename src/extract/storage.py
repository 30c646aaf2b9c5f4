"""Inputs and outputs named by URL (s3://, gs://, memory:// ...), through fsspec.

fsspec comes with the dask extra and is imported only when a URL is given, so the core install and
its import path never need it. A URL folder expands as a local one does: every input file below it,
sorted by its path relative to the folder, which is also its doc_id without the extension."""

import os
import posixpath
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any

from extract.errors import InputError

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
EXTRA_HINT = "pip install 'extract[dask]' (and the protocol's own package: s3fs, gcsfs ...)"


def is_url(path: str) -> bool:
    return URL.match(path) is not None


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of `url` and the path within it; InputError when nothing here can open it."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError(f"{url}: reading URLs needs fsspec: {EXTRA_HINT}") from None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as error:  # the protocol's package is missing, or no such protocol
        raise InputError(f"{url}: {error}") from None


def exists(url: str) -> bool:
    fs, path = filesystem(url)
    return fs.exists(path)


def list_files(url: str, suffixes: tuple[str, ...]) -> list[tuple[str, str, int]]:
    """(URL, doc_id, size) of every file with one of `suffixes` below the folder `url`, sorted by its
    path relative to the folder, or of the one file `url` names. Sizes come with the listing: an object
    store answers a thousand of them a request, where asking file by file would take hours."""
    fs, root = filesystem(url)
    if not fs.isdir(root):
        return [(url, posixpath.splitext(posixpath.basename(root))[0], fs.info(root)["size"])]
    below = {posixpath.relpath(name, root): info["size"] for name, info in fs.find(root, detail=True).items()}
    return [
        (f"{url.rstrip('/')}/{relative}", posixpath.splitext(relative)[0], size)
        for relative, size in sorted(below.items())
        if relative.lower().endswith(suffixes)
    ]


def make_folder(url: str) -> str:
    """Make the folder `url` names (a local path or a URL); its full URL, which means the same to every worker."""
    fs, path = filesystem(url)
    fs.makedirs(path, exist_ok=True)
    return fs.unstrip_protocol(path)


def read_bytes(url: str) -> bytes:
    fs, path = filesystem(url)
    return fs.cat_file(path)


@contextmanager
def replaced_atomically(url: str) -> Iterator[IO[bytes]]:
    """Write `url` under a temporary name beside it, then move it into place: the file is either absent or
    whole, and a writer that is stopped or retried never leaves half of it under its name. Each attempt
    has its own temporary name (`remove_temporaries` clears those of attempts that died)."""
    from fsspec.implementations.local import LocalFileSystem

    fs, path = filesystem(url)
    folder, name = posixpath.split(path)
    temporary = posixpath.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
    try:
        with fs.open(temporary, "wb") as out:
            yield out
            if isinstance(fs, LocalFileSystem):  # on disk, synced before the move, as -o is
                out.flush()
                os.fsync(out.fileno())
        fs.mv(temporary, path)
    except BaseException:
        with suppress(OSError):
            fs.rm(temporary)
        raise


def remove_temporaries(folder_url: str) -> int:
    """Remove the temporary files that `replaced_atomically` left in a folder (attempts that died); how many."""
    fs, folder = filesystem(folder_url)
    left = fs.glob(posixpath.join(folder, ".*.tmp"))
    for path in left:
        fs.rm(path)
    return len(left)
