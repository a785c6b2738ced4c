"""limen.torch.MemoryOptimizer (README "Device memories", "The PyTorch bridge"): the ideal device
reproduces torch.optim.SGD to the last bit; a catalog device books its pulses and reads at the
catalog's figures; the coarse memory keeps a ledger; the module says how to get PyTorch."""
import os
import subprocess
import sys

import pytest

torch = pytest.importorskip("torch")
import limen.torch as lt  # noqa: E402


def _data():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(64, 6, dtype=torch.float64, generator=g)
    y = torch.randint(0, 3, (64,), generator=g)
    return x, y


def _model():
    torch.manual_seed(1)
    return torch.nn.Sequential(torch.nn.Linear(6, 7), torch.nn.Tanh(), torch.nn.Linear(7, 3)).double()


def _train(model, opt, steps=25):
    x, y = _data()
    loss_fn = torch.nn.CrossEntropyLoss()
    for k in range(steps):
        b = slice((k * 8) % 64, (k * 8) % 64 + 8)

        def closure():
            opt.zero_grad()
            loss = loss_fn(model(x[b]), y[b])
            loss.backward()
            return loss

        opt.step(closure)


@pytest.mark.parametrize("dt", [1.0, 0.5])
def test_ideal_device_is_torch_sgd_exactly(dt):
    m_sgd, m_lim = _model(), _model()
    _train(m_sgd, torch.optim.SGD(m_sgd.parameters(), lr=0.1))
    opt = lt.MemoryOptimizer(m_lim.parameters(), memory="ideal", lr=0.1, dt=dt)
    _train(m_lim, opt)
    for a, b in zip(m_sgd.parameters(), m_lim.parameters()):
        assert torch.equal(a, b)
    led = opt.ledger()
    assert led["steps"] == 25 and led["time"] == pytest.approx(25 * dt)
    assert led["device_J"] == 0


def test_device_books_pulses_and_reads_at_catalog_figures():
    m = _model()
    n = sum(p.numel() for p in m.parameters())
    opt = lt.MemoryOptimizer(m.parameters(), memory="device:rram", lr=0.1, dt=1.0, batch=8, heat=False)
    _train(m, opt)
    led = opt.ledger()
    assert led["pulses"] > 0
    reads = 2 * 8 * n * 25  # 2 B reads per parameter per step
    assert led["device_J"] == pytest.approx(led["pulses"] * 1e-12 + reads * 1.25e-14, rel=1e-12)
    assert sum(led["device_J_per_tensor"]) == pytest.approx(led["device_J"], rel=1e-12)


def test_pcm_pair_trains_and_books_its_refreshes():
    # PCM is a refreshed one-sided pair (memory/device_pair.cpp): SET pulses at 3.375 pJ, each refresh
    # two RESETs at 10 pJ, every cell read at 2 pJ (the catalog's sourced figures). lr 1 drives
    # the pair into its refresh region within 25 steps (training quality: the CNN example and
    # DevicePair.PcmTrainsOnTheDigits).
    m = _model()
    opt = lt.MemoryOptimizer(m.parameters(), memory="device:pcm", lr=1.0, dt=1.0, batch=8, heat=False)
    _train(m, opt)
    led = opt.ledger()
    assert led["refreshes"] > 0 and led["refresh_pulses"] > 0
    assert led["device_reset_J"] == pytest.approx(2 * led["refreshes"] * 1e-11, rel=1e-12)
    assert led["reads"] > 0
    assert led["device_read_J"] == pytest.approx(led["reads"] * 2e-12, rel=1e-12)
    assert led["device_J"] == pytest.approx(led["pulses"] * 3.375e-12 + led["device_reset_J"] + led["device_read_J"],
                                            rel=1e-12)


def test_coarse_memory_ledger_first_law():
    m = _model()
    opt = lt.MemoryOptimizer(m.parameters(), memory="coarse", schedule="matched", lr=0.1, dt=1.0, time=25)
    _train(m, opt)
    led = opt.ledger()
    # Sekimoto per run: W = Q + dU (THEORY 6), the drive's and the barrier's parts together.
    assert led["work_kT"] == pytest.approx(led["heat_kT"] + led["energy_change_kT"], rel=1e-9, abs=1e-9)
    assert led["drive"] > 0


def test_bad_memory_names_the_key():
    with pytest.raises(ValueError, match="device"):
        lt.MemoryOptimizer(_model().parameters(), memory="device:rrma", lr=0.1)


def test_without_torch_says_how_to_get_it():
    code = "import sys; sys.modules['torch'] = None\ntry:\n import limen.torch\nexcept ImportError as e:\n print(e)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ)).stdout
    assert "python3-torch" in out


# --- the same run through PyTorch and through `limen train` -------------------------------------

M32 = 0xFFFFFFFF


