"""Taking instruments and reading results; every rule about answers comes from the domain."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cached_property

from django.db import transaction
from django.db.models import Exists, Max, Q, QuerySet, Subquery
from django.utils import timezone

from nearer.content.loader import default_content
from nearer.domain.answers import answer_problems
from nearer.domain.model import Instrument
from nearer.domain.safety import NOT_SCREENED, SafetyResult, all_clear, screen
from nearer.domain.scoring import Scores, score_instrument
from nearer.web.accounts.models import User
from nearer.web.assessments.models import RETAKE_AFTER, Run
from nearer.web.couples.models import Couple, Membership
from nearer.web.vault import crypto
from nearer.web.vault.models import UserKey

#: The order of onboarding: the private safety screen first.
ORDER = ("safety", "profile", "signs", "causes")


#: A run that scores no part would replace a whole earlier result with "not enough answers".
TOO_FEW_TO_SCORE = (
    "Too few answers to score any part: answer at least 8 in 10 of one part's questions. "
    "Nothing was saved."
)


class AnswerError(ValueError):
    """Answers that do not fit the instrument; the message names the item."""


def instrument(instrument_id: str) -> Instrument | None:
    return default_content().instruments.get(instrument_id)


def answers_count_from(user: User) -> datetime | None:
    """When the person's last partnership ended (they left, or their partner left or deleted
    their account); None if none has. Every instrument asks about "my partner", so what they
    answered before then was about someone else: it stays theirs (history, export) but no longer
    speaks for them: not in the couple's report, plan or safety gates, and it holds back no
    retake. Leaving a space one was alone in (as joining a partner's leaves one's own solo space)
    ends no partnership: what was answered alone, after a partner had gone, counts with the
    next. Read from the person's own rows (Membership.partnership_ended_at) only."""
    found = Membership.objects.filter(user=user).aggregate(Max("partnership_ended_at"))
    ended: datetime | None = found["partnership_ended_at__max"]
    return ended


def _runs(user: User, instrument_id: str) -> QuerySet[Run]:
    """The person's finished runs of an instrument that speak for them now (answers_count_from),
    the end of their last partnership read in the same query: pages ask for many runs."""
    ends = Membership.objects.filter(user=user, partnership_ended_at__isnull=False)
    last_end = ends.order_by("-partnership_ended_at").values("partnership_ended_at")[:1]
    runs = Run.objects.filter(user=user, instrument=instrument_id, completed_at__isnull=False)
    return runs.filter(Q(completed_at__gt=Subquery(last_end)) | ~Exists(ends))


def _runs_after(user: User, instrument_id: str, since: datetime | None) -> QuerySet[Run]:
    """The person's finished runs of an instrument after `since` (None: all of them)."""
    runs = Run.objects.filter(user=user, instrument=instrument_id, completed_at__isnull=False)
    return runs if since is None else runs.filter(completed_at__gt=since)


def latest_run(user: User, instrument_id: str) -> Run | None:
    run: Run | None = _runs(user, instrument_id).order_by("-completed_at").first()
    return run


def latest_answers(user: User, instrument_id: str) -> dict[str, int]:
    run = latest_run(user, instrument_id)
    return dict(run.answers) if run else {}


def all_latest_answers(user: User) -> dict[str, int]:
    """The latest answers to every instrument but the private safety screen (which is under the
    person's own key and which the couple's causes never use)."""
    merged: dict[str, int] = {}
    for instrument_id in ORDER[1:]:
        merged |= latest_answers(user, instrument_id)
    return merged


def scores(user: User, instrument_id: str) -> Scores | None:
    found, run = instrument(instrument_id), latest_run(user, instrument_id)
    return score_instrument(found, run.answers) if found and run else None


def safety_of(user: User) -> SafetyResult:
    """The person's own screen, for their own eyes, where their answers open (they are under the
    person's own key). Where they do not (a password reset without the recovery code, which whoever
    reads their email can do), it reads as not taken, whatever its gate: the pages must not show
    that person the outcome. The shared plan still reads the gate (safety_gate)."""
    run = latest_run(user, "safety")
    found = instrument("safety")
    if not found or not run:
        return NOT_SCREENED
    if getattr(run.answers, "locked", False):  # retired by a reset, or not open in this request
        return NOT_SCREENED if safety_locked(user) else _gate_result(run.gate)
    return screen(found, run.answers)


def safety_locked(user: User) -> bool:
    """Whether the person's latest check is sealed under a data key of theirs that a password
    reset without the recovery code retired (safety_of, own_gate), not merely one not open in
    this request (a session without its key cookie), which the next sign-in opens again."""
    return _sealed_away(user, latest_run(user, "safety"))


