"""The report's figures as a reader sees them (issue 10): every series distinguishable and in the
legend, labels at 9 pt or more and never merged, validation rows with distinct ids and one-sided
inequalities, zero-expected checks on an absolute scale, negative bounds never drawn as drops, and
every study group drawn. The figure modules are loaded from the source tree (python/limen) with
hand-made data, so each property is checked against numbers written here, not by the code."""
import math
import os
import sys

import pytest

# Appended, not first: python/limen/torch.py must not hide PyTorch from the other test files.
sys.path.append(os.path.join(os.path.dirname(__file__), "..", "..", "python", "limen"))
import figures_checks  # noqa: E402
import figures_common  # noqa: E402
import figures_ladder  # noqa: E402
import figures_scaling  # noqa: E402
import figures_study  # noqa: E402
import figures  # noqa: E402


@pytest.fixture
def captured(monkeypatch):
    """Keeps each figure instead of writing it: {name: matplotlib Figure}."""
    figs = {}

    def keep(fig, outdir, name):
        figs[name] = fig
        return {"png": name + ".png", "svg": name + ".svg"}

    for mod in (figures_checks, figures_ladder, figures_scaling, figures_study, figures):
        monkeypatch.setattr(mod, "save", keep, raising=False)
    monkeypatch.setattr(figures, "_save", keep)
    return figs


def texts(fig):
    return [t for ax in fig.axes for t in ax.texts] + [t for ax in fig.axes for t in ax.get_yticklabels()]


def legend_labels(fig):
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


LADDER = {"workload": {"name": "toy"}, "paradigms": [
    {"name": "landauer", "total_J": 1.0, "walls": {"compute_J": 1.0}},
    {"name": "lim", "total_J": 2.0, "walls": {"compute_J": 1.99, "update_J": 0.004, "consolidation_J": 0.006}},
    {"name": "vn", "total_J": 1e4, "walls": {"compute_J": 1e3, "memory_J": 8.9e3, "update_J": 100.0}}]}


def test_ladder_shares_are_linear_and_small_walls_are_written(captured):
    figures_ladder.ladder_figure(LADDER, "")
    fig = captured["ladder"]
    total_ax, share_ax = fig.axes[0], fig.axes[1]
    assert total_ax.get_xscale() == "log" and share_ax.get_xscale() == "linear"
    # vn's memory wall is 89% of its total: its segment is 0.89 wide on the share axis.
    widths = sorted(round(p.get_width(), 6) for p in share_ax.patches if abs(p.get_y() + p.get_height() / 2 - 2) < 1e-9)
    assert widths == [0.01, 0.1, 0.89]
    # lim's update (0.2%) and consolidation (0.3%) walls are named with their shares.
    notes = [t.get_text() for t in share_ax.texts]
    assert any("update 0.2%" in n and "consolidation 0.3%" in n for n in notes), notes
    assert "update 1%" in notes and "89%" in notes, notes  # vn: 1% beside the bar, 89% on it


SIZE = {"points": [{"value": 10.0 ** k, "paradigms": [
    {"name": "landauer", "total_J": 10.0 ** k}, {"name": "lim", "total_J": 1.0001 * 10.0 ** k},
    {"name": "cim", "total_J": 3 * 10.0 ** k}, {"name": "cim-volatile", "total_J": 3 * 10.0 ** k},
    {"name": "vn", "total_J": 3.001 * 10.0 ** k}]} for k in range(6, 17)]}
CATALOG = [{"name": n, "N": N, "D": 1, "paradigms": [{"name": "lim", "total_J": N}]}
           for n, N in [("gpt-3", 1.75e11), ("chinchilla", 7e10), ("palm", 5.4e11), ("llama-2-70b", 7e10),
                        ("llama-3.1-405b", 4.05e11), ("resnet-50", 2.6e7), ("brain-scale", 1e15)]]


