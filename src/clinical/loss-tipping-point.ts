/**
 * Tipping-point analysis for loss to follow-up that depends on impending progression (not at
 * random), for the comparison of failure from RT start (notebook 03 Part B): δ-adjusted multiple
 * imputation (src/survival/delta-imputation.ts; Jackson et al., Stat Med 2014) of each lost
 * patient's progression after loss, refitting the notebook's adjusted cause-specific Cox model and
 * pooling by Rubin's rules.
 *
 * Per site (local, intrahepatic, extrahepatic) and landmark draw:
 * - the analysis data of fromRtAnalysisData (draw k of `draws` uses the landmark seed
 *   `<seed>-<k>`, as fromRtPooledModels and lossToFollowUpIpcwPooled), complete cases on the
 *   adjustment covariates (adjustmentCovariates, `tumorScale`); times from the origin rounded to
 *   1e-8 month (see lossToFollowUpIpcw);
 * - lost to follow-up: lostToFollowUp (alive, last seen more than `adminWindowMonths` before the
 *   data cut-off); a lost patient still censored at the site is imputed; the administrative end of
 *   follow-up is the data cut-off, in months from the patient's origin;
 * - imputation model: cause-specific Cox models (Breslow) of progression at the site and of death
 *   before it, on the arm and every adjustment covariate: "comparable patients still followed"
 *   are those of the same arm and covariates;
 * - δ: after loss, the hazard of progression at the site is δ times that model's; death's hazard
 *   is unchanged; each site is imputed on its own (a patient's imputed courses at two sites are
 *   not linked);
 * - analysis: the adjusted cause-specific Cox model of the notebook (arm + every covariate, Efron).
 * Imputation k is drawn on landmark draw k, so the pooled variance holds both the landmark and
 * the imputation draws; every δ of one imputation uses the same random numbers (common random
 * numbers), so the hazard ratio moves smoothly with δ. Beside the imputations, the observed data
 * of the same draws pooled the same way ("observed": censoring at random given the covariates,
 * the estimate δ = 1 reproduces up to Monte Carlo error).
 *
 * Parameter draws (`parameterDraw`): "normal" (default; approximately proper: the coefficients
 * drawn from their estimated normal distribution, the baseline recomputed) or "bootstrap" (fully
 * proper: imputation k refits both imputation models on a bootstrap resample of draw k's analysed
 * patients, so the baseline hazards' sampling variability is drawn too); see
 * src/survival/delta-imputation.ts. The draws use the same seeds either way.
 *
 * Scenarios: δ applied to the lost patients of both arms, and to those of one arm only: the arm
 * whose extra progressions move the hazard ratio toward 1 (the reference arm when the observed
 * hazard ratio is above 1, the other arm when below), the direction that could explain the
 * finding away. Tipping points per scenario: the δ at which the interval first includes 1 and at
 * which the hazard ratio reaches 1 (tippingPoint), on the grid and interpolated on log δ.
 *
 * @example
 * const r = lossTippingPoint(loadCohort(), { deltas: [1, 2, 3, 5], imputations: 10, tumorScale: "log" });
 * r.sites[1].scenarios[1].rows.map((x) => x.hazardRatio); // intrahepatic, δ in the TACE arm only
 */
import { InputError } from "../core/index";
import { DAYS_PER_MONTH } from "../data/clinical";
import { isoDateToDays } from "../data/values";
import { normalQuantile } from "../distributions/index";
import { rubinPool } from "../stats/rubin-pool";
import { checkDeltas, checkImputations, completeAfterLoss, coxTermEstimate, drawImputation, fitDeltaImputationModel, poolDeltaRow, tippingPoint } from "../survival/delta-imputation";
import type { DeltaImputationInput, DeltaRow, ParameterDraw, TippingPoint } from "../survival/delta-imputation";
import { adjustmentCovariates } from "./cox-by-arm";
import { fromRtAnalysisData, lostToFollowUp, PROGRESSION_SITE_LABELS, PROGRESSION_SITES } from "./failure-from-rt";
import type { ProgressionSite } from "./failure-from-rt";
import type { HazardRatioEstimate, TumorScale } from "./from-rt-models";
import type { CohortData } from "./arms";
import { ciLabel, fmt, formatCI } from "./format";
import { requireConfLevel } from "../stats/input";