def _sealed_away(user: User, run: Run | None) -> bool:
    """Whether `run`, the person's latest check, is sealed under a retired key (safety_locked)."""
    answers = run.answers if run is not None else None
    if not getattr(answers, "locked", False):
        return False
    key_id = crypto.envelope(answers.sealed).key_id  # type: ignore[union-attr]
    key = UserKey.objects.filter(user=user, key_id=key_id).first()
    return key is None or not key.current


def own_gate(user: User) -> SafetyResult:
    """The gate the person's own pages follow: as safety_gate, except that a check their key no
    longer opens (safety_locked) reads as not taken, the same whatever it found, so whoever reset
    the password through their email learns nothing from what those pages show or withhold. The
    shared plan and the partner's pages keep to safety_gate."""
    return OwnSafety(user).gate


class OwnSafety:
    """What the person's own pages read of their safety: the gate they follow (own_gate) and
    when their last partnership ended (answers_count_from). Each is read on first use and then
    kept for the life of the object, so a page that asks once a question or a day reads them
    once: make one per request and pass it down, never keep one longer (a check taken or a
    partnership ended changes both)."""

    def __init__(self, user: User) -> None:
        self.user = user

    @cached_property
    def ended(self) -> datetime | None:
        """answers_count_from: when the person's last partnership ended; None if none has."""
        return answers_count_from(self.user)

    @cached_property
    def gate(self) -> SafetyResult:
        """own_gate, from one read of the latest check that speaks for the person now."""
        runs = _runs_after(self.user, "safety", self.ended)
        run = runs.order_by("-completed_at").first()
        if run is None or _sealed_away(self.user, run):
            return NOT_SCREENED
        return _gate_result(run.gate)


def safety_gate(user: User) -> SafetyResult:
    """What the couple's shared plan may know of a person's screen: clear, concern or not
    screened, never which answers. Readable while the person is away (server's key)."""
    run = latest_run(user, "safety")
    return _gate_result(run.gate) if run else NOT_SCREENED


def has_screened(user: User) -> bool:
    """Whether `user` has finished the safety screen since their last partnership ended, whatever
    it said: a later retake, finished or not, never takes this back."""
    latest_first = _runs(user, "safety").order_by("-completed_at").only("gate", "user_id")
    return any(run.gate in ("clear", "concern") for run in latest_first)


def couple_is_safe(couple: Couple) -> bool:
    """Every partner screened without a concern: what opens anything that asks for vulnerability
    or touches conflict (the plan's content, the chat import). The gates, not the answers, so it
    reads the same whoever of the two asks."""
    return all_clear(safety_gate(m.user) for m in couple.active_members())


def _gate_result(gate: str) -> SafetyResult:
    if gate == "clear":
        return SafetyResult(screened=True, concern=False)
    if gate == "concern":
        return SafetyResult(screened=True, concern=True)
    return NOT_SCREENED


def gate_of(answers: Mapping[str, int]) -> str:
    """The gate a safety screen's answers set: "clear", "concern", or "" for not screened."""
    found = instrument("safety")
    result = screen(found, answers) if found else NOT_SCREENED
    if not result.screened:
        return ""
    return "concern" if result.concern else "clear"


def can_take(user: User, instrument_id: str) -> bool:
    """The safety screen any time; the others again four weeks after the last time."""
    return retake_from(user, instrument_id) is None


def retake_from(user: User, instrument_id: str) -> datetime | None:
    """When the person may take an instrument again; None: now (the safety screen, always; any
    other while its latest run leaves parts unscored: the four weeks start from one that scores
    every part, so Enter pressed after ten answers holds back nothing, though until four weeks
    have passed such a run may only be finished, its answers kept: `_finishes_only`)."""
    run = latest_run(user, instrument_id)
    if instrument_id == "safety" or run is None or run.completed_at is None:
        return None
    if unscored_parts(run):
        return None
    when = run.completed_at + RETAKE_AFTER
    return when if timezone.now() < when else None


def unscored_parts(run: Run) -> list[str]:
    """The names of the parts `run` has too few answers to score (none for the private safety
    check, which has no parts to score, or for answers not open here)."""
    found = instrument(run.instrument)
    if found is None or found.private or getattr(run.answers, "locked", False):
        return []
    scored = score_instrument(found, run.answers)
    return [scale.name for scale in found.scales if scored[scale.id] is None]


def unfinished_answers(user: User, instrument_id: str) -> dict[str, int]:
    """The latest run's answers while it leaves parts unscored, to fill in the form again (a
    retake must keep what that run scored); nothing otherwise."""
    run = latest_run(user, instrument_id)
    return dict(run.answers) if run is not None and unscored_parts(run) else {}


def retake_words(user: User, instrument_id: str) -> str:
    """What the pages and the API say while a retake must wait: the day it opens, where the
    person is."""
    when = timezone.localtime(retake_from(user, instrument_id) or timezone.now())
    if when.date() == timezone.localdate():
        return f"You can retake this from {when:%H:%M} today, four weeks after your last time."
    return f"You can retake this from {when.day} {when:%B %Y}, four weeks after your last time."


