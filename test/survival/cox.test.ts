import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadReference, assertClose, assertAllClose, repoRoot } from "../helpers/reference";
import { InputError } from "../../src/core/index";
import { coxPH, CoxConvergenceError, type CoxPHResult } from "../../src/survival/cox";
import { proportionalHazardsTest } from "../../src/survival/cox-zph";
import { sortCoxData, fitCox } from "../../src/survival/cox-engine";
import { sortOrder } from "../../src/core/index";
import { denseRanks } from "../../src/survival/cox-order";
import { coxConcordance } from "../../src/survival/cox-concordance";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** R writes +-Inf as strings; turn them back into numbers. */
const num = (v: Json): number | null => (v === "Inf" ? Infinity : v === "-Inf" ? -Infinity : v);

function checkInfinite(actual: number, expected: Json, label: string) {
  const e = num(expected);
  if (e === Infinity || e === -Infinity || e === 0) {
    // exp() of a huge limit: R gives Inf / 0; anything beyond double range or underflowing agrees.
    if (e === 0) assertClose(actual, 0, label);
    else assert.strictEqual(actual, e, `${label}: expected ${e}, got ${actual}`);
  } else assertClose(actual, e, label);
}

test("coxPH matches R on lung (age + sex), Efron and Breslow: every reference value", () => {
  const ref = loadReference("lung");
  for (const key of ["cox_age_sex_efron", "cox_age_sex_breslow"]) {
    const ex = ref.expected[key];
    const fit = coxPH(ref.data.time, ref.data.status, ex.x, { ties: ex.ties, names: ex.names });
    assert.strictEqual(fit.ties, ex.ties);
    assert.deepStrictEqual(fit.names, ex.names);
    assertAllClose(fit.coef, ex.coef, `${key} coef`);
    assertAllClose(fit.se, ex.se, `${key} se`);
    assertAllClose(fit.hazardRatio, ex.hazard_ratio, `${key} hazard ratio`);
    assertAllClose(fit.lower, ex.lower, `${key} lower`);
    assertAllClose(fit.upper, ex.upper, `${key} upper`);
    assertAllClose(fit.z, ex.z, `${key} z`);
    assertAllClose(fit.pValue, ex.p_value, `${key} p`);
    assertClose(fit.logLikNull, ex.loglik_null, `${key} loglik null`);
    assertClose(fit.logLik, ex.loglik, `${key} loglik`);
    for (const [mine, theirs, label] of [
      [fit.lrTest, ex.lr_test, "LR"],
      [fit.waldTest, ex.wald_test, "Wald"],
      [fit.scoreTest, ex.score_test, "score"],
    ] as const) {
      if (label === "Wald") {
        // summary.coxph rounds the Wald chi-square to 2 decimals (the documented exception):
        // ours, rounded the same way, must give R's printed value; its p-value (unrounded in R) is still checked to 1e-6.
        assert.strictEqual(Math.round(mine.chiSq * 100) / 100, theirs.chi_sq, `${key} Wald chi-square ${mine.chiSq} rounds to ${theirs.chi_sq}`);
      } else {
        assertClose(mine.chiSq, theirs.chi_sq, `${key} ${label} chi-square`);
      }
      assert.strictEqual(mine.df, theirs.df, `${key} ${label} df`);
      assertClose(mine.pValue, theirs.p_value, `${key} ${label} p`);
    }
    assertClose(fit.concordance, ex.concordance, `${key} concordance`);

    const zph = proportionalHazardsTest(fit);
    assert.strictEqual(zph.transform, ex.ph_test.transform);
    // R names the columns of the matrix term X as "Xage", "Xsex".
    assert.deepStrictEqual(zph.terms.map((t) => (t === "GLOBAL" ? t : `X${t}`)), ex.ph_test.terms);
    assertAllClose(zph.chiSq, ex.ph_test.chi_sq, `${key} zph chi-square`);
    assert.deepStrictEqual(zph.df, ex.ph_test.df);
    assertAllClose(zph.pValue, ex.ph_test.p_value, `${key} zph p`);
  }
});

