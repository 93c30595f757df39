"""Test settings: the real settings, with a throwaway data folder and a fast password hasher."""

import os
import tempfile

os.environ.setdefault("NEARER_DATA_DIR", tempfile.mkdtemp(prefix="nearer-test-"))

from nearer.web.settings import *  # noqa: F403

# Argon2 is the production hasher (tested in test_accounts); MD5 keeps the suite fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
