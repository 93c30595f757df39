"""The emotion words of a check-in: each once, checked the same on the page and in the API."""

from __future__ import annotations

from django.utils import timezone

from nearer.web.accounts.models import User
from nearer.web.daily.models import CheckIn
from tests.web.api.conftest import CHECKIN, call
from tests.web.conftest import client_for
from tests.web.seeds import CHECKIN_FORM


def test_a_word_sent_more_than_once_is_refused_by_name_and_nothing_is_saved(
    alice: User,
) -> None:
    day = timezone.localdate().isoformat()
    page = client_for(alice).post(
        f"/daily/checkin/{day}/", {**CHECKIN_FORM, "emotion_words": ["calm"] * 60}
    )
    assert page.status_code == 400 and b"Choose each word once: calm" in page.content
    api = call(alice, "PUT", f"/checkins/{day}", {**CHECKIN, "emotion_words": ["calm"] * 50})
    assert api.status_code == 422 and api.json()["field"] == "emotion_words"
    assert not CheckIn.objects.exists()


def test_every_word_once_fits_the_stored_field(alice: User) -> None:
    from nearer.web.daily.forms import EMOTION_WORDS

    day = timezone.localdate().isoformat()
    saved = call(alice, "PUT", f"/checkins/{day}", {**CHECKIN, "emotion_words": EMOTION_WORDS})
    assert saved.status_code == 200 and saved.json()["emotion_words"] == list(EMOTION_WORDS)
    assert CheckIn.objects.get().emotions.split(",") == list(EMOTION_WORDS)
