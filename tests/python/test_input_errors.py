"""Issue 10's Python defects: bad input is a ValueError with the CLI's one-line message naming the
key; keywords that do not apply are refused; list arguments also take a single string."""
import math
import os

import pytest

import limen
from conftest import SOURCE, cli_json

TRAIN = os.path.join(SOURCE, "examples", "train-quadratic-matched.toml")


def drag(dt):
    return {"run": {"particles": 100, "dt": dt, "duration": 0.1},
            "potential": {"kind": "harmonic", "stiffness": 1.0, "center": 0.0}}


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_dict_value_names_the_key(bad):
    # Was: a JSON parse error (json.dumps writes NaN, which JSON does not have).
    with pytest.raises(ValueError, match=r"\[run\] dt: expected a finite number"):
        limen.simulate(drag(bad))


def test_nested_non_finite_value_names_its_table():
    cfg = drag(0.01)
    cfg["protocol"] = {"center": {"times": [0.0, 0.1], "values": [0.0, math.nan]}}
    with pytest.raises(ValueError, match=r"\[protocol.center\] values"):
        limen.simulate(cfg)


@pytest.mark.parametrize("key", ["output", "format", "quiet"])
def test_project_refuses_presentation_keywords(key):
    # Was: silently ignored (no file written, no format applied).
    with pytest.raises(ValueError, match=key):
        limen.project("gpt-3", **{key: "x.json"})


def test_project_unknown_keyword_is_refused():
    with pytest.raises(ValueError, match="did you mean"):
        limen.project("gpt-3", train_tme="10d")


def test_tradeoff_takes_one_schedule_as_a_string(tmp_path, monkeypatch):
    # Was: "matched" split into the schedules 'm', 'a', 't', ... ("unknown schedule 'm'").
    text = open(TRAIN, encoding="utf-8").read().replace("parameters = 1000", "parameters = 50")
    cfg = tmp_path / "t.toml"
    cfg.write_text(text)
    one = limen.tradeoff(str(cfg), train_time="1:10:2", schedules="matched")
    assert {p["schedule"] for p in one["points"]} == {"matched"}
    assert one == limen.tradeoff(str(cfg), train_time="1:10:2", schedules=["matched"])
    two = limen.tradeoff(str(cfg), train_time="1:10:2", schedules="static,matched")
    assert [p["schedule"] for p in two["points"]] == ["static", "static", "matched", "matched"]
    monkeypatch.chdir(tmp_path)  # the CLI journals in the working directory while it runs
    assert two == cli_json("tradeoff", str(cfg), "--train-time", "1:10:2", "--schedules", "static,matched")
    assert not any(n.endswith(".partial") for n in os.listdir(tmp_path))
