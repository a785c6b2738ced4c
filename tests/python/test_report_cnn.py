"""`limen report --cnn` (issue 11): the CNN device comparison as a figure (accuracy vs energy, log x;
heat and device energy told apart by the marker's shape; the bound as a hollow marker where it is
positive; what a log axis cannot show written under it) and as a table; bad input is one line
naming --cnn, exit 2. The data are written here by hand, so every property is checked against
numbers of this file; one test feeds the report what examples/torch/cnn_devices.py writes."""
import json
import os
import sys

import pytest

import limen
from conftest import SOURCE, run_cli

sys.path.append(os.path.join(SOURCE, "python", "limen"))  # last: its torch.py must not hide PyTorch
import figures_cnn  # noqa: E402

CNN = {"title": "toy CNN", "steps": 10, "batch": 4, "lr": 0.1, "dt": 1.0, "replicas": 8, "classes": 10, "results": [
    {"memory": "ideal sgd", "test_accuracy": 0.85, "energy_J": 0.0, "energy_kind": "device", "bound_J": -1e-18,
     "energy_over_bound": None, "bound_note": "bound <= 0: toy note for ideal", "pulses_per_parameter": 0.0, "seconds": 1.5},
    {"memory": "lim toy", "test_accuracy": 0.78, "energy_J": 5e-16, "energy_kind": "heat", "bound_J": 1e-17,
     "energy_over_bound": 50.0, "bound_note": None, "pulses_per_parameter": 0.0, "seconds": 2.5},
    {"memory": "rram toy", "test_accuracy": 0.83, "energy_J": 1.8e-6, "energy_kind": "device", "bound_J": -1.1e-17,
     "energy_over_bound": None, "bound_note": "bound <= 0: the replicas end more spread (toy rram)",
     "pulses_per_parameter": 158.5, "seconds": 3.5},
    {"memory": "pcm toy", "refused": "no sourced pulse response (toy)"},
    {"memory": "ecram toy", "test_accuracy": 0.84, "energy_J": 4.9e-10, "energy_kind": "device", "bound_J": 2e-18,
     "energy_over_bound": 2.45e8, "bound_note": None, "pulses_per_parameter": 127.75, "seconds": 4.5}]}


@pytest.fixture
def figure(monkeypatch):
    kept = {}

    def keep(fig, outdir, name):
        kept[name] = fig
        return {"png": name + ".png", "svg": name + ".svg"}

    monkeypatch.setattr(figures_cnn, "save", keep)
    figures_cnn.cnn_figure(CNN, "")
    return kept["cnn"]


def markers(ax):
    """(marker, x, y, filled, colour) of every line drawn as one point."""
    return [(l.get_marker(), l.get_xdata()[0], l.get_ydata()[0], l.get_markerfacecolor() != "white", l.get_color())
            for l in ax.get_lines() if len(l.get_xdata()) == 1]


def test_heat_and_device_energy_differ_in_shape_on_a_log_axis(figure):
    ax = figure.axes[0]
    assert ax.get_xscale() == "log"
    filled = {(x, y): (m, c) for m, x, y, f, c in markers(ax) if f}
    assert filled.keys() == {(5e-16, 0.78), (1.8e-6, 0.83), (4.9e-10, 0.84)}  # 0 J and refused are not on the axis
    assert filled[(5e-16, 0.78)][0] == "^"                                     # heat
    assert filled[(1.8e-6, 0.83)][0] == filled[(4.9e-10, 0.84)][0] == "o"      # device energy
    assert len({c for _, c in filled.values()}) == 3, "each memory its own colour"
    lo, hi = ax.get_xlim()
    assert lo <= 2e-18 and hi >= 1.8e-6, "the axis spans every energy and bound drawn"
    assert hi / lo >= 1e12


def test_bound_is_a_hollow_marker_only_where_positive(figure):
    hollow = sorted((x, y, m) for m, x, y, f, _ in markers(figure.axes[0]) if not f)
    assert hollow == [(2e-18, 0.84, "o"), (1e-17, 0.78, "^")]
    names = [t.get_text() for t in figure.axes[0].texts]
    assert any("lim toy" in n and "E/bound 50" in n for n in names), names


def test_legends_name_every_memory_and_both_quantities(figure):
    labels = [t.get_text() for leg in figure.legends + [figure.axes[0].get_legend()] for t in leg.get_texts()]
    for name in ("lim toy", "rram toy", "ecram toy"):
        assert any(l.startswith(name) for l in labels), labels
    assert any("heat" in l for l in labels) and any("device energy" in l for l in labels)
    assert any("bound" in l for l in labels)


def test_what_the_log_axis_cannot_show_is_written(figure):
    ideal = [l for l in figure.axes[0].get_lines() if list(l.get_ydata()) == [0.85, 0.85]]
    assert ideal, "the 0 J memory is a horizontal line at its accuracy"
    notes = "\n".join(t.get_text() for t in figure.texts)
    assert "Bound <= 0" in notes and "rram toy" in notes and "ecram toy" not in notes.split("Refused")[0]
    assert "Refused: pcm toy: no sourced pulse response (toy)" in notes


