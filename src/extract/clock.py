"""Seconds per stage (--profile): where a run's time goes, summed over every process that worked on it."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from time import perf_counter


class Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = perf_counter()
        try:
            yield
        finally:
            self.add({name: perf_counter() - started})

    def add(self, seconds: Mapping[str, float]) -> None:
        for name, value in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value

    def report(self) -> str:
        """One line per stage, in pipeline order: seconds and share of the total."""
        total = sum(self.seconds.values()) or 1.0
        lines = [f"{name:<10} {value:8.3f} s {100 * value / total:5.1f}%" for name, value in self.seconds.items()]
        return "\n".join([*lines, f"{'total':<10} {sum(self.seconds.values()):8.3f} s"])
