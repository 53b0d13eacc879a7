import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { linearRegression } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-regression.R: summary(lm(y ~ x)) on mtcars, cars, airquality (NAs), Puromycin,
// x with a 1e6 offset, and a 3-point fit (1 residual df).
for (const c of loadFixture("stats-regression")) {
  test(`linear regression matches R: ${c.name}`, () => {
    const r = linearRegression(c.data.x, c.data.y, { missing: "drop" });
    const e = c.expected;
    assertClose(r.intercept, e.intercept, "intercept");
    assertClose(r.slope, e.slope, "slope");
    assertClose(r.seIntercept, e.se_intercept, "se intercept");
    assertClose(r.seSlope, e.se_slope, "se slope");
    assertClose(r.tIntercept, e.t_intercept, "t intercept");
    assertClose(r.pIntercept, e.p_intercept, "p intercept");
    assertClose(r.tSlope, e.t_slope, "t slope");
    assertClose(r.pSlope, e.p_slope, "p slope");
    assertClose(r.rSquared, e.r_squared, "R2");
    assertClose(r.adjRSquared, e.adj_r_squared, "adj R2");
    assertClose(r.residualSe, e.residual_se, "sigma");
    assertClose(r.f, e.f, "F");
    assert.strictEqual(r.df, e.df);
    assert.strictEqual(r.n, e.n);
  });
}

test("missing values throw unless dropped", () => {
  assertInputError(() => linearRegression([1, 2, 3, NaN], [2, 3, 5, 6]), "x", 3);
  assertInputError(() => linearRegression([1, 2, 3, 4], [2, 3, null, 6]), "y", 2);
  const r = linearRegression([1, 2, 3, NaN, 4], [2, 3, 5, 6, 6.5], { missing: "drop" });
  assert.strictEqual(r.dropped, 1);
  assert.strictEqual(r.n, 4);
});

test("bad input: length mismatch, empty, too few points, constant x or y", () => {
  assertInputError(() => linearRegression([1, 2, 3], [1, 2]), "y");
  assertInputError(() => linearRegression([], []), "x");
  assertInputError(() => linearRegression([1, 2], [1, 3]), "x");
  assertInputError(() => linearRegression([2, 2, 2], [1, 2, 3]), "x");
  assertInputError(() => linearRegression([1, 2, 3], [4, 4, 4]), "y");
});

test("exact fit: zero standard errors, infinite t, p = 0", () => {
  const r = linearRegression([0, 1, 2, 3], [1, 3, 5, 7]);
  assert.strictEqual(r.slope, 2);
  assert.strictEqual(r.residualSe, 0);
  assert.strictEqual(r.tSlope, Infinity);
  assert.strictEqual(r.pSlope, 0);
  assert.strictEqual(r.rSquared, 1);
});
