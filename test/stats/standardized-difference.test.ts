import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { standardizedDifference } from "../../src/stats/index";
import { loadFixture, assertInputError } from "../survival/fixture";

// test/fixtures/r/stats-propensity.R: MatchIt's bal1var (s.d.denom = "pooled") and the formula by hand.
const f = loadFixture("stats-propensity");

test("standardizedDifference = MatchIt's Std. Mean Diff. (pooled SD of the unweighted groups), every covariate and weighting", () => {
  for (const b of f.balance) {
    const weights = b.weights === "none" ? undefined : f.weights[b.weights];
    const r = standardizedDifference(f.covariates[b.covariate], f.treat, { weights });
    const label = `${b.covariate} / ${b.weights}`;
    assertClose(r.smd, b.smd_by_hand, `${label} smd (by hand)`, 1e-9);
    assertClose(r.smd, b.smd, `${label} smd (MatchIt)`);
    assertClose(r.meanTreated, b.mean_treated, `${label} mean treated`);
    assertClose(r.meanControl, b.mean_control, `${label} mean control`);
    assert.strictEqual(r.binary, b.binary, `${label} binary`);
    if (b.binary) assert.strictEqual(r.varianceRatio, null);
    else assertClose(r.varianceRatio, b.variance_ratio, `${label} variance ratio`);
    assert.strictEqual(r.weighted, weights !== undefined);
  }
});

test("standardizedDifference by hand: binary p(1-p), continuous sample variances", () => {
  const bin = standardizedDifference([1, 0, 1, 1, 0, 0], [1, 1, 1, 0, 0, 0]);
  // p1 = 2/3, p0 = 1/3: (1/3) / sqrt((2/9 + 2/9) / 2)
  assertClose(bin.smd, 1 / 3 / Math.sqrt(2 / 9), "binary smd", 1e-15);
  const cont = standardizedDifference([1, 2, 3, 2, 4, 6], [1, 1, 1, 0, 0, 0]);
  // means 2 and 4, variances 1 and 4
  assertClose(cont.smd, -2 / Math.sqrt(2.5), "continuous smd", 1e-15);
  const asContinuous = standardizedDifference([1, 0, 1, 1, 0, 0], [1, 1, 1, 0, 0, 0], { binary: false });
  assertClose(asContinuous.pooledSd, Math.sqrt(1 / 3), "0/1 as continuous", 1e-15);
  const separated = standardizedDifference([1, 1, 0, 0], [1, 1, 0, 0]);
  assert.strictEqual(separated.smd, null);
  assert.strictEqual(standardizedDifference([1, 1, 1, 1], [1, 1, 0, 0]).smd, 0);
});

test("standardizedDifference bad input", () => {
  assertInputError(() => standardizedDifference([1, 2, 3], [1, 0, 2]), "treated", 2);
  assertInputError(() => standardizedDifference([1, 2, 3], [1, 1, 1]), "treated", null);
  assertInputError(() => standardizedDifference([1, NaN, 3], [1, 0, 1]), "x", 1);
  assertInputError(() => standardizedDifference([1, 2, 3], [1, 0]), "treated", null);
  assertInputError(() => standardizedDifference([1, 2, 3, 4], [1, 0, 1, 0], { weights: [1, -1, 1, 1] }), "weights", 1);
  assertInputError(() => standardizedDifference([1, 2, 3, 4], [1, 0, 1, 0], { weights: [1, 0, 1, 0] }), "weights", null);
  assertInputError(() => standardizedDifference([1, 2, 3, 4], [1, 0, 1, 0], { binary: true }), "x", 1);
  assertInputError(() => standardizedDifference([1, 2, 3, 4], [1, 0, 0, 0]), "treated", null);
  const dropped = standardizedDifference([1, null, 3, 4, 5, 6], [1, 0, 1, 0, 1, 0], { missing: "drop" });
  assert.strictEqual(dropped.dropped, 1);
});
