"""Load, validate and compile the rules in rules/*.toml.

A rule file holds one fact kind: its rules, each with an id, a description, a pattern,
the name of the resolver that turns a match into a value, examples that must match and
counterexamples that must not. `fragments.toml` holds named sub-patterns shared by all
files; a pattern refers to one as {name}. Lexicons (in `fragments.toml` or a rule file) map
words to what they stand for; each of their named sets of words is a fragment too, and a
rule's resolver reads the lexicons its groups need. The loader checks a pattern against its
resolver: the groups it needs, and that every word a looked-up group can capture is in the
lexicon. Every problem in every file is collected and reported at once, naming the file and
the rule id.
"""

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from extract.alternatives import alternatives
from extract.anchors import Stretches, Within, within
from extract.capture import PLACEHOLDER, group_bodies, words_of
from extract.cues import (
    ATTRIBUTION_FILE,
    LAYOUT_FILE,
    AttributionFile,
    Cues,
    LayoutCues,
    LayoutFile,
    compile_cues,
    compile_layout_cues,
)
from extract.extractors import RESOLVERS, Groups, Resolve, Resolved, Resolver
from extract.lexicon import Lexicon, Lexicons, build_lexicon
from extract.models import KINDS
from extract.optional_groups import as_branches
from extract.time_limit import search_arguments
from extract.word_lists import Reading, as_pattern, reading_at

FRAGMENTS_FILE = "fragments.toml"

Fragments = dict[str, str | list[str]]
# lexicon -> named set of words (a fragment) -> word -> the value it stands for
LexiconTables = dict[str, dict[str, dict[str, StrictStr | StrictInt]]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expected(Strict):
    """A fact an example must yield; every field but the text is checked only when given. A park or
    date is what attribution gives the fact, so the example then runs with the other kinds' rules."""

    text: str
    value: str | int | float | None = None
    unit: str | None = None
    qualifier: str | None = None
    metric: str | None = None
    park: str | None = None
    date: str | None = None


class Example(Strict):
    text: str
    published: str | None = Field(default=None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # for dates without a year
    expect: list[Expected] = Field(min_length=1)
    todo: str | None = Field(default=None, min_length=1)  # a known miss, and why: reported, not failed


class WithinSpec(Strict):
    """Where every match of the rule lies: in a run of `chars` holding `anchor`. The run is matched as
    `(?:chars)*`: a character class, or an alternation whose class repeats (`[^,]+|(?<=[0-9]),`)."""

    anchor: str = Field(min_length=1)
    chars: str = Field(min_length=1)
    # What every such run holds besides (a rate's cue, a list's joiner), inside it: the rule is searched
    # only in the runs that hold it.
    also: str | None = Field(default=None, min_length=1)


class RuleSpec(Strict):
    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_.-]+$")
    description: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    resolver: str
    priority: int = 0
    # A document signal that must hold for the rule to apply: 某某片区 is a park only in an article on a free-trade zone.
    requires: str | None = None
    # Where the rule can match at all (anchors.py): tried only there, not at every position.
    within: WithinSpec | None = None
    examples: list[Example] = Field(min_length=1)
    counterexamples: list[str] = Field(min_length=1)


class SignalSpec(Strict):
    """A property of a whole document (a Taiwanese article), for a resolver's decision that no
    single match can make: it holds when the pattern matches `min_distinct` different texts."""

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_.-]+$")
    description: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    min_distinct: int = Field(default=1, ge=1)
    examples: list[str] = Field(min_length=1)  # documents where it holds
    counterexamples: list[str] = Field(min_length=1)


class RuleFile(Strict):
    kind: str
    description: str = Field(min_length=1)
    fragments: Fragments = {}
    lexicons: LexiconTables = {}
    rules: list[RuleSpec] = Field(min_length=1)
    signals: list[SignalSpec] = []


