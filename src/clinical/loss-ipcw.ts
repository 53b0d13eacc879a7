/**
 * Sensitivity analysis for differential loss to follow-up in the comparison of failure from
 * RT start (failureFromRtStart, notebook 03 Part B): inverse-probability-of-censoring weights
 * (IPCW) for loss to follow-up, with the censoring modelled on the measured covariates.
 *
 * The unweighted cause-specific Cox model and cumulative incidence assume that loss to
 * follow-up is independent of progression given the model's covariates (for the incidence:
 * given the arm alone). IPCW weakens this to: loss is independent of progression given the
 * covariates of the censoring model (here the arm and the baseline adjustment covariates).
 * It cannot help if loss depends on something unmeasured (e.g. a progression the referring
 * hospital saw and did not report).
 *
 * On one landmark draw (`seed`; fromRtAnalysisData), among the analysed patients with every
 * adjustment covariate recorded (adjustmentCovariates, complete cases):
 * - Loss to follow-up: alive at last contact more than `adminWindowMonths` before the data
 *   cut-off (lostToFollowUp). Follow-up from the origin ends by loss (the censoring event),
 *   death or the cut-off (both censor the loss process).
 * - Censoring model (denominator): Cox model of time to loss from the origin on the arm and
 *   the covariates, Efron ties; K_i(t) = exp(−H0(t) exp((x_i − x̄)'β)) with H0 its baseline
 *   cumulative hazard at the covariate means (R: survfit(cfit, newdata)$surv). Numerator
 *   (stabilised weights, the default): the same model on the arm alone.
 * - Each site's follow-up (time to first progression at the site, death competing) is split
 *   at the distinct loss times (R's survSplit(cut = ...); times from the origin rounded to
 *   1e-8 month first, see `snap`); a piece (a, b] gets the weight
 *   K⁰_i(a) / K_i(a) (stabilised) or 1 / K_i(a): K at the piece's start is K(t−) for every
 *   t in (a, b], since K only drops at loss times.
 * - Weighted cause-specific Cox model of the arm, adjusted for the same covariates:
 *   coxph(Surv(tstart, t, status == 1) ~ rt + covariates, weights = w, cluster = id,
 *   ties = "efron"), robust (sandwich) variance, which treats the weights as known (the usual,
 *   conservative choice). Beside it the unweighted model on the same patients (model-based
 *   variance: the Part B estimate of this draw).
 * - Cumulative incidence of progression at the site by arm at `times` (Aalen-Johansen, death
 *   competing), unweighted and weighted (R: survfit(Surv(tstart, t, state) ~ arm, id = id,
 *   weights = w)); point estimates only (with time-varying weights R's robust standard error
 *   uses each subject's latest weight, which is not the IPCW variance).
 * - Weights: their distribution over the (start, stop] pieces, and the effective sample size
 *   by arm of the weights at the end of each patient's follow-up (Kish: (Σw)² / Σw²).
 * `lossToFollowUpIpcwPooled` repeats this on landmark draws `<seed>-1` … `<seed>-<draws>` (as
 * fromRtPooledModels) and pools the weighted and the unweighted log hazard ratios by Rubin's
 * rules (rubinPool; R: mitools::MIcombine), with the weights' extremes over the draws.
 * Matched to R in test/fixtures/r/clinical-loss-ipcw.R.
 *
 * @example
 * const r = lossToFollowUpIpcw(loadCohort(), { tumorScale: "log" });
 * r.sites[1].weighted.hazardRatio; // intrahepatic, TACE+RT vs TACE, weighted for loss to follow-up
 */
import { InputError } from "../core/index";
import { coxPH } from "../survival/cox";
import type { CoxPHEstimates } from "../survival/cox";
import { coxSurvival } from "../survival/cox-survival";
import { proportionalHazardsTest } from "../survival/cox-zph";
import { splitFollowUp } from "../survival/split-follow-up";
import { aalenJohansen, stateOccupancyAt } from "../survival/aalen-johansen";
import { adjustmentCovariates } from "./cox-by-arm";
import { fromRtAnalysisData, lostToFollowUp, PROGRESSION_SITE_LABELS } from "./failure-from-rt";
import type { ProgressionSite } from "./failure-from-rt";
import type { HazardRatioEstimate, TumorScale } from "./from-rt-models";
import { summarizeWeights } from "./sequential-trials-ipcw";
import { rubinPool } from "../stats/rubin-pool";
import type { WeightSummary } from "./sequential-trials-ipcw";
import type { CohortData } from "./arms";
import { requireConfLevel } from "../stats/input";

