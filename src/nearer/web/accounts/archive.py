"""The export as a zip: `my-data.json` (the whole document), one CSV per table and a README.

Only writes: the rows come from `accounts.export.collect`, already read and plain.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from nearer.domain.spreadsheet import inert
from nearer.web.accounts.export import CHECKIN_FIELDS, FORMAT, Collected, Row, document

FILENAME = "nearer-export.zip"
# A fixed time for every member, so the same data always makes the same zip.
_STAMP = (2020, 1, 1, 0, 0, 0)

# file name: (columns, what it holds, for the README)
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "account.csv": (
        ("email", "display_name", "time_zone", "joined"),
        "Your account: email address, name, time zone and the day you joined.",
    ),
    "couple-spaces.csv": (
        ("couple", "joined", "left"),
        "Each couple space you have been in, by number, with when you joined and left.",
    ),
    "checkins.csv": (
        CHECKIN_FIELDS,
        "Your daily check-ins: mood, closeness, how understood you felt, stress, appreciation, "
        "needs and your private note. The *_shared columns say what your partner could see.",
    ),
    "daily-questions.csv": (
        (
            "day",
            "question",
            "my_answer",
            "i_passed",
            "partner_answer",
            "partner_thanked_me",
            "partner_reply",
        ),
        "Each day's question with your answer, and your partner's where you both answered.",
    ),
    "assessment-answers.csv": (
        ("instrument", "completed", "item", "answer"),
        "Your answers to the questionnaires, one line per question, including the private "
        "safety check.",
    ),
    "practices-done.csv": (
        ("practice", "day"),
        "The practices you marked as done, and on which day.",
    ),
    "chat-imports.csv": (
        (
            "id",
            "role",
            "status",
            "created_at",
            "uploader_agreed_at",
            "partner_agreed_at",
            "withdrawn_by_you",
        ),
        "Each chat analysis you imported or were asked to agree to, and what became of it. "
        "The figures themselves, where you both agreed, are in my-data.json.",
    ),
}

README = """\
Your data from nearer
=====================

This archive holds everything nearer keeps about you, as it was when you downloaded it.
It includes your private notes and private answers: keep it somewhere only you can open.

my-data.json
    Everything, in one file that other programs can read (format {format}).

{tables}
The CSV files open in any spreadsheet. Dates and times are ISO 8601, times in UTC.
"""


def export_zip(data: Collected) -> bytes:
    """The zip's bytes: my-data.json, README.txt and the CSV files named in TABLES."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "README.txt", readme())
        _add(archive, "my-data.json", json.dumps(document(data), indent=2, ensure_ascii=False))
        for name, rows in tables(data).items():
            _add(archive, name, to_csv(TABLES[name][0], rows))
    return buffer.getvalue()


def tables(data: Collected) -> dict[str, list[Row]]:
    """The rows of each CSV file, by file name."""
    return {
        "account.csv": [data.account],
        "couple-spaces.csv": data.couple_spaces,
        "checkins.csv": data.checkins,
        "daily-questions.csv": data.daily_questions,
        "assessment-answers.csv": [
            {"instrument": run["instrument"], "completed": run["completed"], "item": k, "answer": v}
            for run in data.assessments
            for k, v in _items(run["answers"])
        ],
        "practices-done.csv": data.practices_done,
        "chat-imports.csv": data.chat_imports,
    }


def readme() -> str:
    lines = "".join(f"{name}\n    {about}\n\n" for name, (_, about) in TABLES.items())
    return README.format(format=FORMAT, tables=lines)


def to_csv(columns: tuple[str, ...], rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: _cell(row.get(key)) for key in columns} for row in rows)
    return out.getvalue()


def _items(answers: object) -> list[tuple[str, object]]:
    return sorted(answers.items()) if isinstance(answers, dict) else []


def _cell(value: object) -> object:
    """Empty for None; text kept inert for a spreadsheet (see domain.spreadsheet)."""
    if value is None:
        return ""
    return inert(value) if isinstance(value, str) else value


def _add(archive: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name, date_time=_STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    archive.writestr(info, text.encode("utf-8"))