const fixture: Json = JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "fixtures", "r", "cox-models.json"), "utf8"));

for (const c of fixture.cases as Json[]) {
  test(`coxPH matches R: ${c.name}`, () => {
    const ex = c.expected;
    const covs: string[] = c.covariates;
    const columns: Record<string, Json[]> = {};
    for (const name of covs) columns[name] = c.data[name];
    const fit = coxPH(c.data.time, c.data.status, columns, {
      ties: c.ties,
      maxIter: c.iter_max,
      missing: ex.dropped > 0 ? "drop" : "error",
    });
    const label = c.name;
    assert.deepStrictEqual(fit.names, covs);
    assert.strictEqual(fit.n, ex.n, `${label} n`);
    assert.strictEqual(fit.nEvent, ex.nevent, `${label} events`);
    assert.strictEqual(fit.dropped, ex.dropped, `${label} dropped`);
    assert.strictEqual(fit.iterations, ex.iter, `${label} iterations`);
    assertAllClose(fit.coef, ex.coef, `${label} coef`);
    assertAllClose(fit.se, ex.se, `${label} se`);
    fit.hazardRatio.forEach((v, i) => checkInfinite(v, ex.hazard_ratio[i], `${label} hazard ratio[${i}]`));
    fit.lower.forEach((v, i) => checkInfinite(v, ex.lower[i], `${label} lower[${i}]`));
    fit.upper.forEach((v, i) => checkInfinite(v, ex.upper[i], `${label} upper[${i}]`));
    assertAllClose(fit.z, ex.z, `${label} z`);
    assertAllClose(fit.pValue, ex.p_value, `${label} p`);
    fit.variance.forEach((row, i) => assertAllClose(row, ex.var[i], `${label} var[${i}]`));
    assertAllClose(fit.means, ex.means, `${label} means`);
    assertClose(fit.logLikNull, ex.loglik_null, `${label} loglik null`);
    assertClose(fit.logLik, ex.loglik, `${label} loglik`);
    for (const [mine, theirs, name] of [
      [fit.lrTest, ex.lr_test, "LR"],
      [fit.waldTest, ex.wald_test, "Wald"],
      [fit.scoreTest, ex.score_test, "score"],
    ] as const) {
      assertClose(mine.chiSq, theirs.chi_sq, `${label} ${name} chi-square`);
      assert.strictEqual(mine.df, theirs.df, `${label} ${name} df`);
      assertClose(mine.pValue, theirs.p_value, `${label} ${name} p`);
    }
    // Concordance: R's coxph takes fit$linear.predictors from OpenBLAS, whose SIMD kernel can
    // put identical covariate rows 1 ulp apart (then not "tied.x"). We score identical rows
    // identically, as R does when the predictor is summed column by column (the *_plain_lp
    // values, from concordancefit on that predictor). Where the two R values agree (all cases
    // but one), this checks coxph's own value too.
    const counts = (cc: Json) => ({ concordant: cc.concordant, discordant: cc.discordant, tiedX: cc.tied_x, tiedY: cc.tied_y, tiedXY: cc.tied_xy });
    assertClose(fit.concordance, ex.concordance_plain_lp, `${label} concordance`);
    assert.deepStrictEqual(fit.concordanceCounts, counts(ex.concordance_counts_plain_lp));
    if (ex.concordance === ex.concordance_plain_lp) {
      assertClose(fit.concordance, ex.concordance, `${label} coxph concordance`);
      assert.deepStrictEqual(fit.concordanceCounts, counts(ex.concordance_counts));
    } else {
      // Only tie counting may differ: same comparable pairs.
      const a = ex.concordance_counts;
      const b = ex.concordance_counts_plain_lp;
      assert.strictEqual(a.concordant + a.discordant + a.tied_x, b.concordant + b.discordant + b.tied_x, `${label} comparable pairs`);
    }
    assert.strictEqual(fit.warnings.length, ex.warnings.length, `${label} warnings: ${fit.warnings} vs ${ex.warnings}`);

    const zph = proportionalHazardsTest(fit);
    assert.deepStrictEqual(zph.terms, ex.ph_test.terms);
    assertAllClose(zph.chiSq, ex.ph_test.chi_sq, `${label} zph chi-square`);
    assert.deepStrictEqual(zph.df, ex.ph_test.df);
    assertAllClose(zph.pValue, ex.ph_test.p_value, `${label} zph p`);
  });
}

