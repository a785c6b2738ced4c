"""What the report's figures share: matplotlib set up for files (Agg), saving PNG + SVG, and a
style per series (colour, marker, line style) so that no two series look alike even in grey or
where their lines coincide. Font sizes: at least 9 pt for every label a reader must read."""
from __future__ import annotations

import os

PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C",
           "#CCB974", "#64B5CD", "#1B9E77", "#D95F02"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "<", ">", "h", "*", "p"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1))]
LABEL_PT = 9    # the smallest text a reader must read (model names, legends, tick labels)


def plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    pyplot.rcParams.update({"figure.dpi": 110, "savefig.dpi": 110, "font.size": LABEL_PT + 1, "svg.hashsalt": "limen",
                            "axes.grid": True, "grid.alpha": 0.3, "legend.fontsize": LABEL_PT,
                            "xtick.labelsize": LABEL_PT, "ytick.labelsize": LABEL_PT, "axes.titlesize": LABEL_PT + 2})
    return pyplot


def save(fig, outdir: str, name: str) -> dict:
    png, svg = os.path.join(outdir, name + ".png"), os.path.join(outdir, name + ".svg")
    fig.savefig(png, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(svg, bbox_inches="tight", metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as pyplot

    pyplot.close(fig)
    return {"png": name + ".png", "svg": name + ".svg"}


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def style(i: int, n_points: int = 0, n_series: int = 1) -> dict:
    """The i-th of n_series line styles: colour, marker, dash pattern, and markers at staggered
    points (markevery offset by i), so that coinciding lines still show every series."""
    s = {"color": colour(i), "marker": MARKERS[i % len(MARKERS)], "ls": LINESTYLES[i % len(LINESTYLES)],
         "ms": 5, "lw": 1.5, "markerfacecolor": "white" if (i // len(PALETTE)) % 2 else colour(i)}
    step = max(n_points // 6, 2) if n_points > 12 else min(n_series, n_points // 2)
    if step >= 2:
        s["markevery"] = (i % step, step)
    return s


def energy_text(joules: float) -> str:
    return f"{joules:.3g} J"


def duration_text(seconds: float) -> str:
    for unit, s in (("y", 3.15576e7), ("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)):
        if abs(seconds) >= s:
            return f"{seconds / s:.3g} {unit}"
    return f"{seconds:.3g} s"
