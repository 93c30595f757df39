"""The catalogue of WhatsApp's own sentences: valid in both regex engines, one actor per action."""

from __future__ import annotations

import re
from dataclasses import fields

import polars as pl
import pytest

from nearer.chat.parsers.whatsapp_phrases import ACTOR, CATALOGUE, Phrases

PATTERNS = [
    pytest.param(pattern, id=f"{phrases.language}.{field.name}.{index}")
    for phrases in CATALOGUE
    for field in fields(Phrases)
    if field.name not in ("language", "you")
    for index, pattern in enumerate(getattr(phrases, field.name))
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_compiles_in_polars_too(pattern: re.Pattern[str]) -> None:
    pl.Series(["x"]).str.contains(f"^(?:{pattern.pattern})$")  # raises if Rust cannot read it


@pytest.mark.parametrize("phrases", CATALOGUE, ids=lambda p: p.language)
def test_every_action_has_exactly_one_group_the_actor(phrases: Phrases) -> None:
    for pattern in (*phrases.actions, *phrases.call_actions):
        assert pattern.groups == 1 and pattern.pattern.startswith(ACTOR + " "), pattern.pattern


@pytest.mark.parametrize("phrases", CATALOGUE, ids=lambda p: p.language)
def test_every_language_knows_media_deletions_edits_calls_and_the_encryption_notice(
    phrases: Phrases,
) -> None:
    for name in ("omitted", "attached", "deleted", "edited", "calls", "missed", "notices"):
        assert getattr(phrases, name), f"{phrases.language} has no {name}"


def test_the_seven_languages_the_parser_promises() -> None:
    assert [p.language for p in CATALOGUE] == ["en", "de", "es", "fr", "pt", "it", "nl"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Messages and calls are end-to-end encrypted. Only people in this chat can read"),
        # The 2016-20 wordings, one-to-one and group, with and without calls and a tail.
        ("en", "Messages to this chat and calls are now secured with end-to-end encryption."),
        (
            "en",
            "Messages you send to this chat and calls are now secured with end-to-end"
            " encryption. Tap for more info.",
        ),
        ("en", "Messages to this group are now secured with end-to-end encryption."),
        (
            "en",
            "Messages you send to this group are now secured with end-to-end encryption. Tap for"
            " more info.",
        ),
        (
            "de",
            "Nachrichten in diesem Chat sowie Anrufe sind jetzt mit Ende-zu-Ende-Verschlüsselung"
            " geschützt. Tippe für mehr Infos.",
        ),
        (
            "de",
            "Nachrichten an diese Gruppe sind jetzt mit Ende-zu-Ende-Verschlüsselung geschützt.",
        ),
        (
            "de",
            "Nachrichten, die du in diesem Chat sendest, sowie Anrufe, sind jetzt mit"
            " Ende-zu-Ende-Verschlüsselung geschützt. Tippe für mehr Infos.",
        ),
        (
            "de",
            "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Tippe, um mehr zu erfahren.",
        ),
        ("es", "Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera…"),
        ("fr", "Les messages et les appels sont chiffrés de bout en bout. Personne…"),
        ("it", "I messaggi e le chiamate sono crittografati end-to-end. Nessuno…"),
        ("nl", "Berichten en oproepen worden end-to-end versleuteld. Niemand…"),
    ],
)
def test_encryption_notices_are_notices(language: str, text: str) -> None:
    phrases = next(p for p in CATALOGUE if p.language == language)
    assert any(pattern.fullmatch(text) for pattern in phrases.notices)


def test_actors_never_hold_a_colon_so_a_normal_line_is_no_action() -> None:
    actions = [pattern for phrases in CATALOGUE for pattern in phrases.actions]
    assert not any(pattern.fullmatch("Ana: Ana added Ben") for pattern in actions)
    assert any(pattern.fullmatch("Ana added Ben") for pattern in actions)
