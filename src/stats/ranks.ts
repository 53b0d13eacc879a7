import { sortOrder } from "../core/sort-order";

/**
 * Mid-ranks (ties get the mean of the positions they span), as R's `rank(x)` with
 * ties.method = "average", 1-based. Used for Spearman's rho and the Wilcoxon tests.
 *
 * simple-statistics computes the same ranks inside sampleRankCorrelation, but with one
 * [value, index] array per observation and a comparator sort; for 10^6 values that is
 * several times slower than R. Here the order comes from src/core's `sortOrder` (a
 * stable LSD radix sort of the IEEE-754 bit patterns), then one walk assigns the ranks.
 * −0 and +0 are the same value (tied), as in R. Values must not be NaN.
 *
 * @example
 * midRanks(Float64Array.from([3, 1, 3, 2])) // Float64Array [3.5, 1, 3.5, 2]
 */
export function midRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = sortOrder(values);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    const v = values[order[i]];
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** src/stats has exported the sort order since the mid-ranks used it; it is src/core's. */
export { sortOrder };
