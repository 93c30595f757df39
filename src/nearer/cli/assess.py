"""`nearer assess`: take instruments in the terminal, or score an answers file."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from nearer.cli import render
from nearer.cli.inputs import (
    InputError,
    answers_counted,
    answers_text,
    check_writable,
    file_name,
    load_content,
    one_line,
    private_items,
    read_answers,
    read_answers_file,
    shown,
    write_answers,
)
from nearer.cli.resources import local_resources
from nearer.cli.stopping import stopped_as_by_ctrl_c
from nearer.cli.streams import printing, report_done, write_stdout
from nearer.domain.model import Answers, Content, Instrument
from nearer.domain.safety import screen
from nearer.domain.scoring import reported, score_answers

#: Onboarding order: the private safety screen first, then the profile, signs and causes.
DEFAULT_ORDER = ("safety", "profile", "signs", "causes")
DEFAULT_OUT = Path("nearer-answers.json")


def assess(
    instrument: list[str] = typer.Option(
        None,
        "--instrument",
        "-i",
        metavar="ID",
        help="Instrument id to take (repeatable). Default: all.",
    ),
    answers: Path = typer.Option(
        None,
        "--answers",
        parser=file_name,
        metavar="FILE",
        help="Score this answers file instead of asking questions.",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print scores as JSON (with --answers; never the safety check's)."
    ),
    safety_check: bool = typer.Option(
        False,
        "--safety-check",
        help="With --json: also say what your private safety check found (clear, concern or "
        "not taken). For you alone: never give this JSON to your partner.",
    ),
    out: Path = typer.Option(
        None,
        "--out",
        "-o",
        parser=file_name,
        metavar="FILE",
        help=f"Where to save the answers typed (default: {DEFAULT_OUT}). An instrument answered "
        "again replaces its earlier answers there; the others' are kept.",
    ),
    country: str = typer.Option(
        None,
        "--country",
        metavar="CODE",
        help="Two-letter country code for the support resources shown with the scores, e.g. GB "
        "(not with --json or --share, which show none: `nearer resources` lists them).",
    ),
    share: Path = typer.Option(
        None,
        "--share",
        parser=file_name,
        metavar="COPY",
        help="With --answers: write a copy without the private safety check's answers, to give "
        "your partner for `nearer report` or `nearer plan` side by side. It never replaces a file "
        "already there (it may be someone's only copy of their answers).",
    ),
) -> None:
    """Take the assessments interactively, or score an answers file without prompts."""
    content = load_content()
    chosen = _instruments(content, instrument)
    _country_shown(country, as_json, share)
    if share is not None:
        if answers is None:
            raise InputError("--share needs --answers FILE (the answers to copy)")
        if instrument or as_json or safety_check or out is not None:
            raise InputError(
                "--share copies every answer but the safety check's: no -i, -o, --json or "
                "--safety-check"
            )
        _share(content, answers, share)
        return
    if answers is not None:
        _score_file(content, answers, bool(instrument), out, (as_json, safety_check), country)
        return
    if as_json or safety_check:
        option = "--json" if as_json else "--safety-check"
        raise InputError(f"{option} needs --answers FILE (interactive answers are saved to --out)")
    _interactive(content, chosen, out or DEFAULT_OUT, country)


def _country_shown(country: str | None, as_json: bool, share: Path | None) -> None:
    """Refuse --country where no support resources are shown: --json's scores must say nothing
    a partner could read the safety check from, and --share writes answers, not resources."""
    if country is not None and (as_json or share is not None):
        raise InputError(
            "--country chooses the support resources shown with the scores; "
            f"{'--json' if as_json else '--share'} writes none (`nearer resources --country "
            "CODE` lists them)"
        )


def _score_file(
    content: Content,
    answers: Path,
    chose: bool,
    out: Path | None,
    json_asked: tuple[bool, bool],
    country: str | None,
) -> None:
    """Show the scores of an answers file, or print them as JSON (`json_asked`: --json, and
    --safety-check with it); options that only shape the questions asked are refused."""
    as_json, safety_check = json_asked
    if chose:
        raise InputError(
            "--instrument: chooses the questions to ask; with --answers every instrument "
            "answered is scored"
        )
    if out is not None:
        raise InputError(
            "--out: saves the answers typed; with --answers nothing is typed or saved "
            "(--share COPY writes a copy for your partner)"
        )
    if safety_check and not as_json:
        raise InputError("--safety-check adds the check's finding to --json: give --json too")
    scored = read_answers(answers, content)
    if as_json:
        write_stdout(json.dumps(_as_json(content, scored, safety_check), indent=2) + "\n")
    else:
        with printing():
            _results(content, scored, country)


def _instruments(content: Content, ids: list[str] | None) -> list[Instrument]:
    for instrument_id in ids or ():
        if instrument_id not in content.instruments:
            known = ", ".join(content.instruments)
            raise InputError(f"--instrument: no instrument '{instrument_id}' (known: {known})")
    return [content.instruments[i] for i in (ids or DEFAULT_ORDER)]


def _interactive(
    content: Content, instruments: list[Instrument], out: Path, country: str | None
) -> None:
    # Everything that could stop the answers from being saved is checked before the first
    # question, so nothing typed is lost to a bad --out.
    check_writable(out, "--out")
    # Only a file holds earlier answers: a device or a pipe (/dev/null) is written into as is
    saved, extra = read_answers_file(out, content) if out.is_file() else ({}, {})
    answers_text(out, saved, extra)  # its other keys can be written back
    given: dict[str, int] = {}

    def save() -> None:
        _save_or_show(out, _kept(content, saved, given), extra)

    with printing(), stopped_as_by_ctrl_c():
        _take(instruments, given, out, save)
        render.saved(out, len(given))
        _results(content, _kept(content, saved, given), country)


class Unsaved(InputError):
    """The answers file could not be written (a disk filled up since the start): the answers
    were printed to stdout instead."""

    exit_code = 1


def _save_or_show(out: Path, answers: Answers, extra: dict[str, object]) -> None:
    """Write the answers to `out`; when that fails, print the file's text to stdout, so what was
    typed is never lost, and raise Unsaved saying where it went."""
    try:
        write_answers(out, answers, extra)
    except InputError as error:
        where = _printed(answers_text(out, answers, extra))
        raise Unsaved(
            f"{error}; the answers ({answers_counted(len(answers))}) are printed {where} as JSON "
            "instead: copy that into a file to keep them (`nearer assess --answers FILE` reads it)"
        ) from None


def _printed(text: str) -> str:
    """Write `text` to stdout, or to stderr when stdout cannot take it (on the full disk too):
    where it went, for the message that follows it."""
    for stream, where in ((sys.stdout, "above"), (sys.stderr, "above, on stderr")):
        try:
            stream.write(text)
            stream.flush()
            return where
        except OSError:
            continue
    return "on no stream (stdout and stderr refused them)"


def _kept(content: Content, saved: Answers, given: Answers) -> dict[str, int]:
    """The file's answers after this session: an instrument answered now (one answer is enough)
    replaces its earlier answers whole, as a retake on the web does, so a score never mixes
    today's answers with last month's; the other instruments' answers stay as they were."""
    retaken = {
        item.id
        for instrument in content.instruments.values()
        if any(item.id in given for item in instrument.items)
        for item in instrument.items
    }
    return {**{key: value for key, value in saved.items() if key not in retaken}, **given}


