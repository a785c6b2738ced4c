"""The limen HTML report: figures drawn with matplotlib (Debian's python3-matplotlib), written as
PNG and SVG beside a self-contained index.html (the PNGs are also embedded, so the page needs no
other file and no network).

Two ways in:
  * ``limen report --output DIR`` (the CLI gathers the data with the library and runs
    ``/usr/bin/python3 python/limen/report.py DATA.json DIR``);
  * ``limen.report.build(DIR, model="brain-scale", ...)`` from Python (same data, same figures).
"""
from __future__ import annotations

import base64
import html
import json
import os
import sys
from typing import Any

try:
    from . import figures
    from .figures import WALLS
    from .figures_checks import distinct_ids, kind
    from .figures_cnn import kind as energy_kind
except ImportError:  # run as a script: python3 python/limen/report.py DATA.json OUTDIR
    import figures  # type: ignore[no-redef]
    from figures import WALLS  # type: ignore[no-redef]
    from figures_checks import distinct_ids, kind  # type: ignore[no-redef]
    from figures_cnn import kind as energy_kind  # type: ignore[no-redef]

def _assumptions(ladder: dict) -> str:
    w, c = ladder["workload"], ladder["constants"]
    return (f"{w['name']}: N = {w['N']:.3g} parameters, D = {w['D']:.3g} samples, F = {w['F']:.3g} FLOP, "
            f"B = {w['B']:.3g}, b = {w['b']} bits, T_train = {w['T_train_s'] / 86400:.3g} d, P = {w['P']:.3g}; "
            f"T = {c['temperature_K']:.4g} K, tau_0 = {c['tau0_s']:.3g} s, tau_D = {c['tau_D_s']:.3g} s, "
            f"long-term barrier {c['barrier_long_kT']:.3g} kT (retention {c['retention_long_s'] / 3.15576e7:.3g} y, "
            f"p = {c['error_prob']:.3g}), MFU = {c['mfu']:.3g}, PUE = {c['pue']:.3g}")


CSS = """body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.4}
figure{margin:1.5em 0}figcaption{font-size:0.9em;color:#444}img{max-width:100%;border:1px solid #eee}
table{border-collapse:collapse;font-size:0.85em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
th{background:#f4f4f4}td:first-child{text-align:left}.fail{color:#b00;font-weight:bold}.pass{color:#070}"""


def _figure_html(outdir: str, fig: dict, title: str, caption: str) -> str:
    with open(os.path.join(outdir, fig["png"]), "rb") as f:
        data = base64.b64encode(f.read()).decode("ascii")
    return (f'<figure id="{fig["png"][:-4]}"><h2>{html.escape(title)}</h2>'
            f'<img alt="{html.escape(title)}" src="data:image/png;base64,{data}">'
            f'<figcaption>{html.escape(caption)} Files: <a href="{fig["png"]}">{fig["png"]}</a>, '
            f'<a href="{fig["svg"]}">{fig["svg"]}</a>.</figcaption></figure>')


def _ladder_table(ladder: dict) -> str:
    head = "<tr><th>paradigm</th><th>total (J)</th><th>compute (J)</th><th>memory (J)</th><th>update (J)</th>" \
           "<th>consolidation (J)</th><th>x lim</th></tr>"
    rows = "".join(
        f"<tr><td>{html.escape(p['name'])}</td><td>{p['total_J']:.3g}</td>"
        + "".join(f"<td>{p['walls'].get(k, 0):.3g}</td>" for k, _ in WALLS)
        + f"<td>{p.get('ratio_to_lim', float('nan')):.3g}</td></tr>" for p in ladder["paradigms"])
    return f"<table>{head}{rows}</table>"


def _validation_table(v: dict) -> str:
    head = ("<tr><th>check</th><th>kind</th><th>expected</th><th>measured</th><th>tolerance</th><th>result</th>"
            "<th>detail</th></tr>")
    rel = {"equality": "=", "inequality": ">=", "absolute": "= 0"}
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{rel[kind(c)]}</td><td>{c['expected']:.4g}</td><td>{c['measured']:.4g}</td>"
        f"<td>{c.get('margin', c['tolerance']) if kind(c) == 'inequality' else c['tolerance']:.3g}</td>"
        f"<td class=\"{'pass' if c['pass'] else 'fail'}\">{'pass' if c['pass'] else 'FAIL'}</td>"
        f"<td style=\"text-align:left\">{html.escape(str(c.get('detail', '')))}</td></tr>"
        for name, c in zip(distinct_ids(v["checks"]), v["checks"]))
    return f"<table>{head}{rows}</table>"


