/**
 * The laboratory study figures, built from the analysis results. Notebooks 04 and 05 show
 * exactly these, and `npm run figures` renders the same functions to SVG/PNG.
 */
import type { PlotlyFigure } from "../plots/figure";
import { lineWithErrorFigure } from "../plots/line-with-error";
import { groupedBarFigure } from "../plots/grouped-bar";
import { scatterWithFitFigure } from "../plots/scatter-with-fit";
import { mrnaDoseBars, secretionDoseCurves, inductionOverTime, growthCurves } from "./curves";
import type { MrnaInductionResult } from "./mrna-induction";
import type { SecretionTimeCourseResult } from "./secretion-time-course";
import type { SecretionDoseTrendResult } from "./secretion-dose-trend";
import type { EndpointComparisonResult } from "./endpoint-comparison";
import type { GrowthColumns, EndpointColumns } from "./columns";

/** A tumor site's name for titles: "in-field" / "out-of-field" (other sites as they are). */
export function siteName(site: string): string {
  return site === "out_of_field" ? "out-of-field" : site === "in_field" ? "in-field" : site;
}

/** VEGF mRNA fold change vs 0 Gy by dose and cell line, at the induction time, with 95% CIs. */
export function mrnaDoseFigure(m: MrnaInductionResult): PlotlyFigure {
  const bars = mrnaDoseBars(m);
  return groupedBarFigure(bars.categories, bars.series, {
    xTitle: `Dose, harvest at ${m.inductionHours} h`,
    yTitle: "VEGF mRNA, fold change vs 0 Gy",
    errorLabel: bars.errorLabel,
    reference: 1,
    legendTitle: "Cell line",
    colors: bars.colors,
  });
}

/** Secreted VEGF against dose per cell line at the trend test's harvest time (log scale). */
export function secretionDoseFigure(tc: SecretionTimeCourseResult, trend: SecretionDoseTrendResult): PlotlyFigure {
  const dc = secretionDoseCurves(tc, trend.hours);
  return lineWithErrorFigure(dc.x, dc.series, {
    xTitle: `Dose (Gy), harvest at ${trend.hours} h`,
    yTitle: "Secreted VEGF (pg/ml)",
    errorLabel: dc.errorLabel,
    logY: true,
    legendTitle: "Cell line",
  });
}

/** Secreted VEGF over time after irradiation, as fold over sham at the highest dose, per cell line. */
export function secretionTimeFigure(tc: SecretionTimeCourseResult): PlotlyFigure {
  const io = inductionOverTime(tc);
  return lineWithErrorFigure(io.x, io.series, {
    xTitle: "Hours after irradiation",
    yTitle: `Secreted VEGF, fold over sham at ${tc.dose} Gy`,
    errorLabel: io.errorLabel,
    logY: true,
    legendTitle: "Cell line",
  });
}

/** Tumor growth curves at one site: mean ± SEM per group on a log axis, individual mice faint. */
export function growthCurveFigure(growth: GrowthColumns, site: string): PlotlyFigure {
  const c = growthCurves(growth, site);
  return lineWithErrorFigure(c.x, c.series, {
    title: `${siteName(site)} tumor`,
    xTitle: "Days after irradiation",
    yTitle: "Tumor volume (mm³)",
    errorLabel: c.errorLabel,
    logY: true,
    individuals: c.individuals,
    legendTitle: "Mice",
    height: 360,
  });
}

/** Serum VEGF against microvessel density per mouse, coloured by group, with the least-squares line and r, P. */
export function vegfMvdFigure(endpoint: EndpointColumns, e: EndpointComparisonResult): PlotlyFigure {
  return scatterWithFitFigure(endpoint.serum_vegf_pg_ml, endpoint.mvd_per_hpf, {
    group: endpoint.group,
    groups: e.groups,
    labels: endpoint.mouse_id,
    missing: "drop",
    xTitle: "Serum VEGF (pg/ml)",
    yTitle: "Microvessel density (vessels/HPF)",
  });
}
