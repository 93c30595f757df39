"""Chats in the real server (gunicorn's forked workers, the demo seeded): the demo's chat result
is shown, and an upload is analysed by the worker it came to. polars' thread pool, once started
in a process, does not survive a fork, so nothing before gunicorn forks may start it: the demo's
chat is analysed in a process of its own (web/demo_chat.py). A worker that inherited a started
pool waited for ever on its first chat."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

from django.utils import timezone

from nearer.chat import demo
from tests.web.server import Served, exchange, request

BOUNDARY = "nearer-test-boundary"


def get(served: Served, path: str) -> Any:
    (answer,) = exchange(
        served.port, request("GET", path, b"", f"Authorization: Bearer {served.token}")
    )
    assert answer.status == 200, answer.body
    return json.loads(answer.body)


def upload(served: Served, name: str, export: bytes) -> Any:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="me"\r\n\r\nAlex\r\n'.encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="export"; filename="{name}"\r\n'
        "Content-Type: text/plain\r\n\r\n".encode()
        + export
        + b"\r\n",
        f"--{BOUNDARY}--\r\n".encode(),
    ]
    headers = (
        f"Authorization: Bearer {served.token}",
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}",
    )
    (answer,) = exchange(served.port, request("POST", "/api/v1/chats", b"".join(parts), *headers))
    assert answer.status == 201, answer.body
    return json.loads(answer.body)


def test_the_demos_chat_result_is_shown_by_a_forked_worker(served: Served) -> None:
    seeded = [c for c in get(served, "/api/v1/chats")["imports"] if c["both_agreed"]]
    assert seeded and seeded[-1]["status"] == "ready" and seeded[-1]["visible"]
    shown = get(served, f"/api/v1/chats/{seeded[-1]['id']}")
    assert shown["result"]["summary"]["messages"] > 1000, shown


def test_an_upload_to_the_real_server_is_analysed_there(served: Served) -> None:
    start = timezone.localdate() - timedelta(days=30)
    made = upload(served, demo.file_name(), demo.generate(start, days=30))
    status, deadline = made["status"], time.monotonic() + 60
    while status in ("queued", "analysing") and time.monotonic() < deadline:
        time.sleep(0.5)
        status = get(served, f"/api/v1/chats/{made['id']}")["status"]
    assert status == "ready", status
