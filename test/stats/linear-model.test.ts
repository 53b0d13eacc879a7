import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { anovaTable, anovaTwoWay, linearModel, linearModelContrast } from "../../src/stats/index";
import { loadFixture, assertInputError } from "./fixtures";

// test/fixtures/r/stats-linear-model.R: summary(lm()), confint() and anova() on mtcars, npk, warpbreaks,
// ToothGrowth, iris, airquality (NAs), CO2, InsectSprays, cars: covariates, factors, interactions,
// no intercept, log()/I()/sqrt()/factor() terms and rank-deficient designs (NA coefficients).
const cases = loadFixture("stats-linear-model");
for (const c of cases) {
  test(`linear model matches R: ${c.name} (${c.formula})`, () => {
    const fit = linearModel(c.data, c.formula, { missing: c.missing, levels: c.levels ?? undefined });
    const e = c.expected;
    assert.deepStrictEqual(fit.terms, e.terms, "term labels");
    assert.deepStrictEqual(
      fit.coefficients.map((k) => k.name),
      e.coefficients.map((k: { name: string }) => k.name),
      "coefficient names",
    );
    for (let i = 0; i < e.coefficients.length; i++) {
      const ec = e.coefficients[i];
      const ac = fit.coefficients[i];
      assert.strictEqual(ac.aliased, ec.estimate === null, `${ec.name} aliased`);
      assertClose(ac.estimate, ec.estimate, `${ec.name} estimate`);
      assertClose(ac.se, ec.se, `${ec.name} se`);
      assertClose(ac.t, ec.t, `${ec.name} t`);
      assertClose(ac.pValue, ec.p_value, `${ec.name} p`);
      assertClose(ac.lower, ec.lower, `${ec.name} lower`);
      assertClose(ac.upper, ec.upper, `${ec.name} upper`);
    }
    assertClose(fit.sigma, e.sigma, "sigma");
    assert.strictEqual(fit.dfResidual, e.df_residual);
    assert.strictEqual(fit.rank, e.rank);
    assert.strictEqual(fit.n, e.n);
    assertClose(fit.rSquared, e.r_squared, "R2");
    assertClose(fit.adjRSquared, e.adj_r_squared, "adj R2");
    if (e.f === null) assert.strictEqual(fit.fStatistic, null);
    else {
      const f = fit.fStatistic;
      assert.ok(f !== null);
      assertClose(f.value, e.f.value, "F");
      assert.strictEqual(f.df1, e.f.df1);
      assert.strictEqual(f.df2, e.f.df2);
      assertClose(f.pValue, e.f.p_value, "F p");
    }
    assertAllClose(fit.fitted, e.fitted, "fitted");
    assertAllClose(fit.residuals, e.residuals, "residuals");
    const table = anovaTable(fit);
    assert.deepStrictEqual(
      table.terms.map((t) => t.name),
      e.anova.map((t: { name: string }) => t.name),
      "ANOVA rows (fully aliased terms left out, as R)",
    );
    table.terms.forEach((t, i) => {
      const et = e.anova[i];
      assert.strictEqual(t.df, et.df, `${t.name} df`);
      assertClose(t.sumSq, et.sum_sq, `${t.name} SS`);
      assertClose(t.meanSq, et.mean_sq, `${t.name} MS`);
      assertClose(t.f, et.f, `${t.name} F`);
      assertClose(t.pValue, et.p_value, `${t.name} p`);
    });
    assert.strictEqual(table.residual.df, e.residual.df);
    assertClose(table.residual.sumSq, e.residual.sum_sq, "residual SS");
  });
}

test("rows and columns give the same fit; levels order sets the reference level", () => {
  const c = cases.find((k: { name: string }) => k.name === "npk randomized blocks");
  const cols = c.data as Record<string, unknown[]>;
  const rows = cols.yield.map((_, i) => Object.fromEntries(Object.keys(cols).map((k) => [k, cols[k][i]])));
  const a = linearModel(cols, c.formula);
  const b = linearModel(rows, c.formula);
  assert.deepStrictEqual(b.coefficients, a.coefficients);
  const relevelled = linearModel(cols, "yield ~ block + N", { levels: { N: ["1", "0"] } });
  const n0 = relevelled.coefficients.find((k) => k.name === "N0");
  const n1 = linearModel(cols, "yield ~ block + N").coefficients.find((k) => k.name === "N1");
  assert.ok(n0 && n1);
  assertClose(n0.estimate, -(n1.estimate as number), "N0 = -N1", 1e-12);
});

test("default levels: numbers by value, text by code point; options.factors makes a numeric column a factor", () => {
  const data = { y: [3, 5, 4, 9, 11, 10, 20, 21, 19, 2.5], dose: [0, 0, 0, 2, 2, 2, 10, 10, 10, 0], line: ["b", "a", "B", "b", "a", "B", "b", "a", "B", "a"] };
  const fit = linearModel(data, "y ~ dose + line", { factors: ["dose"] });
  assert.deepStrictEqual(fit.coefficients.map((k) => k.name), ["(Intercept)", "dose2", "dose10", "linea", "lineb"]);
  assert.deepStrictEqual(fit.levels, { dose: ["0", "2", "10"], line: ["B", "a", "b"] });
  const numeric = linearModel(data, "y ~ dose + line");
  assert.deepStrictEqual(numeric.coefficients.map((k) => k.name), ["(Intercept)", "dose", "linea", "lineb"]);
  const viaFactor = linearModel(data, "y ~ factor(dose) + line");
  assert.deepStrictEqual(viaFactor.coefficients.map((k) => k.name), ["(Intercept)", "factor(dose)2", "factor(dose)10", "linea", "lineb"]);
  assertClose(viaFactor.coefficients[2].estimate, fit.coefficients[2].estimate as number, "same fit", 1e-12);
});

