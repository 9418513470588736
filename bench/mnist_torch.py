"""The MNIST benchmark of bench/mnist-bench.ts, in PyTorch (CPU, float32).

Reads the case written by mnist-bench.ts (images, labels, initial weights, learning rate, steps),
trains the same 784 -> H -> 10 network with the same loss L = (1/2n) sum ||f(x) - onehot(y)||^2
and the same full-batch gradient descent, and prints one JSON line: times (wall and CPU), final
loss, test accuracy and the final weights' checksum-like statistics for the agreement check.
"""
import json
import sys
import time

import torch


def main():
    args = sys.argv[1:]
    if "--threads" in args:
        k = args.index("--threads")
        torch.set_num_threads(int(args[k + 1]))
        del args[k : k + 2]
    case = json.load(open(args[0]))
    torch.manual_seed(0)  # nothing is random below; set for completeness
    n, d, H, K = case["n"], case["d"], case["hidden"], case["outputs"]
    X = torch.tensor(case["X"], dtype=torch.float32).reshape(n, d)
    y = torch.tensor(case["y"], dtype=torch.long)
    Xte = torch.tensor(case["Xtest"], dtype=torch.float32).reshape(-1, d)
    yte = torch.tensor(case["ytest"], dtype=torch.long)
    Y = torch.nn.functional.one_hot(y, K).to(torch.float32)
    # same layout as the TS side: W is H x d row-major, V is H x K
    W = torch.tensor(case["W"], dtype=torch.float32).reshape(H, d).t().contiguous().requires_grad_()  # d x H
    b = torch.tensor(case["b"], dtype=torch.float32).requires_grad_()
    V = torch.tensor(case["V"], dtype=torch.float32).reshape(H, K).requires_grad_()
    c = torch.tensor(case["c"], dtype=torch.float32).requires_grad_()
    params = [W, b, V, c]
    lr, steps = case["lr"], case["steps"]
    act = case["activation"]
    if act != "relu":
        raise SystemExit(f"mnist_torch.py implements relu only, got {act}")

    def loss_fn():
        F = torch.relu(X @ W + b) @ V + c
        return ((F - Y) ** 2).sum() / (2 * n)

    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(steps):
        loss = loss_fn()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p.sub_(lr * g)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    with torch.no_grad():
        final = loss_fn().item()
        acc = ((torch.relu(Xte @ W + b) @ V + c).argmax(1) == yte).float().mean().item()
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "wall": wall,
        "cpu": cpu,
        "loss": final,
        "testAccuracy": acc,
        "W": W.detach().t().contiguous().reshape(-1).tolist()[:2000],
    }))


if __name__ == "__main__":
    main()
