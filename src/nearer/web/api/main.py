"""The NinjaAPI: one router per area, one error shape, token or session authentication.

Served at /api/v1/, described at /api/v1/openapi.json. There is no interactive docs page: its
scripts would come from a CDN unless ninja were an installed app, and nothing leaves the machine.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.parser import Parser

from nearer.web.api import (
    assessments,
    chats,
    checkins,
    couple,
    daily,
    dashboard,
    errors,
    me,
    plan,
    query,
    tokens,
)
from nearer.web.api.auth import AUTH
from nearer.web.api.head import head_as_get


class ObjectBody(Parser):
    """Every request body of this API is a JSON object. An array, a string or a number is refused
    like broken JSON (400), instead of being read as a change of nothing; a string that is not
    text (a lone surrogate, such as "\\ud800", which JSON allows) is a 422 naming its field, for
    every endpoint, before any of them could try to store or hash it."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise errors.NotAnObject(data)
        errors.refuse_unencodable(data)
        return data


class NearerAPI(NinjaAPI):
    """ninja's API with every answer in the one error shape, its own 405 included, HEAD answered
    wherever GET is, and a 413 documented for every body (and a 411 for every upload)."""

    @property
    def urls(self) -> tuple[list[Any], str, str]:
        patterns, app_name, namespace = super().urls
        wrapped = [
            errors.json_not_allowed(self, head_as_get(p)) if isinstance(p, URLPattern) else p
            for p in patterns
        ]
        return wrapped, app_name, namespace

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        kb = int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // 1024
        too_big = {
            "description": f"The body is larger than the API takes ({kb} KB)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        chunked = {
            "description": f"An upload sent chunked that is larger than {kb} KB (web/chunked.py)",
            "content": too_big["content"],
        }
        for methods in schema["paths"].values():
            for operation in methods.values():
                body = operation.get("requestBody", {}).get("content", {})
                if body:
                    operation["responses"].setdefault(413, too_big)
                if "multipart/form-data" in body:
                    operation["responses"].setdefault(411, chunked)
        return schema


api = NearerAPI(
    title="nearer API",
    version="1",
    description=(
        "Everything a partner can do in the browser. Authenticate with a personal token "
        "(`Authorization: Bearer <key>`) or a browser session (with `X-CSRFToken` on unsafe "
        'requests). Every error is `{"detail": "...", "field": ...}`, also a 405 for a method '
        "a path does not take (with `Allow`), which no operation here can list. See docs/api.md."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url=None,
    parser=ObjectBody(),
)
errors.install(api)

api.add_router("/me", query.strict(me.router))
api.add_router("/couple", query.strict(couple.router))
api.add_router("/daily", query.strict(daily.router))
api.add_router("/checkins", query.strict(checkins.router))
api.add_router("/assessments", query.strict(assessments.router))
api.add_router("/plan", query.strict(plan.router))
api.add_router("/dashboard", query.strict(dashboard.router))
api.add_router("/chats", query.strict(chats.router))
api.add_router("/tokens", query.strict(tokens.router))
