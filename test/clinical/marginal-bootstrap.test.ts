import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { ipcwWeights, resampledTrialPatients, sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
import { marginalBootstrapDraw, marginalBootstrapPlan } from "../../src/clinical/marginal-bootstrap";
import { trialPatients, trialStarts } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { kaplanMeierByGroup } from "../../src/survival/kaplan-meier";
import { restrictedMeanOfCurve } from "../../src/survival/restricted-mean";
import { assertClose } from "../helpers/reference";
import { cohort } from "./fixture";

const grid = { from: 1.5, to: 5.5, width: 0.25 };
const starts = trialStarts(grid.from, grid.to, grid.width);
const survivalTimes = [12, 24];
const rmstTimes = [24, 60];
const p = trialPatients(cohort);
const cov = biasCovariates(cohort);
const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);

/** The whole procedure redone on the resampled patients (ipcwWeights, kaplanMeierByGroup): [without, with] per measure. */
function redone(pick: number[]): [number, number][] {
  const { patients: bp, covariates } = resampledTrialPatients(p, cov, pick);
  const rows = ipcwWeights(bp, covariates, starts, grid.width, [0.01, 0.99]).weights.rows;
  const w = rows.treated.map((t, r) => (t === 1 ? 1 : rows.entryOdds[r] * rows.truncated[r]));
  const km = kaplanMeierByGroup(rows.stop, rows.event, rows.treated.map((t) => (t === 1 ? "RT" : "no RT")), { start: rows.start, weights: w, robust: false, levels: ["no RT", "RT"] });
  const at = (c: { time: number[]; survival: number[] }, t: number) => {
    let s = 1;
    for (let k = 0; k < c.time.length && c.time[k] <= t; k++) s = c.survival[k];
    return s;
  };
  return survivalTimes
    .map((t): [number, number] => [at(km.curves[0], t), at(km.curves[1], t)])
    .concat(rmstTimes.map((tau) => km.curves.map((c) => restrictedMeanOfCurve(c.time, c.nRisk, c.nEvent, c.survival, tau).rmst) as [number, number]));
}

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
