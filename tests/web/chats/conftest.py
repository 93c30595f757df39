"""Chat imports: real exports (the project's fixtures and the demo couple's chat) uploaded by
alice, analysed by the real background thread, seen by alice and bob, never by carol."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.test.client import MULTIPART_CONTENT

from nearer.chat import demo
from nearer.web.chats import analysis
from nearer.web.chats.models import ChatImport
from tests.web.conftest import screen

FIXTURES = Path(__file__).parents[2] / "chat" / "fixtures"
UPLOAD = "/chats/upload/"
#: Words and names from the demo chat that must never be stored.
DEMO_CANARIES = ("Sam", "Alex", "oat milk", "Thai place", "presentation", "sunset", "Good morning")


def demo_export() -> bytes:
    """Four months of the demo couple, Sam and Alex, as a WhatsApp Android .txt export."""
    return demo.generate(date(2024, 1, 1))


def fixture(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


def zipped(folder: str) -> bytes:
    """A fixture folder as the .zip WhatsApp's "Export chat" writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((FIXTURES / folder).iterdir()):
            archive.writestr(path.name, path.read_bytes())
    return buffer.getvalue()


def telegram_full_export(chats: dict[str, tuple[str, str, int]]) -> bytes:
    """A full-account Telegram result.json: for each chat name, (first, second, messages), the
    two people writing in turn, a message an hour from 1 March 2024."""
    start = datetime(2024, 3, 1, 9, tzinfo=UTC)
    listed = []
    for number, (name, (first, second, count)) in enumerate(chats.items(), start=1):
        messages = []
        for index in range(count):
            moment = start + timedelta(hours=index)
            sender = (first, second)[index % 2]
            messages.append(
                {
                    "id": index + 1,
                    "type": "message",
                    "date": moment.replace(tzinfo=None).isoformat(),
                    "date_unixtime": str(int(moment.timestamp())),
                    "from": sender,
                    "from_id": f"user{index % 2 + 1}",
                    "text": f"thanks, see you at {index % 12 + 1}",
                }
            )
        listed.append({"name": name, "type": "personal_chat", "id": number, "messages": messages})
    export = {
        "about": "",
        "personal_information": {"user_id": 1},
        "chats": {"about": "", "list": listed},
    }
    return json.dumps(export).encode()


def upload(client: Client, data: bytes, name: str = "chat.txt", **fields: str) -> HttpResponse:
    files = {"export": SimpleUploadedFile(name, data)}
    return client.post(UPLOAD, {**fields, **files}, content_type=MULTIPART_CONTENT)  # type: ignore[return-value]


def finished(pk: int, timeout: float = 60.0) -> ChatImport:
    """The import once its background thread is done (the thread itself, joined)."""
    for thread in analysis.running(pk):
        thread.join(timeout)
    return ChatImport.objects.get(pk=pk)


def import_id(response: HttpResponse) -> int:
    assert response.status_code == 302, response.content.decode()[:2000]
    return int(response["Location"].rstrip("/").split("/")[-1])


@pytest.fixture(autouse=True)
def upload_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / "chat-uploads"
    settings.CHAT_UPLOAD_DIR = folder  # type: ignore[attr-defined]
    return folder


def leftovers(folder: Path) -> list[Path]:
    return list(folder.iterdir()) if folder.exists() else []


@pytest.fixture(autouse=True)
def screened(request: pytest.FixtureRequest) -> None:
    """Chat analysis opens only once both partners have taken the private safety check without
    a concern: in these tests they have (tests/web/chats/test_safety.py closes it)."""
    if "couple" in request.fixturenames:
        for person in request.getfixturevalue("couple"):
            screen(person)
