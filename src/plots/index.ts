/**
 * Figure builders: pure functions from analysis results (src/survival, src/stats)
 * or plain arrays to plotly figures (plain JSON) in a journal style; show them
 * with `show(figure)` from src/display. See theme.ts for fonts, sizes and the
 * colour of each arm and group.
 */
export type { PlotlyFigure } from "./figure";
export {
  FONT_FAMILY,
  FONT_SIZE,
  PALETTE,
  GROUP_COLORS,
  JOURNAL_WIDTH_PX,
  colorFor,
  groupColors,
  namedColor,
  withAlpha,
  forJournal,
} from "./theme";
export type { BaseFigureOptions, AnnotationPosition } from "./theme";
export { formatPValue, formatNumber, formatEstimate, niceStep } from "./format";
export { survivalCurveFigure, kaplanMeierSteps, atRiskFromCurve } from "./survival-curve";
export type { SurvivalCurveOptions, NamedSurvivalCurve, StepCurvePoints } from "./survival-curve";
export { cumulativeIncidenceFigure, cumulativeIncidenceSteps } from "./cumulative-incidence";
export type { CumulativeIncidenceFigureOptions } from "./cumulative-incidence";
export { stackedBarFigure, crossTabulate } from "./stacked-bar";
export type { StackedBarOptions, CountSeries, CrossTable } from "./stacked-bar";
export { meanAndErrorByGroup } from "./error-summary";
export type { ErrorSeries, ErrorType, MeanAndErrorOptions, MeanAndErrorResult } from "./error-summary";
export { groupedBarFigure } from "./grouped-bar";
export type { GroupedBarOptions } from "./grouped-bar";
export { lineWithErrorFigure, individualCurves } from "./line-with-error";
export type { LineWithErrorOptions, IndividualCurve } from "./line-with-error";
export { scatterWithFitFigure, regressionBand } from "./scatter-with-fit";
export type { ScatterWithFitOptions } from "./scatter-with-fit";
export { forestPlotFigure, coxForestRows } from "./forest-plot";
export type { ForestPlotOptions, ForestRow } from "./forest-plot";
export { boxPlotFigure, boxStatistics, swarmOffsets, quantileType7 } from "./box-plot";
export type { BoxPlotOptions, Comparison } from "./box-plot";
export { histogramFigure, enrollmentFigure, binCounts } from "./histogram";
export type { HistogramOptions, EnrollmentOptions } from "./histogram";
export { fittedCurvesFigure } from "./fitted-curves";
export type { FittedCurvesOptions, FittedCurveSeries } from "./fitted-curves";
// Competing risks and multi-state figures (issue 11)
export { stateOccupancyFigure } from "./state-occupancy";
export type { StateOccupancyOptions } from "./state-occupancy";
export { cumulativeIncidencePanelFigure } from "./cumulative-incidence-panel";
export type { CumulativeIncidencePanelOptions } from "./cumulative-incidence-panel";
// Trial design figures (issue 15)
export { powerCurveFigure } from "./power-curve";
export type { PowerCurve, PowerPoint, PowerCurveOptions } from "./power-curve";
export { designIncidenceFigure } from "./design-incidence";
export type { DesignCurve, DesignIncidenceOptions } from "./design-incidence";
// Covariate balance (notebook 07, issue 12)
export { lovePlotFigure } from "./love-plot";
export type { LovePlotOptions, LovePlotRow } from "./love-plot";
// Functional form of covariates: spline fit beside the linear one (review-0702, notebook 02)
export { functionalFormFigure } from "./functional-form";
export type { FunctionalFormPanel, FunctionalFormOptions } from "./functional-form";
