/**
 * δ-adjusted multiple imputation after loss to follow-up (src/survival/delta-imputation.ts): the
 * refit equals coxPH, the draws' properties (δ = 0, δ = Infinity, common random numbers), δ = 1
 * against the observed-data analysis under censoring at random, tipping points and bad input.
 * The imputation model itself is matched to R in test/clinical/loss-tipping-point.test.ts. The
 * fully proper variant (parameterDraw "bootstrap"): the refit on the resample, its baseline and
 * the worst case on the resample's own event times; and a simulation check with known true
 * effects (src/synth/delta-imputation-simulations.ts; the larger run is summarised in data/README.md).
 */
import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { assertClose, assertAllClose } from "../helpers/reference";
import { coxPH } from "../../src/survival/cox";
import {
  breslowBaseline,
  completeAfterLoss,
  coxTermEstimate,
  deltaAdjustedImputation,
  drawImputation,
  fitDeltaImputationModel,
  MAX_RESAMPLE_ATTEMPTS,
  tippingPoint,
  type DeltaImputationInput,
} from "../../src/survival/delta-imputation";
import { InputError } from "../../src/core/index";
import { DELTA_SIMULATION_SETTINGS, runDeltaImputationSimulations } from "../../src/synth/delta-imputation-simulations";

/** Simulated: exponential event (HR 1.6 for arm, 1.3 per z) and competing event; loss exponential and independent (censoring at random); administrative end 24-60. */
function simulate(n: number, seed: string): DeltaImputationInput {
  const rng = seedrandom(seed);
  const ex = (rate: number) => -Math.log(1 - rng()) / rate;
  const time: number[] = [], status: number[] = [], arm: number[] = [], z: number[] = [], lost: boolean[] = [], end: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = i % 2;
    const zi = Math.round((rng() * 4 - 2) * 100) / 100;
    const t1 = ex(0.04 * Math.exp(Math.log(1.6) * a + Math.log(1.3) * zi));
    const t2 = ex(0.02);
    const loss = ex(0.02);
    const e = 24 + Math.round(rng() * 36);
    const t = Math.round(Math.min(t1, t2, loss, e) * 100) / 100 + 0.01;
    arm.push(a);
    z.push(zi);
    end.push(e + 0.01);
    time.push(t);
    const s = t1 <= Math.min(t2, loss, e) ? 1 : t2 <= Math.min(loss, e) ? 2 : 0;
    status.push(s);
    lost.push(s === 0 && loss < e);
  }
  return { time, status, covariates: { arm, z }, lost, end };
}

const data = simulate(400, "delta-imputation-test");

test("coxTermEstimate gives coxPH's Efron coefficient and standard error", () => {
  const fit = coxPH(data.time, data.status.map((s) => (s === 1 ? 1 : 0)), data.covariates as Record<string, number[]>);
  const e = coxTermEstimate(data.time, data.status, [data.covariates.arm, data.covariates.z], 0);
  assertClose(e.coef, fit.coef[0], "coef", 1e-12);
  assertClose(e.se, fit.se[0], "se", 1e-12);
});

test("breslowBaseline at the fitted coefficients: increments d / sum of exp(x'b) over the risk set", () => {
  const time = [1, 2, 2, 3, 4];
  const event = [1, 1, 0, 1, 0];
  const x = [[0, 1, 0, 1, 1]];
  const b = [0.5];
  const r = x[0].map((v) => Math.exp(v * b[0]));
  const base = breslowBaseline(time, event, x, b);
  assert.deepStrictEqual(base.times, [1, 2, 3]);
  const h1 = 1 / (r[0] + r[1] + r[2] + r[3] + r[4]);
  const h2 = h1 + 1 / (r[1] + r[2] + r[3] + r[4]);
  const h3 = h2 + 1 / (r[3] + r[4]);
  [h1, h2, h3].forEach((h, k) => assertClose(base.cumHazard[k], h, `cumulative hazard ${k}`, 1e-14));
});

