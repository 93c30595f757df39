"""Why a week holds the practices it does, in words: the forms of closeness and the likely
causes the week was made to lean toward (WeekPlan.focus_forms and focus_causes, chosen by the
domain when the week was made), and which of them each practice serves.

The causes are named to a reader whose own check is clear now, and to no one else: to someone
afraid of their partner, a page saying the week leans toward "unresolved conflict" would push
what their practices leave out. Nothing else decides it: hidden from a partner whenever the other
was not clear, the causes would tell that partner so (the week's causes are the couple's likely
causes, the same whatever anyone's check found, and the report names them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nearer.content.loader import default_content
from nearer.domain.model import Practice
from nearer.web.plans.models import WeekPlan


@dataclass(frozen=True)
class Focus:
    """What a week leans toward, by id, in the week's order (the forms with the most room to
    grow first, then the likeliest causes)."""

    forms: tuple[str, ...]
    causes: tuple[str, ...]

    def sentence(self) -> str:
        """The plan page's words for it; "" for a week that leans toward nothing yet (no
        questionnaire answered)."""
        forms = _listed([_named(f) for f in self.forms])
        causes = "; ".join(_named(c) for c in self.causes)
        parts = (
            [f"{forms} closeness, where your answers leave the most room to grow"] if forms else []
        )
        if causes:
            whose = "they" if forms else "your answers"
            parts.append(f"what {whose} say may be holding closeness back: {causes}")
        return f"This week leans toward {', and toward '.join(parts)}." if parts else ""

    def serves(self, practice: Practice) -> str:
        """What `practice` was chosen for, of the week's focus: "" for one that came for the
        time the week had left."""
        forms = [f"{_named(f)} closeness" for f in self.forms if f in practice.forms]
        causes = [_named(c) for c in self.causes if c in practice.causes]
        return "; ".join([*forms, *causes])


def focus_of(week: WeekPlan, reader_clear: bool) -> Focus:
    """What `week` leans toward, as the reader may be told it (see the module's paragraph)."""
    forms = tuple(f for f in week.focus_forms if _named(f))
    causes = tuple(c for c in week.focus_causes if _named(c)) if reader_clear else ()
    return Focus(forms, causes)


def _named(record_id: str) -> str:
    """A form's or a cause's name as a sentence uses it; "" for an id the content lacks."""
    return default_content().in_a_sentence(record_id)


def _listed(names: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