def _as_json(content: Content, answers: Answers, safety_check: bool) -> dict[str, object]:
    """The scores (never of the private safety check) and, only when `safety_check` asks for it,
    what the check found: "clear", "concern", or "not taken" (some of it unanswered and no
    concern among the rest). Scores JSON is what people pass around, so by default it says
    nothing a partner could read the check's outcome from: not even that it was taken."""
    document: dict[str, object] = {
        "scores": {
            instrument: {scale: reported(score) for scale, score in scores.items()}
            for instrument, scores in render.shown_scores(
                content, score_answers(content, answers)
            ).items()
        }
    }
    if safety_check:
        found = screen(content.instruments["safety"], answers)
        check = "concern" if found.concern else "clear" if found.screened else "not taken"
        document["safety_check"] = check
    return document


def _results(content: Content, answers: Answers, country: str | None) -> None:
    """The scores, after support resources where the person's own safety answers raised a
    concern (as `nearer report` shows them)."""
    if screen(content.instruments["safety"], answers).concern:
        render.resources_first(local_resources(content, country))
    render.scores(content, score_answers(content, answers))


def _take(
    instruments: list[Instrument], given: dict[str, int], out: Path, save: Callable[[], None]
) -> None:
    """Ask each instrument in turn, saving to `out` after each. Stopping part-way, by end of
    input, Ctrl-C, a failed write to the terminal or anything unforeseen, still saves what was
    answered so far."""
    try:
        for instrument in instruments:
            finished = render.take_instrument(instrument, given)
            save()
            if not finished:
                return
    except (EOFError, KeyboardInterrupt) as stop:
        how = "interrupted" if isinstance(stop, KeyboardInterrupt) else "input ended"
        if given:
            save()
            print(
                one_line(f"nearer: {how}; saved the {answers_counted(len(given))} given to {out}"),
                file=sys.stderr,
            )
        else:
            print(f"nearer: {how} before any answer was given; nothing to save", file=sys.stderr)
        raise typer.Exit(1) from None
    except Unsaved:  # the answers are on stdout already: saving again would print them again
        raise
    except (Exception, SystemExit):  # the terminal closed or cannot be written, SIGTERM, a bug
        if given:
            save()  # what was typed is kept first; the terminal may be gone, so nothing is said
        raise


def _replaceable_share(copy: Path) -> None:
    """Refuse a file at `copy`: a shared copy never replaces one, since nothing tells an earlier
    copy from someone's only answers file (one without the safety check's answers looks the
    same). What is not a file, such as a pipe, is written into as it is."""
    if copy.is_file():
        raise InputError(
            f"--share {copy}: is there already (it may be someone's only copy of "
            "their answers); give the copy a new name, or move that file away first"
        )


def _share(content: Content, answers: Path, copy: Path) -> None:
    """Copy an answers file without the answers to private instruments (the safety check)."""
    if copy.resolve() == answers.resolve():
        raise InputError(f"--share {copy}: is the answers file itself; give the copy its own name")
    check_writable(copy, "--share")
    _replaceable_share(copy)
    private = private_items(content)
    kept = {
        key: value for key, value in read_answers(answers, content).items() if key not in private
    }
    write_answers(copy, kept, {})
    report_done(
        f"Saved {answers_counted(len(kept))} to {shown(str(copy))}, without the private safety "
        "check's.\n"
    )
