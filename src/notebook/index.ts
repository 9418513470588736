export * from "./nbformat";
export * from "./kernelspec";
export * from "./kernel-client";
export * from "./runner";
export * from "./percent";
export * from "./course";