def test_size_every_series_distinct_and_labels_legible(captured):
    figures_scaling.size_figure(SIZE, CATALOG, LADDER, "")
    fig = captured["size"]
    main = fig.axes[1]
    lines = [l for l in main.get_lines() if l.get_label() in {"landauer", "lim", "cim", "cim-volatile", "vn"}]
    looks = {(l.get_color(), l.get_marker(), str(l.get_linestyle())) for l in lines}
    assert len(lines) == 5 and len(looks) == 5, "coinciding series must differ in colour, marker and dash"
    labels = legend_labels(fig)
    assert {"landauer", "lim", "cim", "cim-volatile", "vn"} <= set(labels)
    assert any("catalog model" in l for l in labels), "the catalog dots belong in the legend"
    names = [t for t in fig.axes[0].texts]
    assert sorted(t.get_text() for t in names) == sorted(m["name"] for m in CATALOG), "one label per model, none merged"
    assert min(t.get_fontsize() for t in names) >= 9
    assert fig.axes[0].get_title(), "the figure has a title"
    # Labels do not overlap one another (their anchor points at least the spread gap apart).
    xs = sorted(t.get_position()[0] for t in names)
    assert min(b - a for a, b in zip(xs, xs[1:])) >= 0.045 - 1e-9


TIME = {"points": [{"value": 3600 * 10 ** (k / 4), "paradigms": [
    {"name": "lim", "total_J": 1e20 * (1 + 1e4 / 10 ** (k / 4))}, {"name": "hw:h100", "total_J": 1e30}]}
    for k in range(17)]}


def test_time_axis_shows_the_effect_and_negative_bounds_are_not_drops(captured):
    tradeoff = {"points": [{"schedule": "static", "train_time": t, "heat_J": 1e-18 * t, "bound_J": b,
                            "reached_target": True} for t, b in [(1, -2e-19), (10, 5e-19), (100, 4e-18)]]}
    figures_scaling.time_figure(TIME, tradeoff, "")
    fig = captured["time"]
    ladder_ax, trade_ax = fig.axes[0], fig.axes[1]
    # The ladder panel is relative to the slowest time: lim spans 1 to 1 + 1e4/1e4 = 2 ... 1e4, not 10 decades of J.
    ys = [y for l in ladder_ax.get_lines() if l.get_label() == "lim" for y in l.get_ydata()]
    assert math.isclose(ys[-1], 1.0) and max(ys) < 1e5
    assert any("hw:h100" in l for l in legend_labels(fig)), "flat paradigms are named, not hidden"
    for line in trade_ax.get_lines():
        assert all(y > 0 for y in line.get_ydata()), f"{line.get_label()}: a value <= 0 drawn on a log axis"
    assert any("<= 0, not drawn" in t.get_text() and "static bound at t = 1" in t.get_text() for t in trade_ax.texts), "the left-out bound is said"


OLD_VALIDATION = {"passed": 3, "failed": 1, "checks": [
    {"id": "transport-bound", "expected": 2.0, "measured": 5.0, "tolerance": 0.1, "pass": True, "detail": "drag: ..."},
    {"id": "transport-bound", "expected": 2.0, "measured": 1.5, "tolerance": 0.1, "pass": False, "detail": "erase: ..."},
    {"id": "drag-work", "expected": 2.25, "measured": 2.26, "tolerance": 0.05, "pass": True, "detail": "W = 2.26"},
    {"id": "first-law", "expected": 0.0, "measured": 3e-14, "tolerance": 1e-9, "pass": True, "detail": "max ..."}]}
NEW_VALIDATION = {"passed": 2, "failed": 0, "checks": [
    {"id": "transport-bound@drag", "kind": "inequality", "margin": 3.0, "expected": 2.0, "measured": 5.0,
     "tolerance": 0.1, "pass": True},  # limen validate: margin = measured - bound, tolerance = the slack
    {"id": "lifson-jackson@E_b=4", "kind": "equality", "expected": 1.0, "measured": 1.01, "tolerance": 0.02, "pass": True},
    {"id": "first-law", "kind": "absolute", "expected": 0.0, "measured": 3e-14, "tolerance": 1e-9, "pass": True}]}


