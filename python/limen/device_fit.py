"""Fit a measured pulse response to limen's device model (README "Device memories").

The model is the linear-step response of the catalog (aihwkit's documented LinearStepDevice), in
normalised units w in [-1, 1] (the measured conductance range mapped linearly onto it):

    up pulse:    w += dw_up   (1 - gamma_up   w / w_max)     w_max = +1
    down pulse:  w -= dw_down (1 - gamma_down w / w_min)     w_min = -1

Each branch is linear in w, so the increments of a measured sweep give the parameters by ordinary
least squares: dw_k = a + s w_k, with dw_up = a, gamma_up = -s w_max / a on the up branch and
dw_down = -a, gamma_down = s w_min / dw_down on the down branch. The residuals give the additive
cycle-to-cycle noise (sd / dw_min). The fit quality is the R^2 of each branch's increment
regression and the rms error of the replayed noiseless trajectory, as a fraction of the range.
Steps that end on the measured extremes (clipped by the range) are left out of the regression.

Measured sweeps carry read noise as well as write noise. A noisy w_k sits in both the regressor and
(with the opposite sign) the increment w_{k+1} - w_k, which biases the increment slope towards large
gamma (errors in variables). ``method="trajectory"`` fits each direction's branches instead by the
closed form of the noiseless model, w_n = A + B r^n (n pulses into the branch, r = 1 - gamma dw,
asymptote A = w_max / gamma up or w_min / gamma down; r = 1 is the linear limit gamma = 0, w_n = B +
dw n): A and each branch's B by least squares for every r on a grid, the r of least squared error
kept. Its R^2 is that of the branch trajectories (the variance of w explained). The examples'
measured HfO2 sweep (gong2018_hfo2_pulses.csv) needs it: the increment fit explains 2-3 % of the
increments there and clips both gammas.

CSV input: a header ``pulse,direction,conductance`` (direction ``up`` or ``down``), rows in the
order measured; each maximal run of one direction is a branch.

>>> from limen import device_fit
>>> fit = device_fit.fit_csv("examples/devices/synthetic_pulses.csv")
>>> print(device_fit.catalog_toml("mydevice", fit, write_energy_per_pulse=1e-13, energy_source="..."))
"""
from __future__ import annotations

import csv
import math
from typing import Any

import numpy as np


def read_csv(path: str) -> list[tuple[str, float]]:
    """(direction, conductance) rows of a pulse-response CSV, in order; errors name path:line."""
    rows: list[tuple[str, float]] = []
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        need = {"direction", "conductance"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise ValueError(f"{path}:1: expected a header with columns direction,conductance (and pulse)")
        for line, row in enumerate(reader, start=2):
            d = (row["direction"] or "").strip().lower()
            if d not in ("up", "down"):
                raise ValueError(f"{path}:{line}: direction must be up or down, got {row['direction']!r}")
            try:
                g = float(row["conductance"])
            except ValueError:
                raise ValueError(f"{path}:{line}: conductance is not a number: {row['conductance']!r}") from None
            if not math.isfinite(g):
                raise ValueError(f"{path}:{line}: conductance must be finite")
            rows.append((d, g))
    if len(rows) < 6:
        raise ValueError(f"{path}: at least 6 rows needed (an up and a down branch)")
    return rows


def _branches(rows: list[tuple[str, float]], g_min: float, g_max: float) -> list[tuple[str, np.ndarray]]:
    out: list[tuple[str, np.ndarray]] = []
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k][0] != rows[start][0]:
            # A branch starts from the state before its first pulse: the last point of the previous branch.
            first = start - 1 if start > 0 else start
            w = np.array([2 * (g - g_min) / (g_max - g_min) - 1 for _, g in rows[first:k]])
            out.append((rows[start][0], w))
            start = k
    return out


