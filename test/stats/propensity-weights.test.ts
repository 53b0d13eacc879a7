import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { logisticRegression, propensityWeights } from "../../src/stats/index";
import type { Estimand } from "../../src/stats/index";
import { loadFixture, asArray, assertInputError } from "../survival/fixture";

// test/fixtures/r/stats-propensity.R: lalonde, propensity score from glm(binomial).
const f = loadFixture("stats-propensity");

test("the propensity score refitted here equals R's glm fit (lalonde)", () => {
  const c = f.covariates;
  const fit = logisticRegression(f.treat, { age: c.age, educ: c.educ, black: c.black, married: c.married, nodegree: c.nodegree, re74: c.re74, re75: c.re75 });
  assertAllClose(fit.fitted, f.ps, "ps");
});

for (const [key, estimand, stabilize] of [
  ["ATE", "ATE", false],
  ["ATT", "ATT", false],
  ["ATC", "ATC", false],
  ["overlap", "overlap", false],
  ["ATE_stabilized", "ATE", true],
] as Array<[string, Estimand, boolean]>) {
  test(`propensityWeights ${key}: every weight and the effective sample sizes`, () => {
    const w = propensityWeights(f.treat, f.ps, { estimand, stabilize });
    assertAllClose(w.weights, f.weights[key], `${key} weights`, 1e-12);
    assertClose(w.effectiveSampleSize.treated, f.ess[key].treated, "ess treated");
    assertClose(w.effectiveSampleSize.control, f.ess[key].control, "ess control");
    assert.strictEqual(w.estimand, estimand);
    assert.strictEqual(w.stabilized, stabilize);
    assert.strictEqual(w.nTreated + w.nControl, f.treat.length);
    assert.strictEqual(w.maxWeight, Math.max(...w.weights));
  });
}

test("propensityWeights by hand and defaults", () => {
  const w = propensityWeights([1, 0, true, false], [0.25, 0.25, 0.8, 0.5]);
  assert.deepStrictEqual(w.weights, [4, 4 / 3, 1.25, 2]);
  assert.strictEqual(w.estimand, "ATE");
  const s = propensityWeights([1, 0, 1, 0], [0.25, 0.25, 0.8, 0.5], { estimand: "ATE", stabilize: true });
  assert.deepStrictEqual(s.weights, [2, 2 / 3, 0.625, 1]);
});

test("propensityWeights bad input names the argument and row", () => {
  assertInputError(() => propensityWeights([1, 0, 2], [0.5, 0.5, 0.5]), "treated", 2);
  assertInputError(() => propensityWeights([1, 0, null], [0.5, 0.5, 0.5]), "treated", 2);
  assertInputError(() => propensityWeights([1, 0, 1], [0.5, 1, 0.5]), "ps", 1);
  assertInputError(() => propensityWeights([1, 0, 1], [0.5, 0, 0.5]), "ps", 1);
  assertInputError(() => propensityWeights([1, 0, 1], [0.5, NaN, 0.5]), "ps", 1);
  assertInputError(() => propensityWeights([1, 0, 1], [0.5, 0.5]), "ps", null);
  assertInputError(() => propensityWeights([1, 1, 1], [0.5, 0.5, 0.5]), "treated", null);
  assertInputError(() => propensityWeights([1, 0, 1], [0.5, 0.5, 0.5], { estimand: "ATO" as Estimand }), "estimand", null);
  assertInputError(() => propensityWeights([1, 0, 1], [0.5, 0.5, 0.5], { estimand: "ATT", stabilize: true }), "stabilize", null);
});
