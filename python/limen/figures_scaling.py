"""The figures of how the ladder moves: energy vs model size N (catalog models named with leader
lines) and energy vs training time (with the training simulator's heat vs time when given)."""
from __future__ import annotations

import math

try:
    from .figures_common import LABEL_PT, duration_text, plt as _plt, save, style
except ImportError:  # run as a script from python/limen
    from figures_common import LABEL_PT, duration_text, plt as _plt, save, style  # type: ignore[no-redef]


def _series(doc: dict) -> tuple[list[float], dict[str, list[float]]]:
    xs = [pt["value"] for pt in doc["points"]]
    ys: dict[str, list[float]] = {}
    for pt in doc["points"]:
        for p in pt["paradigms"]:
            ys.setdefault(p["name"], []).append(p["total_J"])
    return xs, ys


def _spread(targets: list[float], gap: float, lo: float = 0.0, hi: float = 1.0) -> list[float]:
    """Label positions near `targets` (sorted, axis fractions) at least `gap` apart, inside [lo, hi]."""
    pos = list(targets)
    for _ in range(200):
        moved = False
        for i in range(1, len(pos)):
            if pos[i] - pos[i - 1] < gap:
                mid, push = (pos[i] + pos[i - 1]) / 2, gap / 2
                pos[i - 1], pos[i] = mid - push, mid + push
                moved = True
        if pos and pos[0] < lo:
            pos = [p + lo - pos[0] for p in pos]
        if pos and pos[-1] > hi:
            pos = [p - (pos[-1] - hi) for p in pos]
        if not moved:
            break
    return pos


def size_figure(size: dict, catalog: list, ladder: dict, outdir: str) -> dict:
    """Energy vs trained parameters N for every paradigm (top) and relative to lim (bottom, where
    lines that coincide on the top panel separate); the catalog's models as dots, named above."""
    plt = _plt()
    xs, ys = _series(size)
    names = list(ys)
    fig, (ax_lab, ax, ax_r) = plt.subplots(3, 1, figsize=(10, 9.2), sharex=True,
                                           gridspec_kw={"height_ratios": [0.55, 3, 1.6], "hspace": 0.06})
    styles = {name: style(i, len(xs), len(names)) for i, name in enumerate(names)}
    for name in names:
        ax.plot(xs, ys[name], label=name, **styles[name])
    # Bottom: the physics paradigms (which crowd together on the top panel) over lim, each named
    # at the right with its ratio at the largest N; accelerators and nodes are apart already.
    lim = ys.get("lim")
    physics = [n for n in names if not n.startswith(("hw:", "tech:"))]
    if lim and len(physics) > 1:
        ends = []
        for name in physics:
            ratio = [y / l if l > 0 and y > 0 else float("nan") for y, l in zip(ys[name], lim)]
            ax_r.plot(xs, ratio, **styles[name])
            ends.append((ratio[-1], name))
        finite = [r for r, _ in ends if r == r and r > 0]
        top = max(finite) if finite else 2.0
        ax_r.set_ylim(0, top * 1.15)
        ends.sort()
        spots = _spread([r / (top * 1.15) for r, _ in ends], 0.13, 0.03, 0.97)
        for (r, name), y in zip(ends, spots):
            ax_r.annotate(f"{name} {r:.4g}x", xy=(1.0, r / (top * 1.15)), xycoords="axes fraction", xytext=(1.02, y),
                          textcoords="axes fraction", va="center", fontsize=LABEL_PT, color=styles[name]["color"],
                          arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6})
        ax_r.set_ylabel("energy / lim's (linear)")
    else:
        ax_r.set_visible(False)
    # The catalog's models at their own N, D and F: one dot per paradigm, in the paradigm's colour.
    for m in catalog:
        for p in m["paradigms"]:
            if p["name"] in styles and p["total_J"] > 0:
                ax.plot([m["N"]], [p["total_J"]], ls="none", marker="o", ms=6, color=styles[p["name"]]["color"],
                        markeredgecolor="black", markeredgewidth=0.7, zorder=3)
        for a in (ax, ax_r):
            a.axvline(m["N"], color="#999999", lw=0.7, ls=":")
    ax.plot([], [], ls="none", marker="o", ms=6, color="#bbbbbb", markeredgecolor="black", markeredgewidth=0.7,
            label="catalog model at its own N, D, F\n(colour: paradigm)")
    for a in (ax, ax_lab, ax_r):
        a.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylabel("training energy (J)")
    ax_r.set_xlabel("trained parameters N")
    ax.legend(loc="upper left", ncol=2)
    # Model names, 9 pt or more, never merged: spread along the strip above, with leader lines.
    ax_lab.axis("off")
    lo, hi = (min(xs), max(xs)) if xs else (1.0, 10.0)
    ax.set_xlim(lo, hi)
    frac = lambda n: (math.log10(n) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    models = sorted(catalog, key=lambda m: m["N"])
    targets = [frac(m["N"]) for m in models]
    labels = _spread(targets, 0.045)
    for m, t, x in zip(models, targets, labels):
        ax_lab.annotate(m["name"], xy=(t, 0.0), xycoords="axes fraction", xytext=(x, 0.32), textcoords="axes fraction",
                        rotation=35, ha="left", va="bottom", fontsize=LABEL_PT + 1,
                        arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.7, "shrinkA": 0, "shrinkB": 0})
    ax_lab.set_title(f"Energy vs model size: {ladder['workload']['name']} with N varied", pad=40)
    return save(fig, outdir, "size")


