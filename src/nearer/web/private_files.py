"""The files and folders only nearer's user may read: the data folder, and the secret files
settings read at start. Anyone who can read a secret file can sign sessions or unseal values.

Every variable read here is documented in docs/configuration.md; a test checks that it is.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

#: The bits of a folder's mode by which anyone at all may write in it, or others than its
#: owner do anything. A group may write in a shared volume's folder (a Kubernetes fsGroup, an
#: OpenShift `g=u`), where the kubelet puts the bits back at each start: warned about, not
#: refused (`open_folder`).
WORLD_WRITE, OTHERS_ANY = 0o002, 0o077
#: The bit by which anyone may read a file: a secret file an operator provides may be readable
#: by a group (systemd credentials under `User=`: an ACL shows as group read; root:nearer 0440).
WORLD_READ = 0o004


def data_dir() -> Path:
    """The data folder (`data_dir_path`), created 0700 if it does not exist; one that others may
    write in is refused (`check_folder`)."""
    path = data_dir_path()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    check_folder(path, "NEARER_DATA_DIR")
    return path


def check_folder(path: Path, name: str) -> None:
    """Stop when anyone may write in the folder at `path` (given by the variable `name`): they
    could delete nearer's files there and put their own in their place, a secret key that signs
    sessions for them, a database or key file of their choosing. A group that may write in it
    is warned about (`open_folder`). Nothing to check when there is no folder yet (nearer makes
    it 0700)."""
    mode = _mode(path)
    if mode is not None and mode & WORLD_WRITE:
        raise ImproperlyConfigured(
            f"{name}: anyone may change the folder {path} (mode {mode:04o}) and replace "
            f"nearer's files in it; {_advice(path)}"
        )


def open_folder(path: Path, name: str) -> str | None:
    """A warning when others may look in the folder at `path` (given by the variable `name`),
    else None. The files nearer makes there are 0600, but the names and sizes it lists tell when
    a couple use nearer, and a file put there by another tool (a copy, a restore by hand) may
    be readable: the folder is for nearer's user alone."""
    mode = _mode(path)
    if mode is None or not mode & OTHERS_ANY:
        return None
    return f"{name}: others may look in the folder {path} (mode {mode:04o}); {_advice(path)}"


def _advice(path: Path) -> str:
    """What to do about a folder open to others: `chmod 700` when it is nearer's user's own;
    else (root's, a shared volume's) a folder of nearer's own inside it, which nearer makes
    0700 (a chmod there would lock nearer out, or be undone at the next start)."""
    try:
        owned = path.stat().st_uid == os.getuid()
    except OSError:
        owned = False
    if owned:
        return f"run chmod 700 {path}"
    return f"point it at a folder inside it, which nearer makes for its user alone ({path}/nearer)"


def _mode(path: Path) -> int | None:
    """The permission bits of the folder at `path`; None when there is none."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return None


def data_dir_path() -> Path:
    """NEARER_DATA_DIR, else $XDG_DATA_HOME/nearer, else ~/.local/share/nearer; never made."""
    raw = os.environ.get("NEARER_DATA_DIR")
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(raw) if raw else Path(xdg) / "nearer"


#: The fewest characters a secret-key file may hold: Django's deploy check asks for 50, and
#: nearer writes 67. Fewer means a write cut short (a full disk) or a hand-made file.
SECRET_MIN_LENGTH = 50


def env_secret(name: str, folder: Path) -> str:
    """The secret from the environment, else from a 0600 file in `folder`, created on first use.
    A value set shorter than SECRET_MIN_LENGTH, like an empty, short or unreadable file, is
    refused (naming where it is, never saying it) rather than signing with it."""
    raw = os.environ.get(name)
    path = folder / f"{name.lower()}.txt"
    if raw and len(raw) < SECRET_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"{name} is set to {len(raw)} characters, fewer than the {SECRET_MIN_LENGTH} a key "
            f"needs; set it to a longer random one, or unset it to have one made in {path}"
        )
    if raw:
        return raw
    if not path.exists():
        _write_once(path, secrets.token_urlsafe(50))
    check_private(path, name)
    secret = path.read_text().strip()
    if len(secret) < SECRET_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"{name}: {path} holds {'no' if not secret else 'too short a'} key (a write cut "
            "short?); delete it to have a new one made (everyone signs in again) or set "
            f"{name}"
        )
    return secret


def not_a_folder(path: Path, name: str) -> None:
    """Stop when the key file at `path` (set by, or beside, the variable `name`) is a folder:
    said as such, before a folder's mode is taken for a file's or its reading fails."""
    if path.is_dir():
        raise ImproperlyConfigured(
            f"{name}: {path} is a folder, not a key file; set {name} to the file's own path"
        )


def check_private(path: Path, name: str) -> None:
    """Stop when the secret file at `path` (set by, or beside, the variable `name`) may be read
    by others than its owner: anyone who can read it can sign sessions or unseal values."""
    not_a_folder(path, name)
    _unreadable_by(path, name, OTHERS_ANY, "others", "chmod 600")


def _not_world_readable(path: Path, name: str) -> None:
    """Stop when anyone may read the secret file an operator gives at `path`; a group may (see
    WORLD_READ). A folder is said as such."""
    if path.is_dir():
        raise ImproperlyConfigured(f"{name}: {path} is a folder, not a file; set {name} to a file")
    _unreadable_by(path, name, WORLD_READ, "anyone", "chmod o-r")


def _unreadable_by(path: Path, name: str, bits: int, who: str, fix: str) -> None:
    """Stop when the file at `path` has any of the mode `bits` by which `who` may read it,
    naming the variable `name`, the mode, and the `fix` to run on it."""
    mode = path.stat().st_mode & 0o777
    if mode & bits:
        raise ImproperlyConfigured(
            f"{name}: {path} may be read by {who} (mode {mode:04o}); run {fix} {path}"
        )


def _write_once(path: Path, text: str) -> None:
    """`text` in a new 0600 file at `path`, all of it or nothing: written to a temporary file
    beside it, synced, then linked into place (a file there already, made by a process that
    started at the same moment, is kept). A failure (a full disk) leaves no file behind."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            path.hardlink_to(temporary)
    finally:
        temporary.unlink()


def secret_file(name: str, path: Path) -> str:
    """The secret in the file at `path`, which the variable `name` gives (a Docker secret, a
    systemd credential), its final line break dropped: editors and `echo` add one. A file that
    cannot be read, that anyone may read (a group may: `WORLD_READ`), that is empty or that
    holds more than one line is refused, in one line naming `name` and the file, never its
    contents."""
    try:
        _not_world_readable(path, name)
        data = path.read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(f"{name}: {path} cannot be read ({error.strerror})") from None
    try:
        text = data.decode()
    except UnicodeDecodeError:
        raise ImproperlyConfigured(f"{name}: {path} is not UTF-8 text") from None
    secret = text.removesuffix("\n").removesuffix("\r")
    if not secret:
        raise ImproperlyConfigured(f"{name}: {path} is empty; write the secret in it")
    if "\n" in secret or "\r" in secret:
        raise ImproperlyConfigured(
            f"{name}: {path} holds more than one line; write the secret alone on one line"
        )
    return secret