test("completeAfterLoss: δ = 0 imputes no event, δ = Infinity the first event time after loss, and a larger δ only moves a row's event earlier", () => {
  const model = fitDeltaImputationModel(data);
  const draw = drawImputation(model, "draw-1");
  const none = completeAfterLoss(model, draw, 0);
  assert.strictEqual(none.imputedEvents, 0);
  const worst = completeAfterLoss(model, draw, Infinity);
  const times = model.event.eventTimes;
  model.lostRows.forEach((i) => {
    const next = times.filter((t) => t > data.time[i])[0];
    if (next !== undefined && next <= data.end[i]) {
      assert.strictEqual(worst.status[i], 1, `row ${i}`);
      assert.strictEqual(worst.time[i], next, `row ${i}`);
    } else assert.notStrictEqual(worst.status[i], 1, `row ${i}`);
  });
  // Rows not lost are never changed.
  data.time.forEach((t, i) => {
    if (!data.lost[i]) {
      assert.strictEqual(worst.time[i], t);
      assert.strictEqual(worst.status[i], data.status[i]);
    }
  });
  const grid = [0.5, 1, 2, 4, 8];
  const completed = grid.map((d) => completeAfterLoss(model, draw, d));
  for (let q = 1; q < grid.length; q++) {
    assert.ok(completed[q].imputedEvents >= completed[q - 1].imputedEvents);
    for (const i of model.lostRows) {
      if (completed[q - 1].status[i] === 1) {
        assert.strictEqual(completed[q].status[i], 1, `row ${i} keeps its event at δ ${grid[q]}`);
        assert.ok(completed[q].time[i] <= completed[q - 1].time[i], `row ${i} event not later at δ ${grid[q]}`);
      }
    }
  }
  // Every imputed time lies after the loss and no later than the administrative end.
  for (const c of completed) for (const i of model.lostRows) assert.ok(c.time[i] > data.time[i] && c.time[i] <= data.end[i], `row ${i}`);
  // Same seed, same draw.
  assert.deepStrictEqual(drawImputation(model, "draw-1"), draw);
});

test("deltaAdjustedImputation: under censoring at random δ = 1 reproduces the observed-data hazard ratio; δ in one arm moves it monotonically", () => {
  const r = deltaAdjustedImputation(data, { deltas: [1, 2, 4], imputations: 20, seed: "t", deltaRows: data.covariates.arm.map((a) => a === 0) });
  assert.strictEqual(r.term, "arm");
  assert.strictEqual(r.lost, data.lost.filter((x) => x).length);
  assert.strictEqual(r.deltaApplied, data.lost.filter((x, i) => x && data.covariates.arm[i] === 0).length);
  const one = r.rows[0];
  assert.ok(Math.abs(one.coef - r.observed.coef) < 4 * one.monteCarloSe + 0.01, `δ = 1: ${one.coef} vs observed ${r.observed.coef} (MC SE ${one.monteCarloSe})`);
  // More progressions after loss in the reference arm (arm 0) lower the arm's hazard ratio.
  assert.ok(r.rows[1].hazardRatio < r.rows[0].hazardRatio && r.rows[2].hazardRatio < r.rows[1].hazardRatio, r.rows.map((x) => x.hazardRatio).join(", "));
  // In the other arm, they raise it.
  const other = deltaAdjustedImputation(data, { deltas: [1, 4], imputations: 20, seed: "t", deltaRows: data.covariates.arm.map((a) => a === 1) });
  assert.ok(other.rows[1].hazardRatio > other.rows[0].hazardRatio);
  // The observed analysis is coxPH's.
  const fit = coxPH(data.time, data.status.map((s) => (s === 1 ? 1 : 0)), data.covariates as Record<string, number[]>);
  assertClose(r.observed.hazardRatio, fit.hazardRatio[0], "observed HR", 1e-12);
  assertClose(r.observed.lower, fit.lower[0], "observed lower", 1e-12);
});

