from __future__ import annotations

from dataclasses import replace

import pytest

from nearer.chat.pair import (
    AlikeError,
    ChatChoiceError,
    alike_outside,
    choosable,
    choose_pair,
    namesakes,
    numbered_apart,
    only_pair,
    pair_messages,
    sent_by,
    told_apart,
)
from nearer.chat.records import Alike
from tests.chat.conftest import ALEX, SAM, make_chat


def test_a_one_to_one_chat_is_its_own_pair_most_messages_first() -> None:
    chat = make_chat([(0, SAM, "hi"), (1, ALEX, "hey"), (2, ALEX, "you ok?")])
    assert choose_pair(chat.participants).names == (ALEX, SAM)


def test_me_comes_first() -> None:
    assert choose_pair([ALEX, SAM], me=SAM).names == (SAM, ALEX)


def test_names_are_found_whatever_their_case_spacing_or_unicode_form() -> None:
    assert choose_pair([ALEX, SAM], me=" sam ").names == (SAM, ALEX)
    chosen = choose_pair([SAM, "Zoë Park", ALEX], pair=("zoe\u0308  park", "SAM"))
    assert chosen.names == (SAM, "Zoë Park")  # most messages first


def test_a_name_two_people_share_but_for_case_is_not_guessed() -> None:
    with pytest.raises(ChatChoiceError, match='"alex"'):
        choose_pair(["Alex", "ALEX"], me="alex")


def test_a_name_the_parsers_numbered_apart_names_its_namesakes_and_no_one_of_them() -> None:
    people = ["Alex", "Sam", "Alex (2)", "Alex (3)"]
    assert namesakes("alex", people) == ("Alex", "Alex (2)", "Alex (3)")
    assert namesakes("Alex (2)", people) == namesakes("Sam", people) == ()
    assert [choosable(name, people) for name in people] == [
        "Alex (1)",
        "Sam",
        "Alex (2)",
        "Alex (3)",
    ]


def test_me_naming_namesakes_is_refused_listing_each_with_what_they_sent() -> None:
    chat = make_chat(
        [(0, "Alex (2)", "hi"), (1, "Alex", "hey"), (2, "Alex", "ok"), (4000, SAM, "x")]
    )
    sent = sent_by(chat.messages)
    with pytest.raises(ChatChoiceError) as caught:
        choose_pair(chat.participants, ("Alex", SAM), me="Alex", sent=sent)
    assert str(caught.value) == (
        '"Alex" is 2 people in this chat: "Alex (1)", 2 messages on 2024-03-04; '
        '"Alex (2)", 1 message on 2024-03-04; name yourself as listed'
    )
    assert choose_pair(chat.participants, me="alex (1)", pair=("Alex (2)", "Alex")).names == (
        "Alex",
        "Alex (2)",
    )
    assert choose_pair(["Alex", "Alex (2)"], me="Alex (2)").names == ("Alex (2)", "Alex")


def test_a_pair_with_a_name_the_export_writes_for_several_people_is_refused() -> None:
    people, alike = ["Alex", "Sam", "Robin"], [Alike("Alex", 2, "x.json lists it twice")]
    with pytest.raises(AlikeError) as caught:
        told_apart(("Sam", "Alex"), alike, people)
    assert str(caught.value).startswith('"Alex" is 2 people in this chat (x.json lists it twice)')
    assert caught.value.participants == tuple(people)
    told_apart(("Sam", "Robin"), alike, people)  # two others: told apart
    assert alike_outside(alike, ("Sam", "Robin"), people) == [
        '"Alex" is 2 people in this chat (x.json lists it twice); '
        "the chat's own figures count them as one"
    ]
    assert alike_outside(alike, ("Sam", "Robin"), ["Sam", "Robin"]) == []  # Alex never wrote


def test_a_group_chat_without_a_pair_raises_the_choice_error_listing_everyone() -> None:
    with pytest.raises(ChatChoiceError) as caught:
        choose_pair([SAM, ALEX, "Robin"])
    assert caught.value.participants == (SAM, ALEX, "Robin")
    assert "Sam, Alex, Robin" in str(caught.value)


def test_a_group_chat_with_a_chosen_pair_is_that_pair() -> None:
    assert choose_pair([SAM, "Robin", ALEX], pair=(SAM, ALEX)).names == (SAM, ALEX)


def test_a_chosen_pair_is_in_report_order_whatever_order_it_was_typed_in() -> None:
    assert choose_pair([SAM, "Robin", ALEX], pair=(ALEX, SAM)).names == (SAM, ALEX)
    assert choose_pair([SAM, "Robin", ALEX], pair=(SAM, ALEX), me=ALEX).names == (ALEX, SAM)


def test_a_pair_naming_someone_who_never_wrote_is_refused() -> None:
    with pytest.raises(ChatChoiceError, match="Kim"):
        choose_pair([SAM, ALEX, "Robin"], pair=(SAM, "Kim"))


def test_me_outside_the_pair_is_refused() -> None:
    with pytest.raises(ChatChoiceError, match="Robin"):
        choose_pair([SAM, ALEX], me="Robin")


def test_a_chat_with_one_writer_is_not_a_couple() -> None:
    with pytest.raises(ChatChoiceError, match="two people"):
        choose_pair([SAM])


def test_pair_messages_keep_file_order_and_drop_others_and_system_lines() -> None:
    chat = make_chat(
        [(5, SAM, "later"), (1, ALEX, "earlier"), (2, None, "Alex changed the subject"),
         (3, "Robin", "hello all"), (4, SAM, "", "media")]
    )  # fmt: skip
    messages = pair_messages(chat.messages, choose_pair(chat.participants, pair=(SAM, ALEX)))
    assert messages["text"].to_list() == ["later", "earlier", ""]
    assert messages["words"].to_list() == [1, 1, 0]


