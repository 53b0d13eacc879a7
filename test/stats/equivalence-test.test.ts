import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { equivalenceTest, equivalenceTTest } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-equivalence.R: two one-sided t.test calls (one-sample, paired, Welch, Student) and pt() on a
// contrast of lm coefficients; the (1 - 2 alpha) interval beside them.
for (const c of loadFixture("stats-equivalence")) {
  test(`equivalence test matches R: ${c.name}`, () => {
    const o = c.options;
    const margin = { lower: o.lower, upper: o.upper, alpha: o.alpha };
    const r =
      c.kind === "t"
        ? equivalenceTTest(c.data.x, c.data.y, { ...margin, paired: o.paired, varEqual: o.var_equal })
        : equivalenceTest(c.data.estimate, c.data.std_err, c.data.df, margin);
    const e = c.expected;
    assertClose(r.estimate, e.estimate, "estimate");
    assertClose(r.stdErr, e.std_err, "se");
    assertClose(r.df, e.df, "df");
    assertClose(r.tLower, e.t_lower, "t lower");
    assertClose(r.tUpper, e.t_upper, "t upper");
    assertClose(r.pLower, e.p_lower, "P lower");
    assertClose(r.pUpper, e.p_upper, "P upper");
    assertClose(r.pValue, e.p_value, "P TOST");
    assert.strictEqual(r.equivalent, e.equivalent);
    assertClose(r.ciLower, e.ci_lower, "CI lower");
    assertClose(r.ciUpper, e.ci_upper, "CI upper");
    // the two one-sided tests and the (1 - 2 alpha) interval inclusion rule agree
    assert.strictEqual(r.equivalent, r.ciLower > r.lower && r.ciUpper < r.upper);
  });
}

test("equivalenceTest: a hand-worked case and the z version", () => {
  // estimate 0.1, se 0.2, margin ±0.5: t_lower = 3, t_upper = -2
  const z = equivalenceTest(0.1, 0.2, Infinity, { lower: -0.5, upper: 0.5 });
  assertClose(z.tLower, 3, "t lower");
  assertClose(z.tUpper, -2, "t upper");
  assertClose(z.pValue, 0.022750131948179195, "P = P(Z > 2)");
  assert.strictEqual(z.equivalent, true);
  assertClose(z.ciLevel, 0.9, "level");
  const t = equivalenceTest(0.1, 0.2, 4, { lower: -0.5, upper: 0.5 });
  assert.ok(t.pValue > z.pValue && t.pValue > 0.05 && !t.equivalent, `t on 4 df: P ${t.pValue}`);
});

test("equivalenceTest: bad margins and inputs name the argument", () => {
  assertInputError(() => equivalenceTest(0, 1, 5, { lower: 1, upper: -1 }), "upper");
  assertInputError(() => equivalenceTest(0, 1, 5, { lower: -1, upper: 1, alpha: 0.6 }), "alpha");
  assertInputError(() => equivalenceTest(0, 0, 5, { lower: -1, upper: 1 }), "stdErr");
  assertInputError(() => equivalenceTest(NaN, 1, 5, { lower: -1, upper: 1 }), "estimate");
  assertInputError(() => equivalenceTest(0, 1, 0, { lower: -1, upper: 1 }), "df");
  assertInputError(() => equivalenceTTest([1], null, { lower: -1, upper: 1 }), "x");
});
