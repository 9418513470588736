// The chart layer: data in, Vega-Lite v5 spec out; headless SVG/PNG; one-bundle notebook display.

export { Chart, JUPYTER_DISPLAY, type ChartParts } from "./chart";
export { chart, type RawChartOptions } from "./raw";
export { lineChart, type LineChartOptions, type LineInterpolation } from "./line";
export { scatterChart, type ScatterChartOptions, type ScatterPointShape } from "./scatter";
export { histogramChart, type HistogramChartOptions, type HistogramNormalize } from "./histogram";
export { barChart, type BarChartOptions, type BarChartSort } from "./bar";
export { ruleChart, type RuleChartOptions } from "./rule";
export { heatmapChart, type HeatmapChartOptions } from "./heatmap";
export {
  layerCharts, hconcatCharts, vconcatCharts, gridCharts, facetChart,
  type ChartLayerOptions, type ChartConcatOptions, type ChartFacetOptions, type ChartIndependentChannel,
} from "./compose";
export type { ChartCommonOptions, ChartAxisOptions, ChartColorOptions, ChartScaleKind, ChartFieldType } from "./common";
export type { ChartData, ChartColumnArrays, ChartDataFrameLike, Row as ChartRow, CellValue as ChartCellValue } from "./data";
export { chartRowCap, setChartRowCap, type ChartDownsampleMode, type ChartRowCapOptions } from "./downsample";
export { houseConfig, CHART_FONT, CATEGORY_COLORS, VEGA_LITE_SCHEMA } from "./style";
export { compileChart, chartToSVG, chartToPNG, svgToPNG, pngSize, svgSize, type ChartPngOptions } from "./render";
export { chartFontFiles } from "./fonts";
export { chartBundle, chartDisplayData, VEGA_LITE_MIME, type ChartMimeBundle, type ChartDisplayMessage } from "./bundle";
export { show, displayChart, tslabDisplayWriter, type TslabDisplayWriter } from "./show";
export { saveChart, type SavedChart } from "./save";
export {
  stepSlider, legendHighlight, linkBrush, hoverTooltips, chartParams,
  type StepSliderOptions, type HoverTooltipOptions, type LegendHighlightOptions, type LinkBrushOptions,
} from "./interactive";
