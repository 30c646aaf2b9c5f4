"""The output contract (../shared/contract.md) as pydantic models: field order is output order."""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

Kind = Literal["park", "date", "project_count", "investment", "rate"]
Qualifier = Literal["exact", "approx", "more_than", "at_least", "less_than", "at_most"]
KINDS: tuple[str, ...] = ("park", "date", "project_count", "investment", "rate")


def plain_number(value: Decimal) -> int | float:
    """Whole amounts as integers, others as the shortest exact decimal (385.7亿 -> 38570000000)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    value: str | Decimal | int
    unit: str | None = None
    qualifier: Qualifier = "exact"
    metric: str | None = None
    park: str | None = None
    date: str | None = None
    text: str
    start: int
    end: int
    rule: str

    @field_serializer("value")
    def _number_as_json_number(self, value: str | Decimal | int) -> str | int | float:
        return plain_number(value) if isinstance(value, Decimal) else value


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str
    path: str
    # Only on the record of a document that was found but could not be processed: written only then.
    error: str | None = Field(
        default=None,
        exclude_if=lambda error: error is None,
        description="Why the document could not be processed, in one line; absent when it was.",
    )
    title: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    script: Literal["simplified", "traditional"] | None = "simplified"  # null on an error record
    facts: list[Fact] = []
    warnings: list[str] = []

    @classmethod
    def failed(cls, doc_id: str, path: str, error: str) -> "Document":
        """The record of a document that could not be processed: its place in the output, and why."""
        return cls(doc_id=doc_id, path=path, error=" ".join(error.split()), script=None)
