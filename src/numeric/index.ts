// Float64 numerics shared across the package: quadrature (adaptive Gauss–Kronrod, Gauss–Legendre
// rules, the sphere rule), the FFT and Fourier transforms by quadrature, derivatives, special functions, grids and error norms.
export { integrate, integrateDetailed, gaussLegendre, compositeGaussLegendre, adaptiveFamilyRule } from "./quadrature";
export type { QuadratureOptions, QuadratureResult, QuadratureRule, AdaptiveFamilyOptions } from "./quadrature";
export { sphereRule } from "./sphere-rule";
export type { SphereRule } from "./sphere-rule";
export { fft, ifft, fft2d, ifft2d, signedIndex } from "./fft";
export type { ComplexVector, ComplexGrid } from "./fft";
export { fourierTransformNumeric, fourierTransformNumericDetailed } from "./fourier";
export type { FourierOptions, FourierResult } from "./fourier";
export { derivative } from "./differentiate";
export type { DerivativeOptions } from "./differentiate";
export { erf, erfc, normalPdf, normalCdf, lnGamma, lnBeta, sphereArea, incompleteBeta, studentTCdf } from "./special";
export { linspace, grid2d } from "./grid";
export { maxAbsError, rmsError, relL2Error } from "./norms";
