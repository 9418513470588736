// Shallow networks, their RS coordinates, seeded initialization, and the laws of RS parameters
// at initialization.
export * from "./data";
export * from "./shallow-net";
export * from "./init";
export * from "./resolve-activation";
export * from "./init-laws";
export * from "./zero-plane-nets";
export * from "./rescale";
