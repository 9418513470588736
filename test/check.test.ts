// The argument-checking module: one message shape, `fn: argument name = value: allowed`, and a
// memory budget that refuses sizes before allocation.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ArgumentError, checkBudget, checkFiniteArray, checkFiniteMatrix, checkFiniteNumber, checkInteger, checkOneOf,
  checkOptionsObject, checkPositiveInt, checkSameLength, formatBytes, memoryBudget, parseBytes, setMemoryBudget,
} from "../src/check";

const SHAPE = /^(\w+): argument (\S+(?: \([^)]*\))?) = (.+?): (.+)$/;

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ArgumentError, `expected an ArgumentError, got ${String(e)}`);
    return (e as Error).message;
  }
  assert.fail("expected a throw");
}

test("every check message has the shape `fn: argument name = value: allowed`", () => {
  const msgs = [
    message(() => checkFiniteNumber("f", "lr", NaN, { min: 0 })),
    message(() => checkPositiveInt("f", "steps", 2.5)),
    message(() => checkInteger("f", "n", -1, { min: 0 })),
    message(() => checkOneOf("f", "coords", "xy", ["standard", "rs"])),
    message(() => checkFiniteArray("f", "y", [1, Infinity])),
    message(() => checkFiniteArray("f", "y", "abc")),
    message(() => checkFiniteArray("f", "y", [], { minLength: 1 })),
    message(() => checkSameLength("f", "a", [1], "b", [1, 2])),
    message(() => checkFiniteMatrix("f", "X", [[1, 2], [3]])),
    message(() => checkOptionsObject("f", "opts", { lrr: 1 }, ["lr"])),
  ];
  for (const m of msgs) assert.match(m, SHAPE, m);
  assert.equal(msgs[0], "f: argument lr = NaN: must be a finite number ≥ 0");
  assert.equal(msgs[4], "f: argument y[1] = Infinity: must be a finite number");
  assert.equal(msgs[3], 'f: argument coords = "xy": must be one of "standard", "rs"');
});

test("checks return the value (arrays copied to Float64Array) when it is allowed", () => {
  assert.equal(checkFiniteNumber("f", "x", 2, { min: 0, max: 2 }), 2);
  assert.equal(checkPositiveInt("f", "n", 3), 3);
  assert.deepEqual(Array.from(checkFiniteArray("f", "y", [1, 2])), [1, 2]);
  assert.deepEqual(checkFiniteMatrix("f", "X", [[1, 2], [3, 4]]).cols, 2);
});

test("memory budget: sizes over the budget are refused before allocation, naming size and memory", () => {
  const prev = setMemoryBudget(1024 ** 3);
  try {
    assert.equal(memoryBudget(), 1024 ** 3);
    checkBudget("f", "width", 1e6, 8); // 8 MB fits
    const m = message(() => checkBudget("initNetwork", "width", 1e10, 24));
    assert.match(m, /^initNetwork: argument width = 10000000000: needs 224 GiB of memory, over the budget of 1\.00 GiB/);
    assert.match(m, /SPECTRAL_BIAS_MEMORY_BUDGET/);
  } finally {
    setMemoryBudget(prev);
  }
});

test("memory budget: default is half the machine's memory, and the environment variable overrides it", async () => {
  const os = await import("node:os");
  const prevEnv = process.env.SPECTRAL_BIAS_MEMORY_BUDGET;
  try {
    delete process.env.SPECTRAL_BIAS_MEMORY_BUDGET;
    assert.equal(memoryBudget(), Math.floor(0.5 * os.totalmem()));
    process.env.SPECTRAL_BIAS_MEMORY_BUDGET = "3GiB";
    assert.equal(memoryBudget(), 3 * 1024 ** 3);
    process.env.SPECTRAL_BIAS_MEMORY_BUDGET = "lots";
    assert.throws(() => memoryBudget(), /memoryBudget: argument \$SPECTRAL_BIAS_MEMORY_BUDGET = "lots"/);
  } finally {
    if (prevEnv === undefined) delete process.env.SPECTRAL_BIAS_MEMORY_BUDGET;
    else process.env.SPECTRAL_BIAS_MEMORY_BUDGET = prevEnv;
  }
});

test("parseBytes and formatBytes", () => {
  assert.equal(parseBytes("f", "b", "512MiB"), 512 * 1024 ** 2);
  assert.equal(parseBytes("f", "b", "4GB"), 4e9);
  assert.equal(parseBytes("f", "b", "1e9"), 1e9);
  assert.equal(formatBytes(1536), "1.50 KiB");
});
