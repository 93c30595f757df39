"""A coarse device label from a User-Agent header: "Firefox on Linux", enough to recognise a
sign-in in a list, too little to fingerprint anyone. The header itself is never stored."""

from __future__ import annotations

# Order matters: Edge and Opera say "Chrome", Chrome says "Safari", iPads and phones say "Mac".
BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("python-requests", "a script"),
    ("curl/", "a script"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def device_label(user_agent: str) -> str:
    """ "<browser> on <system>", either part "a browser"/"an unknown device" when not recognised."""
    browser = next((name for marker, name in BROWSERS if marker in user_agent), "a browser")
    system = next((name for marker, name in SYSTEMS if marker in user_agent), None)
    if system is None:
        return "An unknown device" if browser == "a browser" else browser[0].upper() + browser[1:]
    return f"{browser[0].upper()}{browser[1:]} on {system}"