def parse_answers(found: Instrument, raw: Mapping[str, str | int]) -> dict[str, int]:
    """Answers from a form (text) or JSON body (numbers); unanswered items are simply absent."""
    answers: dict[str, object] = {}
    for item in found.items:
        value = raw.get(item.id)
        if value in (None, ""):
            continue
        answers[item.id] = _whole_number(value)
    problems = answer_problems(default_content(), answers)
    if problems:
        raise AnswerError(str(problems[0]))
    return {k: int(v) for k, v in answers.items()}  # type: ignore[call-overload]


def _whole_number(value: object) -> object:
    """A form's answer as an int when it is a short run of ASCII digits; anything else as it came,
    for answer_problems to name. ("²" is a digit to str.isdigit but not to int, and int refuses
    strings of more than 4,300 digits: either would otherwise be a 500.)"""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return value


def _keeps_every_part(found: Instrument, user: User, scored: Scores) -> None:
    """Refuse a retake that would leave a part without the score the last run gives it: the
    report (both partners') shows the latest run only, so it would blank that part for months."""
    last = scores(user, found.id) or {}
    lost = [s.name for s in found.scales if last.get(s.id) is not None and scored[s.id] is None]
    if lost:
        named = ", ".join(lost[:3]) + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
        raise AnswerError(
            f"Too few answers to score {named}, which your last time scored: answer at least 8 "
            "in 10 of each part's questions. Nothing was saved."
        )


def _finishes_only(found: Instrument, user: User, answers: Mapping[str, int]) -> None:
    """Within four weeks of a run that left parts unscored, which does not start the retake
    clock (retake_from), a save may only finish it: every answer that run gave kept as it was,
    new ones added. Changing an answer and watching where the report puts the statement beside
    the partner's would tell the partner's answer, one save at a time."""
    run = latest_run(user, found.id)
    if run is None or run.completed_at is None or not unscored_parts(run):
        return
    if timezone.now() >= run.completed_at + RETAKE_AFTER:
        return
    kept = dict(run.answers)
    if any(answers.get(item) != value for item, value in kept.items()):
        raise AnswerError(
            "Within four weeks of your last time you can only finish it: keep every answer it "
            "gave and add the ones it left out. Nothing was saved."
        )


@transaction.atomic
def save_run(user: User, found: Instrument, answers: Mapping[str, int]) -> Run:
    unknown = [key for key in answers if key not in {item.id for item in found.items}]
    if unknown:
        raise AnswerError(f"item '{unknown[0]}' is not part of {found.id}")
    if not answers:  # an empty form would otherwise count as taken, and block a retake
        raise AnswerError("Answer at least one question.")
    if not can_take(user, found.id):
        raise AnswerError(retake_words(user, found.id))
    scored = score_instrument(found, answers)
    if found.scales and not found.private and all(s is None for s in scored.values()):
        raise AnswerError(TOO_FEW_TO_SCORE)
    if not found.private:
        _keeps_every_part(found, user, scored)
        _finishes_only(found, user, answers)
    run: Run = Run.objects.create(
        user=user,
        instrument=found.id,
        answers=dict(answers),
        gate=gate_of(answers) if found.id == "safety" else "",
        completed_at=timezone.now(),
    )
    return run


def history(user: User, instrument_id: str) -> list[tuple[Run, Scores]]:
    """The person's runs that speak for them now, oldest first, each with its scores; those about
    an earlier partner are only in their data export. A run that left parts unscored and that
    the next run finished (finished_by) is left out: the finishing run holds every answer it
    gave, so the two are one result saved twice, not an earlier one. Both rows stay saved (and in
    the export); a run that scored every part always shows, a retake the same day too."""
    found = instrument(instrument_id)
    if found is None:
        return []
    runs = list(_runs(user, instrument_id).order_by("completed_at", "pk"))  # ties: as saved
    scored = [(run, score_instrument(found, run.answers)) for run in runs]
    nexts: list[Run | None] = [*runs[1:], None]  # one longer than runs when there are none
    return [
        pair for pair, after in zip(scored, nexts, strict=False) if not finished_by(*pair, after)
    ]


def finished_by(run: Run, scores: Scores, after: Run | None) -> bool:
    """Whether `after`, the person's next run of the same instrument, finished `run`: `run` left
    a part unscored (None in its `scores`) and `after` kept every answer it gave, as a save must
    within four weeks of such a run (_finishes_only) and as the take page, filling them in,
    invites afterwards. A run that scored every part is never "finished": it is a result."""
    if after is None or all(score is not None for score in scores.values()):
        return False
    given, kept = dict(run.answers), dict(after.answers)
    return all(kept.get(item) == value for item, value in given.items())
