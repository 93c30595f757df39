from __future__ import annotations

import os
import time
from pathlib import Path

from nearer.web.chats import uploads


def test_upload_files_are_private_to_the_server(upload_dir: Path) -> None:
    path = uploads.private_file()
    assert path.parent == upload_dir
    assert path.stat().st_mode & 0o777 == 0o600
    assert upload_dir.stat().st_mode & 0o777 == 0o700


def test_files_left_by_a_dead_request_are_swept_and_fresh_ones_kept(upload_dir: Path) -> None:
    stale, fresh = uploads.private_file(), uploads.private_file()
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    assert uploads.sweep_files() == 1
    assert not stale.exists() and fresh.exists()
