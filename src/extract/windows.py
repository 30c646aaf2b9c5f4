"""Documents far larger than any article (a 3 MB page, a 100 MB dump) in bounded windows.

Rules and attribution are tuned for articles; over megabytes a search can hit the rule timeout,
and the stages hold several copies of the text. A large document is cut at line breaks into windows
of at most WINDOW characters, each processed as an article of its own, so time grows linearly with
the size and the working memory with the window. Offsets are shifted back into the whole document;
the first window's header (title, publication date, outlet) is the document's, and its publication
date dates the later windows.
"""

from extract.read import MAX_LISTED_WARNINGS, Source

WINDOW = 200_000  # characters: ten times a long article, so no article is ever cut


def windows(content: str, size: int = WINDOW) -> list[tuple[int, int]]:
    """Spans covering `content`, each at most `size` long, ending at a line break where one is in the
    second half of the span, else at a sentence end, else wherever the size runs out."""
    spans, start = [], 0
    while len(content) - start > size:
        limit = start + size
        cut = content.rfind("\n", start + size // 2, limit)
        if cut < 0:
            cut = content.rfind("。", start + size // 2, limit)
        end = cut + 1 if cut >= 0 else limit
        spans.append((start, end))
        start = end
    spans.append((start, len(content)))
    return spans


def is_article(content: str) -> bool:
    """Whether the content is processed whole, in one window, as an article is."""
    return len(content) <= WINDOW


def process_in_windows(process, source: Source) -> dict:
    """The record `process(source, reference_date)` gives of the whole document, or of its windows joined
    when it is large."""
    if is_article(source.content):
        return process(source, None)
    spans = windows(source.content, WINDOW)
    first: dict | None = None
    facts, warnings = [], list(source.warnings)
    for start, end in spans:
        part = Source(
            source.doc_id,
            source.path,
            source.text[start:end],
            source.content[start:end],
            source.encoding,
            [],
            source.html,
        )
        record = process(part, first["published"] if first else None)
        first = first or record
        facts += [f | {"start": f["start"] + start, "end": f["end"] + start} for f in record["facts"]]
        warnings += [f"in characters {start}-{end}: {warning}" for warning in record["warnings"]]
    if len(warnings) > MAX_LISTED_WARNINGS:
        warnings = [*warnings[:MAX_LISTED_WARNINGS], f"{len(warnings) - MAX_LISTED_WARNINGS} more warnings not listed"]
    return first | {"facts": facts, "warnings": warnings}
