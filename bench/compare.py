#!/usr/bin/env python3
"""limen against what a researcher writes instead, in one run (issue 12).

ensemble mode (default): a quartic double well U = E_b ((x/x0)^2 - 1)^2 - f x, E_b = 5 kT, x0 = 1,
kT = gamma = 1, tilt f ramped 0 -> 1 over the run, Euler-Maruyama dt = 1e-3, particles start in
equilibrium. Every engine books the Sekimoto work W += U(x, f_{n+1}) - U(x, f_n) per particle
(limen and numba also the heat). Prints particle-steps per second of

  limen gaussian     `limen simulate` ([run] noise = "gaussian"), reproducible = "portable" (and "host"), 1 and 2 threads
  limen three-point  `limen simulate` ([run] noise = "three-point"), portable, 1 and 2 threads
  baseline           an older limen binary (--baseline PATH), Gaussian, 1 and 2 threads
  numpy              in-place NumPy Euler-Maruyama over the whole ensemble, work ledger (PCG64 normals)
  numba              an @njit loop over steps and particles, work and heat ledger (numba's normals);
                     skipped with a message when numba is absent (Debian: python3-numba)
  roofline           only the Gaussian numbers limen's step consumes (bench_physics Roofline), if --bench

checks that every engine's mean work agrees with limen gaussian's within 3 combined SE, and prints
the ratios. Each rate is the median of --repeat rounds, each round running every engine once (the
machine may be shared: the load average is printed before and after).

train mode (--train): parameter-steps per second (parameters x replicas x steps / wall seconds) of
`limen train examples/train-digits-matched.toml --threads 1` against plain NumPy minibatch SGD of
the same model (softmax regression, 64 pixels -> 10 classes, 650 parameters), batch, steps and
replicas, one thread each (OPENBLAS_NUM_THREADS=1).

Run with Debian's interpreter (it has NumPy and numba):
  /usr/bin/python3 bench/compare.py --limen build/limen [--baseline ../base/build/limen] [--bench build/bench/bench_physics]
  /usr/bin/python3 bench/compare.py --train --limen build/limen [--baseline ../base/build/limen]
"""
import argparse
import gzip
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one-thread NumPy (set before its import)
import numpy as np

try:
    import numba
except ImportError:  # reported in main()
    numba = None

EB, X0, DT, F_END = 5.0, 1.0, 1e-3, 1.0


# ---------------------------------------------------------------- ensemble mode
def equilibrium(n, seed):
    """Boltzmann samples of the untilted double well (kT = 1) by inverse CDF on a fine grid."""
    g = np.linspace(-3.0, 3.0, 60001)
    p = np.exp(-EB * ((g / X0) ** 2 - 1.0) ** 2)
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (p[1:] + p[:-1]))])
    cdf /= cdf[-1]
    return np.interp(np.random.default_rng(seed).random(n), cdf, g)


def numpy_run(n, steps, seed):
    rng = np.random.default_rng(seed)
    x = equilibrium(n, seed + 1)
    w = np.zeros(n)
    f = np.empty(n)
    noise = np.empty(n)
    amp, df = math.sqrt(2.0 * DT), F_END / steps
    t0 = time.perf_counter()
    for s in range(steps):
        tilt = s * df
        # F = -dU/dx = -4 E_b x (x^2 - 1) / x0^2 + tilt, in place
        np.multiply(x, x, out=f)
        f -= 1.0
        f *= x
        f *= -4.0 * EB * DT
        f += tilt * DT
        rng.standard_normal(n, out=noise)
        noise *= amp
        x += f
        x += noise
        w -= df * x  # W += U(x, f + df) - U(x, f) = -df x
    elapsed = time.perf_counter() - t0
    return n * steps / elapsed, float(w.mean()), float(w.std(ddof=1) / math.sqrt(n))


if numba is not None:
    @numba.njit(cache=False)
    def _numba_loop(x, w, q, steps, seed):
        np.random.seed(seed)
        amp, df = math.sqrt(2.0 * DT), F_END / steps
        for s in range(steps):
            tilt = s * df
            for i in range(x.size):
                xi = x[i]
                y = xi / X0
                force = -4.0 * EB / X0 * y * (y * y - 1.0) + tilt
                u_old = EB * (y * y - 1.0) ** 2 - tilt * xi
                xn = xi + force * DT + amp * np.random.standard_normal()
                yn = xn / X0
                u_new = EB * (yn * yn - 1.0) ** 2 - tilt * xn
                q[i] -= u_new - u_old
                w[i] -= df * xn
                x[i] = xn


