from __future__ import annotations

from tests.chat.conftest import ALEX, SAM, measure


def test_questions_are_counted_per_100_messages() -> None:
    found = measure([(0, SAM, "How was your day?"), (1, ALEX, "Good"), (2, ALEX, "And yours?"),
                     (3, SAM, "fine")])  # fmt: skip
    assert found[SAM]["questions"] == 1 and found[SAM]["questions_per_100"] == 50.0
    assert found[None]["questions"] == 2


def test_an_attack_put_as_a_question_is_not_counted_as_a_question_asked() -> None:
    # "you always" is criticism and "pathetic" contempt to the stand-in detectors
    found = measure([(0, SAM, "Why do you always leave me to do everything?"),
                     (1, ALEX, "Are you this pathetic on purpose?"),
                     (2, SAM, "Why are you so quiet today? Everything ok?")])  # fmt: skip
    assert found[SAM]["questions"] == 1 and found[ALEX]["questions"] == 0
