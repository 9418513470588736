// Turn a registry name (plus parameters) into an Activation, or pass an Activation object through:
// everywhere an activation is accepted, its registered name works as well.
import type { Activation } from "../activations/types";
import { activation, activationNames } from "../activations";

/** Resolve `a` ("relu", or an Activation object) to an Activation; `params` go to the registry. */
export function resolveActivation(a: Activation | string, params?: Record<string, number>, where = "resolveActivation"): Activation {
  if (typeof a === "string") {
    const names = activationNames();
    if (!names.includes(a)) throw new Error(`${where}: unknown activation "${a}"; registered names: ${names.join(", ")}`);
    return activation(a, params ?? {});
  }
  if (a === null || typeof a !== "object" || typeof a.sigma !== "function") {
    throw new Error(`${where}: activation must be an Activation object or a registry name like "relu", got ${String(a)}`);
  }
  return a;
}
