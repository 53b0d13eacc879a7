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
export type { BaseFigureOptions } from "./theme";
export { formatPValue, formatNumber, formatEstimate, niceStep } from "./format";
export { survivalCurveFigure, kaplanMeierSteps, atRiskFromCurve } from "./survival-curve";
export type { SurvivalCurveOptions, NamedSurvivalCurve, StepCurvePoints, AnnotationPosition } from "./survival-curve";
