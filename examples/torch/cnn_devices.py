"""A small CNN (two conv layers) on the digits, trained through limen.torch in different memories:
LIM (the coarse barrier memory, matched schedule), a static barrier, and catalog devices. Prints
test accuracy, the memory's energy (heat for the barrier memories, device energy for devices),
the THEORY 5.6 bound of the replicas' densities and energy over bound, pulses per parameter and
wall time; writes cnn_devices.json (what `limen report --cnn` reads), cnn_devices.csv and
cnn_devices.png (accuracy vs energy, log x, the report's figure) into the output folder (default:
the current one).

    PYTHONPATH=build/python /usr/bin/python3 examples/torch/cnn_devices.py [OUTDIR]

Every memory: REPLICAS replicas (initial weights torch seed r, minibatches numpy seed r, noise
replica r), 400 steps of 32, lr 0.05, dt 1. The bound compares the per-parameter densities across
the replicas at the start and at the end; where it is <= 0 the row's bound_note says why.
README "The PyTorch bridge".
"""
import csv
import json
import gzip
import os
import sys
import time

import numpy as np
import torch

import limen.torch as lt

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "..", "data", "datasets", "digits.csv.gz")
STEPS, BATCH, LR = 400, 32, 0.05
# Eight replicas: the bound needs the spread of every parameter across replicas, at the start and at the
# end; two give a spread too noisy to sign the entropy term (README "The PyTorch bridge", measured).
REPLICAS = 8
torch.set_num_threads(1)

# The memories compared: name -> MemoryOptimizer keyword arguments.
# Levels fine enough for weights of order 0.1 (2^14 levels of 1/64), and a barrier-free mobility low
# enough that the thermal noise floor mu_0 kT / eta (THEORY 5.5) is far below the loss: 0.2 level^2/(kT time).
FINE = {"level": 1 / 64, "bits": 14, "mobility": 0.2}
RUNS = {
    "sgd (ideal device)": dict(memory="ideal"),
    "lim (coarse, matched)": dict(memory={"model": "coarse", **FINE}, schedule="matched"),
    "static barrier 20 kT": dict(memory={"model": "coarse", **FINE}, schedule={"kind": "static", "barrier": 20}),
    "rram": dict(memory="device:rram"),
    # One SET pulse after a reset moves a pcm weight by 0.28 at weight_scale 1 (aihwkit's ExpStep
    # preset), coarse for weights of order 0.1: one conductance range maps to 0.25 weight units.
    "pcm (weight_scale 0.25)": dict(memory={"model": "device", "device": "pcm", "weight_scale": 0.25}),
    "fefet (16-bit words)": dict(memory={"model": "device", "device": "fefet", "bits": 16, "level": 2 ** -10}),
    "ecram": dict(memory="device:ecram"),
    "fn-synapse": dict(memory="device:fn-synapse"),
}


def load():
    rows = np.loadtxt(gzip.open(DIGITS), delimiter=",")
    x = torch.tensor(rows[:, :-1] / 16.0, dtype=torch.float64).view(-1, 1, 8, 8)
    y = torch.tensor(rows[:, -1], dtype=torch.long)
    return (x[:1400], y[:1400]), (x[1400:], y[1400:])


def model(seed):
    torch.manual_seed(seed)
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.AvgPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(16 * 4 * 4, 10)).double()


