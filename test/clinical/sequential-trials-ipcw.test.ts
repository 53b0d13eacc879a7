import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { sequentialTrials } from "../../src/clinical/sequential-trials";
import seedrandom from "seedrandom";
import { ipcwWeights, sequentialTrialsIpcw, sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
import { trialPatients } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { kaplanMeierByGroup } from "../../src/survival/kaplan-meier";
import { sequentialTrialsRows, marginalRows } from "../../src/clinical/bias-tables";
import { marginalRedone } from "../helpers/marginal-redone";
import { assertClose, repoRoot } from "../helpers/reference";
import { cohort, originalLayout } from "./fixture";
import { sameEffect } from "./bias-fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const RW: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-weighting.json"), "utf8"));
const grid = { from: 1.5, to: 5.5, width: 0.25 };

test("sequentialTrials counts distinct patients and deaths beside the deaths across trials (R)", () => {
  const r = sequentialTrials(cohort, { ...grid, adjusted: true });
  const u = RW.uniqueCounts;
  assert.deepStrictEqual([r.rows, r.effect.nEvent, r.patients, r.uniqueDeaths, r.controlsCensoredAtRt], [u.rows, u.deathsAcrossTrials, u.patients, u.uniqueDeaths, u.censoredAtRt]);
  assert.ok(r.uniqueDeaths < r.effect.nEvent);
  const table = sequentialTrialsRows([r]);
  assert.ok(table.columns.indexOf("Distinct deaths") > 0 && table.columns.some((c) => /across trials/.test(c)));
  assert.deepStrictEqual(table.values[0].slice(4, 8), [String(u.rows), String(u.deathsAcrossTrials), String(u.patients), String(u.uniqueDeaths)]);
});

test("sequentialTrialsIpcw: censoring and numerator models, split weights, truncation and the six Cox fits match R", () => {
  const r = sequentialTrialsIpcw(cohort, grid);
  const w = r.weights;
  w.censoringModel.coef.forEach((b, j) => assertClose(b, RW.censoringModel[j], `censoring coef ${j}`));
  w.censoringModel.se.forEach((b, j) => assertClose(b, RW.censoringModelSe[j], `censoring SE ${j}`));
  w.numeratorModel.coef.forEach((b, j) => assertClose(b, RW.numeratorModel[j], `numerator coef ${j}`));
  assert.strictEqual(w.numeratorModel.n, RW.numeratorRows);
  assert.strictEqual(w.rows.start.length, RW.splitRows);
  assertClose(w.bounds[0], RW.bounds[0], "lower bound");
  assertClose(w.bounds[1], RW.bounds[1], "upper bound");
  assert.strictEqual(w.nTruncated, RW.nTruncated);
  assertClose(w.summary.mean, RW.weights.mean, "mean weight");
  assertClose(w.summary.max, RW.weights.max, "max weight");
  assertClose(w.summary.min, RW.weights.min, "min weight");
  assertClose(w.summary.median, RW.weights.median, "median weight");
  const kinds = ["none", "ipcw", "truncated"];
  r.effects.forEach((e, k) => sameEffect(e, RW.cox[k < 3 ? "unadjusted" : "adjusted"][kinds[k % 3]], e.analysis));
  assert.strictEqual(w.censoredBeyondGrid, 0);
});

