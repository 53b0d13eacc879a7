/**
 * Overall survival by arm, the analyses a survival section reports, from the
 * cohort's `os_months` (time from enrollment) and `death` (1 = died, 0 = alive at
 * last follow-up):
 * - Kaplan-Meier curve per arm (R `survfit(Surv(os_months, death) ~ arm)`,
 *   Greenwood standard errors, "log" confidence limits as survfit's default) with
 *   the median and its 95% limits (`summary(fit)$table`).
 * - Survival at chosen times (default 12, 24, 36 and 60 months) with pointwise
 *   limits, as `summary(fit, times = …)`: S at the last time at or before t; null
 *   past an arm's last follow-up time (summary leaves such times out).
 * - Median follow-up by the reverse Kaplan-Meier method (censoring as the event,
 *   `survfit(Surv(os_months, 1 - death) ~ arm)`), the method the study's follow-up
 *   figures (claims C4, C5) use.
 * - The log-rank test (`survdiff`).
 * - Restricted mean survival time up to each tau (default 24 and 60 months) per arm,
 *   survival's `survmean` estimate and standard error, and the difference between
 *   the arms (second arm minus the reference arm) with a normal-approximation 95%
 *   interval and P, the arms being independent samples (se = sqrt(se1^2 + se2^2)).
 *   When tau is past an arm's last follow-up time the curve is carried flat to tau,
 *   as R does; `beyondFollowUp` flags this (the RMST then rests on extrapolation).
 * Arms come from the data in the schema's order (cohortArms). The columns have no
 * missing values by the cohort schema; should a caller pass some, they throw.
 *
 * @example
 * const s = survivalByArm(loadCohort());
 * s.arms[0].median;            // median OS of TACE, months
 * s.logRank.pValue;            // compare with studyClaim("C8").publishedNumber
 * s.rmst[0].difference;        // RMST(TACE+RT) - RMST(TACE) up to 24 months
 */
import { InputError } from "../core/index";
import { normalQuantile, normalTwoSided } from "../distributions/index";
import { kaplanMeierByGroup } from "../survival/kaplan-meier";
import type { KaplanMeierByGroupResult, KaplanMeierResult } from "../survival/kaplan-meier";
import { medianFollowUpByGroup } from "../survival/median-follow-up";
import type { MedianFollowUpByGroupResult } from "../survival/median-follow-up";
import { logRank } from "../survival/log-rank";
import type { LogRankResult } from "../survival/log-rank";
import { restrictedMeanOfCurve } from "../survival/restricted-mean";
import { cohortArms } from "./arms";
import type { CohortData } from "./arms";

export interface SurvivalByArmOptions {
  /** Times for survival estimates (months; default [12, 24, 36, 60]). */
  times?: number[];
  /** Restriction times of the RMST (months; default [24, 60]). */
  taus?: number[];
  /** Confidence level of every interval (default 0.95). */
  confLevel?: number;
}

/** Survival at one time, one arm. */
export interface SurvivalAtTime {
  time: number;
  /** null past the arm's last follow-up time. */
  survival: number | null;
  lower: number | null;
  upper: number | null;
  /** Patients still at risk (time >= t). */
  nRisk: number;
}

export interface ArmSurvival {
  arm: string;
  n: number;
  deaths: number;
  /** Median overall survival, months (null if the curve never reaches 0.5). */
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  /** Reverse Kaplan-Meier median follow-up, months, and its limits. */
  followUp: number | null;
  followUpLower: number | null;
  followUpUpper: number | null;
  /** Longest observed time in the arm. */
  lastTime: number;
  survivalAt: SurvivalAtTime[];
}

export interface RmstComparison {
  tau: number;
  /** Per arm, in `arms` order. */
  rmst: number[];
  se: number[];
  lower: number[];
  upper: number[];
  /** Whether tau lies past the arm's last follow-up time (the curve extrapolated flat). */
  beyondFollowUp: boolean[];
  /** Second arm minus the reference (first) arm. */
  difference: number;
  differenceSe: number;
  differenceLower: number;
  differenceUpper: number;
  pValue: number;
}

