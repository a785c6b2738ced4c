#!/usr/bin/env python3
"""The energy ladder from Python: the brain-scale workload, how LIM and an H100 move with the
training time, a small simulation, and the HTML report.

Run with Debian's interpreter (it sees python3-numpy and python3-matplotlib) after building:
    PYTHONPATH=build/python /usr/bin/python3 examples/python_ladder.py [OUTPUT_DIR]
"""
import os
import sys

import numpy as np

import limen

out = sys.argv[1] if len(sys.argv) > 1 else "python-ladder-report"

# 1. The ladder of THEORY.md section 4: the same dict as `limen project --format json`.
ladder = limen.project("brain-scale")
totals = {p["name"]: p["total_J"] for p in ladder["paradigms"]}
print(f"brain-scale, 30 days: Landauer {totals['landauer']:.3g} J, LIM {totals['lim']:.3g} J, "
      f"CIM {totals['cim']:.3g} J, H100 {totals['hw:h100']:.3g} J (MFU 0.4)")

# 2. Keywords are the CLI's flags (underscores for dashes); NumPy values are fine.
for days in np.geomspace(1, 1000, 4):
    doc = limen.project("brain-scale", train_time=f"{days:.6g}d", paradigm=["lim", "hw"], hardware="h100", mfu=1.0)
    e = {p["name"]: p["total_J"] for p in doc["paradigms"]}
    print(f"  T_train = {days:7.1f} d: LIM {e['lim']:.4g} J, H100 hardware bound {e['hw:h100']:.4g} J")

# 3. Every model of the catalog, at the physics floor.
for name, model in limen.workloads().items():
    lim = next(p["total_J"] for p in limen.project(name, paradigm="lim")["paradigms"])
    print(f"  {name:15s} N = {model['params']:.3g}: LIM floor {lim:.3g} J")

# 4. A simulation from a dict (same tables and keys as examples/simulate-drag.toml).
sim = limen.simulate({
    "run": {"particles": 20000, "dt": 1e-3, "duration": 2.0, "seed": 5},
    "potential": {"kind": "harmonic", "stiffness": 1.0, "center": 0.0},
    "protocol": {"center": {"times": np.array([0.0, 2.0]), "values": np.array([0.0, 5.0])}},
}, trajectories=True)
L, tf = 5.0, 2.0
exact = L**2 / tf * (1 - (1 - np.exp(-tf)) / tf)  # THEORY.md section 7, drag-linear (k = gamma = kT = 1)
print(f"drag over t_f = 2: <W> = {sim['work_kT']['mean']:.4f} +- {sim['work_kT']['stderr']:.4f} kT "
      f"(closed form {exact:.4f} kT); {len(next(iter(sim['trajectories'].values())))} trajectories as NumPy arrays")

# 5. The HTML report (figures as PNG and SVG beside index.html).
index = limen.report.build(out, model="brain-scale", validation="none")
print("report:", os.path.abspath(index))
