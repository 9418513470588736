// The layering of src/ (docs/architecture.md), enforced by dependency-cruiser: `npm run lint:deps`,
// and test/architecture.test.ts runs it in `npm test`.
//
//   base          numeric, random.ts, parallel, check   general numerics, utilities and argument checks, no model
//   activations   σ, σ′, σ″, σ̂ and the shape of σ
//   network       ShallowNet, RS coordinates, init laws
//   middle        train, tfjs, kernel, spectral     train is the engine the others may call
//   top           adaptive, experiments, mnist
//   outside       chart, verify (notebook kit), notebook (Jupyter tools); src/index.ts, src/tools.ts (entries)
//
// A layer imports only from layers below it (and itself); the model layers never import the
// outside; nothing imports an entry point; no cycles anywhere. Type-only imports count too.
const BASE = "numeric|random\\.ts|parallel|check";
const MATHS = "numeric|random\\.ts|parallel|check|activations|network|train|tfjs|kernel|spectral|adaptive|experiments|mnist";

/** a rule: files under `from` may import, inside src/, only what `allowed` names (plus their own folder) */
function onlyFrom(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: `^src/(${from})` },
    to: { path: "^src/", pathNot: `^src/(${allowed})` },
  };
}

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A cycle of runtime imports makes the layers meaningless and the load order fragile.",
      severity: "error",
      from: {},
      to: { circular: true, dependencyTypesNot: ["type-only"], viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-circular-types",
      comment: "A cycle closed only by `import type` is erased at runtime, but still couples the modules: a warning.",
      severity: "warn",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-entry-import",
      comment: "src/index.ts and src/tools.ts are entry points for users and scripts; modules import the module itself.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^src/(index|tools)\\.ts$" },
    },
    onlyFrom("base-is-base", BASE, BASE, "numeric, random, parallel and check import nothing else from src/."),
    onlyFrom("activations-layer", "activations", `${BASE}|activations`, "activations build on the numerics only."),
    onlyFrom("network-layer", "network", `${BASE}|activations|network`, "network builds on activations and numerics."),
    onlyFrom("train-layer", "train", `${BASE}|activations|network|train`, "train is the engine of the middle layer: it imports no kernel, spectral or tfjs module."),
    onlyFrom("middle-layer", "tfjs|kernel|spectral", `${BASE}|activations|network|train|tfjs|kernel|spectral`, "kernel, spectral and tfjs may use train, never the top layer or the outside."),
    onlyFrom("top-layer", "adaptive|experiments|mnist", MATHS, "adaptive, experiments and mnist use every model layer, never the outside."),
    onlyFrom("chart-outside", "chart", `${BASE}|activations|network|chart`, "charts draw values (and nets or RS values); they import no training, kernel or tool code."),
    onlyFrom("verify-outside", "verify", `${BASE}|verify`, "the notebook check helpers need numerics at most."),
    onlyFrom("tools-outside", "notebook", "notebook|chart", "the Jupyter client, runner, nbformat and course builder know nothing of the maths."),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^src/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
