#!/usr/bin/env python3
"""limen against NumPy on the same ensemble (issue 3): a quartic double well
U = E_b ((x/x0)^2 - 1)^2 with E_b = 5 kT, x0 = 1, kT = gamma = 1, Euler-Maruyama, dt = 1e-3,
1e6 particles x 1000 steps by default. Prints particle-steps per second of

  numpy       x += mu F(x) dt + sqrt(2 mu kT dt) * rng.standard_normal(N)   (in place, PCG64)
  limen       `limen simulate` on the same ensemble (also tracks work and heat per particle), 1 and 2 threads
  roofline    only the Gaussian numbers limen's step consumes (bench_physics Roofline), 1 and 2 threads

and the ratios: limen / numpy, limen / roofline, 2 threads / 1 thread (each rate the best of
--repeat runs, since the machine may be shared).
Run with Debian's interpreter (it has NumPy):
  /usr/bin/python3 bench/compare_numpy.py --limen build/limen --bench build/bench/bench_physics
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def numpy_rate(n, steps, dt, eb, seed):
    rng = np.random.default_rng(seed)
    x = np.where(rng.random(n) < 0.5, -1.0, 1.0) + 0.1 * rng.standard_normal(n)
    amp = np.sqrt(2.0 * dt)
    f = np.empty(n)
    noise = np.empty(n)
    t0 = time.perf_counter()
    for _ in range(steps):
        # F = -dU/dx = -4 E_b x (x^2 - 1), computed in place
        np.multiply(x, x, out=f)
        f -= 1.0
        f *= x
        f *= -4.0 * eb * dt
        rng.standard_normal(n, out=noise)
        noise *= amp
        x += f
        x += noise
    elapsed = time.perf_counter() - t0
    return n * steps / elapsed, float(np.mean(x * x))


def limen_rate(limen, n, steps, dt, eb, seed, threads):
    cfg = f"""[run]
particles = {n}
dt = {dt}
duration = {steps * dt}
seed = {seed}
[potential]
kind = "double-well"
barrier = {eb}
half_width = 1.0
"""
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(cfg)
        path = f.name
    try:
        out = subprocess.run([limen, "--quiet", "simulate", path, "--format", "json", "--threads", str(threads)],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    j = json.loads(out)
    return j["timing"]["particle_steps_per_second"]


def roofline(bench):
    out = subprocess.run([bench, "--benchmark_filter=Roofline", "--benchmark_format=json", "--benchmark_min_time=1"],
                         check=True, capture_output=True, text=True).stdout
    rates = {}
    for b in json.loads(out)["benchmarks"]:
        threads = int(b["name"].split("/")[1])
        rates[threads] = b["items_per_second"]
    return rates


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limen", default="build/limen")
    p.add_argument("--bench", default="build/bench/bench_physics")
    p.add_argument("--particles", type=int, default=1_000_000)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--numpy-steps", type=int, default=0, help="steps for NumPy (default: --steps)")
    p.add_argument("--repeat", type=int, default=3,
                   help="best of this many runs of each measurement (the machine may be shared)")
    a = p.parse_args()
    dt, eb, seed = 1e-3, 5.0, 7
    np_steps = a.numpy_steps or a.steps
    print(f"double well E_b = {eb} kT, Euler-Maruyama dt = {dt}, {a.particles:.0e} particles x {a.steps} steps",
          flush=True)
    best = lambda f: max(f() for _ in range(a.repeat))
    r_np, m2 = max(numpy_rate(a.particles, np_steps, dt, eb, seed) for _ in range(a.repeat))
    print(f"numpy           {r_np:12.4g} particle-steps/s   (<x^2> = {m2:.4f}, {np_steps} steps)", flush=True)
    r1 = best(lambda: limen_rate(a.limen, a.particles, a.steps, dt, eb, seed, 1))
    print(f"limen 1 thread  {r1:12.4g} particle-steps/s", flush=True)
    r2 = best(lambda: limen_rate(a.limen, a.particles, a.steps, dt, eb, seed, 2))
    print(f"limen 2 threads {r2:12.4g} particle-steps/s", flush=True)
    runs = [roofline(a.bench) for _ in range(a.repeat)]
    roof = {t: max(r[t] for r in runs) for t in runs[0]}
    print(f"roofline        {roof.get(1, float('nan')):12.4g} normals/s (1 thread), "
          f"{roof.get(2, float('nan')):.4g} (2 threads)", flush=True)
    print()
    print(f"limen / numpy (1 thread)     {r1 / r_np:8.1f}x   (target >= 30x)")
    print(f"limen / numpy (2 threads)    {r2 / r_np:8.1f}x")
    print(f"limen / roofline (1 thread)  {100 * r1 / roof[1]:8.1f}%   (target >= 50%)")
    print(f"limen / roofline (2 threads) {100 * r2 / roof[2]:8.1f}%")
    print(f"2 threads / 1 thread         {r2 / r1:8.2f}x   (target >= 1.8x; cores free: {os.cpu_count()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
