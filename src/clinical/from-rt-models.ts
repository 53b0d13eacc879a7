/**
 * Variants of the cause-specific Cox model of progression from RT start (failureFromRtStart),
 * the answers to a statistical reviewer of notebook 03, Part B:
 *
 * - `fromRtModel`: one cause-specific Cox model of the arm at one site on one landmark draw
 *   (fromRtAnalysisData), with a chosen adjustment: the full set ("all", adjustmentCovariates),
 *   a pre-specified subset (cohort column names), "propensity" (the arm plus the logit of a
 *   propensity score: a logistic regression of the arm on the full set, fitted among the
 *   analysed patients with every covariate; R: glm(rt ~ ..., binomial) then
 *   coxph(Surv(t, status == 1) ~ rt + predict(ps))), or "none". Proportional-hazards remedies:
 *   `strata` (separate baseline hazards for the named columns' covariates, R's strata()),
 *   `split` (separate coefficients before and after `splitAt` months for the named columns, or
 *   "arm": R's survSplit(..., cut = splitAt) then coxph(Surv(tstart, t, status == 1) ~ x:(episode
 *   == 1) + x:(episode == 2) + ...)). Patients missing a covariate the model uses are left out
 *   (complete cases). Ties: Efron. Reports events per parameter (events / coefficients, strata
 *   not counted) and AIC (−2 log L + 2 × coefficients).
 * - `fromRtPooledModels`: the same models on `draws` landmark draws (seeds `<seed>-1`, ...,
 *   `<seed>-<draws>`), each model's log hazard ratio pooled by Rubin's rules (rubinPool: mean
 *   within-draw variance plus (1 + 1/m) × between-draw variance), with the median and range of
 *   the draws' hazard ratios. The landmark draw is a random step of the design, like an
 *   imputation; pooling removes the dependence on one seed.
 *   With `delayMonths` every draw's origins move that much later (the detection-window
 *   sensitivity analysis, pooled over the same draws as the headline estimates);
 *   `earlyProgressionCounts` counts, per draw, the progressions the delay leaves out.
 * - `phRemedies`: the covariates whose cox.zph test (Kaplan-Meier transform) is below `alpha` in
 *   a site's adjusted model, and the two remedied specifications: "strata" (discrete offenders,
 *   at most `maxLevels` values, as strata; continuous ones split) and "split" (every offender
 *   split), at the median progression time of the site.
 * - `tumorScaleComparison`: AIC of each site's fully adjusted model with tumor size linear
 *   (cm) and log (log cm).
 * Matched to R in test/fixtures/r/clinical-from-rt-models.R.
 *
 * @example
 * const data = fromRtAnalysisData(loadCohort());
 * fromRtModel(loadCohort(), data, "extrahepatic", { name: "reduced", covariates: ["portal_vein_thrombosis", "tumor_cm"] }).eventsPerParameter;
 */
import { InputError } from "../core/index";
import { coxPH, CoxConvergenceError } from "../survival/cox";
import type { CoxPHEstimates } from "../survival/cox";
import { proportionalHazardsTest } from "../survival/cox-zph";
import { splitFollowUp } from "../survival/split-follow-up";
import { logisticRegression } from "../stats/logistic-regression";
import { rubinPool } from "../stats/rubin-pool";
import { normalQuantile } from "../distributions/index";
import { adjustmentCovariates } from "./cox-by-arm";
import type { AdjustmentCovariates } from "./cox-by-arm";
import { fromRtAnalysisData, PROGRESSION_SITES } from "./failure-from-rt";
import type { FromRtAnalysisData, ProgressionSite, ArmEffect, FailureFromRtResult } from "./failure-from-rt";
import type { CohortData } from "./arms";
import { requireConfLevel } from "../stats/input";

export type TumorScale = "linear" | "log";

export interface FromRtModelSpec {
  /** Name shown in tables ("full", "reduced", ...). */
  name: string;
  /** "all" (adjustmentCovariates' full set), "none", "propensity", or cohort columns (a subset of the full set). */
  covariates: "all" | "none" | "propensity" | readonly string[];
  /** Cohort columns given separate baseline hazards (strata) instead of a coefficient. */
  strata?: readonly string[];
  /** Cohort columns, or "arm", given separate coefficients before and after `splitAt`. */
  split?: readonly string[];
  /** Split time, months from the origin (default: the median progression time at the site). */
  splitAt?: number;
}