test("tippingPoint: on the grid and interpolated on log δ; none; already at δ = 1; δ = Infinity", () => {
  const tp = tippingPoint([
    { delta: 1, hazardRatio: 2, lower: 1.2, upper: 3.3 },
    { delta: 2, hazardRatio: 1.6, lower: 0.9, upper: 2.8 },
    { delta: 4, hazardRatio: 0.9, lower: 0.5, upper: 1.6 },
  ]);
  assert.strictEqual(tp.direction, "above 1");
  assert.strictEqual(tp.significanceLost.gridDelta, 2);
  const f = Math.log(1.2) / (Math.log(1.2) - Math.log(0.9));
  assertClose(tp.significanceLost.interpolated, Math.exp(f * Math.log(2)), "interpolated", 1e-12);
  assert.strictEqual(tp.hazardRatioReachesOne.gridDelta, 4);
  const g = Math.log(1.6) / (Math.log(1.6) - Math.log(0.9));
  assertClose(tp.hazardRatioReachesOne.interpolated, Math.exp(Math.log(2) + g * (Math.log(4) - Math.log(2))), "HR interpolated", 1e-12);
  const below = tippingPoint([{ delta: 1, hazardRatio: 0.5, lower: 0.3, upper: 0.8 }, { delta: Infinity, hazardRatio: 0.7, lower: 0.45, upper: 1.1 }]);
  assert.strictEqual(below.direction, "below 1");
  assert.deepStrictEqual(below.significanceLost, { gridDelta: Infinity, interpolated: null });
  assert.deepStrictEqual(below.hazardRatioReachesOne, { gridDelta: null, interpolated: null });
  const already = tippingPoint([{ delta: 1, hazardRatio: 1.5, lower: 0.8, upper: 2.8 }]);
  assert.deepStrictEqual(already.significanceLost, { gridDelta: 1, interpolated: null });
});

test("bad input is named: row, column and value", () => {
  const err = (fn: () => unknown, argument: string, index: number | null = null) =>
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === argument && e.index === index, `${argument} ${index}`);
  const opts = { deltas: [1, 2], imputations: 2, seed: "x" };
  err(() => deltaAdjustedImputation({ ...data, status: data.status.map((s, i) => (i === 3 ? 3 : s)) }, opts), "status", 3);
  const lostRow = data.lost.indexOf(true);
  err(() => deltaAdjustedImputation({ ...data, status: data.status.map((s, i) => (i === lostRow ? 1 : s)) }, opts), "lost", lostRow);
  err(() => deltaAdjustedImputation({ ...data, end: data.end.map((e, i) => (i === lostRow ? data.time[i] - 1 : e)) }, opts), "end", lostRow);
  err(() => deltaAdjustedImputation({ ...data, covariates: { arm: data.covariates.arm, z: data.covariates.z.map((v, i) => (i === 7 ? NaN : v)) } }, opts), "covariates.z", 7);
  err(() => deltaAdjustedImputation({ ...data, time: data.time.map((t, i) => (i === 2 ? -1 : t)) }, opts), "time", 2);
  err(() => deltaAdjustedImputation({ ...data, lost: data.lost.slice(1) }, opts), "lost");
  err(() => deltaAdjustedImputation({ ...data, lost: data.lost.map(() => false) }, opts), "lost");
  err(() => deltaAdjustedImputation({ ...data, status: data.status.map((s) => (s === 1 ? 2 : s)) }, opts), "status");
  err(() => deltaAdjustedImputation(data, { ...opts, deltas: [1, 1] }), "deltas", 1);
  err(() => deltaAdjustedImputation(data, { ...opts, deltas: [-1] }), "deltas", 0);
  err(() => deltaAdjustedImputation(data, { ...opts, imputations: 1 }), "imputations");
  err(() => deltaAdjustedImputation(data, { ...opts, term: "age" }), "term");
  err(() => deltaAdjustedImputation(data, { ...opts, deltaRows: [true] }), "deltaRows");
  err(() => deltaAdjustedImputation(data, { ...opts, seed: "" }), "seed");
  err(() => tippingPoint([{ delta: 2, hazardRatio: 1, lower: 0.5, upper: 2 }, { delta: 1, hazardRatio: 1, lower: 0.5, upper: 2 }]), "rows", 1);
  err(() => deltaAdjustedImputation({ ...data, covariates: { arm: data.covariates.arm, z: data.covariates.z.map(() => 1) } }, opts), "covariates.z");
});

