"""Independent reference values for tests/memory (run: python3 tests/memory/reference_values.py).

mpmath (arbitrary precision), not limen's code: the Bessel ratio I_1/I_0, the Lifson-Jackson ratio
1/I_0(E/2)^2 and the Stratonovich drift and diffusion of the tilted cosine (THEORY 5.3) by
adaptive quadrature of the inner integrals and the spectrally exact trapezoid rule over the
period (I_+ and I_- are smooth and periodic in x)."""
import mpmath as mp

mp.mp.dps = 20


def bessel_ratio(x):
    return mp.besseli(1, x) / mp.besseli(0, x)


def transport(f, E, m=400):
    """(v / f, D / D_0, <(1 - cos 2 pi x)/2> over p_s) in reduced units (l = kT = D_0 = 1)."""
    f, E = mp.mpf(f), mp.mpf(E)
    U = lambda x: E / 2 * (1 - mp.cos(2 * mp.pi * x))
    V = lambda x: U(x) - f * x
    cuts = [mp.mpf(k) / 8 for k in range(9)]
    sp = sm = spm = ss = mp.mpf(0)
    for k in range(m):
        x = mp.mpf(k) / m
        ip = mp.quad(lambda y: mp.exp(V(x) - V(x - y)), cuts)
        im = mp.quad(lambda y: mp.exp(V(x + y) - V(x)), cuts)
        sp += ip
        sm += im
        spm += ip * ip * im
        ss += (1 - mp.cos(2 * mp.pi * x)) / 2 * im
    sp, sm, spm = sp / m, sm / m, spm / m
    v = (1 - mp.exp(-f)) / sp
    return v / f, spm / sp ** 3, ss / m / sm


if __name__ == "__main__":
    for x in (0.5, 1, 10, 25, 49.9, 50.1, 60, 200):
        print(f"I1/I0({x}) = {mp.nstr(bessel_ratio(x), 17)}")
    for E in (2, 8, 20, 40):
        print(f"1/I0({E}/2)^2 = {mp.nstr(1 / mp.besseli(0, E / 2) ** 2, 17)}",
              f"share(0, {E}) = {mp.nstr((1 - bessel_ratio(E / 2)) / 2, 17)}")
    import sys
    cases = [(1, 20), (20, 20), (float(mp.pi * 20), 20), (100, 20), (40, 20), (70, 20), (5, 10)]
    for f, E in cases:
        r = transport(f, E, 200 if len(sys.argv) < 2 else int(sys.argv[1]))
        print(f"f = {f}, E = {E}: v/f = {mp.nstr(r[0], 10)}, D = {mp.nstr(r[1], 10)}, share = {mp.nstr(r[2], 10)}", flush=True)
