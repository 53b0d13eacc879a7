import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { tTest } from "../../src/stats/index";
import { loadFixture, assertInputError, sameInfinity } from "./fixtures";

// test/fixtures/r/stats-ttest.R: t.test on sleep, ToothGrowth and airquality (with NAs): Welch, Student,
// paired, one-sample; all alternatives; conf.level 0.9/0.95/0.99; mu != 0; a Student test with n = 1 vs 5.
for (const c of loadFixture("stats-ttest")) {
  test(`t test matches R: ${c.name}`, () => {
    const o = c.options;
    const r = tTest(c.data.x, c.data.y, {
      paired: o.paired,
      varEqual: o.var_equal,
      confLevel: o.conf_level,
      alternative: o.alternative,
      mu: o.mu,
      missing: "drop",
    });
    const e = c.expected;
    assert.strictEqual(r.method, e.method.trim());
    assertClose(r.t, e.t, "t");
    assertClose(r.df, e.df, "df");
    assertClose(r.pValue, e.p_value, "p");
    if (!sameInfinity(r.lower, e.lower, "lower")) assertClose(r.lower, e.lower, "lower");
    if (!sameInfinity(r.upper, e.upper, "upper")) assertClose(r.upper, e.upper, "upper");
    assertClose(r.estimate, e.estimate, "estimate");
    assertClose(r.stdErr, e.std_err, "std err");
  });
}

const X = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0, 2];
const Y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

test("missing values: throw by default; unpaired drops per sample, paired drops incomplete pairs", () => {
  assertInputError(() => tTest([...X, NaN], Y), "x", 10);
  assertInputError(() => tTest(X, [...Y, null]), "y", 10);
  const unpaired = tTest([...X, NaN], [null, ...Y], { missing: "drop" });
  assert.strictEqual(unpaired.dropped, 2);
  assertClose(unpaired.t, tTest(X, Y).t, "t after drop", 1e-14);
  const paired = tTest([...X, NaN, 1], [...Y, 2, null], { paired: true, missing: "drop" });
  assert.strictEqual(paired.dropped, 2);
  assert.strictEqual(paired.nX, 10);
  assertClose(paired.t, tTest(X, Y, { paired: true }).t, "paired t after drop", 1e-14);
  assertInputError(() => tTest([NaN, NaN], [1, 2], { missing: "drop" }), "x");
});

test("bad input: empty, too few observations, paired length mismatch, non-numbers", () => {
  assertInputError(() => tTest([], Y), "x");
  assertInputError(() => tTest(X, []), "y");
  assertInputError(() => tTest([1], Y), "x"); // Welch needs 2 per sample
  assertInputError(() => tTest(X, [1]), "y");
  assertInputError(() => tTest([1], [2], { varEqual: true }), "y"); // Student needs 3 in all
  assertInputError(() => tTest(X, Y.slice(1), { paired: true }), "y");
  assertInputError(() => tTest([1], [2], { paired: true }), "x");
  assertInputError(() => tTest([5]), "x");
  assertInputError(() => tTest(X, null, { paired: true }), "y");
  assertInputError(() => tTest([...X.slice(1), "1"], Y), "x", 9);
  assertInputError(() => tTest(X, [...Y.slice(1), -Infinity]), "y", 9);
});

test("bad input: essentially constant data (t undefined), as R's t.test", () => {
  assertInputError(() => tTest([3, 3, 3], [3, 3, 3]), "y");
  assertInputError(() => tTest([3, 3, 3]), "x");
  assertInputError(() => tTest([1, 2, 3], [0, 1, 2], { paired: true }), "x"); // constant differences
  // one sample constant, the other not: Welch is still defined (df = n_y - 1)
  const r = tTest([3, 3, 3], [1, 2, 4]);
  assertClose(r.df, 2, "df");
});

test("bad options", () => {
  assertInputError(() => tTest(X, Y, { confLevel: 1 }), "confLevel");
  assertInputError(() => tTest(X, Y, { alternative: "two-sided" as never }), "alternative");
  assertInputError(() => tTest(X, Y, { mu: NaN }), "mu");
});

test("typed arrays", () => {
  assertClose(tTest(Float64Array.from(X), Float32Array.from(Y)).t, tTest(X, Float32Array.from(Y)).t, "t", 1e-15);
});
