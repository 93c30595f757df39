"""The uploaded export on disk: a private file (0600, in a 0700 folder) for the seconds the parse
takes, deleted at once afterwards — also when the parse fails — and swept up after a crash.

The files are streamed straight into the private folder by `PrivateUpload`, never into the
system's shared temporary folder, and reading stops once the total passes the size limit.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

from nearer.chat.records import ChatFile

#: A temporary file untouched for this long belongs to a request that died (a request lives at
#: most gunicorn's 60-second timeout; a slow upload keeps touching its file as it arrives).
STALE_SECONDS = 10 * 60
PREFIX = "upload-"


def folder() -> Path:
    path = Path(settings.CHAT_UPLOAD_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def private_file() -> Path:
    """A new empty file only its owner can read and write (mkstemp creates it 0600)."""
    descriptor, name = tempfile.mkstemp(prefix=PREFIX, dir=folder())
    os.close(descriptor)
    return Path(name)


def sweep_files(older_than: float = STALE_SECONDS) -> int:
    """Delete upload files left behind by a request that never reached its `finally` (a killed
    worker, a power cut). Returns how many were deleted."""
    path = Path(settings.CHAT_UPLOAD_DIR)
    if not path.is_dir():
        return 0
    cutoff, removed = time.time() - older_than, 0
    for stale in path.glob(f"{PREFIX}*"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
                removed += 1
        except FileNotFoundError:  # another worker swept it first
            continue
    return removed


class ReceivedFile(UploadedFile):
    """An uploaded file as `PrivateUpload` left it: `path` on disk, `name` as the person sent it."""

    def __init__(self, path: Path, name: str, size: int) -> None:
        super().__init__(file=None, name=name, size=size)
        self.path = path

    def close(self) -> None:
        """Nothing is open: the bytes are on disk at `path`, and `discard` deletes them."""


class PrivateUpload(FileUploadHandler):
    """Streams every file of the request into its own private file and stops reading once the
    files together pass `limit` bytes (`too_large` then says so). `discard()` deletes them all."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.total = 0
        self.too_large = False
        self.paths: list[Path] = []
        self._handle: BinaryIO | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        path = private_file()
        self.paths.append(path)
        self._handle = path.open("wb")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.total += len(raw_data)
        if self.total > self.limit:
            self.too_large = True
            self._close()
            raise StopUpload(connection_reset=False)  # read the rest away, keep none of it
        assert self._handle is not None
        self._handle.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> ReceivedFile | None:
        self._close()
        if self.too_large:
            return None
        return ReceivedFile(self.paths[-1], self.file_name or "export", file_size)

    def upload_interrupted(self) -> None:
        self.discard()

    def discard(self) -> None:
        """Delete every file this request wrote. Safe to call more than once."""
        self._close()
        for path in self.paths:
            path.unlink(missing_ok=True)

    def _close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def read(files: list[UploadedFile]) -> list[ChatFile]:
    """The uploaded files as the analyser reads them: bytes, named as the person sent them."""
    return [ChatFile(upload.name or "export", Path(upload.path).read_bytes()) for upload in files]