test("bootstrap draw: both models refitted on a resample of the rows (Breslow), the baseline jumping at the resample's event times; δ = Infinity uses them; common random numbers over δ", () => {
  const model = fitDeltaImputationModel(data);
  const draw = drawImputation(model, "boot-1", "bootstrap");
  const idx = draw.resample!;
  assert.strictEqual(idx.length, data.time.length);
  assert.ok(idx.every((i) => Number.isInteger(i) && i >= 0 && i < data.time.length));
  assert.strictEqual(draw.resampleAttempts, 1);
  assert.ok(new Set(idx).size < idx.length * 0.7, "a resample with replacement repeats rows (about 63% distinct)");
  const t = idx.map((i) => data.time[i]);
  const s = idx.map((i) => data.status[i]);
  const cov = { arm: idx.map((i) => data.covariates.arm[i]), z: idx.map((i) => data.covariates.z[i]) };
  for (const [cause, coef, times, cum] of [
    [1, draw.eventCoef, draw.eventTimes!, draw.eventCumHazard],
    [2, draw.competingCoef!, draw.competingTimes!, draw.competingCumHazard],
  ] as const) {
    const fit = coxPH(t, s.map((v) => (v === cause ? 1 : 0)), cov, { ties: "breslow" });
    assertAllClose(coef, fit.coef, `cause ${cause} coefficients = coxPH (Breslow) on the resample`, 1e-9);
    const base = breslowBaseline(t, s.map((v) => (v === cause ? 1 : 0)), [cov.arm, cov.z], coef);
    assert.deepStrictEqual(times, base.times);
    assertAllClose(cum, base.cumHazard, `cause ${cause} baseline`, 1e-12);
    assert.deepStrictEqual(times, Array.from(new Set(t.filter((_, k) => s[k] === cause))).sort((a, b) => a - b));
  }
  // The event model's refit differs from the full-data fit (another sample).
  assert.ok(Math.abs(draw.eventCoef[0] - model.event.coef[0]) > 1e-6);
  // Fewer distinct event times than the full data: δ = Infinity takes the resample's next event time after loss.
  assert.ok(draw.eventTimes!.length < model.event.eventTimes.length);
  const worst = completeAfterLoss(model, draw, Infinity);
  let differs = 0;
  model.lostRows.forEach((i) => {
    const next = draw.eventTimes!.filter((x) => x > data.time[i])[0];
    if (next !== undefined && next <= data.end[i] && worst.status[i] === 1) assert.strictEqual(worst.time[i], next, `row ${i}`);
    if (worst.status[i] === 1 && worst.time[i] !== model.event.eventTimes.filter((x) => x > data.time[i])[0]) differs++;
  });
  assert.ok(differs > 0, "some worst-case event times are not the full data's next event time");
  const grid = [0.5, 1, 2, 4];
  const completed = grid.map((d) => completeAfterLoss(model, draw, d));
  for (let q = 1; q < grid.length; q++)
    for (const i of model.lostRows)
      if (completed[q - 1].status[i] === 1) assert.ok(completed[q].status[i] === 1 && completed[q].time[i] <= completed[q - 1].time[i], `row ${i} at δ ${grid[q]}`);
  // Seeded; the default draw is the normal one, unchanged (no resample).
  assert.deepStrictEqual(drawImputation(model, "boot-1", "bootstrap"), draw);
  const normal = drawImputation(model, "boot-1");
  assert.deepStrictEqual(normal, drawImputation(model, "boot-1", "normal"));
  assert.strictEqual(normal.resample, undefined);
  assert.throws(() => drawImputation(model, "boot-1", "bayes" as never), (e: unknown) => e instanceof InputError && e.argument === "parameterDraw");
  assert.throws(() => deltaAdjustedImputation(data, { deltas: [1], imputations: 2, seed: "x", parameterDraw: "boot" as never }), (e: unknown) => e instanceof InputError && e.argument === "parameterDraw");
});

