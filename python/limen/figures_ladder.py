"""The ladder figure: one row per paradigm, its total on a log scale (magnitude) beside its walls as
linear shares of that total (composition), THEORY.md section 4. A log-scale stack would make
segment heights lie (a wall of 10% of the total can span 1.5 decades), and walls under 1% would
never show; here every wall's share is drawn to scale and each wall under 1% is written out."""
from __future__ import annotations

try:
    from .figures_common import LABEL_PT, plt as _plt, save
except ImportError:  # run as a script from python/limen
    from figures_common import LABEL_PT, plt as _plt, save  # type: ignore[no-redef]

WALLS = [("compute_J", "compute"), ("memory_J", "memory"), ("update_J", "update"),
         ("consolidation_J", "consolidation")]
WALL_COLOURS = {"compute_J": "#4C72B0", "memory_J": "#DD8452", "update_J": "#C44E52", "consolidation_J": "#8172B3"}
WALL_HATCH = {"compute_J": "", "memory_J": "//", "update_J": "..", "consolidation_J": "xx"}
BOARD = "#A0A0A0"  # hw: a chip's board energy, one number, not a wall
LABEL_IN = 0.08  # shares of 8% or more are written on the bar; smaller ones beside it


def _percent(share: float) -> str:
    return f"{100 * share:.2g}%" if share >= 1e-4 else f"{100 * share:.1e}%"


def ladder_figure(ladder: dict, outdir: str) -> dict:
    plt = _plt()
    paradigms = ladder["paradigms"]
    n = len(paradigms)
    totals = [p["total_J"] for p in paradigms]
    positive = [t for t in totals if t > 0]
    lo = min(positive) / 10 if positive else 1e-30
    hi = max(positive) * 1e3 if positive else 1.0
    fig, (ax_t, ax_s) = plt.subplots(1, 2, figsize=(12, 1.4 + 0.42 * n), sharey=True,
                                     gridspec_kw={"width_ratios": [1, 1.35], "wspace": 0.05})
    rows = list(range(n))
    # Magnitude: the total on a log axis, its value written at the bar's end.
    for i, p in enumerate(paradigms):
        t = p["total_J"]
        if t > 0:
            ax_t.barh(i, t - lo, left=lo, height=0.6, color="#777777")
            ax_t.text(t * 1.3, i, f"{t:.3g}", va="center", ha="left", fontsize=LABEL_PT)
        else:
            ax_t.text(lo * 1.3, i, "0 J", va="center", ha="left", fontsize=LABEL_PT)
    ax_t.set_xscale("log")
    ax_t.set_xlim(lo, hi)
    ax_t.set_yticks(rows, [p["name"] for p in paradigms], fontsize=LABEL_PT + 1)
    ax_t.invert_yaxis()
    ax_t.set_xlabel("total training energy (J), log scale")
    ax_t.set_title("Total (magnitude)")
    # Composition: each wall's share of the paradigm's total, linear, to scale.
    seen = set()
    for i, p in enumerate(paradigms):
        walls = [(k, p["walls"].get(k, 0.0)) for k, _ in WALLS]
        total = sum(e for _, e in walls if e > 0)
        if total <= 0:
            continue
        left, small = 0.0, []
        board = p["name"].startswith("hw:")
        for k, e in walls:
            if e <= 0:
                continue
            share = e / total
            ax_s.barh(i, share, left=left, height=0.6, color=BOARD if board else WALL_COLOURS[k],
                      hatch="" if board else WALL_HATCH[k], edgecolor="white", lw=0.5)
            seen.add("board" if board else k)
            if board:
                pass
            elif share >= LABEL_IN:
                ax_s.text(left + share / 2, i, f"{100 * share:.0f}%", va="center", ha="center", fontsize=LABEL_PT,
                          bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
            else:
                small.append(f"{dict(WALLS)[k]} {_percent(share)}")
            left += share
        if small:  # walls too thin to label on the bar: named with their share past the bar's end
            ax_s.text(1.01, i, ", ".join(small), va="center", ha="left", fontsize=LABEL_PT)
        if board:
            ax_s.text(0.5, i, "board energy, not separable into walls", va="center", ha="center", fontsize=LABEL_PT,
                      bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    ax_s.set_xlim(0, 1)
    ax_s.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0", "25%", "50%", "75%", "100%"])
    ax_s.set_xlabel("share of the paradigm's total (linear)")
    ax_s.set_title("Walls (composition); shares under 8% written at the right")
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=WALL_COLOURS[k], hatch=WALL_HATCH[k], edgecolor="white",
                     label="compute" if k == "compute_J" else f"{label} wall") for k, label in WALLS if k in seen]
    if "board" in seen:
        handles.append(Patch(facecolor=BOARD, label="board energy (hw:)"))
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.995), ncol=len(handles), frameon=False)
    fig.suptitle(f"Energy ladder: {ladder['workload']['name']}", fontsize=LABEL_PT + 3, y=1.06)
    return save(fig, outdir, "ladder")
