// The WebAssembly module of the engine and the kernels: `npm run build:wasm` compiles this entry to wasm/engine.wasm.
// An explicit list: the files also export scalar helpers to each other (dense.ts's σ for sparse-gd.ts).
export { smoothForward, smoothBackward, kinkForward2, kinkBackward2 } from "./dense";
export { pl1dWalk, pl1dForward, pl1dBackwardStep } from "./pl1d";
export { gramTiles } from "./gram";
export { sparseGd } from "./sparse-gd";
