// Activations: the registry, sharpness, numeric Fourier routes, activation design (Prop. 6) and the
// shared types.
export type { Activation, Complex, Kink } from "./types";
export type { ActivationShape, PiecewiseAffine, ShapeKind } from "./shape";
export { activation, activationNames, registerActivation, ACTIVATIONS } from "./registry";
export type { ActivationSpec } from "./userActivation";
export { sharpen } from "./sharpen";
export { sigmaHatFromCurvature, sigmaHatFromSlope, sigmaHatNumeric } from "./fourierRoutes";
export { penaltyFromHat } from "./define";
export { designActivation, designTables } from "./design";
export type { DesignGrid, DesignTables } from "./design";
