"""The validation figure (THEORY.md section 7): each check's distance from its expected value in
units of its own tolerance, so that a pass sits inside [-1, 1] whatever the check's scale.

`limen validate --format json` checks carry `kind`: "equality" (|measured - expected| <= tolerance),
"inequality" (a one-sided bound, measured >= expected - margin; drawn as a one-sided margin) or
"absolute" (expected 0: drawn as |measured| against the tolerance on a log scale, never as a ratio
to zero). Older files have no `kind`: a check is then an equality, absolute when expected is 0, and
an inequality when THEORY section 7 states it as one (transport-bound) or when it passes although
its measurement lies above its two-sided tolerance (which only a one-sided check can do)."""
from __future__ import annotations

import math

try:
    from .figures_common import LABEL_PT, plt as _plt, save
except ImportError:  # run as a script from python/limen
    from figures_common import LABEL_PT, plt as _plt, save  # type: ignore[no-redef]

PASS, FAIL = "#2CA02C", "#D62728"
SPAN = 3.0  # the relative panel shows deviations in [-SPAN, SPAN] tolerances; beyond, an arrow and the value


INEQUALITIES = {"transport-bound"}  # THEORY section 7: <W> - dF_neq >= gamma W2^2 / tau


def kind(c: dict) -> str:
    k = c.get("kind")
    if k in ("equality", "inequality", "absolute"):
        return k
    if c.get("expected", 1) == 0:
        return "absolute"
    if c["id"].split("@")[0] in INEQUALITIES or (c.get("pass") and c["measured"] - c["expected"] > c["tolerance"] > 0):
        return "inequality"
    return "equality"


def distinct_ids(checks: list[dict]) -> list[str]:
    """Each check's row name. New files name each case (`lifson-jackson@E_b=4`); in older ones
    several checks share an id, and the case is taken from the start of the detail ("drag: ...")
    or, failing that, numbered."""
    ids = [c["id"] for c in checks]
    out = []
    for i, c in enumerate(checks):
        name = c["id"]
        if ids.count(name) > 1 and "@" not in name:
            case = str(c.get("detail", "")).split(":")[0].strip()
            same = [j for j, x in enumerate(ids) if x == name]
            name = f"{name}@{case}" if case and len(case) <= 40 and case != c.get("detail") else f"{name}#{same.index(i) + 1}"
        out.append(name)
    seen: dict[str, int] = {}
    for i, n in enumerate(out):  # still repeated (two details alike): number them
        if out.count(n) > 1:
            seen[n] = seen.get(n, 0) + 1
            out[i] = f"{n}#{seen[n]}"
    return out


def deviation(c: dict) -> float:
    """(measured - expected) in units of the tolerance: for an inequality the tolerance is its
    statistical slack (`limen validate` JSON; its "margin" is measured - expected, not a width)."""
    width = c["tolerance"]
    if not width > 0:
        width = abs(c["expected"]) * 1e-12 or 1e-300
    return (c["measured"] - c["expected"]) / width


def _relative_panel(ax, rows: list[tuple[str, dict]]) -> None:
    for i, (name, c) in enumerate(rows):
        if kind(c) == "inequality":  # allowed: everything right of the bound minus its margin
            ax.barh(i, SPAN + 1.5, left=-1, height=0.62, color="#DDEEDD")
            ax.plot([-1, -1], [i - 0.31, i + 0.31], color="#4a4a4a", lw=1.2)
            ax.text(-1.08, i, "bound, >=", fontsize=LABEL_PT, va="center", ha="right", color="#4a4a4a")
        else:
            ax.barh(i, 2, left=-1, height=0.62, color="#DDDDDD")
        d = deviation(c)
        col = PASS if c["pass"] else FAIL
        if -SPAN <= d <= SPAN:
            ax.plot([d], [i], marker="o", ms=7, color=col, markeredgecolor="black", markeredgewidth=0.5)
        else:  # off the axis: an arrow at the edge, the value beside it
            edge = SPAN if d > 0 else -SPAN
            ax.plot([edge], [i], marker=">" if d > 0 else "<", ms=8, color=col)
            ax.text(edge - 0.12 if d > 0 else edge + 0.12, i, f"{d:.3g}", fontsize=LABEL_PT, va="center",
                    ha="right" if d > 0 else "left")
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlim(-SPAN - 0.2, SPAN + 0.5)
    ax.set_yticks(range(len(rows)), [n for n, _ in rows], fontsize=LABEL_PT)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("(measured - expected) / tolerance\n"
                  "grey: an equality's two-sided tolerance; green: the side a one-sided bound allows")


def _absolute_panel(ax, rows: list[tuple[str, dict]]) -> None:
    values = [abs(c["measured"]) for _, c in rows] + [c["tolerance"] for _, c in rows]
    positive = [v for v in values if v > 0]
    lo = min(positive) / 100 if positive else 1e-20
    hi = max(positive) * 100 if positive else 1.0
    for i, (name, c) in enumerate(rows):
        ax.barh(i, c["tolerance"] - lo, left=lo, height=0.62, color="#DDDDDD")
        m = abs(c["measured"] - c["expected"])
        col = PASS if c["pass"] else FAIL
        if m > 0:
            ax.plot([m], [i], marker="o", ms=7, color=col, markeredgecolor="black", markeredgewidth=0.5)
        else:
            ax.plot([lo], [i], marker="<", ms=8, color=col)
            ax.text(lo * 2, i, "exactly 0", fontsize=LABEL_PT, va="center")
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    ax.set_yticks(range(len(rows)), [n for n, _ in rows], fontsize=LABEL_PT)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("|measured - expected|, expected 0 (absolute, log scale; grey: up to the tolerance)")


def validation_figure(validation: dict, outdir: str) -> dict:
    plt = _plt()
    checks = validation["checks"]
    names = distinct_ids(checks)
    rel = [(n, c) for n, c in zip(names, checks) if kind(c) != "absolute"]
    ab = [(n, c) for n, c in zip(names, checks) if kind(c) == "absolute"]
    heights = [max(len(rel), 1) + 1.6, len(ab) + 1.6] if ab else [max(len(rel), 1) + 1.6]
    fig, axes = plt.subplots(len(heights), 1, figsize=(10, 0.3 * sum(heights) + 0.8), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    _relative_panel(axes[0][0], rel)
    if ab:
        _absolute_panel(axes[1][0], ab)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], ls="none", marker="o", ms=7, color=PASS, markeredgecolor="black", label="passes"),
               Line2D([], [], ls="none", marker="o", ms=7, color=FAIL, markeredgecolor="black", label="fails")]
    axes[0][0].legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False)
    axes[0][0].set_title(f"Validation: {validation.get('passed', 0)} passed, {validation.get('failed', 0)} failed",
                         loc="right")
    fig.tight_layout()
    return save(fig, outdir, "validation")
