"""The report as one self-contained HTML page a couple can open offline, on a phone too.

Inline CSS and inline SVG only: no scripts, no fonts, no links to anything outside the page.
Every piece of text that came from the chat (names, the chat's title) is escaped, and each name
is isolated (<bdi>) so that a right-to-left name leaves the order of its sentence alone; a long
unbroken name wraps rather than widen the page. The page holds counts and rates, never
messages. Each finding names the sign of intimacy it reflects and a gentle practice from the
content that addresses it.

For everyone, whatever they use to read it: headings nest without skipping a level (h2
sections, h3 groups, h4 findings), every table has a caption and header cells for its columns
and rows, and every chart carries its data as text too (render_html_charts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from nearer.chat import wording
from nearer.chat.findings import Finding, suggested
from nearer.chat.render_html_charts import RECENT, daily_chart, hours_chart, table, trend_chart
from nearer.chat.render_html_values import value
from nearer.chat.report import Report, SignalValue
from nearer.chat.trends import Trend
from nearer.domain.model import Content, Practice, Resource

#: Whole-chat signals shown in the overview, with the sign of intimacy each one speaks to.
OVERVIEW = (
    ("toward_share", "signs.emotional_distance"),
    ("disclosures_met_share", "signs.not_understood"),
    ("emotional_disclosures_per_100", "signs.open_talk"),
    ("questions_per_100", "signs.deep_conversations"),
    ("gratitude_per_100", "signs.appreciation_shown"),
    ("affection_per_100", "signs.emotional_distance"),
    ("personal_share", "signs.surface_talk"),
    ("logistics_share", "signs.surface_talk"),
    ("conflict_episodes", "signs.conflict"),
    ("conflict_ratio", "signs.trust_in_disagreement"),
    ("repair_share", "signs.conflict"),
    ("stonewalling", "signs.withdrawal"),
    ("we_per_100", "signs.emotional_distance"),
    ("lsm", "signs.misunderstandings"),
)
RHYTHM = ("messages", "message_share", "conversations_started", "median_reply_minutes")

STYLE = """
:root{--ink:#3b2f2a;--soft:#7a6a62;--paper:#fffaf5;--card:#fff;--rose:#b4553d;--band:#f3e1d6;
--recent:#fbeee6;--mark:#8c2f39;--good:#4f7a5a}
*{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);font:17px/1.55 system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif}
main{max-width:40rem;margin:0 auto;padding:1.2rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.2;margin:.4rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem}
h3{font-size:1.1rem;margin:1.4rem 0 .3rem}h4{font-size:1.05rem;margin:.8rem 0 .3rem}
p{margin:.4rem 0}.soft{color:var(--soft);font-size:.92rem}
.note{background:var(--recent);border-radius:12px;padding:.8rem 1rem;margin:1rem 0}
.note.warn{border-left:5px solid var(--mark)}.note ul{margin:.3rem 0 0 1.1rem;padding:0}
.card{background:var(--card);border-radius:14px;padding:1rem;margin:.9rem 0;
box-shadow:0 1px 3px rgba(59,47,42,.12)}
.card.good{border-left:5px solid var(--good)}.card.care{border-left:5px solid var(--rose)}
.card.other{border-left:5px dotted var(--soft)}
.tag{display:inline-block;background:var(--band);border-radius:999px;padding:.05rem .6rem;
font-size:.85rem;margin:.2rem .3rem .2rem 0}
.try{background:var(--paper);border-radius:10px;padding:.6rem .8rem;margin-top:.6rem}
.try ol{margin:.3rem 0 0 1.1rem;padding:0}.try summary{cursor:pointer}
table{width:100%;border-collapse:collapse;font-size:.95rem}
caption{text-align:left;color:var(--soft);font-size:.92rem;padding:.2rem 0}
td,th{text-align:left;padding:.35rem .3rem;border-bottom:1px solid var(--band);vertical-align:top}
th[scope=row]{font-weight:normal}td.n,th.n{text-align:right;white-space:nowrap}
.data{font-size:.9rem;margin:.2rem 0 .6rem}.data summary{cursor:pointer;color:var(--soft)}
.data th[scope=row]{white-space:nowrap}
.chart{width:100%;height:auto;display:block;margin:.4rem 0}
.chart .line{fill:none;stroke:var(--rose);stroke-width:2}.chart .dot{fill:var(--rose)}
.chart .band{fill:var(--band)}.chart .recent{fill:var(--recent)}.chart .mark{fill:var(--mark)}
.chart .column{fill:var(--rose);opacity:.8}.chart .tick{font-size:10px;fill:var(--soft)}
h1,p,li,caption,bdi,th[scope=col]{overflow-wrap:anywhere}th[scope=col]{white-space:normal}
@media (max-width:30rem){td.n,th.n{white-space:normal}}
"""


def render_html(report: Report, content: Content) -> str:
    """The whole page as text (UTF-8, no external resources)."""
    body = _intro(report) + render_sections(report, content) + _footer(report, content)
    first, second = (_isolated(name) for name in report.people)
    title = escape(f"How {first} and {second} have been talking")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head><body><main>{body}</main>"
        "</body></html>\n"
    )


def render_sections(report: Report, content: Content) -> str:
    """The report's sections (language note, changes with their signs and practices, the whole
    chat at a glance, rhythm) as an HTML fragment, without the page, its introduction or footer:
    for a page that has its own, like the web app's. Styled by the classes in STYLE."""
    signs = {item.id: item.label or item.id for item in content.instruments["signs"].items}
    return "".join(
        [
            _language(report),
            _changes(report, signs, content.practices),
            _overview(report, signs),
            _rhythm(report),
        ]
    )