class FragmentFile(Strict):
    description: str = Field(min_length=1)
    fragments: Fragments = {}
    lexicons: LexiconTables = {}


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    description: str
    regex: Any  # compiled regex.Pattern
    priority: int
    spec: RuleSpec
    file: str
    resolver: Resolve
    lexicons: Lexicons  # what the resolver looks the words of its groups up in
    within: Within | None = None  # where it can match, when it says

    def spans(self, text: str, stretches: Stretches | None = None) -> Sequence[tuple[int, int]]:
        """Where in the text its matches can be: what its `within` says (of the document's `stretches`), else
        all of it."""
        if self.within is None:
            return ((0, len(text)),)
        return (Stretches(text) if stretches is None else stretches)[self.within]

    @cached_property
    def rank(self) -> tuple[int, str]:
        """Of two readings of one span, the first in this order is kept (match.keep_best): higher priority, then id."""
        return -self.priority, self.id

    @cached_property
    def group_numbers(self) -> dict[str, int]:
        return dict(self.regex.groupindex)

    def resolve(self, match: regex.Match) -> Resolved | None:
        return self.resolver(Groups(match, self.group_numbers), self.lexicons)


@dataclass(frozen=True)
class Signal:
    id: str
    regex: Any
    min_distinct: int
    spec: SignalSpec
    file: str
    # With min_distinct > 1, the pattern's top-level alternatives compiled alone (signal_alternatives).
    alternatives: tuple[Any, ...] = ()

    def holds(self, text: str) -> bool:
        if self.alternatives and self.matches_once_at_most(text):
            return False
        found = set()
        for m in self.regex.finditer(text, **search_arguments()):
            found.add(m.group().casefold())
            if len(found) >= self.min_distinct:  # the rest of the text cannot change the answer
                return True
        return False

    def matches_once_at_most(self, text: str) -> bool:
        """Whether the alternatives, each searched alone, match once at most in all. Then so does the pattern:
        one alternative alone matches anywhere, and only where it matches alone; so it never matches
        `min_distinct` different texts. Most documents are told so at half the cost of searching the pattern,
        whose first characters are all its alternatives' (the Taiwan signal's: 28 of them)."""
        hits = 0
        for alternative in self.alternatives:
            for _ in alternative.finditer(text, **search_arguments()):
                hits += 1
                if hits > 1:
                    return False
        return True


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules, in file then declaration order, and the document signals by id."""

    rules: tuple[Rule, ...]
    signals: dict[str, Signal]
    cues: Cues  # what heads and attribution read (rules/attribution.toml)
    layout: LayoutCues  # what segmentation reads (rules/layout.toml)

    def __iter__(self):
        return iter(self.rules)

    def only(self, rule: Rule) -> "RuleSet":
        """This rule alone, with the same signals and cues: how a rule's examples are checked."""
        return RuleSet((rule,), self.signals, self.cues, self.layout)

    def alone_in_its_kind(self, rule: Rule) -> "RuleSet":
        """This rule alone among its kind's, with every rule of the other kinds: how an example that states
        a park or a date is checked, attribution needing the parks and dates the other kinds find."""
        return RuleSet(
            tuple(r for r in self.rules if r.kind != rule.kind or r is rule), self.signals, self.cues, self.layout
        )


class RulesError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def default_rules_dir() -> Path:
    return Path(str(resources.files("extract.default_rules")))


def expand(
    pattern: str,
    fragments: Fragments,
    trail: tuple[str, ...] = (),
    keep_word_lists: bool = False,
    reading: Reading = Reading.FORWARD,
) -> str:
    """The pattern with its {fragments} written out, each word list for the way the engine reads it there
    (word_lists.py; `reading`: how it reads the pattern itself); with `keep_word_lists`, lists of words
    stay {name} so that the words a group is made of can be read off (capture.py)."""

    def substitute(m: regex.Match) -> str:
        name = m.group(1)
        if name in trail:
            raise KeyError(f"fragment cycle {' -> '.join(trail + (name,))}")
        if name not in fragments:
            raise KeyError(f"unknown fragment {{{name}}}")
        if keep_word_lists and isinstance(fragments[name], list):
            return m.group()
        here = reading if reading is Reading.BOTH else reading_at(pattern, m.start(), reading)
        written = as_pattern(fragments[name], here)
        return "(?:" + expand(written, fragments, trail + (name,), keep_word_lists, here) + ")"

    return PLACEHOLDER.sub(substitute, pattern)


