import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { correlation, partialCorrelation } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-partial-correlation.R: residual correlation, t on n - 2 - k df, Fisher z interval on
// mtcars (numeric + factor covariates), iris (factor), airquality, CO2 (one-sided, 90%), swiss (one-sided).
for (const c of loadFixture("stats-partial-correlation")) {
  test(`partial correlation matches R: ${c.name}`, () => {
    const r = partialCorrelation(c.data.x, c.data.y, c.data.covariates, { alternative: c.alternative, confLevel: c.conf_level });
    const e = c.expected;
    assertClose(r.r, e.r, "r");
    assertClose(r.r, e.r_cor_test_residuals, "r = cor.test on residuals");
    assertClose(r.t, e.t, "t");
    assert.strictEqual(r.df, e.df);
    assert.strictEqual(r.k, e.k);
    assert.strictEqual(r.n, e.n);
    assertClose(r.pValue, e.p_value, "p");
    assertClose(r.lower, e.lower, "lower");
    assertClose(r.upper, e.upper, "upper");
  });
}

test("symmetric in x and y; missing rows dropped on every column; bad input", () => {
  const x = [1.2, 2.3, 2.9, 4.1, 5.2, 5.8, 7.1, 8.3, 8.8, 10.2];
  const y = [2.1, 2.2, 3.8, 3.9, 6.1, 5.7, 7.9, 7.2, 9.9, 9.1];
  const g = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"];
  const a = partialCorrelation(x, y, { g });
  const b = partialCorrelation(y, x, { g });
  assertClose(a.r, b.r, "symmetric", 1e-12);
  const dropped = partialCorrelation([...x, NaN, 3], [...y, 1, null], { g: [...g, "a", "b"] }, { missing: "drop" });
  assert.strictEqual(dropped.dropped, 2);
  assertClose(dropped.r, a.r, "same after drop", 1e-12);
  // without covariates' effect (a constant covariate is not allowed: one level); numeric covariate of zero effect
  const plain = correlation(x, y).pearson.r;
  assert.ok(Math.abs(a.r - plain) > 1e-3);
  assertInputError(() => partialCorrelation(x, y, {}), "covariates");
  assertInputError(() => partialCorrelation(x, y, { g: g.map(() => "a") }), "g");
  assertInputError(() => partialCorrelation(x, y, { z: x.map((v) => 2 * v + 1) }), "x");
  assertInputError(() => partialCorrelation(x, [...y.slice(0, 9), NaN], { g }), "y", 9);
});
