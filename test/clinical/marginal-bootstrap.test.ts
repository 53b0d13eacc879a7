import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
import { marginalBootstrapDraw, marginalBootstrapPlan } from "../../src/clinical/marginal-bootstrap";
import { trialPatients, trialStarts } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { firthLogisticBlocks } from "../../src/stats/firth-logistic-blocks";
import { fastDrawSeparation } from "../../src/clinical/marginal-separation";
import { assertClose } from "../helpers/reference";
import { marginalBootstrapDrawReference, maxControlWeightReference } from "../helpers/marginal-draw-reference";
import { marginalRedone } from "../helpers/marginal-redone";
import { cohort } from "./fixture";

const grid = { from: 1.5, to: 5.5, width: 0.25 };
const starts = trialStarts(grid.from, grid.to, grid.width);
const survivalTimes = [12, 24];
const rmstTimes = [24, 60];
const p = trialPatients(cohort);
const cov = biasCovariates(cohort);
const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);

/** The whole procedure redone on the resampled patients: [without, with] per measure. */
const redone = (pick: number[]): [number, number][] => marginalRedone(p, cov, pick, grid, survivalTimes, rmstTimes);

test("marginalBootstrapDraw: each of 12 draws equals the whole procedure redone on the resampled patients (1e-10)", () => {
  const plan = marginalBootstrapPlan(p, cov, starts, grid.width, [0.01, 0.99], (i) => cov.complete[i]);
  const rng = seedrandom("marginal-bootstrap-draws");
  for (let b = 0; b < 12; b++) {
    const pick = complete.map(() => complete[Math.floor(rng() * complete.length)]);
    const m = new Float64Array(p.os.length);
    for (const i of pick) m[i]++;
    const fast = marginalBootstrapDraw(plan, m, survivalTimes, rmstTimes);
    assert.ok(fast !== null, `draw ${b} left the plain path`);
    const slow = redone(pick);
    slow.forEach(([a, c], j) => {
      assertClose(fast[j][0], a, `draw ${b}, measure ${j}, without RT`, 1e-10);
      assertClose(fast[j][1], c, `draw ${b}, measure ${j}, with RT`, 1e-10);
    });
  }
});

test("marginalBootstrapDraw: the multiplicities all 1 give the point estimate; a draw without an RT starter is left to the original path (null)", () => {
  const plan = marginalBootstrapPlan(p, cov, starts, grid.width, [0.01, 0.99], (i) => cov.complete[i]);
  const ones = Float64Array.from(p.os, (_, i) => (cov.complete[i] ? 1 : 0));
  const point = sequentialTrialsMarginal(cohort, { ...grid, survivalTimes, rmstTimes, bootstrap: 0, seed: "x" });
  const fast = marginalBootstrapDraw(plan, ones, survivalTimes, rmstTimes) as [number, number][];
  point.estimates.forEach((e, j) => {
    assertClose(fast[j][0], e.without, `measure ${j} without`, 1e-10);
    assertClose(fast[j][1], e.with, `measure ${j} with`, 1e-10);
  });
  const noStarter = Float64Array.from(p.os, (_, i) => (cov.complete[i] && Number.isNaN(p.rtStart[i]) ? 1 : 0));
  assert.strictEqual(marginalBootstrapDraw(plan, noStarter, survivalTimes, rmstTimes), null);
  // sequentialTrialsMarginal counts such a draw as failed, as before.
});

test("marginalBootstrapDraw: its loops (factors per patient and window, one Kaplan-Meier loop per group, the largest control weight on the way) give every double of the previous loops, 30 of notebook 07's draws, ML and Firth censoring fits", () => {
  const plan = marginalBootstrapPlan(p, cov, starts, grid.width, [0.01, 0.99], (i) => cov.complete[i]);
  const reference = marginalBootstrapPlan(p, cov, starts, grid.width, [0.01, 0.99], (i) => cov.complete[i]);
  const firth = (d: typeof plan.censoring, m: ArrayLike<number>) => firthLogisticBlocks(d, m);
  const rng = seedrandom("sequential-trials-bootstrap");
  let separated = 0;
  for (let b = 0; b < 30; b++) {
    const pick = complete.map(() => complete[Math.floor(rng() * complete.length)]);
    const m = new Float64Array(p.os.length);
    for (const i of pick) m[i]++;
    for (const [label, fit] of [["ML", undefined], ["Firth", firth]] as const) {
      const now = marginalBootstrapDraw(plan, m, survivalTimes, rmstTimes, fit);
      const before = marginalBootstrapDrawReference(reference, m, survivalTimes, rmstTimes, fit);
      assert.deepStrictEqual(now, before, `draw ${b}, ${label}: values`);
      if (now === null) continue;
      const n = plan.scratch.nControl as number;
      assert.strictEqual(n, reference.scratch.nControl);
      assert.deepStrictEqual(plan.scratch.controlW.subarray(0, n), reference.scratch.controlW.subarray(0, n), `draw ${b}, ${label}: control weights`);
      assert.deepStrictEqual(plan.scratch.controlM.subarray(0, n), reference.scratch.controlM.subarray(0, n));
      assert.ok(Object.is(plan.scratch.maxControlWeight, maxControlWeightReference(reference)), `draw ${b}, ${label}: largest weight`);
      const sep = fastDrawSeparation(plan, m, cov.names);
      assert.ok(Object.is(sep.maxWeight, maxControlWeightReference(reference)));
      if (sep.separated) separated++;
    }
  }
  assert.ok(separated > 0, "some of the draws have a separated fit");
});