def _time_dependence(xs: list[float], ys: dict[str, list[float]]) -> tuple[dict, list[str]]:
    """Each paradigm's energy relative to its value at the longest time; those that do not depend
    on the training time (accelerators, process nodes) are listed, not drawn one over another."""
    moving, flat = {}, []
    for name, y in ys.items():
        ref = y[-1]
        r = [v / ref if ref > 0 else float("nan") for v in y]
        if all(abs(v - 1) < 1e-9 for v in r if v == v):
            flat.append(name)
        else:
            moving[name] = r
    return moving, flat


def time_figure(time: dict, tradeoff: dict | None, outdir: str) -> dict:
    """The ladder's dependence on the wall-clock training time (finite-time cost, THEORY 3.2) as a
    ratio to the slowest time, and given a tradeoff run, the simulator's heat and bound vs time."""
    plt = _plt()
    xs, ys = _series(time)
    panels = 2 if tradeoff else 1
    fig, axes = plt.subplots(1, panels, figsize=(8.5 if panels == 1 else 14, 5.0), squeeze=False)
    ax = axes[0][0]
    days = [x / 86400 for x in xs]
    moving, flat = _time_dependence(xs, ys)
    for i, (name, r) in enumerate(moving.items()):
        ax.plot(days, r, label=name, **style(i, len(xs), len(moving)))
    if flat:
        ax.axhline(1.0, color="#555555", lw=1.2, ls=(0, (1, 2)),
                   label="no dependence on T:\n" + _wrap(", ".join(flat), 34))
    ax.set_xscale("log")
    finite = [v for r in moving.values() for v in r if v == v and v > 0]
    if finite and max(finite) / min(finite) > 20:
        ax.set_yscale("log")
    ax.set_xlabel("training time T_train (days)")
    ax.set_ylabel(f"energy / energy at T = {duration_text(xs[-1])}" if xs else "energy ratio")
    ax.set_title("How much training faster costs (ladder)")
    ax.legend(loc="upper right")
    if tradeoff:
        _tradeoff_panel(axes[0][1], tradeoff)
    fig.tight_layout()
    return save(fig, outdir, "time")


def _wrap(text: str, width: int) -> str:
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(out + [line])


def _tradeoff_panel(ax, tradeoff: dict) -> None:
    """Heat (solid, markers) and the section 5 bound (dashed) per schedule. Bounds <= 0 cannot sit
    on a log axis: they are left out and said so, never drawn as drops to the axis floor."""
    by: dict[str, list] = {}
    for p in tradeoff.get("points", []):
        by.setdefault(p["schedule"], []).append(p)
    masked = []
    for i, (name, pts) in enumerate(sorted(by.items())):
        pts = sorted(pts, key=lambda q: q["train_time"])
        s = style(i)
        heat = [q for q in pts if q["heat_J"] > 0]
        ax.plot([q["train_time"] for q in heat], [q["heat_J"] for q in heat], color=s["color"], ls="-", lw=1.5,
                marker=s["marker"], ms=6, label=f"{name}: heat")
        missed = [q for q in heat if not q.get("reached_target", True)]  # open: the target was not reached
        ax.plot([q["train_time"] for q in missed], [q["heat_J"] for q in missed], ls="none", marker=s["marker"], ms=6,
                color=s["color"], markerfacecolor="white")
        bound = [(q["train_time"], q["bound_J"]) for q in pts]
        ax.plot([t for t, b in bound if b > 0], [b for t, b in bound if b > 0], color=s["color"], ls="--", lw=1.2,
                label=f"{name}: bound")
        for what, values in (("bound", bound), ("heat", [(q["train_time"], q["heat_J"]) for q in pts])):
            left_out = [f"{t:.3g}" for t, v in values if not v > 0]
            if left_out:
                masked.append(f"{name} {what} at t = {', '.join(left_out)}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("training time (reduced units of tau_D)")
    ax.set_ylabel("heat and its bound (J)")
    ax.set_title("Training simulator: heat and bound vs time")
    if masked:  # under the panel, not over the lines
        ax.text(0.0, -0.16, _wrap("Values <= 0, not drawn on the log axis: " + "; ".join(masked), 80),
                transform=ax.transAxes, fontsize=LABEL_PT, va="top", ha="left", color="#444444")
    ax.plot([], [], ls="none", marker="o", ms=6, color="#777777", markerfacecolor="white", label="target not reached")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
