"""Crisis language: conservative, approximate, and erring toward the gentle pointer."""

from __future__ import annotations

import pytest

from nearer.domain.crisis import mentions_crisis, normalise


@pytest.mark.parametrize(
    "note",
    [
        "Sometimes I think about suicide.",
        "I feel suicidal tonight",
        "I want to kill myself",
        "I keep wanting to hurt myself",
        "I cut myself again last week",
        "self-harm urges are back",
        "I just want to end it all",
        "I wanted to die after the fight",
        "they'd all be better off without me",
        "I don’t want to be here anymore",
        "There's no reason to live",
        "He hit me last night.",
        "my husband slapped me in front of the kids",
        "She threatened to hurt me if I told anyone",
        "He said he'd kill me if I left",
        "I'm scared of him when he drinks",
        "I'm afraid to go home",
        "I don't feel safe at home",
        "He won't let me see my friends",
        "MY PARTNER CHOKED ME",
    ],
)
def test_crisis_phrasings_bring_the_pointer(note: str) -> None:
    assert mentions_crisis(note)


@pytest.mark.parametrize(
    "note",
    [
        "Me quiero morir",
        "Pensé en el suicidio otra vez",
        "Mi marido me pegó ayer",
        "Tengo miedo de él",
        "Não quero mais viver",
        "Ele me bateu",
        "Je veux mourir",
        "J'ai peur de lui",
        "Ich will nicht mehr leben",
        "Er schlägt mich",
        "Ich habe Angst vor ihm",
        "Voglio morire",
        "Mi picchia ogni sera",
        "Ik wil dood",
        "Hij slaat me",
    ],
)
def test_the_same_words_in_the_other_languages_nearer_reads(note: str) -> None:
    assert mentions_crisis(note)


@pytest.mark.parametrize(
    "note",
    [
        "Me muero de risa",
        "Ella me pegó un susto",
        "Mi jefe me va a matar",
        "Je meurs de faim",
        "Tu vas me tuer de rire",
        "Die Hitze bringt mich um",
        "Ich sterbe vor Hunger",
        "Ik ben bang voor spinnen",
        "Hij gaat me helpen",
    ],
)
def test_idioms_in_the_other_languages_do_not(note: str) -> None:
    assert not mentions_crisis(note)


@pytest.mark.parametrize(
    "note",
    [
        "I'm not going to hurt myself, I just feel low",
        "I would never kill myself",
        "No thoughts of suicide, just tired",
    ],
)
def test_negations_still_bring_the_gentle_pointer(note: str) -> None:
    # Decided and documented in nearer.domain.crisis: negation is not parsed, on purpose.
    assert mentions_crisis(note)


@pytest.mark.parametrize(
    "note",
    [
        "",
        "A lovely walk by the river.",
        "This traffic is killing me",
        "I'm dying to see the new film",
        "I could kill for a coffee",
        "It hit me how much I missed him",
        "We cut the cake together",
        "He made me laugh so hard I almost died",
        "She hit the nail on the head",
        "My mum would kill me if I forgot her birthday",
        "Felt hurt when he forgot, we talked it through",
    ],
)
def test_everyday_words_that_sound_violent_do_not(note: str) -> None:
    assert not mentions_crisis(note)


def test_apostrophes_and_spacing_are_evened_out() -> None:
    assert normalise("Don’t  want\nto   LIVE!") == "don t want to live"
    assert normalise("Não, ER SCHLÄGT mich. Straße") == "nao er schlagt mich strasse"
