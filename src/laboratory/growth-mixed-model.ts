/**
 * Xenograft growth as a linear mixed model (claim C16, beside the per-tumor slopes of
 * growthRates): ln(volume) over days, a random intercept and slope per tumor, REML, fixed
 * effects with Satterthwaite degrees of freedom (linearMixedModel; R: lme4::lmer + lmerTest).
 *
 * - Out-of-field model (the claim's question; one shielded tumor per mouse, so tumor = mouse):
 *     log_volume ~ day * irradiated + (day | tumor_id)
 *   `irradiated` is 1 for irradiated mice, 0 for sham; the day:irradiated coefficient is the
 *   difference in mean growth rate (ln volume per day), irradiated − sham.
 * - Both sites (each mouse carries both tumors, so tumors are nested in mice):
 *     log_volume ~ day * irradiated * in_field + (day | tumor_id) + (1 | mouse_id)
 *   `in_field` is 1 for the treated tumor. The mouse term asks whether a mouse's two tumors
 *   share their level; when its variance is estimated at zero the fit is singular (lme4's
 *   boundary fit) and says so. `mouseComponent` tests it against the model without it by the
 *   REML likelihood ratio (same fixed effects), with the boundary-corrected P value
 *   0.5·P(χ²₁ > Δ) (Self & Liang 1987): a component the data cannot tell from 0 is at the
 *   boundary and not estimable, whatever its point estimate. The irradiated in-field tumor
 *   shrinks and regrows, so a straight line in ln volume describes it only roughly: this model
 *   is shown for the variance structure, the out-of-field model answers C16.
 * - Curvature: the tumors decelerate (Gompertz-like growth), so ln volume is not linear in day.
 *   `residualsByDay` gives the out-of-field model's mean residual per day (a bow shape shows the
 *   curvature), and `quadratic` fits
 *     log_volume ~ (day + I(day^2)) * irradiated + (day | tumor_id)
 *   whose I(day^2) term tests the curvature. Its irradiated − sham difference is read at the
 *   last day (ln volume, with its ratio) and as the average growth-rate difference over the
 *   days, (difference at the last day − at the first) / (last − first) (mixedModelContrast).
 * Measurements from `fromDay` (default 0, the day of irradiation) are used; volumes of 0
 * have no logarithm and are left out (counted). A model that cannot be fitted is reported
 * with the reason (`error`), never as NaN.
 *
 * @example
 * const mm = growthMixedModel(loadTumorGrowth().fields);
 * mm.outOfField.rateDifference; // day:irradiated, with Satterthwaite df and CI
 */
import { InputError } from "../core/index";
import type { MissingPolicy } from "../core/index";
import { FitError, linearMixedModel, mixedModelContrast, shapiroWilk } from "../stats/index";
import type { MixedContrastResult } from "../stats/index";
import { chiSquareUpper } from "../distributions/index";
import { LAB_ANALYSIS_PLAN } from "./analysis-plan";
import type { LinearMixedModelResult, MixedFixedEffect, VarianceComponent } from "../stats/index";
import { TREATED_GROUP } from "./columns";
import type { GrowthColumns } from "./columns";
import { readGrowth } from "./growth-rates";
import { requireConfLevel } from "../stats/input";

export interface GrowthMixedModelOptions {
  /** First day used (default 0). */
  fromDay?: number;
  confLevel?: number;
  missing?: MissingPolicy;
}

export interface GrowthModelFit {
  formula: string;
  /** null when the model could not be fitted (`error` says why). */
  fit: LinearMixedModelResult | null;
  error: string | null;
  fixedEffects: MixedFixedEffect[];
  randomEffects: VarianceComponent[];
  sigma: number | null;
  singular: boolean;
  messages: string[];
  /** The day:irradiated fixed effect (out-of-field model) or null. */
  rateDifference: MixedFixedEffect | null;
  /** Rows used: tumor, mouse, group, day, ln volume, and the fitted value (conditional on the tumor's random effects) and the population value. */
  points: { tumorId: string; mouseId: string; group: string; site: string; day: number; logVolume: number; fitted: number; population: number }[];
  n: number;
  tumors: number;
}

