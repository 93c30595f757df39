"""One error shape for the whole API: `{"detail": "...", "field": ...}`.

`detail` is a sentence for a person and starts with the field's name when one field is at fault;
`field` names that field for a program (None when the request as a whole was refused), and
`choices`, when the request needs a choice only the person can make, the values it may take.
Invalid fields answer 422 (with ninja's `errors` list as well), a rule that refuses a change 400,
a missing sign-in 401, a failed CSRF check 403, anything that is not yours to see 404, and an
upload over the size limit 413.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from nearer.web.access import NotYours

NOT_FOUND = "Not found."
#: The error statuses every operation documents, all with the `Error` shape.
ERRORS = frozenset({400, 401, 403, 404, 409, 422})


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Error(Schema):
    detail: str
    field: str | None = None
    errors: list[FieldError] | None = None  # 422 only: every invalid field
    choices: list[str] | None = None  # 400 only: the values `field` may take, to ask the person


class Message(Schema):
    detail: str


class ApiError(HttpError):
    """A refusal with a message for the person and, when one field is at fault, its name."""

    def __init__(
        self,
        message: str,
        field: str | None = None,
        status: int = 400,
        choices: Sequence[str] | None = None,
    ) -> None:
        super().__init__(status, f"{field}: {message}" if field else message)
        self.field = field
        self.choices = None if choices is None else list(choices)


def refuse(
    message: str,
    field: str | None = None,
    status: int = 400,
    choices: Sequence[str] | None = None,
) -> ApiError:
    return ApiError(message, field, status, choices)


def not_found(message: str = NOT_FOUND) -> ApiError:
    return ApiError(message, status=404)


def form_error(form: forms.BaseForm) -> ApiError:
    """The first invalid field of a browser form, as a 422 that names it."""
    field, messages = next(iter(form.errors.items()))
    return ApiError(str(messages[0]), None if field == "__all__" else field, status=422)


def field_name(loc: Sequence[Any]) -> str | None:
    """The field a ninja error location points at: body locations carry the parameter's name."""
    parts = [str(part) for part in loc]
    if parts[:1] == ["body"]:
        return ".".join(parts[2:]) or "body"
    return ".".join(parts[1:]) or None


def install(api: NinjaAPI) -> None:
    """Give every error the one shape, and keep 404s from saying what was looked for."""

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        body = {"detail": str(exc), "field": getattr(exc, "field", None)}
        choices = getattr(exc, "choices", None)
        if choices is not None:
            body["choices"] = choices
        return api.create_response(request, body, status=exc.status_code)

    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        # web.access says the same for "missing" and "not yours", so its message may be shown.
        detail = str(exc) if isinstance(exc, NotYours) else NOT_FOUND
        return api.create_response(request, {"detail": detail, "field": None}, status=404)

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "loc": list(e.get("loc", ())),
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
            for e in exc.errors
        ]
        first = errors[0] if errors else {"loc": [], "msg": "Invalid request."}
        field = field_name(first["loc"])
        detail = f"{field}: {first['msg']}" if field else str(first["msg"])
        body = {"detail": detail, "field": field, "errors": errors}
        return api.create_response(request, body, status=422)

    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, missing)
    api.add_exception_handler(ValidationError, invalid)
