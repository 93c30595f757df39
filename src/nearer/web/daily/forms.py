from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone

from nearer.web.daily.models import CheckIn
from nearer.web.vault import keyring
from nearer.web.vault.fields import LOCKED, is_locked

#: Private text that cannot be opened because the person's key is not open in this request at
#: all: a session that came without its nearer_vault cookie, or a token without a wrap of the key.
NOT_OPEN_HERE = (
    "🔒 Locked here: your key is not open in this request (a session without its nearer_vault "
    "cookie, or a token made while the key was not open). Sign in again, or use a new token."
)

EMOTION_WORDS = (
    "calm",
    "content",
    "grateful",
    "hopeful",
    "joyful",
    "loving",
    "relaxed",
    "excited",
    "tired",
    "bored",
    "lonely",
    "sad",
    "anxious",
    "stressed",
    "irritated",
    "overwhelmed",
)


def why_locked(owner_id: int, value: object = None) -> str:
    """What to say in place of a text of `owner_id`'s that does not open here: shared text under
    a server key the key file lacks says so itself (vault.fields); for private text, their key is
    not open in this request at all, or it is, and the text was written under an earlier key
    (before a password reset without the recovery code)."""
    if getattr(value, "shared", False):
        return str(value)
    return NOT_OPEN_HERE if keyring.current(owner_id) is None else LOCKED


def _radios(label: str, low: int, high: int, ends: dict[int, str]) -> forms.TypedChoiceField:
    """A scale from `low` to `high` asked as `label`, each point named by its number and, where
    `ends` has one, its meaning ("1 unpleasant"). The label is given here because Django takes
    Meta.labels only for the fields it makes from the model, never for fields declared here."""
    choices = [(n, f"{n} {ends[n]}" if n in ends else str(n)) for n in range(low, high + 1)]
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, widget=forms.RadioSelect
    )


#: The check-in's text boxes.
TEXTS = ("appreciation", "need", "note")


class TextBox(forms.CharField):
    """A text box's text with its line breaks as one character each, as the browser counts them
    for `maxlength` (it sends each as two, CR LF): a note that fits the box fits the field."""

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        return text.replace("\r\n", "\n") if isinstance(text, str) else text


class CheckInForm(forms.ModelForm):
    data: QueryDict | dict[str, Any]  # what the form is bound to, as Django's BaseForm sets it
    pleasantness = _radios("How does today feel?", 1, 5, {1: "unpleasant", 5: "pleasant"})
    energy = _radios("How much energy do you have?", 1, 5, {1: "low energy", 5: "high energy"})
    emotion_words = forms.MultipleChoiceField(
        choices=[(w, w) for w in EMOTION_WORDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Words for it (optional)",
    )
    closeness = _radios(
        "How close do you feel to your partner today? "
        "(1: two circles apart, 7: almost fully overlapping)",
        1,
        7,
        {1: "apart", 7: "almost one"},
    )
    shared_feelings = _radios(
        "How much did I share my feelings with my partner today?",
        1,
        5,
        {1: "not at all", 5: "a lot"},
    )
    understood = _radios(
        "I felt understood by my partner", 1, 5, {1: "not at all", 5: "completely"}
    )
    validated = _radios(
        "I felt my feelings made sense to my partner", 1, 5, {1: "not at all", 5: "completely"}
    )
    cared_for = _radios("I felt cared for", 1, 5, {1: "not at all", 5: "completely"})
    stress = _radios("Stress from outside the relationship", 1, 5, {1: "none", 5: "a great deal"})

    class Meta:
        model = CheckIn
        fields = (
            "pleasantness",
            "energy",
            "closeness",
            "shared_feelings",
            "understood",
            "validated",
            "cared_for",
            "stress",
            "appreciation",
            "appreciation_shared",
            "need",
            "need_shared",
            "note",
        )
        labels = {  # the model's fields only: the scales above carry their own
            "appreciation": "Something I appreciate about my partner today",
            "appreciation_shared": "Share this appreciation with my partner",
            "need": "A need or request",
            "need_shared": "Share this with my partner",
            "note": "A private note (only you ever see this)",
        }
        field_classes = dict.fromkeys(TEXTS, TextBox)
        widgets = {
            "appreciation": forms.Textarea(attrs={"rows": 2}),
            "need": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._keep_texts_not_sent()
        emotions = self.instance.emotions if self.instance.pk else ""
        if is_locked(emotions):  # no box ticked; the words are kept unless one is ticked
            self.fields["emotion_words"].help_text = why_locked(self.instance.user_id)
        elif emotions:
            self.initial["emotion_words"] = emotions.split(",")
        for name in TEXTS:
            value = getattr(self.instance, name)
            if is_locked(value):  # shown empty; kept unless replaced
                self.fields[name].help_text = why_locked(self.instance.user_id, value)

    def _keep_texts_not_sent(self) -> None:
        """A text box the request did not send at all keeps what was saved: a browser always
        sends every box, so its absence is a request made by hand, not a box emptied. (A sealed
        text that is locked stays as it is anyway: shown empty, kept unless replaced.)"""
        if not self.is_bound or not self.instance.pk:
            return
        missing = [name for name in TEXTS if name not in self.data]
        saved = {name: getattr(self.instance, name) for name in missing}
        if saved:
            self.data = self.data.copy()
            for name, value in saved.items():
                self.data[name] = "" if is_locked(value) else value

    def clean_emotion_words(self) -> list[str]:
        """Each word once (the boxes can send a word only once; a hand-made request can repeat
        one), and no more than the stored field holds."""
        words: list[str] = self.cleaned_data.get("emotion_words") or []
        repeated = sorted(word for word, times in Counter(words).items() if times > 1)
        if repeated:
            raise forms.ValidationError(
                f"Choose each word once: {', '.join(repeated)} came more than once."
            )
        room = CheckIn._meta.get_field("emotions").max_length
        if room is not None and len(",".join(words)) > room:
            raise forms.ValidationError(f"Choose fewer words ({room} characters at most).")
        return words

    def save(self, commit: bool = True) -> CheckIn:
        # Through the field, as the form's own fields are: locked words are kept unless new ones
        # are chosen (vault.fields).
        words = ",".join(self.cleaned_data.get("emotion_words") or [])
        CheckIn._meta.get_field("emotions").save_form_data(self.instance, words)
        for name in ("appreciation", "need"):
            self._mark_shared(name)
        checkin: CheckIn = super().save(commit=commit)
        return checkin

    def _mark_shared(self, name: str) -> None:
        """Note when `name` is shared: now, when it turns shared or its text changes while
        shared; kept, when it stays shared as it was; None, while private. The partner's view
        counts from this moment (api.checkins.shared_by), not from the check-in's first save."""
        stamp = f"{name}_shared_at"
        if not self.cleaned_data.get(f"{name}_shared"):
            setattr(self.instance, stamp, None)
            return
        was_shared = self.instance.pk is not None and self.initial.get(f"{name}_shared")
        if not was_shared or name in self.changed_data or getattr(self.instance, stamp) is None:
            setattr(self.instance, stamp, timezone.now())


class AnswerForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
        label="Your answer",
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        max_length=280,
        required=False,
        label="A one-line reply",
        error_messages={"max_length": "Keep the reply to one line (280 characters at most)."},
    )
