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
 * Delayed entry and case weights (options `start`, `weights`), as
 * `survfit(Surv(start, time, event) ~ 1, weights = w)`: each row is a
 * (start, time] interval; a row is at risk at t when start < t <= time, so an
 * entry at t joins the risk set after t (tied entry, exit and event times as
 * R); start and stop values are merged by R's timefix on their union. nRisk,
 * nEvent and nCensor are sums of weights; S(t) = prod (1 - D/N) with weighted
 * D and N. Standard error: Greenwood on the weighted counts when every weight
 * is a whole number (as frequency weights), else R's robust infinitesimal-
 * jackknife standard error of S(t) (survfit's default for non-integer weights,
 * each row its own cluster; `robust` overrides the choice). The limits use the
 * chosen standard error. Rows of one subject (survSplit output) are counted
 * as separate rows, as survfit without `id` does. See counting-process.ts.
 *
 * @example
 * const km = kaplanMeier([6, 6, 6, 7, 10, 13, 16], [1, 1, 0, 1, 0, 1, 1]);
 * km.time;     // [6, 7, 10, 13, 16]
 * km.survival; // [0.714..., 0.536..., 0.536..., 0.268..., 0]
 * km.median;   // 13
 * // delayed entry: subjects enter at their start time
 * kaplanMeier([5, 8, 9], [1, 0, 1], { start: [0, 2, 6] }).nRisk; // [2, 2, 1]
 */
import { InputError, allWholeNumbers, missingRows } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { checkConfidenceLevel, checkConfidenceType, survivalConfidenceLimits } from "./confidence-interval";
import type { ConfidenceType } from "./confidence-interval";
import { survivalMedian } from "./median";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions, MissingOptions } from "./survival-input";
import { orderByCode, orderByRank, rankTimes } from "./time-order";
import { toNullableArray, toNumberArray } from "./plain-arrays";
import { countingCurves } from "./counting-process";
import type { CountingCurve } from "./counting-process";

export interface KaplanMeierOptions extends MissingOptions {
  /** Confidence-interval transform, as survfit's conf.type (default "log"). */
  confType?: ConfidenceType;
  /** Confidence level of the pointwise limits and of the median's limits (default 0.95). */
  confLevel?: number;
  /** Entry times: each row is the interval (start, time] (left truncation, (start, stop] data); finite, start < time. */
  start?: ArrayLikeInput<unknown>;
  /** Case weights (finite, >= 0, not all zero), as survfit's `weights`. */
  weights?: ArrayLikeInput<unknown>;
  /**
   * Robust (infinitesimal jackknife) standard errors, as survfit's `robust`;
   * default: true when some weight is not a whole number (R's default), else false.
   */
  robust?: boolean;
}

