"""The throttle on password-reset emails (numbers in throttle.py): the form would otherwise send
as many emails as anyone asks for, to any address, which a partner could use to flood the other's
inbox. The pause depends only on how often an address was asked for, never on whether an account
has it, so it tells nobody who has an account."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from nearer.web.security import throttle


class ThrottledResetEmail:
    """Refuse a reset email unsent while its address (or the client's) is paused (429, saying
    how long); count every email sent."""

    request: HttpRequest

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        pause = throttle.wait(self._buckets(), timezone.now())
        if pause is not None:
            form = self.get_form_class()(request.POST)  # type: ignore[attr-defined]
            return self._paused(pause, form)
        return super().post(request, *args, **kwargs)  # type: ignore[misc]

    def form_valid(self, form: Any) -> HttpResponse:
        throttle.fail(self._buckets(), timezone.now())  # one more email sent
        return super().form_valid(form)  # type: ignore[misc]

    def _buckets(self) -> list[throttle.Bucket]:
        return throttle.reset_buckets(self.request, self.request.POST.get("email", ""))

    def _paused(self, pause: timedelta, form: Any) -> HttpResponse:
        context = self.get_context_data(  # type: ignore[attr-defined]
            form=form,
            wait_text=(
                "Several reset emails were asked for lately, so the next one can be sent in "
                f"{throttle.wait_words(pause)}. The earlier emails still work: look for them, in "
                "the spam folder too."
            ),
        )
        response: HttpResponse = self.render_to_response(context, status=429)  # type: ignore[attr-defined]
        return throttle.with_retry_after(response, pause)
