/**
 * Restricted mean survival time (RMST): the area under the Kaplan-Meier curve
 * from 0 to tau, with its standard error, as R's `print(survfit(...), rmean = tau)`
 * (survival's `survmean`).
 *
 *   RMST = integral_0^tau S(t) dt
 *   Var  = sum_{t_i <= tau} A_i^2 d_i / (n_i (n_i - d_i)),  A_i = integral_{t_i}^tau S(t) dt
 *
 * A time where everyone left dies contributes 0 to the variance (as survmean).
 * If tau is past the last time the curve is carried on flat to tau, as R does.
 * A tau before the first time (R stops with an error) gives rmst = tau, se = 0.
 *
 * @example
 * restrictedMeanSurvival([1, 2, 3, 4], [1, 1, 0, 1], 3); // { rmst: 2.25, se: 0.4146..., tau: 3, ... }
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { kaplanMeier, kaplanMeierByGroup } from "./kaplan-meier";
import type { GroupOptions, MissingOptions } from "./survival-input";

export interface RestrictedMeanResult {
  /** Restricted mean survival time up to tau. */
  rmst: number;
  /** Its standard error (survmean's se(rmean)). */
  se: number;
  tau: number;
  /** Subjects used. */
  n: number;
  /** Rows dropped for missing values (for a by-group call: from the whole input). */
  dropped: number;
}

export interface RestrictedMeanByGroupResult {
  groups: string[];
  tau: number;
  /** One result per group, same order. */
  results: RestrictedMeanResult[];
}

/** RMST of one sample up to `tau`; see the file comment. */
export function restrictedMeanSurvival(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  tau: number,
  options: MissingOptions = {},
): RestrictedMeanResult {
  checkTau(tau);
  const km = kaplanMeier(time, event, { missing: options.missing });
  return { ...restrictedMeanOfCurve(km.time, km.nRisk, km.nEvent, km.survival, tau), n: km.n, dropped: km.dropped };
}

/** RMST up to `tau` for each group (times merged on the pooled data, as survfit with a group). */
export function restrictedMeanSurvivalByGroup(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  tau: number,
  options: GroupOptions = {},
): RestrictedMeanByGroupResult {
  checkTau(tau);
  const fit = kaplanMeierByGroup(time, event, group, { missing: options.missing, levels: options.levels });
  const results = fit.curves.map((km) => ({
    ...restrictedMeanOfCurve(km.time, km.nRisk, km.nEvent, km.survival, tau),
    n: km.n,
    dropped: km.dropped,
  }));
  return { groups: fit.groups, tau, results };
}

/** survmean's computation on a fitted curve (rows ascending in time). */
export function restrictedMeanOfCurve(
  time: ArrayLike<number>,
  nRisk: ArrayLike<number>,
  nEvent: ArrayLike<number>,
  survival: ArrayLike<number>,
  tau: number,
): { rmst: number; se: number; tau: number } {
  let kept = 0;
  while (kept < time.length && time[kept] <= tau) kept++;
  // Rectangles under the step function: [0, t_1) at height 1, then [t_i, t_{i+1}) at S(t_i), the last ending at tau.
  const width = kept + 1;
  const area = new Float64Array(width);
  let previous = 0;
  let height = 1;
  for (let j = 0; j < kept; j++) {
    area[j] = (time[j] - previous) * height;
    previous = time[j];
    height = survival[j];
  }
  area[kept] = (tau - previous) * height;
  let rmst = 0;
  for (let j = 0; j < width; j++) rmst += area[j];

  let variance = 0;
  let beyond = 0;
  for (let j = kept - 1; j >= 0; j--) {
    beyond += area[j + 1];
    const d = nEvent[j];
    const r = nRisk[j];
    if (r - d !== 0) variance += beyond * beyond * (d / (r * (r - d)));
  }
  return { rmst, se: Math.sqrt(variance), tau };
}

function checkTau(tau: unknown): void {
  if (typeof tau !== "number" || !Number.isFinite(tau) || tau <= 0) {
    throw new InputError("tau", null, tau, "must be a positive finite number");
  }
}
