/**
 * Cumulative incidence of each cause under competing risks (Aalen-Johansen /
 * Kalbfleisch-Prentice estimator), per group, with Gray's test, as R's
 * `cmprsk::cuminc(time, cause, group, strata, rho)` and `cmprsk::timepoints`.
 *
 *   F_c(t) = sum_{t_i <= t} S(t_i-) d_ci / n_i
 *
 * S is the all-cause Kaplan-Meier of the group. The variance is cuminc's
 * (Fortran `cinc`: Gray's delta-method estimator, with its tie corrections
 * 1 - (d - 1)/(n - 1)). Times are compared exactly (cmprsk has no timefix).
 * Each curve lists its jump points (the times with an event of its cause) and
 * `followUpEnd`, the group's last time: the curve is 0 before its first jump
 * and undefined after `followUpEnd`, where `cumulativeIncidenceAt` gives null
 * (as timepoints gives NA). Gray's test compares groups per cause
 * (gray-test.ts); null when there is a single group.
 *
 * @example
 * const ci = cumulativeIncidence(time, cause, arm); // cause: 0 censored, 1 local, 2 distant
 * cumulativeIncidenceAt(ci.curves[0], [12, 24]);    // { estimate: [...], variance: [...] }
 * ci.grayTest;                                      // [{ cause: 1, statistic, df, pValue }, ...]
 */
import { InputError, requireLength, finiteColumn } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { grayTest } from "./gray-test";
import type { GrayTestResult } from "./gray-test";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions } from "./survival-input";
import { orderByCode, sortTimes } from "./time-order";

export type { GrayTestResult } from "./gray-test";

export interface CumulativeIncidenceOptions extends GroupOptions {
  /** Strata for Gray's test only (the curves ignore them), as cuminc's strata. */
  strata?: ArrayLikeInput<unknown>;
  /** Gray's test weight exponent (1 - F(t-))^rho (default 0). */
  rho?: number;
}

export interface CumulativeIncidenceCurve {
  /** cuminc's name for the curve: "<group> <cause>". */
  name: string;
  group: string;
  cause: number;
  /** Times with an event of this cause, ascending. */
  time: number[];
  /** F(t) just after each of these times. */
  estimate: number[];
  /** Its variance (cuminc's var) at each of these times. */
  variance: number[];
  /** Last observed time in the group; the curve is undefined beyond it. */
  followUpEnd: number;
  /** Subjects in the group. */
  n: number;
}

export interface CumulativeIncidenceResult {
  method: "Aalen-Johansen cumulative incidence (cmprsk::cuminc)";
  groups: string[];
  /** Cause codes present (non-zero), ascending. */
  causes: number[];
  /** One curve per (cause, group), causes outer, as cuminc orders them. */
  curves: CumulativeIncidenceCurve[];
  /** Gray's test per cause, or null with a single group. */
  grayTest: GrayTestResult[] | null;
  rho: number;
  n: number;
  /** Rows dropped for missing values. */
  dropped: number;
}

/** Cumulative incidence curves and Gray's test; see the file comment. Without `group`, one group "all". */
export function cumulativeIncidence(
  time: ArrayLikeInput<unknown>,
  cause: ArrayLikeInput<unknown>,
  group?: ArrayLikeInput<unknown> | null,
  options: CumulativeIncidenceOptions = {},
): CumulativeIncidenceResult {
  const rho = options.rho === undefined ? 0 : options.rho;
  if (typeof rho !== "number" || !Number.isFinite(rho)) {
    throw new InputError("rho", null, rho, "must be a finite number");
  }
  const input = readSurvivalInput({ time, cause, group: group === null ? undefined : group, strata: options.strata }, options, ["group", "strata"]);
  const causeOf = input.cause as Int32Array;
  const n = input.n;
  const codes = input.group === null ? new Int32Array(n) : input.group;
  const groups = input.group === null ? ["all"] : input.groupLevels;
  const ng = groups.length;

  const causes = distinctCauses(causeOf);
  if (causes.length === 0) {
    throw new InputError("cause", null, null, "has no events (every value is 0 = censored)");
  }
  const sorted = sortTimes(input.time, false);
  const { times, rank } = sorted;
  const byGroup = ng === 1 ? sorted.order : orderByCode(sorted.order, codes, ng);

  const curves: CumulativeIncidenceCurve[] = [];
  const perGroup: { begin: number; end: number }[] = [];
  let k = 0;
  for (let g = 0; g < ng; g++) {
    const begin = k;
    while (k < n && codes[byGroup[k]] === g) k++;
    perGroup.push({ begin, end: k });
  }
  for (const c of causes) {
    for (let g = 0; g < ng; g++) {
      const { begin, end } = perGroup[g];
      curves.push(incidenceCurve(byGroup, begin, end, rank, times, causeOf, c, groups[g]));
    }
  }

  let gray: GrayTestResult[] | null = null;
  if (ng > 1) {
    const nStrata = input.strata === null ? 1 : input.strataLevels.length;
    const byStratum = input.strata === null ? sorted.order : orderByCode(sorted.order, input.strata, nStrata);
    gray = causes.map((c) => grayTest(byStratum, rank, causeOf, c, codes, ng, input.strata, rho, c));
  }
  return {
    method: "Aalen-Johansen cumulative incidence (cmprsk::cuminc)",
    groups,
    causes,
    curves,
    grayTest: gray,
    rho,
    n,
    dropped: input.dropped,
  };
}