export interface LossTippingPointOptions {
  /** Hazard ratios of progression after loss (increasing; default [1, 1.5, 2, 3, 5]). */
  deltas?: readonly number[];
  /** Imputations, each on its own landmark draw (≥ 2; default 10). */
  imputations?: number;
  /** Landmark seed prefix: draw k uses `<seed>-<k>` (default "failure-from-rt"). */
  seed?: string;
  /** Seed prefix of the imputations (default "loss-tipping-point"). */
  imputationSeed?: string;
  /** Censored more than this many months before the data cut-off counts as lost (default 1). */
  adminWindowMonths?: number;
  tumorScale?: TumorScale;
  confLevel?: number;
  /** Sites analysed (default all three). */
  sites?: readonly ProgressionSite[];
  /** Scenarios: δ in both arms, and/or in the arm that moves the hazard ratio toward 1 (default both). */
  scenarios?: readonly ("both arms" | "toward 1")[];
  /** How each imputation draws the imputation models' parameters (default "normal"; "bootstrap" is fully proper). */
  parameterDraw?: ParameterDraw;
}

export interface LossTippingPointScenario {
  /** "both arms" or "toward 1". */
  name: "both arms" | "toward 1";
  /** Arms whose lost patients get the grid's δ. */
  deltaArms: string[];
  rows: DeltaRow[];
  tippingPoint: TippingPoint;
}

export interface LossTippingPointSite {
  site: ProgressionSite;
  label: string;
  /** The observed data, same draws, pooled by Rubin's rules (no imputation). */
  observed: HazardRatioEstimate & { df: number };
  /** The arm whose lost patients' extra progressions move the hazard ratio toward 1. */
  towardOneArm: string;
  /** Per arm, lost patients still censored at the site (imputed), median over draws. */
  imputedPatients: number[];
  /** Lost patients imputed (both arms), mean over draws: what DeltaRow.imputedEvents and imputedCompeting (means over the imputations, one per draw) are out of. */
  imputedPatientsMean: number;
  scenarios: LossTippingPointScenario[];
}

export interface LossTippingPointResult {
  method: string;
  arms: string[];
  deltas: number[];
  imputations: number;
  seeds: string[];
  imputationSeed: string;
  parameterDraw: ParameterDraw;
  /** Bootstrap draws: resamples replaced because their models could not be fitted, over every site and imputation (0 for normal draws). */
  resamplesReplaced: number;
  adminWindowMonths: number;
  cutoff: string;
  confLevel: number;
  covariates: string[];
  /** Per arm, patients analysed and lost to follow-up, median over draws. */
  analysed: number[];
  lost: number[];
  sites: LossTippingPointSite[];
}

function snap(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}

