// The activation registry: look up by name with parameters (including sharpness r), list names,
// register new ones.
import { absolute, leakyRelu, relu, reluK, step } from "./piecewise";
import { elu, gelu, silu, smoothRelu, softplus } from "./smooth";
import { gaussian, sigmoid, sine, tanh } from "./bounded";
import type { ActivationFactory } from "./factory";
import { checkSharpness, sharpen } from "./sharpen";
import type { Activation } from "./types";
import { buildUserActivation, checkActivationName, type ActivationSpec } from "./userActivation";

const factories = new Map<string, ActivationFactory>([
  ["relu", relu],
  ["leaky_relu", leakyRelu],
  ["abs", absolute],
  ["step", step],
  ["relu_k", reluK],
  ["elu", elu],
  ["softplus", softplus],
  ["silu", silu],
  ["gelu", gelu],
  ["smooth_relu", smoothRelu],
  ["sigmoid", sigmoid],
  ["tanh", tanh],
  ["sin", sine],
  ["gaussian", gaussian],
]);

const names: string[] = [...factories.keys()];

/**
 * Names of all registered activations. A live list: it grows when registerActivation is called.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.ACTIVATIONS.includes("gelu");   // true: a live list of the registered names
 * ```
 */
export const ACTIVATIONS: readonly string[] = names;

/**
 * A snapshot copy of the registered names.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * sb.activationNames();   // ["relu", "leaky_relu", "abs", "step", …, "tanh", "sin", "gaussian"]
 * ```
 */
export function activationNames(): string[] {
  return [...names];
}

/**
 * The activation `name` built with `params` (missing ones take their defaults). Every activation
 * also accepts `r` > 0, the sharpness: σ_r(z) = σ(rz)/r (see sharpen).
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * const relu = sb.activation("relu");
 * relu.penalty(2);                              // P_σ(ω) = 1/|σ̂(ω)|² = ω⁴ for ReLU: 16
 * const sharp = sb.activation("tanh", { r: 4 }); // σ_r(z) = tanh(4z)/4
 * sharp.sigma(0.1);
 * ```
 */
export function activation(name: string, params: Record<string, number> = {}): Activation {
  const factory = typeof name === "string" ? factories.get(name) : undefined;
  if (!factory) throw new Error(`Unknown activation ${JSON.stringify(name)}. Valid names: ${names.join(", ")}`);
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new Error(`activation("${name}"): params must be an object such as { r: 2 }`);
  }
  const valid = [...Object.keys(factory.params), "r"];
  const full: Record<string, number> = {};
  for (const key of Object.keys(params)) {
    if (!valid.includes(key)) {
      throw new Error(`activation("${name}"): unknown parameter "${key}"; valid parameters: ${valid.join(", ")} (r is the sharpness)`);
    }
  }
  for (const [key, spec] of Object.entries(factory.params)) {
    const v = key in params ? params[key] : spec.default;
    const reason = typeof v === "number" ? spec.check(v) : "must be a number";
    if (reason) throw new Error(`activation("${name}"): parameter ${key} = ${String(v)} ${reason}`);
    full[key] = v;
  }
  const act = factory.build(full);
  if (!("r" in params)) return act;
  return sharpen(act, checkSharpness(params.r, `activation("${name}")`));
}

/**
 * Registers a new activation from σ alone or with any of σ′, σ″, σ̂, a TF op, kinks, jumps, flags
 * (see ActivationSpec). Afterwards `activation(name)` returns it and ACTIVATIONS lists it.
 * Registering an existing name throws.
 *
 * @example
 * ```ts
 * import * as sb from "spectral-bias";
 * // σ(z) = z·Φ(z) (a GELU variant); σ′, σ″ and σ̂ are derived numerically when omitted
 * const act = sb.registerActivation("my_gelu", { sigma: (z) => z * sb.normalCdf(z) });
 * act.penalty(3);
 * ```
 */
export function registerActivation(name: string, spec: ActivationSpec): Activation {
  checkActivationName(name);
  if (factories.has(name)) throw new Error(`registerActivation: "${name}" is already registered; choose another name`);
  const act = buildUserActivation(name, spec);
  factories.set(name, { params: {}, build: () => act });
  names.push(name);
  return act;
}
