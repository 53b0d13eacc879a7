/**
 * The laboratory study figures, built from the analysis results. Notebooks 04 and 05 show
 * exactly these, and `npm run figures` renders the same functions to SVG/PNG.
 */
import { ciLabel } from "./format";
import type { PlotlyFigure } from "../plots/figure";
import { lineWithErrorFigure } from "../plots/line-with-error";
import { groupedBarFigure } from "../plots/grouped-bar";
import { scatterWithFitFigure } from "../plots/scatter-with-fit";
import { fittedCurvesFigure } from "../plots/fitted-curves";
import { forestPlotFigure } from "../plots/forest-plot";
import { groupColors } from "../plots/theme";
import type { SecretionDoseResponseResult } from "./secretion-dose-response";
import type { GrowthMixedModelResult } from "./growth-mixed-model";
import { mrnaDoseBars, secretionDoseCurves, inductionOverTime, growthCurves } from "./curves";
import type { MrnaInductionResult } from "./mrna-induction";
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";
import type { SecretionTimeCourseResult } from "./secretion-time-course";
import type { SecretionDoseTrendResult } from "./secretion-dose-trend";
import type { EndpointComparisonResult } from "./endpoint-comparison";
import type { GrowthColumns, EndpointColumns } from "./columns";

/** A tumor site's name for titles: "in-field" / "out-of-field" (other sites as they are). */
export function siteName(site: string): string {
  return site === "out_of_field" ? "out-of-field" : site === "in_field" ? "in-field" : site;
}

/** VEGF mRNA fold change vs 0 Gy by dose and cell line, at the induction time, with its confidence intervals. */
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

/**
 * Secretion dose-response per cell line: each experiment's corrected log2 fold over sham
 * (points) and the fitted four-parameter log-logistic curve (line); a line whose curve
 * could not be fitted keeps its points and is marked "(no fit)" in the legend.
 */
export function doseResponseFigure(dr: SecretionDoseResponseResult): PlotlyFigure {
  const colors = groupColors(dr.lines.map((l) => l.cellLine));
  return fittedCurvesFigure(
    dr.lines.map((l) => ({
      name: l.cellLine,
      x: l.dose,
      y: l.response,
      labels: l.experiment.map((e, i) => `experiment ${e}, ${l.dose[i]} Gy`),
      curve: l.curve,
    })),
    {
      xTitle: `Dose (Gy), harvest at ${dr.hours} h`,
      yTitle: `${dr.measure.kind === "per 10^6 cells" ? "VEGF per 10^6 cells" : "VEGF (pg/ml)"}, log2 fold over sham`,
      legendTitle: "Cell line",
      colors,
    },
  );
}

/**
 * Out-of-field tumor growth with the mixed model: each tumor's observed volumes (faint
 * lines), the group's fitted mean trajectory exp(population fit) (bold), on a log axis.
 * `model` "quadratic" (default, when it was fitted) draws the model with a day² term, which
 * follows the decelerating curves; "linear" the straight line in ln volume.
 */
export function growthModelFigure(mm: GrowthMixedModelResult, model: "quadratic" | "linear" = "quadratic"): PlotlyFigure {
  const fit = model === "quadratic" && mm.quadratic.fit !== null ? mm.quadratic : mm.outOfField;
  const groups = Array.from(new Set(fit.points.map((p) => p.group)));
  const order = ["sham", "irradiated"].filter((g) => groups.indexOf(g) >= 0).concat(groups.filter((g) => g !== "sham" && g !== "irradiated"));
  const individuals = Array.from(new Set(fit.points.map((p) => p.tumorId))).map((id) => {
    const pts = fit.points.filter((p) => p.tumorId === id).sort((a, b) => a.day - b.day);
    return { id: pts[0].mouseId, group: pts[0].group, x: pts.map((p) => p.day), y: pts.map((p) => Math.exp(p.logVolume)) };
  });
  return fittedCurvesFigure(
    order.map((group) => {
      const pts = fit.points.filter((p) => p.group === group);
      const days = Array.from(new Set(pts.map((p) => p.day))).sort((a, b) => a - b);
      return {
        name: group,
        x: pts.map((p) => p.day),
        y: pts.map((p) => Math.exp(p.logVolume)),
        labels: pts.map((p) => p.mouseId),
        curve: fit.fit === null ? null : { x: days, y: days.map((d) => Math.exp((pts.find((p) => p.day === d) as { population: number }).population)) },
      };
    }),
    { xTitle: "Days after irradiation", yTitle: "Out-of-field tumor volume (mm³)", logY: true, individuals, jitter: 0, legendTitle: "Mice" },
  );
}

