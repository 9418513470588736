// The playground page: controls, charts (the package's Vega-Lite builders in the house style,
// drawn by vega-embed), point editing by clicking, and the training loop that asks the worker for
// `steps per frame` GD steps each animation frame. window.playground is the API the browser tests use.
//
// Frame budget (issue 13: ≥ 60 steps per frame at ≥ 20 frames per second on two cores). The worker
// trains the next batch while the page draws the last one. Every frame redraws only the fit
// (net curve and breakpoints; the reference curves and the points only when they change). The
// history charts (loss, residual energy, pinning) change slowly: their rows are asked from the
// worker every HISTORY_MS, and at most one of them is redrawn per frame.
import vegaEmbed from "vega-embed";
import type { View } from "vega";
import { lineChart } from "../src/chart/line";
import { scatterChart } from "../src/chart/scatter";
import { layerCharts } from "../src/chart/compose";
import type { Chart } from "../src/chart/chart";
import { ACTIVATIONS } from "../src/activations/registry";
import { DEFAULT_CONFIG, MAX_POINTS, MAX_WIDTH, type PlaygroundConfig, type PlaygroundPoint } from "./config";
import type { Snapshot } from "./engine";
import type { WorkerRequest } from "./worker";

declare const __WORKER_SOURCE__: string;

type Json = Record<string, unknown>;
type Reply = { id: number; snapshot: Snapshot; refused?: string | null; error?: string; ms?: number };
/** How often the history charts are refreshed while training runs (ms). */
const HISTORY_MS = 300;
const HISTORY_CHARTS = ["loss", "energy", "pinning"] as const;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

// ---- worker ------------------------------------------------------------------------------------

// A Blob URL, so the page also runs from file:// (a worker script file would be refused there).
const worker = new Worker(URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: "text/javascript" })));
let nextId = 1;
const pending = new Map<number, (r: Reply) => void>();
worker.onmessage = (ev: MessageEvent<Reply>) => {
  const done = pending.get(ev.data.id);
  pending.delete(ev.data.id);
  done?.(ev.data);
};

function request(req: DistributiveOmit<WorkerRequest, "id">): Promise<Reply> {
  const id = nextId++;
  const t0 = performance.now();
  return new Promise((resolve) => {
    pending.set(id, (r) => {
      lastRoundTripMs = performance.now() - t0;
      lastWorkerMs = r.ms ?? lastWorkerMs;
      resolve(r);
    });
    worker.postMessage({ ...req, id });
  });
}

// ---- page state ----------------------------------------------------------------------------------

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let snap: Snapshot | null = null;
let running = false;
let stepsPerFrame = 60;
let frames = 0;
let stepsDone = 0;
/** the worker's step count in the last frame drawn by the training loop */
let stepAtFrame = 0;
let lastWorkerMs = 0;
let lastDrawMs = 0;
let lastRoundTripMs = 0;
const frameTimes: number[] = [];
/** requestAnimationFrame callbacks seen while measuring (the browser's own frame count) */
let rafCount = 0;
let lastHistoryAsk = -Infinity;
/** history charts whose rows arrived but are not drawn yet */
const dirtyHistory = new Set<string>();
const views: Record<string, View> = {};
const chartVersion: Record<string, number> = {};
/** the last redraw time of each chart (ms), for the speed report */
const chartMs: Record<string, number> = {};

function say(message: string, kind: "error" | "info" = "error"): void {
  const el = $("message");
  el.textContent = message;
  el.className = kind;
}

// ---- charts --------------------------------------------------------------------------------------

/** Gives every view's inline data a name, so the live page can swap rows without re-embedding. */
function nameData(chart: Chart, names: string[]): Json {
  const spec = JSON.parse(JSON.stringify(chart.spec)) as Json;
  const views = Array.isArray(spec.layer) ? (spec.layer as Json[]) : [spec];
  views.forEach((v, i) => {
    v.data = { name: names[i], values: (v.data as Json | undefined)?.values ?? [] };
  });
  return spec;
}

