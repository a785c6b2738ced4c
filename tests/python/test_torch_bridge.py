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
    with pytest.raises(ValueError, match="pulse response"):
        lt.MemoryOptimizer(_model().parameters(), memory="device:pcm", lr=0.1)


def test_without_torch_says_how_to_get_it():
    code = "import sys; sys.modules['torch'] = None\ntry:\n import limen.torch\nexcept ImportError as e:\n print(e)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ)).stdout
    assert "python3-torch" in out
