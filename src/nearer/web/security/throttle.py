"""Login throttling per account and per address, and password-reset emails per recipient and per
address, kept in the database so that every gunicorn worker sees the same counts.

Why these numbers. The person most likely to guess a password is someone who already knows the
email address — sometimes the partner — so a lock must never last long, or guessing becomes a way
to shut the other person out. An account gets 5 wrong passwords free; the 5th starts a one-minute
pause, and each further wrong password after a pause doubles it, capped at 15 minutes. Passwords
are at least 12 characters, not common, and hashed with Argon2id, so 4 guesses an hour after the
cap is no real chance for an attacker, while the owner never waits more than a quarter of an hour.
A browser the account signed in from before (a signed cookie, see trusted.py) has its own count,
so guesses from elsewhere do not lock the owner's own phone at all.

An address gets a wider budget (20 wrong passwords, then the same doubling pauses, capped at 15
minutes), which slows one machine trying many accounts without catching a couple behind one home
router. Counts older than a day are forgotten; a successful sign-in clears the account's count
and a password reset clears it too. An address's count clears only with time: signing in to
one's own account must not buy more guesses at someone else's.

The password typed again by someone already signed in (the prompt before a sensitive step, the
password change form, deleting the account, unlocking private entries) has the account's policy
and one count per account (`reauth_bucket`), shared by all its sessions and API tokens: another
session or a new token buys no more guesses. It is not the login form's count, so guesses there
from elsewhere never pause the owner's own prompts.

A password is counted before it is checked (`reserve`), then given back when right
(`give_back`) or kept as a wrong one (`keep`) as soon as the check answers, before any other
work: checked only after, 16 wrong passwords sent at once all found the count under 5 and 11-12
were checked. While the attempts being checked in an account, browser or prompt count could,
were they all wrong, start a pause, another waits for their answers (at most WAIT_AT_MOST, then
it is told to try again in a few seconds: BUSY, nothing counted); so no more are checked than
one by one. An attempt left unanswered (its answer failed twice, attempt.py) holds no one back
after CHECKED_WITHIN. An address's count is loose (many people share one): it never makes
anyone wait. An answer later than IN_FLIGHT touches nothing: by then its attempt may be
counted as wrong.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from nearer.web.security.models import Throttle

FORGET_AFTER = timedelta(hours=24)
# An attempt is held (`reserve`) across one password check, ~200 ms of Argon2. Nothing kills a
# slow request (gunicorn's gthread worker lets it run past --timeout), so IN_FLIGHT is no server
# timeout, only a bound far above any check: an attempt unanswered after it counts as wrong
# (`_settle`), and its own answer, if it ever comes, is then ignored (see `_answerable`).
# Another attempt waits for the ones being checked at most WAIT_AT_MOST, asking every
# POLL_SECONDS; then it is refused as BUSY (no pause; try again in a few seconds).
IN_FLIGHT = timedelta(minutes=10)
# An attempt being checked makes others wait for its answer only this long after it was
# reserved: a check takes well under a second, so one still unanswered after a minute lost its
# answer (a database error, attempt.py) and must not refuse the owner as BUSY until IN_FLIGHT.
CHECKED_WITHIN = timedelta(seconds=60)
WAIT_AT_MOST = timedelta(seconds=5)
POLL_SECONDS = 0.05
BUSY = timedelta(0)  # what `reserve` returns for "busy": a real pause is always longer
BUSY_RETRY = 2  # seconds, the Retry-After of BUSY


@dataclass(frozen=True)
class Policy:
    free: int  # wrong passwords before the first pause
    first_pause: timedelta
    cap: timedelta

    def pause_after(self, failures: int) -> timedelta | None:
        """The pause that `failures` wrong passwords in a row earn; None while under budget."""
        if failures < self.free:
            return None
        doubling: int = 2 ** min(failures - self.free, 16)  # int ** int may be a float to mypy
        return min(self.cap, self.first_pause * doubling)


ACCOUNT = Policy(free=5, first_pause=timedelta(minutes=1), cap=timedelta(minutes=15))
ADDRESS = Policy(free=20, first_pause=timedelta(minutes=1), cap=timedelta(minutes=15))
# Password-reset emails, counted per email address asked for (whether or not an account has it,
# so the pause tells nothing) and per client address: a few at once, then ever further apart,
# so the form cannot be used to flood someone's inbox.
RESET_EMAIL = Policy(free=3, first_pause=timedelta(minutes=15), cap=timedelta(hours=6))
RESET_ADDRESS = Policy(free=10, first_pause=timedelta(minutes=15), cap=timedelta(hours=6))
# Sign-ups, counted per client network as reset emails are: each accepted form makes an account
# or emails the owner of one (the form never says which, accounts/signup.py), so one machine
# cannot make accounts, or fill inboxes, or probe addresses, without end. The notice to an
# existing account's owner has RESET_EMAIL's budget per address; over it, it is simply not sent.
SIGN_UP_ADDRESS = Policy(free=10, first_pause=timedelta(minutes=15), cap=timedelta(hours=6))


@dataclass(frozen=True)
class Bucket:
    key: str
    policy: Policy
    clears_on_success: bool = True
    exact: bool = True  # attempts wait for the ones being checked (`reserve`); False: never


def digest(kind: str, value: str) -> str:
    """`kind:` and an HMAC of `value`, so the table never holds an email or an address."""
    mac: str = salted_hmac("nearer.security.throttle", value, algorithm="sha256").hexdigest()
    return f"{kind}:" + mac


def account_bucket(email: str) -> Bucket:
    return Bucket(digest("account", email.strip().lower()), ACCOUNT)


def browser_bucket(browser: str, email: str) -> Bucket:
    return Bucket(digest("browser", f"{browser}:{email.strip().lower()}"), ACCOUNT)


def reauth_bucket(user_id: int) -> Bucket:
    """Wrong passwords typed by someone signed in as `user_id`, in any of its sessions or with
    any of its API tokens (see the module's docstring): one count for them all."""
    return Bucket(digest("reauth", str(user_id)), ACCOUNT)


def reset_buckets(request: HttpRequest, email: str) -> list[Bucket]:
    """The counts a password-reset email is taken from: the address it goes to, and the client's
    network (see RESET_EMAIL). Sending one counts as one attempt (`fail`)."""
    return [
        Bucket(digest("reset-email", email.strip().lower()), RESET_EMAIL, False),
        Bucket(digest("reset-from", client_network(request)), RESET_ADDRESS, False),
    ]


def sign_up_buckets(request: HttpRequest) -> list[Bucket]:
    """The count an accepted sign-up is taken from: the client's network (SIGN_UP_ADDRESS)."""
    return [Bucket(digest("sign-up-from", client_network(request)), SIGN_UP_ADDRESS, False)]


def sign_up_notice_buckets(email: str) -> list[Bucket]:
    """The count of "someone tried to sign up with your address" emails to `email`."""
    return [Bucket(digest("sign-up-email", email.strip().lower()), RESET_EMAIL, False)]


def address_bucket(request: HttpRequest) -> Bucket:
    return Bucket(digest("address", client_network(request)), ADDRESS, False, exact=False)


def client_network(request: HttpRequest) -> str:
    """The client's address (its /64 for IPv6, which one household or phone usually holds).

    An IPv4 client of a dual-stack socket (`nearer serve --host ::`) arrives as an IPv4-mapped
    IPv6 address (`::ffff:198.51.100.1`): it is counted as its IPv4 address, as it would be on an
    IPv4 socket — the /64 of a mapped address would be one `::/64` for the whole IPv4 internet.

    Behind a proxy (NEARER_BEHIND_PROXY) it is the last X-Forwarded-For entry, the one the
    proxy itself appended; anything a client wrote before it is ignored."""
    raw = request.META.get("REMOTE_ADDR", "")
    if settings.NEARER_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        raw = forwarded or raw
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def wait(buckets: list[Bucket], now: datetime) -> timedelta | None:
    """How long before another attempt is heard: the longest pause among `buckets`, or None."""
    until = Throttle.objects.filter(
        key__in=[b.key for b in buckets], locked_until__gt=now
    ).values_list("locked_until", flat=True)
    return max((moment - now for moment in until), default=None)


def reserve(buckets: list[Bucket], now: datetime) -> timedelta | None:
    """Count a password attempt in each bucket before the password is checked: None when it may
    be checked; else the pause that refuses it unheard, or BUSY; nothing counted then. Every
    reserved attempt is answered by `give_back` (right) or `keep` (wrong), passed this `now`.

    A reserved attempt is held apart from the wrong ones (`Throttle.pending`) until answered, so
    a right one gives back exactly what it took. While the attempts being checked in an exact
    bucket would, were they all wrong, start a pause, another waits for their answers (at most
    WAIT_AT_MOST, then BUSY): so a right password sent beside others is heard as it would be
    after them, and never refused with a pause that has not started."""
    started, elapsed = time.monotonic(), timedelta(0)  # the first try is at `now` exactly
    while True:
        pause: timedelta | None
        pause, final = _reserve_once(buckets, now + elapsed)
        if final:
            return pause
        if elapsed >= WAIT_AT_MOST:
            return BUSY
        time.sleep(POLL_SECONDS)
        elapsed = timedelta(seconds=time.monotonic() - started)


@transaction.atomic
def _reserve_once(buckets: list[Bucket], now: datetime) -> tuple[timedelta | None, bool]:
    """One try at `reserve`: (None, True) counted; (pause, True) paused; (None, False) the
    attempts being checked could start a pause were they all wrong: ask again once answered."""
    rows = _locked_rows(buckets, now)
    paused = [row.locked_until - now for _, row in rows if _paused(row, now)]
    busy = any(bucket.exact and _could_pause(bucket, row, now) for bucket, row in rows)
    if paused or busy:
        _drop_empty([row for _, row in rows])  # made by this try alone: leave nothing behind
        return max(paused, default=None), bool(paused)
    for _, row in rows:
        row.pending += 1
        row.pending_at = now
        row.save()
    return None, True


def _paused(row: Throttle, now: datetime) -> bool:
    return row.locked_until is not None and row.locked_until > now


def _could_pause(bucket: Bucket, row: Throttle, now: datetime) -> bool:
    """Whether the attempts being checked in `row` would start a pause, were they all wrong;
    none reserved in the last CHECKED_WITHIN (the latest is `pending_at`) is still being checked."""
    checking = row.pending_at is not None and row.pending_at >= now - CHECKED_WITHIN
    pending = row.pending if checking else 0
    return bool(pending) and bucket.policy.pause_after(row.failures + pending) is not None


def _answerable(reserved_at: datetime) -> bool:
    """Whether an attempt reserved at `reserved_at` is still held: older than IN_FLIGHT, another
    attempt may already have counted it as wrong (`_settle`), so its answer must touch nothing."""
    held: timedelta = timezone.now() - reserved_at
    return held <= IN_FLIGHT


@transaction.atomic
def give_back(buckets: list[Bucket], reserved_at: datetime) -> None:
    """Undo one `reserve` made at `reserved_at` in each bucket: the password was right, so it
    was no guess. The wrong ones, the pause and when the last wrong one came stay as they were."""
    if not _answerable(reserved_at):
        return
    keys = [bucket.key for bucket in buckets]
    for row in Throttle.objects.select_for_update().filter(key__in=keys).order_by("key"):
        row.pending = max(0, row.pending - 1)
        if not _drop_empty([row]):
            row.save()


@transaction.atomic
def keep(buckets: list[Bucket], reserved_at: datetime, now: datetime) -> timedelta | None:
    """Answer one `reserve` made at `reserved_at` in each bucket as a wrong password, counted as
    `fail` counts it; the pause now in force."""
    if not _answerable(reserved_at):
        return wait(buckets, now)
    rows = _locked_rows(buckets, now)
    for _, row in rows:
        row.pending = max(0, row.pending - 1)
    return _count(rows, now)


@transaction.atomic
def fail(buckets: list[Bucket], now: datetime) -> timedelta | None:
    """Count one attempt in each bucket (a reset email, a sign-up); the pause now in force."""
    return _count(_locked_rows(buckets, now), now)


def _locked_rows(buckets: list[Bucket], now: datetime) -> list[tuple[Bucket, Throttle]]:
    """Each bucket's row, made if need be and locked to the end of the transaction, in key
    order (so that two requests sharing buckets never wait on each other crosswise)."""
    unlocked = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    answered = Q(pending=0) | Q(pending_at__lt=now - IN_FLIGHT)
    Throttle.objects.filter(unlocked, answered, last_failure_at__lt=now - FORGET_AFTER).delete()
    rows = []
    for bucket in sorted(buckets, key=lambda b: b.key):
        row, _ = Throttle.objects.select_for_update().get_or_create(
            key=bucket.key, defaults={"last_failure_at": now}
        )
        _settle(bucket, row, now)
        rows.append((bucket, row))
    return rows


def _settle(bucket: Bucket, row: Throttle, now: datetime) -> None:
    """Bring `row` up to `now`. Attempts reserved more than IN_FLIGHT ago were never answered
    (the worker was killed mid-check): each counts as the wrong password it may have been.
    Wrong passwords older than FORGET_AFTER are forgotten."""
    if row.pending and row.pending_at is not None and row.pending_at < now - IN_FLIGHT:
        lost, row.pending = row.pending, 0
        for _ in range(lost):
            _count_one(bucket, row, row.pending_at)
    if row.last_failure_at < now - FORGET_AFTER:
        row.failures = 0


def _count(rows: list[tuple[Bucket, Throttle]], now: datetime) -> timedelta | None:
    pauses = []
    for bucket, row in rows:
        pauses.append(_count_one(bucket, row, now))
        row.save()
    return max((pause for pause in pauses if pause), default=None)


def _count_one(bucket: Bucket, row: Throttle, now: datetime) -> timedelta | None:
    if row.last_failure_at < now - FORGET_AFTER:
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    pause = bucket.policy.pause_after(row.failures)
    row.locked_until = now + pause if pause else None
    return pause


def _drop_empty(rows: list[Throttle]) -> bool:
    """Delete the rows that count nothing (no wrong password, no attempt being checked); whether
    there were any."""
    empty = [row for row in rows if row.failures == 0 and row.pending == 0]
    for row in empty:
        row.delete()
    return bool(empty)


@transaction.atomic
def succeed(buckets: list[Bucket]) -> None:
    """Forget the wrong passwords of the buckets a right password clears."""
    _clear([b.key for b in buckets if b.clears_on_success])


def forget_account(email: str, user_id: int) -> None:
    """After a password reset: the owner proved they read the mailbox; start afresh, at the
    login form and at the password prompts."""
    _clear([account_bucket(email).key, reauth_bucket(user_id).key])


@transaction.atomic
def _clear(keys: list[str]) -> None:
    """No wrong passwords and no pause in these rows; attempts still being checked in them stay
    counted until answered."""
    Throttle.objects.filter(key__in=keys, pending=0).delete()
    Throttle.objects.filter(key__in=keys).update(failures=0, locked_until=None)


def minutes(pause: timedelta) -> int:
    """A pause in whole minutes, rounded up, for telling people how long to wait."""
    return max(1, -(-int(pause.total_seconds()) // 60))


def wait_words(pause: timedelta) -> str:
    """A pause as people say it, rounded up: "1 minute", "15 minutes", "3 hours"; BUSY is "a few
    seconds"."""
    if pause == BUSY:
        return "a few seconds"
    count = minutes(pause)
    if count >= 120:
        hours = -(-count // 60)
        return f"{hours} hours"
    return f"{count} minute{'s' * (count != 1)}"


def with_retry_after(response: HttpResponse, pause: timedelta) -> HttpResponse:
    """`response` carrying the Retry-After header (whole seconds, rounded up) a pause asks for."""
    seconds = BUSY_RETRY if pause == BUSY else int(pause.total_seconds()) + 1
    response["Retry-After"] = str(seconds)
    return response


def refusal(pause: timedelta) -> str:
    """Why a password was not checked, in one sentence: a pause (how long), or BUSY."""
    if pause == BUSY:
        return "Other passwords for this account are being checked. Try again in a few seconds."
    return f"Too many wrong passwords. Try again in {wait_words(pause)}."
