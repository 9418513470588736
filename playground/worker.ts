// The Web Worker around PlaygroundEngine: one request, one reply (with the request's id), so the
// page's training loop never blocks the UI thread. Refusals come back as { error } with the reason.
//
// Replies are kept small, because every one is copied between threads (structured clone): the
// reference curves and P_σ(ω) go out only when they changed since the last reply, and during
// training the histories only when the page asks for them (`history: true`, a few times a second).
import { PlaygroundEngine, PlaygroundInputError, type SnapshotParts } from "./engine";
import type { PlaygroundConfig, PlaygroundPoint } from "./config";

export type WorkerRequest =
  | { id: number; type: "configure"; config: Partial<PlaygroundConfig> }
  | { id: number; type: "setPoints"; points: PlaygroundPoint[] }
  | { id: number; type: "step"; n: number; history?: boolean }
  | { id: number; type: "reset" }
  | { id: number; type: "state" };

interface WorkerScope {
  onmessage: ((ev: { data: WorkerRequest }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
const engine = new PlaygroundEngine();
let sentVersion = -1;
let sentPenalty = "";

function parts(req: WorkerRequest): SnapshotParts {
  const c = engine.config;
  const penaltyKey = `${c.activation}:${c.r}`;
  const p = {
    history: req.type !== "step" || req.history !== false,
    reference: engine.dataVersion !== sentVersion,
    penalty: penaltyKey !== sentPenalty,
  };
  sentVersion = engine.dataVersion;
  sentPenalty = penaltyKey;
  return p;
}

scope.onmessage = (ev) => {
  const req = ev.data;
  const t0 = performance.now();
  try {
    let refused: string | null = null;
    if (req.type === "configure") engine.configure(req.config);
    else if (req.type === "setPoints") engine.setPoints(req.points);
    else if (req.type === "reset") engine.reset();
    else if (req.type === "step") refused = engine.step(req.n).error;
    const snapshot = engine.snapshot(parts(req));
    scope.postMessage({ id: req.id, snapshot, refused, ms: performance.now() - t0 });
  } catch (e) {
    const known = e instanceof PlaygroundInputError;
    scope.postMessage({ id: req.id, error: known ? (e as Error).message : `internal error: ${(e as Error).message}`, snapshot: engine.snapshot(parts(req)) });
  }
};
