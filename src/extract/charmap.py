"""One-for-one character replacement with `str.translate`, fast.

`str.translate` looks every character up in its table. A dict raises and clears a LookupError for each
character it lacks, which is nearly all of them; a list indexed by code point answers without one. Most
documents hold none of the characters a small table replaces: one search for them skips the translation.
"""

import re
from collections.abc import Callable


def indexed(mapping: dict[int, int | str]) -> list[int | str]:
    """The table as a list: entry i is what code point i becomes (itself, when `mapping` leaves it)."""
    table: list[int | str] = list(range(max(mapping) + 1))
    for code, replacement in mapping.items():
        table[code] = replacement
    return table


def translator(mapping: dict[int, int | str]) -> Callable[[str], str]:
    """`text.translate(mapping)`, as a function that leaves text without a character of `mapping` alone."""
    table = indexed(mapping)
    present = re.compile("[" + re.escape("".join(map(chr, mapping))) + "]")
    return lambda text: text.translate(table) if present.search(text) else text
