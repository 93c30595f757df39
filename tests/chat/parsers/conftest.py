"""Builders the parser tests share."""

from __future__ import annotations

import io
import zipfile

from nearer.chat.records import ChatFile


def make_zip(
    members: dict[str, bytes], name: str = "export.zip", compression: int = zipfile.ZIP_DEFLATED
) -> ChatFile:
    """A zip of `members` (path inside the zip: bytes), deflated unless `compression` says
    otherwise, as an uploaded file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as written:
        for member, data in members.items():
            written.writestr(member, data)
    return ChatFile(name, buffer.getvalue())
