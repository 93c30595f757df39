from __future__ import annotations

import pytest

from nearer.chat.pair import ChatChoiceError
from nearer.web.chats.participants import Choice, WrongName, choose


def test_two_people_and_a_matching_account_name_need_no_question() -> None:
    assert choose(["Ben", "Alice Martin"], "", "", "Alice").pair == ("Alice Martin", "Ben")


def test_the_account_name_matches_whatever_its_spacing_or_unicode_form() -> None:
    # "Zoë  Park" typed with a combining diaeresis and two spaces; the chat writes "Zoë Park".
    assert choose(["Sam", "Zo\u00eb Park"], "", "", "Zoe\u0308  Park").pair == ("Zoë Park", "Sam")
    assert choose(["Sam", "Zo\u00eb Park"], "", "", "zoe\u0308").pair == ("Zoë Park", "Sam")


def test_two_people_and_an_unknown_name_ask_which_one_is_you() -> None:
    choice = choose(["Sam", "Alex"], "", "", "Alice")
    assert choice.pair is None and not choice.group


def test_the_name_given_wins_over_the_account_name() -> None:
    assert choose(["Sam", "Alice"], "Sam", "", "Alice").pair == ("Sam", "Alice")


def test_a_typed_name_is_found_whatever_its_case_or_spacing() -> None:
    assert choose(["Sam", "Alice"], " sam", "", "Alice").pair == ("Sam", "Alice")


def test_a_group_chat_needs_the_partner_too() -> None:
    people = ["Ana", "Ben", "Cleo"]
    assert choose(people, "Ana", "", "x").pair is None
    assert choose(people, "Ana", "Cleo", "x").pair == ("Ana", "Cleo")


def test_a_chat_with_one_person_is_refused() -> None:
    with pytest.raises(ChatChoiceError, match="two people; found Ana"):
        choose(["Ana"], "", "", "Ana")


def test_a_name_that_did_not_write_in_the_chat_is_refused_by_name() -> None:
    with pytest.raises(ChatChoiceError, match="“Nobody Here” did not write in this chat"):
        choose(["Ana", "Ben", "Cleo"], "Ana", "Nobody Here", "x")
    with pytest.raises(ChatChoiceError, match="“Nobody” did not write"):
        choose(["Ana", "Ben"], "Nobody", "", "Ana")


def test_the_same_person_twice_is_refused() -> None:
    with pytest.raises(ChatChoiceError, match="Ana was chosen twice"):
        choose(["Ana", "Ben", "Cleo"], "Ana", " ana", "x")


def test_a_wrong_name_names_its_field_and_keeps_what_is_known() -> None:
    people = ["Ana", "Ben", "Cleo"]
    with pytest.raises(WrongName) as typo:
        choose(people, "Ana", "Bem", "x")
    assert typo.value.field == "partner" and typo.value.choice == Choice(tuple(people), "Ana", None)
    assert typo.value.choice.choices_for("partner") == ("Ben", "Cleo")
    with pytest.raises(WrongName) as twice:
        choose(people, "Ana", "ana", "x")
    assert twice.value.field == "partner" and twice.value.choice.me == "Ana"
    with pytest.raises(WrongName) as stranger:
        choose(people, "Anna", "Cleo", "Ana")  # a wrong name is not replaced by the account's
    assert stranger.value.field == "me" and stranger.value.choice == Choice(
        tuple(people), None, "Cleo"
    )
    assert stranger.value.choice.choices_for("me") == tuple(people)


def test_an_account_name_two_people_of_the_chat_go_by_is_asked_about_not_guessed() -> None:
    # Telegram's user2 "Alex" wrote first, so is "Alex"; the uploader may be user1, "Alex (2)".
    assert choose(["Alex", "Alex (2)"], "", "", "Alex").pair is None
    assert choose(["Alex", "Alex (2)"], "", "", "Alex Martin").pair is None
    assert choose(["Alex", "Sam", "Alex (2)"], "", "Sam", "Alex").pair is None
    assert choose(["Alex (2)", "Sam"], "", "", "Alex").pair is None  # the other Alex only reacted
    typed = choose(["Alex", "Alex (2)"], " alex", "", "Sam")
    assert typed.pair is None and typed.me is None


def test_namesakes_are_chosen_by_the_choice_the_page_sends() -> None:
    choice = choose(["Alex", "Alex (2)"], "", "", "Alex")
    assert [option.value for option in choice.options] == ["Alex (1)", "Alex (2)"]
    assert choice.choices_for("me") == ("Alex (1)", "Alex (2)")
    assert choose(["Alex", "Alex (2)"], "Alex (1)", "", "Alex").pair == ("Alex", "Alex (2)")
    assert choose(["Alex", "Alex (2)"], "Alex (2)", "", "Alex").pair == ("Alex (2)", "Alex")


def test_the_uploader_given_as_the_partners_exact_account_name_is_refused() -> None:
    """Swapped, each one's figures would be shown as the other's; with someone else, a chat of
    the partner's with a third person would be taken for the couple's."""
    with pytest.raises(WrongName, match="“Bob” is your partner's name in nearer") as swapped:
        choose(["Alice", "Bob"], "Bob", "", "Alice", partner_name="Bob")
    assert swapped.value.field == "me" and swapped.value.choice.pair is None
    with pytest.raises(WrongName):
        choose(["Alice", "Bob", "Cleo"], "bob", "alice", "Alice", partner_name="Bob")
    with pytest.raises(WrongName):
        choose(["Bob", "Jordan"], "Bob", "", "Alice", partner_name="Bob")


def test_a_name_given_that_is_not_exactly_the_partners_is_taken_as_given() -> None:
    """Chats name people as their phones do: only the partner's exact account name is refused,
    and not when it is the uploader's own too."""
    assert choose(["Bob", "Alice"], "Bob", "", "Alice", partner_name="Robert").pair == (
        "Bob",
        "Alice",
    )
    assert choose(["Bob M", "Alice"], "Bob M", "", "Alice", partner_name="Bob").pair == (
        "Bob M",
        "Alice",
    )
    assert choose(["Sam", "Sam B"], "Sam", "", "Sam", partner_name="Sam").pair == ("Sam", "Sam B")
