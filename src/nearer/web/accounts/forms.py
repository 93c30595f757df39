from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm

from nearer.web.accounts.models import TIME_ZONES, User, normal_email

TIME_ZONE_CHOICES = [(tz, tz.replace("_", " ")) for tz in TIME_ZONES]


class NoAutofocus(forms.BaseForm):
    """Django's account forms put `autofocus` on their first field; nearer leaves focus where
    the page starts, so that the first Tab reaches the quick exit ("Leave quickly")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)


class LoginForm(NoAutofocus, AuthenticationForm):
    def clean_username(self) -> str:
        """The email as accounts are stored (normal_email), so 'Alice@Example.org' signs in to
        alice@example.org, as security/login.py counts it."""
        return normal_email(self.cleaned_data["username"])


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
        """The email as accounts are stored; whether one has it is never said here: a taken
        email is accepted like a new one (accounts/signup.py)."""
        return normal_email(self.cleaned_data["email"])

    def validate_unique(self) -> None:
        """Nothing to check: the email is the only unique field, and the form must not say
        whether an account has it (accounts/signup.py makes nothing for a taken one)."""


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = User
        fields = ("display_name", "time_zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(choices=TIME_ZONE_CHOICES)