test("step halving is exercised, as in R (same iteration counts)", () => {
  const c = (fixture.cases as Json[]).find((k) => k.name === "step halving (8 halvings)");
  const d = sortCoxData(Float64Array.from(c.data.time), Uint8Array.from(c.data.status), [Float64Array.from(c.data.x), Float64Array.from(c.data.z)], true);
  const f = fitCox(d, true, 30, 1e-9, Math.pow(Number.EPSILON, 0.75));
  assert.ok(f.converged);
  assert.strictEqual(f.halvings, 8);
  assert.strictEqual(f.iterations, c.expected.iter);
});

test("non-convergence throws CoxConvergenceError naming the covariate (R warns: ran out of iterations)", () => {
  const c = (fixture.cases as Json[]).find((k) => k.name === "step halving (8 halvings)");
  assert.deepStrictEqual(fixture.nonconvergence.warnings, ["Ran out of iterations and did not converge"]);
  assert.throws(
    () => coxPH(c.data.time, c.data.status, { x: c.data.x, z: c.data.z }, { maxIter: fixture.nonconvergence.iter_max }),
    (e: unknown) => e instanceof CoxConvergenceError && /did not converge in 3 iterations/.test(e.message) && /covariates\.x/.test(e.message) && e.iterations === 3,
  );
});

test("a separating covariate converges with R's 'coefficient may be infinite' warning naming it", () => {
  const c = (fixture.cases as Json[]).find((k) => k.name.startsWith("separating"));
  const fit = coxPH(c.data.time, c.data.status, { x: c.data.x, z: c.data.z });
  assert.deepStrictEqual(fit.warnings, ["Loglik converged before variable x; coefficient may be infinite."]);
});

// ---- shapes and inputs ----

const lung = loadReference("lung");
const lungRows: number[][] = lung.expected.cox_age_sex_efron.x;

test("rows and columns give the same fit; typed arrays and booleans are accepted", () => {
  const byRows = coxPH(lung.data.time, lung.data.status, lungRows, { names: ["age", "sex"] });
  const byCols = coxPH(Float64Array.from(lung.data.time), lung.data.status.map((s: number) => s === 1), {
    age: Float64Array.from(lung.data.age),
    sex: lung.data.sex,
  });
  assert.deepStrictEqual(byCols.coef, byRows.coef);
  assert.deepStrictEqual(byCols.names, ["age", "sex"]);
  assert.deepStrictEqual(coxPH(lung.data.time, lung.data.status, lungRows).names, ["x1", "x2"]);
});

test("result is plain JSON; the data for the PH test stays out of it", () => {
  const fit = coxPH(lung.data.time, lung.data.status, lungRows, { names: ["age", "sex"] });
  const copy = JSON.parse(JSON.stringify(fit)) as CoxPHResult;
  assert.strictEqual("model" in copy, false);
  assert.deepStrictEqual(copy.coef, fit.coef);
  assert.throws(() => proportionalHazardsTest(copy), (e: unknown) => e instanceof InputError && e.argument === "fit");
});

test("confLevel changes only the limits", () => {
  const fit = coxPH(lung.data.time, lung.data.status, lungRows, { confLevel: 0.9 });
  const q = 1.6448536269514722;
  assertClose(fit.lower[1], Math.exp(fit.coef[1] - q * fit.se[1]), "lower 90%");
  assert.strictEqual(fit.confLevel, 0.9);
});

