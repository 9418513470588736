// The playground's stand-in for src/train/wasm-bytes.ts: the engine's WebAssembly module inline,
// base64 in __ENGINE_WASM__ (defined by scripts/playground.ts from wasm/engine.wasm), so the page
// needs no file and no network. The worker compiles it synchronously (allowed in a Web Worker).
declare const __ENGINE_WASM__: string;

export const ENGINE_WASM_PATH = "wasm/engine.wasm (inline in playground.js)";

export function engineWasmBytes(): Uint8Array {
  const s = atob(__ENGINE_WASM__);
  const bytes = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) bytes[k] = s.charCodeAt(k);
  return bytes;
}
