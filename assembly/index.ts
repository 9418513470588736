// The engine's WebAssembly module: `npm run build:wasm` compiles this entry to wasm/engine.wasm.
export * from "./dense";
export * from "./pl1d";
