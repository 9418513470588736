// Spectral tools: FFTs, continuous Fourier transforms of sampled functions, the Corollary-1
// spectral seminorm, spectral-bias dynamics, 2-D Radon tools, and activation design (Prop. 6).
export * from "./grid";
export * from "./fft";
export * from "./spectrum";
export * from "./seminorm";
export * from "./radon";
export * from "./design";
