"""Data files that sit beside the rules (places.txt, common_words.txt): a rules folder may carry its
own, and one without uses the built-in file."""

from pathlib import Path

from extract.ruleset import default_rules_dir


def rules_data_file(name: str, rules_dir: Path | None = None) -> Path:
    if rules_dir is not None and (rules_dir / name).is_file():
        return rules_dir / name
    return default_rules_dir() / name
