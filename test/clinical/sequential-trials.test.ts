import { test } from "node:test";
import * as assert from "assert";
import { sequentialTrials } from "../../src/clinical/sequential-trials";
import { cohort, originalLayout } from "./fixture";
import { RB, sameEffect } from "./bias-fixture";

const grid = { from: 1.5, to: 5.5, width: 0.25 };

test("sequentialTrials matches R's pooled trials (strata by trial, robust variance clustered on the patient)", () => {
  const r = sequentialTrials(cohort, grid);
  assert.deepStrictEqual([r.starts.length, r.rows, r.treated, r.outsideGrid], [RB.sequentialTrials.trials, RB.sequentialTrials.rows, RB.sequentialTrials.treated, 0]);
  sameEffect(r.effect, RB.sequentialTrials.unadjusted, "sequential");
  assert.strictEqual(r.effect.robust, true);
  sameEffect(sequentialTrials(cohort, { ...grid, adjusted: true }).effect, RB.sequentialTrials.adjusted, "sequential adjusted");
});

test("sequentialTrials: RT starts outside the grid are counted; bad grids and missing columns are refused", () => {
  assert.ok(sequentialTrials(cohort, { from: 1.5, to: 3, width: 0.25 }).outsideGrid > 0);
  assert.throws(() => sequentialTrials(cohort, { from: 3, to: 2, width: 0.25 }), /must not be before/);
  assert.throws(() => sequentialTrials(cohort, { from: 1, to: 2, width: 0 }), /width/);
  assert.throws(() => sequentialTrials(cohort, { from: 100, to: 101, width: 0.5 }), /no RT start falls/);
  assert.throws(() => sequentialTrials(originalLayout(), grid), /rt_start_months/);
});