/**
 * The p53 comparison as an equivalence plot: the wild-type / deficient fold-change ratio
 * with its 90% interval (the two one-sided tests' interval: equivalence when it lies inside
 * the margin) and its confidence interval, on a log axis, with the equivalence margin drawn as
 * dotted lines. The values are in the notebook's table beside it.
 */
export function p53EquivalenceFigure(m: MrnaInductionResult): PlotlyFigure {
  if (m.p53 === null) throw new InputError("m", null, m.p53Note, "has no p53 comparison");
  const p = m.p53;
  const e = p.equivalence;
  const fig = forestPlotFigure(
    [
      { label: ciLabel(e.ciLevel), estimate: p.ratio, lower: e.ratioCiLower, upper: e.ratioCiUpper },
      { label: ciLabel(m.confLevel), estimate: p.ratio, lower: p.ratioLower, upper: p.ratioUpper },
    ],
    { xTitle: `Fold change ratio, p53 wt / deficient`, showValues: false, height: 240 },
  );
  const layout = fig.layout as Record<string, unknown>;
  const shapes = ((layout.shapes as unknown[]) || []).slice();
  for (const x of [e.marginLower, e.marginUpper]) {
    shapes.push({ type: "line", xref: "x", yref: "paper", x0: x, x1: x, y0: 0, y1: 1, line: { color: "#D55E00", width: 1.5, dash: "dot" } });
  }
  layout.shapes = shapes;
  // The axis must show the margin: widen it, and put ticks at the margin and at 1.
  const lo = Math.min(e.marginLower, e.ratioCiLower, p.ratioLower) / 1.12;
  const hi = Math.max(e.marginUpper, e.ratioCiUpper, p.ratioUpper) * 1.12;
  const xaxis = layout.xaxis as Record<string, unknown>;
  const ticks = [0.25, 0.5, e.marginLower, 1, e.marginUpper, 2, 4].filter((t) => t >= lo && t <= hi).sort((a, b) => a - b);
  xaxis.range = [Math.log10(lo), Math.log10(hi)];
  xaxis.tickvals = ticks;
  xaxis.ticktext = ticks.map((t) => (Math.abs(t - 2 / 3) < 1e-9 ? "2/3" : Math.abs(t - 1.5) < 1e-9 ? "3/2" : String(Math.round(t * 1000) / 1000)));
  return fig;
}

/** R's ppoints(n): (i − a) / (n + 1 − 2a), a = 3/8 for n ≤ 10 and 1/2 above. */
function ppoints(n: number): number[] {
  const a = n <= 10 ? 3 / 8 : 0.5;
  return Array.from({ length: n }, (_, i) => (i + 1 - a) / (n + 1 - 2 * a));
}

/**
 * The two residual plots of a fitted model: residuals against fitted values (coloured by `group`
 * when given; a pattern, a funnel or a bow means the model misses something) and the normal
 * quantile-quantile plot (sorted residuals against normal quantiles at R's ppoints, with the
 * least-squares line; points off the line mean non-normal residuals). `note` is shown in the
 * corner (e.g. the Shapiro-Wilk test).
 */
export function residualFigures(
  fitted: readonly number[],
  residuals: readonly number[],
  options: { group?: readonly string[]; groups?: string[]; title?: string; note?: string; fittedTitle?: string } = {},
): { versusFitted: PlotlyFigure; qq: PlotlyFigure } {
  if (fitted.length !== residuals.length || residuals.length < 3) throw new InputError("residuals", null, residuals.length, "needs 3 or more residuals, one per fitted value");
  const versusFitted = scatterWithFitFigure(Array.from(fitted), Array.from(residuals), {
    group: options.group === undefined ? undefined : Array.from(options.group),
    groups: options.groups,
    fit: "none",
    correlation: "none",
    annotation: options.note,
    xTitle: options.fittedTitle === undefined ? "Fitted value" : options.fittedTitle,
    yTitle: "Residual",
    title: options.title === undefined ? undefined : `${options.title}: residuals`,
    height: 300,
  });
  const sorted = Array.from(residuals).sort((a, b) => a - b);
  const qq = scatterWithFitFigure(
    ppoints(sorted.length).map((p) => normalQuantile(p)),
    sorted,
    { fit: "all", band: false, correlation: "none", xTitle: "Normal quantile", yTitle: "Residual (sorted)", title: options.title === undefined ? undefined : `${options.title}: normal Q-Q`, height: 300 },
  );
  return { versusFitted, qq };
}
