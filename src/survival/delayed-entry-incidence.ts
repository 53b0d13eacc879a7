/**
 * Cumulative incidence of competing causes with delayed entry (left
 * truncation), as survival 3.5-3's
 *   survfit(Surv(start, stop, factor(cause, c(censCode, causes))) ~ group, id = id)
 * read per cause: the Aalen-Johansen estimate (./aalen-johansen) of the
 * probability of having failed from each cause, where a subject counts in the
 * risk set only from its entry time (start < t <= stop). Use it when follow-up
 * starts at a later time than the time origin, e.g. age as the time scale, or
 * months from enrollment for patients who enter the analysis at the start of
 * RT.
 *
 *   F_c(t) = sum_{u <= t} S(u-) dN_c(u) / Y(u),   Y(u) = #{start < u <= stop}
 *
 * with S the all-cause Aalen-Johansen (product-limit) survival; standard
 * errors are survfit's infinitesimal jackknife (not cuminc's delta method), with
 * log-transformed limits by default. Gray's test has no delayed-entry form in
 * cmprsk, so there is none here (`grayTest` is null); compare groups with a
 * regression model (causeSpecificCox or fineGrayCox, both with `start`).
 *
 * Each curve has the fields of a cumulativeIncidence curve (its jump times,
 * estimate, variance = std.err^2, followUpEnd), so cumulativeIncidenceAt and
 * cumulativeIncidenceFigure take it, plus the standard errors, limits, and
 * the number at risk over time. `id` defaults to one subject per row.
 *
 * @example
 * // age as the time scale: entry at age at diagnosis
 * const ci = cumulativeIncidenceDelayedEntry(ageAtEntry, ageAtExit, cause, sex);
 * cumulativeIncidenceAt(ci.curves[0], [70, 80]);
 */
import { InputError, isMissing, requireLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { aalenJohansen } from "./aalen-johansen";
import type { AalenJohansenResult } from "./aalen-johansen";
import type { ConfidenceType } from "./confidence-interval";
import type { CumulativeIncidenceCurve } from "./cumulative-incidence";

export interface DelayedEntryIncidenceOptions {
  /** Subject of each row (default: one subject per row). */
  id?: ArrayLikeInput<unknown>;
  /** Censoring code (default 0). */
  censCode?: number;
  /** Case weights. */
  weights?: ArrayLikeInput<unknown>;
  /** Group order (default numbers by value, labels by text). */
  levels?: readonly string[];
  confType?: ConfidenceType;
  confLevel?: number;
  timefix?: boolean;
  missing?: MissingPolicy;
}

/** A cumulativeIncidence curve (jump times, estimate, variance = std.err^2, followUpEnd, n subjects), with limits. */
export interface DelayedEntryIncidenceCurve extends CumulativeIncidenceCurve {
  /** Infinitesimal-jackknife standard error at each jump time. */
  stdErr: number[];
  lower: (number | null)[];
  upper: (number | null)[];
}

export interface DelayedEntryIncidenceResult {
  method: "Aalen-Johansen cumulative incidence with delayed entry (survival::survfit, Surv(start, stop, cause))";
  groups: string[];
  causes: number[];
  curves: DelayedEntryIncidenceCurve[];
  /** Not available with delayed entry. */
  grayTest: null;
  /** The whole multi-state fit: every stop time, number at risk over time (nRisk, summed over states = at risk). */
  multiState: AalenJohansenResult;
  n: number;
  dropped: number;
}

export function cumulativeIncidenceDelayedEntry(
  start: ArrayLikeInput<unknown>,
  stop: ArrayLikeInput<unknown>,
  cause: ArrayLikeInput<unknown>,
  group?: ArrayLikeInput<unknown> | null,
  options: DelayedEntryIncidenceOptions = {},
): DelayedEntryIncidenceResult {
  const censCode = options.censCode ?? 0;
  if (typeof censCode !== "number" || !Number.isInteger(censCode)) throw new InputError("censCode", null, censCode, "must be an integer code");
  requireLength("cause", cause);
  const codes = new Set<number>();
  for (let i = 0; i < cause.length; i++) {
    const c = cause[i];
    if (isMissing(c)) continue;
    if (typeof c !== "number" || !Number.isInteger(c)) throw new InputError("cause", i, c, "must be an integer cause code");
    const v = c;
    if (v !== censCode) codes.add(v);
  }
  const causes = Array.from(codes).sort((a, b) => a - b);
  if (causes.length === 0) throw new InputError("cause", null, null, `has no events (every value is ${censCode} = censored)`);
  requireLength("stop", stop);
  const id = options.id ?? Array.from({ length: stop.length }, (_, i) => i);
  const fit = aalenJohansen(stop, cause, group, {
    start,
    id,
    weights: options.weights,
    censor: censCode,
    states: causes,
    levels: options.levels,
    confType: options.confType,
    confLevel: options.confLevel,
    timefix: options.timefix,
    missing: options.missing,
  });
  const curves: DelayedEntryIncidenceCurve[] = [];
  for (const c of causes) {
    const s = fit.states.indexOf(String(c));
    for (const curve of fit.curves) {
      const out: DelayedEntryIncidenceCurve = {
        name: `${curve.group} ${c}`,
        group: curve.group,
        cause: c,
        time: [],
        estimate: [],
        variance: [],
        stdErr: [],
        lower: [],
        upper: [],
        followUpEnd: curve.time.length > 0 ? curve.time[curve.time.length - 1] : 0,
        n: curve.nSubjects,
      };
      for (let t = 0; t < curve.time.length; t++) {
        if (curve.nEvent[t][s] === 0) continue;
        out.time.push(curve.time[t]);
        out.estimate.push(curve.pstate[t][s]);
        out.stdErr.push(curve.stdErr[t][s]);
        out.variance.push(curve.stdErr[t][s] * curve.stdErr[t][s]);
        out.lower.push(curve.lower[t][s]);
        out.upper.push(curve.upper[t][s]);
      }
      curves.push(out);
    }
  }
  return {
    method: "Aalen-Johansen cumulative incidence with delayed entry (survival::survfit, Surv(start, stop, cause))",
    groups: fit.groups,
    causes,
    curves,
    grayTest: null,
    multiState: fit,
    n: fit.n,
    dropped: fit.dropped,
  };
}