def test_only_pair_leaves_out_everyone_else_but_keeps_lines_without_an_author() -> None:
    chat = make_chat(
        [(0, SAM, "hi"), (1, "Robin", "hello all"), (2, ALEX, "hey"), (3, None, "Robin added Kim")]
    )
    kept = only_pair(chat, (SAM, ALEX)).messages
    assert kept["text"].to_list() == ["hi", "hey", "Robin added Kim"]


def test_namesakes_are_listed_with_their_id_and_first_and_last_day_to_tell_them_apart() -> None:
    chat = make_chat([(0, "Alex", "hi"), (1, "Alex (2)", "hey"), (2_000, "Alex", "ok")])
    sent = sent_by(chat.messages, ids=[("Alex", "user111"), ("Alex (2)", "user999")])
    with pytest.raises(ChatChoiceError) as caught:
        choose_pair(chat.participants, me="alex", sent=sent)
    assert str(caught.value) == (
        '"alex" is 2 people in this chat: "Alex (1)" (id user111), 2 messages, 2024-03-04 to '
        '2024-03-05; "Alex (2)" (id user999), 1 message on 2024-03-04; name yourself as listed'
    )


def test_a_pair_naming_namesakes_by_their_name_alone_is_refused_listing_them() -> None:
    people = ["Alex (1)", "Alex (2)", SAM]
    with pytest.raises(ChatChoiceError, match=r'^"alex" is 2 people .* name them as listed$'):
        choose_pair(people, pair=("alex", SAM))
    assert choose_pair(people, pair=("alex (2)", SAM)).names == ("Alex (2)", SAM)


def test_the_first_of_namesakes_is_labelled_on_its_rows_as_the_choice_lists_it() -> None:
    chat = make_chat([(0, "Alex", "hi"), (1, "Alex (2)", "hey"), (2, "Alex", "ok"), (3, SAM, "x")])
    chat = replace(chat, ids=(("Alex", "user1"), ("Alex (2)", "user2")))
    labelled = numbered_apart(chat)
    assert labelled.messages["author"].to_list() == ["Alex (1)", "Alex (2)", "Alex (1)", SAM]
    assert labelled.ids == (("Alex (1)", "user1"), ("Alex (2)", "user2"))
    assert [choosable(name, labelled.participants) for name in labelled.participants] == (
        labelled.participants
    )
    assert numbered_apart(make_chat([(0, "Alex", "hi"), (1, SAM, "x")])).participants == [
        "Alex",
        SAM,
    ]


def test_the_first_of_namesakes_is_never_labelled_onto_someone_else_of_that_label() -> None:
    """A third person who goes by "Alex (1)" stays a person of their own; the bare "Alex" takes
    the number no one carries."""
    rows = [(0, "Alex", "hi"), (1, "Alex (1)", "hey"), (2, "Alex (2)", "yo"), (3, SAM, "x")]
    labelled = numbered_apart(make_chat(rows))
    assert sorted(labelled.participants) == sorted(["Alex (3)", "Alex (1)", "Alex (2)", SAM])


def test_names_alike_but_for_case_are_numbered_apart_each_with_its_own_number() -> None:
    people = ["Alice", "Bob", "alice", "ALICE"]
    assert [choosable(name, people) for name in people] == [
        "Alice (1)",
        "Bob",
        "alice (2)",
        "ALICE (3)",
    ]
    labelled = numbered_apart(
        make_chat([(0, "Alice", "one"), (1, "Bob", "two"), (2, "alice", "3")])
    )
    assert labelled.messages["author"].to_list() == ["Alice (1)", "Bob", "alice (2)"]


def test_an_unnumbered_namesake_skips_the_numbers_the_parsers_gave() -> None:
    people = ["Alex", "Alex (2)", "alex", SAM]
    assert [choosable(name, people) for name in people] == ["Alex (1)", "Alex (2)", "alex (3)", SAM]


def test_each_label_a_namesakes_refusal_lists_chooses_that_person() -> None:
    chat = numbered_apart(make_chat([(0, "Alice", "one"), (1, SAM, "two"), (2, "alice", "3")]))
    with pytest.raises(ChatChoiceError) as caught:
        choose_pair(chat.participants, pair=("Alice", SAM), sent=sent_by(chat.messages))
    assert str(caught.value) == (
        '"Alice" is 2 people in this chat: "Alice (1)", 1 message on 2024-03-04; '
        '"alice (2)", 1 message on 2024-03-04; name them as listed'
    )
    assert choose_pair(chat.participants, pair=("Alice (1)", SAM)).names == ("Alice (1)", SAM)
    assert choose_pair(chat.participants, pair=("ALICE (2)", SAM)).names == (SAM, "alice (2)")
    assert choose_pair(chat.participants, pair=(SAM, "alice (1)"), me="alice (1)").first == (
        "Alice (1)"
    )


def test_names_alike_but_for_an_invisible_character_are_namesakes() -> None:
    """A zero-width space inside a name shows nothing: typed, the name is theirs alike."""
    people = ["Alice", "Ali\u200bce", SAM]
    assert namesakes("alice", people) == ("Alice", "Ali\u200bce")
    assert [choosable(name, people) for name in people] == ["Alice (1)", "Ali\u200bce (2)", SAM]
    assert choose_pair(people, pair=("Alice (2)", SAM)).names == ("Ali\u200bce", SAM)