def _fit_trajectories(branches: list[np.ndarray], up: bool) -> tuple[float, float, float, float]:
    """(dw, gamma, R^2, sse) of one direction's branches by the closed-form trajectory (module doc)."""
    n = np.concatenate([np.arange(len(w), dtype=float) for w in branches])
    y = np.concatenate(branches)
    onehot = np.zeros((len(y), len(branches)))
    k = 0
    for j, w in enumerate(branches):
        onehot[k:k + len(w), j] = 1
        k += len(w)
    best = None
    # The linear limit (r = 1): w = B_branch + dw n, signed dw.
    c, *_ = np.linalg.lstsq(np.hstack([n[:, None], onehot]), y, rcond=None)
    sse = float(np.sum((np.hstack([n[:, None], onehot]) @ c - y) ** 2))
    if (c[0] > 0) == up and c[0] != 0:
        best = (sse, abs(float(c[0])), 0.0)
    for r in 1 - np.logspace(-7, -0.3, 3000):
        X = np.hstack([np.ones((len(y), 1)), onehot * (r ** n)[:, None]])
        c, *_ = np.linalg.lstsq(X, y, rcond=None)
        A = float(c[0])
        if (A > 0) != up or A == 0:  # the asymptote must lie in the branch's direction
            continue
        sse = float(np.sum((X @ c - y) ** 2))
        if best is None or sse < best[0]:
            gamma = abs(1 / A)  # w_max = 1, w_min = -1
            best = (sse, (1 - r) / gamma, gamma)
    if best is None:
        raise ValueError(f"no {'up' if up else 'down'} trajectory moves in its direction")
    sse, dw, gamma = best
    ss_tot = float(np.sum((y - np.concatenate([w.mean() * np.ones(len(w)) for w in branches])) ** 2))
    return dw, gamma, (1 - sse / ss_tot if ss_tot > 0 else 1.0), sse


def fit(rows: list[tuple[str, float]], method: str = "increments") -> dict[str, Any]:
    """Least-squares fit of the linear-step model; returns its parameters and the fit quality.
    method: "increments" (regression of the steps, the default) or "trajectory" (module doc)."""
    if method not in ("increments", "trajectory"):
        raise ValueError(f"method must be increments or trajectory, got {method!r}")
    g = np.array([x for _, x in rows])
    g_min, g_max = float(g.min()), float(g.max())
    if not g_max > g_min:
        raise ValueError("the conductance does not change: nothing to fit")
    xs: dict[str, list[np.ndarray]] = {"up": [], "down": []}
    ys: dict[str, list[np.ndarray]] = {"up": [], "down": []}
    for d, w in _branches(rows, g_min, g_max):
        if len(w) >= 2:
            # Steps that end on the measured extremes are clipped by the range, not the response: left out.
            keep = np.abs(w[1:]) < 1 - 1e-9
            xs[d].append(w[:-1][keep])
            ys[d].append(np.diff(w)[keep])
    result: dict[str, Any] = {"g_min": g_min, "g_max": g_max, "w_min": -1.0, "w_max": 1.0, "method": method}
    residuals = []
    branches = _branches(rows, g_min, g_max)
    for d in ("up", "down"):
        if not xs[d]:
            raise ValueError(f"no {d} branch with at least two points")
        x, y = np.concatenate(xs[d]), np.concatenate(ys[d])
        if method == "trajectory":
            dw_d, gamma_d, r2, _ = _fit_trajectories([w for dd, w in branches if dd == d and len(w) >= 2], d == "up")
            result[f"r2_{d}"] = r2
            result[f"dw_{d}"], result[f"gamma_{d}"] = float(dw_d), float(gamma_d)
            # Step residuals against the fitted response (write and read noise together).
            pred = dw_d * (1 - gamma_d * x) if d == "up" else -dw_d * (1 + gamma_d * x)
            residuals.append(y - pred)
            continue
        A = np.vstack([np.ones_like(x), x]).T
        (a, s), *_ = np.linalg.lstsq(A, y, rcond=None)
        pred = a + s * x
        ss_res, ss_tot = float(np.sum((y - pred) ** 2)), float(np.sum((y - y.mean()) ** 2))
        result[f"r2_{d}"] = 1 - ss_res / ss_tot if ss_tot > 0 else 1.0
        residuals.append(y - pred)
        if d == "up":
            result["dw_up"], result["gamma_up"] = float(a), float(-s * 1.0 / a)
        else:
            result["dw_down"], result["gamma_down"] = float(-a), float(s * -1.0 / -a)
    if not (result["dw_up"] > 0 and result["dw_down"] > 0):
        raise ValueError("the fitted steps are not positive (up must raise, down lower the conductance)")
    dw = (result["dw_up"] + result["dw_down"]) / 2
    result["dw_min"] = dw
    result["up_down"] = (result["dw_up"] - result["dw_down"]) / (result["dw_up"] + result["dw_down"])
    result["c2c"] = float(np.std(np.concatenate(residuals), ddof=2)) / dw
    result["states"] = 2 / dw
    for k in ("gamma_up", "gamma_down"):
        if not 0 <= result[k] <= 1:
            result.setdefault("notes", []).append(f"{k} = {result[k]:.4g} outside [0, 1]: clipped for the catalog")
            result[k] = min(1.0, max(0.0, result[k]))
    result["rms_trajectory_error"] = _replay_error(rows, result)
    return result