const placeholder = (fields: Json) => [fields];

function fitSpec(dim: 1 | 2): Json {
  if (dim === 2) {
    const heat = {
      data: { name: "heat", values: [] },
      mark: { type: "rect" },
      encoding: {
        x: { field: "x1", type: "quantitative", bin: { maxbins: 24, extent: [-1, 1] }, title: "x₁", scale: { domain: [-1, 1] } },
        y: { field: "x2", type: "quantitative", bin: { maxbins: 24, extent: [-1, 1] }, title: "x₂", scale: { domain: [-1, 1] } },
        color: { field: "f", type: "quantitative", aggregate: "mean", scale: { scheme: "redblue", reverse: true, domain: [-1.5, 1.5], clamp: true }, title: "f(x)" },
      },
    };
    const planes = {
      data: { name: "planes", values: [] },
      mark: { type: "line", color: "#222222", strokeWidth: 1, clip: true },
      encoding: { x: { field: "x1", type: "quantitative" }, y: { field: "x2", type: "quantitative" }, detail: { field: "id", type: "nominal" }, opacity: { field: "weight", type: "quantitative", legend: null } },
    };
    const points = {
      data: { name: "points", values: [] },
      mark: { type: "point", filled: true, size: 90, stroke: "white", strokeWidth: 1.5 },
      encoding: { x: { field: "x1", type: "quantitative" }, y: { field: "x2", type: "quantitative" }, color: { field: "label", type: "nominal", scale: { domain: ["+1", "−1"], range: ["#D55E00", "#0072B2"] }, title: "target" } },
    };
    const base = lineChart(placeholder({ x: 0, y: 0 }), {
      title: "2-D: zero-plane lines over the data",
      subtitle: "click: add a point with the chosen target · shift-click: delete · line darkness = |μᵢ| relative to the largest",
    });
    const spec = JSON.parse(JSON.stringify(base.spec)) as Json;
    delete spec.data;
    delete spec.mark;
    delete spec.encoding;
    return { ...spec, width: 420, height: 420, layer: [heat, planes, points], resolve: { scale: { color: "independent" } } };
  }
  const curves = lineChart(placeholder({ x: 0, y: 0, curve: "network" }), {
    color: "curve", xDomain: [-1.2, 1.2], yDomain: [-2, 2], xTitle: "x", yTitle: "f(x)", dashBy: "curve",
  });
  const spec = nameData(
    layerCharts(
      [
        curves,
        scatterChart(placeholder({ x: 0, mu: 1 }), { x: "x", y: "mu", markColor: "#CC79A7", xDomain: [-1.2, 1.2] }),
        scatterChart(placeholder({ x: 0, y: 0 }), { markColor: "#000000", pointSize: 70, xDomain: [-1.2, 1.2], yDomain: [-2, 2] }),
      ],
      { title: "Fit: network, kernel-regime prediction, splines", subtitle: "click: add · drag: move · shift-click: delete", width: 520, height: 320 },
    ),
    ["curves", "breakpoints", "points"],
  );
  // breakpoints: ticks along the bottom of the plot, at y = −2 (their height would be another scale)
  const layers = spec.layer as Json[];
  layers[1].mark = { type: "tick", orient: "vertical", color: "#CC79A7", thickness: 2, size: 14, clip: true };
  layers[1].encoding = { x: { field: "x", type: "quantitative" }, y: { datum: -1.93, type: "quantitative" }, opacity: { field: "mu", type: "quantitative", scale: { range: [0.25, 1] }, legend: null } };
  const enc = layers[0].encoding as Json;
  enc.color = { ...(enc.color as Json), scale: { domain: ["network", "f₀ + NTK interpolant", "natural cubic spline", "linear interpolant"] }, title: null, legend: { orient: "bottom", columns: 2 } };
  enc.strokeDash = { ...(enc.strokeDash as Json), scale: { domain: ["network", "f₀ + NTK interpolant", "natural cubic spline", "linear interpolant"], range: [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2]] }, legend: null };
  // the reference curves (f₀ + NTK, splines) change only with the data or settings: a layer of their own
  layers.splice(1, 0, { ...JSON.parse(JSON.stringify(layers[0])), data: { name: "reference", values: [] } });
  return spec;
}

