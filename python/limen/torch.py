"""limen.torch: train any PyTorch model with its parameters held in limen's simulated memories.

``MemoryOptimizer`` is a ``torch.optim.Optimizer`` whose ``step(closure)`` hands the parameter
tensors' storage to limen's C++ ``Memory`` (``limen._limen.MemoryStepper``; no physics here): the
schedule sets the barrier and the rate, the memory's Lyapunov matching sets the drive over all
parameters together (THEORY 5.4), and each tensor moves as its memory does. Each step advances
training time by ``dt``; the learning rate of THEORY 5 is ``eta = lr / dt``.

    opt = limen.torch.MemoryOptimizer(model.parameters(), memory="device:rram", lr=0.1, dt=1.0)
    def closure():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        return loss
    opt.step(closure)
    opt.ledger()   # heat (kT, J), barrier work, device energy per tensor, pulses
    opt.finish()   # optional: end as `limen train` does (barrier raised to retention, drive off)

memory: "coarse", "linear-response", "device:<catalog name>", "ideal" (the exact SGD device), or a
dict of [memory] keys (README, "Config schema"). schedule: "static", "matched", "switched" or a dict
of [schedule] keys (not for devices). The closure is called twice per step: at w_n for the
gradient, and at w_{n+1} on the same minibatch for the drive's heat (Sekimoto, THEORY 6);
``heat=False`` skips the second call (the drive heat is then not booked).

``seed`` and ``replica`` key the memory's noise as ``limen train``'s replica of that index.
float64 contiguous CPU tensors are moved in place (no copy); others go through a float64 copy.
PyTorch comes from Debian: ``apt-get install python3-torch`` (scripts/setup.sh installs it).
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable

try:
    import torch
except ImportError as e:  # pragma: no cover - depends on the machine
    raise ImportError("limen.torch needs PyTorch: install Debian's python3-torch (sudo apt-get install "
                      "python3-torch; scripts/setup.sh does it) and use /usr/bin/python3") from e

import numpy as np

from . import _limen

__all__ = ["MemoryOptimizer", "bound"]


def _memory_table(memory: Any) -> dict:
    if isinstance(memory, dict):
        return dict(memory)
    if not isinstance(memory, str):
        raise ValueError(f"memory: expected a name or a dict of [memory] keys, got {type(memory).__name__}")
    if memory == "ideal":
        return {"model": "device", "device": "ideal"}
    if memory.startswith("device:"):
        return {"model": "device", "device": memory[len("device:"):]}
    return {"model": memory}


def _schedule_table(schedule: Any) -> dict | None:
    if schedule is None:
        return None
    if isinstance(schedule, dict):
        return dict(schedule)
    return {"kind": str(schedule)}


class MemoryOptimizer(torch.optim.Optimizer):
    def __init__(self, params: Iterable, memory: Any = "coarse", schedule: Any = None, lr: float = 0.01,
                 dt: float = 1.0, time: float | None = None, seed: int = 1, batch: int = 1, heat: bool = True,
                 replica: int = 0, memory_extra: dict | None = None):
        if not lr > 0:
            raise ValueError(f"lr: expected a number in (0, inf), got {lr}")
        if not dt > 0:
            raise ValueError(f"dt: expected a number in (0, inf), got {dt}")
        super().__init__(params, dict(lr=lr))
        self._params = [p for g in self.param_groups for p in g["params"]]
        if any(p.device.type != "cpu" for p in self._params):
            raise ValueError("limen.torch: parameters must live on the CPU")
        steps = 1_000_000 if time is None else max(1, round(time / dt))
        config = {
            "memory": _memory_table(memory),
            "model": {"kind": "quadratic", "parameters": sum(p.numel() for p in self._params), "init_mean": 0.0},
            "train": {"eta": lr / dt, "time": dt * steps, "steps": steps},
        }
        if memory_extra:
            config["memory"].update(memory_extra)
        sched = _schedule_table(schedule)
        if sched is not None:
            config["schedule"] = sched
        self._heat = heat
        self._stepper = _limen.MemoryStepper(json.dumps(config), [p.numel() for p in self._params], int(seed),
                                             2.0 * batch, int(replica))
        with torch.no_grad():
            arrays, back = self._arrays()
            self._stepper.hold(arrays)
            back()
            self._initial = self._flat()

    def _arrays(self):
        """float64 views of the parameters (in place where possible) and a function writing copies back."""
        arrays, copies = [], []
        for p in self._params:
            d = p.data
            if d.dtype == torch.float64 and d.is_contiguous():
                arrays.append(d.view(-1).numpy())
            else:
                a = d.detach().to(torch.float64).contiguous().view(-1).numpy().copy()
                arrays.append(a)
                copies.append((p, a))

        def back():
            for p, a in copies:
                p.data.copy_(torch.from_numpy(a).view_as(p.data).to(p.data.dtype))

        return arrays, back

    def _grads(self) -> list[np.ndarray]:
        out = []
        for p in self._params:
            g = p.grad
            if g is None:
                out.append(np.zeros(p.numel(), dtype=np.float64))
            else:
                out.append(np.ascontiguousarray(g.detach().to(torch.float64).reshape(-1).numpy()))
        return out

    def step(self, closure: Callable[[], Any]):  # type: ignore[override]
        if closure is None:
            raise ValueError("limen.torch: step(closure) needs the closure (it returns the minibatch loss after backward())")
        with torch.enable_grad():
            loss = closure()
        with torch.no_grad():
            arrays, back = self._arrays()
            self._stepper.move(arrays, self._grads(), float(loss))
            back()
        if self._heat:
            with torch.enable_grad():
                moved = closure()
            self._stepper.moved(float(moved))
        return loss

    def finish(self) -> None:
        """Ends the run as ``limen train`` does (THEORY 5.1): the barrier raised to retention and the
        drive switched off at fixed state, then the memory relaxes; both are booked in the ledger."""
        with torch.no_grad():
            arrays, back = self._arrays()
            self._stepper.finish(arrays)
            back()

    def _flat(self) -> np.ndarray:
        return np.concatenate([p.detach().to(torch.float64).reshape(-1).numpy().copy() for p in self._params])

    def ledger(self) -> dict:
        """The energy ledger so far (limen's, from C++): heat and work (kT, J), the memory's barrier
        heat and a device's energy per tensor, pulses, the barrier and drive in force."""
        return dict(self._stepper.ledger())


def bound(optimizers: Iterable[MemoryOptimizer]) -> dict:
    """THEORY 5.6 for replicas of one run (at least two MemoryOptimizers over the same model, e.g.
    different seeds): the parameter densities across replicas at their start and now, as `limen
    train` measures its bound. Returns entropy_kT, transport_kT, bound_kT, bound_J, bits_gained."""
    opts = list(optimizers)
    if len(opts) < 2:
        raise ValueError("limen.torch.bound: needs at least two replicas")
    led = opts[0].ledger()
    b = dict(_limen.replica_bound([o._initial for o in opts], [o._flat() for o in opts], led["mobility0"], led["time"]))
    b["bound_J"] = b["bound_kT"] * led["kT_J"]
    return b
