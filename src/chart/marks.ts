// Chart marks for the objects of the theory, data in, Chart out:
//   functionChart  — f(x) on a domain [a, b], one line per named function, net or RS value;
//   breakpointChart — a 1-D net's kinks x = sᵢβᵢ as points on y = 0, area ∝ |μᵢ|, colour = sign μᵢ;
//   zeroPlaneChart — a 2-D net's zero-planes ŵᵢ·x = βᵢ clipped to a box, opacity ∝ |μᵢ|/max|μ|.
// They return ordinary Charts, so `layerCharts([functionChart(...), scatterChart(data), breakpointChart(net)])`.
import type { Activation } from "../activations/types";
import { linspace } from "../numeric/grid";
import { checkRS, isRS, type RS } from "../network/rs";
import { predictRS, ShallowNet } from "../network/shallow-net";
import { resolveActivation } from "../network/resolve-activation";
import type { Chart } from "./chart";
import { lineChart } from "./line";
import { scatterChart } from "./scatter";

/** Something with a value at x: a function, a ShallowNet, or an RS value with its activation. */
export type Curve = ((x: number) => number) | ShallowNet | {
  /** the RS value of a scalar net */ rs: RS;
  /** its activation (an Activation or a registered name) */ activation: Activation | string;
};

/** Options of functionChart. */
export interface FunctionChartOptions {
  /** the x range [a, b] */
  domain: [number, number];
  /** number of sample points (default 400) */
  n?: number;
  /** chart title (required: every chart has one) */
  title: string;
  /** x-axis title (default "x") */
  xTitle?: string;
  /** y-axis title (default "f(x)") */
  yTitle?: string;
  /** extra Vega-Lite width/height */
  width?: number;
  /** height in pixels */
  height?: number;
}

function checkDomain(domain: unknown, who: string): [number, number] {
  if (!Array.isArray(domain) || domain.length !== 2 || !domain.every((v) => typeof v === "number" && Number.isFinite(v)) || !(domain[0] < domain[1])) {
    throw new Error(`${who}: domain = ${JSON.stringify(domain)}; pass [a, b] with finite a < b`);
  }
  return [domain[0], domain[1]];
}

function checkTitle(title: unknown, who: string): string {
  if (typeof title !== "string" || title.trim() === "") throw new Error(`${who}: every chart needs a title (it names the exported figure); pass { title: "…" }`);
  return title;
}

function evaluate(curve: Curve, xs: Float64Array, name: string, who: string): Float64Array {
  if (curve instanceof ShallowNet) {
    if (curve.inputDim !== 1 || curve.outputs !== 1) throw new Error(`${who}: "${name}" is a net with ${curve.inputDim} input(s) and ${curve.outputs} output(s); functionChart draws 1-D scalar functions`);
    return curve.predict(xs);
  }
  if (typeof curve === "function") {
    const out = new Float64Array(xs.length);
    for (let n = 0; n < xs.length; n++) out[n] = curve(xs[n]);
    return out;
  }
  if (curve !== null && typeof curve === "object" && "rs" in curve) {
    const rs = checkRS(curve.rs, who);
    if (rs.inputDim !== 1 || rs.outputs !== 1) throw new Error(`${who}: "${name}" has ${rs.inputDim} input(s) and ${rs.outputs} output(s); functionChart draws 1-D scalar functions`);
    return predictRS(rs, xs, curve.activation);
  }
  throw new Error(`${who}: "${name}" must be a function x => y, a ShallowNet, or { rs, activation }`);
}

/**
 * Lines of f(x) over `domain`: `functionChart({ net, "cubic spline": s }, { domain: [-1, 1], title })`.
 * Non-finite values are refused (a blank plot would hide them).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const net = sb.initNetwork({ width: 32, inputDim: 1, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 1, sigmaV: 0.2 }, seed: 0 });
 * await sb.show(sb.functionChart({ net, "sin x": Math.sin }, { domain: [-2, 2], title: "A random net and sin x" }));
 * ```
 */
