"""The study figure (limen sweep): result columns against the study's widest numeric axis, one line
per setting of the other axes. Every group is drawn: over ten, the groups go to small multiples
(one panel per value of the first other axis, or per eight groups). Axis labels and legends are
written for people, with units, not as the raw JSON paths of results.json."""
from __future__ import annotations

from typing import Any

try:
    from .figures_common import LABEL_PT, duration_text, plt as _plt, save, style
except ImportError:  # run as a script from python/limen
    from figures_common import LABEL_PT, duration_text, plt as _plt, save, style  # type: ignore[no-redef]

MAX_LINES = 10
# Parameters (project flags, config keys) and result leaves: the words and unit people read.
PARAMETERS = {"params": ("parameters N", ""), "tokens": ("training samples D", ""), "flops": ("FLOPs F", ""),
              "bits": ("precision b", "bits"), "train-time": ("training time", "s"), "temperature": ("temperature", "K"),
              "batch": ("batch size B", ""), "mfu": ("MFU", ""), "pue": ("PUE", ""), "reuse": ("reuse", ""),
              "train.eta": ("learning rate eta", ""), "train.time": ("training time", "tau_D"),
              "train.steps": ("update steps", ""), "schedule.kind": ("barrier schedule", ""),
              "schedule.barrier": ("barrier E_b", "kT"), "memory.retention_barrier": ("retention barrier", "kT"),
              "memory.bits": ("precision b", "bits"), "model.parameters": ("parameters N", ""),
              "run.dt": ("time step dt", "tau_D"), "run.particles": ("particles", ""),
              "protocol.duration": ("protocol duration", "tau_D")}
UNITS = {"_J": "J", "_kT": "kT", "_s": "s", "_K": "K", "_W": "W", "_bits": "bits"}
WORDS = {"total": "total energy", "heat": "heat", "work": "work", "bound": "bound", "update": "update wall",
         "memory": "memory wall", "compute": "compute", "consolidation": "consolidation wall", "alpha": "heat / bound"}


def unit_of(path: str) -> str:
    leaf = path.split(".")[-1]
    return next((u for suffix, u in UNITS.items() if leaf.endswith(suffix)), "")


def human(path: str) -> str:
    """'paradigms.lim.walls.update_J' -> 'lim: update wall (J)'; 'train.eta' -> 'learning rate eta'."""
    if path in PARAMETERS:
        name, unit = PARAMETERS[path]
        return f"{name} ({unit})" if unit else name
    parts = path.split(".")
    leaf, unit = parts[-1], unit_of(path)
    stem = leaf[: -len(next(s for s in UNITS if leaf.endswith(s)))] if unit else leaf
    words = WORDS.get(stem, stem.replace("_", " "))
    owner = [p for p in parts[:-1] if p not in ("paradigms", "walls", "totals", "result", "summary")]
    text = (": ".join([".".join(owner), words]) if owner else words)
    return f"{text} ({unit})" if unit else text


def value_text(key: str, value: Any) -> str:
    """'train-time', 86400 -> 'training time 1 d'; 'bits', 32 -> 'precision b 32 bits'."""
    name, unit = PARAMETERS.get(key, (key, ""))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if unit == "s":
            return f"{name} {duration_text(float(value))}"
        v = f"{value:.3g}" if isinstance(value, float) else str(value)
        return f"{name} {v}{(' ' + unit) if unit else ''}"
    return f"{name} {value}"


def _facets(groups: dict, others: list[str]) -> list[tuple[str, list]]:
    """Groups into panels of at most MAX_LINES lines: by the first other axis if that does it,
    else in runs of eight."""
    items = list(groups.items())
    if len(items) <= MAX_LINES:
        return [("", items)]
    if len(others) >= 2:
        by: dict[Any, list] = {}
        for g, rows in items:
            by.setdefault(g[0], []).append((g, rows))
        if all(len(v) <= MAX_LINES for v in by.values()):
            return [(value_text(others[0], k), v) for k, v in by.items()]
    return [(f"groups {i + 1}-{min(i + 8, len(items))} of {len(items)}", items[i:i + 8]) for i in range(0, len(items), 8)]


