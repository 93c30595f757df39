"""Content problems: what is wrong, where, with a stable error id."""

from __future__ import annotations

from dataclasses import dataclass

# Stable ids: tools and tests match on these, so never renumber them.
UNREADABLE = "content.E001"  # file missing, unreadable or not valid YAML
MISSING_FIELD = "content.E002"
WRONG_TYPE = "content.E003"
NOT_ALLOWED = "content.E004"  # a value outside its allowed set or range
DUPLICATE_ID = "content.E005"
UNKNOWN_REFERENCE = "content.E006"  # a basis key with no citation
UNKNOWN_ID = "content.E007"  # a dimension, form, cause, scale or sign that does not exist
TOO_FEW = "content.E008"
NEAR_DUPLICATE = "content.E009"
BAD_ID = "content.E010"  # an id that does not follow its pattern
RULE = "content.E011"  # a content rule, such as "depth-3 questions need safety"
UNKNOWN_FIELD = "content.E012"


@dataclass(frozen=True)
class Problem:
    code: str
    file: str  # relative to the content data folder
    record: str  # the record's id, or "" for the file as a whole
    field: str  # the field at fault, or ""
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.record) if part)
        field = f"field '{self.field}': " if self.field else ""
        return f"{where}: {field}{self.message} [{self.code}]"

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "file": self.file,
            "id": self.record,
            "field": self.field,
            "message": self.message,
        }


class ContentError(Exception):
    """Raised when the content does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid content"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)
