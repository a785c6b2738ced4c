"""The report's CNN device comparison (issue 11, examples/torch/cnn_devices.py): test accuracy
against the energy of the memory over training, log x. Two different quantities share the axis and
are told apart by the marker's shape: the heat of a barrier memory (Sekimoto, THEORY 5.3; triangle)
and a device's energy from its catalog figures (pulses and reads; circle). The THEORY 5.6 bound of
the same run is a hollow marker of the memory's colour joined to it, where it is positive; a bound
<= 0 (E/bound undefined), a memory without an energy model (0 J) and a refused memory cannot sit on
a log axis and are written under the plot instead."""
from __future__ import annotations

import math

try:
    from .figures_common import LABEL_PT, colour, plt as _plt, save
except ImportError:  # run as a script: python3 python/limen/report.py DATA.json OUTDIR
    from figures_common import LABEL_PT, colour, plt as _plt, save  # type: ignore[no-redef]

SHAPE = {"heat": "^", "device": "o"}
QUANTITY = {"heat": "heat of a barrier memory (Sekimoto)", "device": "device energy (catalog pulse + read figures)"}


def kind(result: dict) -> str:
    """"heat" or "device": what the energy_J of a result measures."""
    return "heat" if str(result.get("energy_kind", "")).startswith("heat") else "device"


def placed(results: list[dict]) -> list[tuple[int, dict]]:
    """The results drawn on the log axis, numbered for their colour: not refused, energy > 0."""
    return list(enumerate(r for r in results if "refused" not in r and (r.get("energy_J") or 0) > 0))