def _cnn_table(cnn: dict) -> str:
    """One row per memory of the CNN comparison; heat and device energy named apart; a bound <= 0
    has no E/bound, and its note says why."""
    replicas = f" ({cnn['replicas']} replicas)" if "replicas" in cnn else ""
    head = ("<tr><th style=\"text-align:left\">memory</th><th>energy is</th><th>test accuracy</th><th>energy (J)</th><th>bound (J)</th>"
            f"<th>E/bound</th><th>pulses / param</th><th>wall (s){replicas}</th>"
            "<th style=\"text-align:left\">note</th></tr>")
    what = {"heat": "heat (Sekimoto)", "device": "device energy"}
    num = "<td style=\"white-space:nowrap\">"
    note = "<td style=\"text-align:left;font-size:0.9em\">"
    rows = []
    for r in cnn["results"]:
        name = num + html.escape(r["memory"]) + "</td>"
        if "refused" in r:
            rows.append(f"<tr>{name}<td colspan=\"7\" style=\"text-align:center\">refused</td>"
                        f"{note}{html.escape(r['refused'])}</td></tr>")
            continue
        ratio = r.get("energy_over_bound")
        device = energy_kind(r) == "device"
        cells = [what[energy_kind(r)], f"{r['test_accuracy']:.4f}", f"{r['energy_J']:.3g}", f"{r['bound_J']:.3g}",
                 "undefined" if ratio is None else f"{ratio:.3g}",
                 f"{r['pulses_per_parameter']:.4g}" if device else "-", f"{r['seconds']:.1f}"]
        rows.append(f"<tr>{name}" + "".join(f"{num}{c}</td>" for c in cells)
                    + f"{note}{html.escape(r.get('bound_note') or '')}</td></tr>")
    return f"<table id=\"cnn-table\">{head}{''.join(rows)}</table>"


def _stage(name: str, done: int, total: int) -> None:
    """One line per figure on stderr when it is a terminal (the C++ side's bar ends before drawing)."""
    if sys.stderr.isatty() and not os.environ.get("LIMEN_QUIET"):
        print(f"report: drawing {name} ({done + 1}/{total})", file=sys.stderr, flush=True)


