/**
 * Kaplan-Meier (product-limit) estimate of the survival function, as R's
 * `survfit(Surv(time, event) ~ 1)` (survival 3.5-3) with `summary(fit)$table`.
 *
 *   S(t) = prod_{t_i <= t} (1 - d_i / n_i)
 *   se(S(t)) = S(t) sqrt( sum_{t_i <= t} d_i / (n_i (n_i - d_i)) )   (Greenwood)
 *
 * One row per distinct time, censored-only times included; at a time with both,
 * deaths come first (censored subjects are still at risk). Times closer than
 * sqrt(machine eps) are merged first, as survfit's `timefix = TRUE`. `stdErr` is
 * the standard error of S(t) itself (R's `summary(fit)$std.err`; `fit$std.err`
 * is on the log scale). Confidence limits: see confidence-interval.ts (default
 * "log", as survfit). Median and its limits: see median.ts. Values R reports as
 * NA/NaN (the limits once S = 0, the standard error when the last subject dies)
 * are null.
 *
 * @example
 * const km = kaplanMeier([6, 6, 6, 7, 10, 13, 16], [1, 1, 0, 1, 0, 1, 1]);
 * km.time;     // [6, 7, 10, 13, 16]
 * km.survival; // [0.714..., 0.536..., 0.536..., 0.268..., 0]
 * km.median;   // 13
 */
import type { ArrayLikeInput } from "../core/index";
import { checkConfidenceLevel, checkConfidenceType, survivalConfidenceLimits } from "./confidence-interval";
import type { ConfidenceType } from "./confidence-interval";
import { survivalMedian } from "./median";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions, MissingOptions } from "./survival-input";
import { orderByCode, sortTimes } from "./time-order";
import { toNullableArray, toNumberArray } from "./plain-arrays";

export interface KaplanMeierOptions extends MissingOptions {
  /** Confidence-interval transform, as survfit's conf.type (default "log"). */
  confType?: ConfidenceType;
  /** Confidence level of the pointwise limits and of the median's limits (default 0.95). */
  confLevel?: number;
}

export interface KaplanMeierResult {
  method: "Kaplan-Meier";
  /** Distinct times (event or censoring), ascending. */
  time: number[];
  /** Subjects at risk just before each time (time >= t). */
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  /** S(t), right-continuous. */
  survival: number[];
  /** Greenwood standard error of S(t) (null where R gives NaN: S = 0 after the last subject dies). */
  stdErr: (number | null)[];
  /** Pointwise lower confidence limit of S(t) (null where R gives NA). */
  lower: (number | null)[];
  upper: (number | null)[];
  /** Median survival time, null when S(t) never reaches 0.5. */
  median: number | null;
  /** Confidence limits of the median (first times the lower/upper curves reach 0.5). */
  medianLower: number | null;
  medianUpper: number | null;
  confType: ConfidenceType;
  confLevel: number;
  /** Subjects used. */
  n: number;
  /** Rows dropped for missing values (for a by-group fit: from the whole input). */
  dropped: number;
}

export interface KaplanMeierByGroupResult {
  /** Group labels, in the order of `levelsOf` (or `options.levels`). */
  groups: string[];
  /** One curve per group, same order. */
  curves: KaplanMeierResult[];
  /** Subjects used in all. */
  n: number;
  /** Rows dropped for missing values. */
  dropped: number;
}

/** Kaplan-Meier curve of one sample; see the file comment. */
export function kaplanMeier(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  const confType = checkConfidenceType(options.confType);
  const { confLevel, z } = checkConfidenceLevel(options.confLevel);
  const input = readSurvivalInput({ time, event }, options);
  return kaplanMeierOfColumns(input.time, input.event as Uint8Array, confType, confLevel, z, input.dropped);
}

/** One Kaplan-Meier curve per group (times merged as survfit does on the pooled data). */
export function kaplanMeierByGroup(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  options: KaplanMeierOptions & GroupOptions = {},
): KaplanMeierByGroupResult {
  const confType = checkConfidenceType(options.confType);
  const { confLevel, z } = checkConfidenceLevel(options.confLevel);
  const input = readSurvivalInput({ time, event, group }, options);
  const curves = kaplanMeierByGroupOfColumns(
    input.time,
    input.event as Uint8Array,
    input.group as Int32Array,
    input.groupLevels.length,
    confType,
    confLevel,
    z,
    input.dropped,
  );
  return { groups: input.groupLevels, curves, n: input.n, dropped: input.dropped };
}

