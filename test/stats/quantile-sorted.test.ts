import { test } from "node:test";
import assert from "node:assert/strict";
import { quantileSorted } from "../../src/stats/quantile-sorted";

test("quantileSorted is R's quantile(type = 7): the doc example, the ends, interpolation, one value, none", () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  // R: quantile(c(1, 2, 4, 8, 16), c(0, 0.1, 0.25, 0.9, 1)) = 1.0 1.4 2.0 12.8 16.0
  const x = [1, 2, 4, 8, 16];
  assert.deepEqual([0, 0.25, 1].map((p) => quantileSorted(x, p)), [1, 2, 16]);
  assert.ok(Math.abs(quantileSorted(x, 0.1) - 1.4) < 1e-12);
  assert.ok(Math.abs(quantileSorted(x, 0.9) - 12.8) < 1e-12);
  assert.equal(quantileSorted([7], 0.3), 7);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
});