export function functionChart(series: Record<string, Curve>, options: FunctionChartOptions): Chart {
  const who = "functionChart";
  if (series === null || typeof series !== "object" || series instanceof ShallowNet || Object.keys(series).length === 0) {
    throw new Error(`${who}: pass the curves by name, e.g. { net, target: (x) => Math.sin(x) }`);
  }
  const o = options ?? ({} as FunctionChartOptions);
  const [a, b] = checkDomain(o.domain, who);
  const title = checkTitle(o.title, who);
  const n = o.n ?? 400;
  if (!Number.isInteger(n) || n < 2 || n > 100_000) throw new Error(`${who}: n = ${String(n)}; use an integer in 2..100000`);
  const xs = linspace(a, b, n);
  const x: number[] = [], y: number[] = [], name: string[] = [];
  for (const [key, curve] of Object.entries(series)) {
    const ys = evaluate(curve, xs, key, who);
    for (let k = 0; k < n; k++) {
      if (!Number.isFinite(ys[k])) throw new Error(`${who}: "${key}" is ${ys[k]} at x = ${xs[k]}; only finite values can be drawn`);
      x.push(xs[k]);
      y.push(ys[k]);
      name.push(key);
    }
  }
  const many = Object.keys(series).length > 1;
  return lineChart({ x, y, curve: name }, {
    title, xTitle: o.xTitle ?? "x", yTitle: o.yTitle ?? "f(x)", width: o.width, height: o.height,
    ...(many ? { color: "curve", colorTitle: "" } : {}), tooltip: true,
  });
}

function planesOf(source: ShallowNet | RS, who: string): RS {
  if (source instanceof ShallowNet) return source.toRS();
  if (isRS(source)) return checkRS(source, who);
  throw new Error(`${who}: pass a ShallowNet or its RS value (net.toRS())`);
}

/** Options of breakpointChart. */
export interface BreakpointChartOptions {
  /** chart title (required) */
  title: string;
  /** keep only kinks inside [a, b] (default: all) */
  domain?: [number, number];
  /** width in pixels */
  width?: number;
  /** height in pixels */
  height?: number;
}

/**
 * The kinks of a 1-D scalar net: a point at x = ŵᵢβᵢ on y = 0 per neuron with rᵢ > 0, area ∝ |μᵢ|.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * await sb.show(sb.layerCharts([
 *   sb.functionChart({ f: net }, { domain: [-2, 2], title: "Kinks of a ReLU net" }),
 *   sb.breakpointChart(net, { domain: [-2, 2], title: "Kinks of a ReLU net" }),
 * ]));
 * ```
 */
export function breakpointChart(source: ShallowNet | RS, options: BreakpointChartOptions): Chart {
  const who = "breakpointChart";
  const rs = planesOf(source, who);
  if (rs.inputDim !== 1 || rs.outputs !== 1) throw new Error(`${who}: breakpoints are for 1-D scalar nets; this one has ${rs.inputDim} input(s) and ${rs.outputs} output(s) (use zeroPlaneChart in 2-D)`);
  const o = options ?? ({} as BreakpointChartOptions);
  const title = checkTitle(o.title, who);
  const dom = o.domain === undefined ? null : checkDomain(o.domain, who);
  const x: number[] = [], size: number[] = [], sign: string[] = [], neuron: number[] = [];
  for (let i = 0; i < rs.width; i++) {
    if (rs.scales[i] === 0) continue;
    const pos = rs.normals[i] * rs.offsets[i];
    if (dom !== null && (pos < dom[0] || pos > dom[1])) continue;
    x.push(pos);
    size.push(Math.abs(rs.amplitudes[i]));
    sign.push(rs.amplitudes[i] >= 0 ? "μ ≥ 0" : "μ < 0");
    neuron.push(i);
  }
  if (x.length === 0) throw new Error(`${who}: no kink lies ${dom ? `in [${dom[0]}, ${dom[1]}]` : "anywhere (every neuron has r = 0)"}; nothing to draw`);
  return scatterChart({ x, y: x.map(() => 0), "|μ|": size, sign, neuron }, {
    title, xTitle: "x", yTitle: "", color: "sign", colorTitle: "", sizeBy: "|μ|", width: o.width, height: o.height,
    ...(dom ? { xDomain: dom } : {}), tooltip: ["x", "neuron", "|μ|"],
  });
}

