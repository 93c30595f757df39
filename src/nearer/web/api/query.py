"""Query parameters an operation does not take are a 422 naming the parameter, never ignored, as
a body's unknown field is (body.py): `?limt=5` would otherwise answer the default 30 rows, and
`?befor=2026-01-01` today's, as if they had been understood.

ninja reads each operation's query string into a model of the parameters it declares and drops
the rest unseen, so every operation gets one more parameter model, with no fields (nothing for
OpenAPI to list), that refuses whatever name the operation does not declare.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpRequest
from ninja import NinjaAPI, Router
from ninja.errors import ValidationError
from ninja.operation import Operation
from ninja.params.models import ParamModel


class _Unknown(ParamModel):
    """The query parameters of one operation that it does not declare, refused."""

    __ninja_param_source__ = "query"  # type: ignore[assignment]  # ninja types it None
    __ninja_flatten_map_reverse__: ClassVar[dict[Any, Any]] = {}
    declared: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def get_request_data(
        cls, request: HttpRequest, api: NinjaAPI, path_params: dict[str, Any]
    ) -> dict[str, Any]:
        return {}

    @classmethod
    def resolve(cls, request: HttpRequest, api: NinjaAPI, path_params: dict[str, Any]) -> _Unknown:
        unknown = [name for name in request.GET if name not in cls.declared]
        if unknown:  # before the operation's other parameters: a misspelling explains the rest
            raise ValidationError(
                [{"type": "extra_forbidden", "loc": ["query", name]} for name in unknown]
            )
        return cls()


def strict(router: Router) -> Router:
    """`router`, each of whose operations refuses a query parameter it does not declare."""
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            _refuse_undeclared(operation)
    return router


def _refuse_undeclared(operation: Operation) -> None:
    declared = frozenset(
        name
        for model in operation.models
        if model.__ninja_param_source__ == "query"
        for name in getattr(model, "__ninja_flatten_map__", {})
    )
    refusing = type("UnknownQuery", (_Unknown,), {"declared": declared})
    operation.models.insert(0, refusing)
