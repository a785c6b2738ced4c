"""limen.project and the catalogs: the same documents as the CLI (issue 5, "limen.project returns the
same totals as the CLI")."""
import math

import pytest

import limen
from conftest import cli_json, run_cli


def totals(doc):
    return {p["name"]: p["total_J"] for p in doc["paradigms"]}


def test_brain_scale_equals_the_cli():
    py = limen.project("brain-scale")
    cli = cli_json("project", "--model", "brain-scale")
    assert py == cli  # the whole document, every number bit for bit
    t = totals(py)
    # THEORY.md section 4: Landauer about 1.7e8 J, LIM within a few percent, hw:h100 ~1e15 J.
    assert 1.5e8 < t["landauer"] < 1.9e8
    assert abs(t["lim"] / t["landauer"] - 1) < 0.05
    assert t["hw:h100"] / t["lim"] > 1e6


def test_keywords_map_to_flags():
    py = limen.project("gpt-3", train_time="10d", bits=16, paradigm=["lim", "cim", "hw"], hardware="h100", mfu=1.0)
    cli = cli_json("project", "--model", "gpt-3", "--train-time", "10d", "--bits", "16",
                   "--paradigm", "lim,cim,hw", "--hardware", "h100", "--mfu", "1.0")
    assert py == cli
    assert [p["name"] for p in py["paradigms"]] == ["lim", "cim", "hw:h100"]


def test_numbers_and_numpy_values():
    np = pytest.importorskip("numpy")
    a = limen.project("gpt-3", params=np.float64(1e12), bits=np.int64(8))
    b = cli_json("project", "--model", "gpt-3", "--params", "1e12", "--bits", "8")
    assert a == b


def test_vary_returns_the_cli_points():
    py = limen.project("palm", vary="params=1e9:1e15:4", paradigm="lim")
    cli = cli_json("project", "--model", "palm", "--vary", "params=1e9:1e15:4", "--paradigm", "lim")
    assert py == cli
    assert len(py["points"]) == 4
    energies = [p["paradigms"][0]["total_J"] for p in py["points"]]
    assert energies == sorted(energies)  # more parameters, more energy


@pytest.mark.parametrize("kwargs,args", [
    ({"bits": 0}, ["--bits", "0"]),
    ({"train_time": "-1d"}, ["--train-time=-1d"]),
    ({"paradigm": "limm"}, ["--paradigm", "limm"]),
])
def test_errors_are_value_errors_with_the_cli_message(kwargs, args):
    with pytest.raises(ValueError) as err:
        limen.project("gpt-3", **kwargs)
    status, _, stderr = run_cli("project", "--model", "gpt-3", *args, check=False)
    assert status == 2
    assert stderr.strip() == f"limen: error: {err.value}"
    assert "\n" not in str(err.value)


def test_unknown_flag_suggests_one():
    with pytest.raises(ValueError, match=r"--parms: unknown flag \(did you mean 'params'\?\)"):
        limen.project("gpt-3", parms=3)


def test_unknown_model_suggests_one():
    with pytest.raises(ValueError, match="gpt-3"):
        limen.project("gpt3")


def test_catalog_and_workloads():
    cat = limen.catalog()
    assert cat == cli_json("catalog")
    w = limen.workloads()
    assert {"brain-scale", "gpt-3", "resnet-50"} <= set(w)
    assert w["gpt-3"]["params"] == 1.75e11
    assert all(m["source"] for m in w.values())


def test_flags_and_constants():
    names = {f["name"] for f in limen.project_flags()}
    assert {"params", "train-time", "paradigm", "vary"} <= names
    c = limen.constants()
    assert c["k_B"] == 1.380649e-23
    assert math.isclose(c["kT_300K"], 4.141947e-21, rel_tol=1e-6)


def test_default_model_and_custom_workloads():
    assert limen.project() == cli_json("project")
    custom = limen.project(None, params=1e9, tokens=1e10, paradigm="lim")
    assert custom == cli_json("project", "--params", "1e9", "--tokens", "1e10", "--paradigm", "lim")
    assert custom["workload"]["N"] == 1e9


def test_totals_as_numpy_arrays():
    np = pytest.importorskip("numpy")
    t = limen.totals(limen.project("gpt-3"))
    assert t == totals(cli_json("project", "--model", "gpt-3"))
    doc = limen.project("gpt-3", vary="train-time=1d:100d:3", paradigm=["lim", "cim"])
    arr = limen.totals(doc)
    assert arr["vary"] == "train-time"
    assert np.allclose(arr["value"], [86400, 864000, 8640000])
    assert isinstance(arr["lim"], np.ndarray) and arr["lim"].shape == (3,)
    assert arr["cim"][0] == doc["points"][0]["paradigms"][1]["total_J"]
    upd = limen.totals(doc, wall="update_J")
    assert np.all(upd["cim"] <= arr["cim"])
