// Stands in for src/chart/bundle.ts in the browser bundle: that module renders PNGs with a native
// rasteriser (resvg) for notebooks. The page draws charts with vega-embed and never asks for a bundle.
export function chartBundle(): never {
  throw new Error("chartBundle: PNG bundles are made in Node (notebooks), not in the playground page");
}