export interface LossIpcwOptions {
  /** Landmark draw of the reference arm's origins (default "failure-from-rt"). */
  seed?: string;
  /** Censored more than this many months before the data cut-off counts as lost (default 1). */
  adminWindowMonths?: number;
  /** How tumor size enters the censoring and outcome models (default "linear"; notebook 03 uses "log"). */
  tumorScale?: TumorScale;
  /** Stabilised weights K⁰(t) / K(t), K⁰ from the arm alone (default true), else 1 / K(t). */
  stabilized?: boolean;
  /** Times (months from the origin) of the cumulative incidence (default [12]). */
  times?: number[];
  confLevel?: number;
}

/** A hazard ratio per term of the censoring model. */
export interface CensoringModelSummary {
  terms: string[];
  hazardRatio: number[];
  lower: number[];
  upper: number[];
  pValue: number[];
  n: number;
  /** Patients lost to follow-up (the model's events). */
  nEvent: number;
  /** Events per coefficient of the censoring model (nEvent / terms). */
  eventsPerParameter: number;
  /** Global proportional-hazards test of the censoring model (R: cox.zph(cfit, transform = "km")), null when it cannot be computed. */
  proportionalHazards: { chiSq: number; df: number; pValue: number } | null;
}

export interface LossIpcwSite {
  site: ProgressionSite;
  label: string;
  /** Progressions at the site among the analysed patients. */
  nEvent: number;
  /** Adjusted cause-specific hazard ratio of the second arm, unweighted (model-based variance). */
  unweighted: HazardRatioEstimate;
  /** The same model weighted for loss to follow-up (robust variance, clustered by patient). */
  weighted: HazardRatioEstimate;
  /** Cumulative incidence of progression at the site per arm and time, unweighted and weighted. */
  incidence: { arm: string; time: number; unweighted: number; weighted: number }[];
}

export interface LossIpcwResult {
  seed: string;
  arms: string[];
  stabilized: boolean;
  adminWindowMonths: number;
  cutoff: string;
  /** Per arm: analysed patients with every covariate, and of them lost to follow-up. */
  n: number[];
  lost: number[];
  /** Analysed patients left out for a missing covariate. */
  dropped: number;
  covariates: string[];
  /** Cox model of loss to follow-up on the arm and the covariates (the denominator). */
  censoringModel: CensoringModelSummary;
  /** Distinct loss times (the split points). */
  lossTimes: number[];
  weights: {
    /** Over every (start, stop] piece of the first site's split data (the pieces are the same for every site up to its own end of follow-up). */
    pieces: WeightSummary;
    /** Per arm: patients, and Kish's effective sample size of each patient's weight at the end of follow-up. */
    endOfFollowUp: { arm: string; patients: number; ess: number; min: number; max: number }[];
  };
  sites: LossIpcwSite[];
}

function estimate(fit: CoxPHEstimates, term: string): HazardRatioEstimate {
  const j = fit.names.indexOf(term);
  const robust = fit.robust && fit.robustSe !== null;
  return {
    hazardRatio: fit.hazardRatio[j],
    lower: fit.lower[j],
    upper: fit.upper[j],
    coef: fit.coef[j],
    se: robust ? (fit.robustSe as number[])[j] : fit.se[j],
    pValue: fit.pValue[j],
  };
}

/**
 * Times from the origin are differences of times recorded to 0.01 month, so the same time can
 * come out as 0.5599999999999996 for one patient and 0.5600000000000005 for another; split at
 * one, the other would leave a piece of length 1e-16. Rounded to 1e-8 month (R: round(x, 8)),
 * they are equal, as the Cox fits' timefix would treat them anyway.
 */
function snap(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}

