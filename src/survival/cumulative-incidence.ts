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
import { GrayTest } from "./gray-test";
import type { GrayTestResult } from "./gray-test";
import { readSurvivalInput } from "./survival-input";
import type { GroupOptions } from "./survival-input";
import { orderByCode, orderByRank, rankTimes } from "./time-order";

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
  const { times, rank } = rankTimes(input.time, false);
  const m = times.length;
  // Column of each row's cause among the counts: 0 censored, 1 + the cause's index in `causes`.
  const width = causes.length + 1;
  const column = causeColumns(causeOf, causes);
  const nStrata = input.strata === null ? 1 : input.strataLevels.length;
  const limit = 8 * n + 4096;

  const curves: CumulativeIncidenceCurve[] = [];
  let gray: GrayTestResult[] | null = null;
  const tests = ng > 1 ? causes.map((c) => new GrayTest(ng, rho, c)) : [];
  if (m * ng * width <= limit) {
    // Rows per (distinct time, group, cause column), counted in one pass over the input.
    const cells = countCells(rank, m, codes, ng, column, width, null, 1);
    const size = new Int32Array(ng);
    for (let i = 0; i < n; i++) size[codes[i]]++;
    for (let ci = 1; ci < width; ci++) {
      for (let g = 0; g < ng; g++) {
        const curve = new IncidenceCurve(size[g]);
        for (let r = 0; r < m; r++) {
          const base = (r * ng + g) * width;
          let rows = 0;
          for (let col = 0; col < width; col++) rows += cells[base + col];
          if (rows === 0) continue;
          const dThis = cells[base + ci];
          curve.addTime(times[r], rows, dThis, rows - cells[base] - dThis);
        }
        curves.push(curve.result(groups[g], causes[ci - 1]));
      }
    }
    if (ng > 1 && nStrata * m * ng * width <= limit) {
      const byStratum = input.strata === null ? cells : countCells(rank, m, codes, ng, column, width, input.strata, nStrata);
      for (let ci = 1; ci < width; ci++) grayFromCells(tests[ci - 1], byStratum, nStrata, m, ng, width, ci);
      gray = tests.map((t) => t.result());
    }
  } else {
    // Very many groups and distinct times: rows in (group, time) order, one run per time.
    const byTime = orderByRank(rank, m);
    const byGroup = ng === 1 ? byTime : orderByCode(byTime, codes, ng);
    for (let ci = 1; ci < width; ci++) {
      let k = 0;
      for (let g = 0; g < ng; g++) {
        const begin = k;
        while (k < n && codes[byGroup[k]] === g) k++;
        const curve = new IncidenceCurve(k - begin);
        for (let b0 = begin; b0 < k; ) {
          const r = rank[byGroup[b0]];
          let b1 = b0;
          let dThis = 0;
          let dOther = 0;
          for (; b1 < k && rank[byGroup[b1]] === r; b1++) {
            const col = column[byGroup[b1]];
            if (col === ci) dThis++;
            else if (col !== 0) dOther++;
          }
          curve.addTime(times[r], b1 - b0, dThis, dOther);
          b0 = b1;
        }
        curves.push(curve.result(groups[g], causes[ci - 1]));
      }
    }
  }
  if (ng > 1 && gray === null) {
    const byTime = orderByRank(rank, m);
    const order = input.strata === null ? byTime : orderByCode(byTime, input.strata, nStrata);
    for (let ci = 1; ci < width; ci++) grayFromRows(tests[ci - 1], order, rank, column, ci, codes, ng, input.strata);
    gray = tests.map((t) => t.result());
  }
  // cuminc's order: causes outer, groups inner (as built above).
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
  // Codes below 1024 (the usual 1, 2, ...) are marked in an array, others kept in a set.
  const small = new Uint8Array(1024);
  const seen = new Set<number>();
  for (let i = 0; i < causeOf.length; i++) {
    const c = causeOf[i];
    if (c < 1024) small[c] = 1;
    else seen.add(c);
  }
  for (let c = 1; c < 1024; c++) if (small[c] === 1) seen.add(c);
  return Array.from(seen).sort((x, y) => x - y);
}

/** Each row's column in the counts: 0 when censored, else 1 + the index of its cause in `causes`. */
function causeColumns(causeOf: Int32Array, causes: number[]): Int32Array {
  const column = new Int32Array(causeOf.length);
  const small = new Int32Array(1024);
  const large = new Map<number, number>();
  causes.forEach((c, j) => (c < 1024 ? (small[c] = j + 1) : large.set(c, j + 1)));
  for (let i = 0; i < causeOf.length; i++) {
    const c = causeOf[i];
    column[i] = c < 1024 ? small[c] : (large.get(c) as number);
  }
  return column;
}

/** Rows per (stratum, distinct time, group, cause column), stratum outermost; one stratum when `strata` is null. */
function countCells(
  rank: Int32Array,
  m: number,
  codes: Int32Array,
  ng: number,
  column: Int32Array,
  width: number,
  strata: Int32Array | null,
  nStrata: number,
): Int32Array {
  const cells = new Int32Array(nStrata * m * ng * width);
  for (let i = 0; i < rank.length; i++) {
    const s = strata === null ? 0 : strata[i];
    cells[((s * m + rank[i]) * ng + codes[i]) * width + column[i]]++;
  }
  return cells;
}

