import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { assertLogisticFitMatchesR } from "../helpers/logistic-fit";
import { firthLogistic, logisticRegression } from "../../src/stats/index";
import { loadFixture, asArray, assertInputError } from "../survival/fixture";

// test/fixtures/r/stats-firth-logistic.R: brglm2 0.9, glm(..., method = "brglmFit", type = "AS_mean").
const fixture = loadFixture("stats-firth-logistic");
const TOL = 1e-8;
for (const c of fixture.cases) {
  test(`firthLogistic = brglm2 AS_mean: ${c.name}`, () => {
    const X: Record<string, unknown[]> = {};
    for (const key of Object.keys(c.data.X)) X[key] = asArray(c.data.X[key]);
    const fit = firthLogistic(asArray(c.data.y), X, {
      weights: c.data.weights === null ? undefined : asArray(c.data.weights),
      offset: c.data.offset === null ? undefined : asArray(c.data.offset),
      intercept: c.data.intercept,
    });
    const e = c.expected;
    assertLogisticFitMatchesR(fit, e, TOL);
    assertClose(fit.penalisedLogLik, e.penalised_loglik, "penalised logLik", TOL);
  });
}

test("firthLogistic: finite estimates under complete and quasi-complete separation, where glm's do not converge to a finite value", () => {
  for (const name of ["complete separation", "quasi-separated binary level", "windows with multiplicities, empty binary level"]) {
    const c = fixture.cases.find((x: { name: string }) => x.name === name);
    const X: Record<string, unknown[]> = {};
    for (const key of Object.keys(c.data.X)) X[key] = asArray(c.data.X[key]);
    const weights = c.data.weights === null ? undefined : asArray(c.data.weights);
    const firth = firthLogistic(asArray(c.data.y), X, { weights });
    const ml = logisticRegression(asArray(c.data.y), X, { weights });
    assert.ok(firth.converged && firth.coef.every(Number.isFinite) && firth.se.every(Number.isFinite), `${name}: Firth finite`);
    // ML runs off: its largest |coef| is many times Firth's, its smallest fitted probability far below Firth's
    const largest = (v: number[]) => Math.max(...v.map(Math.abs));
    assert.ok(largest(ml.coef) > 2 * largest(firth.coef), `${name}: ML ${largest(ml.coef)} vs Firth ${largest(firth.coef)}`);
    const smallest = (mu: number[]) => Math.min(...mu.map((m) => Math.min(m, 1 - m)));
    assert.ok(smallest(firth.fitted) > 1e-8 && smallest(ml.fitted) < 1e-8, `${name}: smallest fitted probability`);
  }
});

test("firthLogistic: the estimate is a maximum of the penalised log-likelihood and differs from ML where ML exists", () => {
  const c = fixture.cases[0]; // mtcars
  const X = { hp: asArray(c.data.X.hp) as number[], wt: asArray(c.data.X.wt) as number[] };
  const y = asArray(c.data.y) as number[];
  const fit = firthLogistic(y, X);
  // penalised log-likelihood at beta + small perturbations, with offsets carrying the perturbation
  const at = (delta: number[]) => {
    const offset = y.map((_, i) => delta[0] + delta[1] * X.hp[i] + delta[2] * X.wt[i]);
    const mu = y.map((_, i) => 1 / (1 + Math.exp(-(fit.linearPredictor[i] + offset[i]))));
    let ll = 0;
    const info = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    y.forEach((yi, i) => {
      ll += yi * Math.log(mu[i]) + (1 - yi) * Math.log(1 - mu[i]);
      const x = [1, X.hp[i], X.wt[i]];
      const v = mu[i] * (1 - mu[i]);
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) info[a * 3 + b] += v * x[a] * x[b];
    });
    const [a, b, cc, d, e, f, g, h, k] = info;
    const det = a * (e * k - f * h) - b * (d * k - f * g) + cc * (d * h - e * g);
    return ll + 0.5 * Math.log(det);
  };
  const top = at([0, 0, 0]);
  assertClose(top, fit.penalisedLogLik, "penalised logLik recomputed", 1e-10);
  for (const d of [[1e-3, 0, 0], [-1e-3, 0, 0], [0, 1e-5, 0], [0, -1e-5, 0], [0, 0, 1e-3], [0, 0, -1e-3]]) assert.ok(at(d) < top, `perturbation ${d}`);
  const ml = logisticRegression(y, X);
  assert.ok(Math.abs(fit.coef[2]) < Math.abs(ml.coef[2]) - 1, "Firth shrinks the ML estimate toward 0");
});

