"""Same Gram matrices as bench/kernel-bench.ts, from the same quadrature nodes, with NumPy.

The BLAS thread count is set by the caller through OPENBLAS_NUM_THREADS / OMP_NUM_THREADS.
Reads the JSON written by kernel-bench.ts (points, and per activation the nodes U, t, w of
K(x, y) = sum_q w_q s(u_q x + t_q) s(u_q y + t_q)); prints timings and agreement as JSON.
"""
import json
import math
import sys
import time

import numpy as np

try:
    from scipy.special import erf
except ImportError:  # scipy is optional: a slower vectorised math.erf
    erf = np.vectorize(math.erf)


def sigma(name, z):
    if name == "tanh":
        return np.tanh(z)
    if name == "gelu":
        return z * 0.5 * (1.0 + erf(z / math.sqrt(2.0)))
    if name == "softplus":
        return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
    raise ValueError(name)


def gram(name, x, L, rule):
    if rule is None:  # ReLU, uniform offsets: Cor. 2 closed form
        d = np.abs(x[:, None] - x[None, :])
        return 2 * L * np.outer(x, x) + 2 * L**3 / 3 + d**3 / 6
    U = np.asarray(rule["U"])
    t = np.asarray(rule["t"])
    w = np.asarray(rule["w"])
    phi = np.sqrt(w)[None, :] * sigma(name, x[:, None] * U[None, :] + t[None, :])
    return phi @ phi.T


def main():
    data = json.load(open(sys.argv[1]))
    x = np.asarray(data["X"], dtype=np.float64)
    out = []
    for e in data["entries"]:
        best = math.inf
        best_cpu = math.inf
        G = None
        # as the TypeScript side (bench/gram.ts): two untimed warm-up runs, then the best of five
        for r in range(7):
            t0, c0 = time.perf_counter(), time.process_time()
            G = gram(e["name"], x, data["L"], e["rule"])
            if r >= 2:
                best = min(best, time.perf_counter() - t0)
                best_cpu = min(best_cpu, time.process_time() - c0)
        rel = max(abs(G[i, j] - v) / max(abs(v), 1e-300) for i, j, v in e["samples"])
        out.append({"name": e["name"], "ms": best * 1000, "cpuMs": best_cpu * 1000, "maxRelDiff": rel})
    print(json.dumps({"numpy": np.__version__, "results": out}))


if __name__ == "__main__":
    main()