export interface FromRtModelOptions {
  confLevel?: number;
  tumorScale?: TumorScale;
  /** Also run cox.zph (arm and GLOBAL) on the fit (default false). */
  phTest?: boolean;
  /** The adjustment covariates of data.rows, when already computed (same tumorScale). */
  adjustment?: AdjustmentCovariates;
  /**
   * Propensity linear predictors already fitted on this draw's data, by patients and covariates
   * (fromRtPooledModels shares one per draw: the three sites' "propensity" models have the same
   * patients and the same logistic regression).
   */
  propensityCache?: Map<string, readonly number[]>;
  /** The Cox fit without its concordance and robust score test (coxPH's estimatesOnly; the same estimates), for callers that pool estimates (default false). */
  estimatesOnly?: boolean;
}

/** One hazard ratio with its interval. */
export interface HazardRatioEstimate {
  hazardRatio: number;
  lower: number;
  upper: number;
  coef: number;
  se: number;
  pValue: number;
}

export interface FromRtModelFit extends HazardRatioEstimate {
  site: ProgressionSite;
  model: string;
  /** Model terms besides the arm (R's names: covariate, `<x>_before`, `<x>_after`, `propensity_logit`). */
  terms: string[];
  /** Cohort columns stratified on, and the split time (null without a split). */
  strata: string[];
  splitAt: number | null;
  /** With "arm" in `split`: the arm's hazard ratio after splitAt (the main estimate is before it). */
  armAfter: HazardRatioEstimate | null;
  n: number;
  nEvent: number;
  dropped: number;
  /** Coefficients estimated (the arm included), events per coefficient. */
  parameters: number;
  eventsPerParameter: number;
  logLik: number;
  aic: number;
  /** cox.zph P of the arm and GLOBAL (phTest), else null. */
  phArm: number | null;
  phGlobal: number | null;
  /** The Cox fit (without its concordance and robust score test when `estimatesOnly`). */
  fit: CoxPHEstimates;
}

function checkConf(confLevel: number): void {
  requireConfLevel(confLevel);
}

