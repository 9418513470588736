// The WebAssembly module of the engine and the kernels: `npm run build:wasm` compiles this entry to wasm/engine.wasm.
export * from "./dense";
export * from "./pl1d";
export * from "./gram";
export * from "./sparse-gd";