def read_toml(path: Path, problems: list[str]) -> dict | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problems.append(f"{path}: {error}")
        return None


def pydantic_problems(path: Path, error: ValidationError, data: dict) -> list[str]:
    out = []
    for item in error.errors():
        loc = item["loc"]
        where = ".".join(str(part) for part in loc)
        if len(loc) > 1 and loc[0] == "rules" and isinstance(loc[1], int):
            rules = data.get("rules") or []
            rule_id = rules[loc[1]].get("id") if loc[1] < len(rules) and isinstance(rules[loc[1]], dict) else None
            where = f"rule {rule_id or '#' + str(loc[1])}: " + ".".join(str(part) for part in loc[2:])
        out.append(f"{path}: {where}: {item['msg']}")
    return out


def compile_pattern(
    pattern: str, fragments: Fragments, where: str, problems: list[str], build=None, reading: Reading = Reading.FORWARD
):
    """The compiled pattern (`build` turns its expanded source into something else compiled from it)."""
    try:
        source = expand(pattern, fragments, reading=reading)
    except KeyError as error:
        problems.append(f"{where}: pattern: {error.args[0]}")
        return None
    try:
        engine_source = as_branches(source)
        return build(engine_source) if build else regex.compile(engine_source, regex.V0)
    except regex.error as error:
        try:  # the error as the pattern is written, where it has one, not as rewritten for the engine
            regex.compile(source, regex.V0)
        except regex.error as written:
            error = written
        problems.append(f"{where}: pattern does not compile: {error}")
    return None


# What an alternative would not mean alone: a reference to a group, which it may not hold.
GROUP_REFERENCE = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


def signal_alternatives(compiled) -> tuple[Any, ...]:
    """A signal pattern's top-level alternatives, compiled alone, for Signal.holds to rule a document out with;
    none when it has one, or when an alternative alone could mean something else: the pattern sets flags for
    all of it, or refers to a group."""
    parts = alternatives(compiled.pattern)
    alone = compiled.flags == regex.compile("", regex.V0).flags and not GROUP_REFERENCE.search(compiled.pattern)
    if len(parts) < 2 or not alone:
        return ()
    return tuple(regex.compile(part, regex.V0) for part in parts)


def compile_within(spec: WithinSpec, fragments: Fragments, where: str, problems: list[str]) -> Within | None:
    """The compiled `within`; rules that declare the same one share it, and so its runs (match.py)."""
    # the runs of `chars` are read both ways, from an anchor back and on
    chars = compile_pattern(spec.chars, fragments, f"{where}: within.chars", problems, reading=Reading.BOTH)
    also = compile_pattern(spec.also, fragments, f"{where}: within.also", problems) if spec.also else None
    if chars is None or (spec.also and also is None):
        return None
    return compile_pattern(
        spec.anchor,
        fragments,
        f"{where}: within.anchor",
        problems,
        lambda anchor: within(anchor, chars.pattern, also.pattern if also else None),
    )


def read_lexicons(tables: LexiconTables, path: Path, problems: list[str]) -> dict[str, Lexicon]:
    lexicons = {}
    for name, sets in tables.items():
        for set_name, words in sets.items():
            if not PLACEHOLDER.fullmatch("{" + set_name + "}"):
                problems.append(f"{path}: lexicon {name}: set {set_name!r} is no fragment name (a-z, 0-9, _)")
            if not words:
                problems.append(f"{path}: lexicon {name}: set {set_name} has no words")
        lexicons[name] = build_lexicon(name, str(path), sets, problems)
    return lexicons


