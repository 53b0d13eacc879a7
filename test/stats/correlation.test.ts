import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import * as ss from "simple-statistics";
import { correlation } from "../../src/stats/index";
import { midRanks, sortOrder } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-correlation.R: cor.test Pearson and Spearman (exact = FALSE) on mtcars (heavy ties,
// binary variables), airquality (NAs), cars, iris, n = 4 and n = 3 (no interval); alternatives and conf.level.
for (const c of loadFixture("stats-correlation")) {
  test(`correlation matches R: ${c.name}`, () => {
    const r = correlation(c.data.x, c.data.y, { confLevel: c.options.conf_level, alternative: c.options.alternative, missing: "drop" });
    const e = c.expected;
    assert.strictEqual(r.n, e.n);
    assertClose(r.pearson.r, e.pearson.r, "r");
    assertClose(r.pearson.t, e.pearson.t, "t");
    assertClose(r.pearson.df, e.pearson.df, "df");
    assertClose(r.pearson.pValue, e.pearson.p_value, "pearson p");
    assertClose(r.pearson.lower, e.pearson.lower, "lower");
    assertClose(r.pearson.upper, e.pearson.upper, "upper");
    assertClose(r.spearman.rho, e.spearman.rho, "rho");
    assertClose(r.spearman.s, e.spearman.s, "S");
    assertClose(r.spearman.pValue, e.spearman.p_value, "spearman p");
  });
}

const X = [1.2, 2.4, 2.4, 3.1, 4.8, 5.0, 6.3];
const Y = [2.0, 2.9, 3.5, 3.3, 5.1, 6.2, 6.0];

test("perfect correlation: t infinite when r is exactly ±1, p = 0", () => {
  const exact = correlation([1, 2, 3], [1, 2, 3]);
  assert.strictEqual(exact.pearson.r, 1);
  assert.strictEqual(exact.pearson.t, Infinity);
  assert.strictEqual(exact.pearson.pValue, 0);
  assert.strictEqual(exact.spearman.pValue, 0);
  // r rounds to 1 - 1e-16 here, in R as well (t = 8.2e7, p = 4e-24 there)
  const r = correlation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
  assertClose(r.pearson.r, 1, "r", 1e-15);
  assert.ok(r.pearson.pValue < 1e-20);
  assertClose(r.pearson.lower, 1, "lower", 1e-12);
  const neg = correlation([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], { alternative: "greater" });
  assertClose(neg.spearman.rho, -1, "rho", 1e-15);
  assertClose(neg.spearman.pValue, 1, "p greater", 1e-15);
});

test("missing values throw unless dropped (complete pairs)", () => {
  assertInputError(() => correlation([...X, NaN], [...Y, 1]), "x", 7);
  assertInputError(() => correlation([...X, 1], [...Y, null]), "y", 7);
  const r = correlation([...X, NaN, 3], [...Y, 1, undefined], { missing: "drop" });
  assert.strictEqual(r.dropped, 2);
  assertClose(r.pearson.r, correlation(X, Y).pearson.r, "r after drop", 1e-15);
});

test("bad input: length mismatch, empty, too few pairs, constant variable, options", () => {
  assertInputError(() => correlation(X, Y.slice(1)), "y");
  assertInputError(() => correlation([], []), "x");
  assertInputError(() => correlation([1, 2], [3, 4]), "x");
  assertInputError(() => correlation([1, 2, NaN, 4], [3, 4, 5, null], { missing: "drop" }), "x");
  assertInputError(() => correlation([2, 2, 2, 2], [1, 2, 3, 4]), "x");
  assertInputError(() => correlation([1, 2, 3, 4], [7, 7, 7, 7]), "y");
  assertInputError(() => correlation(X, Y, { confLevel: -0.5 }), "confLevel");
  assertInputError(() => correlation(X, Y, { alternative: "bigger" as never }), "alternative");
  assertInputError(() => correlation([...X.slice(1), "a"], Y), "x", 6);
});

test("mid-ranks: ties averaged, Spearman rho equals simple-statistics' sampleRankCorrelation", () => {
  assert.deepStrictEqual(Array.from(midRanks(Float64Array.from([3, 1, 3, 2, 3, -0, 0]))), [6, 3, 6, 4, 6, 1.5, 1.5]);
  const x = [2, 7, 7, 1, 8, 2, 2, 9, 4, 7, 3];
  const y = [1, 5, 6, 1, 9, 2, 3, 8, 4, 4, 2];
  assertClose(correlation(x, y).spearman.rho, ss.sampleRankCorrelation(x, y), "rho", 1e-14);
});

test("sort order: negatives, zeros, infinities, subnormals, large random input", () => {
  const v = [3, -1, -0, 0, -2.5, 1e-300, -1e-300, Infinity, -Infinity, 2, 5e-324, -5e-324, 3];
  const o = Array.from(sortOrder(v));
  assert.deepStrictEqual(o.map((i) => v[i]), v.slice().sort((a, b) => a - b));
  assert.ok(o.indexOf(0) < o.indexOf(12), "stable for ties");
  let seed = 7;
  const big = Float64Array.from({ length: 20000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 1e3);
  const order = sortOrder(big);
  for (let i = 1; i < big.length; i++) assert.ok(big[order[i - 1]] <= big[order[i]]);
  const ranks = midRanks(big);
  const viaSs = ss.sampleRankCorrelation(Array.from(big), Array.from(ranks));
  assertClose(viaSs, 1, "ranks are monotone in values", 1e-12);
});
