"""Writes synthetic_pulses.csv: a conductance-vs-pulse sweep GENERATED from stated parameters (not a
measurement; limen ships no measured data), so that limen.device_fit can be checked against the
values it should recover. Model: the linear-step response of README "Device memories" in units
w in [-1, 1], mapped to conductance G = G_min + (w + 1) / 2 (G_max - G_min).

    python3 examples/devices/make_synthetic.py   # rewrites synthetic_pulses.csv beside this file
"""
import os

import numpy as np

G_MIN, G_MAX = 1e-6, 1e-5          # S
DW_UP, DW_DOWN = 0.021, 0.017      # normalised steps
GAMMA_UP, GAMMA_DOWN = 0.6, 0.4
C2C = 0.1                          # additive noise sd, in units of the mean step
PULSES, CYCLES, SEED = 150, 3, 11

rng = np.random.default_rng(SEED)
dw = (DW_UP + DW_DOWN) / 2
w = -1.0
rows = [(0, "up", w)]
pulse = 0
for _ in range(CYCLES):
    for d in ("up", "down"):
        for _ in range(PULSES):
            if d == "up":
                w += DW_UP * (1 - GAMMA_UP * w) + C2C * dw * rng.standard_normal()
            else:
                w -= DW_DOWN * (1 + GAMMA_DOWN * w) + C2C * dw * rng.standard_normal()
            w = min(1.0, max(-1.0, w))
            pulse += 1
            rows.append((pulse, d, w))
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "synthetic_pulses.csv")
with open(out, "w") as f:
    f.write("pulse,direction,conductance\n")
    for p, d, x in rows:
        f.write(f"{p},{d},{G_MIN + (x + 1) / 2 * (G_MAX - G_MIN):.9e}\n")
print(f"wrote {out}: {len(rows)} rows")
