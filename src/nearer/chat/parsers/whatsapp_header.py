"""How a WhatsApp message line starts: the header grammar, its shape, and the file's date order.

A header is the date and time in front of a message (`[1/29/18, 23:47:03] `, `29.01.18, 23:33 - `,
`13.6.2018 klo 21.25.15 - `). Its form depends on the phone's language, the OS and the app
version, so nothing is assumed: `HEADER` accepts the union of the known forms, every line that
matches is a candidate, and the file's most common *shape* (`shape`) decides which candidates are
headers; a line of another shape, such as a date typed inside a message, stays part of the
message above. The order of day, month and year is decided once for the file by a vote over all
its dates (date_order.py); `make_date` then reads each header's date in that order.

The patterns are written for both Python's `re` (to sniff a few lines) and Rust's `regex`
(polars, for whole files), in the syntax the two share.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import polars as pl

from nearer.chat.parsers.calendars import JAPANESE_ERAS, gregorian, japanese_year
from nearer.chat.parsers.date_order import in_order

#: Invisible marks WhatsApp (or the phone) puts around and inside headers: LRM, RLM, BOM, ALM,
#: the bidi embeddings and isolates. They are removed from headers, never from message text.
MARK_CHARS = "\u200e\u200f\ufeff\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKS = f"[{MARK_CHARS}]"
_MARK = f"{MARKS}*"
#: Spaces seen in headers: plain, no-break (inside `p. m.`), narrow no-break (before AM/PM).
SPACE_CHARS = " \u00a0\u202f"
_SPACE = f"[{SPACE_CHARS}]"
_DATE_SEP = f"{_MARK}[./-]{_MARK}{_SPACE}?{_MARK}"
# Day periods, as phones write them: the abbreviated and wide forms of the Unicode CLDR (48) for
# languages whose 12-hour clock does not say AM/PM. Most follow the time ("9:29 PM", "11:46 μ.μ.");
# Chinese, Japanese, Korean and Tamil put theirs before it ("下午11:46", "오후 11:46"), and so may
# Hungarian and others whose order is not known here, so those read in either place.
_ANYWHERE_AM = (
    "dop\\.|ap\\.|r\\.n\\.|de\\.|f\\.h\\.|p\\.d\\.|fm|TO|yb|тң|дп|пр\\.об\\.|претпл\\.|ү\\.ө\\."
    f"|priekšp\\.|priekšpusdienā|priešpiet|prijepodne|da{_SPACE}manhã|غ\\.م\\.|पूर्वाह्न|පෙ\\.ව\\."
    "|ก่อนเที่ยง|ກ່ອນທ່ຽງ|နံနက်|ጥዋት"
)
_ANYWHERE_PM = (
    "odp\\.|pop\\.|ip\\.|i\\.n\\.|du\\.|e\\.h\\.|m\\.d\\.|em|TK|yh|тк|пп|сл\\.об\\.|попл\\.|ү\\.х\\."
    f"|pēcp\\.|pēcpusdienā|popiet|popodne|da{_SPACE}tarde|غ\\.و\\.|अपराह्न|ප\\.ව\\."
    "|หลังเที่ยง|ຫຼັງທ່ຽງ|ညနေ|ከሰዓት"
)
_ANYWHERE = f"{_ANYWHERE_AM}|{_ANYWHERE_PM}"
_AFTER_TIME = (
    f"[AaPp]\\.?{_SPACE}?[Mm]\\.?|[\u0635\u0645]"
    "|morgens|vorm\\.|mittags|nachm\\.|abends|nachts|Mitternacht"
    f"|[πμΠΜ]\\.?{_SPACE}?[μΜ]\\.?|SA|CH|PG|PTG|ÖÖ|ÖS|vm\\.|nm\\."
    f"|e{_SPACE}paradites|e{_SPACE}pasdites|ق\\.ظ\\.?|ب\\.ظ\\.?|म\\.पू\\.|म\\.उ\\."
    f"|לפנה״צ|אחה״צ|{_ANYWHERE}"
)
_BEFORE_TIME = f"上午|下午|凌晨|早上|中午|晚上|午前|午後|오전|오후|முற்பகல்|பிற்பகல்|{_ANYWHERE}"
_DAY_PERIOD = f"{_AFTER_TIME}|{_BEFORE_TIME}"
#: The day periods that mean after noon (the others, before noon). Arabic's `م` is one unless
#: it ends Pashto's morning `غ.م.`.
PM = (
    f"(?:[Pp]\\.?{_SPACE}?[Mm]\\.?|(?:^|[^.])\u0645|mittags|nachm\\.|abends"
    f"|[μΜ]\\.?{_SPACE}?[μΜ]\\.?|CH|PTG|ÖS|nm\\.|e{_SPACE}pasdites|ب\\.ظ|म\\.उ\\.|אחה״צ"
    f"|下午|中午|晚上|午後|오후|பிற்பகல்|{_ANYWHERE_PM})"
)
_CLOCK = "\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?"
#: The era an iPhone writes after the year when its language names it: Buddhist, Persian, Islamic
#: (`3/18/2565 BE`, `6/11/1405 AP`, `3/21/1448 AH`). The year says the calendar (calendars.py).
_ERA_AFTER = f"{_SPACE}(?:BE|AP|AH)"
#: A Japanese era's letter, which an iPhone writes before the year, last (`3/18/R4`: Reiwa 4,
#: 2022) or first (`R4/03/18`, the Japanese calendar's own order).
_ERA_BEFORE = f"[{''.join(JAPANESE_ERAS)}]"
#: The header: marks, optional `[`, date (its year perhaps with an era), optional comma and word
#: ("klo"), time with its day period, then `] `, ` - `, `: ` (exports from about 2014-18) or a
#: bare space (Croatian).
HEADER = (
    f"^{_MARK}\\[?{_MARK}"
    f"{_ERA_BEFORE}?\\d{{1,4}}{_DATE_SEP}\\d{{1,4}}{_DATE_SEP}{_ERA_BEFORE}?\\d{{1,4}}(?:{_ERA_AFTER})?"
    f"\\.?{_MARK}"
    f"[,\u060c]?{_SPACE}+(?:[^\\W\\d_]{{1,5}}\\.?[,\u060c]?{_SPACE}+)?{_MARK}"
    f"(?:(?:{_DAY_PERIOD}){_SPACE}*)?{_CLOCK}"
    f"(?:{_SPACE}*(?:{_AFTER_TIME}))?{_MARK}"
    f"(?:\\]{_SPACE}?|{_SPACE}*[-\u2013]{_SPACE}|:{_SPACE}|{_SPACE})"
)
HEADER_RE = re.compile(HEADER)
#: Where the time starts in a header (its last run of numbers): splits it into date and time.
TIME_START = f"(?:(?:{_DAY_PERIOD}){_SPACE}*)?{_CLOCK}\\D*$"

_SAMPLE = 50_000  # headers whose shape is counted: every one in files up to this size
_TOKENS = re.compile(
    f"({_ERA_BEFORE}\\d+)|(\\d+)|({_DAY_PERIOD})|({_SPACE}+)|({MARKS}+)|(.)", re.DOTALL
)
_NUMBERS = re.compile(r"\d+")
_DATE_NUMBERS = re.compile(f"({_ERA_BEFORE})?(\\d+)")
_TIME_NUMBERS = r"^\D*(\d+)\D+(\d+)(?:\D+(\d+))?"


def shape(header: str) -> str:
    """What all headers of one file share: `[//, ::P] ` for `[1/29/18, 11:46:03 PM] `.

    Digits and marks are dropped, the day period becomes P, a Japanese era's year (`R4`, `H31`)
    E and any run of spaces one space.
    """
    parts = []
    for era, digits, period, space, _, other in _TOKENS.findall(header):
        parts.append("E" if era else "" if digits else "P" if period else " " if space else other)
    return "".join(parts)


def shape_pattern(part: str) -> str:
    """A whole-string regex for every date (or time) part of the same shape as `part`."""
    pieces = [f"^{_MARK}"]
    for era, digits, period, space, mark, other in _TOKENS.findall(part):
        if mark:
            continue
        if era:
            pieces.append(f"{_ERA_BEFORE}\\d{{1,4}}")
        elif digits:
            pieces.append("\\d{1,4}")
        elif period:
            pieces.append(f"(?:{_DAY_PERIOD})")
        elif space:
            pieces.append(f"{_SPACE}+")
        else:
            pieces.append(other if other.isalnum() or not other.isascii() else "\\" + other)
        pieces.append(_MARK)
    return "".join(pieces) + "$"


def dominant_shape(dates: pl.Series, times: pl.Series) -> tuple[str, str] | None:
    """The date and time parts of a header of the most common shape; None without headers.

    `dates` and `times` hold each line's candidate header, split where the time starts, in
    file order (null for other lines). Ties go to the shape seen first. In files of more
    than `_SAMPLE` candidates an even sample of them is counted.
    """
    candidates = pl.DataFrame({"date": dates, "time": times}).drop_nulls()
    if candidates.height > _SAMPLE:
        candidates = candidates.gather_every(candidates.height // _SAMPLE)
    skeleton = (pl.col("date") + pl.col("time")).str.replace_all("[0-9]+", "")
    counts = (
        candidates.with_row_index("first")
        .group_by(skeleton.alias("skeleton"))
        .agg(pl.len().alias("n"), pl.col("first").min(), pl.col("date", "time").first())
    )
    totals: dict[str, list[Any]] = {}  # shape: [headers, first row, (date, time)]
    for _, n, first, date_part, time_part in counts.iter_rows():
        total = totals.setdefault(shape(date_part + time_part), [0, first, (date_part, time_part)])
        total[0], total[1] = total[0] + n, min(total[1], first)
    if not totals:
        return None
    best = min(totals.values(), key=lambda total: (-total[0], total[1]))
    return best[2]  # type: ignore[no-any-return]


def date_numbers(date_part: str) -> tuple[int, int, int, int]:
    """The three numbers of a header's date part and the number of digits of the first.

    A year of a Japanese era (`R4`) is given as its Gregorian year (2022, four digits).
    """
    numbers = [
        str(japanese_year(era, int(digits))) if era else digits
        for era, digits in _DATE_NUMBERS.findall(date_part)[:3]
    ]
    return int(numbers[0]), int(numbers[1]), int(numbers[2]), len(numbers[0])


def make_date(date_part: str, order: str) -> date | None:
    """The Gregorian date of a header's date part, or None if there is no such day."""
    a, b, c, _ = date_numbers(date_part)
    return gregorian(*in_order(a, b, c, order))


