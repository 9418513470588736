// Float64 numerics shared across the package: quadrature, Fourier transforms, derivatives, erf.
export * from "./quadrature";
export * from "./fourier";
export * from "./differentiate";
export * from "./special";