test("sequentialTrialsMarginal: weighted survival and restricted means match R; the bootstrap is seeded and brackets the estimate", () => {
  const opts = { ...grid, survivalTimes: [12, 24], rmstTimes: [24, 60], bootstrap: 0, seed: "test" };
  const m = sequentialTrialsMarginal(cohort, opts);
  const ref = RW.marginal;
  m.estimates.forEach((e, j) => {
    const kind = e.measure === "survival" ? "survival" : "rmst";
    const k = e.measure === "survival" ? j : j - 2;
    assertClose(e.without, ref.ipcw[kind][k][0], `${kind} ${e.time} without`);
    assertClose(e.with, ref.ipcw[kind][k][1], `${kind} ${e.time} with`);
    assertClose(e.differenceUnweighted, ref.entryOnly[kind][k][1] - ref.entryOnly[kind][k][0], `${kind} ${e.time} unweighted difference`);
    assert.ok(Number.isNaN(e.lower) && Number.isNaN(e.upper));
  });
  const b1 = sequentialTrialsMarginal(cohort, { ...opts, bootstrap: 4 });
  const b2 = sequentialTrialsMarginal(cohort, { ...opts, bootstrap: 4 });
  assert.deepStrictEqual(b1.estimates, b2.estimates);
  assert.ok(b1.estimates.every((e) => e.lower <= e.upper));
  const table = marginalRows(b1, { seeds: 1, treated: 1, survival: [{ time: 12, without: 0.6, with: 0.5, difference: -0.1, mcse: 0 }], rmst: [] });
  assert.strictEqual(table.values.length, 4);
  assert.strictEqual(table.values[0][5], "-0.100".replace("-", "−"));
  assert.strictEqual(table.values[3][5], "—");
});

test("sequentialTrialsIpcw refuses bad truncation and cohorts without rt_start_months", () => {
  assert.throws(() => sequentialTrialsIpcw(cohort, { ...grid, truncate: [0.5, 0.2] }), /quantiles/);
  assert.throws(() => sequentialTrialsIpcw(originalLayout(), grid), /rt_start_months/);
  assert.throws(() => sequentialTrialsMarginal(cohort, { ...grid, survivalTimes: [0], rmstTimes: [], bootstrap: 0, seed: "x" }), /positive/);
});

test("sequentialTrialsMarginal: a bootstrap draw is the whole procedure redone on the resampled patients (1e-10)", () => {
  // The draws take a faster path (src/clinical/marginal-bootstrap.ts: rows built once, the
  // patients' multiplicities as weights): with one draw the percentile limits are the draw
  // itself, which must equal ipcwWeights and kaplanMeierByGroup run on the resampled cohort,
  // to rounding (sums added in another order).
  const opts = { ...grid, survivalTimes: [12, 24], rmstTimes: [24, 60], seed: "draw-check" };
  const p = trialPatients(cohort);
  const cov = biasCovariates(cohort);
  const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);
  for (const seed of ["draw-check", "draw-check-2"]) {
    const m = sequentialTrialsMarginal(cohort, { ...opts, seed, bootstrap: 1 });
    assert.strictEqual(m.failedDraws, 0);
    const rng = seedrandom(seed);
    const pick = complete.map(() => complete[Math.floor(rng() * complete.length)]);
    const expected = marginalRedone(p, cov, pick, grid, opts.survivalTimes, opts.rmstTimes).map(([without, withRt]) => withRt - without);
    m.estimates.forEach((e, j) => {
      assertClose(e.lower, expected[j], `${seed}: measure ${j}`, 1e-10);
      assert.strictEqual(e.upper, e.lower);
    });
  }
});

test("sequentialTrialsMarginal excludeCovariates: the censoring model without the covariate, same patients; unknown names refused", () => {
  const o = { ...grid, survivalTimes: [12, 24], rmstTimes: [24, 60], bootstrap: 0, seed: "x" };
  const full = sequentialTrialsMarginal(cohort, o);
  const without = sequentialTrialsMarginal(cohort, { ...o, excludeCovariates: ["residual"] });
  assert.ok(full.weights.censoringModel.names.includes("residual"));
  assert.deepStrictEqual(without.weights.censoringModel.names, full.weights.censoringModel.names.filter((n) => n !== "residual"));
  assert.strictEqual(without.weights.censoringModel.n, full.weights.censoringModel.n);
  assert.strictEqual(without.treated, full.treated);
  assert.ok(without.estimates.some((e, j) => Math.abs(e.difference - full.estimates[j].difference) > 1e-6), "leaving the covariate out changes the weights");
  assert.throws(() => sequentialTrialsMarginal(cohort, { ...o, excludeCovariates: ["nope"] }), /excludeCovariates.*nope/);
});
