export * from "./nbformat";
export * from "./kernelspec";
export * from "./kernel-client";
export * from "./runner";
export * from "./percent";
export * from "./course";
export * from "./output-dir";
export * from "./cache";
