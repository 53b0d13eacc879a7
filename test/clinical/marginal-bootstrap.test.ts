import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
import { marginalBootstrapDraw, marginalBootstrapPlan } from "../../src/clinical/marginal-bootstrap";
import { trialPatients, trialStarts } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { assertClose } from "../helpers/reference";
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
