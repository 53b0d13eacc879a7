import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { correlation, partialCorrelation } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-correlation-partial.R: residual correlation after lm(. ~ g), t test of x in lm(y ~ g + x),
// Fisher z interval on n - 3 - k.
for (const c of loadFixture("stats-correlation-partial")) {
  test(`partialCorrelation matches R: ${c.name}`, () => {
    const r = partialCorrelation(c.data.x, c.data.y, c.data.group, { confLevel: c.options.conf_level, missing: "drop" });
    const e = c.expected;
    assert.strictEqual(r.n, e.n);
    assertClose(r.r, e.r, "r");
    assertClose(r.t, e.t, "t");
    assert.strictEqual(r.df, e.df);
    assertClose(r.pValue, e.p_value, "P");
    assertClose(r.lower, e.lower, "lower");
    assertClose(r.upper, e.upper, "upper");
  });
}

test("partialCorrelation: one group is cor.test; a pure group difference gives no partial association", () => {
  const x = [1, 2, 3, 4, 5, 6];
  const y = [2, 1, 4, 3, 6, 5];
  const one = partialCorrelation(x, y, ["a", "a", "a", "a", "a", "a"]);
  const c = correlation(x, y);
  assertClose(one.r, c.pearson.r, "r");
  assertClose(one.pValue, c.pearson.pValue, "P");
  // within each group x and y are unrelated (r = 0) but the groups differ in both: pooled r is large
  const gx = [1, 2, 1, 2, 11, 12, 11, 12];
  const gy = [1, 1, 2, 2, 11, 11, 12, 12];
  const g = ["a", "a", "a", "a", "b", "b", "b", "b"];
  assert.ok(correlation(gx, gy).pearson.r > 0.95);
  assertClose(partialCorrelation(gx, gy, g).r, 0, "within-group r", 1e-12);
});

test("partialCorrelation: errors name the column", () => {
  assertInputError(() => partialCorrelation([1, 2, 3, 4], [1, 2, 3], ["a", "a", "b", "b"]), "y");
  assertInputError(() => partialCorrelation([1, 1, 2, 2, 3], [1, 2, 3, 4, 5], ["a", "a", "b", "b", "c"]), "x");
  assertInputError(() => partialCorrelation([1, 1, 5, 5, 6, 6], [1, 2, 3, 4, 5, 7], ["a", "a", "b", "b", "c", "c"]), "x");
});
