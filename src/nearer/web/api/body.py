"""The schema every JSON request body of the API is read with: a field it does not know is a 422
naming that field, never dropped. A misspelt field (`minutes_per_wek`) would otherwise be a 200
that changes nothing, and the person would believe it had.

So is a field sent as `null`: a field may be left out (where it may, that keeps it as it is), but
`null` is no value, and `{"display_name": null}` would otherwise be the same silent 200."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, field_validator

NULL = "null is no value here: send one, or leave the field out"


class Body(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def not_null(cls, value: Any) -> Any:
        if value is None:  # only what was sent is validated: a field left out never gets here
            raise ValueError(NULL)
        return value