/** One curve per group code 0..nGroups-1 of validated columns (times merged on the pooled data). */
export function kaplanMeierByGroupOfColumns(
  time: Float64Array,
  events: Uint8Array,
  codes: Int32Array,
  nGroups: number,
  confType: ConfidenceType,
  confLevel: number,
  z: number,
  dropped: number,
): KaplanMeierResult[] {
  const sorted = sortTimes(time, true);
  const { times, rank } = sorted;
  const order = orderByCode(sorted.order, codes, nGroups);

  const curves: KaplanMeierResult[] = [];
  let k = 0;
  const n = order.length;
  for (let g = 0; g < nGroups; g++) {
    const begin = k;
    while (k < n && codes[order[k]] === g) k++;
    const size = k - begin;
    const tIdx = new Int32Array(size);
    const nEvent = new Int32Array(size);
    const nCensor = new Int32Array(size);
    let m = -1;
    let last = -1;
    for (let j = begin; j < k; j++) {
      const i = order[j];
      const r = rank[i];
      if (r !== last) {
        tIdx[++m] = r;
        last = r;
      }
      if (events[i] === 1) nEvent[m]++;
      else nCensor[m]++;
    }
    m++;
    const t = new Float64Array(m);
    for (let j = 0; j < m; j++) t[j] = times[tIdx[j]];
    curves.push(curveFromCounts(t, nEvent.subarray(0, m), nCensor.subarray(0, m), confType, confLevel, z, dropped));
  }
  return curves;
}

/** Kaplan-Meier of validated columns (also used for the reverse Kaplan-Meier of follow-up). */
export function kaplanMeierOfColumns(
  time: Float64Array,
  event: Uint8Array,
  confType: ConfidenceType,
  confLevel: number,
  z: number,
  dropped: number,
): KaplanMeierResult {
  const { times, rank } = sortTimes(time, true);
  const m = times.length;
  const nEvent = new Int32Array(m);
  const nCensor = new Int32Array(m);
  for (let i = 0; i < rank.length; i++) {
    if (event[i] === 1) nEvent[rank[i]]++;
    else nCensor[rank[i]]++;
  }
  return curveFromCounts(times, nEvent, nCensor, confType, confLevel, z, dropped);
}

/** Builds the curve from per-time counts (times distinct and ascending). */
function curveFromCounts(
  times: Float64Array,
  nEvent: Int32Array,
  nCensor: Int32Array,
  confType: ConfidenceType,
  confLevel: number,
  z: number,
  dropped: number,
): KaplanMeierResult {
  const m = times.length;
  const atRisk = new Int32Array(m);
  let acc = 0;
  for (let j = m - 1; j >= 0; j--) {
    acc += nEvent[j] + nCensor[j];
    atRisk[j] = acc;
  }
  const survival = new Float64Array(m);
  const seLogs = new Float64Array(m);
  const stdErr = new Float64Array(m);
  let km = 1;
  let greenwood = 0;
  for (let j = 0; j < m; j++) {
    const d = nEvent[j];
    const r = atRisk[j];
    if (d > 0) {
      km *= (r - d) / r;
      greenwood += d / (r * (r - d)); // infinite when everyone left dies, as in R
    }
    const seLog = Math.sqrt(greenwood);
    survival[j] = km;
    seLogs[j] = seLog;
    stdErr[j] = km * seLog; // NaN (0 x Inf) once S = 0, as R
  }
  const { lower, upper } = survivalConfidenceLimits(survival, seLogs, confType, z);
  return {
    method: "Kaplan-Meier",
    time: toNumberArray(times),
    nRisk: toNumberArray(atRisk),
    nEvent: toNumberArray(nEvent),
    nCensor: toNumberArray(nCensor),
    survival: toNumberArray(survival),
    stdErr: toNullableArray(stdErr),
    lower: toNullableArray(lower),
    upper: toNullableArray(upper),
    median: survivalMedian(times, survival),
    medianLower: survivalMedian(times, lower),
    medianUpper: survivalMedian(times, upper),
    confType,
    confLevel,
    n: acc,
    dropped,
  };
}