/** Gray's test of the cause in column `ci` from per-(stratum, time, group, column) counts. */
function grayFromCells(test: GrayTest, cells: Int32Array, nStrata: number, m: number, ng: number, width: number, ci: number): void {
  const d0 = new Float64Array(ng);
  const d1 = new Float64Array(ng);
  const d2 = new Float64Array(ng);
  const size = new Float64Array(ng);
  for (let s = 0; s < nStrata; s++) {
    size.fill(0);
    const first = s * m * ng * width;
    for (let r = 0; r < m; r++) {
      for (let g = 0; g < ng; g++) {
        const base = first + (r * ng + g) * width;
        for (let col = 0; col < width; col++) size[g] += cells[base + col];
      }
    }
    test.beginStratum(size);
    for (let r = 0; r < m; r++) {
      let rows = 0;
      for (let g = 0; g < ng; g++) {
        const base = first + (r * ng + g) * width;
        let all = 0;
        for (let col = 0; col < width; col++) all += cells[base + col];
        d0[g] = cells[base];
        d1[g] = cells[base + ci];
        d2[g] = all - cells[base] - cells[base + ci];
        rows += all;
      }
      if (rows > 0) test.addTime(d0, d1, d2);
    }
    test.endStratum();
  }
}

/** The same from the rows in (stratum, time) order: one run of rows per time. */
function grayFromRows(
  test: GrayTest,
  order: Int32Array,
  rank: Int32Array,
  column: Int32Array,
  ci: number,
  group: Int32Array,
  ng: number,
  stratum: Int32Array | null,
): void {
  const d0 = new Float64Array(ng);
  const d1 = new Float64Array(ng);
  const d2 = new Float64Array(ng);
  const size = new Float64Array(ng);
  const n = order.length;
  let s0 = 0;
  while (s0 < n) {
    let s1 = s0;
    const st = stratum === null ? 0 : stratum[order[s0]];
    size.fill(0);
    while (s1 < n && (stratum === null || stratum[order[s1]] === st)) {
      size[group[order[s1]]]++;
      s1++;
    }
    test.beginStratum(size);
    let b0 = s0;
    while (b0 < s1) {
      const r = rank[order[b0]];
      let b1 = b0;
      d0.fill(0);
      d1.fill(0);
      d2.fill(0);
      while (b1 < s1 && rank[order[b1]] === r) {
        const i = order[b1];
        const col = column[i];
        if (col === 0) d0[group[i]]++;
        else if (col === ci) d1[group[i]]++;
        else d2[group[i]]++;
        b1++;
      }
      test.addTime(d0, d1, d2);
      b0 = b1;
    }
    test.endStratum();
    s0 = s1;
  }
}

/** cuminc's `cinc` for one group and one cause, fed the group's distinct times in ascending order. */
class IncidenceCurve {
  private readonly time: number[] = [];
  private readonly estimate: number[] = [];
  private readonly variance: number[] = [];
  private surv = 1; // all-cause Kaplan-Meier just before the current time
  private cif = 0;
  private v1 = 0;
  private v2 = 0;
  private v3 = 0;
  private lastTime = 0;
  private atRisk: number;

  /** `size`: the group's rows. */
  constructor(private readonly size: number) {
    this.atRisk = size;
  }

  /** A time with `rows` rows of the group: `dThis` events of the cause, `dOther` of other causes. */
  addTime(t: number, rows: number, dThis: number, dOther: number): void {
    const atRisk = this.atRisk;
    const d = dThis + dOther;
    if (d > 0) {
      const surv = this.surv;
      const survNext = (surv * (atRisk - d)) / atRisk;
      if (dThis > 0) this.cif += (surv * dThis) / atRisk;
      const cif = this.cif;
      if (dOther > 0 && survNext > 0) {
        const tie = dOther > 1 ? 1 - (dOther - 1) / (atRisk - 1) : 1;
        const w = (surv * surv * tie * dOther) / (atRisk * atRisk);
        const t3 = 1 / survNext;
        const t4 = cif / survNext;
        this.v1 += t4 * t4 * w;
        this.v2 += t3 * t4 * w;
        this.v3 += t3 * t3 * w;
      }
      if (dThis > 0) {
        const tie = dThis > 1 ? 1 - (dThis - 1) / (atRisk - 1) : 1;
        const w = (surv * surv * tie * dThis) / (atRisk * atRisk);
        const t3 = survNext > 0 ? 1 / survNext : 0;
        const t4 = 1 + t3 * cif;
        this.v1 += t4 * t4 * w;
        this.v2 += t3 * t4 * w;
        this.v3 += t3 * t3 * w;
        this.time.push(t);
        this.estimate.push(cif);
        this.variance.push(this.v1 + cif * cif * this.v3 - 2 * cif * this.v2);
      }
      this.surv = survNext;
    }
    this.atRisk -= rows;
    this.lastTime = t;
  }

  result(group: string, cause: number): CumulativeIncidenceCurve {
    const { time, estimate, variance } = this;
    return { name: `${group} ${cause}`, group, cause, time, estimate, variance, followUpEnd: this.lastTime, n: this.size };
  }
}