def run(name, kwargs, train, test, replicas=REPLICAS):
    """Trains `replicas` independent copies (own initial weights, minibatches and noise); the energy
    and accuracy are their means, the bound (THEORY 5.6) that of their densities (limen.torch.bound)."""
    (x, y), (xt, yt) = train, test
    t0 = time.perf_counter()
    opts, accs = [], []
    loss_fn = torch.nn.CrossEntropyLoss()
    # A device's energy is its pulses and reads; the drive heat (the closure's second call) is booked
    # only for the barrier memories, whose energy it is.
    memory = kwargs.get("memory")
    device = memory == "ideal" or str(memory).startswith("device:") or (isinstance(memory, dict) and memory.get("model") == "device")
    for r in range(replicas):
        net = model(r)
        try:
            opt = lt.MemoryOptimizer(net.parameters(), lr=LR, dt=1.0, time=STEPS, batch=BATCH, seed=1, replica=r,
                                    heat=not device, **kwargs)
        except ValueError as e:
            return {"memory": name, "refused": str(e)}
        order = np.random.default_rng(r).integers(0, len(x), size=(STEPS, BATCH))
        for k in range(STEPS):
            b = torch.from_numpy(order[k])

            def closure():
                opt.zero_grad()
                loss = loss_fn(net(x[b]), y[b])
                loss.backward()
                return loss

            opt.step(closure)
        opt.finish()
        with torch.no_grad():
            accs.append((net(xt).argmax(1) == yt).double().mean().item())
        opts.append(opt)
    seconds = time.perf_counter() - t0
    leds = [o.ledger() for o in opts]
    device = leds[0]["memory_model"] == "device"
    energy = float(np.mean([l["device_J"] if device else l["heat_J"] for l in leds]))
    b = lt.bound(opts)
    n = leds[0]["parameters"]
    row = {"memory": name, "test_accuracy": float(np.mean(accs)), "energy_J": energy,
           "energy_kind": "device" if device else "heat", "bound_J": b["bound_J"],
           "energy_over_bound": energy / b["bound_J"] if b["bound_J"] > 0 else None, "bound_note": None,
           "entropy_kT": b["entropy_kT"], "transport_kT": b["transport_kT"], "bits_gained_per_parameter": b["bits_gained"] / n,
           "pulses_per_parameter": float(np.mean([l["pulses_per_parameter"] for l in leds])),
           "parameters": n, "replicas": replicas, "seconds": seconds}
    if not b["bound_J"] > 0:
        row["bound_note"] = (f"bound <= 0: the {replicas} replicas end more spread than they started "
                             f"({row['bits_gained_per_parameter']:+.2f} bits per parameter; entropy term {b['entropy_kT']:.4g} kT, "
                             f"transport {b['transport_kT']:.3g} kT), so THEORY 5.6 puts no positive floor under this run")
    return row


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    t0 = time.perf_counter()
    train, test = load()
    results = [run(n, kw, train, test) for n, kw in RUNS.items()]
    wall = time.perf_counter() - t0
    print(f"{'memory':24s} {'test acc':>9s} {'energy J':>11s} {'kind':7s} {'bound J':>10s} {'E/bound':>9s} "
          f"{'pulses/param':>12s} {'wall s':>7s}")
    for r in results:
        if "refused" in r:
            print(f"{r['memory']:24s} refused: {r['refused']}")
            continue
        ratio = "undef." if r["energy_over_bound"] is None else f"{r['energy_over_bound']:.3g}"
        print(f"{r['memory']:24s} {r['test_accuracy']:9.4f} {r['energy_J']:11.3e} {r['energy_kind']:7s} "
              f"{r['bound_J']:10.3e} {ratio:>9s} {r['pulses_per_parameter']:12.1f} {r['seconds']:7.1f}")
        if r["bound_note"]:
            print(f"{'':24s} {r['bound_note']}")
    print(f"{REPLICAS} replicas per memory, {wall:.0f} s in all")
    keys = ["memory", "test_accuracy", "energy_J", "energy_kind", "bound_J", "energy_over_bound", "bound_note", "entropy_kT",
            "transport_kT", "bits_gained_per_parameter", "pulses_per_parameter", "parameters", "replicas", "seconds", "refused"]
    with open(os.path.join(out, "cnn_devices.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        for r in results:
            w.writerow({k: "" if r.get(k) is None else r[k] for k in keys})
    doc = {"title": f"CNN (2 conv layers, {results[0].get('parameters', '')} parameters) on digits through limen.torch",
           "example": "examples/torch/cnn_devices.py", "steps": STEPS, "batch": BATCH, "lr": LR, "dt": 1.0,
           "replicas": REPLICAS, "classes": 10, "wall_s": wall, "results": results}
    with open(os.path.join(out, "cnn_devices.json"), "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    try:
        from limen.figures_cnn import cnn_figure  # the report's figure (needs matplotlib)
    except ImportError:
        return
    cnn_figure(doc, out, "cnn_devices")


if __name__ == "__main__":
    main()