def render(data: dict, outdir: str) -> str:
    """Draws every figure the data allows and writes outdir/index.html; returns its path."""
    os.makedirs(outdir, exist_ok=True)
    total = 3 + sum(bool(data.get(k)) for k in ("validation", "train", "study", "cnn"))
    step = iter(range(total))
    ladder = data["ladder"]
    assumptions = _assumptions(ladder)
    parts = [f"<h1>limen report: {html.escape(ladder['workload']['name'])}</h1>",
             f"<p>Lower bounds and estimates of the energy to train this workload (THEORY.md sections 2-5). "
             f"Assumptions: {html.escape(assumptions)}.</p>", _ladder_table(ladder)]
    _stage("the energy ladder", next(step), total)
    figs = figures.ladder_figure(ladder, outdir)
    parts.append(_figure_html(outdir, figs, "Energy ladder",
                              "Left: each paradigm's total training energy on a log scale (the magnitude). Right: the same "
                              "total split into its walls (compute, memory, update, consolidation; THEORY.md section 4) as "
                              "linear shares, drawn to scale; walls under 1% of a total are written out at the right of its "
                              "bar. hw: bars use each chip's board power and peak rate at the MFU and PUE given (board "
                              f"energy, not separable into walls). {assumptions}."))
    _stage("energy vs model size", next(step), total)
    figs = figures.size_figure(data["size"], data["catalog"], ladder, outdir)
    parts.append(_figure_html(outdir, figs, "Energy vs model size",
                              f"Top: lines, N varied from 1e6 to 1e16 with every other quantity of {ladder['workload']['name']} "
                              "held (D, b, B, T_train, device); each paradigm has its own colour, marker and dash. Dots with a "
                              "black edge: the catalog's models, each at its own N, D and F with the same flags (so the dots "
                              "need not sit on the lines), named above the plot with leader lines to their N. Bottom: each "
                              "paradigm over lim at the same N, which separates lines that coincide on the top panel."))
    _stage("energy vs training time", next(step), total)
    figs = figures.time_figure(data["time"], data.get("tradeoff"), outdir)
    cap = ("the ladder as the wall-clock training time varies from 1 hour to 10 years, each paradigm's energy "
           "relative to its own at 10 years (the finite-time cost of THEORY.md section 3.2); paradigms that do not "
           "depend on the training time (accelerators, process nodes) share one flat line, named in the legend.")
    cap = "Left: " + cap if data.get("tradeoff") else cap[0].upper() + cap[1:]
    if data.get("tradeoff"):
        cap += (" Right: the training simulator's heat (solid) and the section 5 bound (dashed) for each barrier "
                "schedule, as the training time is varied at fixed target precision (limen tradeoff); open markers: "
                "runs that did not reach the target within their time; bounds at or below zero cannot sit on the log "
                "axis and are listed in the panel instead.")
    parts.append(_figure_html(outdir, figs, "Energy vs training time", cap))
    if data.get("validation"):
        v = data["validation"]
        _stage("validation", next(step), total)
        figs = figures.validation_figure(v, outdir)
        parts.append(_figure_html(outdir, figs, "Validation",
                                  "Each check of THEORY.md section 7, one row per case. Top: the measurement's distance from the "
                                  "closed form in units of the check's tolerance (dot: green passes, red fails; an arrow and the "
                                  "value when off the axis). Equalities pass inside the grey band [-1, 1]; inequalities (a bound "
                                  "the measurement must reach, such as transport-bound) pass anywhere right of the bound's "
                                  "margin, the green one-sided region. Bottom: checks whose expected value is zero (first-law), "
                                  "as the absolute residual on a log scale against the tolerance "
                                  f"(level: {v.get('level', 'given')})."))
        parts.append(_validation_table(v))
    if data.get("train"):
        _stage("training curves", next(step), total)
        figs = figures.training_figure(data["train"], outdir)
        parts.append(_figure_html(outdir, figs, "Training curves",
                                  f"Loss and cumulative heat (kT, at the memory's temperature) against the update step of "
                                  f"replica 0 of the training run {data['train'].get('source', '')} (THEORY.md section 5)."))
    if data.get("study"):
        _stage("the study", next(step), total)
        figs = figures.study_figure(data["study"], outdir)
        if figs:
            parts.append(_figure_html(outdir, figs, f"Study: {data['study'].get('study', '')}",
                                      "The study's first result columns (at most four, one row of panels each) against its "
                                      "widest numeric axis, one line per setting of the other axes; every group is drawn, in "
                                      "panels of at most ten lines (one per value of the first other axis) when there are more. "
                                      "Where the groups lie within 3x of one another along a column that spans over two "
                                      "decades (a log axis would draw them as one line), each is drawn relative to the "
                                      "panel's first group, whose own values are written in the panel. "
                                      "All values in results.csv and results.json (limen sweep)."))
    if data.get("cnn"):
        cnn = data["cnn"]
        _stage("the CNN device comparison", next(step), total)
        figs = figures.cnn_figure(cnn, outdir)
        setup = ", ".join(f"{k} {cnn[k]}" for k in ("steps", "batch", "lr", "dt", "replicas") if k in cnn)
        parts.append(_figure_html(outdir, figs, "CNN on memory devices: test accuracy vs energy",
                                  "Test accuracy of the CNN trained through limen.torch in each memory against the energy "
                                  "of that memory over the training run (log scale). Two different quantities share the "
                                  "axis: triangles are the heat of a barrier memory (LIM matched, a static barrier; "
                                  "Sekimoto, THEORY.md 5.3), circles the energy of a device from its catalog figures "
                                  "(pulses x write energy + reads x read energy), which includes no thermodynamic "
                                  "accounting. Hollow markers joined by a dotted line: the THEORY.md 5.6 bound of the "
                                  "same run (the replicas' per-parameter densities at start and end), drawn where it is "
                                  "positive. A memory with no energy model (the ideal device, 0 J) is a dashed "
                                  "line; bounds <= 0 and refused memories are listed under the plot and in the table. "
                                  f"Run: {setup}; {cnn.get('source', '')}."))
        parts.append(_cnn_table(cnn))
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>limen report</title>"
            f"<style>{CSS}</style></head><body>" + "\n".join(parts) + "</body></html>\n")
    index = os.path.join(outdir, "index.html")
    with open(index, "w", encoding="utf-8") as f:
        f.write(page)
    return index


def build(output: str = "limen-report", *, model: str = "brain-scale", validation: str = "quick", train: str = "",
          tradeoff: str = "", study: str = "", cnn: str = "", threads: int = 0, **flags: Any) -> str:
    """Gathers the report's data with the compiled module (the same code as ``limen report``) and
    writes ``output/index.html``; ``flags`` are extra ``limen project`` flags (``train_time="10d"``)."""
    from . import _flags, _limen

    os.makedirs(output, exist_ok=True)
    data = json.loads(_limen.report_data_json(model, _flags(flags), validation, os.fspath(train), os.fspath(tradeoff),
                                              os.fspath(study), output, int(threads), os.fspath(cnn)))
    return render(data, output)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: report.py DATA.json OUTDIR", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        data = json.load(f)
    print(render(data, argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