def _uniforms4(seed, particle, step, stream):
    """Philox4x32-10 as src/limen/physics/philox.hpp documents it (a test helper: the minibatch
    sequence `limen train` draws, so that PyTorch can be fed the same one)."""
    ctr = [step & M32, (step >> 32) & M32, particle & M32, ((particle >> 32) & M32) ^ ((stream << 16) & M32)]
    key = [seed & M32, (seed >> 32) & M32]
    for _ in range(10):
        p0, p1 = 0xD2511F53 * ctr[0], 0xCD9E8D57 * ctr[2]
        ctr = [((p1 >> 32) ^ ctr[1] ^ key[0]) & M32, p1 & M32, ((p0 >> 32) ^ ctr[3] ^ key[1]) & M32, p0 & M32]
        key = [(key[0] + 0x9E3779B9) & M32, (key[1] + 0xBB67AE85) & M32]
    return [(x + 0.5) * 2.0 ** -32 for x in ctr]


def _batch(size, n, seed, replica, step):
    out = []
    for j in range(size):
        u = _uniforms4(seed, (replica << 40) + j // 4, step, 2)[j % 4]
        out.append(min(n - 1, int(u * n)))
    return out


def test_softmax_digits_ledger_equals_limen_train(tmp_path):
    import gzip

    import numpy as np

    import limen
    from conftest import SOURCE

    rows = np.loadtxt(gzip.open(os.path.join(SOURCE, "data", "datasets", "digits.csv.gz")), delimiter=",")
    rows[:, :-1] /= 16.0  # exact in binary: both sides see the same doubles
    train, test = rows[:1200], rows[1200:]
    for name, part in (("train.csv", train), ("test.csv", test)):
        with open(tmp_path / name, "w") as f:
            for r in part:
                f.write(",".join(repr(float(v)) for v in r[:-1]) + f",{int(r[-1])}\n")
    steps, batch, seed, eta, time = 30, 64, 3, 1.0, 3.0
    config = {
        "memory": {"model": "coarse"},
        "schedule": {"kind": "matched"},
        "model": {"kind": "softmax", "init_spread": 1e-300},  # the parameters start at 0 (to 1e-300)
        "data": {"source": "csv", "path": str(tmp_path / "train.csv"), "test_path": str(tmp_path / "test.csv"),
                 "normalize": "none"},
        "train": {"eta": eta, "time": time, "steps": steps, "batch": batch, "seed": seed, "replicas": 2},
    }
    ref = limen.train(config, threads=1, steps=False)

    x = torch.tensor(train[:, :-1], dtype=torch.float64)
    y = torch.tensor(train[:, -1], dtype=torch.long)
    f, c = x.shape[1], 10
    heats = []
    for replica in (0, 1):
        w = torch.zeros(f * c + c, dtype=torch.float64, requires_grad=True)
        opt = lt.MemoryOptimizer([w], memory="coarse", schedule="matched", lr=eta * time / steps, dt=time / steps,
                                 time=time, seed=seed, replica=replica)
        for k in range(steps):
            b = torch.tensor(_batch(batch, len(train), seed, replica, k))

            def closure():
                opt.zero_grad()
                W = w[: f * c].view(c, f).t()  # limen's layout: column c holds class c's weights
                loss = torch.nn.functional.cross_entropy(x[b] @ W + w[f * c:], y[b])
                loss.backward()
                return loss

            opt.step(closure)
        opt.finish()
        heats.append(opt.ledger()["heat_kT"])
    assert np.mean(heats) == pytest.approx(ref["heat_kT"], rel=1e-9)
    assert abs(ref["heat_kT"]) > 1


def test_replica_bound_by_hand():
    # One parameter, two replicas: initial {0, 2}, final {0.5, 0.7}; ln sigma unbiased for n = 2:
    # ln sd = (ln s2 - (psi(1/2) - ln(1/2))) / 2, psi(1/2) = -gamma - 2 ln 2.
    import math

    import numpy as np

    from limen import _limen
    c = (-0.5772156649015329 - 2 * math.log(2)) - math.log(0.5)
    sd0, sd1 = math.exp((math.log(2.0) - c) / 2), math.exp((math.log(0.02) - c) / 2)
    m0, m1, mu, t = 1.0, 0.6, 3.0, 2.0
    want_entropy = math.log(sd0 / sd1)
    want_transport = ((m0 - m1) ** 2 + (sd0 - sd1) ** 2) / (mu * t)
    got = _limen.replica_bound([np.array([0.0]), np.array([2.0])], [np.array([0.5]), np.array([0.7])], mu, t)
    assert got["entropy_kT"] == pytest.approx(want_entropy, rel=1e-12)
    assert got["transport_kT"] == pytest.approx(want_transport, rel=1e-12)
    with pytest.raises(ValueError, match="two replicas"):
        _limen.replica_bound([np.array([0.0])], [np.array([0.5])], mu, t)
