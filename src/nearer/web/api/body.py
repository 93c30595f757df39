"""The schema every JSON request body of the API is read with: a field it does not know is a 422
naming that field, never dropped. A misspelt field (`minutes_per_wek`) would otherwise be a 200
that changes nothing, and the person would believe it had."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class Body(Schema):
    model_config = ConfigDict(extra="forbid")
