"""docs/security.md states figures and names the code decides; these tests hold them together."""

from __future__ import annotations

import re
from pathlib import Path

from nearer.web.accounts.reauth import REAUTH_WINDOW
from nearer.web.audit.events import KINDS
from nearer.web.security.headers import CONTENT_SECURITY_POLICY
from nearer.web.security.throttle import (
    ACCOUNT,
    ADDRESS,
    BUSY,
    BUSY_RETRY,
    RESET_ADDRESS,
    RESET_EMAIL,
    SIGN_UP_ADDRESS,
    WAIT_AT_MOST,
    refusal,
)
from nearer.web.vault.crypto import KEY_BYTES, PREFIX, Argon2Cost

DOCS = Path(__file__).resolve().parents[3] / "docs"
PAGE = (DOCS / "security.md").read_text(encoding="utf-8")
ONE_LINE = " ".join(PAGE.split())


def test_the_content_security_policy_on_the_page_is_the_one_sent() -> None:
    assert f"`{CONTENT_SECURITY_POLICY}`" in PAGE


def test_every_activity_kind_is_named_and_no_other() -> None:
    section = ONE_LINE.split("**Activity log.**")[1].split("**Headers.**")[0]
    named = set(re.findall(r"`([a-z_]+)`", section))
    assert named == set(KINDS)


def test_the_throttle_figures_are_the_codes() -> None:
    minutes = int(ACCOUNT.first_pause.total_seconds() // 60)
    cap = int(ACCOUNT.cap.total_seconds() // 60)
    assert minutes == 1 and "pauses for one minute" in ONE_LINE
    assert f"After {ACCOUNT.free} wrong passwords" in ONE_LINE
    assert f"up to {cap} minutes" in ONE_LINE
    assert f"an address pauses after {ADDRESS.free}" in ONE_LINE


def test_the_wait_for_passwords_being_checked_is_the_codes() -> None:
    assert f"at most {int(WAIT_AT_MOST.total_seconds())} seconds" in ONE_LINE
    assert f'answered 429 "{refusal(BUSY)}" (`Retry-After: {BUSY_RETRY}`)' in ONE_LINE


def test_the_reset_email_figures_are_the_codes() -> None:
    assert f"at most {RESET_EMAIL.free} emails to one address" in ONE_LINE
    assert (
        RESET_EMAIL.first_pause.total_seconds() == 15 * 60 and "pauses for 15 minutes" in ONE_LINE
    )
    assert RESET_EMAIL.cap.total_seconds() == 6 * 3600 and "up to 6 hours" in ONE_LINE
    assert RESET_ADDRESS.cap == RESET_EMAIL.cap
    assert f"one client address pauses after {RESET_ADDRESS.free}" in ONE_LINE


def test_the_sign_up_figures_are_the_codes() -> None:
    assert f"at most {RESET_EMAIL.free} such emails to one address" in ONE_LINE
    assert SIGN_UP_ADDRESS.first_pause == RESET_EMAIL.first_pause  # "for 15 minutes"
    assert SIGN_UP_ADDRESS.cap == RESET_EMAIL.cap  # "up to 6 hours"
    phrase = f"one client address pauses after {SIGN_UP_ADDRESS.free}, for 15 minutes, doubling"
    assert f"{phrase} up to 6 hours" in ONE_LINE


def test_the_password_window_is_the_codes() -> None:
    window = int(REAUTH_WINDOW.total_seconds() // 60)
    assert f"in the last {window} minutes" in ONE_LINE


def test_the_key_sizes_and_argon2_cost_are_the_codes() -> None:
    cost = Argon2Cost()
    assert KEY_BYTES * 8 == 256 and "AES-256-GCM" in PAGE and "256 bits" in PAGE
    assert f"time cost {cost.time_cost}, {cost.memory_cost // 1024} MiB" in ONE_LINE
    assert f"`{PREFIX}<u|s>:<key id>:<base64>`" in PAGE


def test_every_setting_named_is_documented_in_configuration() -> None:
    configuration = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for name in set(re.findall(r"NEARER_[A-Z_]+", PAGE)):
        assert f"`{name}`" in configuration, name