def word_sets(lexicons: Mapping[str, Lexicon], fragments: Fragments, path: Path, problems: list[str]) -> Fragments:
    """Each lexicon's sets of words, as the fragments patterns use them by."""
    out: Fragments = {}
    for lexicon in lexicons.values():
        for set_name, words in lexicon.sets.items():
            if set_name in fragments or set_name in out:
                problems.append(f"{path}: lexicon {lexicon.name}: set {set_name} has the name of another fragment")
            out[set_name] = list(words)
    return out


def missing_groups(rule: RuleSpec, compiled: Any, resolver: Resolver, where: str, problems: list[str]) -> None:
    for need in resolver.needs:
        options = (need,) if isinstance(need, str) else need
        if not any(group in compiled.groupindex for group in options):
            wanted = (
                f"group {options[0]!r}" if len(options) == 1 else "one of the groups " + ", ".join(map(repr, options))
            )
            problems.append(f"{where}: resolver {rule.resolver!r} needs {wanted}, which the pattern lacks")


def bind_lexicons(
    rule: RuleSpec,
    compiled: Any,
    resolver: Resolver,
    fragments: Fragments,
    lexicons: Mapping[str, Lexicon],
    where: str,
    problems: list[str],
) -> Lexicons:
    """The lexicon of every group the resolver looks up, once its values are what the resolver accepts and
    every word the group can capture has one."""
    by_group = {}
    source = expand(rule.pattern, fragments, keep_word_lists=True)
    word_lists = {name: fragment for name, fragment in fragments.items() if isinstance(fragment, list)}
    for group, concept in resolver.reads.items():
        if group not in compiled.groupindex:
            continue
        lexicon = lexicons.get(concept.lexicon)
        if lexicon is None:
            problems.append(
                f"{where}: resolver {rule.resolver!r} looks up group {group!r} in lexicon "
                f"{concept.lexicon!r}, which no file declares"
            )
            continue
        by_group[group] = lexicon
        for word, value in lexicon.meanings.items():
            if not concept.accepts(value):
                problems.append(f"{lexicon.file}: lexicon {lexicon.name}: {word} = {value!r} is not {concept.expects}")
        for body in group_bodies(source, group):
            words = words_of(body, word_lists)
            if words is None:
                problems.append(
                    f"{where}: group {group!r} is looked up in lexicon {lexicon.name}, so it must be made "
                    f"of words (literal alternatives or lists of words): cannot read {body!r}"
                )
            for word in sorted(w for w in words or () if w not in lexicon):
                problems.append(
                    f"{where}: group {group!r} can capture {word!r}, which lexicon {lexicon.name} "
                    f"({lexicon.file}) does not give a value"
                )
    return Lexicons(by_group)