export interface GrowthMixedModelResult {
  method: "Linear mixed model of ln tumor volume on day, random intercept and slope per tumor (REML, Satterthwaite df)";
  fromDay: number;
  outOfField: GrowthModelFit;
  /** Mean residual (observed − fitted with the tumor's random effects) of the out-of-field model per day, and the Shapiro-Wilk test of its residuals. */
  residualsByDay: { day: number; mean: number; n: number }[];
  residualShapiro: { w: number; pValue: number; n: number } | null;
  /** The out-of-field model with a quadratic term in day (null fit with `error` when it cannot be fitted). */
  quadratic: GrowthModelFit & {
    /** The I(day^2) fixed effect: the curvature of ln volume in sham tumors. */
    curvature: MixedFixedEffect | null;
    /** Irradiated − sham in ln volume at the last day (and e^ of it, the ratio of volumes). */
    atLastDay: (MixedContrastResult & { day: number; ratio: number; ratioLower: number; ratioUpper: number }) | null;
    /** Average growth-rate difference over the days: (difference at the last day − at the first) / (last − first). */
    averageRateDifference: (MixedContrastResult & { fromDay: number; toDay: number }) | null;
    residualsByDay: { day: number; mean: number; n: number }[];
  };
  bothSites: GrowthModelFit;
  /** REML likelihood ratio test of the two-site model's mouse intercept (null when either model cannot be fitted). */
  /** atBoundary: the fit is singular, or the component cannot be told from 0 (P >= 0.05): not estimable from these mice. */
  mouseComponent: { sd: number; criterionWith: number; criterionWithout: number; statistic: number; pValue: number; atBoundary: boolean } | null;
  /** Volumes of 0 left out (no logarithm). */
  zeroVolumes: number;
  dropped: number;
}