function lossSpec(): Json {
  return nameData(lineChart(placeholder({ step: 0, loss: 1 }), { x: "step", y: "loss", yScale: "log", title: "Training loss L = (1/2N) Σ (f(xₙ) − yₙ)²", width: 360, height: 200 }), ["losses"]);
}

function energySpec(): Json {
  return nameData(
    lineChart(placeholder({ step: 0, energy: 1, frequency: "k = 1" }), {
      x: "step", y: "energy", color: "frequency", yScale: "log", title: "Residual energy per frequency", subtitle: "|(1/N) Σ rₙ e^(−iπk xₙ)|²: low k falls first", width: 360, height: 200,
    }),
    ["energy"],
  );
}

function pinningSpec(): Json {
  return nameData(
    lineChart(placeholder({ step: 0, fraction: 0, curve: "pinned" }), {
      x: "step", y: "fraction", color: "curve", yDomain: [0, 1], title: "Breakpoints pinned to data (tol 0.02)", subtitle: "amplitude-weighted fraction vs the chance baseline", width: 360, height: 200,
    }),
    ["pinning"],
  );
}

function penaltySpec(): Json {
  return nameData(
    lineChart(placeholder({ omega: 1, penalty: 1 }), { x: "omega", y: "penalty", xScale: "log", yScale: "log", title: "Spectral penalty P_σ(ω) = 1/|σ̂(ω)|²", xTitle: "ω", yTitle: "P_σ(ω)", width: 360, height: 200 }),
    ["penalty"],
  );
}

async function embed(id: string, spec: Json, resize = true): Promise<View> {
  // resize: re-lay out on every data update (axis labels and legends change with the data); the fit
  // chart has fixed domains and a fixed legend, so it skips that work on its every-frame redraw
  const live = resize ? { ...spec, autosize: { type: "pad", resize: true } } : spec;
  const res = await vegaEmbed(`#${id}`, live as never, { actions: false, renderer: "canvas" });
  views[id] = res.view;
  chartVersion[id] = 0;
  return res.view;
}

async function buildCharts(dim: 1 | 2): Promise<void> {
  referenceFor = -1;
  penaltyFor = "";
  for (const v of Object.values(views)) v.finalize();
  for (const id of Object.keys(views)) delete views[id];
  pointsDrawn = "";
  for (const id of HISTORY_CHARTS) dirtyHistory.add(id);
  await embed("fit", fitSpec(dim), false);
  await embed("loss", lossSpec());
  await embed("pinning", pinningSpec());
  await embed("penalty", penaltySpec());
  if (dim === 1) await embed("energy", energySpec());
  else $("energy").textContent = "";
  attachEditing(views.fit, dim);
}

function setData(id: string, name: string, rows: unknown[]): void {
  const v = views[id];
  if (!v) return;
  v.data(name, rows.map((r) => ({ ...(r as Json) })));
  chartVersion[id]++;
}

let drawCount = 0;
/** Draw a snapshot: everything (`all`, when paused or after an edit) or the live frame budget. */
async function draw(s: Snapshot, all = true): Promise<void> {
  const t0 = performance.now();
  try {
    await drawNow(merge(s), all);
  } finally {
    lastDrawMs = performance.now() - t0;
  }
}

/** The reply's parts over the page's copy: omitted parts (empty lists) keep the last ones received. */
function merge(s: Snapshot): Snapshot {
  const prev = snap;
  const out: Snapshot = { ...s };
  if (!s.parts.reference && prev) out.curves = [...s.curves, ...prev.curves.filter((r) => r.curve !== "network")];
  if (!s.parts.penalty && prev) out.penalty = prev.penalty;
  if (!s.parts.history && prev) {
    out.losses = prev.losses;
    out.pinning = prev.pinning;
    out.energy = prev.energy;
  }
  return out;
}

