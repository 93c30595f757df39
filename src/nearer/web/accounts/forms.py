from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm

from nearer.web.accounts.models import TIME_ZONES, User

EMAIL_TAKEN = "An account with this email already exists."
TIME_ZONE_CHOICES = [(tz, tz.replace("_", " ")) for tz in TIME_ZONES]


class NoAutofocus(forms.BaseForm):
    """Django's account forms put `autofocus` on their first field; nearer leaves focus where
    the page starts, so that the first Tab reaches the quick exit ("Leave quickly")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class LoginForm(NoAutofocus, AuthenticationForm):
    pass


class PasswordForm(NoAutofocus, PasswordChangeForm):
    pass


class SignUpForm(NoAutofocus, UserCreationForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("email", "display_name", "time_zone")
        labels = {"display_name": "Your first name or a name your partner knows you by"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(choices=TIME_ZONE_CHOICES, initial="UTC")
        if not self.is_bound:  # a fresh form: time-zone.js may start it at the browser's zone
            self.fields["time_zone"].widget.attrs["data-browser-zone"] = ""

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(EMAIL_TAKEN)
        return email


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("display_name", "time_zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(choices=TIME_ZONE_CHOICES)
