import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { logisticRegression } from "../../src/stats/index";
import { loadFixture, asArray, assertInputError } from "../survival/fixture";

// test/fixtures/r/stats-logistic.R: glm(binomial) with summary(), vcov(), confint.default().
for (const c of loadFixture("stats-logistic")) {
  test(`glm(binomial) cross-check: ${c.name}`, () => {
    const X: Record<string, unknown[]> = {};
    for (const key of Object.keys(c.data.X)) X[key] = asArray(c.data.X[key]);
    const fit = logisticRegression(asArray(c.data.y), X, {
      weights: c.data.weights === null ? undefined : asArray(c.data.weights),
      intercept: c.data.intercept,
      missing: c.data.missing,
    });
    const e = c.expected;
    assert.deepStrictEqual(fit.names, asArray(e.names));
    assert.strictEqual(fit.iterations, e.iterations, "iterations");
    assert.strictEqual(fit.converged, e.converged, "converged");
    assert.deepStrictEqual(fit.warnings, asArray(e.warnings), "warnings");
    assertAllClose(fit.fitted, asArray(e.fitted), "fitted");
    assertClose(fit.deviance, e.deviance, "deviance");
    assertClose(fit.nullDeviance, e.null_deviance, "null deviance");
    assert.strictEqual(fit.dfResidual, e.df_residual);
    assert.strictEqual(fit.dfNull, e.df_null);
    assertClose(fit.aic, e.aic, "aic");
    assertClose(fit.logLik, e.loglik, "logLik");
    // Separation included: the coefficients run off towards infinity and both stop at the same
    // iteration by R's criterion (agreement about 1e-10 there, 1e-15 elsewhere).
    assertAllClose(fit.coef, asArray(e.coef), "coef");
    assertAllClose(fit.se, asArray(e.se), "se");
    assertAllClose(fit.z, asArray(e.z), "z");
    assertAllClose(fit.pValue, asArray(e.p), "p");
    assertAllClose(fit.lower, asArray(e.lower), "lower");
    assertAllClose(fit.upper, asArray(e.upper), "upper");
    assertAllClose(fit.variance.flat(), asArray(e.variance), "variance");
    assertAllClose(fit.linearPredictor, asArray(e.linear_predictor), "linear predictor");
    assertAllClose(fit.oddsRatio, asArray(e.coef).map(Math.exp), "odds ratio");
  });
}

test("logisticRegression: rows or columns, booleans, JSON round trip", () => {
  const y = [true, false, true, true, false, false, true, false];
  const x = [1, 2, 3, 4, 5, 6, 2.5, 3.5];
  const byColumn = logisticRegression(y, { x });
  const byRow = logisticRegression(y, x.map((v) => [v]), { names: ["x"] });
  assert.deepStrictEqual(byRow, byColumn);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(byColumn)), byColumn);
  assert.strictEqual(byColumn.method.includes("Wald"), true);
});

test("logisticRegression bad input names the argument and row", () => {
  const x = [1, 2, 3, 4];
  assertInputError(() => logisticRegression([0, 1, 2, 1], { x }), "y", 2);
  assertInputError(() => logisticRegression([0, 1, "1", 1], { x }), "y", 2);
  assertInputError(() => logisticRegression([0, 1, null, 1], { x }), "y", 2);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x: [1, 2, NaN, 4] }), "X.x", 2);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x: [1, 2, 3] }), "X.x", null);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x }, { weights: [1, -1, 1, 1] }), "weights", 1);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x }, { weights: [0, 0, 0, 0] }), "weights", null);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x }, { weights: [1, 1, 1] }), "weights", null);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x, x2: x.map((v) => 2 * v) }), "X.x2", null);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { c: [3, 3, 3, 3] }), "X.c", null);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x }, { names: ["a", "b"] }), "names", null);
  assertInputError(() => logisticRegression([0, 1, 0, 1], { x }, { confLevel: 95 }), "confLevel", null);
  assertInputError(() => logisticRegression([0, 1, 0, 1], [[1], [2, 3], [3], [4]]), "X", 1);
  const dropped = logisticRegression([0, 1, null, 1, 0, 1, 0], { x: [1, 2, 3, NaN, 5, 2, 4] }, { missing: "drop" });
  assert.strictEqual(dropped.dropped, 2);
  assert.strictEqual(dropped.n, 5);
});
