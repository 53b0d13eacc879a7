import { test } from "node:test";
import * as assert from "assert";
import { landmarkCox } from "../../src/clinical/landmark-cox";
import { cohort, originalLayout } from "./fixture";
import { RB, sameEffect } from "./bias-fixture";

test("landmarkCox at 3, 4 and 6 months matches R (exposed = RT started by the landmark, time from it)", () => {
  for (const ref of RB.landmark) {
    const r = landmarkCox(cohort, ref.landmark);
    sameEffect(r.effect, ref, `landmark ${ref.landmark}`);
    assert.deepStrictEqual([r.exposed, r.laterStarters, r.atRisk, r.excluded], [ref.exposed, ref.later, ref.n, cohort.nRows - ref.n]);
  }
});

test("landmarkCox: adjusted fit adds the covariates; bad landmark and a cohort without rt_start_months are refused by name", () => {
  const adj = landmarkCox(cohort, 6, { adjusted: true });
  assert.ok(adj.effect.adjustedFor.includes("pvt") && adj.effect.adjustedFor.length === 10);
  assert.throws(() => landmarkCox(cohort, -1), /landmark.*positive/);
  assert.throws(() => landmarkCox(cohort, 1000), /after every patient's follow-up/);
  assert.throws(() => landmarkCox(originalLayout(), 4), /rt_start_months.*not a column/);
});
