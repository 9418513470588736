#!/usr/bin/env python3
"""Fits the polynomial coefficients of src/activations/fast-*.ts (run once; prints JSON).

Each polynomial is a near-minimax Chebyshev fit (mpmath.chebyfit, 50 digits) of the smallest degree
whose relative error on a 401-point grid of the interval is below the stated target (1e-17 to
1.5e-17, a tenth of an ulp), so the float64 result's error is dominated by rounding in the
evaluation, not by the fit:

  expm1(r) = r + r^2 p(r),                    |r| <= ln2/2                (fast-exp.ts)
  log1p(u) = 2s + s^3 g(s^2), s = u/(2+u),    0 <= u <= 1                 (fast-exp.ts)
  tanh(x)  = x + x^3 q(x^2),                  |x| <= 0.625                (fast-tanh.ts)
  erf(x)   = x + x P(x^2),                    |x| <= 0.5                  (fast-gelu.ts)
  erfc(x)  = e^{-x^2} F(x),  F on 7 segments of [0.5, 6] around their midpoints,
  erfc(x)  = e^{-x^2} G(1/x^2)/x,             6 <= x <= 27.5

usage: /usr/bin/python3 scripts/fit-fast-sigma.py   (needs python3-mpmath)
"""
import json

import mpmath as mp

mp.mp.dps = 50


def fit(f, a, b, target):
    a, b = mp.mpf(a), mp.mpf(b)
    for deg in range(2, 40):
        poly = mp.chebyfit(f, [a, b], deg + 1)
        worst = max(abs(mp.polyval(poly, x) - f(x)) / abs(f(x)) for x in (a + (b - a) * mp.mpf(k) / 400 for k in range(401)))
        if worst < target:
            return {"degree": deg, "relErr": float(worst), "c": [float(c) for c in poly[::-1]]}
    raise SystemExit(f"no fit below {target} on [{a}, {b}]")


def main():
    out = {}
    half_ln2 = mp.log(2) / 2
    out["expm1"] = fit(lambda r: (mp.expm1(r) - r) / r**2 if r != 0 else mp.mpf(1) / 2, -half_ln2, half_ln2, 1e-17)

    def g(v):
        s = mp.sqrt(v)
        return (2 * mp.atanh(s) - 2 * s) / s**3 if v != 0 else mp.mpf(2) / 3

    out["log1p"] = fit(g, 0, mp.mpf(1) / 9, 1e-17)

    def q(u):
        s = mp.sqrt(u)
        return (mp.tanh(s) - s) / s**3 if u != 0 else mp.mpf(-1) / 3

    out["tanh"] = fit(q, 0, mp.mpf("0.625") ** 2, 1e-17)

    def one_plus_P(u):
        s = mp.sqrt(u)
        return mp.erf(s) / s if u != 0 else 2 / mp.sqrt(mp.pi)

    e = fit(one_plus_P, 0, mp.mpf("0.5") ** 2, 1e-17)  # fitted as 1 + P (relative to erf(x)/x)
    e["c"][0] -= 1.0
    out["erfP"] = e
    F = lambda x: mp.erfc(x) * mp.exp(x * x)
    edges = [0.5, 0.9, 1.35, 1.9, 2.6, 3.5, 4.6, 6]
    out["erfcSegments"] = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        mid, h = (mp.mpf(lo) + mp.mpf(hi)) / 2, (mp.mpf(hi) - mp.mpf(lo)) / 2
        s = fit(lambda t, mid=mid: F(mid + t), -h, h, 1.5e-17)
        out["erfcSegments"].append({"lo": lo, "hi": hi, "mid": float(mid), **s})
    G = lambda v: F(1 / mp.sqrt(v)) / mp.sqrt(v)
    out["erfcTail"] = fit(G, 1 / mp.mpf("27.5") ** 2, mp.mpf(1) / 36, 1.5e-17)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
