"""The plan page's settings form: minutes a week for practices and the pause.

A Django form rather than values read by hand, so that a refused form shows back exactly what was
sent (the 5 typed, the pause ticked) and marks its field: `aria-invalid` and an
`aria-describedby` naming the error's id (`<id>_error`), as Django 5.2 renders them."""

from __future__ import annotations

from typing import Any

from django import forms

from nearer.domain.plan import MAX_MINUTES, MIN_MINUTES

NOT_WHOLE = f"Minutes per week must be a whole number from {MIN_MINUTES} to {MAX_MINUTES}."
OUT_OF_RANGE = f"Minutes per week must be from {MIN_MINUTES} to {MAX_MINUTES}."
#: Digits enough for any number in range; a longer one is out of range without reading it (int()
#: refuses strings of over 4,300 digits with a ValueError).
LONGEST = 9


class ScheduleForm(forms.Form):
    minutes_per_week = forms.CharField(
        label="Minutes a week for practices",
        error_messages={"required": NOT_WHOLE},
        widget=forms.NumberInput(attrs={"min": MIN_MINUTES, "max": MAX_MINUTES}),
    )
    # Sends "yes" as the page always has; absent (unticked) is False.
    paused = forms.BooleanField(
        label="Pause the plan for now",
        required=False,
        widget=forms.CheckboxInput(attrs={"value": "yes"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")  # ids "minutes_per_week", "minutes_per_week_error"
        super().__init__(*args, **kwargs)

    def clean_minutes_per_week(self) -> int:
        """Whole minutes, MIN_MINUTES to MAX_MINUTES. Only ASCII digits: "²" and "٩٠" are digits
        to str.isdigit, and int() reads "٩٠" as 90, but no one typed those as a number here."""
        raw: str = self.cleaned_data["minutes_per_week"]
        if not (raw.isascii() and raw.isdigit()):
            raise forms.ValidationError(NOT_WHOLE)
        if len(raw) > LONGEST or not MIN_MINUTES <= int(raw) <= MAX_MINUTES:
            raise forms.ValidationError(OUT_OF_RANGE)
        return int(raw)
