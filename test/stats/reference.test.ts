// Every value of R's reference cases that concerns src/stats (test/fixtures/r/reference-*.json, made by reference.R).
import { test } from "node:test";
import * as assert from "assert";
import { loadReference, assertClose, assertAllClose } from "../helpers/reference";
import { anovaOneWay, tukeyHSD, tTest, correlation, linearRegression } from "../../src/stats/index";

test("plantgrowth: one-way ANOVA and Tukey HSD (anova1)", () => {
  const ref = loadReference("plantgrowth");
  const e = ref.expected.anova1;
  const a = anovaOneWay(ref.data.weight, ref.data.group);
  assertClose(a.f, e.f, "F");
  assertClose(a.dfBetween, e.df_between, "df between");
  assertClose(a.dfWithin, e.df_within, "df within");
  assertClose(a.pValue, e.p_value, "p");
  const t = tukeyHSD(ref.data.weight, ref.data.group);
  assert.deepStrictEqual(t.pairs.map((p) => p.label), e.tukey.pair);
  assertAllClose(t.pairs.map((p) => p.diff), e.tukey.diff, "diff");
  assertAllClose(t.pairs.map((p) => p.lower), e.tukey.lower, "lower");
  assertAllClose(t.pairs.map((p) => p.upper), e.tukey.upper, "upper");
  assertAllClose(t.pairs.map((p) => p.pAdj), e.tukey.p_adj, "p adj");
});

// sleep.json: x is group 1's extra sleep and y group 2's (the same 10 patients), so x - y is the paired difference.
test("sleep: Welch, Student and paired t tests", () => {
  const ref = loadReference("sleep");
  const cases: [string, { paired: boolean; varEqual: boolean }][] = [
    ["welch", { paired: false, varEqual: false }],
    ["student", { paired: false, varEqual: true }],
    ["paired", { paired: true, varEqual: false }],
  ];
  for (const [key, opts] of cases) {
    const e = ref.expected[key];
    assert.strictEqual(e.paired, opts.paired);
    assert.strictEqual(e.var_equal, opts.varEqual);
    const r = tTest(ref.data.x, ref.data.y, opts);
    assertClose(r.t, e.t, `${key} t`);
    assertClose(r.df, e.df, `${key} df`);
    assertClose(r.pValue, e.p_value, `${key} p`);
    assertClose(r.lower, e.lower, `${key} lower`);
    assertClose(r.upper, e.upper, `${key} upper`);
  }
});

test("mtcars: Pearson and Spearman correlation of wt and mpg (cor)", () => {
  const ref = loadReference("mtcars");
  const e = ref.expected.cor;
  const r = correlation(ref.data.wt, ref.data.mpg);
  assertClose(r.pearson.r, e.pearson.r, "r");
  assertClose(r.pearson.pValue, e.pearson.p_value, "pearson p");
  assertClose(r.pearson.lower, e.pearson.lower, "lower");
  assertClose(r.pearson.upper, e.pearson.upper, "upper");
  assertClose(r.pearson.t, e.pearson.t, "t");
  assertClose(r.pearson.df, e.pearson.df, "df");
  assertClose(r.spearman.rho, e.spearman.rho, "rho");
  assertClose(r.spearman.pValue, e.spearman.p_value, "spearman p");
});

test("mtcars: lm(mpg ~ wt) (lm)", () => {
  const ref = loadReference("mtcars");
  const e = ref.expected.lm;
  const r = linearRegression(ref.data.wt, ref.data.mpg);
  assertClose(r.intercept, e.intercept, "intercept");
  assertClose(r.slope, e.slope, "slope");
  assertClose(r.seIntercept, e.se_intercept, "se intercept");
  assertClose(r.seSlope, e.se_slope, "se slope");
  assertClose(r.pSlope, e.p_slope, "p slope");
  assertClose(r.rSquared, e.r_squared, "R2");
});
