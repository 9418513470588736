// Activations: the registry, sharpness, numeric Fourier routes and the shared types.
export * from "./types";
export { activation, activationNames, registerActivation, ACTIVATIONS } from "./registry";
export type { ActivationSpec } from "./userActivation";
export { sharpen } from "./sharpen";
export { sigmaHatFromCurvature, sigmaHatFromSlope, sigmaHatNumeric } from "./fourierRoutes";
export { penaltyFromHat } from "./define";
