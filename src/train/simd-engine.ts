// Loader of the WebAssembly kernels (assembly/dense.ts and gram.ts, SIMD, and assembly/pl1d.ts,
// compiled by `npm run build:wasm` to wasm/engine.wasm; `npm ci` runs it through `prepare`). These
// kernels compute the same operations as the JavaScript loops of dense-route.ts, pl1d-route.ts and
// kernel/gram.ts in the same order, so a route gives the same numbers with or without them
// (test/simd-engine.test.ts); they only change the speed. The one kernel without a JavaScript twin
// is assembly/sparse-gd.ts (float32 MNIST steps, sparse-gd.ts), tested against fusedGd and the
// float64 engine instead.
//
// The module is compiled once per process; each route gets its own instance and memory, laid out
// as float64 regions (byte offsets), with nothing allocated per evaluation.
import { ENGINE_WASM_PATH, engineWasmBytes } from "./wasm-bytes";

export interface SimdKernels {
  smoothForward(kind: 0 | 1, H: number, N: number, d: number, r: number, pXT: number, pW: number, pb: number, pv: number, pF: number, pS: number, pD: number): void;
  smoothBackward(H: number, N: number, d: number, pXT: number, pE: number, pS: number, pD: number, pOut: number): void;
  kinkForward2(H2: number, N: number, at: number, s0: number, hm: number, hh: number, pX0: number, pX1: number, pW: number, pb: number, pv: number, pF: number): void;
  kinkBackward2(H2: number, N: number, at: number, pX0: number, pX1: number, pE: number, pW: number, pb: number, pOut: number): void;
  pl1dWalk(H: number, N: number, a0: number, pTh: number, pXs: number, pPos: number): void;
  pl1dForward(H: number, N: number, alpha: number, gamma: number, a0: number, j0: number, invN: number, pTh: number, pPos: number, pXs: number, pYs: number, pDS: number, pDI: number, pE: number, pP0: number, pP1: number): number;
  pl1dBackwardStep(H: number, N: number, lr: number, alpha: number, gamma: number, a0: number, j0: number, pTh: number, pPos: number, pXs: number, pP0: number, pP1: number): number;
  gramTiles(I4: number, J4: number, N2: number, Q: number, pA: number, pBT: number, pG: number, sym: number): void;
  sparseGd(kind: number, Hr: number, steps: number, lr: number, trainC: number, n: number, d: number, H: number, K: number, pRow: number, pCol: number, pVal: number, pCPtr: number, pCRow: number, pCVal: number, pY: number, pWt: number, pB: number, pVt: number, pC: number, pZ: number, pR: number, pGWt: number, pGb: number, pGVt: number, pGc: number, pD: number, pLoss: number): number;
}

// The WebAssembly API as far as this loader uses it (the package's TypeScript lib has no DOM types,
// which is where TypeScript declares WebAssembly; Node 20 provides it at runtime)
interface WasmModule {
  readonly __wasmModule: unique symbol;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** the module file (`npm run build:wasm` writes it; the playground carries it inline) */
export const SIMD_MODULE_PATH = ENGINE_WASM_PATH;

/** the first 64 KiB stay free for the module's own static data */
const BASE = 65536;
const PAGE = 65536;

let compiled: WasmModule | null | undefined;
let loadError = "";

/** why the SIMD kernels are unavailable ("" when they load) */
export function simdUnavailableReason(): string {
  simdModule();
  return loadError;
}

function simdModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  let bytes: Uint8Array;
  try {
    bytes = engineWasmBytes();
  } catch (e) {
    compiled = null;
    loadError = `${(e as Error).message}; the JavaScript loops run instead`;
    return compiled;
  }
  try {
    compiled = WA === undefined ? null : new WA.Module(bytes);
    if (compiled === null) loadError = "this JavaScript engine has no WebAssembly; the JavaScript loops run instead";
  } catch (e) {
    compiled = null;
    loadError = `${SIMD_MODULE_PATH} does not compile here (${(e as Error).message}); the JavaScript loops run instead`;
  }
  return compiled;
}

/** An instance with its own memory and float64 regions of the given lengths (byte offsets in `at`). */
export interface SimdInstance {
  kernels: SimdKernels;
  /** the whole memory as float64 */
  f64: Float64Array;
  /** byte offset of each region */
  at: number[];
  /** a float64 view of region k */
  view(k: number): Float64Array;
  /** an int32 view of the first n entries of region k (a region of ⌈n/2⌉ float64 holds n int32) */
  int32View(k: number, n: number): Int32Array;
}

/** An instance whose memory holds regions of `lengths[k]` float64 values, or null when the module is unavailable. */
export function simdInstance(lengths: number[]): SimdInstance | null {
  const mod = simdModule();
  if (mod === null || WA === undefined) return null;
  const at: number[] = [];
  let end = BASE;
  for (const n of lengths) {
    at.push(end);
    end += 8 * Math.max(n, 1) + 16; // 16 bytes of slack: no region's vector load reaches the next one
  }
  const memory = new WA.Memory({ initial: Math.ceil(end / PAGE) });
  const instance = new WA.Instance(mod, { env: { memory, exp: Math.exp, abort: () => { throw new Error("spectral-bias SIMD kernel aborted"); } } });
  const f64 = new Float64Array(memory.buffer);
  return {
    kernels: instance.exports as unknown as SimdKernels,
    f64,
    at,
    view: (k) => f64.subarray(at[k] / 8, at[k] / 8 + lengths[k]),
    int32View: (k, n) => new Int32Array(memory.buffer, at[k], n),
  };
}
