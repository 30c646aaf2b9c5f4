"""Load, validate and compile the rules in rules/*.toml.

A rule file holds one fact kind: its rules, each with an id, a description, a pattern,
the name of the resolver that turns a match into a value, examples that must match and
counterexamples that must not. `fragments.toml` holds named sub-patterns shared by all
files; a pattern refers to one as {name}. Every problem in every file is collected and
reported at once, naming the file and the rule id.
"""

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extract.extractors import RESOLVERS
from extract.models import KINDS

FRAGMENTS_FILE = "fragments.toml"
PLACEHOLDER = regex.compile(r"\{([a-z][a-z0-9_]*)\}")
MATCH_TIMEOUT = 2.0  # seconds per search: a runaway pattern fails one document, not the run


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expected(Strict):
    text: str
    value: str | int | float | None = None
    unit: str | None = None
    qualifier: str | None = None
    metric: str | None = None


class Example(Strict):
    text: str
    published: str | None = None  # reference date for dates without a year
    expect: list[Expected] = Field(min_length=1)


class RuleSpec(Strict):
    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_.-]+$")
    description: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    resolver: str
    priority: int = 0
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
    fragments: dict[str, str | list[str]] = {}
    rules: list[RuleSpec] = Field(min_length=1)
    signals: list[SignalSpec] = []


class FragmentFile(Strict):
    description: str = Field(min_length=1)
    fragments: dict[str, str | list[str]]


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    description: str
    regex: Any  # compiled regex.Pattern
    resolver: str
    priority: int
    spec: RuleSpec
    file: str

    def finditer(self, text: str):
        return self.regex.finditer(text, timeout=MATCH_TIMEOUT)


@dataclass(frozen=True)
class Signal:
    id: str
    regex: Any
    min_distinct: int
    spec: SignalSpec

    def holds(self, text: str) -> bool:
        found = {m.group().casefold() for m in self.regex.finditer(text, timeout=MATCH_TIMEOUT)}
        return len(found) >= self.min_distinct


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules, in file then declaration order, and the document signals by id."""

    rules: tuple[Rule, ...]
    signals: dict[str, Signal]

    def __iter__(self):
        return iter(self.rules)

    def only(self, rule: Rule) -> "RuleSet":
        """This rule alone, with the same signals: how a rule's examples are checked."""
        return RuleSet((rule,), self.signals)


class RulesError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def default_rules_dir() -> Path:
    return Path(str(resources.files("extract.default_rules")))


def as_pattern(fragment: str | list[str]) -> str:
    """A word list becomes an alternation, longest first so that 协议投资额 wins over 投资."""
    if isinstance(fragment, str):
        return fragment
    return "(?:" + "|".join(regex.escape(w) for w in sorted(set(fragment), key=lambda w: (-len(w), w))) + ")"


def expand(pattern: str, fragments: dict[str, str | list[str]], trail: tuple[str, ...] = ()) -> str:
    def substitute(m: regex.Match) -> str:
        name = m.group(1)
        if name in trail:
            raise KeyError(f"fragment cycle {' -> '.join(trail + (name,))}")
        if name not in fragments:
            raise KeyError(f"unknown fragment {{{name}}}")
        return "(?:" + expand(as_pattern(fragments[name]), fragments, trail + (name,)) + ")"

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


def compile_pattern(pattern: str, fragments: dict[str, str | list[str]], where: str, problems: list[str]):
    try:
        return regex.compile(expand(pattern, fragments), regex.V0)
    except KeyError as error:
        problems.append(f"{where}: pattern: {error.args[0]}")
    except regex.error as error:
        problems.append(f"{where}: pattern does not compile: {error}")
    return None


def load_rules(rules_dir: Path | None = None) -> RuleSet:
    """All rules and signals of the folder, compiled; RulesError lists every problem."""
    rules_dir = rules_dir or default_rules_dir()
    problems: list[str] = []
    if not rules_dir.is_dir():
        raise RulesError([f"{rules_dir}: not a folder of rule files"])
    shared: dict[str, str | list[str]] = {}
    fragment_path = rules_dir / FRAGMENTS_FILE
    if fragment_path.exists():
        data = read_toml(fragment_path, problems)
        if data is not None:
            try:
                shared = FragmentFile.model_validate(data).fragments
            except ValidationError as error:
                problems.extend(pydantic_problems(fragment_path, error, data))
    rules: list[Rule] = []
    signals: dict[str, Signal] = {}
    seen: dict[str, Path] = {}
    files = sorted(p for p in rules_dir.glob("*.toml") if p.name != FRAGMENTS_FILE)
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
        fragments = shared | spec.fragments
        for rule in spec.rules:
            where = f"{path}: rule {rule.id}"
            if rule.id in seen:
                problems.append(f"{where}: duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = path
            if not rule.id.startswith(spec.kind + "."):
                problems.append(f"{where}: id must start with the file's kind '{spec.kind}.'")
            if rule.resolver not in RESOLVERS.get(spec.kind, {}):
                known = ", ".join(sorted(RESOLVERS.get(spec.kind, {}))) or "none"
                problems.append(f"{where}: unknown resolver {rule.resolver!r} (known for {spec.kind}: {known})")
            compiled = compile_pattern(rule.pattern, fragments, where, problems)
            if compiled is None:
                continue
            rules.append(
                Rule(rule.id, spec.kind, rule.description, compiled, rule.resolver, rule.priority, rule, str(path))
            )
        for signal in spec.signals:
            where = f"{path}: signal {signal.id}"
            if signal.id in seen:
                problems.append(f"{where}: duplicate id (also in {seen[signal.id]})")
            seen[signal.id] = path
            compiled = compile_pattern(signal.pattern, fragments, where, problems)
            if compiled is not None:
                signals[signal.id] = Signal(signal.id, compiled, signal.min_distinct, signal)
    if problems:
        raise RulesError(problems)
    return RuleSet(tuple(rules), signals)