def _name(name: str) -> str:
    """A person's name from the chat as HTML: escaped, and isolated from the text around it."""
    return f"<bdi>{escape(name)}</bdi>"


def _isolated(name: str) -> str:
    """A name isolated in plain text, where <bdi> cannot go (the page's <title>): between
    Unicode's first strong isolate and pop directional isolate."""
    return f"\u2068{name}\u2069"


def _intro(report: Report) -> str:
    first, second = (_name(name) for name in report.people)
    summary = report.pair_summary or report.summary  # in a group chat, the two people's own
    span = ""
    if summary.first and summary.last:
        span = f" {wording.days_between(summary.first, summary.last)}"
    clock = f", times in {escape(report.time_zone)}" if report.time_zone else ""
    return (
        f"<h1>How {first} and {second} have been talking</h1>"
        f'<p class="soft">{wording.counted(summary.messages, "message")}{span} '
        f"({escape(wording.source(summary.format))} export{clock}).</p>"
        f"{_warnings(report)}"
        '<div class="note"><p><strong>Please read this first.</strong> Everything here is counted '
        "by a computer from the words in your chat, using word lists. It is approximate: it "
        "cannot hear tone of voice, see jokes for what they are, or know what happened when you "
        "were together or on the phone. It is not a verdict on your relationship and it does not "
        "score one of you against the other. It only compares your recent weeks with your own "
        "earlier weeks, so you can notice changes and talk about them.</p></div>"
    )


def _warnings(report: Report) -> str:
    """What reading the export met that changes the figures (messages left out, dates read one
    way of two), each as the analyser words it; "" when nothing did."""
    if not report.warnings:
        return ""
    items = "".join(f"<li>{escape(warning)}</li>" for warning in report.warnings)
    return (
        '<div class="note warn" role="note"><p><strong>About the export.</strong> While reading '
        "your chat, nearer met something that changes the figures below:</p>"
        f"<ul>{items}</ul></div>"
    )


def _language(report: Report) -> str:
    other = report.language.other_weeks
    if report.language.english and other:
        first, last = (f"the week of {wording.long_date(day)}" for day in (other[0], other[-1]))
        weeks = wording.counted(len(other), "week")
        when = first if len(other) == 1 else f"{weeks}, from {first} to {last}"
        return (
            f'<div class="note"><p>Part of your chat ({when}) looks like another language, so '
            "the signals that rest on English word lists leave it out. How much, when and how "
            "quickly you write still count every week.</p></div>"
        )
    if report.language.english:
        return ""
    return (
        '<div class="note"><p>Some signals are left out: '
        f"{escape(report.language.reason or '')}. How much, when and how quickly you write are "
        "still shown.</p></div>"
    )


