"""One error shape for the whole API: `{"detail": "...", "field": ...}`.

`detail` is a sentence for a person and starts with the field's name when one field is at fault;
`field` names that field for a program (None when the request as a whole was refused), and
`choices`, when the request needs a choice only the person can make, the values it may take.
Invalid fields answer 422 (with ninja's `errors` list as well), a rule that refuses a change 400,
a missing sign-in 401 (with its `WWW-Authenticate: Bearer`), a failed CSRF check 403, anything
that is not yours to see 404, and a body or an upload over the size limit 413.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field

from nearer.web.access import NotYours
from nearer.web.closing import closing
from nearer.web.vault import keyring

NOT_FOUND = "Not found."
#: Private text sent while the person's key is not open in this request.
LOCKED_WRITE = (
    "your private entries are locked in this request (a session without its nearer_vault "
    "cookie, or a token made while the key was not open): sign in again, or use a new token"
)
#: A field a body does not take: often a misspelt one, which would otherwise change nothing.
UNKNOWN_FIELD = "is not a field this takes; check its spelling"
#: A query parameter an operation does not take (query.py), refused for the same reason.
UNKNOWN_PARAMETER = "is not a query parameter this takes; check its spelling"
#: The error statuses every operation documents, all with the `Error` shape.
ERRORS = frozenset({400, 401, 403, 404, 409, 422})


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


def _absent(value: object) -> bool:
    return value is None


# `errors` and `choices` appear only where they apply, as in the bodies the exception handlers
# below write; `field` always does (None: no one field is at fault). Left out here, not by a
# route's exclude_none, which would drop a success body's null fields too.
class Error(Schema):
    detail: str
    field: str | None = None
    # 422 only: every invalid field
    errors: list[FieldError] | None = Field(None, exclude_if=_absent)
    # 400 only: the values `field` may take, to ask the person
    choices: list[str] | None = Field(None, exclude_if=_absent)


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
        self.errors: list[dict[str, object]] | None = None


def refuse(
    message: str,
    field: str | None = None,
    status: int = 400,
    choices: Sequence[str] | None = None,
) -> ApiError:
    return ApiError(message, field, status, choices)


def invalid(problems: Sequence[tuple[str, str]]) -> ApiError:
    """A 422 for invalid fields found by nearer's own checks: (dotted field, message) each, the
    first named in `detail`, all listed in `errors` as ninja's own 422 lists them; "__all__" is
    a problem of the whole body, which names no field."""
    field, message = problems[0]
    error = ApiError(message, None if field == "__all__" else field, status=422)
    error.errors = [
        {"loc": ["body", "payload", *_path(name)], "msg": msg, "type": "value_error"}
        for name, msg in problems
    ]
    return error


def _path(name: str) -> list[str]:
    return [] if name == "__all__" else name.split(".", 1)


def not_found(message: str = NOT_FOUND) -> ApiError:
    return ApiError(message, status=404)


def form_error(form: forms.BaseForm) -> ApiError:
    """A browser form's invalid fields as a 422 (see `invalid`): the first named in `detail`,
    every one in `errors`; a problem of the whole form names no field."""
    problems = [
        (field, str(message)) for field, messages in form.errors.items() for message in messages
    ]
    return invalid(problems)


class NotAnObject(ValueError):
    """A body that is JSON but not an object: an array, a string, a number, true or null."""

    def __init__(self, data: object) -> None:
        kinds = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}
        super().__init__(
            f"The body must be a JSON object ({{...}}), not {kinds.get(type(data), 'a number')}."
        )


def unparsable(cause: BaseException | None) -> str | None:
    """Why a body could not be read (ninja makes a bare 400 of any parser error), in words that
    say where; None for a cause nearer does not know."""
    if isinstance(cause, NotAnObject):
        return str(cause)
    if isinstance(cause, json.JSONDecodeError):
        return f"The body is not JSON: {cause.msg} at line {cause.lineno}, column {cause.colno}."
    if isinstance(cause, UnicodeDecodeError):
        return f"The body is not JSON: byte {cause.start} is not UTF-8 text."
    return None


class Unencodable(ValueError):
    """A JSON string that is not text: it holds a lone surrogate, which no UTF-8 can carry."""

    def __init__(self, path: list[str | int]) -> None:
        super().__init__("a string holds a lone surrogate")
        self.loc: list[str | int] = ["body", "payload", *path]


def refuse_unencodable(data: object, path: list[str | int] | None = None) -> None:
    """Raise Unencodable at the first string (a value or a key) of `data` that is not text.
    Called by the API's body parser; the 400 that ninja makes of it becomes a 422 in install."""
    path = path or []
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            raise Unencodable(path) from None
    elif isinstance(data, dict):
        for key, value in data.items():
            refuse_unencodable(key, [*path, str(key).encode("utf-8", "replace").decode()])
            refuse_unencodable(value, [*path, key])
    elif isinstance(data, list):
        for index, value in enumerate(data):
            refuse_unencodable(value, [*path, index])