let pointsDrawn = "";
async function drawNow(s: Snapshot, all: boolean): Promise<void> {
  snap = s;
  drawCount++;
  const one = s.config.dim === 1;
  const touched = new Set<string>(["fit"]);
  const pointsKey = JSON.stringify(s.points);
  if (one) {
    setData("fit", "curves", s.curves.filter((r) => r.curve === "network"));
    if (referenceFor !== s.version) {
      setData("fit", "reference", s.curves.filter((r) => r.curve !== "network"));
      referenceFor = s.version;
    }
    setData("fit", "breakpoints", s.breakpoints);
    if (pointsKey !== pointsDrawn) setData("fit", "points", s.points.map((p) => ({ x: p.x, y: p.y })));
  } else {
    setData("fit", "heat", s.heat);
    setData("fit", "planes", s.planes);
    if (pointsKey !== pointsDrawn) setData("fit", "points", s.points.map((p) => ({ x1: (p.x as number[])[0], x2: (p.x as number[])[1], label: p.y > 0 ? "+1" : "−1" })));
  }
  pointsDrawn = pointsKey;
  if (s.parts.history) for (const id of HISTORY_CHARTS) dirtyHistory.add(id);
  // while running, one history chart per frame; otherwise all of them now
  for (const id of HISTORY_CHARTS) {
    if (!dirtyHistory.has(id) || (id === "energy" && !one)) continue;
    dirtyHistory.delete(id);
    touched.add(id);
    if (id === "loss") setData("loss", "losses", s.losses.filter((r) => r.loss > 0));
    else if (id === "pinning") setData("pinning", "pinning", s.pinning.filter((r) => Number.isFinite(r.fraction)));
    else setData("energy", "energy", s.energy.filter((r) => r.energy > 0));
    if (!all) break;
  }
  if (penaltyFor !== penaltyKey(s)) {
    setData("penalty", "penalty", s.penalty);
    penaltyFor = penaltyKey(s);
    touched.add("penalty");
  }
  for (const id of touched) {
    if (!views[id]) continue;
    const t0 = performance.now();
    await views[id].runAsync();
    chartMs[id] = performance.now() - t0;
  }
  const pinned = Number.isFinite(s.pinned) ? `${(100 * s.pinned).toFixed(1)}% pinned vs ${(100 * s.chance).toFixed(1)}% by chance` : "pinning: —";
  $("status").textContent =
    `step ${s.step} · loss ${Number.isFinite(s.loss) ? s.loss.toExponential(3) : "—"} · lr ${s.lr.toPrecision(3)} · ${pinned} · ` +
    `${stepsPerFrame} steps/frame · ${fps().toFixed(1)} frames/s`;
  $("notes").textContent = s.notes.join(" · ");
  if (s.error !== null) say(s.error);
}
let penaltyFor = "";
let referenceFor = -1;
const penaltyKey = (s: Snapshot) => `${s.config.activation}:${s.config.r}`;

function fps(): number {
  const now = performance.now();
  while (frameTimes.length > 0 && frameTimes[0] < now - 2000) frameTimes.shift();
  return frameTimes.length < 2 ? 0 : (frameTimes.length - 1) / ((frameTimes[frameTimes.length - 1] - frameTimes[0]) / 1000);
}

// ---- point editing ----------------------------------------------------------------------------------

/** Data coordinates of a pointer event inside a view (vega's origin = the plot's top-left corner). */
function dataCoords(view: View, ev: MouseEvent): [number, number] {
  const el = view.container()!.querySelector("canvas, svg") as Element;
  const rect = el.getBoundingClientRect();
  const [ox, oy] = view.origin();
  const px = ev.clientX - rect.left - ox;
  const py = ev.clientY - rect.top - oy;
  return [view.scale("x").invert(px) as number, view.scale("y").invert(py) as number];
}

function pixelOf(view: View, x: number, y: number): [number, number] {
  return [view.scale("x")(x) as number, view.scale("y")(y) as number];
}

