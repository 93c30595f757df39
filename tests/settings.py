"""Test settings: the real settings, with a throwaway data folder and a fast password hasher."""

from tests import workers

# A throwaway data folder, one per pytest-xdist worker, and on PostgreSQL a database of its own.
workers.claim()

from nearer.web.settings import *  # noqa: E402, F403

# Argon2 is the production hasher (tested in test_accounts); MD5 keeps the suite fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405

# The production cost of Argon2id for data keys is in nearer.web.vault.crypto; the least keeps the
# suite fast (the cost is stored with each wrapped key, so a key made either way still opens).
VAULT_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}

# Account emails are sent on the request's thread, so a test finds them in mail.outbox at once
# (tests/web/test_outbox.py turns the sending thread on).
ACCOUNT_EMAILS_IN_BACKGROUND = False