def study_figure(study: dict, outdir: str, flatten=None) -> dict | None:
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
        groups.setdefault(tuple(r["parameters"].get(k) for k in others), []).append(r)
    facets = _facets(groups, others)
    columns = cols[:4]
    flat = [flatten(r["result"]) for r in rows]
    nr, nc = len(columns), len(facets)
    fig, axes = plt.subplots(nr, nc, figsize=(max(5.2 * nc, 7), 3.6 * nr + 0.8), squeeze=False, sharex=True)
    for ci, col in enumerate(columns):
        values = [f.get(col) for f in flat]
        log_y = all(isinstance(v, (int, float)) and v > 0 for v in values if v is not None)
        ref = _reference(facets, axis, col, flatten) if log_y else None
        first = _label(others, facets[0][1][0][0], bool(facets[0][0]))
        for fi, (title, items) in enumerate(facets):
            ax = axes[ci][fi]
            for li, (g, rs) in enumerate(items):
                rs = sorted(rs, key=lambda r: r["parameters"][axis])
                pts = [(r["parameters"][axis], flatten(r["result"]).get(col)) for r in rs]
                pts = [(x, y) for x, y in pts if isinstance(y, (int, float)) and not isinstance(y, bool)]
                if ref:
                    pts = [(x, y / ref[(fi, x)]) for x, y in pts if ref.get((fi, x), 0) > 0]
                label = _label(others, g, bool(title))
                ax.plot([x for x, _ in pts], [y for _, y in pts], label=label or "all points",
                        **style(li, len(pts), len(items)))
            if ref:  # the magnitude the ratios are taken against, so that it is not lost; room below for it
                lo, hi = ax.get_ylim()
                ax.set_ylim(lo - 0.2 * (hi - lo), hi)
                xs = sorted(x for (f, x) in ref if f == fi)
                unit = unit_of(col)
                ax.text(0.02, 0.03, f"{first}: {ref[(fi, xs[0])]:.3g} {unit} at {xs[0]:.3g} to "
                        f"{ref[(fi, xs[-1])]:.3g} {unit} at {xs[-1]:.3g}", transform=ax.transAxes, fontsize=LABEL_PT,
                        va="bottom", ha="left", bbox={"fc": "white", "ec": "none", "alpha": 0.8})
            ax.set_xscale("log" if all(r["parameters"][axis] > 0 for r in rows) else "linear")
            if log_y and not ref:
                ax.set_yscale("log")
            if ci == 0 and title:
                ax.set_title(title)
            if fi == 0:
                ax.set_ylabel(f"{human(col)}\nover its value at {first}" if ref else human(col))
            if ci == nr - 1:
                ax.set_xlabel(human(axis))
    if others:  # one legend per panel column: the groups it draws
        for fi in range(nc):
            axes[0][fi].legend(loc="best", fontsize=LABEL_PT)
    name = study.get("study", "")
    fig.suptitle(f"Study {name}: {len(rows)} points, {len(groups)} groups"
                 + (f" in {len(facets)} panels" if len(facets) > 1 else ""), fontsize=LABEL_PT + 3)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return save(fig, outdir, "study")


def _label(others: list[str], group: tuple, faceted: bool) -> str:
    """A group's legend text: its values of the other axes (the panel's own axis left out)."""
    return ", ".join(value_text(k, v) for k, v in zip(others, group) if not (faceted and k == others[0]))


def _reference(facets, axis, col, flatten):
    """When the groups of a panel lie within a factor 3 of one another while the column spans over
    two decades along the axis, a log axis would draw them as one line: each group is then drawn
    relative to the panel's first group at the same axis value. Returns {(panel, x): value} or None."""
    base, spread, span = {}, 1.0, 1.0
    for fi, (title, items) in enumerate(facets):
        at: dict = {}
        for g, rs in items:
            for r in rs:
                y = flatten(r["result"]).get(col)
                if isinstance(y, (int, float)) and not isinstance(y, bool) and y > 0:
                    at.setdefault(r["parameters"][axis], []).append(y)
        for x, ys in at.items():
            spread = max(spread, max(ys) / min(ys))
        firsts = [v for v in at.values()]
        if firsts:
            span = max(span, max(max(v) for v in firsts) / min(min(v) for v in firsts))
        g0, rs0 = items[0]
        for r in rs0:
            y = flatten(r["result"]).get(col)
            if isinstance(y, (int, float)) and not isinstance(y, bool) and y > 0:
                base[(fi, r["parameters"][axis])] = y
    if spread >= 3 or span < 100 or len(facets[0][1]) < 2:
        return None
    return base
