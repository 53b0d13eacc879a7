import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { assertLogisticFitMatchesR } from "../helpers/logistic-fit";
import { firthLogistic, flicLogistic, flicIntercept } from "../../src/stats/index";
import { FitError } from "../../src/stats/fit-error";
import { loadFixture, asArray, assertInputError } from "../survival/fixture";

// test/fixtures/r/stats-flic-logistic.R: brglm2 0.9 AS_mean, then glm(y ~ 1, offset = Firth's linear predictor without intercept).
const fixture = loadFixture("stats-flic-logistic");
const TOL = 1e-10;
const dataOf = (c: { data: { X: Record<string, unknown>; y: unknown; weights: unknown; offset: unknown } }) => {
  const X: Record<string, unknown[]> = {};
  for (const key of Object.keys(c.data.X)) X[key] = asArray(c.data.X[key]);
  return { y: asArray(c.data.y), X, options: { weights: c.data.weights === null ? undefined : asArray(c.data.weights), offset: c.data.offset === null ? undefined : asArray(c.data.offset) } };
};
for (const c of fixture.cases) {
  test(`flicLogistic = brglm2 AS_mean + glm intercept refit with offset: ${c.name}`, () => {
    const { y, X, options } = dataOf(c);
    const fit = flicLogistic(y, X, options);
    const e = c.expected;
    assertLogisticFitMatchesR(fit, e, TOL);
    assertClose(fit.firth.coef[0], e.firth_intercept, "Firth intercept", TOL);
    assertClose(fit.interceptShift, e.coef[0] - e.firth_intercept, "intercept shift", TOL);
    // The point of FLIC: the fitted probabilities sum to the observed events (Firth's do not).
    const w = options.weights ?? y.map(() => 1);
    const sum = (v: number[]) => v.reduce((a, x, i) => a + Number(w[i]) * x, 0);
    assertClose(sum(fit.fitted), sum(y.map(Number)), "sum of fitted = events", 1e-9);
    assert.ok(Math.abs(sum(fit.firth.fitted) - sum(y.map(Number))) > 0.05, `${c.name}: Firth's fitted probabilities do not sum to the events`);
  });
}

test("flicLogistic: with rare events Firth's fitted probabilities run high and FLIC lowers the intercept; slopes are Firth's", () => {
  const c = fixture.cases.find((x: { name: string }) => x.name === "rare events");
  const { y, X } = dataOf(c);
  const fit = flicLogistic(y, X);
  const firth = firthLogistic(y, X);
  assert.deepStrictEqual(fit.coef.slice(1), firth.coef.slice(1));
  assert.deepStrictEqual(fit.se.slice(1), firth.se.slice(1));
  assert.ok(fit.interceptShift < 0 && fit.coef[0] < firth.coef[0]);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  assert.ok(mean(firth.fitted) > mean(y.map(Number)) * 1.05, "Firth's mean fitted probability above the event rate");
});

test("flicLogistic: bad input is named; no intercept refused; no events is a FitError", () => {
  assertInputError(() => flicLogistic([0, 1, 0, 1], { x: [1, 2, 3, 4] }, { intercept: false }), "intercept");
  assertInputError(() => flicLogistic([0, 1, 2, 1], { x: [1, 2, 3, 4] }), "y", 2);
  assert.throws(() => flicLogistic([0, 0, 0, 0], { x: [1, 2, 3, 4] }), (e: unknown) => e instanceof FitError);
  // rows dropped for a missing value: the same fit as without them
  const a = flicLogistic([0, 1, 0, 1, 1, 0, null], { x: [1, 2, 3, 4, 5, 1.5, 2] }, { missing: "drop" });
  const b = flicLogistic([0, 1, 0, 1, 1, 0], { x: [1, 2, 3, 4, 5, 1.5] });
  assert.deepStrictEqual(a.coef, b.coef);
  assert.strictEqual(a.dropped, 1);
});

test("flicIntercept: the root of sum w (y - mu) given the offset, from any start; null without events", () => {
  const y = [0, 0, 1, 0, 1, 0, 0, 0];
  const w = [1, 2, 1, 1, 1, 3, 1, 1];
  const eta0 = [0.3, -1.2, 0.8, 2.5, -0.4, 0.1, -3, 1];
  const roots = [-50, 0, 30].map((start) => {
    const r = flicIntercept(y, w, eta0, start);
    assert.ok(r !== null && r.converged);
    // |step| < 1e-12 at the end: the score is within about (information) x 1e-12 of 0
    const score = y.reduce((s, yi, i) => s + w[i] * (yi - r.fitted[i]), 0);
    assert.ok(Math.abs(score) < 1e-10, `start ${start}: score ${score}`);
    return r.intercept;
  });
  assert.ok(Math.max(...roots) - Math.min(...roots) < 1e-11, `roots ${roots}`);
  assert.strictEqual(flicIntercept([0, 0], [1, 1], [0, 1]), null);
  assert.strictEqual(flicIntercept([1, 1], [1, 1], [0, 1]), null);
});
