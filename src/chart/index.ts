// The chart layer: data in, Vega-Lite v5 spec out; headless SVG/PNG; one-bundle notebook display.

export { Chart, JUPYTER_DISPLAY, type ChartParts } from "./chart";
export { chart, type RawChartOptions } from "./raw";
export { lineChart, type LineOptions, type Interpolation as LineInterpolation } from "./line";
export { scatterChart, type ScatterOptions, type PointShape } from "./scatter";
export { histogramChart, type HistogramOptions, type HistogramNormalize } from "./histogram";
export { barChart, type BarOptions, type BarSort } from "./bar";
export { ruleChart, type RuleOptions } from "./rule";
export {
  layerCharts, hconcatCharts, vconcatCharts, gridCharts, facetChart,
  type LayerOptions, type ConcatOptions, type FacetOptions,
} from "./compose";
export type { CommonOptions, AxisOptions, ColorOptions, ScaleKind, FieldType } from "./common";
export type { ChartData, ColumnArrays, DataFrameLike, Row as ChartRow, CellValue as ChartCellValue } from "./data";
export { chartRowCap, setChartRowCap, type DownsampleMode, type RowCapOptions } from "./downsample";
export { houseConfig, CHART_FONT, CATEGORY_COLORS, VEGA_LITE_SCHEMA } from "./style";
export { compileChart, chartToSVG, chartToPNG, svgToPNG, pngSize, svgSize, type PngOptions } from "./render";
export { chartFontFiles } from "./fonts";
export { chartBundle, chartDisplayData, VEGA_LITE_MIME, type MimeBundle, type DisplayData } from "./bundle";
export { show, displayChart, kernelDisplayWriter, type KernelDisplayWriter } from "./show";
export { saveChart, type SavedChart } from "./save";