/** Options of zeroPlaneChart. */
export interface ZeroPlaneChartOptions {
  /** chart title (required) */
  title: string;
  /** the box [[x0, x1], [y0, y1]] the lines are clipped to */
  domain: [[number, number], [number, number]];
  /** width in pixels */
  width?: number;
  /** height in pixels */
  height?: number;
}

/** The segment of the line n·x = β inside the box, or null when it misses the box. */
function clip(n0: number, n1: number, beta: number, [[x0, x1], [y0, y1]]: [[number, number], [number, number]]): [number, number, number, number] | null {
  const pts: [number, number][] = [];
  const eps = 1e-12 * Math.max(1, Math.abs(x0), Math.abs(x1), Math.abs(y0), Math.abs(y1));
  if (Math.abs(n1) > 1e-15) for (const x of [x0, x1]) { const y = (beta - n0 * x) / n1; if (y >= y0 - eps && y <= y1 + eps) pts.push([x, y]); }
  if (Math.abs(n0) > 1e-15) for (const y of [y0, y1]) { const x = (beta - n1 * y) / n0; if (x >= x0 - eps && x <= x1 + eps) pts.push([x, y]); }
  if (pts.length < 2) return null;
  let best: [number, number, number, number] = [pts[0][0], pts[0][1], pts[1][0], pts[1][1]], len = -1;
  for (let i = 0; i < pts.length; i++) for (let j = i + 1; j < pts.length; j++) {
    const l = Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
    if (l > len) { len = l; best = [pts[i][0], pts[i][1], pts[j][0], pts[j][1]]; }
  }
  return best;
}

/**
 * The zero-planes ŵᵢ·x = βᵢ of a 2-D net as line segments inside `domain`, one line per neuron.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const net2 = sb.initNetwork({ width: 16, inputDim: 2, activation: "relu",
 *   init: { dist: "gaussian", sigmaW: 1, sigmaB: 0.5, sigmaV: 1 }, seed: 0 });
 * await sb.show(sb.zeroPlaneChart(net2, { domain: [[-1, 1], [-1, 1]], title: "Zero-planes ŵᵢ·x = βᵢ" }));
 * ```
 */
export function zeroPlaneChart(source: ShallowNet | RS, options: ZeroPlaneChartOptions): Chart {
  const who = "zeroPlaneChart";
  const rs = planesOf(source, who);
  if (rs.inputDim !== 2) throw new Error(`${who}: zero-plane lines are drawn for 2-D nets; this one has inputDim ${rs.inputDim} (use breakpointChart in 1-D)`);
  const o = options ?? ({} as ZeroPlaneChartOptions);
  const title = checkTitle(o.title, who);
  const box = o.domain;
  if (!Array.isArray(box) || box.length !== 2) throw new Error(`${who}: domain must be [[x0, x1], [y0, y1]]`);
  const bx = checkDomain(box[0], who), by = checkDomain(box[1], who);
  const K = rs.outputs;
  const amp = (i: number) => { let s = 0; for (let k = 0; k < K; k++) s += rs.amplitudes[i * K + k] ** 2; return Math.sqrt(s); };
  let max = 0;
  for (let i = 0; i < rs.width; i++) if (rs.scales[i] > 0) max = Math.max(max, amp(i));
  const x: number[] = [], y: number[] = [], neuron: number[] = [], weight: number[] = [];
  for (let i = 0; i < rs.width; i++) {
    if (rs.scales[i] === 0) continue;
    const seg = clip(rs.normals[2 * i], rs.normals[2 * i + 1], rs.offsets[i], [bx, by]);
    if (seg === null) continue;
    const w = max > 0 ? amp(i) / max : 0;
    x.push(seg[0], seg[2]);
    y.push(seg[1], seg[3]);
    neuron.push(i, i);
    weight.push(w, w);
  }
  if (x.length === 0) throw new Error(`${who}: no zero-plane crosses the box ${JSON.stringify(box)}; nothing to draw`);
  return lineChart({ x, y, neuron, "|μ|/max": weight }, {
    title, xTitle: "x₁", yTitle: "x₂", detail: "neuron", color: "|μ|/max", colorScheme: "greys", xDomain: bx, yDomain: by,
    width: o.width, height: o.height, tooltip: ["neuron", "|μ|/max"],
  });
}
