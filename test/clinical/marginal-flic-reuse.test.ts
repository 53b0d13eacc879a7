import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { flicFromFirthBlocks, sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
import { flicIntercept } from "../../src/stats/flic-intercept";
import type { LogisticBlockDesign, LogisticBlockFit } from "../../src/stats/logistic-blocks";
import { blockLinearPredictor, firthLogisticBlocks } from "../../src/stats/firth-logistic-blocks";
import { marginalBootstrapPlan } from "../../src/clinical/marginal-bootstrap";
import { trialPatients, trialStarts } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { assertInputError } from "../survival/fixture";
import { cohort, withFields } from "./fixture";

// Notebook 07's marginal comparison (its params) on the committed cohort, with a few dozen draws.
const options = {
  from: 1.5,
  to: 5.5,
  width: 0.25,
  truncate: [0.01, 0.99] as [number, number],
  confLevel: 0.95,
  survivalTimes: [12, 24],
  rmstTimes: [24, 60],
  bootstrap: 30,
  seed: "sequential-trials-bootstrap",
  separationTolerance: 1e-8,
};
const firth = sequentialTrialsMarginal(cohort, { ...options, censoringModel: "firth" });

test("FLIC with firthFrom (the Firth run's draws' fits) deep-equals FLIC refitting them, every double", () => {
  const kept = firth.firthDraws;
  assert.ok(kept !== undefined);
  assert.strictEqual(kept.fits.length, options.bootstrap);
  assert.ok(kept.fits.filter((f) => f !== undefined && f !== null).length >= 25, "most draws keep a fit");
  assert.deepStrictEqual(kept.start, firth.weights.censoringModel.coef);
  const plain = sequentialTrialsMarginal(cohort, { ...options, censoringModel: "flic" });
  const reused = sequentialTrialsMarginal(cohort, { ...options, censoringModel: "flic", firthFrom: firth });
  assert.strictEqual(plain.firthDraws, undefined);
  assert.deepStrictEqual(reused, plain);
  // Object.is on every draw difference and estimate (deepStrictEqual already does; stated for the doubles)
  plain.draws.differences.forEach((d, j) => d.forEach((x, b) => assert.ok(Object.is(reused.draws.differences[j][b], x), `draw ${b}, measure ${j}`)));
  plain.estimates.forEach((e, j) => (["difference", "lower", "upper", "se"] as const).forEach((k) => assert.ok(Object.is(reused.estimates[j][k], e[k]), `${k} ${j}`)));
  // fewer draws of the same seed: the first ones
  const few = { ...options, bootstrap: 12, censoringModel: "flic" as const };
  assert.deepStrictEqual(sequentialTrialsMarginal(cohort, { ...few, firthFrom: firth }), sequentialTrialsMarginal(cohort, few));
});

test("the Firth run's kept fits are firthLogisticBlocks' fits of the draws (eta recomputed by blockLinearPredictor, the same doubles)", () => {
  const p = trialPatients(cohort);
  const cov = biasCovariates(cohort);
  const starts = trialStarts(options.from, options.to, options.width);
  const plan = marginalBootstrapPlan(p, cov, starts, options.width, options.truncate, (i) => cov.complete[i]);
  const m = new Float64Array(p.os.length);
  const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);
  complete.forEach((i, k) => (m[i] = 1 + (k % 3)));
  const fit = firthLogisticBlocks(plan.censoring, m, { start: firth.weights.censoringModel.coef });
  assert.ok(fit !== null);
  assert.deepStrictEqual(blockLinearPredictor(plan.censoring, fit.coef), fit.eta);
});