def _label_offsets(points: list[tuple[float, float]], half_widths: list[float] | None = None) -> list[float]:
    """Vertical label offsets (points) so that a marker's name clears its neighbours: on the side
    away from markers within half a decade and 0.05 in accuracy when they all lie on one side (else
    alternately above and below), then further out while it would overlap a label already placed
    at that offset (names centred on their markers, half_widths in decades of the axis)."""
    half = half_widths or [0.85] * len(points)
    offsets: list[float] = []
    for k, (e, a) in enumerate(points):
        near = [(e2, a2) for j, (e2, a2) in enumerate(points) if j != k and abs(math.log10(e / e2)) < 0.5 and abs(a - a2) < 0.05]
        higher = any(a2 > a for _, a2 in near)
        lower = any(a2 <= a for _, a2 in near)
        if higher and not lower:
            dy = -20.0
        elif lower and not higher:
            dy = 9.0
        else:
            rank = sum(1 for p2 in points[:k] if p2 in near)
            dy = (1 if rank % 2 == 0 else -1) * (9 + 11 * (rank // 2 + (rank % 2)))
        while any(abs(math.log10(e / e2)) < half[k] + half[j] + 0.1 and abs(a - a2) < 0.05 and d2 == dy
                  for j, ((e2, a2), d2) in enumerate(zip(points[:k], offsets))):
            dy += 11.0 if dy > 0 else -11.0
        offsets.append(dy)
    return offsets


def cnn_figure(cnn: dict, outdir: str, name: str = "cnn") -> dict:
    plt = _plt()
    from matplotlib.lines import Line2D

    results = cnn["results"]
    drawn = placed(results)
    notes = off_axis_notes(results)
    fig, ax = plt.subplots(figsize=(12, 6.0 + 0.2 * len(notes)))
    # Fixed margins (no tight_layout): the legends sit right of the axes, the notes under them.
    fig.subplots_adjust(left=0.07, right=0.64, top=0.94, bottom=0.1 + 0.03 * len(notes))
    xs = []
    points = [(r["energy_J"], r["test_accuracy"]) for _, r in drawn]
    # The axis spans the data and a decade each side (set_xlim below), over ~57% of 12 inches at 100
    # dpi; a label character is ~6 px wide: a name's half width in decades.
    ends = [e for e, _ in points] + [r["bound_J"] for _, r in drawn if (r.get("bound_J") or 0) > 0]
    span = (math.ceil(math.log10(max(ends))) - math.floor(math.log10(min(ends))) + 2) if ends else 1
    half = [0.5 * len(r["memory"]) * 6 * span / 684 for _, r in drawn]
    for (i, r), dy in zip(drawn, _label_offsets(points, half)):
        e, acc, k = r["energy_J"], r["test_accuracy"], kind(r)
        ax.plot([e], [acc], ls="none", marker=SHAPE[k], ms=11, color=colour(i), mec="black", mew=0.8,
                label=f"{r['memory']}: {k} {e:.2g} J", zorder=3)
        xs.append(e)
        text = r["memory"]
        b = r.get("bound_J")
        if b is not None and b > 0:
            ax.plot([b, e], [acc, acc], ls=":", color=colour(i), lw=1.2, zorder=2)
            ax.plot([b], [acc], ls="none", marker=SHAPE[k], ms=11, mfc="white", mec=colour(i), mew=1.8, zorder=3)
            xs.append(b)
            text += f"  (E/bound {e / b:.2g})"
        ax.annotate(text, (e, acc), xytext=(0, dy), textcoords="offset points", ha="center",
                    va="bottom" if dy > 0 else "top", fontsize=LABEL_PT, color="black")
    ideal = [r for r in results if "refused" not in r and not (r.get("energy_J") or 0) > 0]
    for r in ideal:
        ax.axhline(r["test_accuracy"], color="#555555", ls="--", lw=1)
        ax.annotate(f"{r['memory']}: {r['test_accuracy']:.3f} at 0 J (no energy model)", (0.01, r["test_accuracy"]),
                    xycoords=("axes fraction", "data"), xytext=(0, 3), textcoords="offset points", fontsize=LABEL_PT,
                    color="#333333", va="bottom")
    if cnn.get("classes"):
        chance = 1.0 / cnn["classes"]
        ax.axhline(chance, color="#999999", ls=":", lw=1)
        ax.annotate(f"chance ({cnn['classes']} classes)", (0.99, chance), xycoords=("axes fraction", "data"),
                    xytext=(0, 3), textcoords="offset points", ha="right", fontsize=LABEL_PT, color="#555555")
    ax.set_xscale("log")
    if xs:
        lo, hi = math.floor(math.log10(min(xs))) - 1, math.ceil(math.log10(max(xs))) + 1
        ax.set_xlim(10.0 ** lo, 10.0 ** hi)
    ax.set_ylim(0, 1.04)
    ax.set_xlabel("energy of the memory over training (J, log scale); marker shape: heat or device energy")
    ax.set_ylabel("test accuracy")
    ax.set_title(cnn.get("title", "CNN on digits through limen.torch"))
    kinds = [Line2D([], [], ls="none", marker=SHAPE[k], ms=10, color="#777777", mec="black", label=QUANTITY[k])
             for k in ("heat", "device")]
    kinds.append(Line2D([], [], ls=":", marker="^", ms=10, mfc="white", mec="#777777", color="#777777",
                        label="hollow: THEORY 5.6 bound of the same run (where > 0)"))
    # Both legends outside the axes, so that they never hide a point; the memories' legend is the
    # figure's, so that the saved bounding box holds both.
    ax.legend(handles=kinds, loc="lower left", bbox_to_anchor=(1.01, 0.0), title="marker shape = quantity",
              title_fontsize=LABEL_PT, borderaxespad=0)
    if drawn:
        handles, labels = ax.get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), bbox_transform=ax.transAxes,
                   title="memory", title_fontsize=LABEL_PT, borderaxespad=0)
    if notes:
        fig.text(0.01, 0.01, "\n".join(notes), ha="left", va="bottom", fontsize=LABEL_PT)
    return save(fig, outdir, name)


def off_axis_notes(results: list[dict]) -> list[str]:
    """What the log axis cannot show, one line each: bounds <= 0 and refused memories."""
    notes = []
    undefined = [r["memory"] for r in results if "refused" not in r and not ((r.get("bound_J") or 0) > 0)]
    if undefined:
        notes.append("Bound <= 0, E/bound undefined (not drawn): " + ", ".join(undefined)
                     + " (the table's note says why).")
    for r in results:
        if "refused" in r:
            reason = r["refused"] if len(r["refused"]) <= 110 else r["refused"][:107] + "..."
            notes.append(f"Refused: {r['memory']}: {reason}")
    return notes
