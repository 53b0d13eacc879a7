import { test } from "node:test";
import * as assert from "assert";
import { sampleStandardDeviation } from "../../src/stats/sample-standard-deviation";

test("sampleStandardDeviation: R's sd() (denominator n - 1), null below two values", () => {
  // sd(c(2, 4, 4, 4, 5, 5, 7, 9)) = sqrt(32 / 7) in R.
  assert.strictEqual(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
  assert.strictEqual(sampleStandardDeviation(Float64Array.of(1, 3)), Math.SQRT2);
  assert.strictEqual(sampleStandardDeviation([5, 5, 5]), 0);
  assert.strictEqual(sampleStandardDeviation([3]), null);
  assert.strictEqual(sampleStandardDeviation([]), null);
  assert.ok(Number.isNaN(sampleStandardDeviation([1, NaN, 2]) as number));
});

test("sampleStandardDeviation sums in the order given (the bits the loops it replaced gave)", () => {
  let state = 7;
  const next = (): number => ((state = (state * 48271) % 2147483647) / 2147483647) * 1e3 - 300;
  for (let n = 2; n < 60; n += 7) {
    const x = Array.from({ length: n }, next);
    let sum = 0;
    for (const v of x) sum += v;
    const mean = sum / n;
    let ss = 0;
    for (const v of x) ss += (v - mean) * (v - mean);
    assert.strictEqual(sampleStandardDeviation(x), Math.sqrt(ss / (n - 1)));
    assert.strictEqual(sampleStandardDeviation(Float64Array.from(x)), Math.sqrt(ss / (n - 1)));
  }
});
