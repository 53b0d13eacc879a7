import { test } from "node:test";
import * as assert from "assert";
import { truncateWeights } from "../../src/stats/truncate-weights";
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
