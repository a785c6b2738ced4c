"""The figures of the limen report, drawn with matplotlib (Debian's python3-matplotlib). Each
function takes the report data (see limen.report) and writes NAME.png and NAME.svg in outdir."""
from __future__ import annotations

import os
from typing import Any

WALLS = [("compute_J", "compute"), ("memory_J", "memory"), ("update_J", "update"),
         ("consolidation_J", "consolidation")]
WALL_COLOURS = {"compute_J": "#4C72B0", "memory_J": "#DD8452", "update_J": "#C44E52", "consolidation_J": "#8172B3"}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"figure.dpi": 110, "savefig.dpi": 110, "font.size": 9, "svg.hashsalt": "limen",
                         "axes.grid": True, "grid.alpha": 0.3})
    return plt


def _save(fig, outdir: str, name: str) -> dict:
    png, svg = os.path.join(outdir, name + ".png"), os.path.join(outdir, name + ".svg")
    fig.savefig(png, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(svg, bbox_inches="tight", metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return {"png": name + ".png", "svg": name + ".svg"}


def _colour(i: int) -> str:
    palette = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C",
               "#CCB974", "#64B5CD", "#1B9E77", "#D95F02"]
    return palette[i % len(palette)]


def ladder_figure(ladder: dict, outdir: str) -> dict:
    """One bar per paradigm, its walls stacked, log energy axis (THEORY.md section 4)."""
    plt = _plt()
    paradigms = ladder["paradigms"]
    totals = [p["total_J"] for p in paradigms]
    positive = [t for t in totals if t > 0]
    floor = min(positive) / 30 if positive else 1e-30
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    seen = set()
    for i, p in enumerate(paradigms):
        bottom = 0.0
        for key, label in WALLS:
            e = p["walls"].get(key, 0.0)
            if e <= 0:
                continue
            lo = max(bottom, floor)
            ax.bar(i, bottom + e - lo, bottom=lo, color=WALL_COLOURS[key], width=0.7)
            seen.add(key)
            bottom += e
        ax.text(i, p["total_J"] * 1.4, f"{p['total_J']:.2g}", ha="center", va="bottom", fontsize=7)
    ax.set_yscale("log")
    ax.set_ylim(floor, max(totals) * 30)
    ax.set_xticks(range(len(paradigms)), [p["name"] for p in paradigms], rotation=35, ha="right")
    ax.set_ylabel("training energy (J)")
    ax.set_xlabel("paradigm")
    ax.set_title(f"Energy ladder: {ladder['workload']['name']}")
    from matplotlib.patches import Patch

    handles = [Patch(color=WALL_COLOURS[k], label=("compute" if k == "compute_J" else f"{label} wall"))
               for k, label in WALLS if k in seen]
    ax.legend(handles=handles, fontsize=7, loc="upper left")
    return _save(fig, outdir, "ladder")


def _series(doc: dict) -> tuple[list[float], dict[str, list[float]]]:
    xs = [pt["value"] for pt in doc["points"]]
    ys: dict[str, list[float]] = {}
    for pt in doc["points"]:
        for p in pt["paradigms"]:
            ys.setdefault(p["name"], []).append(p["total_J"])
    return xs, ys


def size_figure(size: dict, catalog: list, ladder: dict, outdir: str) -> dict:
    """Energy vs trained parameters N for every paradigm, the catalog's models marked."""
    plt = _plt()
    xs, ys = _series(size)
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    colours = {name: _colour(i) for i, name in enumerate(ys)}
    for name, y in ys.items():
        ax.plot(xs, y, color=colours[name], label=name, lw=1.4)
    groups: list[list[dict]] = []  # models whose N lie within a factor 1.6 share one label
    for m in sorted(catalog, key=lambda m: m["N"]):
        if groups and m["N"] < groups[-1][0]["N"] * 1.6:
            groups[-1].append(m)
        else:
            groups.append([m])
    for g in groups:
        # Rotated, so that neighbouring groups (GPT-3 ... PaLM span half a decade) do not collide.
        ax.text(g[0]["N"], 1.01, ", ".join(m["name"] for m in g), rotation=90, transform=ax.get_xaxis_transform(),
                fontsize=6.5, ha="center", va="bottom")
    for m in catalog:
        ax.axvline(m["N"], color="#999999", lw=0.6, ls=":")
        for p in m["paradigms"]:
            if p["name"] in colours:
                ax.plot([m["N"]], [p["total_J"]], marker="o", ms=3.5, color=colours[p["name"]], ls="none")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("trained parameters N")
    ax.set_ylabel("training energy (J)")
    ax.legend(fontsize=7, ncol=2, loc="upper left")
    return _save(fig, outdir, "size")


def time_figure(time: dict, tradeoff: dict | None, outdir: str) -> dict:
    """Energy vs wall-clock training time (ladder) and, given a tradeoff run, heat vs time per schedule."""
    plt = _plt()
    xs, ys = _series(time)
    panels = 2 if tradeoff else 1
    fig, axes = plt.subplots(1, panels, figsize=(8.5 if panels == 1 else 11, 4.4), squeeze=False)
    ax = axes[0][0]
    for i, (name, y) in enumerate(ys.items()):
        ax.plot([x / 86400 for x in xs], y, color=_colour(i), label=name, lw=1.4)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("training time T_train (days)")
    ax.set_ylabel("training energy (J)")
    ax.set_title("Ladder vs training time")
    ax.legend(fontsize=7, ncol=2)
    if tradeoff:
        ax = axes[0][1]
        by: dict[str, list] = {}
        for p in tradeoff.get("points", []):
            by.setdefault(p["schedule"], []).append(p)
        for i, (name, pts) in enumerate(sorted(by.items())):
            pts = sorted(pts, key=lambda q: q["train_time"])
            t = [q["train_time"] for q in pts]
            ax.plot(t, [q["heat_J"] for q in pts], color=_colour(i), lw=1.4, label=f"{name}: heat")
            for reached in (True, False):  # open markers: the run did not reach the target precision
                sel = [q for q in pts if bool(q.get("reached_target", True)) == reached]
                ax.plot([q["train_time"] for q in sel], [q["heat_J"] for q in sel], ls="none", marker="o", ms=4,
                        color=_colour(i), markerfacecolor=_colour(i) if reached else "white")
            ax.plot(t, [q["bound_J"] for q in pts], color=_colour(i), ls="--", lw=1, label=f"{name}: bound")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("training time (reduced units, tau_D)")
        ax.set_ylabel("heat (J)")
        ax.set_title("Training simulator: heat and bound vs time")
        ax.legend(fontsize=7)
    fig.tight_layout()
    return _save(fig, outdir, "time")


def validation_figure(validation: dict, outdir: str) -> dict:
    """Measured / expected for every check of THEORY.md section 7, the tolerance as a band."""
    plt = _plt()
    checks = validation["checks"]
    fig, ax = plt.subplots(figsize=(8.5, 0.9 + 0.32 * len(checks)))
    lo, hi = 0.5, 1.5
    for i, c in enumerate(checks):
        exp, meas, tol = c["expected"], c["measured"], c["tolerance"]
        scale = abs(exp) if exp != 0 else 1.0
        ratio = meas / exp if exp != 0 else 1.0 + meas
        rel_tol = tol / scale
        ax.barh(i, 2 * rel_tol, left=1 - rel_tol, height=0.6, color="#DDDDDD")
        colour = "#2CA02C" if c["pass"] else "#D62728"
        if lo <= ratio <= hi:
            ax.plot([ratio], [i], marker="o", color=colour)
        else:  # off the axis: an arrow at the edge, the value written beside it
            edge = hi if ratio > hi else lo
            ax.plot([edge], [i], marker=">" if ratio > hi else "<", color=colour)
            ax.text(edge - 0.01 if ratio > hi else edge + 0.01, i, f"{ratio:.3g}", fontsize=7, va="center",
                    ha="right" if ratio > hi else "left")
    ax.set_xlim(lo - 0.02, hi + 0.02)
    ax.axvline(1.0, color="black", lw=0.8)
    ax.set_yticks(range(len(checks)), [c["id"] for c in checks])
    ax.invert_yaxis()
    ax.set_xlabel("measured / expected (dimensionless; grey: the tolerance)")
    ax.set_title(f"Validation: {validation.get('passed', 0)} passed, {validation.get('failed', 0)} failed")
    return _save(fig, outdir, "validation")


def _read_steps(path: str) -> dict:
    import csv

    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    cols: dict[str, list[float]] = {}
    for r in rows:
        for k, v in r.items():
            try:
                cols.setdefault(k, []).append(float(v))
            except (TypeError, ValueError):
                cols.setdefault(k, []).append(float("nan"))
    return cols


def training_figure(train: dict, outdir: str) -> dict:
    """Loss and cumulative heat vs step of one training run (replica 0)."""
    plt = _plt()
    cols = _read_steps(train["steps_csv"])
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4.0))
    a1.plot(cols["step"], cols["loss"], color="#4C72B0")
    a1.set_yscale("log")
    a1.set_xlabel("update step")
    a1.set_ylabel("loss (model units)")
    a1.set_title("Loss")
    heat = cols.get("heat_kT", [])
    a2.plot(cols["step"], heat, color="#C44E52")
    a2.set_xlabel("update step")
    a2.set_ylabel("cumulative heat (kT)")
    a2.set_title("Heat")
    if any(h > 0 for h in heat):
        a2.set_yscale("log")
    fig.tight_layout()
    return _save(fig, outdir, "training")


