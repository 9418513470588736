// spectral-bias/tools: the plumbing behind the notebooks, for scripts/ and test/ — notebook format,
// kernelspec, the Jupyter-protocol client, the headless runner, the course builder, chart rendering
// internals, progress and check sinks, and atomic CSV writing. Not needed inside a notebook.
export * as notebook from "./notebook";
export {
  cellSource, cellTags, parseNotebook, readNotebook, serializeNotebook, writeFileAtomic, stripOutputs, cellsWithOutputs,
  packageRoot, projectJupyterPath, kernelSearchPath, findKernelspec, kernelCommand, installKernelspec, KernelClient,
  KernelDiedError, KernelTimeoutError, freePort, NotebookError, parametersSource, injectParameters, chartBundles, runNotebook,
  defaultOutputPath, percentToNotebook, courseStructure, courseVariants, KNOWN_TAGS, VEGALITE_MIME,
} from "./notebook";
export {
  compileChart, svgToPNG, pngSize, svgSize, chartFontFiles, chartBundle, chartDisplayData, VEGA_LITE_MIME, tslabDisplayWriter,
  houseConfig, CHART_FONT, CATEGORY_COLORS, VEGA_LITE_SCHEMA, chartRowCap, setChartRowCap, JUPYTER_DISPLAY,
} from "./chart";
export { setProgressFactory, stderrProgress } from "./train/progress";
export type { ProgressFactory, ProgressReporter } from "./train/progress";
export { notebookProgress } from "./chart/progress-display";
export { setCheckSink } from "./verify/check";
export { writeCsvAtomic } from "./notebook/csv";
