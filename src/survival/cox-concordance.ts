/**
 * Harrell's concordance of a Cox model's linear predictor, counted as R
 * survival 3.x's coxph reports it (`fit$concordance`, from concordancefit
 * with reverse = TRUE and timewt = "n").
 *
 * A pair (i, j) is comparable when i has an event at t_i and j is still at
 * risk after it: t_j > t_i, or t_j = t_i with j censored (a censoring at the
 * same time counts as later). Among comparable pairs it is concordant when
 * the earlier failure has the higher risk score (lp_i > lp_j), discordant when
 * lower, tied.x when equal. Pairs of events at the same time are tied.y
 * (tied.xy when their scores are equal too) and not used.
 *   C = (concordant + tied.x / 2) / (concordant + discordant + tied.x)
 *
 * Counting is O(n log n): walk the time groups from the last to the first
 * with a Fenwick tree over the ranks of lp holding the subjects seen so far;
 * with few distinct times and scores, O(n + times x scores) with plain
 * counts below each rank (see concordanceOfRanks). The counts are whole
 * numbers, so both give the same results.
 * The standard error (`std` in R) is not computed.
 *
 * @example
 * // sorted times 1, 2, 3 (all events), risk scores 3, 2, 1: every pair concordant
 * coxConcordance(Uint8Array.of(1, 1, 1), Float64Array.of(3, 2, 1), Uint32Array.of(0, 1, 2, 3), 3);
 * // { concordance: 1, concordant: 3, discordant: 0, tiedX: 0, tiedY: 0, tiedXY: 0 }
 */
import { sortOrder } from "../core/sort-order";
import { denseRanks } from "./cox-order";
import type { CoxRiskData } from "./cox-risk-data";

/** The pair counts behind the concordance, named as in R's fit$concordance. */
export interface CoxConcordance {
  concordance: number;
  concordant: number;
  discordant: number;
  tiedX: number;
  tiedY: number;
  tiedXY: number;
}

/**
 * @param status   0/1, subjects sorted by time ascending
 * @param lp       linear predictor in the same order
 * @param groupStart start of each distinct-time group, plus n at the end
 * @param groups   number of groups
 * @param maxDistinct rank lp by hashing when it has at most this many distinct values, else by sorting
 */
export function coxConcordance(
  status: Uint8Array,
  lp: Float64Array,
  groupStart: Uint32Array,
  groups: number,
  maxDistinct = Math.max(1024, lp.length >>> 3),
): CoxConcordance {
  const n = lp.length;
  // Dense ranks of lp, 1-based; equal scores share a rank.
  let rank: Uint32Array;
  let r = 0;
  const dense = maxDistinct > 0 ? denseRanks(lp, maxDistinct) : null;
  if (dense) {
    rank = dense.ranks;
    r = dense.distinct;
  } else {
    const ord = sortOrder(lp);
    rank = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const i = ord[k];
      if (k === 0 || lp[i] !== lp[ord[k - 1]]) r++;
      rank[i] = r;
    }
  }
  return concordanceOfRanks(status, rank, r, groupStart, groups);
}

/**
 * coxConcordance's counts from the dense ranks (1..size) of the linear
 * predictor. Two ways to count the same integers (every count is a whole
 * number well below 2^53, so the order of the additions does not matter):
 *   - "fenwick": a Fenwick tree over the ranks, O(log size) per row;
 *   - "prefix": when there are few distinct times and scores (times in days,
 *     scores of discrete covariates), the number of rows at risk below each
 *     rank kept as a plain array, brought up to date once per time from that
 *     time's rows counted by rank: O(1) per row plus O(size) per time.
 * "auto" takes the prefix counts when times x ranks is at most n log2(size).
 */
export function concordanceOfRanks(
  status: Uint8Array,
  rank: Uint32Array,
  size: number,
  groupStart: Uint32Array,
  groups: number,
  method: "auto" | "fenwick" | "prefix" = "auto",
): CoxConcordance {
  const n = rank.length;
  const prefix = method === "prefix" || (method === "auto" && groups * (size + 1) <= n * Math.log2(size + 1));
  const counts = prefix ? prefixCounts(status, rank, size, groupStart, groups) : fenwickCounts(status, rank, size, groupStart, groups);
  const { concordant, discordant, tiedX, tiedY, tiedXY } = counts;
  const pairs = concordant + discordant + tiedX;
  return {
    concordance: pairs > 0 ? (concordant + tiedX / 2) / pairs : NaN,
    concordant,
    discordant,
    tiedX,
    tiedY,
    tiedXY,
  };
}

