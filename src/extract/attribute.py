"""Stage 5, attribute: complete the values that need the whole document, find the sections and the
parks they report on (sections.py), then give every fact its park and date (links.py)."""

from extract.complete import complete
from extract.extractors import Resolved
from extract.extractors.partial import BareZone
from extract.links import Index, date_for, park_for, reported_name, respective_parks
from extract.match import TEXT_ORDER, Candidate
from extract.ruleset import RuleSet
from extract.sections import Reading, sections_of, short_names


def attribute(doc: Reading, candidates: list[Candidate], rules: RuleSet) -> list[Candidate]:
    """Mark subject parks, resolve bare zone words (those no section resolves yield nothing), and give every
    other fact its park and date."""
    candidates = complete(candidates, doc.text, doc.layout.published, rules.signals)
    bare = [c for c in candidates if isinstance(c.resolved.value, BareZone)]
    parks = [c for c in candidates if c.kind == "park" and not isinstance(c.resolved.value, BareZone)]
    named = len(parks)
    sections = sections_of(doc, parks, bare)
    facts = [c for c in candidates if c.kind != "park"] + parks  # with the bare zone words the sections resolved
    short = short_names(doc, parks[:named])
    index = Index(doc, sections, parks, bare, [c for c in facts if c.kind == "date"])
    ordered = sorted(facts, key=TEXT_ORDER)
    respective = respective_parks(index, ordered)
    out = []
    for i, c in enumerate(ordered):
        section = index.section_of(c.start)
        if c.kind == "park":
            r = c.resolved
            metric = "subject" if index.is_subject(c) else "mention"
            # Built directly rather than by _replace, which costs twice as much, on every fact.
            out.append(Candidate(c.rule, c.start, c.end, Resolved(r.value, r.unit, r.qualifier, metric)))
            continue
        sentence = index.sentence_start(c.start)
        if i in respective:
            park = reported_name(respective[i], section, index)
        else:
            park = park_for(c, section, sentence, index)
        out.append(Candidate(c.rule, c.start, c.end, c.resolved, short.get(park, park), date_for(c, sentence, index)))
    return out