def _replay_error(rows: list[tuple[str, float]], p: dict[str, Any]) -> float:
    """rms of (replayed noiseless model - measured), as a fraction of the range 2."""
    w_meas = np.array([2 * (g - p["g_min"]) / (p["g_max"] - p["g_min"]) - 1 for _, g in rows])
    w = w_meas[0]
    err = [0.0]
    for k in range(1, len(rows)):
        if rows[k][0] == "up":
            w += p["dw_up"] * (1 - p["gamma_up"] * w / p["w_max"])
        else:
            w -= p["dw_down"] * (1 - p["gamma_down"] * w / p["w_min"])
        w = min(p["w_max"], max(p["w_min"], w))
        err.append(w - w_meas[k])
    return float(np.sqrt(np.mean(np.square(err))) / 2)


def fit_csv(path: str, method: str = "increments") -> dict[str, Any]:
    """fit(read_csv(path), method), remembering the file for the source line."""
    result = fit(read_csv(path), method)
    result["file"] = path
    return result


def catalog_toml(name: str, p: dict[str, Any], write_energy_per_pulse: float, energy_source: str,
                 description: str = "user device (fitted)") -> str:
    """A catalog entry for `--catalog` / `[memory] catalog`: the fit as its [response], the energy
    per pulse with the source the user gives (limen does not invent one)."""
    src = (f"least-squares fit ({p.get('method', 'increments')}) of the linear-step model to "
           f"{p.get('file', 'measurements')} (limen.device_fit): "
           f"R2 up {p['r2_up']:.4f}, down {p['r2_down']:.4f}, rms trajectory error {p['rms_trajectory_error']:.3g} of range")
    return "\n".join([
        f"[memory.{name}]",
        f'description = "{description}"',
        "volatile = false",
        f"write_energy_per_bit = {write_energy_per_pulse:.6g}",
        "analog = true",
        f"write_energy_per_pulse = {write_energy_per_pulse:.6g}",
        f"states = {p['states']:.6g}",
        f'source = "{energy_source}"',
        f"[memory.{name}.sources]",
        f'write_energy_per_pulse = "{energy_source}"',
        f'states = "2 / dw_min of the fit below"',
        f"[memory.{name}.response]",
        'model = "linear-step"',
        f'source = "{src}"',
        f"dw_min = {p['dw_min']:.8g}",
        f"w_min = {p['w_min']:.8g}",
        f"w_max = {p['w_max']:.8g}",
        f"gamma_up = {p['gamma_up']:.8g}",
        f"gamma_down = {p['gamma_down']:.8g}",
        f"up_down = {p['up_down']:.8g}",
        f"c2c = {p['c2c']:.8g}",
        "",
    ])