function median(values: readonly number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One landmark draw's imputation data (see the file comment): per site, a DeltaImputationInput with the arm first among the covariates. */
export interface LossImputationData {
  arms: string[];
  seed: string;
  cutoff: string;
  /** Adjustment covariates (besides the arm). */
  covariates: string[];
  /** Cohort rows of the analysed complete cases, their arm code (1 = second arm), and whether each was lost to follow-up. */
  rows: number[];
  armCode: number[];
  lost: boolean[];
  /** The arm and the covariates, one column each (the imputation model's and the analysis's). */
  covariateColumns: Record<string, number[]>;
  /** Per site: times from the origin, status (1 progression, 2 death first, 0 censored), lost = lost and still censored at the site, end = the data cut-off from the origin. */
  sites: Record<ProgressionSite, DeltaImputationInput>;
}

/**
 * The data lossTippingPoint imputes on one landmark draw (`seed`): fromRtAnalysisData, complete
 * cases on the adjustment covariates, lostToFollowUp, times rounded to 1e-8 month.
 *
 * @example
 * lossImputationData(loadCohort(), { seed: "failure-from-rt-1", tumorScale: "log" }).sites.intrahepatic.lost.filter((x) => x).length;
 */
export function lossImputationData(cohort: CohortData, options: { seed?: string; adminWindowMonths?: number; tumorScale?: TumorScale } = {}): LossImputationData {
  const seed = options.seed ?? "failure-from-rt";
  const f = cohort.fields;
  const data = fromRtAnalysisData(cohort, { seed });
  const adj = adjustmentCovariates(cohort, data.rows, { tumorScale: options.tumorScale });
  const covariates = adj.specs.map((x) => x.name);
  const keep = data.rows.map((i, k) => (covariates.every((nm) => !Number.isNaN(adj.columns[nm][i])) ? k : -1)).filter((k) => k >= 0);
  const rows = keep.map((k) => data.rows[k]);
  const armCode = keep.map((k) => data.armCode[k]);
  const origin = keep.map((k) => data.originMonths[k]);
  const loss = lostToFollowUp(cohort, rows, options.adminWindowMonths ?? 1);
  const cutoffDays = isoDateToDays(loss.cutoff);
  const end = rows.map((i, k) => snap((cutoffDays - isoDateToDays(f.enrolled[i])) / DAYS_PER_MONTH - origin[k]));
  const cov: Record<string, number[]> = { arm: armCode };
  for (const nm of covariates) cov[nm] = rows.map((i) => adj.columns[nm][i]);
  const sites = {} as Record<ProgressionSite, DeltaImputationInput>;
  for (const sd of data.sites) {
    const time = keep.map((k) => snap(sd.time[k]));
    const status = keep.map((k) => sd.status[k]);
    sites[sd.site] = { time, status, covariates: cov, lost: loss.lost.map((l, k) => l && status[k] === 0), end: end.map((e, k) => Math.max(e, time[k])) };
  }
  return { arms: data.arms, seed, cutoff: loss.cutoff, covariates, rows, armCode, lost: loss.lost, covariateColumns: cov, sites };
}

/** The δ-adjusted imputation over landmark draws; see the file comment. */
export function lossTippingPoint(cohort: CohortData, options: LossTippingPointOptions = {}): LossTippingPointResult {
  const deltas = (options.deltas ?? [1, 1.5, 2, 3, 5]).slice();
  checkDeltas(deltas);
  const m = options.imputations ?? 10;
  checkImputations(m);
  const seed = options.seed ?? "failure-from-rt";
  const imputationSeed = options.imputationSeed ?? "loss-tipping-point";
  const adminWindow = options.adminWindowMonths ?? 1;
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  const sites = (options.sites ?? PROGRESSION_SITES).slice();
  if (sites.length === 0) throw new InputError("sites", null, "", `needs at least one of ${PROGRESSION_SITES.join(", ")}`);
  sites.forEach((s, k) => {
    if (PROGRESSION_SITES.indexOf(s) < 0) throw new InputError("sites", k, s, `must be one of ${PROGRESSION_SITES.join(", ")}`);
  });
  const scenarioNames = (options.scenarios ?? ["both arms", "toward 1"]).slice();
  if (scenarioNames.length === 0) throw new InputError("scenarios", null, "", 'needs "both arms", "toward 1" or both');
  scenarioNames.forEach((s, k) => {
    if (s !== "both arms" && s !== "toward 1") throw new InputError("scenarios", k, s, 'must be "both arms" or "toward 1"');
  });
  const parameterDraw = options.parameterDraw ?? "normal";
  if (parameterDraw !== "normal" && parameterDraw !== "bootstrap") throw new InputError("parameterDraw", null, parameterDraw, 'must be "normal" or "bootstrap"');
  const seeds = Array.from({ length: m }, (_, k) => `${seed}-${k + 1}`);
  let resamplesReplaced = 0;

  // Pass 1: per draw and site, the data, the imputation model and the observed estimate.
  type Prepared = { site: ProgressionSite; model: ReturnType<typeof fitDeltaImputationModel>; columns: number[][]; armCode: number[]; observed: { coef: number; se: number }; imputed: number[] };
  const prepared: Prepared[][] = [];
  const analysed: number[][] = [];
  const lostCounts: number[][] = [];
  let arms: string[] = [];
  let cutoff = "";
  let covariates: string[] = [];
  for (const s of seeds) {
    const draw = lossImputationData(cohort, { seed: s, adminWindowMonths: adminWindow, tumorScale: options.tumorScale });
    arms = draw.arms;
    cutoff = draw.cutoff;
    covariates = draw.covariates;
    if (!draw.lost.some((x) => x)) throw new InputError("os_months", null, "", `no analysed patient was lost to follow-up on landmark draw "${s}": there is nothing to impute`);
    analysed.push(arms.map((_, a) => draw.armCode.filter((c) => c === a).length));
    lostCounts.push(arms.map((_, a) => draw.lost.filter((l, k) => l && draw.armCode[k] === a).length));
    const columns = Object.keys(draw.covariateColumns).map((nm) => draw.covariateColumns[nm]);
    prepared.push(
      sites.map((site) => {
        const input = draw.sites[site];
        const model = fitDeltaImputationModel(input);
        return {
          site,
          model,
          columns,
          armCode: draw.armCode,
          observed: coxTermEstimate(input.time, input.status, columns, 0),
          imputed: arms.map((_, a) => input.lost.filter((l, k) => l && draw.armCode[k] === a).length),
        };
      }),
    );
  }

  const out: LossTippingPointSite[] = sites.map((site, j) => {
    const obs = prepared.map((p) => p[j].observed);
    const pool = rubinPool(
      obs.map((o) => o.coef),
      obs.map((o) => o.se * o.se),
      { confLevel },
    );
    const observed = { hazardRatio: Math.exp(pool.estimate), lower: Math.exp(pool.lower), upper: Math.exp(pool.upper), coef: pool.estimate, se: pool.se, pValue: pool.pValue, df: pool.df };
    const towardOne = observed.hazardRatio >= 1 ? 0 : 1;
    const scenarioArms = scenarioNames.map((name) => (name === "both arms" ? [0, 1] : [towardOne]));
    const perScenario = scenarioNames.map(() => deltas.map(() => [] as { coef: number; se: number; imputedEvents: number; imputedCompeting: number }[]));
    prepared.forEach((p, k) => {
      const pr = p[j];
      const draw = drawImputation(pr.model, `${imputationSeed}-${site}-${k + 1}`, parameterDraw);
      resamplesReplaced += (draw.resampleAttempts ?? 1) - 1;
      scenarioNames.forEach((_, q) => {
        const on = pr.armCode.map((a) => scenarioArms[q].indexOf(a) >= 0);
        deltas.forEach((d, r) => {
          // δ = 1 is the same completed data in every scenario: reuse it.
          if (d === 1 && q > 0) {
            perScenario[q][r].push(perScenario[0][r][k]);
            return;
          }
          const completed = completeAfterLoss(pr.model, draw, on.map((x) => (x ? d : 1)));
          const e = coxTermEstimate(completed.time, completed.status, pr.columns, 0);
          perScenario[q][r].push({ ...e, imputedEvents: completed.imputedEvents, imputedCompeting: completed.imputedCompeting });
        });
      });
    });
    return {
      site,
      label: PROGRESSION_SITE_LABELS[site],
      observed,
      towardOneArm: arms[towardOne],
      imputedPatients: arms.map((_, a) => median(prepared.map((p) => p[j].imputed[a]))),
      imputedPatientsMean: prepared.reduce((sum, p) => sum + p[j].imputed.reduce((a, b) => a + b, 0), 0) / prepared.length,
      scenarios: scenarioNames.map((name, q) => {
        const rows = deltas.map((d, r) => poolDeltaRow(d, perScenario[q][r], confLevel));
        return { name, deltaArms: scenarioArms[q].map((a) => arms[a]), rows, tippingPoint: tippingPoint(rows) };
      }),
    };
  });
  return {
    method: `δ-adjusted multiple imputation after loss to follow-up (Jackson et al. 2014): per site, cause-specific Cox imputation models of progression and of death before it (Breslow; arm and every adjustment covariate), ${parameterDraw === "normal" ? "approximately proper draws" : "fully proper draws (both models refitted on a bootstrap resample of the patients per imputation)"}, progression hazard × δ after loss, the adjusted cause-specific Cox model (Efron) refitted, Rubin's rules over imputations on landmark draws`,
    arms,
    deltas,
    imputations: m,
    seeds,
    imputationSeed,
    parameterDraw,
    resamplesReplaced,
    adminWindowMonths: adminWindow,
    cutoff,
    confLevel,
    covariates,
    analysed: arms.map((_, a) => median(analysed.map((x) => x[a]))),
    lost: arms.map((_, a) => median(lostCounts.map((x) => x[a]))),
    sites: out,
  };
}

/** "2", "1.5", "∞": a δ as the tables and sentences show it. */
export function formatDelta(delta: number): string {
  return Number.isFinite(delta) ? fmt(delta, Math.abs(delta - Math.round(delta)) < 1e-9 ? 0 : 1) : "∞";
}

/**
 * A tipping point as text. With the grid (`deltas`): "between δ = 3 and 5" (the grid values around
 * the crossing: with few imputations the interpolated value is not more precise than that, see
 * tippingPointMonteCarloRange); without it: "δ ≈ 3.7 (grid: 5)". Also "δ = 1" (crossed at a grid
 * value with nothing to interpolate from) and "not reached (up to δ = ∞)".
 */
export function formatTippingPoint(t: { gridDelta: number | null; interpolated: number | null }, maxDelta: number, deltas?: readonly number[]): string {
  if (t.gridDelta === null) return `not reached (up to δ = ${formatDelta(maxDelta)})`;
  if (t.interpolated === null) return `δ = ${formatDelta(t.gridDelta)}`;
  const k = deltas === undefined ? -1 : deltas.indexOf(t.gridDelta);
  if (k > 0) return `between δ = ${formatDelta(deltas![k - 1])} and ${formatDelta(t.gridDelta)}`;
  return `δ ≈ ${fmt(t.interpolated, 1)} (grid: ${formatDelta(t.gridDelta)})`;
}

/** A tipping point's grid bracket, interpolated value and Monte Carlo range (tippingPointMonteCarloRange). */
export interface TippingPointRange {
  which: "significanceLost" | "hazardRatioReachesOne";
  direction: "above 1" | "below 1";
  /** The grid values around the crossing: the last δ not crossed (null when the first δ already is) and the first crossed (null when none is). */
  gridBelow: number | null;
  gridAbove: number | null;
  /** Interpolated on log δ (as tippingPoint); null when there is nothing to interpolate (crossed at the first δ, never, or only at δ = ∞). */
  interpolated: number | null;
  /**
   * The crossing with every row's pooled log hazard ratio moved by z · MC SE toward 1 (lower) and
   * away from 1 (upper), interpolated the same way: the first δ of the grid when already crossed
   * there, Infinity when the crossing falls between the last finite δ and δ = ∞, null when not
   * reached on the grid.
   */
  lower: number | null;
  upper: number | null;
  /** Coverage of the Monte Carlo range and its multiplier z. */
  level: number;
  z: number;
}

/**
 * Monte Carlo range of a tipping point estimated from a few imputations. The pooled log hazard
 * ratio at each δ has Monte Carlo standard error s_δ = √(B/m) (DeltaRow.monteCarloSe); moving the
 * log hazard ratio (and with it both interval limits) of every row by ± z·s_δ, z = Φ⁻¹(1/2 + level/2),
 * and finding where the limit on the side of 1 (or the hazard ratio) crosses 1 — linear in log δ
 * between grid points, as tippingPoint — gives the range of δ that the imputations' Monte Carlo
 * error leaves open. Approximate: the pooled standard error's own Monte Carlo error is ignored,
 * and the shifts at neighbouring δ are treated as fully correlated (common random numbers).
 *
 * @example
 * // limit 1.03 at δ = 3 and 0.96 at δ = 5, MC SE 0.045: interpolated ≈ 3.7, range ≈ 1.9 to beyond 5
 * tippingPointMonteCarloRange([{ delta: 1, hazardRatio: 2, lower: 1.2, upper: 3.3, monteCarloSe: 0.045 }, { delta: 3, hazardRatio: 1.74, lower: 1.03, upper: 2.94, monteCarloSe: 0.045 }, { delta: 5, hazardRatio: 1.6, lower: 0.96, upper: 2.67, monteCarloSe: 0.045 }, { delta: Infinity, hazardRatio: 1.3, lower: 0.82, upper: 2.07, monteCarloSe: 0.05 }]);
 */
export function tippingPointMonteCarloRange(
  rows: readonly { delta: number; hazardRatio: number; lower: number; upper: number; monteCarloSe: number }[],
  options: { which?: "significanceLost" | "hazardRatioReachesOne"; level?: number } = {},
): TippingPointRange {
  const which = options.which ?? "significanceLost";
  if (which !== "significanceLost" && which !== "hazardRatioReachesOne") throw new InputError("which", null, which, 'must be "significanceLost" or "hazardRatioReachesOne"');
  const level = options.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) throw new InputError("level", null, level, "must be between 0 and 1");
  const tp = tippingPoint(rows); // checks δ and the hazard ratios
  rows.forEach((r, k) => {
    if (typeof r.monteCarloSe !== "number" || !(r.monteCarloSe >= 0) || !Number.isFinite(r.monteCarloSe)) throw new InputError("rows.monteCarloSe", k, r.monteCarloSe, "must be a finite number ≥ 0 (the pooled log hazard ratio's Monte Carlo SE)");
  });
  const above = tp.direction === "above 1";
  const sign = above ? 1 : -1;
  // Signed log of the limit on the side of 1 (or of the hazard ratio): the crossing is where it reaches 0 or below.
  const g = rows.map((r) => sign * Math.log(which === "hazardRatioReachesOne" ? r.hazardRatio : above ? r.lower : r.upper));
  const z = normalQuantile(0.5 + level / 2);
  const crossing = (values: number[]): { k: number; at: number | null } => {
    const k = values.findIndex((v) => v <= 0);
    if (k < 0) return { k, at: null };
    if (k === 0) return { k, at: rows[0].delta };
    if (!Number.isFinite(rows[k].delta)) return { k, at: Infinity };
    const [a, b] = [rows[k - 1].delta, rows[k].delta];
    const f = values[k - 1] === values[k] ? 1 : values[k - 1] / (values[k - 1] - values[k]);
    return { k, at: Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a))) };
  };
  const central = crossing(g);
  const t = tp[which];
  return {
    which,
    direction: tp.direction,
    gridBelow: central.k > 0 ? rows[central.k - 1].delta : central.k < 0 ? rows[rows.length - 1].delta : null,
    gridAbove: central.k >= 0 ? rows[central.k].delta : null,
    interpolated: t.interpolated,
    lower: crossing(g.map((v, k) => v - z * rows[k].monteCarloSe)).at,
    upper: crossing(g.map((v, k) => v + z * rows[k].monteCarloSe)).at,
    level,
    z,
  };
}

