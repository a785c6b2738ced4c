"""limen.simulate, limen.train, limen.tradeoff and limen.validate: the CLI's documents, NumPy
arrays where a run has per-particle or per-step records, ValueError on bad input."""
import json
import os

import numpy as np
import pytest

import limen
from conftest import SOURCE, cli_json, run_cli

DRAG = os.path.join(SOURCE, "examples", "simulate-drag.toml")
TRAIN = os.path.join(SOURCE, "examples", "train-quadratic-matched.toml")


def small(path, tmp_path, name, replace):
    text = open(path, encoding="utf-8").read()
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    out = tmp_path / name
    out.write_text(text)
    return str(out)


def without_timing(doc):
    doc = dict(doc)
    doc.pop("timing", None)
    return doc


def assert_same(a, b, rel=1e-12, path=""):
    """Equal documents; floats within `rel`. The physics engine's vectorised kernels are compiled
    per CPU (target_clones) and the extension module and the executable have been seen to differ
    in the last bit of an ensemble average (reported to the physics owner); everything else is exact."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), path
        for k in a:
            assert_same(a[k], b[k], rel, f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, rel, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert a == pytest.approx(b, rel=rel, abs=1e-300), path
    else:
        assert a == b, path


def test_simulate_equals_the_cli(tmp_path):
    cfg = small(DRAG, tmp_path, "drag.toml", [("particles = 100000", "particles = 3000")])
    py = limen.simulate(cfg, threads=1)
    cli = cli_json("simulate", cfg, "--threads", "2")
    # The first-law residual is rounding noise itself (THEORY section 7: below 1e-9 relative).
    for doc in (py, cli):
        assert doc.pop("first_law_max_residual") < 1e-9
    assert_same(without_timing(py), without_timing(cli))  # same seed: the same numbers on any thread count
    # THEORY.md section 7, drag-linear: W = 2.25 kT for this protocol (5 standard errors allowed).
    assert abs(py["work_kT"]["mean"] - 2.25) < 5 * py["work_kT"]["stderr"]


def test_simulate_from_a_dict_with_trajectories(tmp_path):
    import tomllib

    with open(DRAG, "rb") as f:
        cfg = tomllib.load(f)
    cfg["run"]["particles"] = 500
    cfg["protocol"]["center"]["values"] = np.array([0.0, 5.0])  # NumPy arrays in
    py = limen.simulate(cfg, threads=1, trajectories=True)
    path = small(DRAG, tmp_path, "drag.toml", [("particles = 100000", "particles = 500")])
    cli = limen.simulate(path, threads=1)
    assert py["work_kT"] == cli["work_kT"]
    traj = py["trajectories"]
    assert isinstance(traj, dict) and traj
    lengths = {len(v) for v in traj.values()}
    assert lengths == {500}
    numeric = [v for v in traj.values() if isinstance(v, np.ndarray)]
    assert numeric and all(np.all(np.isfinite(v)) for v in numeric)


def test_simulate_bad_key_is_a_value_error():
    with pytest.raises(ValueError, match=r"<dict>:\d+: \[run\] sed: unknown key \(did you mean 'seed'\?\)"):
        limen.simulate({"run": {"particles": 10, "dt": 0.01, "duration": 1.0, "sed": 3},
                        "potential": {"kind": "harmonic", "stiffness": 1.0}})


def test_train_equals_the_cli_and_returns_step_arrays(tmp_path):
    cfg = small(TRAIN, tmp_path, "train.toml", [("parameters = 1000", "parameters = 100")])
    py = limen.train(cfg, threads=1)
    steps_csv = tmp_path / "steps.csv"
    cli = cli_json("train", cfg, "--steps-csv", str(steps_csv))
    steps = py.pop("records")
    assert py == cli
    loss, heat = steps["loss"], steps["heat_kT"]
    assert isinstance(loss, np.ndarray) and len(loss) == len(steps["step"]) > 10
    assert loss[-1] < loss[0]                  # it learned
    # One replica: its cumulative heat at the last step is the run's heat but for the end of the run,
    # the barrier raised to retention at fixed state and the wells relaxing (THEORY 5.1), which
    # dissipates at most E_ret / 2 per parameter (the raise's work with a density of share <= 1/2).
    assert py["replicas"] == 1
    end_heat = py["heat_kT"] - heat[-1]
    assert 0 < end_heat <= py["parameters"] * py["memory"]["retention_barrier_kT"] / 2
    # The per-step arrays are the CLI's --steps-csv, column by column.
    ref = np.genfromtxt(steps_csv, delimiter=",", names=True)
    assert np.allclose(ref["loss"], loss, rtol=1e-8)


def test_tradeoff_equals_the_cli(tmp_path):
    cfg = small(TRAIN, tmp_path, "train.toml", [("parameters = 1000", "parameters = 50")])
    py = limen.tradeoff(cfg, train_time="1:10:2", schedules=["matched"])
    cli = cli_json("tradeoff", cfg, "--train-time", "1:10:2", "--schedules", "matched")
    assert py == cli
    assert {p["schedule"] for p in py["points"]} == {"matched"}
    assert all(p["heat_J"] >= p["bound_J"] for p in py["points"])  # THEORY.md section 5 bound


def test_validate_level_is_checked():
    with pytest.raises(ValueError, match="quick"):
        limen.validate("medium")


@pytest.mark.skipif(os.environ.get("LIMEN_HEAVY_TESTS") != "1",
                    reason="runs the quick validation twice (about a minute); cmake -DLIMEN_HEAVY_TESTS=ON")
def test_validate_equals_the_cli():
    py = limen.validate("quick", threads=2)
    cli = cli_json("validate", "--quick", "--threads", "1")
    for doc in (py, cli):
        doc.pop("seconds", None)
    assert py == cli  # same seeds: the same measurements on any thread count
    assert py["passed"] + py["failed"] == len(py["checks"])
