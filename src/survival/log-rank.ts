/**
 * k-sample log-rank test and its Fleming-Harrington G(rho) family, optionally
 * stratified, as R's `survdiff(Surv(time, event) ~ group + strata(s), rho = rho)`.
 *
 * At each distinct event time t in a stratum, with n at risk and d deaths
 * (n_g, d_g in group g) and weight w = S(t-)^rho, S the Kaplan-Meier curve of
 * the pooled data of that stratum:
 *   O_g += w d_g,   E_g += w d n_g / n,
 *   V_gh += w^2 d (n - d) / (n (n - 1)) n_g (delta_gh - n_h / n),
 * summed over times and strata. chi^2 = (O - E)' V^- (O - E) over the groups
 * with E > 0, leaving out the first of them; df = (groups with E > 0) - 1.
 * With fewer than two such groups (e.g. no events at all) there is nothing to
 * test: chiSq and pValue are null (R's survdiff prints p = NA; its chisq 0 on
 * -1 df is no test either), and df is R's value.
 * rho = 0 is the log-rank (Mantel-Haenszel) test; rho = 1 is survdiff's
 * Peto & Peto modification of the Gehan-Wilcoxon test, whose observed and
 * expected values are the weighted sums above (as survdiff reports them).
 * Times closer than sqrt(machine eps) are merged first (survdiff's timefix).
 * The quadratic form uses a generalized inverse (quadratic-form.ts), so a
 * degenerate variance cannot crash the test.
 *
 * @example
 * const lr = logRank(time, status, sex);            // lr.chiSq, lr.df, lr.pValue
 * const pp = logRank(time, status, sex, { rho: 1 }); // Peto-Peto
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput } from "../core/index";
import { chiSquareUpper } from "../distributions/index";
import { quadraticForm } from "./quadratic-form";
import { readSurvivalInput, requireTwoGroups } from "./survival-input";
import type { GroupOptions } from "./survival-input";
import { orderByCode, orderByRank, rankTimes } from "./time-order";

export interface LogRankOptions extends GroupOptions {
  /** Stratum of each row: the test sums within-stratum statistics (survdiff's strata()). */
  strata?: ArrayLikeInput<unknown>;
  /** Weight exponent: S(t-)^rho (default 0, the log-rank test; 1 = Peto-Peto). */
  rho?: number;
}

export interface LogRankResult {
  method: string;
  /** Group labels in order. */
  groups: string[];
  /** Subjects per group. */
  n: number[];
  /** Observed events per group (weighted when rho != 0), summed over strata. */
  observed: number[];
  /** Expected events per group under equal hazards (weighted when rho != 0), summed over strata. */
  expected: number[];
  /** Variance-covariance matrix of O - E. */
  variance: number[][];
  /** null when fewer than two groups have expected events (no events at all, say): no test. */
  chiSq: number | null;
  df: number;
  /** null when chiSq is (R: NA). */
  pValue: number | null;
  rho: number;
  /** Stratum labels, or null when not stratified. */
  strata: string[] | null;
  /** Rows dropped for missing values. */
  dropped: number;
}