def time_seconds(times: pl.Series, twelve_hour: bool) -> pl.DataFrame:
    """Seconds since midnight for each distinct time part (`time`, `seconds`; null if impossible).

    With `twelve_hour`, 12 am is midnight, 12 pm noon, and an hour past 12 stays as it is
    whatever the period says (hand-edited `23:59 PM`). Digits of any script are read.
    """
    frame = pl.DataFrame({"time": times.unique()}).drop_nulls()
    if frame["time"].str.contains(r"[\d&&[^0-9]]").any():  # Arabic-Indic or other digits
        numbers = [_time_numbers(text) for text in frame["time"].to_list()]
        parts = pl.DataFrame(numbers, schema=["H", "M", "S"], orient="row")
    else:
        groups = frame["time"].str.extract_groups(_TIME_NUMBERS).struct.unnest()
        parts = groups.select(
            pl.col(old).cast(pl.Int32).alias(new)
            for old, new in zip(groups.columns, "HMS", strict=True)
        )
    hour, minute, second = pl.col("H"), pl.col("M"), pl.col("S").fill_null(0)
    pm = pl.col("time").str.contains(PM) if twelve_hour else pl.lit(False)
    am = pl.lit(twelve_hour) & ~pm
    hour24 = (
        pl.when(pm & (hour < 12)).then(hour + 12).when(am & (hour == 12)).then(0).otherwise(hour)
    )
    valid = (hour24 <= 23) & (minute <= 59) & (second <= 59)
    seconds = pl.when(valid).then(hour24 * 3600 + minute * 60 + second)
    return pl.concat([frame, parts], how="horizontal").select("time", seconds.alias("seconds"))


def _time_numbers(time_part: str) -> tuple[int, int, int | None]:
    numbers = [int(n) for n in _NUMBERS.findall(time_part)]
    return numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else None