def test_validation_ids_kinds_and_scales():
    assert figures_checks.distinct_ids(OLD_VALIDATION["checks"]) == [
        "transport-bound@drag", "transport-bound@erase", "drag-work", "first-law"]
    assert [figures_checks.kind(c) for c in OLD_VALIDATION["checks"]] == ["inequality", "inequality", "equality", "absolute"]
    unnamed = {"id": "x", "expected": 1.0, "measured": 9.0, "tolerance": 0.1, "pass": True}  # passes far above: one-sided
    assert figures_checks.kind(unnamed) == "inequality" and figures_checks.kind({**unnamed, "pass": False}) == "equality"
    assert [figures_checks.kind(c) for c in NEW_VALIDATION["checks"]] == ["inequality", "equality", "absolute"]
    assert figures_checks.distinct_ids(NEW_VALIDATION["checks"])[1] == "lifson-jackson@E_b=4"
    # (1.01 - 1) / 0.02 = 0.5 tolerances; the inequality (5 - 2) / 0.1 = 30 slacks above its bound.
    assert figures_checks.deviation(NEW_VALIDATION["checks"][1]) == pytest.approx(0.5)
    assert figures_checks.deviation(NEW_VALIDATION["checks"][0]) == pytest.approx(30)


def test_validation_inequality_is_one_sided_and_zero_is_absolute(captured):
    figures_checks.validation_figure(NEW_VALIDATION, "")
    fig = captured["validation"]
    rel, ab = fig.axes[0], fig.axes[1]
    assert [t.get_text() for t in rel.get_yticklabels()] == ["transport-bound@drag", "lifson-jackson@E_b=4"]
    band = [p for p in rel.patches if abs(p.get_y() + p.get_height() / 2) < 1e-9][0]  # row 0: the inequality
    assert band.get_x() == pytest.approx(-1) and band.get_x() + band.get_width() > figures_checks.SPAN
    assert ab.get_xscale() == "log" and [t.get_text() for t in ab.get_yticklabels()] == ["first-law"]
    (dot,) = [l for l in ab.get_lines() if len(l.get_xdata())]
    assert dot.get_xdata()[0] == pytest.approx(3e-14)


def study(groups_bits=(8, 16, 32), times=(1, 2, 3, 4, 5)):
    results = [{"parameters": {"bits": b, "params": p, "train-time": t * 86400.0},
                "result": {"paradigms": [{"name": "lim", "total_J": b * p * t}]}}
               for b in groups_bits for t in times for p in (1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15)]
    return {"study": "ladder", "columns": ["paradigms.lim.total_J"], "results": results}


def test_study_draws_every_group_with_human_labels(captured):
    figures.study_figure(study(), "")
    fig = captured["study"]
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == 3, "15 groups: three panels, one per precision"
    drawn = sum(len(ax.get_lines()) for ax in axes)
    assert drawn == 15, f"every group drawn, got {drawn}"
    assert axes[0].get_ylabel() == "lim: total energy (J)"
    assert axes[0].get_xlabel() == "parameters N"
    assert [ax.get_title() for ax in axes] == ["precision b 8 bits", "precision b 16 bits", "precision b 32 bits"]
    assert "training time 1 d" in legend_labels(fig)


def test_human_labels():
    assert figures_study.human("paradigms.cim.walls.update_J") == "cim: update wall (J)"
    assert figures_study.human("train.eta") == "learning rate eta"
    assert figures_study.human("heat_kT") == "heat (kT)"
    assert figures_study.value_text("train-time", 2592000.0) == "training time 30 d"
    assert figures_common.duration_text(3600) == "1 h"
