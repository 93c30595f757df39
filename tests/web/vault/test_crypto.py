"""The primitives: sealed text opens only with its own key and its own associated data."""

from __future__ import annotations

import pytest

from nearer.web.vault import crypto

AAD = "daily.checkin|note|3f2a|7"


def test_sealed_text_opens_with_its_key_and_associated_data() -> None:
    key = crypto.new_key()
    sealed = crypto.seal(crypto.USER, "k1", key, "a private note", AAD)
    assert sealed.startswith("nv1:u:k1:") and "private" not in sealed
    assert crypto.open_sealed(key, sealed, AAD) == "a private note"


def test_the_same_text_sealed_twice_looks_different() -> None:
    key = crypto.new_key()
    assert crypto.seal("s", "k1", key, "same", AAD) != crypto.seal("s", "k1", key, "same", AAD)


@pytest.mark.parametrize(
    "other_aad",
    ["daily.checkin|appreciation|3f2a|7", "daily.checkin|note|9999|7", "daily.checkin|note|3f2a|8"],
    ids=["another field", "another row", "another owner"],
)
def test_sealed_text_does_not_open_bound_to_anything_else(other_aad: str) -> None:
    key = crypto.new_key()
    sealed = crypto.seal(crypto.USER, "k1", key, "a private note", AAD)
    with pytest.raises(crypto.OpenError):
        crypto.open_sealed(key, sealed, other_aad)


def test_sealed_text_does_not_open_with_another_key_or_after_a_changed_byte() -> None:
    key = crypto.new_key()
    sealed = crypto.seal(crypto.USER, "k1", key, "a private note", AAD)
    with pytest.raises(crypto.OpenError):
        crypto.open_sealed(crypto.new_key(), sealed, AAD)
    flipped = sealed[:-3] + ("A" if sealed[-3] != "A" else "B") + sealed[-2:]
    with pytest.raises(crypto.OpenError):
        crypto.open_sealed(key, flipped, AAD)
    relabelled = sealed.replace("nv1:u:k1:", "nv1:s:k1:")  # the header is bound too
    with pytest.raises(crypto.OpenError):
        crypto.open_sealed(key, relabelled, AAD)


def test_a_wrapped_key_unwraps_only_with_the_same_password_and_purpose() -> None:
    key, salt, cost = crypto.new_key(), crypto.new_salt(), crypto.Argon2Cost(1, 8, 1)
    kek = crypto.password_kek("correct horse battery", salt, cost)
    wrapped = crypto.wrap(kek, key, "password|1|k1")
    assert (
        crypto.unwrap(
            crypto.password_kek("correct horse battery", salt, cost), wrapped, "password|1|k1"
        )
        == key
    )
    with pytest.raises(crypto.OpenError):
        crypto.unwrap(
            crypto.password_kek("wrong horse battery", salt, cost), wrapped, "password|1|k1"
        )
    with pytest.raises(crypto.OpenError):
        crypto.unwrap(kek, wrapped, "password|2|k1")


def test_a_recovery_code_is_read_back_however_it_is_typed() -> None:
    code = crypto.new_recovery_code()
    assert len(code) == 24 and code.count("-") == 4
    typed = code.lower().replace("-", " ")
    assert crypto.normal_recovery_code(typed) == code
    salt = crypto.new_salt()
    assert crypto.secret_kek(code, salt, "recovery") == crypto.secret_kek(
        crypto.normal_recovery_code(typed), salt, "recovery"
    )
