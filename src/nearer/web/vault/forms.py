from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from nearer.web.accounts.forms import FocusWhereRefused
from nearer.web.audit.events import record
from nearer.web.vault import services

WITHOUT_CODE = (
    "Your private notes and answers are encrypted with a key that your old password opened. "
    "With your recovery code they stay readable. Without it, you can still sign in and write, "
    "but what you wrote privately before this reset stays locked, until you enter the recovery "
    "code later (Profile → Use your recovery code). Shared answers are not affected."
)


class ResetWithRecoveryForm(FocusWhereRefused, SetPasswordForm):
    """Django's new-password form, with the recovery code that keeps private entries readable."""

    recovery_code = forms.CharField(
        required=False, label="Recovery code (optional)", help_text=WITHOUT_CODE
    )

    def clean_recovery_code(self) -> str:
        code: str = self.cleaned_data.get("recovery_code", "").strip()
        if code and not services.recovery_code_opens(self.user, code):
            raise forms.ValidationError("That recovery code does not match this account.")
        return code

    def save(self, commit: bool = True) -> Any:
        data = self.cleaned_data
        if services.reset(self.user, data["new_password1"], data.get("recovery_code", "")):
            record(self.user, "recovery_used")
        return super().save(commit=commit)