test("bootstrap draw: a resample whose models cannot be fitted (no event of the cause, no convergence) is replaced by the next one drawn", () => {
  // Two events among 12 rows: about one resample in nine has neither.
  const tiny: DeltaImputationInput = {
    time: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    status: [1, 0, 0, 2, 0, 1, 0, 0, 2, 0, 0, 0],
    covariates: { x: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1] },
    lost: [false, true, false, false, true, false, true, false, false, true, false, false],
    end: Array(12).fill(20),
  };
  const model = fitDeltaImputationModel(tiny);
  const draws = Array.from({ length: 20 }, (_, k) => drawImputation(model, `tiny-${k}`, "bootstrap"));
  assert.ok(draws.some((d) => d.resampleAttempts! > 1), draws.map((d) => d.resampleAttempts).join(", "));
  for (const d of draws) assert.ok(d.resample!.some((i) => tiny.status[i] === 1), "the kept resample has an event");
  const r = deltaAdjustedImputation(tiny, { deltas: [1, 2], imputations: 20, seed: "tiny", parameterDraw: "bootstrap" });
  assert.strictEqual(r.parameterDraw, "bootstrap");
  assert.ok(r.resamplesReplaced > 0);
  assert.ok(MAX_RESAMPLE_ATTEMPTS >= 10);
});

test("simulation check (simulated data, known truth): fully proper imputation at δ = 1 under loss at random recovers the true log HR with nominal Rubin coverage; at the true δ after informative loss it recovers the complete-data estimate, at δ = 1 it does not", () => {
  // 100 data sets of 300 patients, about 29% lost; 5 bootstrap imputations each. Monte Carlo SE of a coverage near 0.95: 0.022.
  const base = { ...DELTA_SIMULATION_SETTINGS, datasets: 100, imputations: 5, parameterDraws: ["bootstrap" as const] };
  const atRandom = runDeltaImputationSimulations({ ...base, deltas: [1], seedPrefix: "delta-test-" });
  const row = atRandom.rows[0];
  assert.ok(Math.abs(row.biasTruth) < 3 * row.biasTruthMcse, `bias ${row.biasTruth} (MC SE ${row.biasTruthMcse})`);
  assert.ok(Math.abs(row.biasComplete) < 3 * row.biasCompleteMcse, `vs complete data ${row.biasComplete} (MC SE ${row.biasCompleteMcse})`);
  assert.ok(Math.abs(row.coverage - 0.95) < 3 * Math.sqrt((0.95 * 0.05) / row.datasets), `coverage ${row.coverage}`);
  assert.ok(row.seRatio > 0.8 && row.seRatio < 1.25, `Rubin SE / empirical SE ${row.seRatio}`);
  assert.ok(atRandom.meanLostShare > 0.2 && atRandom.meanLostShare < 0.4, `${atRandom.meanLostShare}`);
  // Informative loss: after loss, arm 0's hazard doubles (true δ = 2).
  const informative = runDeltaImputationSimulations({ ...base, datasets: 60, deltas: [1, 2], deltaTrue: 2, seedPrefix: "delta-test-informative-" });
  const [one, two] = informative.rows;
  assert.ok(Math.abs(two.biasComplete) < 3 * two.biasCompleteMcse, `δ = 2: ${two.biasComplete} (MC SE ${two.biasCompleteMcse})`);
  assert.ok(one.biasComplete > 3 * one.biasCompleteMcse, `δ = 1 should overstate the arm's log HR: ${one.biasComplete} (MC SE ${one.biasCompleteMcse})`);
});
