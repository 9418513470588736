// Where the engine's WebAssembly module comes from under Node: wasm/engine.wasm at the package root,
// written by `npm run build:wasm` (which `npm ci` runs). src/train and dist/train are both two levels
// down. The browser playground replaces this file with one that carries the bytes inline
// (scripts/playground.ts), so nothing else in the engine touches the file system.
import * as fs from "node:fs";
import * as path from "node:path";

export const ENGINE_WASM_PATH = path.join(__dirname, "..", "..", "wasm", "engine.wasm");

/** the module's bytes; throws an error that names the file and the fix when it is missing */
export function engineWasmBytes(): Uint8Array {
  if (!fs.existsSync(ENGINE_WASM_PATH)) throw new Error(`${ENGINE_WASM_PATH} is missing: run \`npm run build:wasm\` (npm ci runs it)`);
  return fs.readFileSync(ENGINE_WASM_PATH);
}