type Counts = Omit<CoxConcordance, "concordance">;

/** The pair counts with a Fenwick tree of the rows at risk by rank. */
function fenwickCounts(status: Uint8Array, rank: Uint32Array, size: number, groupStart: Uint32Array, groups: number): Counts {
  // Fenwick tree of counts by rank (subjects already passed), plus counts at each rank.
  const tree = new Uint32Array(size + 1);
  const atRank = new Uint32Array(size + 1);
  let total = 0;

  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;
  // Events so far at the current time, by rank (for tied.xy), reset after each time.
  const deadAtRank = new Uint32Array(size + 1);
  // The times from the last to the first (an increasing loop index: V8 optimises it better).
  for (let step = 0; step < groups; step++) {
    const g = groups - 1 - step;
    const start = groupStart[g];
    const end = groupStart[g + 1];
    // Censored at this time are at risk after the events at this time.
    for (let k = start; k < end; k++) {
      if (status[k] !== 0) continue;
      const rk = rank[k];
      for (let q = rk; q <= size; q += q & -q) tree[q]++;
      atRank[rk]++;
      total++;
    }
    let d = 0;
    for (let k = start; k < end; k++) {
      if (status[k] === 0) continue;
      const rk = rank[k];
      let less = 0;
      for (let q = rk - 1; q > 0; q -= q & -q) less += tree[q];
      const same = atRank[rk];
      concordant += less;
      tiedX += same;
      discordant += total - less - same;
      tiedY += d;
      tiedXY += deadAtRank[rk];
      deadAtRank[rk]++;
      d++;
    }
    if (d === 0) continue;
    // Now the events join the risk set of earlier times.
    for (let k = start; k < end; k++) {
      if (status[k] === 0) continue;
      const rk = rank[k];
      deadAtRank[rk] = 0;
      for (let q = rk; q <= size; q += q & -q) tree[q]++;
      atRank[rk]++;
      total++;
    }
  }
  return { concordant, discordant, tiedX, tiedY: tiedY - tiedXY, tiedXY };
}

/** The pair counts with the rows at risk below each rank kept as an array (see concordanceOfRanks). */
function prefixCounts(status: Uint8Array, rank: Uint32Array, size: number, groupStart: Uint32Array, groups: number): Counts {
  // below[r]: rows at risk with a rank lower than r (r = 1..size + 1), so below[r + 1] - below[r] are
  // those with rank r; pending[r]: rows of the current times not yet at risk. Whole numbers < 2^31.
  const below = new Int32Array(size + 2);
  const pending = new Int32Array(size + 2);
  let total = 0;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;
  // The smallest pending rank (size + 1: none).
  let lowest = size + 1;
  for (let step = 0; step < groups; step++) {
    const g = groups - 1 - step;
    const start = groupStart[g];
    const end = groupStart[g + 1];
    // Censored at this time are at risk after the events at this time; they join the previous
    // time's events in `pending`, and all of them are put at risk in one sweep over the ranks.
    let censored = 0;
    for (let k = start; k < end; k++) {
      if (status[k] !== 0) continue;
      const rk = rank[k];
      pending[rk]++;
      censored++;
      if (rk < lowest) lowest = rk;
    }
    total += censored;
    let d = 0;
    for (let k = start; k < end; k++) {
      if (status[k] !== 0) {
        d = 1;
        break;
      }
    }
    if (d === 0) continue;
    if (lowest <= size) {
      let run = 0;
      for (let r = lowest; r <= size + 1; r++) {
        below[r] += run;
        run += pending[r];
        pending[r] = 0;
      }
      lowest = size + 1;
    }
    d = 0;
    for (let k = start; k < end; k++) {
      if (status[k] === 0) continue;
      const rk = rank[k];
      const less = below[rk];
      const same = below[rk + 1] - less;
      concordant += less;
      tiedX += same;
      discordant += total - less - same;
      tiedXY += pending[rk]; // events at this time with the same score before this one
      pending[rk]++;
      if (rk < lowest) lowest = rk;
      d++;
    }
    tiedY += (d * (d - 1)) / 2;
    total += d;
  }
  return { concordant, discordant, tiedX, tiedY: tiedY - tiedXY, tiedXY };
}

