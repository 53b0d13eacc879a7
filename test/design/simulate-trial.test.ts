import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { simulateTrial, exponentialCumulativeIncidence, exponentialArmIncidence, expectedEventsByMonth, accrualEntryTime, accrualEndWithRamp, accrualEndMonths } from "../../src/design/index";
import { assertInputError } from "../survival/fixture";

const model = { causeHazard: 0.05, competingHazard: 0.02, deathHazard: 0.04, accrualMonths: 36, followUpMonths: 24 };
const rng = (seed: string) => {
  const r = seedrandom(seed);
  return () => r();
};

test("simulateTrial: seeded, split by allocation, censored at accrual + follow-up − entry", () => {
  const a = simulateTrial({ endpoint: "out-of-field", effect: 0.7, patients: 301 }, { ...model, allocation: 2 / 3 }, rng("s"));
  const b = simulateTrial({ endpoint: "out-of-field", effect: 0.7, patients: 301 }, { ...model, allocation: 2 / 3 }, rng("s"));
  assert.deepStrictEqual(a, b);
  assert.strictEqual(a.arm.filter((x) => x === "experimental").length, 201);
  for (let i = 0; i < a.time.length; i++) {
    const limit = 60 - a.entry[i];
    assert.ok(a.entry[i] >= 0 && a.entry[i] <= 36);
    assert.ok(a.time[i] <= limit + 1e-12);
    if (a.status[i] === 0) assert.strictEqual(a.time[i], limit);
  }
});

test("simulateTrial, out-of-field: each arm's cumulative incidence is the design's, 1 − (1 − F0)^s in the experimental arm", () => {
  const n = 40000;
  const s = 0.6;
  const t = simulateTrial({ endpoint: "out-of-field", effect: s, patients: n }, { ...model, accrualMonths: 1, followUpMonths: 500 }, rng("big"));
  for (const [arm, shr] of [["control", 1], ["experimental", s]] as const) {
    const idx = t.arm.map((a, i) => (a === arm ? i : -1)).filter((i) => i >= 0);
    for (const h of [6, 12, 36, 400]) {
      const observed = idx.filter((i) => t.status[i] === 1 && t.time[i] <= h).length / idx.length;
      const expected = exponentialCumulativeIncidence(h, model.causeHazard, model.competingHazard, shr);
      const se = Math.sqrt((expected * (1 - expected)) / idx.length);
      assert.ok(Math.abs(observed - expected) < 4 * se, `${arm} F(${h}): ${observed} vs ${expected}`);
    }
  }
});

test("simulateTrial, overall survival: exponential with hazard λ and λ·HR; frailty lowers later hazards", () => {
  const n = 40000;
  const t = simulateTrial({ endpoint: "overall-survival", effect: 0.8, patients: n }, { ...model, accrualMonths: 1, followUpMonths: 5000 }, rng("os"));
  for (const [arm, hr] of [["control", 1], ["experimental", 0.8]] as const) {
    const times = t.time.filter((_, i) => t.arm[i] === arm);
    const mean = times.reduce((x, y) => x + y, 0) / times.length;
    const expected = 1 / (0.04 * hr);
    assert.ok(Math.abs(mean - expected) < 4 * (expected / Math.sqrt(times.length)), `${arm}: mean ${mean} vs ${expected}`);
  }
  const f = simulateTrial({ endpoint: "overall-survival", effect: 1, patients: n, frailtyVariance: 0.5 }, { ...model, accrualMonths: 1, followUpMonths: 5000 }, rng("fr"));
  // gamma frailty (mean 1, variance θ): S(t) = (1 + θλt)^(−1/θ)
  const at = 24;
  const observed = f.time.filter((x) => x > at).length / n;
  const expected = Math.pow(1 + 0.5 * 0.04 * at, -2);
  assert.ok(Math.abs(observed - expected) < 4 * Math.sqrt((expected * (1 - expected)) / n), `frailty S(24): ${observed} vs ${expected}`);
});

test("simulateTrial with dropout and an accrual ramp-up: seeded; without them the same trials as before", () => {
  const spec = { endpoint: "out-of-field" as const, effect: 0.7, patients: 200 };
  assert.deepStrictEqual(simulateTrial(spec, { ...model, dropoutHazard: 0, rampMonths: 0 }, rng("same")), simulateTrial(spec, model, rng("same")), "η = 0 and R = 0 draw nothing more");
  const planned = { ...model, dropoutHazard: { control: 0.01, experimental: 0.02 }, rampMonths: 12 };
  const a = simulateTrial(spec, planned, rng("p"));
  assert.deepStrictEqual(simulateTrial(spec, planned, rng("p")), a);
  const analysis = 36 + 12 / 2 + 24;
  for (let i = 0; i < a.time.length; i++) {
    assert.ok(a.entry[i] >= 0 && a.entry[i] <= 42 + 1e-12, "the last patient enters half the ramp late");
    assert.ok(a.time[i] <= analysis - a.entry[i] + 1e-12, "censored at the analysis, follow-up months after the last entry");
  }
  assert.ok(a.status.some((st, i) => st === 0 && a.time[i] < analysis - a.entry[i] - 1e-9), "some patients are lost before the analysis");
});

