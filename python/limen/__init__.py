"""limen: the energy of learning in physical memories, from Python.

Every function calls the same library function as the matching ``limen`` command and returns
what that command prints with ``--format json``, as Python dicts (lists of numbers become NumPy
arrays where noted). Bad input raises ``ValueError`` with the CLI's one-line message; a run that
cannot go on (a diverging loss) raises ``RuntimeError``.

>>> import limen
>>> ladder = limen.project("brain-scale")
>>> {p["name"]: p["total_J"] for p in ladder["paradigms"]}["lim"]   # about 1.7e8 J

Build: ``scripts/setup.sh`` (or cmake with -DPython3_EXECUTABLE=/usr/bin/python3), then
``PYTHONPATH=build/python /usr/bin/python3``. Use Debian's interpreter, which sees
python3-numpy and python3-matplotlib; a pyenv/conda ``python3`` on PATH will not load the module.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from typing import Any, Iterable, Mapping

from . import _limen

__all__ = ["project", "totals", "project_flags", "catalog", "workloads", "simulate", "validate", "train",
           "tradeoff", "sweep", "report", "constants"]
__version__ = "0.1.0"


def _flag_text(value: Any) -> str:
    """A Python value as the text of a CLI flag: numbers as text, lists comma-joined."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if hasattr(value, "tolist"):  # NumPy scalars and arrays
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return ",".join(_flag_text(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _flags(kwargs: Mapping[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, value in kwargs.items():
        if value is None:
            continue
        name = key.replace("_", "-")
        if name == "catalog" and isinstance(value, (list, tuple)):  # repeatable flag
            out.extend((name, _flag_text(v)) for v in value)
        else:
            out.append((name, _flag_text(value)))
    return out


def project(model: str | None = "brain-scale", **flags: Any) -> dict:
    """The energy ladder of a training workload: ``limen project --format json`` as a dict.

    ``model`` is a catalog workload (``limen.workloads()``), ``None`` for a workload given only
    by flags (``params=..., tokens=...``, as ``limen project`` without ``--model``); every other keyword is a flag of
    ``limen project`` with underscores for dashes: ``train_time="30d"``, ``params=1e15``,
    ``paradigm=["lim", "cim"]`` (lists are comma-joined), ``vary="bits=8:64:4"``.
    The totals are in ``result["paradigms"][i]["total_J"]`` (joules; THEORY.md section 4).
    """
    if not getattr(_limen, "has_project", False):
        raise RuntimeError("this build of limen has no project engine")
    pairs = ([("model", model)] if model is not None else []) + _flags(flags)
    return json.loads(_limen.project_json(pairs))


def totals(doc: dict, wall: str = "total_J") -> dict:
    """The energies of a ``project`` document by paradigm (joules).

    For a single ladder: ``{paradigm: energy}``. For a ``vary`` document: ``{"vary": flag name,
    "value": NumPy array of the varied values, paradigm: NumPy array of energies}``, ready to plot.
    ``wall`` picks ``total_J`` or one wall (``compute_J``, ``memory_J``, ``update_J``,
    ``consolidation_J``).
    """
    def pick(p: dict) -> float:
        return p[wall] if wall in p else p["walls"][wall]

    if "points" not in doc:
        return {p["name"]: pick(p) for p in doc["paradigms"]}
    import numpy as np

    out: dict[str, Any] = {"vary": doc["vary"]["name"], "value": np.array([pt["value"] for pt in doc["points"]])}
    for name in (p["name"] for p in doc["points"][0]["paradigms"]):
        out[name] = np.array([pick(next(p for p in pt["paradigms"] if p["name"] == name)) for pt in doc["points"]])
    return out


def project_flags() -> list[dict]:
    """Every flag of ``limen project``: name, help, default, numeric (may be used with vary)."""
    return _limen.project_flags()


def catalog() -> dict:
    """The built-in catalog: models, accelerators, nodes, memories, each with its source."""
    return json.loads(_limen.catalog_json())


def workloads() -> dict:
    """The catalog's training workloads (THEORY.md section 8): name -> params, tokens, flops, source."""
    return catalog()["models"]


def constants() -> dict:
    """k_B (J/K), kT at 300 K (J), ln 2 and the default device time tau_0 (s)."""
    return _limen.constants()


def _plain(value: Any) -> Any:
    """NumPy arrays and scalars inside a config -> lists and numbers."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _config(config: Any) -> tuple[str, str, str]:
    """A config as (text, kind, source): a dict, TOML text, or the path of a TOML file."""
    if isinstance(config, Mapping):
        return json.dumps(_plain(config)), "json", "<dict>"
    if isinstance(config, os.PathLike) or (isinstance(config, str) and "\n" not in config and "=" not in config):
        path = os.fspath(config)
        try:
            with open(path, encoding="utf-8") as f:
                return f.read(), "toml", path
        except OSError as e:
            raise ValueError(f"{path}: cannot open the file ({e.strerror})") from None
    if isinstance(config, str):
        return config, "toml", "<string>"
    raise TypeError("config must be a dict, TOML text or a file path")


def _read_csv(path: str) -> dict:
    """A CSV with a header as a dict of NumPy arrays (numeric columns) or lists (text columns)."""
    import numpy as np

    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        return {}
    header, body = rows[0], rows[1:]
    out: dict[str, Any] = {}
    for j, name in enumerate(header):
        column = [r[j] if j < len(r) else "" for r in body]
        try:
            out[name] = np.array([float(v) for v in column])
        except ValueError:
            out[name] = column
    return out


def simulate(config: Any, *, threads: int = 0, trajectories: bool = False) -> dict:
    """Runs the ensemble (or Fokker-Planck solver) a simulate config describes (THEORY.md section 6).

    ``config``: a dict (same tables and keys as the TOML file), TOML text or a file path.
    With ``trajectories=True`` the per-particle results come back as NumPy arrays in
    ``result["trajectories"]`` (one array per column of ``limen simulate --trajectories``).
    """
    text, kind, source = _config(config)
    with tempfile.TemporaryDirectory(prefix="limen-") as tmp:
        csv_path = os.path.join(tmp, "trajectories.csv") if trajectories else ""
        result = json.loads(_limen.simulate_json(text, kind, source, int(threads), csv_path))
        if trajectories and os.path.exists(csv_path):
            result["trajectories"] = _read_csv(csv_path)
    return result


def validate(level: str = "quick", *, threads: int = 0) -> dict:
    """The checks of THEORY.md section 7 (``limen validate``): measured vs expected with tolerances."""
    return json.loads(_limen.validate_json(level, int(threads)))


def train(config: Any, *, threads: int = 0, steps: bool = True) -> dict:
    """Trains the model a train config describes in simulated memories (THEORY.md section 5).

    Returns ``limen train --format json`` as a dict; with ``steps=True`` the per-step record of
    replica 0 (step, time, loss, barrier_kT, drive, cumulative heat_kT: the CLI's ``--steps-csv``)
    is added as NumPy arrays in ``result["records"]``.
    """
    text, kind, source = _config(config)
    with tempfile.TemporaryDirectory(prefix="limen-") as tmp:
        csv_path = os.path.join(tmp, "steps.csv") if steps else ""
        result = json.loads(_limen.train_json(text, kind, source, int(threads), csv_path))
        if steps and os.path.exists(csv_path):
            result["records"] = _read_csv(csv_path)
    return result


def tradeoff(config: Any, *, train_time: str = "", schedules: Iterable[str] = ()) -> dict:
    """Heat vs training time for each schedule (``limen tradeoff``): the speed trade-off of THEORY.md section 5."""
    text, kind, source = _config(config)
    return json.loads(_limen.tradeoff_json(text, kind, source, train_time, list(schedules)))


def sweep(study: str | os.PathLike, output: str | os.PathLike | None = None, *, threads: int = -1,
          restart: bool = False) -> dict:
    """Runs a study file (``limen sweep``) in this process and returns its results.json as a dict,
    with ``"summary"`` (points, resumed, computed, seconds) and ``"table"`` (the results.csv
    columns as NumPy arrays) added. Resumes from the output directory's journal like the CLI.
    """
    summary = _limen.sweep(os.fspath(study), os.fspath(output) if output else "", int(threads), bool(restart))
    with open(summary["json"], encoding="utf-8") as f:
        results = json.load(f)
    results["summary"] = summary
    results["table"] = _read_csv(summary["csv"])
    return results


from . import report  # noqa: E402  (limen.report.build(...): the HTML report; matplotlib is imported on use)
