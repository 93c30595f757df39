"""How a message names the partner it speaks to: "you", "ur", "you're", "u r"."""

from __future__ import annotations

YOU = r"(?:you|your|u|ya|yours|yourself)"
YOU_ARE = r"(?:you(?:'re| are|re| r)|u(?:'re| are| r)|ur)"