export interface KaplanMeierResult {
  method: "Kaplan-Meier";
  /** Distinct times (event or censoring), ascending. */
  time: number[];
  /** Subjects at risk just before each time (time >= t; with entry times start < t <= time); sums of weights when weighted. */
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  /** S(t), right-continuous. */
  survival: number[];
  /** Standard error of S(t), Greenwood or robust (see `variance`); null where R gives NaN: S = 0 after the last subject dies. */
  stdErr: (number | null)[];
  /** "greenwood", or "robust" (R's infinitesimal jackknife, survfit's default for non-integer weights). */
  variance: "greenwood" | "robust";
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
  /** Rows used (unweighted). */
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
  if (options.start === undefined && options.weights === undefined && (options.robust === undefined || options.robust === false)) {
    const input = readSurvivalInput({ time, event }, options);
    return kaplanMeierOfColumns(input.time, input.event as Uint8Array, confType, confLevel, z, input.dropped);
  }
  const input = readSurvivalInput({ time, event, start: options.start, weights: options.weights }, options, ["start", "weights"]);
  const robust = checkRobust(options.robust, input.weights);
  const rowOf = usedRowIndex({ time, event, start: options.start, weights: options.weights }, options.missing);
  const [curve] = countingCurves(input.time, input.start, input.event as Uint8Array, input.weights, null, 1, 1, robust, rowOf);
  return curveFromCountingFit(curve, robust, confType, confLevel, z, input.n, input.dropped);
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
  if (options.start !== undefined || options.weights !== undefined || (options.robust !== undefined && options.robust !== false)) {
    const input = readSurvivalInput({ time, event, group, start: options.start, weights: options.weights }, options, ["start", "weights"]);
    const robust = checkRobust(options.robust, input.weights);
    const rowOf = usedRowIndex({ time, event, group, start: options.start, weights: options.weights }, options.missing);
    const codes = input.group as Int32Array;
    const fits = countingCurves(input.time, input.start, input.event as Uint8Array, input.weights, codes, input.groupLevels.length, 1, robust, rowOf);
    const sizes = new Int32Array(input.groupLevels.length);
    for (let i = 0; i < codes.length; i++) sizes[codes[i]]++;
    const curves = fits.map((f, g) => curveFromCountingFit(f, robust, confType, confLevel, z, sizes[g], input.dropped));
    return { groups: input.groupLevels, curves, n: input.n, dropped: input.dropped };
  }
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

/**
 * One curve per group code 0..nGroups-1 of validated columns (times merged on the pooled data).
 * Rows are counted per (group, distinct time) in one pass over the input, without ordering
 * them; with very many groups and distinct times (more cells than 4n + 1024) the rows are put
 * in (group, time) order instead and each group's run is counted.
 */
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
  const { times, rank } = rankTimes(time, true);
  const m = times.length;
  const n = rank.length;
  const curves: KaplanMeierResult[] = [];
  if (nGroups * m <= 4 * n + 1024) {
    // rows[g m + r], deaths[g m + r]: rows and events of group g at the r-th distinct time.
    const rows = new Int32Array(nGroups * m);
    const deaths = new Int32Array(nGroups * m);
    for (let i = 0; i < n; i++) {
      const cell = codes[i] * m + rank[i];
      rows[cell]++;
      deaths[cell] += events[i];
    }
    for (let g = 0; g < nGroups; g++) {
      const base = g * m;
      let size = 0;
      for (let r = 0; r < m; r++) if (rows[base + r] > 0) size++;
      const t = new Float64Array(size);
      const nEvent = new Int32Array(size);
      const nCensor = new Int32Array(size);
      let j = 0;
      for (let r = 0; r < m; r++) {
        const all = rows[base + r];
        if (all === 0) continue;
        t[j] = times[r];
        nEvent[j] = deaths[base + r];
        nCensor[j] = all - deaths[base + r];
        j++;
      }
      curves.push(curveFromCounts(t, nEvent, nCensor, confType, confLevel, z, dropped));
    }
    return curves;
  }
  const order = orderByCode(orderByRank(rank, m), codes, nGroups);
  let k = 0;
  for (let g = 0; g < nGroups; g++) {
    const begin = k;
    while (k < n && codes[order[k]] === g) k++;
    const size = k - begin;
    const tIdx = new Int32Array(size);
    const nEvent = new Int32Array(size);
    const nCensor = new Int32Array(size);
    let used = -1;
    let last = -1;
    for (let j = begin; j < k; j++) {
      const i = order[j];
      const r = rank[i];
      if (r !== last) {
        tIdx[++used] = r;
        last = r;
      }
      if (events[i] === 1) nEvent[used]++;
      else nCensor[used]++;
    }
    used++;
    const t = new Float64Array(used);
    for (let j = 0; j < used; j++) t[j] = times[tIdx[j]];
    curves.push(curveFromCounts(t, nEvent.subarray(0, used), nCensor.subarray(0, used), confType, confLevel, z, dropped));
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
  const { times, rank } = rankTimes(time, true);
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
    variance: "greenwood",
    median: survivalMedian(times, survival),
    medianLower: survivalMedian(times, lower),
    medianUpper: survivalMedian(times, upper),
    confType,
    confLevel,
    n: acc,
    dropped,
  };
}

/** Validates `robust` and applies R's default: robust when some weight is not a whole number. */
export function checkRobust(robust: unknown, weights: Float64Array | null): boolean {
  if (robust === undefined) return weights !== null && !allWholeNumbers(weights);
  if (typeof robust !== "boolean") throw new InputError("robust", null, robust, "must be true or false");
  return robust;
}

/**
 * Maps a used row (after missing values were dropped) back to its index in the
 * input, for error messages; identity when nothing was dropped.
 */
export function usedRowIndex(columns: Record<string, ArrayLikeInput<unknown> | undefined>, missing: unknown): (i: number) => number {
  return (i: number) => {
    if (missing !== "drop") return i;
    const present: Record<string, ArrayLikeInput<unknown>> = {};
    for (const key of Object.keys(columns)) if (columns[key] !== undefined && columns[key] !== null) present[key] = columns[key] as ArrayLikeInput<unknown>;
    const dropped = missingRows(present, "drop");
    let k = -1;
    for (let row = 0; ; row++) {
      if (!dropped.has(row)) k++;
      if (k === i) return row;
    }
  };
}

/** The KaplanMeierResult of one curve of the counting-process engine. */
function curveFromCountingFit(
  fit: CountingCurve,
  robust: boolean,
  confType: ConfidenceType,
  confLevel: number,
  z: number,
  n: number,
  dropped: number,
): KaplanMeierResult {
  const { counts, estimates } = fit;
  const m = counts.time.length;
  const survival = estimates.survival;
  const seLogs = new Float64Array(m);
  const stdErr = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const s = survival[j];
    const se = estimates.seSurvival[j];
    if (robust) {
      // R: the robust se is of S itself; the limits use se / S (0 where se = 0).
      stdErr[j] = se;
      seLogs[j] = se === 0 ? 0 : se / s;
    } else {
      seLogs[j] = se;
      stdErr[j] = s * se;
    }
  }
  const { lower, upper } = survivalConfidenceLimits(survival, seLogs, confType, z);
  return {
    method: "Kaplan-Meier",
    time: toNumberArray(counts.time),
    nRisk: toNumberArray(counts.nRisk),
    nEvent: toNumberArray(counts.nEvent),
    nCensor: toNumberArray(counts.nCensor),
    survival: toNumberArray(survival),
    stdErr: toNullableArray(stdErr),
    lower: toNullableArray(lower),
    upper: toNullableArray(upper),
    variance: robust ? "robust" : "greenwood",
    median: survivalMedian(counts.time, survival),
    medianLower: survivalMedian(counts.time, lower),
    medianUpper: survivalMedian(counts.time, upper),
    confType,
    confLevel,
    n,
    dropped,
  };
}