function attachEditing(view: View, dim: 1 | 2): void {
  const el = view.container()!;
  let dragging = -1;
  const nearest = (ev: MouseEvent): number => {
    if (!snap) return -1;
    const [x, y] = dataCoords(view, ev);
    const [px, py] = pixelOf(view, x, y);
    let best = -1;
    let bestD = 10;
    snap.points.forEach((p, i) => {
      const [qx, qy] = dim === 1 ? pixelOf(view, p.x as number, p.y) : pixelOf(view, (p.x as number[])[0], (p.x as number[])[1]);
      const d = Math.hypot(qx - px, qy - py);
      if (d < bestD) [best, bestD] = [i, d];
    });
    return best;
  };
  const clampRound = (v: number, lim: number) => Math.round(Math.max(-lim, Math.min(lim, v)) * 1000) / 1000;
  const pointAt = (ev: MouseEvent): PlaygroundPoint | null => {
    const [x, y] = dataCoords(view, ev);
    if (!(Math.abs(x) <= 1.2 && Math.abs(y) <= 2.2)) return null;
    if (dim === 1) return { x: clampRound(x, 1), y: clampRound(y, 2) };
    return { x: [clampRound(x, 1), clampRound(y, 1)], y: ($("label") as HTMLSelectElement).value === "+1" ? 1 : -1 };
  };
  el.addEventListener("pointerdown", (ev) => {
    if (!snap) return;
    const hit = nearest(ev);
    if (hit >= 0 && ev.shiftKey) {
      void api.setPoints(snap.points.filter((_, i) => i !== hit));
      return;
    }
    if (hit >= 0 && dim === 1) {
      dragging = hit;
      el.setPointerCapture(ev.pointerId);
      return;
    }
    const p = pointAt(ev);
    if (p) void api.setPoints([...snap.points, p]);
  });
  el.addEventListener("pointermove", (ev) => {
    if (dragging < 0 || !snap) return;
    const p = pointAt(ev);
    if (!p) return;
    const pts = snap.points.slice();
    pts[dragging] = p;
    setData("fit", "points", pts.map((q) => ({ x: q.x, y: q.y })));
    void views.fit.runAsync();
    snap = { ...snap, points: pts };
  });
  el.addEventListener("pointerup", () => {
    if (dragging < 0 || !snap) return;
    dragging = -1;
    void api.setPoints(snap.points);
  });
}

// ---- training loop ---------------------------------------------------------------------------------

/** The next batch, asked for before the current one is drawn, so the worker trains while the page draws. */
let inflight: Promise<Reply> | null = null;

/** A step request; its reply carries the histories when they are due (every HISTORY_MS). */
function stepRequest(): Promise<Reply> {
  const now = performance.now();
  const history = now - lastHistoryAsk >= HISTORY_MS;
  if (history) lastHistoryAsk = now;
  return request({ type: "step", n: stepsPerFrame, history });
}

async function frame(): Promise<void> {
  if (!running) return;
  const reply = await (inflight ?? stepRequest());
  inflight = null;
  if (reply.refused) {
    running = false;
    updateButtons();
    say(reply.refused);
  } else {
    stepsDone += stepsPerFrame;
    if (running) inflight = stepRequest();
  }
  await draw(reply.snapshot, !running);
  frames++;
  stepAtFrame = reply.snapshot.step;
  frameTimes.push(performance.now());
  if (running) requestAnimationFrame(() => void frame());
}

/** After a pause, the batch already asked for still arrives: count it and draw it (with every chart). */
async function settle(): Promise<void> {
  const pendingBatch = inflight;
  inflight = null;
  if (pendingBatch === null) return;
  const reply = await pendingBatch;
  if (!reply.refused) stepsDone += stepsPerFrame;
  else say(reply.refused);
  await draw(reply.snapshot);
  if (!reply.snapshot.parts.history) await draw((await request({ type: "state" })).snapshot);
}