/** "δ ≈ 3.7; Monte Carlo 95% range 1.9 to beyond 5": the interpolated tipping point and its Monte Carlo range; `deltas` names the last finite grid value. */
export function formatTippingPointRange(r: TippingPointRange, deltas: readonly number[]): string {
  const lastFinite = deltas.filter((d) => Number.isFinite(d)).slice(-1)[0];
  const end = (x: number | null) => (x === null ? `not reached up to δ = ${formatDelta(deltas[deltas.length - 1])}` : Number.isFinite(x) ? fmt(x, 1) : `beyond ${formatDelta(lastFinite)}`);
  if (r.interpolated === null) return r.gridAbove === null ? "not reached" : `δ = ${formatDelta(r.gridAbove)}`;
  return `δ ≈ ${fmt(r.interpolated, 1)}; Monte Carlo ${fmt(100 * r.level, 0)}% range ${end(r.lower)} to ${end(r.upper)}`;
}

/**
 * Table rows of a lossTippingPoint result: one per site and scenario, the observed-data hazard
 * ratio, the pooled hazard ratio (interval) at each δ, and the two tipping points.
 */
export function lossTippingPointRows(r: LossTippingPointResult): Record<string, string>[] {
  const level = ciLabel(r.confLevel);
  const rows: Record<string, string>[] = [];
  for (const s of r.sites) {
    for (const sc of s.scenarios) {
      const row: Record<string, string> = {
        Site: s.label,
        "δ applies to the lost patients of": sc.name === "both arms" ? "both arms" : `${sc.deltaArms[0]} (toward 1)`,
        [`Observed data (${level})`]: formatCI(s.observed.hazardRatio, s.observed.lower, s.observed.upper, 2),
      };
      for (const x of sc.rows) row[`δ = ${formatDelta(x.delta)}`] = formatCI(x.hazardRatio, x.lower, x.upper, 2);
      row[`${level} includes 1 from`] = formatTippingPoint(sc.tippingPoint.significanceLost, sc.tippingPoint.maxDelta, r.deltas);
      row["HR reaches 1 from"] = formatTippingPoint(sc.tippingPoint.hazardRatioReachesOne, sc.tippingPoint.maxDelta, r.deltas);
      rows.push(row);
    }
  }
  return rows;
}