export interface SurvivalByArmResult {
  arms: ArmSurvival[];
  confLevel: number;
  /** The Kaplan-Meier fits (for survivalCurveFigure). */
  km: KaplanMeierByGroupResult;
  followUp: MedianFollowUpByGroupResult;
  logRank: LogRankResult;
  /** One comparison per tau (only with exactly two arms; otherwise empty). */
  rmst: RmstComparison[];
  n: number;
  deaths: number;
}

/** S(t) of a Kaplan-Meier result at chosen times, as summary(fit, times); see the file comment. */
export function survivalAtTimes(km: KaplanMeierResult, times: readonly number[]): SurvivalAtTime[] {
  const last = km.time[km.time.length - 1];
  return times.map((t) => {
    let j = -1;
    while (j + 1 < km.time.length && km.time[j + 1] <= t) j++;
    // at risk at t: subjects with time >= t
    let k = j;
    if (k < 0 || km.time[k] < t) k++;
    const nRisk = k < km.time.length ? km.nRisk[k] : 0;
    if (t > last) return { time: t, survival: null, lower: null, upper: null, nRisk };
    if (j < 0) return { time: t, survival: 1, lower: 1, upper: 1, nRisk };
    return { time: t, survival: km.survival[j], lower: km.lower[j], upper: km.upper[j], nRisk };
  });
}

function checkTimes(name: string, values: number[]): void {
  if (!Array.isArray(values) || values.length === 0) throw new InputError(name, null, values, "must be a non-empty array of times");
  values.forEach((t, i) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) throw new InputError(name, i, t, "must be a non-negative finite time");
  });
}

/** Overall survival by arm; see the file comment. */
export function survivalByArm(cohort: CohortData, options: SurvivalByArmOptions = {}): SurvivalByArmResult {
  const arms = cohortArms(cohort);
  const times = options.times === undefined ? [12, 24, 36, 60] : options.times;
  const taus = options.taus === undefined ? [24, 60] : options.taus;
  checkTimes("times", times);
  checkTimes("taus", taus);
  taus.forEach((t, i) => {
    if (t <= 0) throw new InputError("taus", i, t, "must be positive");
  });
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  const { os_months: time, death, arm } = cohort.fields;
  const km = kaplanMeierByGroup(time, death, arm, { levels: arms, confLevel });
  const followUp = medianFollowUpByGroup(time, death, arm, { levels: arms, confLevel });
  const lr = logRank(time, death, arm, { levels: arms });
  const perArm: ArmSurvival[] = arms.map((a, g) => {
    const c = km.curves[g];
    const fu = followUp.results[g];
    return {
      arm: a,
      n: c.n,
      deaths: c.nEvent.reduce((s, v) => s + v, 0),
      median: c.median,
      medianLower: c.medianLower,
      medianUpper: c.medianUpper,
      followUp: fu.median,
      followUpLower: fu.lower,
      followUpUpper: fu.upper,
      lastTime: c.time[c.time.length - 1],
      survivalAt: survivalAtTimes(c, times),
    };
  });
  const z = normalQuantile(0.5 + confLevel / 2);
  const rmst: RmstComparison[] =
    arms.length !== 2
      ? []
      : taus.map((tau) => {
          const r = km.curves.map((c) => restrictedMeanOfCurve(c.time, c.nRisk, c.nEvent, c.survival, tau));
          const difference = r[1].rmst - r[0].rmst;
          const differenceSe = Math.sqrt(r[0].se * r[0].se + r[1].se * r[1].se);
          return {
            tau,
            rmst: r.map((x) => x.rmst),
            se: r.map((x) => x.se),
            lower: r.map((x) => x.rmst - z * x.se),
            upper: r.map((x) => x.rmst + z * x.se),
            beyondFollowUp: perArm.map((a) => tau > a.lastTime),
            difference,
            differenceSe,
            differenceLower: difference - z * differenceSe,
            differenceUpper: difference + z * differenceSe,
            pValue: normalTwoSided(difference / differenceSe),
          };
        });
  return {
    arms: perArm,
    confLevel,
    km,
    followUp,
    logRank: lr,
    rmst,
    n: km.n,
    deaths: perArm.reduce((s, a) => s + a.deaths, 0),
  };
}
