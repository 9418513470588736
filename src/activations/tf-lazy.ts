// TF.js, loaded on first use. An activation's tfOp (and a designed activation's custom gradient)
// runs only inside the TF.js trainers, but importing @tensorflow/tfjs takes about half a second
// (0.56 s measured on the CI machine), which every script, test file and worker that needs only
// σ, σ′ and σ̂ used to pay at start-up. The proxy requires the module at the first property read
// and hands out its exports unchanged (TF.js ops are plain functions, not methods). It loads the
// umbrella package (which registers the backends) but is typed by tfjs-core, where every op used
// here is defined, so no declaration names the umbrella (test/architecture.test.ts).
import type * as TF from "@tensorflow/tfjs-core";

let loaded: typeof TF | undefined;

/** `@tensorflow/tfjs`, required on first use */
export const tf: typeof TF = new Proxy({} as typeof TF, {
  get: (_target, key) => {
    loaded ??= require("@tensorflow/tfjs") as typeof TF;
    return loaded[key as keyof typeof TF];
  },
});
