import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { firthLogisticBlocks, firthLogisticBlocksAllTerms } from "../../src/stats/firth-logistic-blocks";
import { firthLogistic } from "../../src/stats/firth-logistic";
import { emptyBinaryLevels } from "../../src/stats/logistic-separation";
import { marginalBootstrapPlan } from "../../src/clinical/marginal-bootstrap";
import { trialPatients, trialStarts } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { assertAllClose, assertClose } from "../helpers/reference";
import { cohort } from "../clinical/fixture";

const starts = trialStarts(1.5, 5.5, 0.25);
const p = trialPatients(cohort);
const cov = biasCovariates(cohort);
const plan = marginalBootstrapPlan(p, cov, starts, 0.25, [0.01, 0.99], (i) => cov.complete[i]);
const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);
const names = cov.names.concat(["s", "s2"]);

/** firthLogistic on the design's rows, each with its group's multiplicity as case weight (or repeated). */
function dense(design: typeof plan.censoring, multiplicity: ArrayLike<number>, repeat: boolean) {
  const y: number[] = [];
  const w: number[] = [];
  const x: Record<string, number[]> = {};
  for (const k of names) x[k] = [];
  const q = design.groupTerms;
  for (let r = 0; r < design.group.length; r++) {
    const g = design.group[r];
    const m = multiplicity[g];
    if (!(m > 0)) continue;
    for (let copy = 0; copy < (repeat ? m : 1); copy++) {
      y.push(design.y[r]);
      w.push(repeat ? 1 : m);
      for (let c = 0; c < q; c++) x[names[c]].push(design.groupX[g * q + c]);
      for (let i = 0; i < design.rowTerms; i++) x[names[q + i]].push(design.patternX[design.pattern[r] * design.rowTerms + i]);
    }
  }
  return firthLogistic(y, x, { names, weights: w });
}

function draw(rng: () => number): Float64Array {
  const m = new Float64Array(p.os.length);
  for (let k = 0; k < complete.length; k++) m[complete[Math.floor(rng() * complete.length)]]++;
  return m;
}

test("firthLogisticBlocks = firthLogistic on the repeated rows (bootstrap draws of notebook 07's censoring model, separated ones included)", () => {
  const rng = seedrandom("firth-blocks-test");
  let separated = 0;
  for (let b = 0; b < 6; b++) {
    const m = draw(rng);
    const blocks = firthLogisticBlocks(plan.censoring, m);
    assert.ok(blocks !== null);
    const weighted = dense(plan.censoring, m, false);
    assertAllClose(Array.from(blocks.coef), weighted.coef, `draw ${b}: coef (weights)`, 1e-9);
    assertClose(blocks.penalisedLogLik, weighted.penalisedLogLik, `draw ${b}: penalised logLik`, 1e-10);
    assertClose(blocks.deviance, -2 * weighted.logLik, `draw ${b}: deviance`, 1e-10);
    assert.ok(blocks.converged);
    if (emptyBinaryLevels(plan.censoring, m).length > 0) separated++;
    if (b === 0) {
      const repeated = dense(plan.censoring, m, true);
      assertAllClose(Array.from(blocks.coef), repeated.coef, "draw 0: coef (rows repeated)", 1e-9);
    }
    // eta for every row of the design, drawn or not
    const q = plan.censoring.groupTerms;
    for (const r of [0, 1, plan.censoring.group.length - 1]) {
      const g = plan.censoring.group[r];
      let eta = blocks.coef[0];
      for (let c = 0; c < q; c++) eta += blocks.coef[1 + c] * plan.censoring.groupX[g * q + c];
      eta += blocks.coef[q + 1] * plan.censoring.patternX[2 * plan.censoring.pattern[r]] + blocks.coef[q + 2] * plan.censoring.patternX[2 * plan.censoring.pattern[r] + 1];
      assertClose(blocks.eta[r], eta, `draw ${b}: eta of row ${r}`, 1e-12);
    }
  }
  assert.ok(separated > 0, "some draws lack the RT starter of the sparse level");
});

test("firthLogisticBlocks: a start value gives the same estimate; a design without full rank gives null", () => {
  const m = draw(seedrandom("firth-blocks-start"));
  const cold = firthLogisticBlocks(plan.censoring, m)!;
  const warm = firthLogisticBlocks(plan.censoring, m, { start: cold.coef.map((c) => c + 0.1) })!;
  assertAllClose(Array.from(warm.coef), Array.from(cold.coef), "coef", 1e-9);
  assert.strictEqual(firthLogisticBlocks(plan.censoring, new Float64Array(p.os.length)), null, "no rows drawn");
  // one patient only: its covariates are constant, the information matrix is singular
  const one = new Float64Array(p.os.length);
  one[complete[0]] = 3;
  assert.strictEqual(firthLogisticBlocks(plan.censoring, one), null, "one patient");
});

test("firthLogisticBlocks skips each patient's zero covariates without changing a double: the same fit as with every covariate in every sum (30 bootstrap draws of notebook 07's censoring model, from the full data's estimate as the notebook starts them)", () => {
  const ones = Float64Array.from(p.os, (_, i) => (cov.complete[i] ? 1 : 0));
  const start = firthLogisticBlocks(plan.censoring, ones)!.coef;
  const rng = seedrandom("firth-blocks-zero-terms");
  for (let b = 0; b < 30; b++) {
    const m = draw(rng);
    // deepStrictEqual compares doubles with Object.is: every bit, -0 and +0 told apart.
    assert.deepStrictEqual(firthLogisticBlocks(plan.censoring, m, { start }), firthLogisticBlocksAllTerms(plan.censoring, m, { start }), `draw ${b}`);
  }
  assert.deepStrictEqual(firthLogisticBlocks(plan.censoring, ones), firthLogisticBlocksAllTerms(plan.censoring, ones), "full data from 0");
});
