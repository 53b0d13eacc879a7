/**
 * Nelson-Aalen estimate of the cumulative hazard H(t) with its standard error,
 * as R survival 3.5-3's `survfit(Surv([start, ]time, event) ~ [group], weights, ctype)`
 * fields `cumhaz` and `std.chaz`.
 *
 * At each distinct time t_i with d_i events (D_i their summed weight) and N_i
 * the (weighted) number at risk:
 *   ctype 1 (Nelson-Aalen, survfit's default):
 *     H(t) = sum_{t_i <= t} D_i / N_i,          var H(t) = sum D_i / N_i^2
 *   ctype 2 (Fleming-Harrington: tied events taken one after another):
 *     H(t) = sum_{t_i <= t} sum_{j=0}^{d_i-1} (D_i/d_i) / (N_i - j D_i/d_i),
 *     var H(t) = sum sum (D_i/d_i) / (N_i - j D_i/d_i)^2
 * One row per distinct time, censoring-only times included (H carried flat).
 * With `start` each row is the interval (start, time] (delayed entry): at risk
 * when start < t <= time. With weights that are not all whole numbers the
 * standard error is R's robust infinitesimal-jackknife one (survfit's default
 * then; `robust` overrides), as for kaplanMeier; see counting-process.ts.
 *
 * Confidence limits are those plot.survfit(fit, cumhaz = TRUE) draws
 * (survfit_confint with logse = FALSE, no upper bound): "plain" (default)
 * H -/+ z se, the lower limit clipped at 0; "log" H exp(-/+ z se / H),
 * undefined (null) where H = 0.
 *
 * @example
 * const na = nelsonAalen([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);
 * na.time;    // [1, 2, 3, 4]
 * na.cumHaz;  // [0.2, 0.45, 0.95, 0.95]   (1/5, + 1/4, + 1/2)
 * na.stdErr;  // [0.2, 0.32..., 0.58..., 0.58...] (sqrt of 1/25, + 1/16, + 1/4)
 * nelsonAalen(time, event, { start: entry, weights: w, group: arm }); // one curve per arm
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { checkConfidenceLevel } from "./confidence-interval";
import { countingCurves } from "./counting-process";
import type { CountingCurve } from "./counting-process";
import { checkRobust, usedRowIndex } from "./kaplan-meier";
import { toNullableArray, toNumberArray } from "./plain-arrays";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions } from "./survival-input";

export interface NelsonAalenOptions extends GroupOptions {
  /** Entry times: each row is the interval (start, time]. */
  start?: ArrayLikeInput<unknown>;
  /** Case weights (finite, >= 0, not all zero). */
  weights?: ArrayLikeInput<unknown>;
  /** Group labels: one curve per group (as `~ group` in survfit). */
  group?: ArrayLikeInput<unknown>;
  /** 1 = Nelson-Aalen (default, survfit's ctype = 1), 2 = Fleming-Harrington. */
  ctype?: 1 | 2;
  /** Robust (infinitesimal jackknife) standard errors; default: when some weight is not a whole number. */
  robust?: boolean;
  /** Transform of the limits: "plain" (default, as plot.survfit for cumhaz) or "log". */
  confType?: "plain" | "log";
  /** Confidence level (default 0.95). */
  confLevel?: number;
}

export interface NelsonAalenCurve {
  /** Distinct times, ascending. */
  time: number[];
  /** (Weighted) number at risk, events and censored at each time. */
  nRisk: number[];
  nEvent: number[];
  nCensor: number[];
  /** Cumulative hazard H(t). */
  cumHaz: number[];
  /** Standard error of H(t) (R's std.chaz). */
  stdErr: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Rows used. */
  n: number;
}

export interface NelsonAalenResult {
  method: "Nelson-Aalen" | "Fleming-Harrington";
  /** Group labels ("all" without a group). */
  groups: string[];
  /** One curve per group, same order. */
  curves: NelsonAalenCurve[];
  variance: "model" | "robust";
  confType: "plain" | "log";
  confLevel: number;
  /** Rows used in all. */
  n: number;
  /** Rows dropped for missing values. */
  dropped: number;
}

/** Cumulative hazard (and its standard error) per group; see the file comment. */
export function nelsonAalen(time: ArrayLikeInput<unknown>, event: ArrayLikeInput<unknown>, options: NelsonAalenOptions = {}): NelsonAalenResult {
  const ctype = options.ctype === undefined ? 1 : options.ctype;
  if (ctype !== 1 && ctype !== 2) throw new InputError("ctype", null, options.ctype, "must be 1 (Nelson-Aalen) or 2 (Fleming-Harrington)");
  const confType = options.confType === undefined ? "plain" : options.confType;
  if (confType !== "plain" && confType !== "log") throw new InputError("confType", null, options.confType, 'must be "plain" or "log"');
  const { confLevel, z } = checkConfidenceLevel(options.confLevel);
  const spec = { time, event, group: options.group, start: options.start, weights: options.weights };
  const input = readSurvivalInput(spec, options, ["group", "start", "weights"]);
  const robust = checkRobust(options.robust, input.weights);
  const codes = input.group;
  const nGroups = codes === null ? 1 : input.groupLevels.length;
  const fits = countingCurves(input.time, input.start, input.event as Uint8Array, input.weights, codes, nGroups, ctype, robust, usedRowIndex(spec, options.missing));
  const sizes = new Int32Array(nGroups);
  for (let i = 0; i < input.n; i++) sizes[codes === null ? 0 : codes[i]]++;
  return {
    method: ctype === 1 ? "Nelson-Aalen" : "Fleming-Harrington",
    groups: codes === null ? ["all"] : input.groupLevels,
    curves: fits.map((f, g) => hazardCurve(f, confType, z, sizes[g])),
    variance: robust ? "robust" : "model",
    confType,
    confLevel,
    n: input.n,
    dropped: input.dropped,
  };
}

function hazardCurve(fit: CountingCurve, confType: "plain" | "log", z: number, n: number): NelsonAalenCurve {
  const { counts, estimates } = fit;
  const m = counts.time.length;
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const h = estimates.cumHaz[j];
    const se = estimates.seCumHaz[j];
    if (confType === "plain") {
      lower[j] = Math.max(h - z * se, 0);
      upper[j] = h + z * se;
    } else if (h === 0) {
      lower[j] = NaN;
      upper[j] = NaN;
    } else {
      const half = (z * se) / h;
      lower[j] = Math.exp(Math.log(h) - half);
      upper[j] = Math.exp(Math.log(h) + half);
    }
  }
  return {
    time: toNumberArray(counts.time),
    nRisk: toNumberArray(counts.nRisk),
    nEvent: toNumberArray(counts.nEvent),
    nCensor: toNumberArray(counts.nCensor),
    cumHaz: toNumberArray(estimates.cumHaz),
    stdErr: toNullableArray(estimates.seCumHaz),
    lower: toNullableArray(lower),
    upper: toNullableArray(upper),
    n,
  };
}
