import { test } from "node:test";
import * as assert from "assert";
import { sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
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
