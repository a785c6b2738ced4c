"""limen.sweep and limen.report from Python: the sweep's files are the CLI's bytes; the report
writes a page with its figures (PNG and SVG) for a workload, a training run and a study."""
import filecmp
import os

import numpy as np

import limen
from conftest import SOURCE, run_cli

LADDER = os.path.join(SOURCE, "examples", "sweep-ladder.toml")
TRAIN = os.path.join(SOURCE, "examples", "train-quadratic-matched.toml")


def test_sweep_from_python_equals_the_cli(tmp_path):
    py = limen.sweep(LADDER, tmp_path / "py", threads=1)
    run_cli("sweep", LADDER, "--output", str(tmp_path / "cli"), "--threads", "2")
    for name in ("results.csv", "results.json"):
        assert filecmp.cmp(tmp_path / "py" / name, tmp_path / "cli" / name, shallow=False)
    assert py["complete"] and py["summary"]["computed"] == py["points"] == 105
    table = py["table"]
    assert isinstance(table["paradigms.lim.total_J"], np.ndarray) and len(table["index"]) == 105
    # Energies grow with the number of parameters at fixed bits and training time.
    rows = [r for r in py["results"] if r["parameters"]["bits"] == 32 and r["parameters"]["train-time"] == 86400 * 300]
    lim = [next(p["total_J"] for p in r["result"]["paradigms"] if p["name"] == "lim") for r in rows]
    assert len(lim) == 7 and lim == sorted(lim)
    # A second run resumes everything and computes nothing.
    again = limen.sweep(LADDER, tmp_path / "py")
    assert again["summary"]["resumed"] == 105 and again["summary"]["computed"] == 0


def test_simulate_and_train_sweeps_from_python_equal_the_cli(tmp_path):
    for name in ("sweep-drag", "sweep-train"):
        study = os.path.join(SOURCE, "examples", name + ".toml")
        limen.sweep(study, tmp_path / name / "py")
        run_cli("sweep", study, "--output", str(tmp_path / name / "cli"), "--threads", "1")
        for f in ("results.csv", "results.json"):
            assert filecmp.cmp(tmp_path / name / "py" / f, tmp_path / name / "cli" / f, shallow=False), (name, f)


def test_report_writes_the_page_and_figures(tmp_path):
    sweep_dir = tmp_path / "sweep"
    limen.sweep(LADDER, sweep_dir)
    out = tmp_path / "report"
    index = limen.report.build(str(out), model="gpt-3", validation="none", train=TRAIN, study=str(sweep_dir),
                               train_time="10d")
    assert index == str(out / "index.html")
    names = set(os.listdir(out))
    for fig in ("ladder", "size", "time", "training", "study"):
        assert f"{fig}.png" in names and f"{fig}.svg" in names, fig
        assert os.path.getsize(out / f"{fig}.png") > 5000
    page = open(index, encoding="utf-8").read()
    assert "gpt-3" in page and "data:image/png;base64," in page
    assert "training energy (J)" in open(out / "ladder.svg", encoding="utf-8").read()
    assert "train-steps.csv" in names  # the training run's per-step record, beside the page


def test_report_cli_runs_a_study_file_and_a_tradeoff(tmp_path):
    cfg = tmp_path / "train.toml"
    cfg.write_text(open(TRAIN, encoding="utf-8").read().replace("parameters = 1000", "parameters = 50"))
    out = tmp_path / "report"
    run_cli("report", "--model", "palm", "--validation", "none", "--tradeoff", str(cfg),
            "--study", os.path.join(SOURCE, "examples", "sweep-train.toml"), "--output", str(out))
    import json

    data = json.load(open(out / "report-data.json"))
    assert data["tradeoff"]["points"] and data["study"]["complete"]
    assert data["study"]["results"][0]["parameters"] == {"schedule.kind": "matched", "train.eta": 0.3}
    assert (out / "sweep-train-schedules" / "results.csv").exists()
    for fig in ("ladder", "size", "time", "study"):
        assert (out / f"{fig}.png").exists() and (out / f"{fig}.svg").exists()


def test_report_cli_and_python_gather_the_same_data(tmp_path):
    run_cli("report", "--model", "resnet-50", "--validation", "none", "--output", str(tmp_path / "cli"))
    limen.report.build(str(tmp_path / "py"), model="resnet-50", validation="none")
    import json

    cli = json.load(open(tmp_path / "cli" / "report-data.json"))
    data = json.loads(limen._limen.report_data_json("resnet-50", [], "none", "", "", "", str(tmp_path / "py"), 0))
    assert cli == data


def test_example_script_runs(tmp_path):
    import subprocess
    import sys

    script = os.path.join(SOURCE, "examples", "python_ladder.py")
    p = subprocess.run([sys.executable, script, str(tmp_path / "report")], capture_output=True, text=True,
                       env=dict(os.environ))
    assert p.returncode == 0, p.stderr
    assert "LIM" in p.stdout and os.path.exists(tmp_path / "report" / "index.html")