/** Mixed models of xenograft growth; see the file comment. */
export function growthMixedModel(columns: GrowthColumns, options: GrowthMixedModelOptions = {}): GrowthMixedModelResult {
  const confLevel = options.confLevel === undefined ? LAB_ANALYSIS_PLAN.confLevel : options.confLevel;
  requireConfLevel(confLevel);
  const fromDay = options.fromDay === undefined ? 0 : options.fromDay;
  const g = readGrowth(columns, options.missing);
  const rows: number[] = [];
  let zeroVolumes = 0;
  for (let k = 0; k < g.day.length; k++) {
    if (g.day[k] < fromDay) continue;
    if (!(g.volume[k] > 0)) {
      zeroVolumes++;
      continue;
    }
    rows.push(k);
  }
  const frame = (keep: (k: number) => boolean) => {
    const idx = rows.filter(keep);
    return {
      idx,
      data: {
        log_volume: idx.map((k) => Math.log(g.volume[k])),
        day: idx.map((k) => g.day[k]),
        irradiated: idx.map((k) => (g.group[k] === TREATED_GROUP ? 1 : 0)),
        in_field: idx.map((k) => (g.site[k] === "in_field" ? 1 : 0)),
        tumor_id: idx.map((k) => `${g.mouseId[k]} ${g.site[k]}`),
        mouse_id: idx.map((k) => g.mouseId[k]),
      },
    };
  };
  const run = (keep: (k: number) => boolean, formula: string, key: string | null): GrowthModelFit => {
    const f = frame(keep);
    const base: GrowthModelFit = {
      formula,
      fit: null,
      error: null,
      fixedEffects: [],
      randomEffects: [],
      sigma: null,
      singular: false,
      messages: [],
      rateDifference: null,
      points: [],
      n: f.idx.length,
      tumors: new Set(f.data.tumor_id).size,
    };
    try {
      const fit = linearMixedModel(f.data, formula, { confLevel });
      base.fit = fit;
      base.fixedEffects = fit.fixedEffects;
      base.randomEffects = fit.randomEffects;
      base.sigma = fit.sigma;
      base.singular = fit.singular;
      base.messages = fit.messages.slice();
      base.rateDifference = key === null ? null : fit.fixedEffects.find((e) => e.name === key) || null;
      base.points = Array.from(fit.rows, (r, i) => {
        const k = f.idx[r];
        return { tumorId: f.data.tumor_id[r], mouseId: g.mouseId[k], group: g.group[k], site: g.site[k], day: g.day[k], logVolume: fit.y[i], fitted: fit.fitted[i], population: fit.fixedFitted[i] };
      });
    } catch (error) {
      if (error instanceof FitError || error instanceof InputError) base.error = error.message;
      else throw error;
    }
    return base;
  };
  const hasSite = (site: string) => rows.some((k) => g.site[k] === site);
  const outOfField = hasSite("out_of_field")
    ? run((k) => g.site[k] === "out_of_field", "log_volume ~ day * irradiated + (day | tumor_id)", "day:irradiated")
    : { ...emptyFit("log_volume ~ day * irradiated + (day | tumor_id)"), error: 'no "out_of_field" tumors in the data' };
  const quadFormula = "log_volume ~ (day + I(day^2)) * irradiated + (day | tumor_id)";
  const quadBase = hasSite("out_of_field") ? run((k) => g.site[k] === "out_of_field", quadFormula, "day:irradiated") : { ...emptyFit(quadFormula), error: 'no "out_of_field" tumors in the data' };
  const quadratic: GrowthMixedModelResult["quadratic"] = { ...quadBase, rateDifference: null, curvature: null, atLastDay: null, averageRateDifference: null, residualsByDay: byDay(quadBase) };
  if (quadBase.fit !== null) {
    const fit = quadBase.fit;
    quadratic.curvature = fit.fixedEffects.find((e) => e.name === "I(day^2)") || null;
    const days = quadBase.points.map((p) => p.day);
    const first = Math.min(...days);
    const last = Math.max(...days);
    const has = (name: string) => fit.fixedEffects.some((e) => e.name === name);
    if (has("irradiated") && has("day:irradiated") && has("I(day^2):irradiated")) {
      try {
        const at = (d: number) => ({ irradiated: 1, "day:irradiated": d, "I(day^2):irradiated": d * d });
        const c = mixedModelContrast(fit, at(last), { confLevel });
        quadratic.atLastDay = { ...c, day: last, ratio: Math.exp(c.estimate), ratioLower: Math.exp(c.lower), ratioUpper: Math.exp(c.upper) };
        if (last > first) {
          const r = mixedModelContrast(fit, { "day:irradiated": 1, "I(day^2):irradiated": last + first }, { confLevel });
          quadratic.averageRateDifference = { ...r, fromDay: first, toDay: last };
        }
      } catch (error) {
        if (!(error instanceof InputError || error instanceof FitError)) throw error;
        quadratic.messages.push(`no contrast: ${(error as Error).message}`);
      }
    }
  }
  const twoSiteFormula = "log_volume ~ day * irradiated * in_field + (day | tumor_id) + (1 | mouse_id)";
  const bothSites =
    hasSite("out_of_field") && hasSite("in_field")
      ? run(() => true, twoSiteFormula, null)
      : { ...emptyFit(twoSiteFormula), error: "needs tumors at both sites" };
  let mouseComponent: GrowthMixedModelResult["mouseComponent"] = null;
  if (bothSites.fit !== null) {
    const without = run(() => true, "log_volume ~ day * irradiated * in_field + (day | tumor_id)", null);
    const mouse = bothSites.randomEffects.find((r) => r.group === "mouse_id");
    if (without.fit !== null && mouse !== undefined) {
      const statistic = Math.max(0, without.fit.criterion - bothSites.fit.criterion);
      const pValue = statistic > 0 ? 0.5 * chiSquareUpper(statistic, 1) : 1;
      mouseComponent = { sd: mouse.sd[0], criterionWith: bothSites.fit.criterion, criterionWithout: without.fit.criterion, statistic, pValue, atBoundary: bothSites.singular || pValue >= 0.05 };
    }
  }
  let residualShapiro: GrowthMixedModelResult["residualShapiro"] = null;
  if (outOfField.fit !== null) {
    try {
      const sw = shapiroWilk(outOfField.fit.residuals);
      residualShapiro = { w: sw.w, pValue: sw.pValue, n: sw.n };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  return {
    method: "Linear mixed model of ln tumor volume on day, random intercept and slope per tumor (REML, Satterthwaite df)",
    fromDay,
    outOfField,
    residualsByDay: byDay(outOfField),
    residualShapiro,
    quadratic,
    bothSites,
    mouseComponent,
    zeroVolumes,
    dropped: g.dropped,
  };
}

/** Mean residual (observed − conditional fitted) per day. */
function byDay(m: GrowthModelFit): { day: number; mean: number; n: number }[] {
  const sums = new Map<number, { s: number; n: number }>();
  for (const p of m.points) {
    const e = sums.get(p.day) || { s: 0, n: 0 };
    e.s += p.logVolume - p.fitted;
    e.n++;
    sums.set(p.day, e);
  }
  return Array.from(sums.entries())
    .sort((a, b) => a[0] - b[0])
    .map(([day, e]) => ({ day, mean: e.s / e.n, n: e.n }));
}

function emptyFit(formula: string): GrowthModelFit {
  return { formula, fit: null, error: null, fixedEffects: [], randomEffects: [], sigma: null, singular: false, messages: [], rateDifference: null, points: [], n: 0, tumors: 0 };
}
