"""The figures of the limen report, drawn with matplotlib (Debian's python3-matplotlib). Each
function takes the report data (see limen.report) and writes NAME.png and NAME.svg in outdir.
The figures live one family per module (figures_ladder, figures_scaling, figures_checks,
figures_study, figures_cnn); this module is their one entry point."""
from __future__ import annotations

from typing import Any

try:
    from .figures_checks import validation_figure
    from .figures_cnn import cnn_figure
    from .figures_common import plt as _plt, save as _save
    from .figures_ladder import WALL_COLOURS, WALLS, ladder_figure
    from .figures_scaling import size_figure, time_figure
    from . import figures_study
except ImportError:  # run as a script: python3 python/limen/report.py DATA.json OUTDIR
    from figures_checks import validation_figure  # type: ignore[no-redef]
    from figures_cnn import cnn_figure  # type: ignore[no-redef]
    from figures_common import plt as _plt, save as _save  # type: ignore[no-redef]
    from figures_ladder import WALL_COLOURS, WALLS, ladder_figure  # type: ignore[no-redef]
    from figures_scaling import size_figure, time_figure  # type: ignore[no-redef]
    import figures_study  # type: ignore[no-redef]

__all__ = ["WALLS", "WALL_COLOURS", "ladder_figure", "size_figure", "time_figure", "validation_figure",
           "training_figure", "study_figure", "cnn_figure", "flatten"]


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
    """A sweep's result columns against its widest numeric axis (see figures_study)."""
    return figures_study.study_figure(study, outdir, flatten)


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