function updateButtons(): void {
  $("start").textContent = running ? "Pause" : "Start";
}

async function apply(reply: Reply): Promise<Snapshot> {
  if (reply.error) say(reply.error);
  else if (!reply.snapshot.error) say("", "info");
  await draw(reply.snapshot);
  if (reply.error) throw new Error(reply.error);
  return snap!;
}

// ---- the API the tests (and the console) use ------------------------------------------------------

const api = {
  /** Switch activation (registry name) and sharpness r; restarts training from a fresh init. */
  async setActivation(name: string, r = Number(($("r") as HTMLInputElement).value) || 1): Promise<Snapshot> {
    ($("activation") as HTMLSelectElement).value = name;
    ($("r") as HTMLInputElement).value = String(r);
    return apply(await request({ type: "configure", config: { activation: name, r } }));
  },
  /** Any settings at once (width, alpha, rate, seed, dim, activation, r). */
  async configure(config: Partial<PlaygroundConfig>): Promise<Snapshot> {
    const reply = await request({ type: "configure", config });
    if (reply.snapshot.config.dim !== snap?.config.dim) await buildCharts(reply.snapshot.config.dim);
    syncControls(reply.snapshot.config);
    return apply(reply);
  },
  /** Replace the data points; refused with the reason (duplicate x, over 200 points, out of range). */
  async setPoints(points: PlaygroundPoint[]): Promise<Snapshot> {
    return apply(await request({ type: "setPoints", points }));
  },
  /** n GD steps now (also while paused). */
  async step(n = stepsPerFrame): Promise<Snapshot> {
    const reply = await request({ type: "step", n });
    if (reply.refused) say(reply.refused);
    return apply(reply);
  },
  start(): void {
    if (running) return;
    running = true;
    updateButtons();
    void frame();
  },
  /** Stop after the batch in flight; resolves when that batch is drawn. */
  async pause(): Promise<void> {
    running = false;
    updateButtons();
    await settle();
  },
  setStepsPerFrame(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > 5000) throw new RangeError(`setStepsPerFrame: n must be a whole number from 1 to 5000; got ${n}`);
    stepsPerFrame = n;
    ($("spf") as HTMLInputElement).value = String(n);
  },
  /** The last snapshot, with page-side counters (frames drawn, frames per second, chart data versions). */
  state() {
    return {
      ...(snap as Snapshot),
      running,
      stepsPerFrame,
      frames,
      stepsDone,
      fps: fps(),
      workerMs: lastWorkerMs,
      drawMs: lastDrawMs,
      roundTripMs: lastRoundTripMs,
      message: $("message").textContent ?? "",
      chartVersions: { ...chartVersion },
      chartMs: { ...chartMs },
    };
  },
  /** Rows of a chart's named dataset as Vega holds them now, e.g. chartData("fit", "curves"). */
  chartData(id: string, name: string): Json[] {
    return (views[id]?.data(name) ?? []).map((r: Json) => ({ ...r }));
  },
  /**
   * Train for `ms` milliseconds and return what was measured: the browser's frames per second
   * (requestAnimationFrame callbacks), the charts' frames per second (fits drawn), and GD steps per
   * drawn frame counted by the worker (its step counter).
   */
  async measure(ms: number): Promise<{ fps: number; rafFps: number; stepsPerFrame: number; stepsPerSecond: number; frames: number; workerMsPerFrame: number; drawMsPerFrame: number }> {
    const wasRunning = running;
    let counting = true;
    const tick = () => {
      rafCount++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    api.start();
    // from the first frame drawn after the start, so the first batch's latency is not counted
    await new Promise<void>((res) => {
      const f = frames;
      const wait = (): void => void (frames > f ? res() : setTimeout(wait, 5));
      wait();
    });
    const f0 = frames, s0 = stepAtFrame, t0 = performance.now(), raf0 = rafCount;
    let workerMs = 0, drawMs = 0, samples = 0;
    const sample = setInterval(() => {
      workerMs += lastWorkerMs;
      drawMs += lastDrawMs;
      samples++;
    }, 50);
    await new Promise((r) => setTimeout(r, ms));
    const seconds = (performance.now() - t0) / 1000;
    const n = frames - f0;
    const steps = stepAtFrame - s0;
    const rafFrames = rafCount - raf0;
    clearInterval(sample);
    counting = false;
    if (!wasRunning) await api.pause();
    return {
      fps: n / seconds,
      rafFps: rafFrames / seconds,
      stepsPerFrame: n > 0 ? steps / n : 0,
      stepsPerSecond: steps / seconds,
      frames: n,
      workerMsPerFrame: workerMs / Math.max(1, samples),
      drawMsPerFrame: drawMs / Math.max(1, samples),
    };
  },
  limits: { points: MAX_POINTS, width: MAX_WIDTH },
  /** The live Vega views by chart id (for tests and the console). */
  _views: views,
};