def study_figure(study: dict, outdir: str) -> dict | None:
    """The first result column of a sweep against its widest numeric axis, one line per other setting."""
    plt = _plt()
    rows = [r for r in study["results"] if "result" in r]
    cols = study.get("columns", [])
    if not rows or not cols:
        return None
    keys = list(rows[0]["parameters"].keys())
    numeric = [k for k in keys if all(isinstance(r["parameters"].get(k), (int, float)) for r in rows)]
    if not numeric:
        return None
    axis = max(numeric, key=lambda k: len({r["parameters"][k] for r in rows}))
    others = [k for k in keys if k != axis]
    groups: dict[tuple, list] = {}
    for r in rows:
        groups.setdefault(tuple(str(r["parameters"].get(k)) for k in others), []).append(r)
    columns = cols[:4]
    ncols = min(2, len(columns))
    nrows = (len(columns) + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.5 * ncols, 3.9 * nrows), squeeze=False)
    for ax in axes.flat[len(columns):]:
        ax.set_visible(False)
    for ax, col in zip(axes.flat, columns):
        for i, (g, rs) in enumerate(list(groups.items())[:10]):
            rs = sorted(rs, key=lambda r: r["parameters"][axis])
            pts = [(r["parameters"][axis], flatten(r["result"]).get(col)) for r in rs]
            pts = [(x, y) for x, y in pts if isinstance(y, (int, float))]
            if pts:
                label = ", ".join(f"{k}={_short(v)}" for k, v in zip(others, g)) or None
                ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", ms=3, color=_colour(i), label=label)
        ax.set_xlabel(axis)
        ax.set_ylabel(col + (" (J)" if col.endswith("_J") else " (kT)" if col.endswith("_kT") else " (s)" if col.endswith("_s") else ""))
        ax.set_xscale("log" if all(r["parameters"][axis] > 0 for r in rows) else "linear")
        if all(isinstance(v, (int, float)) and v > 0 for r in rows for k, v in flatten(r["result"]).items() if k == col):
            ax.set_yscale("log")
        if groups and len(groups) > 1:
            ax.legend(fontsize=6)
    fig.tight_layout()
    return _save(fig, outdir, "study")


def _short(text: str) -> str:
    try:
        return f"{float(text):.3g}"
    except ValueError:
        return text


def flatten(doc: Any, path: str = "") -> dict:
    """Every leaf under its dotted path, as `limen sweep` names result columns (array elements by
    their name/id/paradigm field, else by position)."""
    out: dict[str, Any] = {}
    join = (lambda k: f"{path}.{k}" if path else str(k))
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.update(flatten(v, join(k)))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            name = next((v[k] for k in ("name", "id", "paradigm") if isinstance(v, dict) and isinstance(v.get(k), str)), str(i))
            out.update(flatten(v, join(name)))
    else:
        out[path] = doc
    return out