test("missing values throw with their row, or are dropped and counted", () => {
  const time = [5, 6, 7, 8, 9, 10];
  const event = [1, 0, 1, 1, 0, 1];
  const x = [1, 2, null, 4, 3, 0];
  assert.throws(() => coxPH(time, event, { x }), (e: unknown) => e instanceof InputError && /covariates\.x\[2\] = null: is missing/.test(e.message));
  assert.throws(() => coxPH([5, NaN, 7], [1, 1, 1], [[1], [2], [3]]), /time\[1\] = NaN: is missing/);
  const fit = coxPH(time, event, { x }, { missing: "drop" });
  assert.strictEqual(fit.dropped, 1);
  assert.strictEqual(fit.n, 5);
  const same = coxPH([5, 6, 8, 9, 10], [1, 0, 1, 0, 1], { x: [1, 2, 4, 3, 0] });
  assert.deepStrictEqual(fit.coef, same.coef);
});

test("bad input throws InputError naming the argument and index", () => {
  const t = [1, 2, 3, 4];
  const e = [1, 0, 1, 1];
  const rows = [[1], [2], [0], [5]];
  const cases: Array<[() => unknown, RegExp]> = [
    [() => coxPH([], [], []), /time: is empty/],
    [() => coxPH(t, [1, 0, 1], rows), /event: has length 3 but time has length 4/],
    [() => coxPH(t, e, [[1], [2], [3]]), /covariates: has 3 rows but time has length 4/],
    [() => coxPH(t, e, { x: [1, 2, 3] }), /covariates\.x: has length 3 but time has length 4/],
    [() => coxPH([1, -2, 3, 4], e, rows), /time\[1\] = -2: must be a non-negative time/],
    [() => coxPH([1, Infinity, 3, 4], e, rows), /time\[1\] = Infinity: must be a finite number/],
    [() => coxPH(t, [1, 2, 1, 1], rows), /event\[1\] = 2: must be 0 \(censored\) or 1 \(event\)/],
    [() => coxPH(t, e, [[1], [2], ["a"], [5]]), /covariates\.x1\[2\] = "a": must be a finite number/],
    [() => coxPH(t, e, [[1], [2, 3], [0], [5]]), /covariates\[1\] = "\[2, 3\]": must be a row of 1 covariate values/],
    [() => coxPH(t, e, [[], [], [], []]), /covariates\[0\].*needs at least one covariate/],
    [() => coxPH(t, e, {}), /covariates.*needs at least one covariate column/],
    [() => coxPH(t, e, 3 as never), /covariates.*must be an array of rows/],
    [() => coxPH(t, [0, 0, 0, 0], rows), /event.*has no events/],
    [() => coxPH(t, e, rows, { ties: "exact" as never }), /ties.*must be "efron" or "breslow"/],
    [() => coxPH(t, e, rows, { confLevel: 95 }), /confLevel.*between 0 and 1/],
    [() => coxPH(t, e, rows, { maxIter: -1 }), /maxIter.*non-negative integer/],
    [() => coxPH(t, e, rows, { maxIter: 1.5 }), /maxIter.*non-negative integer/],
    [() => coxPH(t, e, rows, { tol: 0 }), /tol.*between 0 and 1/],
    [() => coxPH(t, e, rows, { missing: "omit" as never }), /missing.*"error" or "drop"/],
    [() => coxPH(t, e, rows, { names: ["a", "b"] }), /names.*array of 1 names/],
    [() => coxPH(t, e, [[1, 2], [2, 1], [0, 3], [5, 1]], { names: ["a", "a"] }), /names\[1\] = "a": is a duplicate name/],
    [() => coxPH([1, null, 3, 4], e, rows, { missing: "drop" }).n === 3 && coxPH([null, null, null, null], e, rows, { missing: "drop" }), /no rows left/],
  ];
  for (const [fn, pattern] of cases) {
    assert.throws(fn, (err: unknown) => err instanceof InputError && pattern.test(err.message), `expected ${pattern}`);
  }
});