declare global {
  interface Window {
    playground: typeof api;
    playgroundReady: Promise<void>;
  }
}
window.playground = api;

// ---- controls ------------------------------------------------------------------------------------

function syncControls(c: PlaygroundConfig): void {
  ($("activation") as HTMLSelectElement).value = c.activation;
  ($("r") as HTMLInputElement).value = String(c.r);
  ($("width") as HTMLInputElement).value = String(c.width);
  ($("alpha") as HTMLInputElement).value = String(Math.log10(c.alpha));
  $("alphaValue").textContent = `α = ${c.alpha.toPrecision(2)} (${c.alpha < 1 ? "adaptive side" : "kernel side"})`;
  ($("rate") as HTMLInputElement).value = String(c.rate);
  ($("dim") as HTMLSelectElement).value = String(c.dim);
  $("label").parentElement!.style.display = c.dim === 2 ? "" : "none";
}

function wireControls(): void {
  const sel = $("activation") as HTMLSelectElement;
  for (const name of ACTIVATIONS) sel.add(new Option(name, name));
  const num = (id: string) => Number(($(id) as HTMLInputElement).value);
  const guard = (p: Promise<unknown>) => p.catch(() => undefined);
  sel.onchange = () => void guard(api.configure({ activation: sel.value }));
  $("r").onchange = () => void guard(api.configure({ r: num("r") }));
  $("width").onchange = () => void guard(api.configure({ width: num("width") }));
  $("alpha").oninput = () => ($("alphaValue").textContent = `α = ${Math.pow(10, num("alpha")).toPrecision(2)}`);
  $("alpha").onchange = () => void guard(api.configure({ alpha: Number(Math.pow(10, num("alpha")).toPrecision(3)) }));
  $("rate").onchange = () => void guard(api.configure({ rate: num("rate") }));
  $("dim").onchange = () => void guard(api.configure({ dim: num("dim") as 1 | 2 }));
  $("spf").onchange = () => {
    try {
      api.setStepsPerFrame(num("spf"));
    } catch (e) {
      say((e as Error).message);
    }
  };
  $("start").onclick = () => (running ? void api.pause() : api.start());
  $("step").onclick = () => void guard(api.step());
  $("reset").onclick = () => void request({ type: "reset" }).then(apply).catch(() => undefined);
  $("clear").onclick = () => void guard(api.setPoints([]));
}

/** Twelve points of a wiggly target: the default data set. */
function defaultPoints(): PlaygroundPoint[] {
  return Array.from({ length: 12 }, (_, i) => {
    const x = -0.9 + (1.8 * i) / 11;
    return { x: Math.round(x * 1000) / 1000, y: Math.round((Math.sin(3 * x) + 0.4 * Math.cos(7 * x)) * 1000) / 1000 };
  });
}

window.playgroundReady = (async () => {
  wireControls();
  syncControls(DEFAULT_CONFIG);
  await buildCharts(1);
  const s = await apply(await request({ type: "setPoints", points: defaultPoints() }));
  syncControls(s.config);
  say("Ready: press Start, or click the fit chart to add points.", "info");
})();
