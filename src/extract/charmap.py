"""One-for-one character replacement with `str.translate`, fast.

`str.translate` looks every character up in its table. A dict raises and clears a LookupError for each
character it lacks, which is nearly all of them; an array indexed by code point answers without one. Most
documents hold none of the characters a small table replaces: one search for them skips the translation.
"""

import re
from array import array
from collections.abc import Callable


def indexed(mapping: dict[int, int | str]) -> array:
    """The table as an array of code points, entry i what code point i becomes (itself, when `mapping` leaves
    it): as fast as a list, at four bytes an entry instead of an int object each."""
    table = array("I", range(max(mapping) + 1))
    for code, replacement in mapping.items():
        table[code] = ord(replacement) if isinstance(replacement, str) else replacement
    return table


def translator(mapping: dict[int, int | str]) -> Callable[[str], str]:
    """`text.translate(mapping)`, as a function that leaves text without a character of `mapping` alone."""
    table = indexed(mapping)
    present = re.compile("[" + re.escape("".join(map(chr, mapping))) + "]")
    return lambda text: text.translate(table) if present.search(text) else text