def _changes(report: Report, signs: Mapping[str, str], practices: Iterable[Practice]) -> str:
    intro = "<h2>What has changed lately</h2>"
    if not any(t.baseline for t in report.trends):
        weeks = wording.counted(report.weekly["week"].n_unique(), "week")
        return intro + (
            f"<p>Your chat covers {weeks}. To compare your last 8 weeks with what is usual for "
            "you, at least 6 earlier weeks are needed, so there is nothing to compare yet.</p>"
        )
    if not report.findings:
        return intro + _nothing_stands_out(report.trends) + _usual(report.trends)
    shown: set[str] = set()
    groups = _by_sign(report.findings)
    care, other, good = (
        [
            _card(g, report, signs, tuple(practices), shown)
            for g in groups
            if g[0].toward_closeness is direction
        ]
        for direction in (False, None, True)
    )
    return (
        intro
        + '<p class="soft">Your last 8 weeks compared with your earlier weeks. In each chart the '
        f"dashed lines are the edges of your usual range, the line marked “{RECENT}” is "
        "where your recent weeks begin, and large dots mark weeks outside your usual range. "
        "Under each chart, “The numbers” lists every week.</p>"
        + (f"<h3>Worth some care</h3>{''.join(care)}" if care else "")
        + (
            '<h3>Also different from usual</h3><p class="soft">Changes that are not, on their '
            f"own, a sign of being closer or further apart.</p>{''.join(other)}"
            if other
            else ""
        )
        + (f"<h3>Going well</h3>{''.join(good)}" if good else "")
        + _usual(report.trends)
    )


#: Statuses of a trend compared with its baseline; "unavailable" is explained by _language.
COMPARED = ("higher", "lower", "mixed", "usual")
NOT_COMPARED = ("baseline_too_short", "no_recent_data")


def _nothing_stands_out(trends: Iterable[Trend]) -> str:
    """No finding: say so, but only as far as signals could be compared (those that could not
    are listed by _usual), so a chat with little to compare never reads as all usual."""
    statuses = [t.status for t in trends]
    compared = sum(s in COMPARED for s in statuses)
    missing = sum(s in NOT_COMPARED for s in statuses)
    if not missing:
        return "<p>Nothing in the last 8 weeks stands out from what is usual for you.</p>"
    if compared < missing:
        return (
            "<p>Most signals could not be compared with your earlier weeks yet (listed below), "
            "so there is little to go on. Of those that could, nothing in the last 8 weeks "
            "stands out from what is usual for you.</p>"
        )
    return (
        "<p>Of the signals that could be compared, nothing in the last 8 weeks stands out from "
        "what is usual for you. Some could not be compared yet (listed below).</p>"
    )


def _by_sign(found: Iterable[Finding]) -> list[list[Finding]]:
    """Findings grouped by the sign they reflect and their direction, in first-seen order."""
    groups: dict[tuple[str, bool | None], list[Finding]] = {}
    for finding in found:
        groups.setdefault((finding.link.sign, finding.toward_closeness), []).append(finding)
    return list(groups.values())


def _card(
    group: list[Finding],
    report: Report,
    signs: Mapping[str, str],
    practices: tuple[Practice, ...],
    shown: set[str],
) -> str:
    lead = group[0]
    kind, tag, trying = CARDS[lead.toward_closeness]
    sign = signs.get(lead.link.sign, lead.link.sign)
    changes = "".join(_change(finding, report) for finding in group)
    practice = suggested(lead.link, lead.toward_closeness, practices)
    return (
        f'<section class="card {kind}"><p><span class="tag">{tag}: {escape(sign)}'
        f"</span></p>{changes}{_practice(practice, trying, shown)}</section>"
    )


#: By a finding's direction: its card's class, the words before its sign, before its practice.
#: "Sign it speaks to", not "sign of intimacy": most signs are of distance ("Emotional
#: distance"), which a card under "Going well" would otherwise seem to call a sign of intimacy.
CARDS = {
    True: ("good", "Sign it speaks to", "To keep it going"),
    False: ("care", "Sign it speaks to", "Something to try"),
    # No practice: a change in neither direction asks for nothing (writing more is no problem).
    None: ("other", "Related sign", ""),
}


def _change(finding: Finding, report: Report) -> str:
    trend = finding.trend
    sentence = wording.change(trend.metric.name, trend.status)
    if trend.back_to_usual:
        sentence += " The last two weeks look more like your usual again."
    context = wording.CHANGES[trend.metric.name].context
    return (
        f"<h4>{escape(sentence)}</h4>{trend_chart(trend, report)}"
        f'<p class="soft">{escape(context)}</p>'
    )


def _practice(practice: Practice | None, lead: str, shown: set[str]) -> str:
    if practice is None:
        return ""
    if practice.id in shown:
        return f'<p class="try">{lead}: <strong>{escape(practice.title)}</strong> (above).</p>'
    shown.add(practice.id)
    steps = "".join(f"<li>{escape(step)}</li>" for step in practice.steps)
    return (
        f'<details class="try"><summary><strong>{lead}: {escape(practice.title)}</strong>'
        f"</summary><p>{escape(practice.why)}</p><ol>{steps}</ol></details>"
    )