test("anovaTable equals anovaTwoWay on the two-way fixture designs", () => {
  for (const c of loadFixture("stats-anova-twoway")) {
    const two = anovaTwoWay(c.data.y, c.data.a, c.data.b, { levelsA: c.data.levels_a, levelsB: c.data.levels_b });
    const table = anovaTable(linearModel({ y: c.data.y, a: c.data.a, b: c.data.b }, "y ~ a * b", { levels: { a: c.data.levels_a, b: c.data.levels_b } }));
    for (const t of two.terms) {
      const row = table.terms.find((r) => r.name === t.name);
      if (t.df === 0) {
        assert.strictEqual(row, undefined, `${c.name} ${t.name} aliased`);
        continue;
      }
      assert.ok(row, `${c.name} ${t.name}`);
      assertClose(row.sumSq, t.sumSq, `${c.name} ${t.name} SS`, 1e-10);
      assertClose(row.f, t.f, `${c.name} ${t.name} F`, 1e-10);
    }
    assertClose(table.residual.sumSq, two.residual.sumSq, `${c.name} residual`, 1e-10);
  }
});

test("linearModelContrast: a sum of coefficients equals the reparametrised model's coefficient", () => {
  const c = cases.find((k: { name: string }) => k.name === "warpbreaks wool*tension");
  const fit = linearModel(c.data, c.formula, { levels: c.levels });
  // tension H vs L within wool B = tensionH + woolB:tensionH
  const con = linearModelContrast(fit, { tensionH: 1, "woolB:tensionH": 1 });
  const levels = { ...c.levels, wool: ["B", "A"] };
  const other = linearModel(c.data, c.formula, { levels }).coefficients.find((k) => k.name === "tensionH");
  assert.ok(other);
  assertClose(con.estimate, other.estimate as number, "estimate", 1e-10);
  assertClose(con.se, other.se as number, "se", 1e-10);
  assertClose(con.pValue, other.pValue as number, "p", 1e-10);
  assertClose(con.lower, other.lower as number, "lower", 1e-10);
  assertInputError(() => linearModelContrast(fit, { nope: 1 }), "weights");
  const npk = cases.find((k: { name: string }) => k.name === "npk randomized blocks");
  assertInputError(() => linearModelContrast(linearModel(npk.data, npk.formula), { "N1:P1:K1": 1 }), "weights");
});

test("missing values: error naming column and row, or dropped", () => {
  const data = { y: [1, 2, 3, 4, null, 6, 7.5], x: [1, 2, 3, 4, 5, NaN, 7], g: ["a", "b", "a", "b", "a", "b", undefined] };
  assertInputError(() => linearModel(data, "y ~ x"), "y", 4);
  assertInputError(() => linearModel(data, "x ~ g"), "x", 5);
  const fit = linearModel(data, "y ~ x + g", { missing: "drop" });
  assert.strictEqual(fit.n, 4);
  assert.strictEqual(fit.dropped, 3);
  assert.deepStrictEqual(Array.from(fit.rows), [0, 1, 2, 3]);
  // only the columns the formula uses count
  assert.strictEqual(linearModel(data, "x ~ 1", { missing: "drop" }).n, 6);
});

test("bad input: formula syntax, unknown column, text response, one-level factor, mixed column, no residual df", () => {
  const data = { y: [1, 2.5, 3, 4.5, 5], x: [1, 2, 3, 4, 5], g: ["a", "a", "a", "a", "a"], h: ["a", "b", "a", "b", "a"], m: [1, "2", 3, 4, 5] };
  assertInputError(() => linearModel(data, "y ~ x +"), "formula");
  assertInputError(() => linearModel(data, "y x"), "formula");
  assertInputError(() => linearModel(data, "~ x"), "formula");
  assertInputError(() => linearModel(data, "y ~ z"), "formula");
  assertInputError(() => linearModel(data, "y ~ mean(x)"), "formula");
  assertInputError(() => linearModel(data, "y ~ x + (1 | h)"), "formula");
  assertInputError(() => linearModel(data, "h ~ x"), "h", 0);
  assertInputError(() => linearModel(data, "y ~ g"), "g");
  assertInputError(() => linearModel(data, "y ~ m"), "m", 1);
  assertInputError(() => linearModel(data, "y ~ log(x - 1)"), "log(x - 1)", 0);
  assertInputError(() => linearModel(data, "y ~ log(h)"), "h", 0);
  assertInputError(() => linearModel({ y: [1, 2], x: [1, 3] }, "y ~ x"), "data");
  assertInputError(() => linearModel({ y: [1, 2, 3], x: [1, 3] }, "y ~ x"), "x");
  assertInputError(() => linearModel(data, "y ~ h", { levels: { h: ["a"] } }), "h", 1);
  assertInputError(() => linearModel(data, "y ~ x", { factors: ["nope"] }), "factors");
  assertInputError(() => linearModel(data, "y ~ 0"), "formula");
  assertInputError(() => linearModel(data, "y ~ x", { confLevel: 1 }), "confLevel");
  assertInputError(() => linearModel([], "y ~ x"), "data");
});

test("exact fit: R² = 1 and a residual sum of squares at rounding level", () => {
  const fit = linearModel({ y: [1, 3, 5, 7, 9.5], x: [0, 1, 2, 3, 4.25] }, "y ~ x");
  assert.ok(fit.rss < 1e-25, `rss ${fit.rss}`);
  assertClose(fit.rSquared, 1, "R2", 1e-12);
  assertClose(fit.coefficients[1].estimate, 2, "slope", 1e-12);
});
