"""An invitation joins the person who made it, and no one once they have left that space."""

from __future__ import annotations

import pytest

from nearer.web.accounts.models import User
from nearer.web.couples import services
from tests.web.conftest import client_for, make_user


def test_a_code_from_a_solo_space_left_for_a_partners_stops_working(carol: User) -> None:
    old = services.invite(carol)
    dave = make_user("dave")
    services.create_couple(dave)
    services.join(carol, services.invite(dave))

    eve = make_user("eve")
    with pytest.raises(services.CoupleError, match="not valid"):
        services.join(eve, old)
    assert services.partner_of(carol) == dave


def test_a_code_of_someone_who_left_their_space_joins_no_one(carol: User) -> None:
    code = services.invite(carol)
    services.leave(carol)
    eve = make_user("eve")
    response = client_for(eve).post("/couple/join/", {"code": code})
    assert response.status_code == 400 and b"not valid" in response.content
    assert services.couple_of(eve) is None