test("firthFrom refuses a run that does not match: not Firth, not FLIC, seed, draws, windows, covariates, data", () => {
  const flic = { ...options, censoringModel: "flic" as const, bootstrap: 0 };
  const ml = sequentialTrialsMarginal(cohort, { ...options, bootstrap: 0 });
  assertInputError(() => sequentialTrialsMarginal(cohort, { ...flic, firthFrom: ml }), "firthFrom");
  assertInputError(() => sequentialTrialsMarginal(cohort, { ...options, bootstrap: 0, censoringModel: "firth", firthFrom: firth }), "firthFrom");
  assertInputError(() => sequentialTrialsMarginal(cohort, { ...options, bootstrap: 0, firthFrom: firth }), "firthFrom");
  const reason = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    assert.fail("no error");
  };
  const cases: [object, unknown, RegExp][] = [
    [{ seed: "another" }, cohort, /seed/],
    [{ bootstrap: 31 }, cohort, /at least this run's 31 draws/],
    [{ width: 0.5 }, cohort, /windows/],
    [{ to: 5 }, cohort, /windows/],
    [{ excludeCovariates: ["residual"] }, cohort, /covariates/],
  ];
  for (const [change, data, message] of cases) {
    const run = () => sequentialTrialsMarginal(data as typeof cohort, { ...flic, ...change, firthFrom: firth });
    assertInputError(run, "firthFrom");
    assert.match(reason(run), message);
  }
  // other data: fewer patients; the same patients and rows with one covariate value changed
  const f = cohort.fields;
  const fewer = withFields({ age: f.age.map((x, i) => (i === 0 ? NaN : x)) });
  assert.match(reason(() => sequentialTrialsMarginal(fewer, { ...flic, firthFrom: firth })), /this run's data/);
  const changed = withFields({ age: f.age.map((x, i) => (i === 0 ? x + 7 : x)) });
  assert.match(reason(() => sequentialTrialsMarginal(changed, { ...flic, firthFrom: firth })), /Firth point estimate differs/);
});

/** flicFromFirthBlocks as it was: flicIntercept over every row (weight 0 where not drawn), its fitted probabilities computed and left unused. */
function flicFromFirthBlocksReference(design: LogisticBlockDesign, multiplicity: ArrayLike<number>, fit: LogisticBlockFit): LogisticBlockFit | null {
  const n = design.group.length;
  const w = new Float64Array(n);
  const eta0 = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    w[r] = multiplicity[design.group[r]];
    eta0[r] = fit.eta[r] - fit.coef[0];
  }
  const refit = flicIntercept(design.y, w, eta0, fit.coef[0]);
  if (refit === null) return null;
  const coef = Float64Array.from(fit.coef);
  coef[0] = refit.intercept;
  const eta = Float64Array.from(eta0, (e) => e + refit.intercept);
  return { coef, eta, deviance: fit.deviance, iterations: fit.iterations + refit.iterations, converged: fit.converged && refit.converged };
}

test("flicFromFirthBlocks (the drawn rows only, no fitted probabilities) deep-equals the intercept refit over every row, 30 of notebook 07's draws and the full data", () => {
  const p = trialPatients(cohort);
  const cov = biasCovariates(cohort);
  const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);
  const plan = marginalBootstrapPlan(p, cov, trialStarts(options.from, options.to, options.width), options.width, options.truncate, (i) => cov.complete[i]);
  const rng = seedrandom(options.seed);
  const draws: Float64Array[] = [Float64Array.from(p.os, (_, i) => (cov.complete[i] ? 1 : 0))];
  for (let b = 0; b < 30; b++) {
    const m = new Float64Array(p.os.length);
    for (const _ of complete) m[complete[Math.floor(rng() * complete.length)]]++;
    draws.push(m);
  }
  let refits = 0;
  for (const [b, m] of draws.entries()) {
    const fit = firthLogisticBlocks(plan.censoring, m, { start: firth.firthDraws?.start });
    if (fit === null) continue;
    const now = flicFromFirthBlocks(plan.censoring, m, fit);
    assert.deepStrictEqual(now, flicFromFirthBlocksReference(plan.censoring, m, fit), b === 0 ? "full data" : `draw ${b}`);
    if (now !== null) refits++;
  }
  assert.ok(refits >= 25);
  // a design whose drawn rows are all non-events has no FLIC intercept, as before
  const none = Float64Array.from(p.os, (_, i) => (cov.complete[i] && Number.isNaN(p.rtStart[i]) ? 1 : 0));
  const fit = firthLogisticBlocks(plan.censoring, none);
  if (fit !== null) assert.strictEqual(flicFromFirthBlocks(plan.censoring, none, fit), flicFromFirthBlocksReference(plan.censoring, none, fit));
});