function median(values: readonly number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function siteData(data: FromRtAnalysisData, site: ProgressionSite): { time: number[]; status: number[] } {
  const s = data.sites.filter((x) => x.site === site)[0];
  if (s === undefined) throw new InputError("site", null, site, `must be one of ${PROGRESSION_SITES.join(", ")}`);
  return s;
}

/** The median progression time at the site, from the origin (the default split time). */
export function medianProgressionTime(data: FromRtAnalysisData, site: ProgressionSite): number {
  const s = siteData(data, site);
  return median(s.time.filter((_, k) => s.status[k] === 1));
}

/** Resolve cohort columns to the adjustment covariates' names (error when a column is not one of them). */
function namesOf(adj: AdjustmentCovariates, columns: readonly string[], argument: string): string[] {
  const out: string[] = [];
  columns.forEach((c, j) => {
    const spec = adj.specs.filter((s) => s.column === c || s.name === c)[0];
    if (spec === undefined) {
      const omitted = adj.omitted.filter((o) => o.name === c || (c === "tumor_cm" && o.name === "log_tumor"))[0];
      if (omitted !== undefined) return; // left out of the full set too (said in adjustment.omitted)
      throw new InputError(argument, j, c, `is not an adjustment covariate (cohort columns: ${adj.specs.map((s) => s.column).join(", ")})`);
    }
    out.push(spec.name);
  });
  return out;
}

/** One cause-specific Cox model of the arm; see the file comment. */
export function fromRtModel(cohort: CohortData, data: FromRtAnalysisData, site: ProgressionSite, spec: FromRtModelSpec, options: FromRtModelOptions = {}): FromRtModelFit {
  const confLevel = options.confLevel ?? 0.95;
  checkConf(confLevel);
  const adj = options.adjustment ?? adjustmentCovariates(cohort, data.rows, { tumorScale: options.tumorScale });
  const { time, status } = siteData(data, site);
  const n0 = time.length;
  const column = (name: string): number[] => {
    const values = adj.columns[name];
    return data.rows.map((i) => values[i]);
  };
  const all = adj.specs.map((s) => s.name);
  const strataNames = namesOf(adj, spec.strata ?? [], "strata");
  const splitArm = (spec.split ?? []).indexOf("arm") >= 0;
  const splitNames = namesOf(adj, (spec.split ?? []).filter((c) => c !== "arm"), "split");
  let base: string[];
  let propensity = false;
  if (spec.covariates === "all") base = all;
  else if (spec.covariates === "none") base = [];
  else if (spec.covariates === "propensity") {
    base = [];
    propensity = true;
  } else if (Array.isArray(spec.covariates)) base = namesOf(adj, spec.covariates, "covariates");
  else throw new InputError("covariates", null, spec.covariates as unknown, 'must be "all", "none", "propensity" or a list of cohort columns');
  for (const s of strataNames.concat(splitNames)) if (!propensity && base.indexOf(s) < 0) base.push(s);
  const used = propensity ? all.concat(strataNames.filter((s) => all.indexOf(s) < 0)) : base;
  const cols: Record<string, number[]> = {};
  for (const name of used) cols[name] = column(name);
  // Complete cases: a row is kept unless one of the used columns is missing (NaN) in it.
  const keep: boolean[] = time.map(() => true);
  for (const name of used) {
    const values = cols[name];
    for (let k = 0; k < keep.length; k++) if (Number.isNaN(values[k])) keep[k] = false;
  }
  const idx = keep.map((ok, k) => (ok ? k : -1)).filter((k) => k >= 0);
  const pick = (v: readonly number[]): number[] => idx.map((k) => v[k]);

  // Design columns on the complete cases (before any split).
  const design: Record<string, number[]> = { arm: pick(data.armCode) };
  if (propensity) {
    const x: Record<string, number[]> = {};
    for (const name of all) x[name] = pick(cols[name]);
    const key = `${all.join("|")}:${idx.join(",")}`;
    let lp = options.propensityCache?.get(key);
    if (lp === undefined) {
      const ps = logisticRegression(design.arm, x);
      if (!ps.converged) throw new InputError("covariates", null, "propensity", "the propensity model of the arm did not converge");
      lp = ps.linearPredictor;
      options.propensityCache?.set(key, lp.slice());
    }
    design.propensity_logit = lp.slice();
  } else {
    for (const name of base) if (strataNames.indexOf(name) < 0) design[name] = pick(cols[name]);
  }
  const strataLabel = strataNames.length === 0 ? null : idx.map((k) => strataNames.map((s) => cols[s][k]).join("/"));
  let t = pick(time);
  let ev: number[] = pick(status).map((s) => (s === 1 ? 1 : 0));
  let start: number[] | null = null;
  let strata = strataLabel;
  const splitVars = (splitArm ? ["arm"] : []).concat(splitNames.filter((s) => strataNames.indexOf(s) < 0));
  let splitAt: number | null = null;
  if (splitVars.length > 0) {
    splitAt = spec.splitAt ?? medianProgressionTime(data, site);
    if (typeof splitAt !== "number" || !Number.isFinite(splitAt) || splitAt <= 0) throw new InputError("splitAt", null, splitAt, "must be a positive number of months from the origin");
    // A time equal to the split time up to rounding (times from the origin are differences of
    // recorded months) is set to it, so no piece has length ~0 (R's aeqSurv would merge them).
    const tol = Math.sqrt(Number.EPSILON) * Math.max(1, Math.abs(splitAt));
    const at = splitAt;
    t = t.map((x) => (Math.abs(x - at) < tol ? at : x));
    const input: Record<string, unknown[]> = { time: t, event: ev, row: idx.map((_, j) => j) };
    const pieces = splitFollowUp(input, { time: "time", event: "event", cut: [splitAt] });
    const rowOf = pieces.row as number[];
    const episode = pieces.episode as number[];
    const next: Record<string, number[]> = {};
    for (const name of Object.keys(design)) {
      const v = design[name];
      if (splitVars.indexOf(name) >= 0) {
        next[`${name}_before`] = rowOf.map((r, j) => (episode[j] === 1 ? v[r] : 0));
        next[`${name}_after`] = rowOf.map((r, j) => (episode[j] === 2 ? v[r] : 0));
      } else next[name] = rowOf.map((r) => v[r]);
    }
    for (const k of Object.keys(design)) delete design[k];
    Object.assign(design, next);
    t = pieces.time as number[];
    ev = pieces.event as number[];
    start = pieces.tstart as number[];
    if (strata !== null) {
      const s0 = strata;
      strata = rowOf.map((r) => s0[r]);
    }
  }
  const fit = coxPH(t, ev, design, { ties: "efron", confLevel, ...(start === null ? {} : { start }), ...(strata === null ? {} : { strata }), estimatesOnly: options.estimatesOnly === true });
  const z = normalQuantile(0.5 + confLevel / 2);
  const est = (j: number): HazardRatioEstimate => ({
    hazardRatio: fit.hazardRatio[j],
    lower: Math.exp(fit.coef[j] - z * fit.se[j]),
    upper: Math.exp(fit.coef[j] + z * fit.se[j]),
    coef: fit.coef[j],
    se: fit.se[j],
    pValue: fit.pValue[j],
  });
  const main = est(0);
  const armAfter = splitArm ? est(fit.names.indexOf("arm_after")) : null;
  let phArm: number | null = null;
  let phGlobal: number | null = null;
  if (options.phTest === true) {
    try {
      const ph = proportionalHazardsTest(fit);
      phArm = ph.pValue[0];
      phGlobal = ph.pValue[ph.terms.indexOf("GLOBAL")];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
  }
  const parameters = fit.coef.length;
  return {
    site,
    model: spec.name,
    ...main,
    terms: fit.names.slice(1),
    strata: (spec.strata ?? []).slice(),
    splitAt,
    armAfter,
    n: idx.length,
    nEvent: fit.nEvent,
    dropped: n0 - idx.length,
    parameters,
    eventsPerParameter: fit.nEvent / parameters,
    logLik: fit.logLik,
    aic: -2 * fit.logLik + 2 * parameters,
    phArm,
    phGlobal,
    fit,
  };
}

export interface FromRtPooledOptions {
  /** Landmark draws (≥ 2). */
  draws: number;
  /** Seed prefix: draw k uses `<seed>-<k>` (default "failure-from-rt"). */
  seed?: string;
  confLevel?: number;
  tumorScale?: TumorScale;
  /** The models: one list for every site, or one per site. */
  specs: readonly FromRtModelSpec[] | Partial<Record<ProgressionSite, readonly FromRtModelSpec[]>>;
  /** Move every origin this many months later in every draw (fromRtAnalysisData's delayMonths; default 0): the detection-window sensitivity analysis pooled over the same draws. */
  delayMonths?: number;
}

export interface FromRtPooledEstimate extends HazardRatioEstimate {
  site: ProgressionSite;
  model: string;
  /** Draws pooled (those whose model converged), and the draws that failed with why. */
  draws: number;
  failed: { seed: string; message: string }[];
  /** Rubin's degrees of freedom, between- and within-draw variance of the log hazard ratio, share of variance from the draw. */
  df: number;
  between: number;
  within: number;
  missingInformation: number;
  /** Monte Carlo standard error of the pooled log hazard ratio from the number of draws, √(B / m). */
  monteCarloSe: number;
  /** Median and range of the draws' hazard ratios. */
  medianHazardRatio: number;
  minHazardRatio: number;
  maxHazardRatio: number;
  /** Median over draws of events, coefficients and events per coefficient. */
  nEvent: number;
  parameters: number;
  eventsPerParameter: number;
  /** Each draw's hazard ratio and standard error of its log. */
  perDraw: { seed: string; hazardRatio: number; se: number }[];
}

/** The models over many landmark draws, pooled by Rubin's rules; see the file comment. */
export function fromRtPooledModels(cohort: CohortData, options: FromRtPooledOptions): { seeds: string[]; estimates: FromRtPooledEstimate[] } {
  const m = options.draws;
  if (typeof m !== "number" || !Number.isInteger(m) || m < 2) throw new InputError("draws", null, m, "must be a whole number ≥ 2");
  const seed = options.seed ?? "failure-from-rt";
  const confLevel = options.confLevel ?? 0.95;
  checkConf(confLevel);
  const specsFor = (site: ProgressionSite): readonly FromRtModelSpec[] =>
    Array.isArray(options.specs) ? (options.specs as readonly FromRtModelSpec[]) : ((options.specs as Partial<Record<ProgressionSite, readonly FromRtModelSpec[]>>)[site] ?? []);
  const seeds = Array.from({ length: m }, (_, k) => `${seed}-${k + 1}`);
  const collected: { site: ProgressionSite; model: string; fits: { seed: string; fit: FromRtModelFit }[]; failed: { seed: string; message: string }[] }[] = [];
  for (const site of PROGRESSION_SITES) for (const spec of specsFor(site)) collected.push({ site, model: spec.name, fits: [], failed: [] });
  for (const s of seeds) {
    const data = fromRtAnalysisData(cohort, { seed: s, delayMonths: options.delayMonths ?? 0 });
    const adjustment = adjustmentCovariates(cohort, data.rows, { tumorScale: options.tumorScale });
    const propensityCache = new Map<string, readonly number[]>();
    for (const site of PROGRESSION_SITES) {
      for (const spec of specsFor(site)) {
        const slot = collected.filter((c) => c.site === site && c.model === spec.name)[0];
        try {
          slot.fits.push({ seed: s, fit: fromRtModel(cohort, data, site, spec, { confLevel, tumorScale: options.tumorScale, adjustment, propensityCache, estimatesOnly: true }) });
        } catch (error) {
          if (!(error instanceof CoxConvergenceError)) throw error;
          slot.failed.push({ seed: s, message: error.message });
        }
      }
    }
  }
  const estimates = collected.map((c): FromRtPooledEstimate => {
    if (c.fits.length < 2) throw new InputError("draws", null, c.fits.length, `too few draws converged for the ${c.site} model "${c.model}" to pool`);
    const pool = rubinPool(
      c.fits.map((f) => f.fit.coef),
      c.fits.map((f) => f.fit.se * f.fit.se),
      { confLevel },
    );
    const hr = c.fits.map((f) => f.fit.hazardRatio);
    return {
      site: c.site,
      model: c.model,
      hazardRatio: Math.exp(pool.estimate),
      lower: Math.exp(pool.lower),
      upper: Math.exp(pool.upper),
      coef: pool.estimate,
      se: pool.se,
      pValue: pool.pValue,
      draws: c.fits.length,
      failed: c.failed,
      df: pool.df,
      between: pool.between,
      within: pool.within,
      missingInformation: pool.missingInformation,
      monteCarloSe: Math.sqrt(pool.between / pool.m),
      medianHazardRatio: Math.exp(median(hr.map(Math.log))),
      minHazardRatio: Math.min(...hr),
      maxHazardRatio: Math.max(...hr),
      nEvent: median(c.fits.map((f) => f.fit.nEvent)),
      parameters: median(c.fits.map((f) => f.fit.parameters)),
      eventsPerParameter: median(c.fits.map((f) => f.fit.eventsPerParameter)),
      perDraw: c.fits.map((f) => ({ seed: f.seed, hazardRatio: f.fit.hazardRatio, se: f.fit.se })),
    };
  });
  return { seeds, estimates };
}

/** Per site and arm, the progressions within `window` months of the origin over landmark draws: median, min and max over the draws (the reference arm's count depends on its landmarks). */
export interface EarlyProgressionCount {
  site: ProgressionSite;
  arm: string;
  median: number;
  min: number;
  max: number;
  /** One count per draw, in the order of `seeds`. */
  perDraw: number[];
}

/**
 * Progressions at each site within `window` months of the origin (time ≤ window), per arm, on
 * each landmark draw `seeds` (fromRtAnalysisData): those a detection-window sensitivity analysis
 * of that length leaves out.
 *
 * @example
 * earlyProgressionCounts(loadCohort(), ["failure-from-rt-1", "failure-from-rt-2"], 1)[0].median;
 */
export function earlyProgressionCounts(cohort: CohortData, seeds: readonly string[], window: number): EarlyProgressionCount[] {
  if (typeof window !== "number" || !Number.isFinite(window) || window < 0) throw new InputError("window", null, window, "must be a non-negative number of months");
  if (seeds.length === 0) throw new InputError("seeds", null, "", "needs at least one landmark draw");
  const perDraw = seeds.map((seed) => fromRtAnalysisData(cohort, { seed }));
  const arms = perDraw[0].arms;
  const out: EarlyProgressionCount[] = [];
  for (const site of PROGRESSION_SITES) {
    for (const arm of arms) {
      const counts = perDraw.map((d) => {
        const s = siteData(d, site);
        return s.time.filter((t, k) => s.status[k] === 1 && d.arm[k] === arm && t <= window).length;
      });
      out.push({ site, arm, median: median(counts), min: Math.min(...counts), max: Math.max(...counts), perDraw: counts });
    }
  }
  return out;
}

export interface PhRemedy {
  site: ProgressionSite;
  /** Terms of the adjusted model with cox.zph P < alpha (the arm included if it fails): name, cohort column, P, number of distinct values. */
  offenders: { name: string; column: string; pValue: number; levels: number; discrete: boolean }[];
  globalP: number | null;
  /** Median progression time at the site (the split time). */
  splitAt: number;
  /** Null when nothing departs. */
  strataSpec: FromRtModelSpec | null;
  splitSpec: FromRtModelSpec | null;
}

/**
 * The proportional-hazards remedies of each site's adjusted cause-specific model (an ArmEffect
 * of failureFromRtStart with its cox.zph test); see the file comment.
 */
export function phRemedies(
  cohort: CohortData,
  data: FromRtAnalysisData,
  adjusted: readonly { site: ProgressionSite; effect: ArmEffect }[],
  options: { alpha?: number; maxLevels?: number; tumorScale?: TumorScale; covariates?: FromRtModelSpec["covariates"] } = {},
): PhRemedy[] {
  const alpha = options.alpha ?? 0.05;
  const maxLevels = options.maxLevels ?? 6;
  const adj = adjustmentCovariates(cohort, data.rows, { tumorScale: options.tumorScale });
  return adjusted.map(({ site, effect }) => {
    const ph = effect.ph;
    const offenders: PhRemedy["offenders"] = [];
    if (ph !== null) {
      ph.terms.forEach((term, j) => {
        if (term === "GLOBAL" || !(ph.pValue[j] < alpha)) return;
        if (term === "arm") {
          offenders.push({ name: "arm", column: "arm", pValue: ph.pValue[j], levels: 2, discrete: false });
          return;
        }
        const spec = adj.specs.filter((s) => s.name === term)[0];
        if (spec === undefined) return;
        const levels = new Set(data.rows.map((i) => adj.columns[term][i]).filter((v) => !Number.isNaN(v))).size;
        offenders.push({ name: term, column: spec.column, pValue: ph.pValue[j], levels, discrete: levels <= maxLevels });
      });
    }
    const splitAt = medianProgressionTime(data, site);
    const covariates = options.covariates ?? "all";
    const strataCols = offenders.filter((o) => o.discrete).map((o) => o.column);
    const splitCols = offenders.filter((o) => !o.discrete).map((o) => o.column);
    return {
      site,
      offenders,
      globalP: effect.phGlobal,
      splitAt,
      strataSpec: offenders.length === 0 ? null : { name: "PH: strata", covariates, strata: strataCols, split: splitCols, splitAt },
      splitSpec: offenders.length === 0 ? null : { name: "PH: split", covariates, split: offenders.map((o) => o.column), splitAt },
    };
  });
}

/** AIC of each site's fully adjusted model with tumor size in cm and in log cm (same patients, same number of coefficients). */
export function tumorScaleComparison(
  cohort: CohortData,
  data: FromRtAnalysisData,
  options: { confLevel?: number } = {},
): { site: ProgressionSite; nEvent: number; aicLinear: number; aicLog: number; better: TumorScale; difference: number }[] {
  return PROGRESSION_SITES.map((site) => {
    const lin = fromRtModel(cohort, data, site, { name: "linear", covariates: "all" }, { tumorScale: "linear", confLevel: options.confLevel });
    const log = fromRtModel(cohort, data, site, { name: "log", covariates: "all" }, { tumorScale: "log", confLevel: options.confLevel });
    return { site, nEvent: lin.nEvent, aicLinear: lin.aic, aicLog: log.aic, better: log.aic < lin.aic ? "log" : "linear", difference: lin.aic - log.aic };
  });
}

/**
 * A copy of a failureFromRtStart result whose adjusted cause-specific effects are the pooled
 * estimates of `model` (fromRtPooledModels): hazard ratio, limits, P, coefficient and standard
 * error pooled over the landmark draws; patients, events, covariates and the cox.zph check stay
 * those of the reported draw. For the tables and figures that take a FailureFromRtResult
 * (firstFailureBias, failureHazardRatioFigure) to show the headline estimates.
 */
export function withPooledEstimates(fr: FailureFromRtResult, pooled: { estimates: readonly FromRtPooledEstimate[] }, model = "full"): FailureFromRtResult {
  return {
    ...fr,
    sites: fr.sites.map((s) => {
      const e = pooled.estimates.filter((x) => x.site === s.site && x.model === model)[0];
      const adjusted = s.causeSpecific.adjusted;
      if (e === undefined || adjusted === null) return s;
      const pooledEffect: ArmEffect = { ...adjusted, hazardRatio: e.hazardRatio, lower: e.lower, upper: e.upper, pValue: e.pValue, coef: e.coef, se: e.se };
      return { ...s, causeSpecific: { ...s.causeSpecific, adjusted: pooledEffect } };
    }),
  };
}