/**
 * Values of a curve at chosen times, as a right-continuous step function:
 * 0 (variance 0) before the first jump, null before time 0 or after the group's
 * last follow-up time (cmprsk::timepoints gives NA there).
 */
export function cumulativeIncidenceAt(
  curve: CumulativeIncidenceCurve,
  times: ArrayLikeInput<unknown>,
): { time: number[]; estimate: (number | null)[]; variance: (number | null)[] } {
  requireLength("times", times);
  const at = finiteColumn("times", times);
  const estimate: (number | null)[] = [];
  const variance: (number | null)[] = [];
  const jumps = curve.time;
  for (let j = 0; j < at.length; j++) {
    const t = at[j];
    if (t < 0 || t > curve.followUpEnd) {
      estimate.push(null);
      variance.push(null);
      continue;
    }
    // Last jump at or before t.
    let lo = 0;
    let hi = jumps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (jumps[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    estimate.push(lo === 0 ? 0 : curve.estimate[lo - 1]);
    variance.push(lo === 0 ? 0 : curve.variance[lo - 1]);
  }
  return { time: Array.from(at), estimate, variance };
}

function distinctCauses(causeOf: Int32Array): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < causeOf.length; i++) if (causeOf[i] !== 0) seen.add(causeOf[i]);
  return Array.from(seen).sort((x, y) => x - y);
}

/** cuminc's `cinc` for one group (rows order[begin..end), sorted by time) and one cause. */
function incidenceCurve(
  order: Int32Array,
  begin: number,
  end: number,
  rank: Int32Array,
  times: Float64Array,
  causeOf: Int32Array,
  cause: number,
  group: string,
): CumulativeIncidenceCurve {
  const time: number[] = [];
  const estimate: number[] = [];
  const variance: number[] = [];
  let atRisk = end - begin;
  let surv = 1; // all-cause Kaplan-Meier just before the current time
  let cif = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let b0 = begin;
  while (b0 < end) {
    const r = rank[order[b0]];
    let b1 = b0;
    let dThis = 0;
    let dOther = 0;
    while (b1 < end && rank[order[b1]] === r) {
      const code = causeOf[order[b1]];
      if (code === cause) dThis++;
      else if (code !== 0) dOther++;
      b1++;
    }
    const d = dThis + dOther;
    if (d > 0) {
      const survNext = (surv * (atRisk - d)) / atRisk;
      if (dThis > 0) cif += (surv * dThis) / atRisk;
      if (dOther > 0 && survNext > 0) {
        const tie = dOther > 1 ? 1 - (dOther - 1) / (atRisk - 1) : 1;
        const w = (surv * surv * tie * dOther) / (atRisk * atRisk);
        const t3 = 1 / survNext;
        const t4 = cif / survNext;
        v1 += t4 * t4 * w;
        v2 += t3 * t4 * w;
        v3 += t3 * t3 * w;
      }
      if (dThis > 0) {
        const tie = dThis > 1 ? 1 - (dThis - 1) / (atRisk - 1) : 1;
        const w = (surv * surv * tie * dThis) / (atRisk * atRisk);
        const t3 = survNext > 0 ? 1 / survNext : 0;
        const t4 = 1 + t3 * cif;
        v1 += t4 * t4 * w;
        v2 += t3 * t4 * w;
        v3 += t3 * t3 * w;
        time.push(times[r]);
        estimate.push(cif);
        variance.push(v1 + cif * cif * v3 - 2 * cif * v2);
      }
      surv = survNext;
    }
    atRisk -= b1 - b0;
    b0 = b1;
  }
  const followUpEnd = end > begin ? times[rank[order[end - 1]]] : 0;
  return { name: `${group} ${cause}`, group, cause, time, estimate, variance, followUpEnd, n: end - begin };
}