test("a constant covariate is named as the cause of a singular design", () => {
  const rows = lungRows.map((r) => [r[0], 1, r[1]]);
  assert.throws(
    () => coxPH(lung.data.time, lung.data.status, rows, { names: ["age", "one", "sex"] }),
    (e: unknown) => e instanceof InputError && e.argument === "covariates.one" && /is constant/.test(e.message) && /singular/.test(e.message),
  );
});

test("collinear covariates are named as the cause of a singular design", () => {
  const rows = lungRows.map((r) => [r[0], r[1], 2 * r[0] - 3 * r[1] + 1]);
  assert.throws(
    () => coxPH(lung.data.time, lung.data.status, rows, { names: ["age", "sex", "combo"] }),
    (e: unknown) => e instanceof InputError && e.argument === "covariates.combo" && /singular/.test(e.message),
  );
  // A binary column duplicated.
  assert.throws(
    () => coxPH(lung.data.time, lung.data.status, { sex: lung.data.sex, sex2: lung.data.sex }),
    (e: unknown) => e instanceof InputError && e.argument === "covariates.sex2",
  );
  // Constant within every risk set: non-zero only for a subject censored before the first event.
  const time = [1, 2, 3, 4, 5, 6];
  const event = [0, 1, 1, 0, 1, 1];
  assert.throws(
    () => coxPH(time, event, { age: [50, 61, 45, 70, 52, 66], early: [1, 0, 0, 0, 0, 0] }),
    (e: unknown) => e instanceof InputError && e.argument === "covariates.early",
  );
});

test("sortOrder is a stable ascending order, like R's order()", () => {
  const small = [3, 1, 2, 1, -0, 0, -5.5];
  assert.deepStrictEqual(Array.from(sortOrder(small)), [6, 4, 5, 1, 3, 2, 0]);
  const n = 5000;
  const values = Float64Array.from({ length: n }, (_, i) => (((i * 7919) % 997) - 500) / 7 + (i % 3 === 0 ? 1e-300 : 0));
  const ord = sortOrder(values);
  for (let k = 1; k < n; k++) {
    const a = values[ord[k - 1]];
    const b = values[ord[k]];
    assert.ok(a < b || (a === b && ord[k - 1] < ord[k]), `position ${k}`);
  }
});

test("denseRanks ranks repeated values, treats -0 as 0, and gives up past maxDistinct", () => {
  const r = denseRanks(Float64Array.of(2.5, 1, 2.5, 7, -0, 0, -3), 10);
  assert.ok(r);
  assert.deepStrictEqual(Array.from(r.ranks), [4, 3, 4, 5, 2, 2, 1]);
  assert.strictEqual(r.distinct, 5);
  assert.strictEqual(denseRanks(Float64Array.of(1, 2, 3), 2), null);
});

test("counting-sort and radix-sort paths give the same sorted data and concordance", () => {
  const c = (fixture.cases as Json[]).find((k) => k.name.startsWith("simulated 1500, efron"));
  const t = Float64Array.from(c.data.time);
  const s = Uint8Array.from(c.data.status);
  const cols = c.covariates.map((name: string) => Float64Array.from(c.data[name]));
  const viaCount = sortCoxData(t, s, cols, true);
  const viaRadix = sortCoxData(t, s, cols, true, 0);
  assert.ok(viaCount.groups < 1024);
  assert.deepStrictEqual(viaRadix, viaCount);
  const lp = Float64Array.from({ length: t.length }, (_, k) => viaCount.x[3 * k] * 0.6 + viaCount.x[3 * k + 1] * 0.02);
  assert.deepStrictEqual(
    coxConcordance(viaCount.status, lp, viaCount.groupStart, viaCount.groups, 0),
    coxConcordance(viaCount.status, lp, viaCount.groupStart, viaCount.groups),
  );
});
