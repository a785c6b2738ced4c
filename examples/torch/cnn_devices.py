"""A small CNN (two conv layers) on the digits, trained through limen.torch in different memories:
LIM (the coarse barrier memory, matched schedule), a static barrier, and catalog devices. Prints
test accuracy, the memory's energy (heat for the barrier memories, device energy for devices),
the THEORY 5.6 bound of the two replicas' densities and energy over bound, pulses per parameter and
wall time per replica; writes cnn_devices.csv and cnn_devices.png (accuracy vs
energy, log x) into the output folder (default: the current one).

    PYTHONPATH=build/python /usr/bin/python3 examples/torch/cnn_devices.py [OUTDIR]

Every memory: two replicas (initial weights torch seed r, minibatches numpy seed r, noise replica r),
400 steps of 32, lr 0.05, dt 1. README "The PyTorch bridge".
"""
import csv
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
    "pcm": dict(memory="device:pcm"),
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


def run(name, kwargs, train, test, replicas=2):
    """Trains `replicas` independent copies (own initial weights, minibatches and noise); the energy
    and accuracy are their means, the bound (THEORY 5.6) that of their densities (limen.torch.bound)."""
    (x, y), (xt, yt) = train, test
    t0 = time.perf_counter()
    opts, accs = [], []
    loss_fn = torch.nn.CrossEntropyLoss()
    for r in range(replicas):
        net = model(r)
        try:
            opt = lt.MemoryOptimizer(net.parameters(), lr=LR, dt=1.0, time=STEPS, batch=BATCH, seed=1, replica=r, **kwargs)
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
    seconds = (time.perf_counter() - t0) / replicas
    leds = [o.ledger() for o in opts]
    device = leds[0]["memory_model"] == "device"
    energy = float(np.mean([l["device_J"] if device else l["heat_J"] for l in leds]))
    bound = lt.bound(opts)["bound_J"]
    return {"memory": name, "test_accuracy": float(np.mean(accs)), "energy_J": energy,
            "energy_kind": "device (catalog figures)" if device else "heat (Sekimoto)",
            "bound_J": bound, "energy_over_bound": energy / bound if bound > 0 else float("nan"),
            "pulses_per_parameter": float(np.mean([l["pulses_per_parameter"] for l in leds])),
            "parameters": leds[0]["parameters"], "seconds": seconds}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    train, test = load()
    results = [run(n, kw, train, test) for n, kw in RUNS.items()]
    print(f"{'memory':24s} {'test acc':>9s} {'energy J':>11s} {'kind':26s} {'bound J':>10s} {'E/bound':>9s} "
          f"{'pulses/param':>12s} {'wall s':>7s}")
    for r in results:
        if "refused" in r:
            print(f"{r['memory']:24s} refused: {r['refused']}")
            continue
        print(f"{r['memory']:24s} {r['test_accuracy']:9.4f} {r['energy_J']:11.3e} {r['energy_kind']:26s} "
              f"{r['bound_J']:10.3e} {r['energy_over_bound']:9.3g} {r['pulses_per_parameter']:12.1f} {r['seconds']:7.1f}")
    keys = ["memory", "test_accuracy", "energy_J", "energy_kind", "bound_J", "energy_over_bound", "pulses_per_parameter",
            "parameters", "seconds", "refused"]
    with open(os.path.join(out, "cnn_devices.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        for r in results:
            w.writerow({k: r.get(k, "") for k in keys})
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    fig, ax = plt.subplots(figsize=(6, 4))
    for r in results:
        if "refused" in r or not r["energy_J"] > 0:
            continue
        ax.scatter(r["energy_J"], r["test_accuracy"])
        ax.annotate(r["memory"], (r["energy_J"], r["test_accuracy"]), fontsize=7)
    ax.set_xscale("log")
    ax.set_xlabel("energy of the memory over training (J)")
    ax.set_ylabel("test accuracy")
    ax.set_title("CNN on digits through limen.torch")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "cnn_devices.png"), dpi=120)


if __name__ == "__main__":
    main()
