import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { simulateTrial, exponentialCumulativeIncidence } from "../../src/design/index";
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

test("simulateTrial: bad input", () => {
  const spec = { endpoint: "overall-survival" as const, effect: 0.8, patients: 100 };
  assertInputError(() => simulateTrial({ ...spec, endpoint: "pfs" as never }, model, rng("x")), "endpoint");
  assertInputError(() => simulateTrial({ ...spec, patients: 10.5 }, model, rng("x")), "patients");
  assertInputError(() => simulateTrial({ ...spec, effect: 0 }, model, rng("x")), "effect");
  assertInputError(() => simulateTrial(spec, { ...model, allocation: 1 }, rng("x")), "allocation");
  assertInputError(() => simulateTrial(spec, { ...model, followUpMonths: 0 }, rng("x")), "followUpMonths");
  assertInputError(() => simulateTrial({ ...spec, frailtyVariance: -1 }, model, rng("x")), "frailtyVariance");
});
