"""An answer marked `closing` closes its connection (web/closing.py), through the server: the
hop-by-hop header never reaches it, its own way to close is used."""

from __future__ import annotations

from typing import Any

from nearer.web.closing import CloseWhenAsked


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
