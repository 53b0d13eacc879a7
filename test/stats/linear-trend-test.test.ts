import { test } from "node:test";
import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { linearTrendTest } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-trend.R: the ".L" row of summary(lm(y ~ dose_factor)) with contr.poly contrasts
// (scores = doses and equally spaced) and summary(lm(y ~ dose)), on ToothGrowth (all, OJ, unbalanced with NAs)
// and Puromycin (6 unequally spaced concentrations, unequal n).
for (const c of loadFixture("stats-trend")) {
  test(`linear trend test matches R: ${c.name}`, () => {
    const e = c.expected;
    for (const [scores, key] of [["dose", "contrast_dose"], ["equal", "contrast_equal"]] as const) {
      const r = linearTrendTest(c.data.y, c.data.dose, { missing: "drop", scores });
      assertAllClose(r.doses, e.doses, "doses");
      const x = e[key];
      assertClose(r.contrast.estimate, x.estimate, `${key} estimate`);
      assertClose(r.contrast.stdErr, x.std_err, `${key} se`);
      assertClose(r.contrast.t, x.t, `${key} t`);
      assertClose(r.contrast.pValue, x.p_value, `${key} p`);
      assert.strictEqual(r.contrast.df, x.df);
      assertClose(r.regression.slope, e.regression.slope, "regression slope");
      assertClose(r.regression.stdErr, e.regression.std_err, "regression se");
      assertClose(r.regression.t, e.regression.t, "regression t");
      assertClose(r.regression.pValue, e.regression.p_value, "regression p");
      assert.strictEqual(r.regression.df, e.regression.df);
    }
  });
}

const Y = [5.1, 4.8, 5.5, 6.0, 6.4, 5.8, 7.9, 7.1, 7.5, 9.6, 9.9, 10.4];
const D = [0, 0, 0, 2, 2, 2, 4, 4, 4, 8, 8, 8];

test("contrast details: orthonormal coefficients, slope through the means, one-sided p", () => {
  const r = linearTrendTest(Y, D);
  assert.strictEqual(r.headline, "contrast");
  const c = r.contrast.coefficients;
  assertClose(c.reduce((s, v) => s + v, 0), 0, "sum c");
  assertClose(c.reduce((s, v) => s + v * v, 0), 1, "sum c^2");
  // with equal n the slope through the dose means equals the regression slope
  assertClose(r.contrast.slope, r.regression.slope, "slope of means");
  const up = linearTrendTest(Y, D, { alternative: "greater" });
  assertClose(up.contrast.pValue, r.contrast.pValue / 2, "one-sided p");
  const down = linearTrendTest(Y, D, { alternative: "less" });
  assertClose(down.contrast.pValue, 1 - up.contrast.pValue, "less p");
});

test("missing values throw unless dropped", () => {
  assertInputError(() => linearTrendTest([...Y, NaN], [...D, 0]), "y", 12);
  assertInputError(() => linearTrendTest([...Y, 1], [...D, null]), "dose", 12);
  assert.strictEqual(linearTrendTest([...Y, NaN, 3], [...D, 0, undefined], { missing: "drop" }).dropped, 2);
});

test("bad input: length mismatch, empty, one dose, no replicates, constant y, no within-dose variation", () => {
  assertInputError(() => linearTrendTest(Y, D.slice(1)), "y");
  assertInputError(() => linearTrendTest([], []), "dose");
  assertInputError(() => linearTrendTest(Y, D.map(() => 2)), "dose");
  assertInputError(() => linearTrendTest([1, 2, 4], [0, 1, 2]), "y");
  assertInputError(() => linearTrendTest(Y.map(() => 1), D), "y");
  assertInputError(() => linearTrendTest([1, 1, 2, 2, 3, 3], [0, 0, 1, 1, 2, 2]), "y");
  assertInputError(() => linearTrendTest(Y, [...D.slice(1), "8 Gy"]), "dose", 11);
  assertInputError(() => linearTrendTest(Y, D, { scores: "rank" as never }), "scores");
});