/** survdiff's test; see the file comment. */
export function logRank(
  time: ArrayLikeInput<unknown>,
  event: ArrayLikeInput<unknown>,
  group: ArrayLikeInput<unknown>,
  options: LogRankOptions = {},
): LogRankResult {
  const rho = options.rho === undefined ? 0 : options.rho;
  if (typeof rho !== "number" || !Number.isFinite(rho)) {
    throw new InputError("rho", null, rho, "must be a finite number");
  }
  const input = readSurvivalInput({ time, event, group, strata: options.strata }, options, ["strata"]);
  requireTwoGroups(input);
  const k = input.groupLevels.length;
  const codes = input.group as Int32Array;
  const status = input.event as Uint8Array;
  const nStrata = input.strata === null ? 1 : input.strataLevels.length;
  const { times, rank } = rankTimes(input.time, true);
  const m = times.length;
  const n = rank.length;

  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const variance = new Float64Array(k * k);
  const risk = new Float64Array(k);
  const deathsIn = new Float64Array(k);
  const leaving = new Float64Array(k);
  const nGroup = new Array<number>(k).fill(0);

  // Adds one distinct time's terms: deathsIn and leaving hold its counts per group, risk and
  // atRisk the numbers at risk just before it.
  let atRisk = 0;
  let km = 1; // pooled Kaplan-Meier just before the current time
  const addTime = (deaths: number, left: number) => {
    if (deaths > 0) {
      const wt = rho === 0 ? 1 : Math.pow(km, rho);
      for (let g = 0; g < k; g++) {
        observed[g] += deathsIn[g] * wt;
        expected[g] += (wt * deaths * risk[g]) / atRisk;
      }
      if (atRisk > 1) {
        const w2 = wt * wt;
        for (let a = 0; a < k; a++) {
          const tmp = (w2 * deaths * risk[a] * (atRisk - deaths)) / (atRisk * (atRisk - 1));
          variance[a * k + a] += tmp;
          for (let b = 0; b < k; b++) variance[a * k + b] -= (tmp * risk[b]) / atRisk;
        }
      }
      km = (km * (atRisk - deaths)) / atRisk;
    }
    for (let g = 0; g < k; g++) risk[g] -= leaving[g];
    atRisk -= left;
  };

  const strata = input.strata;
  if (nStrata * m * k <= 4 * n + 1024) {
    // Rows and deaths per (stratum, distinct time, group), counted in one pass over the input.
    const rowsAt = new Int32Array(nStrata * m * k);
    const deathsAt = new Int32Array(nStrata * m * k);
    const perStratum = new Int32Array(nStrata * k);
    for (let i = 0; i < n; i++) {
      const s = strata === null ? 0 : strata[i];
      const cell = (s * m + rank[i]) * k + codes[i];
      rowsAt[cell]++;
      deathsAt[cell] += status[i];
      perStratum[s * k + codes[i]]++;
    }
    for (let s = 0; s < nStrata; s++) {
      atRisk = 0;
      for (let g = 0; g < k; g++) {
        risk[g] = perStratum[s * k + g];
        nGroup[g] += risk[g];
        atRisk += perStratum[s * k + g];
      }
      km = 1;
      for (let r = 0; r < m; r++) {
        const base = (s * m + r) * k;
        let deaths = 0;
        let left = 0;
        for (let g = 0; g < k; g++) {
          deathsIn[g] = deathsAt[base + g];
          leaving[g] = rowsAt[base + g];
          deaths += deathsAt[base + g];
          left += rowsAt[base + g];
        }
        if (left > 0) addTime(deaths, left);
      }
    }
  } else {
    // Many strata and distinct times: rows in (stratum, time) order, one run per time.
    const byTime = orderByRank(rank, m);
    const order = strata === null ? byTime : orderByCode(byTime, strata, nStrata);
    let s0 = 0;
    while (s0 < n) {
      // One stratum: rows order[s0 .. s1).
      let s1 = s0;
      risk.fill(0);
      const stratum = strata === null ? 0 : strata[order[s0]];
      while (s1 < n && (strata === null || strata[order[s1]] === stratum)) {
        risk[codes[order[s1]]]++;
        s1++;
      }
      for (let g = 0; g < k; g++) nGroup[g] += risk[g];
      atRisk = s1 - s0;
      km = 1;
      let b0 = s0;
      while (b0 < s1) {
        const r = rank[order[b0]];
        let b1 = b0;
        deathsIn.fill(0);
        leaving.fill(0);
        let deaths = 0;
        while (b1 < s1 && rank[order[b1]] === r) {
          const i = order[b1];
          leaving[codes[i]]++;
          if (status[i] === 1) {
            deathsIn[codes[i]]++;
            deaths++;
          }
          b1++;
        }
        addTime(deaths, b1 - b0);
        b0 = b1;
      }
      s0 = s1;
    }
  }

  const used: number[] = [];
  for (let g = 0; g < k; g++) if (expected[g] > 0) used.push(g);
  let chiSq: number | null = null;
  if (used.length >= 2) {
    const sub = used.slice(1);
    const diff = sub.map((g) => observed[g] - expected[g]);
    const v = sub.map((a) => sub.map((b) => variance[a * k + b]));
    chiSq = quadraticForm(v, diff).value;
  }
  const df = used.length - 1;
  const matrix: number[][] = [];
  for (let a = 0; a < k; a++) matrix.push(Array.from(variance.subarray(a * k, (a + 1) * k)));
  return {
    method: rho === 0 ? "log-rank" : rho === 1 ? "Peto-Peto (Fleming-Harrington rho = 1)" : `Fleming-Harrington (rho = ${rho})`,
    groups: input.groupLevels,
    n: nGroup,
    observed: Array.from(observed),
    expected: Array.from(expected),
    variance: matrix,
    chiSq,
    df,
    pValue: chiSq === null ? null : chiSquareUpper(chiSq, df),
    rho,
    strata: input.strata === null ? null : input.strataLevels,
    dropped: input.dropped,
  };
}