def field_name(loc: Sequence[Any]) -> str | None:
    """The field a ninja error location points at: body locations carry the parameter's name."""
    parts = [str(part) for part in loc]
    if parts[:1] == ["body"]:
        return ".".join(parts[2:]) or "body"
    return ".".join(parts[1:]) or None


def _message(error: dict[str, Any]) -> str:
    """A ninja error's message, with nearer's own for a name the request should not carry, and
    without pydantic's "Value error, " before the words of nearer's own validators."""
    if error.get("type") == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    if error.get("type") != "extra_forbidden":
        return str(error.get("msg", ""))
    return UNKNOWN_PARAMETER if list(error.get("loc", ()))[:1] == ["query"] else UNKNOWN_FIELD


def json_not_allowed(api: NinjaAPI, pattern: URLPattern) -> URLPattern:
    """`pattern` whose 405 (a method no operation of the path takes, which ninja answers itself
    with plain text) comes in the one error shape, with its Allow header."""
    view = pattern.callback

    @functools.wraps(view)  # keeps csrf_exempt: ninja checks CSRF itself
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or "json" in response.get("Content-Type", ""):
            return response
        allowed = response["Allow"]
        if "GET" in allowed.split(", "):  # and HEAD, as GET (main.head_as_get)
            allowed += ", HEAD"
        detail = f"{request.method} is not allowed here; this path takes {allowed}."
        refused = api.create_response(request, {"detail": detail, "field": None}, status=405)
        refused["Allow"] = allowed
        return refused

    return URLPattern(pattern.pattern, answer, pattern.default_args, pattern.name)


def bearer_challenge(request: HttpRequest) -> str:
    """The WWW-Authenticate of a 401 (RFC 6750): a bearer token is what the API asks for, and a
    token that was sent is named invalid (wrong or revoked)."""
    sent = request.headers.get("Authorization", "").lower().startswith("bearer ")
    return 'Bearer realm="nearer"' + (', error="invalid_token"' if sent else "")


def install(api: NinjaAPI) -> None:
    """Give every error the one shape, and keep 404s from saying what was looked for."""

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, Unencodable):  # ninja makes a 400 of any parser error
            message = "Input should be text: it holds a lone surrogate (such as \\ud800)"
            problem = {"loc": exc.__cause__.loc, "msg": message, "type": "string_unicode"}
            return unprocessable(request, ValidationError([problem]))
        detail = unparsable(exc.__cause__) or str(exc)
        body = {"detail": detail, "field": getattr(exc, "field", None)}
        choices = getattr(exc, "choices", None)
        if choices is not None:
            body["choices"] = choices
        if getattr(exc, "errors", None) is not None:
            body["errors"] = exc.errors  # type: ignore[attr-defined]
        response = api.create_response(request, body, status=exc.status_code)
        if exc.status_code == 401:
            response["WWW-Authenticate"] = bearer_challenge(request)
        return response

    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        # web.access says the same for "missing" and "not yours", so its message may be shown.
        detail = str(exc) if isinstance(exc, NotYours) else NOT_FOUND
        return api.create_response(request, {"detail": detail, "field": None}, status=404)

    def unprocessable(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "loc": list(e.get("loc", ())),
                "msg": _message(e),
                "type": str(e.get("type", "")),
            }
            for e in exc.errors
        ]
        first = errors[0] if errors else {"loc": [], "msg": "Invalid request."}
        field = field_name(first["loc"])
        detail = f"{field}: {first['msg']}" if field else str(first["msg"])
        body = {"detail": detail, "field": field, "errors": errors}
        return api.create_response(request, body, status=422)

    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        kb = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // 1024
        detail = f"The body is larger than the API takes ({kb} KB), so none of it was saved."
        response = api.create_response(request, {"detail": detail, "field": None}, status=413)
        return closing(response)  # the rest of the body is unread: see web/closing.py

    def locked(request: HttpRequest, exc: keyring.Locked) -> HttpResponse:
        body = {"detail": LOCKED_WRITE[0].upper() + LOCKED_WRITE[1:] + ".", "field": None}
        return api.create_response(request, body, status=403)

    # ninja types a handler's `exc` as the exception or its class (ExcHandler); it is always
    # given the exception raised, as each handler here takes it.
    api.add_exception_handler(HttpError, http_error)  # type: ignore[arg-type]
    api.add_exception_handler(RequestDataTooBig, too_big)
    api.add_exception_handler(keyring.Locked, locked)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, missing)
    api.add_exception_handler(ValidationError, unprocessable)  # type: ignore[arg-type]
