#!/usr/bin/env python3
"""Reference values for test/fast-sigma.test.ts: each function at seeded random points of wide
ranges (including the extremes), evaluated by mpmath at 40 digits and rounded once to float64, so a
reference value is within 1/2 ulp of the exact one. Prints JSON (committed as
test/fixtures/fast-sigma-reference.json).

usage: /usr/bin/python3 scripts/fast-sigma-reference.py > test/fixtures/fast-sigma-reference.json
"""
import json
import random

import mpmath as mp

mp.mp.dps = 40
SQRT2 = 2.0 ** 0.5  # the float64 Math.SQRT2: the fast and registry GELU divide by it


def phi_cdf(z):  # Phi(z) = erfc(-z / SQRT2) / 2 with the float64 quotient (z a float), as in the code
    return mp.erfc(mp.mpf(-z / SQRT2)) / 2


def gelu_d(z):
    z = mp.mpf(z)
    return phi_cdf(float(z)) + z * mp.exp(mp.mpf(-0.5 * float(z) * float(z))) / mp.sqrt(2 * mp.pi)


FUNCS = {
    "exp": (lambda x: mp.exp(x), [(-708, 709), (-2, 2)]),
    "log1p": (lambda x: mp.log1p(x), [(0, 1), (0, 1e-3)]),
    "tanh": (lambda x: mp.tanh(x), [(-25, 25), (-1, 1), (-1e-6, 1e-6)]),
    "dtanh": (lambda x: mp.sech(x) ** 2, [(-30, 30), (-705, 705)]),
    "erfc": (lambda x: mp.erfc(x), [(-7, 27.2), (-1, 1), (0.4, 6.5)]),
    "sigmoid": (lambda z: 1 / (1 + mp.exp(-z)), [(-700, 700), (-40, 40)]),
    "dsigmoid": (lambda z: mp.exp(-z) / (1 + mp.exp(-z)) ** 2, [(-700, 700), (-40, 40)]),
    "softplus": (lambda z: mp.log1p(mp.exp(z)), [(-700, 700), (-40, 40)]),
    "silu": (lambda z: z / (1 + mp.exp(-z)), [(-700, 700), (-40, 40)]),
    "dsilu": (lambda z: 1 / (1 + mp.exp(-z)) + z * mp.exp(-z) / (1 + mp.exp(-z)) ** 2, [(-700, 700), (-40, 40)]),
    "gelu": (lambda z: mp.mpf(z) * phi_cdf(float(z)), [(-37, 40), (-6, 6)]),
    "dgelu": (gelu_d, [(-37, 40), (-6, 6)]),
}


def main():
    rng = random.Random(20261202)
    out = {}
    for name, (f, ranges) in FUNCS.items():
        pts = []
        for lo, hi in ranges:
            pts += [lo, hi] + [rng.uniform(lo, hi) for _ in range(250)]
        out[name] = [[x, float(f(mp.mpf(x)))] for x in pts]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
