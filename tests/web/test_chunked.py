"""A body sent with `Transfer-Encoding: chunked` is read as a body with a length (web/chunked.py),
through the real server: a JSON body within the limit is taken, one over it is a 413, and a
file upload over it a 411 (it must say its length); both of those close the connection."""

from __future__ import annotations

import json
import socket
import time
import urllib.request

import pytest

from nearer.web import chunked
from tests.web.server import Served, _answer, exchange, request

HEALTHZ = request("GET", "/healthz")


def _json(served: Served) -> tuple[str, ...]:
    return (f"Authorization: Bearer {served.token}", "Content-Type: application/json")


def test_a_chunked_json_body_is_read_and_keeps_the_connection(served: Served) -> None:
    body = json.dumps({"display_name": "Alex, chunked"}).encode()
    sent = request("PATCH", "/api/v1/me", body, *_json(served), chunked=True)
    answers = exchange(served.port, sent, HEALTHZ)
    assert [a.status for a in answers] == [200, 200], answers[0].body
    assert json.loads(answers[0].body)["display_name"] == "Alex, chunked"


def test_a_chunked_body_of_many_chunks_is_read_whole(served: Served) -> None:
    name = "x" * 60  # after 5000 bytes of padding: the name comes in the sixth chunk
    body = json.dumps({"display_name": name}).encode().replace(b"{", b"{" + b" " * 5000, 1)
    answer = exchange(
        served.port, request("PATCH", "/api/v1/me", body, *_json(served), chunked=True)
    )
    assert answer[0].status == 200 and json.loads(answer[0].body)["display_name"] == name


def test_a_chunked_json_body_over_the_limit_is_a_413_that_closes(served: Served) -> None:
    body = b'{"display_name": "' + b"x" * (300 * 1024) + b'"}'
    sent = request("PATCH", "/api/v1/me", body, *_json(served), chunked=True)
    answers = exchange(served.port, sent, HEALTHZ)
    assert [a.status for a in answers] == [413]
    assert "256 KB" in json.loads(answers[0].body)["detail"]
    assert answers[0].header("Connection") == "close" and answers[0].closed


def test_a_chunked_upload_over_the_limit_is_a_411_that_closes(served: Served) -> None:
    boundary = "nearerboundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="chat.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\n".encode()
        + b"x" * (300 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = (
        f"Authorization: Bearer {served.token}",
        f"Content-Type: multipart/form-data; boundary={boundary}",
    )
    answers = exchange(served.port, request("POST", "/api/v1/chats", body, *headers, chunked=True))
    assert [a.status for a in answers] == [411]
    assert json.loads(answers[0].body) == {
        "detail": "A chunked body larger than 256 KB (a file upload) must be sent with its "
        "Content-Length.",
        "field": None,
    }
    assert answers[0].header("Connection") == "close" and answers[0].closed


def _never_ending(port: int) -> socket.socket:
    """A connection sending a chunked PATCH, without credentials, whose body never ends."""
    head = request("PATCH", "/api/v1/me", b"", "Content-Type: application/json", chunked=True)
    unfinished = head.removesuffix(b"0\r\n\r\n") + b"5\r\n{}   \r\n"
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    connection.sendall(unfinished)
    return connection


def test_chunked_bodies_that_never_end_are_a_408_and_leave_the_server_answering(
    served: Served,
) -> None:
    stuck = [_never_ending(served.port) for _ in range(4)]  # every thread of its one worker
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{served.port}/healthz", timeout=60) as ok:
            assert ok.status == 200
        answered = time.monotonic() - start
        for connection in stuck:
            with connection.makefile("rb") as reader:
                answer = _answer(connection, reader)
            assert answer.status == 408 and answer.closed
            assert "took more than 10 seconds" in json.loads(answer.body)["detail"]
    finally:
        for connection in stuck:
            connection.close()
    assert answered < chunked.BODY_SECONDS * 2


def test_a_body_whose_reading_ends_at_the_deadline_is_a_408_not_a_shorter_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reader that answers the shut socket with an end, not an error, must not hand on the
    part that came as if it were the whole body."""
    monkeypatch.setattr(chunked, "BODY_SECONDS", 0.2)
    server_side, client_side = socket.socketpair()
    client_side.sendall(b'{"display_name": "cut sh')  # and nothing more, the socket kept open
    environ = {
        "HTTP_TRANSFER_ENCODING": "chunked",
        "wsgi.input_terminated": True,
        "gunicorn.socket": server_side,
        "wsgi.input": server_side.makefile("rb"),
        "PATH_INFO": "/api/v1/me",
    }
    called, answered = [], []
    app = chunked.ChunkedBodies(lambda environ, start: called.append(environ) or [])
    body = app(environ, lambda status, headers: answered.append((status, dict(headers))))
    client_side.close()
    server_side.close()
    assert called == [] and answered[0][0] == "408 Request Timeout"
    assert answered[0][1]["Connection"] == "close" and b"seconds" in b"".join(body)
