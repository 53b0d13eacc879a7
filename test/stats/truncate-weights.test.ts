import { test } from "node:test";
import * as assert from "assert";
import { repeatedQuantileBounds, truncateWeights } from "../../src/stats/truncate-weights";
import { assertClose } from "../helpers/reference";

test("truncateWeights: R's quantile type 7 bounds, pmin/pmax, only the included rows", () => {
  // R: w <- c(1, 2, 3, 100); q <- quantile(w, c(0.01, 0.99)); pmin(pmax(w, q[1]), q[2])  -> 1.03 2 3 97.09
  const t = truncateWeights([1, 2, 3, 100], [0.01, 0.99]);
  assertClose(t.bounds[0], 1.03, "lower");
  assertClose(t.bounds[1], 97.09, "upper");
  assert.deepStrictEqual(t.weights.map((w) => Math.round(w * 100) / 100), [1.03, 2, 3, 97.09]);
  assert.strictEqual(t.nTruncated, 2);
  const partial = truncateWeights([5, 1, 2, 3, 100], [0, 0.5], [false, true, true, true, true]);
  assert.deepStrictEqual(partial.weights, [5, 1, 2, 2.5, 2.5]);
  assert.throws(() => truncateWeights([1, 2], [0.9, 0.1]), /quantiles/);
  assert.throws(() => truncateWeights([1, -2], [0.01, 0.99]), /row 2|>= 0/);
});

test("repeatedQuantileBounds: the bounds truncateWeights gives on the values repeated counts times (tails by cuts, other quantiles by full selection)", () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const n of [1, 2, 5, 40, 3000]) {
    for (const quantiles of [[0.01, 0.99], [0, 1], [0.25, 0.75], [0.1, 0.2]] as [number, number][]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : Math.round(100 * Math.exp(rnd() - 0.5)) / 100));
      const counts = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1 : Math.floor(rnd() * 4)));
      const repeated: number[] = [];
      values.forEach((v, i) => {
        for (let c = 0; c < counts[i]; c++) repeated.push(v);
      });
      const expected = truncateWeights(repeated, quantiles).bounds;
      const before = [Array.from(values), Array.from(counts)];
      assert.deepStrictEqual(repeatedQuantileBounds(values, counts, n, quantiles), expected, `n ${n}, quantiles ${quantiles}`);
      assert.deepStrictEqual([Array.from(values), Array.from(counts)], before);
    }
  }
  assert.throws(() => repeatedQuantileBounds(Float64Array.of(1), Float64Array.of(0), 1, [0.01, 0.99]), /no row/);
});

test("repeatedQuantileBounds: calls of growing and shrinking size (its work spaces reused between calls) each give truncateWeights' bounds", () => {
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const n of [3000, 40, 5000, 600, 2, 3000]) {
    const values = Float64Array.from({ length: n }, () => Math.exp(2 * rnd() - 1));
    const counts = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1 : Math.floor(rnd() * 3)));
    const repeated: number[] = [];
    values.forEach((v, i) => {
      for (let c = 0; c < counts[i]; c++) repeated.push(v);
    });
    assert.deepStrictEqual(repeatedQuantileBounds(values, counts, n, [0.01, 0.99]), truncateWeights(repeated, [0.01, 0.99]).bounds, `n ${n}`);
  }
});