def _usual(trends: Iterable[Trend]) -> str:
    """The trends that are not findings: usual, mixed, or not compared and why."""
    trends = tuple(trends)
    usual = [t.metric.label for t in trends if t.status == "usual"]
    mixed = [t.metric.label for t in trends if t.status == "mixed"]
    parts = []
    if usual:
        parts.append(
            f"<p><strong>Within your usual range:</strong> {escape(', '.join(usual))}.</p>"
        )
    if mixed:
        parts.append(
            "<p><strong>Up in some recent weeks and down in others:</strong> "
            f"{escape(', '.join(mixed))}.</p>"
        )
    return "".join(parts) + _not_compared(trends)


def _not_compared(trends: tuple[Trend, ...]) -> str:
    short = [t.metric.label for t in trends if t.status == "baseline_too_short"]
    quiet = [t.metric.label for t in trends if t.status == "no_recent_data"]
    parts = []
    if short:
        parts.append(
            "<p><strong>Not compared yet</strong> (not yet 6 earlier weeks with enough to "
            f"measure): {escape(', '.join(short))}.</p>"
        )
    if quiet:
        parts.append(
            "<p><strong>Not compared</strong> (nothing to measure in the last 8 weeks: too few "
            "messages, or none of what these count): "
            f"{escape(', '.join(quiet))}.</p>"
        )
    return "".join(parts)


def _overview(report: Report, signs: Mapping[str, str]) -> str:
    rows = []
    for name, sign in OVERVIEW:
        signal = report.signal(name)
        shown = value(signal.metric, signal.couple) if signal.available else "not available"
        label = escape(signal.metric.label)
        rows.append(
            (f'{label}<br><span class="soft">{escape(signs.get(sign, sign))}</span>', escape(shown))
        )
    head = ("Signal, and the sign of intimacy it speaks to", "Together")
    return (
        "<h2>The whole chat at a glance</h2>"
        + table("For the two of you together, over the whole chat", head, rows)
        + '<p class="soft">Warm to hard moments: inside tense stretches, how many warm messages '
        "came for each hard one (1.5 : 1 is three warm for two hard). It says how tense moments "
        "went, as word lists read them, not how much you trust each other.</p>"
    )


def _rhythm(report: Report) -> str:
    return (
        "<h2>Your rhythm</h2><p>Messages a day, week by week:</p>"
        f"{daily_chart(report)}<p>When in the day you write:</p>{hours_chart(report)}"
        '<p class="soft">Every couple has its own rhythm; different numbers for each of you are '
        "normal and say nothing about who cares more.</p>"
        f"{_people_table(report, [report.signal(n) for n in RHYTHM])}"
    )


def _people_table(report: Report, signals: list[SignalValue]) -> str:
    head = ["Signal", *(_name(name) for name in report.people)]
    rows = [
        [escape(s.metric.label)]
        + [escape(value(s.metric, s.people.get(name))) for name in report.people]
        for s in signals
    ]
    return table("Each of you, over the whole chat", head, rows)


def _footer(report: Report, content: Content) -> str:
    return (
        "<h2>About this page</h2>"
        '<p class="soft">Made by nearer on your own device; nothing was sent anywhere. The page '
        "holds counts only, no messages. Research on couples' words finds small effects: use "
        "these as prompts for a conversation between you, not as answers. A change is not proof "
        "of anything, and nearer cannot tell what caused it.</p>"
        f'<p class="soft">{wording.counted(report.conversations, "conversation")} (a new one '
        "starts after 3 hours of quiet).</p>" + _support(content.resources)
    )


def _support(resources: Iterable[Resource]) -> str:
    """The same few lines on every report, whatever the chat holds, so that they tell nobody
    anything about it: where to turn when someone is afraid (content/data/resources.yaml)."""
    items = "".join(
        f"<li><strong>{escape(r.name)}</strong>: {escape(r.what)} {escape(r.contact)}"
        + (f" {escape(r.url.split('://', 1)[-1])}" if r.url else "")
        + "</li>"
        for r in resources
    )
    return (
        '<h2>If you are ever afraid</h2><p class="soft">Of your partner or of anyone else: you '
        f'deserve to be safe, and help is confidential.</p><ul class="soft">{items}</ul>'
    )
