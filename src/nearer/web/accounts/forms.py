from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    UserCreationForm,
)
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from nearer.web.accounts import outbox
from nearer.web.accounts.display_names import validate_display_name
from nearer.web.accounts.models import TIME_ZONES, User, normal_email

TIME_ZONE_CHOICES = [(tz, tz.replace("_", " ")) for tz in TIME_ZONES]


#: The id of the box holding a form's errors about no one field (partials/form_fields.html).
FORM_ERRORS_ID = "form-errors"


class FocusWhereRefused(forms.BaseForm):
    """Django's account forms put `autofocus` on their first field; nearer leaves focus where
    the page starts, so that the first Tab reaches the quick exit ("Leave quickly"). Once a sent
    form is refused, its first invalid field takes focus instead (the first field, when what is
    wrong is the whole form), and an error about the whole form describes every field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("autofocus", None)

    def full_clean(self) -> None:
        super().full_clean()
        if not self.errors:
            return
        invalid = [name for name in self.fields if name in self.errors] or list(self.fields)[:1]
        self.fields[invalid[0]].widget.attrs["autofocus"] = True
        if self.non_field_errors():
            self._describe_by_form_errors()

    def _describe_by_form_errors(self) -> None:
        for name, field in self.fields.items():
            own = self[name].aria_describedby  # its help text and its own errors, if any
            field.widget.attrs["aria-describedby"] = " ".join(filter(None, (FORM_ERRORS_ID, own)))


class LoginForm(FocusWhereRefused, AuthenticationForm):
    def clean_username(self) -> str:
        """The email as accounts are stored (normal_email), so 'Alice@Example.org' signs in to
        alice@example.org, as security/login.py counts it."""
        return normal_email(self.cleaned_data["username"])


class PasswordForm(FocusWhereRefused, PasswordChangeForm):
    pass


class SignUpForm(FocusWhereRefused, UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name", "time_zone")
        labels = {"display_name": "Your first name or a name your partner knows you by"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(choices=TIME_ZONE_CHOICES, initial="UTC")
        if not self.is_bound:  # a fresh form: time-zone.js may start it at the browser's zone
            self.fields["time_zone"].widget.attrs["data-browser-zone"] = ""

    def clean_display_name(self) -> str:
        return _one_line_name(self.cleaned_data["display_name"])

    def clean_email(self) -> str:
        """The email as accounts are stored; whether one has it is never said here: a taken
        email is accepted like a new one (accounts/signup.py)."""
        return normal_email(self.cleaned_data["email"])

    def validate_unique(self) -> None:
        """Nothing to check: the email is the only unique field, and the form must not say
        whether an account has it (accounts/signup.py makes nothing for a taken one)."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("display_name", "time_zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(choices=TIME_ZONE_CHOICES)

    def clean_display_name(self) -> str:
        name: str = self.cleaned_data["display_name"]
        if self.instance.pk and name == self.instance.display_name:
            return name  # kept as it was (one saved before the rule): a time zone still changes
        return _one_line_name(name)


def _one_line_name(name: str) -> str:
    validate_display_name(name)
    return name


class ResetForm(PasswordResetForm):
    """Django's reset form, its email sent off the request path (accounts/outbox.py): sent
    inside it, only an email with an account made the answer slow."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        outbox.send_later(EmailMultiAlternatives(subject, body, from_email, [to_email]))
