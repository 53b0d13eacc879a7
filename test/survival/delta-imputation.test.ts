/**
 * δ-adjusted multiple imputation after loss to follow-up (src/survival/delta-imputation.ts): the
 * refit equals coxPH, the draws' properties (δ = 0, δ = Infinity, common random numbers), δ = 1
 * against the observed-data analysis under censoring at random, tipping points and bad input.
 * The imputation model itself is matched to R in test/clinical/loss-tipping-point.test.ts.
 */
import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { assertClose } from "../helpers/reference";
import { coxPH } from "../../src/survival/cox";
import {
  breslowBaseline,
  completeAfterLoss,
  coxTermEstimate,
  deltaAdjustedImputation,
  drawImputation,
  fitDeltaImputationModel,
  tippingPoint,
  type DeltaImputationInput,
} from "../../src/survival/delta-imputation";
import { InputError } from "../../src/core/index";

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
