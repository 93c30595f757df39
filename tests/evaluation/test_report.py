"""docs/accuracy.md's reasons for a missed goal quote the figures of the same run."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "evaluation"))
import report

CONTEMPT = "UCC val (condescending or sarcastic), half B"


def _row(method: str, auc: float) -> dict[str, object]:
    return {"signal": "contempt", "dataset": CONTEMPT, "method": method, "auc": auc}


def test_the_distance_to_the_reference_comes_from_the_figures_measured() -> None:
    rows = pl.DataFrame([_row("nearer", 0.664), _row(report.REFERENCE, 0.606)])
    text = report.WHY_NOT.format_map(report._Figures(report._distances(rows)))
    assert "(0.61 here, 0.62 there), and\n  nearer is 0.05 above it; the goal asks 0.08." in text


def test_a_goal_whose_data_set_is_absent_reads_as_a_dash() -> None:
    rows = pl.DataFrame([_row("nearer", 0.664), _row(report.REFERENCE, 0.606)])
    text = report.WHY_NOT.format_map(report._Figures(report._distances(rows)))
    assert "reference reaches – macro-F1" in text