def load_rules(rules_dir: Path | None = None) -> RuleSet:
    """All rules and signals of the folder, compiled; RulesError lists every problem."""
    rules_dir = rules_dir or default_rules_dir()
    problems: list[str] = []
    if not rules_dir.is_dir():
        raise RulesError([f"{rules_dir}: not a folder of rule files"])
    shared: Fragments = {}
    shared_lexicons: dict[str, Lexicon] = {}
    fragment_path = rules_dir / FRAGMENTS_FILE
    if fragment_path.exists():
        data = read_toml(fragment_path, problems)
        if data is not None:
            try:
                fragment_file = FragmentFile.model_validate(data)
            except ValidationError as error:
                problems.extend(pydantic_problems(fragment_path, error, data))
            else:
                shared_lexicons = read_lexicons(fragment_file.lexicons, fragment_path, problems)
                shared = fragment_file.fragments | word_sets(
                    shared_lexicons, fragment_file.fragments, fragment_path, problems
                )
    rules: list[Rule] = []
    signals: dict[str, Signal] = {}
    seen: dict[str, Path] = {}
    files = sorted(p for p in rules_dir.glob("*.toml") if p.name not in (FRAGMENTS_FILE, ATTRIBUTION_FILE, LAYOUT_FILE))
    park_fragments: Fragments = shared
    if not files:
        problems.append(f"{rules_dir}: no rule files (*.toml)")
    for path in files:
        data = read_toml(path, problems)
        if data is None:
            continue
        try:
            spec = RuleFile.model_validate(data)
        except ValidationError as error:
            problems.extend(pydantic_problems(path, error, data))
            continue
        if spec.kind not in KINDS:
            problems.append(f"{path}: kind {spec.kind!r} is not one of {', '.join(KINDS)}")
            continue
        own_lexicons = read_lexicons(spec.lexicons, path, problems)
        lexicons = shared_lexicons | own_lexicons
        fragments = shared | spec.fragments | word_sets(own_lexicons, spec.fragments, path, problems)
        if spec.kind == "park":
            park_fragments = fragments
        for rule in spec.rules:
            where = f"{path}: rule {rule.id}"
            if rule.id in seen:
                problems.append(f"{where}: duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = path
            if not rule.id.startswith(spec.kind + "."):
                problems.append(f"{where}: id must start with the file's kind '{spec.kind}.'")
            resolver = RESOLVERS.get(spec.kind, {}).get(rule.resolver)
            if resolver is None:
                known = ", ".join(sorted(RESOLVERS.get(spec.kind, {}))) or "none"
                problems.append(f"{where}: unknown resolver {rule.resolver!r} (known for {spec.kind}: {known})")
            compiled = compile_pattern(rule.pattern, fragments, where, problems)
            within = compile_within(rule.within, fragments, where, problems) if rule.within else None
            if compiled is None or resolver is None:
                continue
            missing_groups(rule, compiled, resolver, where, problems)
            bound = bind_lexicons(rule, compiled, resolver, fragments, lexicons, where, problems)
            rules.append(
                Rule(
                    rule.id,
                    spec.kind,
                    rule.description,
                    compiled,
                    rule.priority,
                    rule,
                    str(path),
                    resolver.function,
                    bound,
                    within,
                )
            )
        for signal in spec.signals:
            where = f"{path}: signal {signal.id}"
            if signal.id in seen:
                problems.append(f"{where}: duplicate id (also in {seen[signal.id]})")
            seen[signal.id] = path
            compiled = compile_pattern(signal.pattern, fragments, where, problems)
            if compiled is not None:
                signals[signal.id] = Signal(
                    signal.id,
                    compiled,
                    signal.min_distinct,
                    signal,
                    str(path),
                    signal_alternatives(compiled) if signal.min_distinct > 1 else (),
                )
    for rule in rules:
        if rule.spec.requires is not None and rule.spec.requires not in signals:
            problems.append(f"{rule.file}: rule {rule.id}: requires unknown signal {rule.spec.requires!r}")
    cues = load_cue_file(rules_dir / ATTRIBUTION_FILE, AttributionFile, compile_cues, park_fragments, problems)
    layout = load_cue_file(rules_dir / LAYOUT_FILE, LayoutFile, compile_layout_cues, {}, problems)
    if problems:
        raise RulesError(list(dict.fromkeys(problems)))  # a lexicon's problem is found once per rule that reads it
    return RuleSet(tuple(rules), signals, cues or built_in().cues, layout or built_in().layout)


@cache
def built_in() -> "RuleSet":
    """The built-in rules, whose cue files serve a rules folder that has none of its own."""
    return load_rules(default_rules_dir())


def load_cue_file(path: Path, model, compile_spec, fragments: Fragments, problems: list[str]):
    """The compiled cues of a cue file; None when the folder has none (or when it has problems, reported)."""
    if not path.is_file():
        return None
    data = read_toml(path, problems)
    if data is None:
        return None
    try:
        spec = model.model_validate(data)
    except ValidationError as error:
        problems.extend(pydantic_problems(path, error, data))
        return None
    return compile_spec(
        spec, lambda pattern, where: compile_pattern(pattern, fragments, where, problems), str(path), problems
    )
