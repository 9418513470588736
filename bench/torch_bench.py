#!/usr/bin/env python3
"""PyTorch (CPU, float64) side of `npm run bench`.

Reads the cases written by bench/run.ts (exact float64 initial parameters and data as JSON
numbers), builds f(x) = sum_i v_i sigma(w_i.x + b_i) + c, trains it with plain full-batch gradient
descent (torch.optim.SGD, no momentum; W, b, v trained, c fixed as in the engine's default) on L = (1/2N) sum_n (f(x_n) - y_n)^2, and prints one JSON
object on stdout. Only the training loop is timed; each case is run `repeats` times from the same
initial parameters and the best (minimum) time is reported.

usage: /usr/bin/python3 bench/torch_bench.py build/bench/cases.json [--threads K]
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

ACTIVATIONS = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "softplus": F.softplus,
    # exact (erf) GELU, z * Phi(z)
    "gelu": lambda z: F.gelu(z, approximate="none"),
}


def run_case(case):
    name = case["activation"]
    if name not in ACTIVATIONS:
        raise SystemExit(f"torch_bench: activation '{name}' has no torch counterpart here; add it to ACTIVATIONS")
    sigma = ACTIVATIONS[name]
    H, d = case["width"], case["inputDim"]
    X = torch.tensor(case["X"], dtype=torch.float64).reshape(-1, d)
    y = torch.tensor(case["y"], dtype=torch.float64)
    N = X.shape[0]
    steps, lr = case["steps"], case["lr"]
    times = []
    cpus = []
    final = None
    for _ in range(case["repeats"]):
        W = torch.tensor(case["W"], dtype=torch.float64).reshape(H, d).requires_grad_()
        b = torch.tensor(case["b"], dtype=torch.float64).requires_grad_()
        v = torch.tensor(case["v"], dtype=torch.float64).requires_grad_()
        # like the engine's default (trainC: false), the output constant c is not trained
        c = torch.tensor(case["c"], dtype=torch.float64)
        opt = torch.optim.SGD([W, b, v], lr=lr)
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(steps):
            opt.zero_grad()
            f = sigma(X @ W.T + b) @ v + c
            loss = ((f - y) ** 2).sum() / (2 * N)
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        with torch.no_grad():
            f = sigma(X @ W.T + b) @ v + c
            final = float(((f - y) ** 2).sum() / (2 * N))
    return {"name": case["name"], "seconds": min(times), "allSeconds": times, "cpuSeconds": min(cpus), "finalLoss": final}


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    if "--threads" in args:
        k = args.index("--threads")
        torch.set_num_threads(int(args[k + 1]))
        del args[k : k + 2]
    with open(args[0]) as fh:
        spec = json.load(fh)
    results = [run_case(c) for c in spec["cases"]]
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "dtype": "float64",
        "timing": "best of repeats, training loop only",
        "results": results,
    }))


if __name__ == "__main__":
    main()
