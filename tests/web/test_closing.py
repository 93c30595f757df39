"""An answer marked `closing`, or sent before the request's body was read to its end, closes its
connection (web/closing.py): the hop-by-hop header never reaches the server, its own way to close
is used; and through the real server, a client is told "close" and the connection is closed."""

from __future__ import annotations

from typing import Any

import pytest

from nearer.web.closing import CloseWhenAsked
from tests.web.server import Served, exchange, request

HEALTHZ = request("GET", "/healthz")


class ServerResponse:
    """What gunicorn's start_response is bound to."""

    def __init__(self) -> None:
        self.closed, self.headers = False, list[tuple[str, str]]()

    def force_close(self) -> None:
        self.closed = True

    def start_response(self, status: str, headers: list[tuple[str, str]], *exc_info: Any) -> None:
        self.headers = headers


def served(headers: list[tuple[str, str]]) -> ServerResponse:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("413 Content Too Large", headers)
        return [b""]

    server = ServerResponse()
    CloseWhenAsked(app)({}, server.start_response)
    return server


def test_a_closing_answer_asks_the_server_to_close_and_sends_no_hop_by_hop_header() -> None:
    server = served([("Content-Type", "text/html"), ("Connection", "close")])
    assert server.closed and server.headers == [("Content-Type", "text/html")]


def test_any_other_answer_leaves_the_connection_alone() -> None:
    server = served([("Content-Type", "text/html")])
    assert not server.closed and server.headers == [("Content-Type", "text/html")]


def test_a_server_without_force_close_still_gets_no_hop_by_hop_header() -> None:
    seen: list[list[tuple[str, str]]] = []

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("413 Content Too Large", [("Connection", "close")])
        return [b""]

    CloseWhenAsked(app)({}, lambda status, headers, *rest: seen.append(headers))
    assert seen == [[]]


BIG = b'{"display_name": "' + b"x" * (300 * 1024) + b'"}'  # over the 256 KB limit


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/api/v1/me", ("Authorization: Bearer nearer_wrong",), 401),
        ("/api/v1/me", (), 401),  # neither token nor session
        ("/api/v1/nosuch", ("Authorization: Bearer {token}",), 404),
        ("/nosuch/", (), 404),
    ],
)
def test_a_refusal_before_the_body_is_read_says_close_and_closes(
    served: Served, path: str, headers: tuple[str, ...], status: int
) -> None:
    sent = [h.format(token=served.token) for h in (*headers, "Content-Type: application/json")]
    answers = exchange(served.port, request("PATCH", path, BIG, *sent), HEALTHZ)
    assert [a.status for a in answers] == [status]  # nothing more on this connection
    assert answers[0].header("Connection") == "close" and answers[0].closed


def test_an_answer_after_the_whole_body_keeps_the_connection(served: Served) -> None:
    headers = (f"Authorization: Bearer {served.token}", "Content-Type: application/json")
    small = b'{"display_name": "Alex"}'
    answers = exchange(served.port, request("PATCH", "/api/v1/me", small, *headers), HEALTHZ)
    assert [a.status for a in answers] == [200, 200]
    assert answers[0].header("Connection") == "keep-alive" and not answers[0].closed


def test_a_413_still_says_close_and_closes(served: Served) -> None:
    headers = (f"Authorization: Bearer {served.token}", "Content-Type: application/json")
    answers = exchange(served.port, request("PATCH", "/api/v1/me", BIG, *headers), HEALTHZ)
    assert [a.status for a in answers] == [413]
    assert answers[0].header("Connection") == "close" and answers[0].closed
