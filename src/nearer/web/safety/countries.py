"""Which country's helplines come first on a person's own support list: the one they asked for,
else the country of their time zone (tzdata's zone table and links, shipped with the package:
nothing is looked up elsewhere), else none, and only the international ones show."""

from __future__ import annotations

from functools import cache
from importlib import resources


def country_for(asked: str | None, time_zone: str) -> str:
    """An ISO 3166 alpha-2 code, or "" for none: `asked` (a `?country=` choice) wins."""
    if asked:
        return asked[:2].upper()
    return _zone_countries().get(time_zone, "")


@cache
def _zone_countries() -> dict[str, str]:
    """Zone name to country code: zone.tab's lines "<code>\t<coordinates>\t<zone>...", and the
    other names a zone goes by (tzdata.zi's links "L <zone> <alias>": US/Eastern, GB,
    Asia/Calcutta), as browsers and older settings still use them."""
    folder = resources.files("tzdata").joinpath("zoneinfo")
    table = folder.joinpath("zone.tab").read_text("utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    countries = {row[2]: row[0] for row in rows if len(row) >= 3}
    for line in folder.joinpath("tzdata.zi").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L" and parts[1] in countries:
            countries.setdefault(parts[2], countries[parts[1]])
    return countries