/** K(t) of each patient from a Cox model of loss: exp(−H0(t) r_i), right-continuous. */
function censoringSurvival(fit: CoxPHEstimates, rows: Record<string, number[]>): (k: number, t: number) => number {
  const curve = coxSurvival(fit).curves[0];
  const risk = rows[fit.names[0]].map((_, k) => Math.exp(fit.names.reduce((eta, name, j) => eta + fit.coef[j] * (rows[name][k] - curve.covariates[j]), 0)));
  return (k, t) => {
    // last curve time <= t (binary search); before the first time H = 0
    let lo = 0;
    let hi = curve.time.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (curve.time[mid] <= t) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at < 0 ? 1 : Math.exp(-curve.cumHazard[at] * risk[k]);
  };
}

/** Weighted and unweighted comparison under loss to follow-up; see the file comment. */
export function lossToFollowUpIpcw(cohort: CohortData, options: LossIpcwOptions = {}): LossIpcwResult {
  const seed = options.seed ?? "failure-from-rt";
  const adminWindow = options.adminWindowMonths ?? 1;
  const stabilized = options.stabilized ?? true;
  const confLevel = options.confLevel ?? 0.95;
  requireConfLevel(confLevel);
  const times = options.times === undefined ? [12] : options.times.slice();
  times.forEach((t, i) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new InputError("times", i, t, "must be a non-negative finite time");
  });
  const data = fromRtAnalysisData(cohort, { seed });
  const arms = data.arms;
  const adj = adjustmentCovariates(cohort, data.rows, { tumorScale: options.tumorScale });
  const names = adj.specs.map((s) => s.name);
  const keep: number[] = [];
  data.rows.forEach((i, k) => {
    if (names.every((nm) => !Number.isNaN(adj.columns[nm][i]))) keep.push(k);
  });
  const rows = keep.map((k) => data.rows[k]);
  const armCode = keep.map((k) => data.armCode[k]);
  const armOf = keep.map((k) => data.arm[k]);
  const origin = keep.map((k) => data.originMonths[k]);
  const f = cohort.fields;
  const loss = lostToFollowUp(cohort, rows, adminWindow);
  const lost: number[] = loss.lost.map((x) => (x ? 1 : 0));
  if (lost.reduce((a, b) => a + b, 0) === 0) throw new InputError("os_months", null, "", "no analysed patient was lost to follow-up: there is no censoring to weight for");
  const followUp = rows.map((i, k) => snap(f.os_months[i] - origin[k]));
  const X: Record<string, number[]> = { arm: armCode };
  for (const nm of names) X[nm] = rows.map((i) => adj.columns[nm][i]);

  // The censoring models' estimates, baseline hazards and cox.zph are read, not their concordance (estimatesOnly: the same doubles).
  const cfit = coxPH(followUp, lost, X, { ties: "efron", confLevel, estimatesOnly: true });
  const nfit = coxPH(followUp, lost, { arm: armCode }, { ties: "efron", confLevel, estimatesOnly: true });
  const K = censoringSurvival(cfit, X);
  const K0 = censoringSurvival(nfit, { arm: armCode });
  const weightAt = (k: number, t: number): number => (stabilized ? K0(k, t) : 1) / K(k, t);
  const lossTimes = Array.from(new Set(followUp.filter((_, k) => lost[k] === 1))).sort((a, b) => a - b);
  const id = rows.map((_, k) => k);
  // A piece starts at 0 or at a loss time, and the three sites' pieces share those starts: each
  // patient's weight at each start is computed once (a cache of weightAt, the same doubles).
  const slotOf = new Map<number, number>([[0, 0]]);
  lossTimes.forEach((c, j) => slotOf.set(c, j + 1));
  const slots = lossTimes.length + 1;
  const weightCache = new Float64Array(rows.length * slots).fill(NaN);
  const pieceWeight = (k: number, t: number): number => {
    const slot = slotOf.get(t);
    if (slot === undefined) return weightAt(k, t);
    const at = k * slots + slot;
    let v = weightCache[at];
    if (Number.isNaN(v)) {
      v = weightAt(k, t);
      weightCache[at] = v;
    }
    return v;
  };

  let pieces: WeightSummary | null = null;
  const sites: LossIpcwSite[] = data.sites.map(({ site, time: allTime, status: allStatus }) => {
    const time = keep.map((k) => snap(allTime[k]));
    const status = keep.map((k) => allStatus[k]);
    const cols: Record<string, number[]> = { id, time, ended: status.map((s) => (s === 0 ? 0 : 1)), status, ...X };
    const split = splitFollowUp(cols, { time: "time", event: "ended", cut: lossTimes }) as unknown as Record<string, number[]>;
    const start = split.tstart;
    const stop = split.time;
    const state = split.ended.map((e, r) => (e === 1 ? split.status[r] : 0));
    const w = split.id.map((k, r) => pieceWeight(k, start[r]));
    if (pieces === null) pieces = summarizeWeights(w);
    // Typed columns for the weighted fit (the same numbers; coxPH checks and copies them in one pass).
    const outcome: Record<string, Float64Array> = { arm: Float64Array.from(split.arm) };
    for (const nm of names) outcome[nm] = Float64Array.from(split[nm]);
    const event: number[] = state.map((s) => (s === 1 ? 1 : 0));
    const weighted = coxPH(Float64Array.from(stop), Uint8Array.from(event), outcome, {
      start: Float64Array.from(start),
      weights: Float64Array.from(w),
      cluster: Int32Array.from(split.id),
      ties: "efron",
      confLevel,
      // Many pieces per patient: the information summed by patient (not bit-identical to the default, ~1e-14).
      informationByPattern: true,
      // Only the arm's estimate is read: no concordance, no robust score test (the same estimates).
      estimatesOnly: true,
    });
    const unweighted = coxPH(time, status.map((s) => (s === 1 ? 1 : 0)), X, { ties: "efron", confLevel, estimatesOnly: true });
    const group = split.arm.map((a) => arms[a]);
    const aj = (weights?: number[]) =>
      stateOccupancyAt(aalenJohansen(stop, state, group, { start, id: split.id, weights, censor: 0 }), times).filter((r) => r.state === "1");
    const plain = times.length === 0 ? [] : aj();
    const withW = times.length === 0 ? [] : aj(w);
    const incidence = plain.map((r) => ({
      arm: r.group,
      time: r.time,
      unweighted: r.probability,
      weighted: withW.filter((x) => x.group === r.group && x.time === r.time)[0]?.probability ?? NaN,
    }));
    return {
      site,
      label: PROGRESSION_SITE_LABELS[site],
      nEvent: event.reduce((a, b) => a + b, 0),
      unweighted: estimate(unweighted, "arm"),
      weighted: estimate(weighted, "arm"),
      incidence,
    };
  });

  const endWeights = followUp.map((t, k) => weightAt(k, lossTimes.filter((c) => c < t).pop() ?? 0));
  const endOfFollowUp = arms.map((arm) => {
    const ws = endWeights.filter((_, k) => armOf[k] === arm);
    const sum = ws.reduce((a, b) => a + b, 0);
    const sumSq = ws.reduce((a, b) => a + b * b, 0);
    return { arm, patients: ws.length, ess: (sum * sum) / sumSq, min: Math.min(...ws), max: Math.max(...ws) };
  });
  const terms = cfit.names;
  return {
    seed,
    arms,
    stabilized,
    adminWindowMonths: adminWindow,
    cutoff: loss.cutoff,
    n: arms.map((a) => armOf.filter((x) => x === a).length),
    lost: arms.map((a) => lost.filter((l, k) => l === 1 && armOf[k] === a).length),
    dropped: data.rows.length - rows.length,
    covariates: names,
    censoringModel: {
      terms,
      hazardRatio: terms.map((_, j) => cfit.hazardRatio[j]),
      lower: terms.map((_, j) => cfit.lower[j]),
      upper: terms.map((_, j) => cfit.upper[j]),
      pValue: terms.map((_, j) => cfit.pValue[j]),
      n: cfit.n,
      nEvent: cfit.nEvent,
      eventsPerParameter: cfit.nEvent / terms.length,
      proportionalHazards: censoringPh(cfit),
    },
    lossTimes,
    weights: { pieces: pieces as unknown as WeightSummary, endOfFollowUp },
    sites,
  };
}

