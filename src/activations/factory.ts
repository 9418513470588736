// What a registry entry is: parameter specs (defaults + validation) and a builder.
import type { Activation } from "./types";

export interface ParamSpec {
  default: number;
  /** returns a reason when v is invalid, e.g. "must be a positive integer" */
  check(v: number): string | undefined;
}

export interface ActivationFactory {
  params: Readonly<Record<string, ParamSpec>>;
  /** builds the activation from complete, validated parameters */
  build(params: Record<string, number>): Activation;
}

export const finite: ParamSpec["check"] = (v) => (Number.isFinite(v) ? undefined : "must be a finite number");
export const positive: ParamSpec["check"] = (v) => (Number.isFinite(v) && v > 0 ? undefined : "must be a finite number > 0");
export const positiveInteger: ParamSpec["check"] = (v) =>
  Number.isInteger(v) && v >= 1 ? undefined : "must be an integer ≥ 1";