def numba_run(n, steps, seed):
    x = equilibrium(n, seed + 1)
    w, q = np.zeros(n), np.zeros(n)
    _numba_loop(x[:8].copy(), w[:8].copy(), q[:8].copy(), 2, seed)  # compile outside the timing
    t0 = time.perf_counter()
    _numba_loop(x, w, q, steps, seed)
    elapsed = time.perf_counter() - t0
    return n * steps / elapsed, float(w.mean()), float(w.std(ddof=1) / math.sqrt(n))


def limen_config(n, steps, seed, noise, reproducible):
    text = f"""[run]
particles = {n}
dt = {DT}
duration = {steps * DT}
seed = {seed}
"""
    if noise != "gaussian":  # an old binary (--baseline) knows neither key
        text += f'noise = "{noise}"\n'
    if reproducible != "portable":
        text += f'reproducible = "{reproducible}"\n'
    text += f"""[potential]
kind = "double-well"
barrier = {EB}
half_width = {X0}
[protocol]
tilt = {{ times = [0.0, {steps * DT}], values = [0.0, {F_END}] }}
"""
    return text


def limen_run(binary, n, steps, seed, threads, noise="gaussian", reproducible="portable"):
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(limen_config(n, steps, seed, noise, reproducible))
        path = f.name
    try:
        out = subprocess.run([binary, "--quiet", "simulate", path, "--format", "json", "--threads", str(threads)],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    j = json.loads(out)
    return j["timing"]["particle_steps_per_second"], j["work_kT"]["mean"], j["work_kT"]["stderr"]


def roofline(bench):
    out = subprocess.run([bench, "--benchmark_filter=Roofline", "--benchmark_format=json", "--benchmark_min_time=1"],
                         check=True, capture_output=True, text=True).stdout
    return {int(b["name"].split("/")[1]): b["items_per_second"] for b in json.loads(out)["benchmarks"]}


def ensemble_mode(a):
    n, steps, seed = a.particles, a.steps, 7
    npy = a.py_particles
    print(f"double well E_b = {EB} kT, tilt 0 -> {F_END} kT/x0, Euler-Maruyama dt = {DT}, {steps} steps; "
          f"limen {n:.0e} particles, NumPy/numba {npy:.0e}; median of {a.repeat}; load {os.getloadavg()[0]:.2f}",
          flush=True)
    rows = {}  # name -> (rate, mean work, SE)
    # Every engine once per round, rounds repeated: a load that comes and goes hits them alike.
    engines = []
    for threads in (1, 2):
        engines.append((f"limen gaussian {threads}T", lambda t=threads: limen_run(a.limen, n, steps, seed, t)))
        engines.append((f"limen three-point {threads}T",
                        lambda t=threads: limen_run(a.limen, n, steps, seed, t, "three-point")))
        engines.append((f"limen gaussian host {threads}T",
                        lambda t=threads: limen_run(a.limen, n, steps, seed, t, "gaussian", "host")))
        if a.baseline:
            engines.append((f"baseline gaussian {threads}T", lambda t=threads: limen_run(a.baseline, n, steps, seed, t)))
    engines.append(("numpy 1T", lambda: numpy_run(npy, steps, seed)))
    if numba is None:
        print("  numba: not installed (Debian: apt-get install python3-numba); skipped", flush=True)
    else:
        engines.append(("numba 1T", lambda: numba_run(npy, steps, seed)))
    runs = {name: [] for name, _ in engines}
    for _ in range(a.repeat):
        for name, fn in engines:
            runs[name].append(fn())
    for name, _ in engines:
        r = runs[name]
        rows[name] = (statistics.median(x[0] for x in r), r[0][1], r[0][2])
        print(f"  {name:28s} {rows[name][0]:10.4g} particle-steps/s   <W> = {rows[name][1]:+.5f} +- {rows[name][2]:.5f}"
              f"   (runs: {', '.join(f'{x[0]:.3g}' for x in r)})", flush=True)
    roof = None
    if a.bench and os.path.exists(a.bench):
        roof_runs = [roofline(a.bench) for _ in range(a.repeat)]
        roof = {t: statistics.median(r[t] for r in roof_runs) for t in roof_runs[0]}
        print(f"  {'roofline (normals only)':28s} {roof[1]:10.4g} normals/s (1T), {roof.get(2, float('nan')):.4g} (2T)")
    else:
        print("  roofline: no bench_physics (--bench); skipped")

    print("\nagreement of mean work with limen gaussian 1T (within 3 combined SE):")
    ok = True
    _, w_ref, se_ref = rows["limen gaussian 1T"]
    for name, (_, w, se) in rows.items():
        tol = 3.0 * math.hypot(se, se_ref)
        good = abs(w - w_ref) <= tol
        ok &= good
        print(f"  {name:28s} {w - w_ref:+.5f} (tol {tol:.5f}) {'ok' if good else 'DISAGREES'}")

    r = lambda k: rows[k][0] if k in rows else float("nan")

    def paired(x, y):  # median over rounds of the ratio within a round (the load drifts between rounds)
        if x not in runs or y not in runs:
            return float("nan")
        return statistics.median(p[0] / q[0] for p, q in zip(runs[x], runs[y]))

    print("\nratios, 1 thread: of the median rates | median of the per-round ratios (targets of issue 12):")
    for x, y, target in (("limen three-point", "numba", "[>= 15x]"), ("limen three-point", "limen gaussian", "[>= 3x]"),
                         ("limen gaussian", "baseline gaussian", "[>= 1.3x, portable]"),
                         ("limen gaussian host", "limen gaussian", ""), ("limen gaussian", "numba", ""),
                         ("limen gaussian", "numpy", ""), ("numba", "numpy", "")):
        print(f"  {x + ' / ' + y:40s} {r(x + ' 1T') / r(y + ' 1T'):7.2f}x | {paired(x + ' 1T', y + ' 1T'):7.2f}x   {target}")
    if roof:
        print(f"  limen gaussian / roofline             {100 * r('limen gaussian 1T') / roof[1]:8.1f}%")
    for k in ("limen gaussian", "limen three-point", "baseline gaussian"):
        if f"{k} 2T" in rows:
            print(f"  {k} 2T / 1T{'':{22 - len(k)}s}{r(k + ' 2T') / r(k + ' 1T'):8.2f}x   (cores: {os.cpu_count()})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


# ---------------------------------------------------------------- train mode
def read_toml(path):
    import tomllib  # Python >= 3.11
    with open(path, "rb") as f:
        return tomllib.load(f)


def digits(root):
    with gzip.open(os.path.join(root, "data", "datasets", "digits.csv.gz"), "rt") as f:
        d = np.loadtxt(f, delimiter=",")
    x, y = d[:, :64], d[:, 64].astype(int)
    return x / x.max(), y  # normalize = "max"


def numpy_sgd(x, y, steps, batch, replicas, lr, spread, seed):
    """Plain minibatch SGD of softmax regression (W: 64 x 10, b: 10), `replicas` independent runs."""
    rng = np.random.default_rng(seed)
    n, d = x.shape
    k = 10
    onehot = np.eye(k)[y]
    t0 = time.perf_counter()
    acc = []
    for _ in range(replicas):
        W = spread * rng.standard_normal((d, k))
        b = spread * rng.standard_normal(k)
        for _ in range(steps):
            idx = rng.integers(0, n, batch)
            xb = x[idx]
            z = xb @ W + b
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            g = (p - onehot[idx]) / batch
            W -= lr * (xb.T @ g)
            b -= lr * g.sum(axis=0)
        acc.append(float(((x @ W + b).argmax(axis=1) == y).mean()))
    return time.perf_counter() - t0, statistics.mean(acc)


def train_mode(a):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cfg_path = os.path.join(root, "examples", "train-digits-matched.toml")
    cfg = read_toml(cfg_path)
    tr = cfg["train"]
    steps, batch, replicas = tr["steps"], tr["batch"], tr.get("replicas", 1)
    assert cfg["model"]["kind"] == "softmax" and cfg["data"]["source"] == "digits"
    params = 64 * 10 + 10
    x, y = digits(root)
    print(f"train: softmax regression on digits, {params} parameters x {replicas} replicas x {steps} steps, "
          f"batch {batch}; median of {a.repeat}; load {os.getloadavg()[0]:.2f}", flush=True)
    lr = tr["eta"] * tr["time"] / steps  # the gradient-flow step of the config (eta dt)
    # limen and (with --baseline) an older limen, interleaved per round; wall and CPU seconds of the
    # child (CPU time moves less with the other load on a shared machine).
    engines = [("limen", a.limen)] + ([("baseline", a.baseline)] if a.baseline else [])
    wall = {k: [] for k, _ in engines}
    cpu = {k: [] for k, _ in engines}
    heat = {}
    for _ in range(a.repeat):
        for name, binary in engines:
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            out = subprocess.run([binary, "--quiet", "train", cfg_path, "--format", "json", "--threads", "1"], check=True,
                                 capture_output=True, text=True).stdout
            wall[name].append(time.perf_counter() - t0)
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append((c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime))
            heat[name] = json.loads(out)["heat_J"]
    secs = wall["limen"]
    r_limen = params * replicas * steps / statistics.median(secs)
    print(f"  limen train (CLI, wall)   {r_limen:10.4g} parameter-steps/s  ({statistics.median(secs):.2f} s wall, "
          f"{statistics.median(cpu['limen']):.2f} s CPU)")
    if a.baseline:
        rb = params * replicas * steps / statistics.median(wall["baseline"])
        print(f"  baseline train (wall)     {rb:10.4g} parameter-steps/s  ({statistics.median(wall['baseline']):.2f} s wall, "
              f"{statistics.median(cpu['baseline']):.2f} s CPU)")
        paired = [b / l for b, l in zip(cpu["baseline"], cpu["limen"])]
        print(f"  limen / baseline          {statistics.median(cpu['baseline']) / statistics.median(cpu['limen']):8.2f}x CPU "
              f"(paired per round: {', '.join(f'{x:.2f}' for x in paired)}), "
              f"{statistics.median(wall['baseline']) / statistics.median(secs):.2f}x wall   [>= 2x]")
        print(f"  heat_J limen {heat['limen']:.16g}, baseline {heat['baseline']:.16g} (the baseline may predate "
              f"physics changes; the split is checked against split_every = 1 below)")
    # The sampled heat split against the exact one (every step), same binary and seed.
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(open(cfg_path).read().replace("[train]\n", "[train]\nsplit_every = 1\n", 1))
        exact_cfg = f.name
    try:
        sampled = json.loads(subprocess.run([a.limen, "--quiet", "train", cfg_path, "--format", "json", "--threads", "1"],
                                            check=True, capture_output=True, text=True).stdout)
        exact = json.loads(subprocess.run([a.limen, "--quiet", "train", exact_cfg, "--format", "json", "--threads", "1"],
                                          check=True, capture_output=True, text=True).stdout)
    finally:
        os.unlink(exact_cfg)
    z = (sampled["heat_drive_J"] - exact["heat_drive_J"]) / sampled["heat_split_se_J"]
    print(f"  heat split (split_every = {sampled['split_every']}): heat_J {sampled['heat_J'] / exact['heat_J'] - 1:.1e} "
          f"relative to every step [<= 1e-12]; drive {sampled['heat_drive_J']:.4g} J against {exact['heat_drive_J']:.4g} J, "
          f"{z:+.2f} SE (SE {sampled['heat_split_se_J'] / exact['heat_drive_J']:.1%})")
    runs = [numpy_sgd(x, y, steps, batch, replicas, lr, cfg["model"].get("init_spread", 0.5), 1)
            for _ in range(a.repeat)]
    t_np = statistics.median(r[0] for r in runs)
    r_np = params * replicas * steps / t_np
    print(f"  numpy minibatch SGD       {r_np:10.4g} parameter-steps/s  ({t_np:.2f} s; train accuracy "
          f"{runs[0][1]:.3f})")
    print(f"\n  limen / numpy             {r_limen / r_np:8.2f}x  (limen also simulates the memory and books its heat)")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limen", default="build/limen")
    p.add_argument("--baseline", default="", help="an older limen binary, e.g. main at the start of issue 12")
    p.add_argument("--bench", default="build/bench/bench_physics")
    p.add_argument("--particles", type=int, default=1_000_000, help="limen's ensemble")
    p.add_argument("--py-particles", type=int, default=200_000, help="the NumPy and numba ensembles")
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=3, help="median of this many runs of each measurement")
    p.add_argument("--train", action="store_true", help="the training benchmark instead of the ensemble")
    a = p.parse_args()
    return train_mode(a) if a.train else ensemble_mode(a)


if __name__ == "__main__":
    sys.exit(main())