test("accrualEntryTime: the entry density rises linearly over the ramp, then is flat; the last entry as trialEventTimeline's", () => {
  for (const [a, R] of [[36, 12], [36, 6], [10, 30]] as const) {
    const end = accrualEndWithRamp(a, R);
    assert.ok(Math.abs(end - accrualEndMonths(100, 100 / a, R)) < 1e-9, `a = ${a}, R = ${R}`);
    assert.ok(Math.abs(accrualEntryTime(1, a, R) - end) < 1e-9);
    // entered share by x: x² / (2Ra) during the ramp, (x − R/2) / a after
    for (const u of [0.01, 0.1, 0.5, 0.9]) {
      const x = accrualEntryTime(u, a, R);
      const share = x <= R ? (x * x) / (2 * R * a) : (x - R / 2) / a;
      assert.ok(Math.abs(share - u) < 1e-12, `u = ${u}: x = ${x}`);
    }
  }
  assert.strictEqual(accrualEntryTime(0.25, 36, 0), 9);
  assert.strictEqual(accrualEndWithRamp(36), 36);
});

test("simulateTrial as planned: each arm's observed events by the analysis are the expected ones with its dropout and the ramp-up", () => {
  const n = 60000;
  const eta = { control: 0.0085, experimental: 0.02 };
  const planned = { causeHazard: 0.067, competingHazard: 0.011, deathHazard: 0.05, accrualMonths: 36, followUpMonths: 24, rampMonths: 12, dropoutHazard: eta };
  for (const endpoint of ["out-of-field", "overall-survival"] as const) {
    const t = simulateTrial({ endpoint, effect: 0.7, patients: n }, planned, rng(`planned/${endpoint}`));
    const hazards = endpoint === "out-of-field" ? { causeHazard: 0.067, competingHazard: 0.011 } : { causeHazard: 0.05, competingHazard: 0 };
    for (const arm of ["control", "experimental"] as const) {
      const idx = t.arm.map((x, i) => (x === arm ? i : -1)).filter((i) => i >= 0);
      const observed = idx.filter((i) => t.status[i] === 1).length / idx.length;
      const inc = exponentialArmIncidence({ ...hazards, ratio: arm === "control" ? 1 : 0.7, dropoutHazard: eta[arm] });
      const expected = expectedEventsByMonth({ patients: idx.length, accrualPerMonth: idx.length / 36, control: inc, experimental: inc, rampMonths: 12 }, 42 + 24) / idx.length;
      const se = Math.sqrt((expected * (1 - expected)) / idx.length);
      assert.ok(Math.abs(observed - expected) < 4 * se, `${endpoint}, ${arm}: ${observed} vs ${expected}`);
      // without the dropout, more events are seen
      const noLoss = exponentialArmIncidence({ ...hazards, ratio: arm === "control" ? 1 : 0.7 });
      const none = expectedEventsByMonth({ patients: idx.length, accrualPerMonth: idx.length / 36, control: noLoss, experimental: noLoss, rampMonths: 12 }, 66) / idx.length;
      assert.ok(none > observed + 4 * se, `${endpoint}, ${arm}: dropout removes events`);
    }
  }
});

test("simulateTrial: bad input", () => {
  const spec = { endpoint: "overall-survival" as const, effect: 0.8, patients: 100 };
  assertInputError(() => simulateTrial({ ...spec, endpoint: "pfs" as never }, model, rng("x")), "endpoint");
  assertInputError(() => simulateTrial({ ...spec, patients: 10.5 }, model, rng("x")), "patients");
  assertInputError(() => simulateTrial({ ...spec, effect: 0 }, model, rng("x")), "effect");
  assertInputError(() => simulateTrial(spec, { ...model, allocation: 1 }, rng("x")), "allocation");
  assertInputError(() => simulateTrial(spec, { ...model, followUpMonths: 0 }, rng("x")), "followUpMonths");
  assertInputError(() => simulateTrial({ ...spec, frailtyVariance: -1 }, model, rng("x")), "frailtyVariance");
  assertInputError(() => simulateTrial(spec, { ...model, rampMonths: -1 }, rng("x")), "rampMonths");
  assertInputError(() => simulateTrial(spec, { ...model, dropoutHazard: -0.1 }, rng("x")), "dropoutHazard");
  assertInputError(() => simulateTrial(spec, { ...model, dropoutHazard: { control: 0.01, experimental: NaN } }, rng("x")), "dropoutHazard.experimental");
});