test("firthLogistic: integer case weights equal repeated rows", () => {
  const c = fixture.cases.find((x: { name: string }) => x.name === "integer case weights");
  const y = asArray(c.data.y) as number[];
  const x = asArray(c.data.X.x) as number[];
  const m = asArray(c.data.weights) as number[];
  const weighted = firthLogistic(y, { x }, { weights: m });
  const ry: number[] = [];
  const rx: number[] = [];
  y.forEach((yi, i) => {
    for (let k = 0; k < m[i]; k++) {
      ry.push(yi);
      rx.push(x[i]);
    }
  });
  const repeated = firthLogistic(ry, { x: rx });
  assertAllClose(weighted.coef, repeated.coef, "coef", 1e-10);
  assertAllClose(weighted.se, repeated.se, "se", 1e-10);
  assertClose(weighted.penalisedLogLik, repeated.penalisedLogLik, "penalised logLik", 1e-10);
});

test("firthLogistic: not converging is reported, not hidden", () => {
  const c = fixture.cases[0];
  const fit = firthLogistic(asArray(c.data.y), { hp: asArray(c.data.X.hp), wt: asArray(c.data.X.wt) }, { maxIter: 2 });
  assert.strictEqual(fit.converged, false);
  assert.strictEqual(fit.iterations, 2);
  assert.ok(/did not converge/.test(fit.warnings[0]));
});

test("firthLogistic: bad input names the argument and row", () => {
  const x = [1, 2, 3, 4, 5, 6];
  const y = [0, 0, 1, 0, 1, 1];
  assertInputError(() => firthLogistic([0, 0, 2, 0, 1, 1], { x }), "y", 2);
  assertInputError(() => firthLogistic(y, { x: [1, 2, NaN, 4, 5, 6] }), "X.x", 2);
  assertInputError(() => firthLogistic(y, { x: [1, 2, "a", 4, 5, 6] }), "X.x", 2);
  assertInputError(() => firthLogistic(y, { x }, { weights: [1, 1, 1, -1, 1, 1] }), "weights", 3);
  assertInputError(() => firthLogistic(y, { x }, { weights: [0, 0, 0, 0, 0, 0] }), "weights");
  assertInputError(() => firthLogistic(y, { x }, { offset: [0, 0, 0, Infinity, 0, 0] }), "offset", 3);
  assertInputError(() => firthLogistic(y, { x }, { offset: [0, 0] }), "offset");
  assertInputError(() => firthLogistic(y, { x, x2: x.map((v) => 2 * v) }), "X.x2");
  assertInputError(() => firthLogistic(y, { c: [3, 3, 3, 3, 3, 3] }), "X.c");
  assertInputError(() => firthLogistic(y, { x }, { confLevel: 1 }), "confLevel");
  assertInputError(() => firthLogistic(y, { x }, { tolerance: 0 }), "tolerance");
  assertInputError(() => firthLogistic(y, {}, { intercept: false }), "X");
  // missing values: an error by default, dropped on request
  assertInputError(() => firthLogistic([0, 0, 1, null, 1, 1], { x }), "y", 3);
  const dropped = firthLogistic([0, 0, 1, null, 1, 1], { x }, { missing: "drop" });
  assert.strictEqual(dropped.n, 5);
  assert.strictEqual(dropped.dropped, 1);
});