def check_page(out):
    for ext in ("png", "svg"):
        assert os.path.getsize(out / f"cnn.{ext}") > 1000
    page = (out / "index.html").read_text()
    assert '<figure id="cnn">' in page and '<table id="cnn-table">' in page
    table = page[page.index('<table id="cnn-table">'):]
    table = table[:table.index("</table>")]
    rows = table.split("<tr>")[2:]
    assert [r.split("</td>")[0].split(">")[-1] for r in rows] == [r["memory"] for r in CNN["results"]]
    lim = rows[1]
    for cell in ("heat (Sekimoto)", "0.7800", "5e-16", "1e-17", ">50<", ">-<", "2.5"):
        assert cell in lim, (cell, lim)
    rram = rows[2]
    for cell in ("device energy", "1.8e-06", "-1.1e-17", "undefined", "158.5", "toy rram"):
        assert cell in rram, (cell, rram)
    assert "refused" in rows[3] and "no sourced pulse response (toy)" in rows[3]
    assert "2.45e+08" in rows[4]
    return page


def test_report_cli_draws_the_figure_and_the_table(tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "cnn_devices.json").write_text(json.dumps(CNN))
    run_cli("report", "--validation", "none", "--cnn", str(tmp_path / "run"), "--output", str(tmp_path / "out"))
    check_page(tmp_path / "out")
    data = json.load(open(tmp_path / "out" / "report-data.json"))
    assert data["cnn"]["results"][2]["bound_J"] == -1.1e-17


def test_report_from_python_takes_the_file(tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps(CNN))
    limen.report.build(str(tmp_path / "out"), model="resnet-50", validation="none", cnn=str(f))
    check_page(tmp_path / "out")


def bad(tmp_path, change):
    doc = json.loads(json.dumps(CNN))
    change(doc)
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(doc))
    return str(f)


@pytest.mark.parametrize("make, needle", [
    (lambda t: "/nonexistent/cnn", "--cnn: cannot open /nonexistent/cnn"),
    (lambda t: str(t), "cnn_devices.json"),  # a folder without the example's output
    (lambda t: (t / "x.json").write_text("not json") and str(t / "x.json"), "is not a JSON document"),
    (lambda t: bad(t, lambda d: d.pop("results")), "holds no \"results\""),
    (lambda t: bad(t, lambda d: d["results"][1].update(test_accuracy=1.5)), "results[1]: \"test_accuracy\" must be a number in [0, 1]"),
    (lambda t: bad(t, lambda d: d["results"][2].update(energy_J=-1)), "results[2]: \"energy_J\""),
    (lambda t: bad(t, lambda d: d["results"][2].update(energy_kind="joules")), "results[2]: \"energy_kind\""),
    (lambda t: bad(t, lambda d: d["results"][4].pop("bound_J")), "results[4]: \"bound_J\""),
    (lambda t: bad(t, lambda d: d["results"][3].update(refused=3)), "results[3]: \"refused\""),
])
def test_bad_cnn_input_is_one_line_exit_2(tmp_path, make, needle):
    path = make(tmp_path)
    out = tmp_path / "never"
    status, stdout, stderr = run_cli("report", "--validation", "none", "--cnn", path, "--output", str(out), check=False)
    assert status == 2 and stdout == "", (status, stdout, stderr)
    assert stderr.count("\n") == 1 and "--cnn" in stderr and needle in stderr, stderr
    assert not out.exists(), "no half-written report"


def test_the_example_writes_what_the_report_reads(tmp_path, monkeypatch):
    """examples/torch/cnn_devices.py, cut to 3 steps and 3 memories, then `limen report --cnn` on its folder."""
    pytest.importorskip("torch")
    monkeypatch.syspath_prepend(os.path.join(SOURCE, "examples", "torch"))
    import cnn_devices

    monkeypatch.setattr(cnn_devices, "STEPS", 3)
    monkeypatch.setattr(cnn_devices, "REPLICAS", 3)
    monkeypatch.setattr(cnn_devices, "RUNS", {k: v for k, v in cnn_devices.RUNS.items()
                                              if k.startswith(("sgd", "lim", "rram", "pcm"))})
    monkeypatch.setattr(cnn_devices.run, "__defaults__", (3,))
    monkeypatch.setattr(sys, "argv", ["cnn_devices.py", str(tmp_path / "run")])
    cnn_devices.main()
    doc = json.load(open(tmp_path / "run" / "cnn_devices.json"))
    assert [r["memory"] for r in doc["results"]] == list(cnn_devices.RUNS)
    for r in doc["results"]:
        if "refused" not in r:
            assert r["replicas"] == 3 and (r["energy_over_bound"] is None) == (r["bound_J"] <= 0)
            assert (r["bound_note"] is None) == (r["bound_J"] > 0)
    run_cli("report", "--validation", "none", "--cnn", str(tmp_path / "run"), "--output", str(tmp_path / "out"))
    page = (tmp_path / "out" / "index.html").read_text()
    assert '<figure id="cnn">' in page and all(html_name in page for html_name in ("lim (coarse, matched)", "rram"))