export interface LossIpcwPooledSite {
  site: ProgressionSite;
  label: string;
  /** Pooled over the draws (Rubin's rules): unweighted and weighted adjusted hazard ratios. */
  unweighted: HazardRatioEstimate & { df: number };
  weighted: HazardRatioEstimate & { df: number };
  /** Per draw, weighted / unweighted hazard ratio: median, min, max. */
  ratio: { median: number; min: number; max: number };
}

export interface LossIpcwPooledResult {
  seeds: string[];
  stabilized: boolean;
  sites: LossIpcwPooledSite[];
  /** Over the draws: the smallest and largest weight of any piece, and per arm the smallest effective sample size and its patients. */
  weights: { min: number; max: number; ess: { arm: string; minEss: number; patients: number }[] };
  /** Per draw, patients lost per arm (median over draws). */
  lostMedian: number[];
  /** The reported draw's full result is not repeated here; each draw's result. */
  perDraw: LossIpcwResult[];
}

function medianOf(values: readonly number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** lossToFollowUpIpcw over `draws` landmark draws, pooled by Rubin's rules; see the file comment. */
export function lossToFollowUpIpcwPooled(cohort: CohortData, options: Omit<LossIpcwOptions, "seed" | "times"> & { draws: number; seed?: string }): LossIpcwPooledResult {
  const m = options.draws;
  if (typeof m !== "number" || !Number.isInteger(m) || m < 2) throw new InputError("draws", null, m, "must be a whole number ≥ 2");
  const seed = options.seed ?? "failure-from-rt";
  const confLevel = options.confLevel ?? 0.95;
  const seeds = Array.from({ length: m }, (_, k) => `${seed}-${k + 1}`);
  const perDraw = seeds.map((s) => lossToFollowUpIpcw(cohort, { ...options, seed: s, times: [] }));
  const pooledOf = (site: number, which: "unweighted" | "weighted"): HazardRatioEstimate & { df: number } => {
    const e = perDraw.map((r) => r.sites[site][which]);
    const pool = rubinPool(
      e.map((x) => x.coef),
      e.map((x) => x.se * x.se),
      { confLevel },
    );
    return { hazardRatio: Math.exp(pool.estimate), lower: Math.exp(pool.lower), upper: Math.exp(pool.upper), coef: pool.estimate, se: pool.se, pValue: pool.pValue, df: pool.df };
  };
  const arms = perDraw[0].arms;
  return {
    seeds,
    stabilized: perDraw[0].stabilized,
    sites: perDraw[0].sites.map((s, j) => {
      const ratios = perDraw.map((r) => r.sites[j].weighted.hazardRatio / r.sites[j].unweighted.hazardRatio);
      return { site: s.site, label: s.label, unweighted: pooledOf(j, "unweighted"), weighted: pooledOf(j, "weighted"), ratio: { median: medianOf(ratios), min: Math.min(...ratios), max: Math.max(...ratios) } };
    }),
    weights: {
      min: Math.min(...perDraw.map((r) => r.weights.pieces.min)),
      max: Math.max(...perDraw.map((r) => r.weights.pieces.max)),
      ess: arms.map((arm, a) => {
        let worst = perDraw[0].weights.endOfFollowUp[a];
        for (const r of perDraw) if (r.weights.endOfFollowUp[a].ess < worst.ess) worst = r.weights.endOfFollowUp[a];
        return { arm, minEss: worst.ess, patients: worst.patients };
      }),
    },
    lostMedian: arms.map((_, a) => medianOf(perDraw.map((r) => r.lost[a]))),
    perDraw,
  };
}

/** cox.zph's GLOBAL test of the censoring model (Kaplan-Meier transform), null if it cannot be computed (e.g. no events). */
function censoringPh(fit: CoxPHEstimates): { chiSq: number; df: number; pValue: number } | null {
  try {
    const z = proportionalHazardsTest(fit, { transform: "km" });
    const g = z.terms.indexOf("GLOBAL");
    return g < 0 ? null : { chiSq: z.chiSq[g], df: z.df[g], pValue: z.pValue[g] };
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}
