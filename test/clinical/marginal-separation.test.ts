import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { ipcwWeights, resampledTrialPatients, sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
import { marginalSeparationRows, marginalSeparationSensitivity } from "../../src/clinical/marginal-separation";
import { trialPatients, trialStarts } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { assertClose } from "../helpers/reference";
import { cohort } from "./fixture";

const grid = { from: 1.5, to: 5.5, width: 0.25 };
const starts = trialStarts(grid.from, grid.to, grid.width);
const p = trialPatients(cohort);
const cov = biasCovariates(cohort);
const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);
const seed = "marginal-separation-test";
const B = 16;
const result = sequentialTrialsMarginal(cohort, { ...grid, survivalTimes: [12], rmstTimes: [24], bootstrap: B, seed });

test("sequentialTrialsMarginal: each draw's separation flag, smallest fitted probability and largest weight agree with the censoring model refitted by logisticRegression on the resampled patients", () => {
  const rng = seedrandom(seed);
  const sep = result.draws.separation;
  assert.strictEqual(sep.length, B - result.failedDraws);
  assert.ok(sep.some((d) => d.separated) && sep.some((d) => !d.separated), "both kinds among the draws");
  for (let b = 0; b < B; b++) {
    const pick = complete.map(() => complete[Math.floor(rng() * complete.length)]);
    const { patients, covariates } = resampledTrialPatients(p, cov, pick);
    const { weights } = ipcwWeights(patients, covariates, starts, grid.width, [0.01, 0.99]);
    const model = weights.censoringModel;
    const d = sep[b];
    assert.strictEqual(d.iterations, model.iterations, `draw ${b}: IRLS steps`);
    assertClose(d.minProbability, model.minFittedProbability, `draw ${b}: smallest fitted probability`, 1e-6);
    // the certificate: no RT starter without residual tumor among the drawn trial rows
    const starterWithout = weights.rows.patient.some((i, r) => weights.rows.treated[r] === 1 && covariates.columns.residual[i] === 0);
    assert.strictEqual(d.emptyLevels.includes("residual = 0 lacks events"), !starterWithout, `draw ${b}: empty level`);
    assert.strictEqual(d.separated, d.emptyLevels.length > 0 || model.minFittedProbability < 1e-8 || !model.converged, `draw ${b}: flag`);
    assert.strictEqual(d.glmWarning, model.warnings.some((w) => /numerically 0 or 1|did not converge/.test(w)), `draw ${b}: R's warning`);
    const maxWeight = Math.max(...weights.rows.weight.filter((_, r) => weights.rows.treated[r] === 0));
    assertClose(d.maxWeight, maxWeight, `draw ${b}: largest censoring weight`, 1e-10);
  }
});

test("marginalSeparationSensitivity: the all-draw intervals are the result's; the two subsets partition the draws", () => {
  const s = marginalSeparationSensitivity(result);
  assert.strictEqual(s.usableDraws, result.draws.separation.length);
  assert.strictEqual(s.separatedDraws, result.draws.separation.filter((d) => d.separated).length);
  s.measures.forEach((m, j) => {
    assert.strictEqual(m.all.lower, result.estimates[j].lower);
    assert.strictEqual(m.all.upper, result.estimates[j].upper);
    assert.strictEqual(m.separated.draws + m.nonSeparated.draws, s.usableDraws);
    assert.ok(m.nonSeparated.lower <= m.nonSeparated.upper);
  });
  const rows = marginalSeparationRows(s);
  assert.strictEqual(rows.values.length, 2);
  assert.ok(rows.columns[3].includes(String(s.usableDraws - s.separatedDraws)));
});

test("sequentialTrialsMarginal: a separation tolerance outside (0, 0.5) is an input error", () => {
  assert.throws(() => sequentialTrialsMarginal(cohort, { ...grid, survivalTimes: [12], rmstTimes: [24], bootstrap: 1, seed, separationTolerance: 0 }), /separationTolerance/);
});