/**
 * The same counts for any Cox model's data (./cox-risk-data layout): case
 * weights (a pair counts w_i w_j, as concordancefit with weights), strata
 * (pairs only within a stratum, counts summed over strata, as coxph reports
 * them) and (start, stop] rows, as R's concordance4: at an event time t the
 * comparable rows are those at risk at t (start < t <= stop, a row censored
 * at t included), compared with the row that has the event. `lp` is in the
 * layout's order.
 */
export function coxConcordanceGeneral(d: CoxRiskData, lp: Float64Array): CoxConcordance {
  const n = d.n;
  const { stop, status, weights, start, startOrder, stratumStart, nStrata } = d;
  const dense = denseRanks(lp, Math.max(1024, n >>> 3));
  let rank: Uint32Array;
  let size: number;
  if (dense) {
    rank = dense.ranks;
    size = dense.distinct;
  } else {
    const ord = sortOrder(lp);
    rank = new Uint32Array(n);
    let r = 0;
    for (let k = 0; k < n; k++) {
      const i = ord[k];
      if (k === 0 || lp[i] !== lp[ord[k - 1]]) r++;
      rank[i] = r;
    }
    size = r;
  }
  // Fenwick tree of the weights in the risk set by rank, plus the weight at each rank.
  const tree = new Float64Array(size + 1);
  const atRank = new Float64Array(size + 1);
  const deadAtRank = new Float64Array(size + 1);
  const inTree = new Uint8Array(n);
  let total = 0;
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  let tiedXY = 0;
  const add = (k: number, wk: number) => {
    const rk = rank[k];
    for (let q = rk; q <= size; q += q & -q) tree[q] += wk;
    atRank[rk] += wk;
    total += wk;
  };
  for (let s = 0; s < nStrata; s++) {
    const s0 = stratumStart[s];
    const s1 = stratumStart[s + 1];
    let indx1 = s0;
    let k = s0;
    while (k < s1) {
      const t = stop[k];
      let end = k;
      while (end < s1 && stop[end] === t) end++;
      // Censored at t are at risk after the events at t.
      for (let m = k; m < end; m++) {
        if (status[m] !== 0) continue;
        add(m, weights === null ? 1 : weights[m]);
        inTree[m] = 1;
      }
      let anyDeath = false;
      for (let m = k; m < end && !anyDeath; m++) anyDeath = status[m] !== 0;
      if (anyDeath) {
        if (start !== null) {
          for (; indx1 < s1; indx1++) {
            const q = (startOrder as Uint32Array)[indx1];
            if ((start as Float64Array)[q] < t) break;
            if (inTree[q]) {
              add(q, -(weights === null ? 1 : weights[q]));
              inTree[q] = 0;
            }
          }
        }
        let dwt = 0;
        for (let m = k; m < end; m++) {
          if (status[m] === 0) continue;
          const wm = weights === null ? 1 : weights[m];
          const rk = rank[m];
          let less = 0;
          for (let q = rk - 1; q > 0; q -= q & -q) less += tree[q];
          const same = atRank[rk];
          concordant += wm * less;
          tiedX += wm * same;
          discordant += wm * (total - less - same);
          tiedY += wm * dwt;
          tiedXY += wm * deadAtRank[rk];
          deadAtRank[rk] += wm;
          dwt += wm;
        }
        for (let m = k; m < end; m++) {
          if (status[m] === 0) continue;
          deadAtRank[rank[m]] = 0;
          add(m, weights === null ? 1 : weights[m]);
          inTree[m] = 1;
        }
      }
      k = end;
    }
    // Empty the tree before the next stratum.
    for (let m = s0; m < s1; m++) {
      if (inTree[m]) {
        add(m, -(weights === null ? 1 : weights[m]));
        inTree[m] = 0;
      }
    }
    total = 0;
  }
  tiedY -= tiedXY;
  const pairs = concordant + discordant + tiedX;
  return {
    concordance: pairs > 0 ? (concordant + tiedX / 2) / pairs : NaN,
    concordant,
    discordant,
    tiedX,
    tiedY,
    tiedXY,
  };
}
