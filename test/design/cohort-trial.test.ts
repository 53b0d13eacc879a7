import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { assertClose } from "../helpers/reference";
import { calibrateCohortEffect, cohortArmOutcomes, cohortEffectTruth, cohortTrialPopulation, marginalRatioLimit, simulateCohortTrial } from "../../src/design/index";
import { accrualEndWithRamp, accrualEnteredShare, accrualEntryTime, lossToFollowUpTime } from "../../src/design/simulate-trial";
import { clinicalTrialCandidates, clinicalTrialCourse } from "../../src/synth/clinical-cohort";
import { assertInputError } from "../survival/fixture";

const design = { accrualMonths: 36, followUpMonths: 24, allocation: 0.5 };
// Quantiles of a distribution on an even grid: a deterministic stand-in for a large sample.
const grid = (n: number, quantile: (u: number) => number) => Array.from({ length: n }, (_, i) => quantile((i + 0.5) / n));

test("marginalRatioLimit recovers a true proportional (sub)distribution hazard ratio, whatever the censoring", () => {
  // Survival: exponential control, hazard ratio 0.6.
  const c = grid(200000, (u) => -Math.log(1 - u) / 0.05);
  const e = grid(200000, (u) => -Math.log(1 - u) / 0.03);
  assertClose(marginalRatioLimit(c, e, design), 0.6, "HR", 2e-4);
  // Subdistribution: F0 = pi (1 - exp(-L t)), F1 = 1 - (1 - F0)^s; no event of interest = Infinity.
  const pi = 0.8;
  const L = 0.08;
  const s = 0.7;
  const sub = (F: number) => (F >= pi ? Infinity : -Math.log(1 - F / pi) / L);
  const c2 = grid(200000, (u) => sub(u));
  const e2 = grid(200000, (u) => sub(1 - Math.pow(1 - u, 1 / s)));
  assertClose(marginalRatioLimit(c2, e2, design), s, "sHR", 2e-4);
  assertClose(marginalRatioLimit(c2, e2, { accrualMonths: 12, followUpMonths: 3 }), s, "sHR, other censoring", 2e-4);
  assertInputError(() => marginalRatioLimit([Infinity], [1], design), "control/experimental");
});

test("cohort-generator trial patients: seeded, timed from RT start (no progression or death before it), the arm effect acts from RT start", () => {
  const a = clinicalTrialCandidates("t/1", 150);
  assert.strictEqual(a.length, 150);
  assert.deepStrictEqual(clinicalTrialCandidates("t/1", 150), a);
  let fewer = 0;
  for (const c of a) {
    const k0 = clinicalTrialCourse(c, { outOfField: 1, death: 1 });
    assert.ok(k0.outOfField > 0 && k0.death > 0);
    const k1 = clinicalTrialCourse(c, { outOfField: 0.5, death: 1 });
    // a smaller out-of-field hazard never brings the progression earlier (same latent draws)
    assert.ok(k1.outOfField >= k0.outOfField);
    if (k1.outOfField > k0.outOfField) fewer++;
  }
  assert.ok(fewer > 100);
});

test("calibrateCohortEffect: the population ratio of the calibrated multiplier is the target; a within-patient multiplier equal to the target gives a weaker population effect", () => {
  const pop = cohortTrialPopulation("t/pop", 4000);
  for (const [endpoint, target] of [["out-of-field", 0.7], ["overall-survival", 0.8]] as const) {
    const cal = calibrateCohortEffect(pop, endpoint, target, design);
    assertClose(cal.marginalRatio, target, `${endpoint} calibrated`, 1e-4);
    assert.ok(cal.multiplier < target, `${endpoint}: multiplier ${cal.multiplier} stronger than the target`);
    const raw = cohortEffectTruth(pop, endpoint, endpoint === "out-of-field" ? { outOfField: target, death: 1 } : { outOfField: 1, death: target }, design);
    assert.ok(raw.marginalRatio > target && raw.marginalRatio < 1, `${endpoint}: population ratio ${raw.marginalRatio} attenuated`);
    assert.ok(cal.eventProbability.experimental < cal.eventProbability.control);
  }
  const none = cohortEffectTruth(pop, "out-of-field", { outOfField: 1, death: 1 }, design);
  assertClose(none.marginalRatio, 1, "no effect", 1e-3);
  assertInputError(() => calibrateCohortEffect(pop, "out-of-field", 0, design), "target");
});

test("simulateCohortTrial: same generator, same trial; statuses coded as the analysis expects; censored at the analysis", () => {
  const pop = cohortTrialPopulation("t/pop2", 2000);
  const control = cohortArmOutcomes(pop, { outOfField: 1, death: 1 });
  const exp = cohortArmOutcomes(pop, { outOfField: 0.6, death: 1 });
  const run = (seed: string) => simulateCohortTrial({ endpoint: "out-of-field", patients: 200 }, design, control, exp, seedrandom(seed));
  const t = run("a");
  assert.deepStrictEqual(run("a"), t);
  assert.notDeepStrictEqual(run("b"), t);
  assert.strictEqual(t.arm.filter((x) => x === "experimental").length, 100);
  t.time.forEach((x, i) => {
    assert.ok([0, 1, 2].includes(t.status[i]));
    assert.ok(x > 0 && x <= 60 - t.entry[i] + 1e-12);
    if (t.status[i] === 0) assertClose(x, 60 - t.entry[i], "censored at the analysis", 1e-12);
  });
  const os = simulateCohortTrial({ endpoint: "overall-survival", patients: 200 }, design, control, exp, seedrandom("a"));
  assert.ok(os.status.every((s) => s === 0 || s === 1));
  assertInputError(() => simulateCohortTrial({ endpoint: "out-of-field", patients: 1 }, design, control, exp, seedrandom("a")), "patients");
  assertInputError(() => simulateCohortTrial({ endpoint: "out-of-field", patients: 20 }, { ...design, allocation: 1 }, control, exp, seedrandom("a")), "allocation");
});

test("simulateCohortTrial with the design's ramp-up and dropout: entry and loss drawn by the simple generator's own functions (accrualEntryTime, lossToFollowUpTime), censored at the earlier of loss and the analysis", () => {
  const pop = cohortTrialPopulation("t/pop3", 2000);
  const control = cohortArmOutcomes(pop, { outOfField: 1, death: 1 });
  const planned = { ...design, rampMonths: 12, dropoutHazard: 0.02 };
  const t = simulateCohortTrial({ endpoint: "out-of-field", patients: 300 }, planned, control, control, seedrandom("p"));
  // Replay the stream: per patient the population index, the entry quantile, the loss uniform.
  const rng = seedrandom("p");
  const analysis = accrualEndWithRamp(36, 12) + 24;
  assert.strictEqual(analysis, 66);
  let lostEarly = 0;
  for (let i = 0; i < 300; i++) {
    const j = Math.min(1999, Math.floor(rng() * 2000));
    const entry = accrualEntryTime(rng(), 36, 12);
    const loss = lossToFollowUpTime(0.02, () => rng());
    assert.strictEqual(t.entry[i], entry);
    const censor = Math.min(analysis - entry, loss);
    const k = { outOfField: control.outOfField[j], death: control.death[j] };
    const first = Math.min(k.outOfField, k.death);
    if (first <= censor) assert.deepStrictEqual([t.time[i], t.status[i]], [first, k.outOfField <= k.death ? 1 : 2]);
    else {
      assert.deepStrictEqual([t.time[i], t.status[i]], [censor, 0]);
      if (loss < analysis - entry) lostEarly++;
    }
  }
  assert.ok(lostEarly > 0, "some patients lost before the analysis");
  assert.ok(Math.max(...t.entry) > 36 && Math.max(...t.entry) <= 42, "the last patients enter after a + R/2 − ε");
  // No ramp-up and no dropout: the trial without them, draw for draw.
  assert.deepStrictEqual(simulateCohortTrial({ endpoint: "out-of-field", patients: 50 }, { ...design, rampMonths: 0, dropoutHazard: 0 }, control, control, seedrandom("q")), simulateCohortTrial({ endpoint: "out-of-field", patients: 50 }, design, control, control, seedrandom("q")));
  assertInputError(() => simulateCohortTrial({ endpoint: "out-of-field", patients: 20 }, { ...design, dropoutHazard: -1 }, control, control, seedrandom("a")), "dropoutHazard");
});

test("cohortEffectTruth under the ramp-up and dropout: ψ is the mean probability of being still followed at the event time; dropout lowers it; the ratio limit is unchanged without them", () => {
  const pop = cohortTrialPopulation("t/pop4", 3000);
  const plain = cohortEffectTruth(pop, "out-of-field", { outOfField: 0.7, death: 1 }, design);
  assert.deepStrictEqual(cohortEffectTruth(pop, "out-of-field", { outOfField: 0.7, death: 1 }, { ...design, rampMonths: 0, dropoutHazard: 0 }), plain);
  const planned = cohortEffectTruth(pop, "out-of-field", { outOfField: 0.7, death: 1 }, { ...design, rampMonths: 12, dropoutHazard: 0.0085 });
  assert.ok(planned.eventProbability.control < plain.eventProbability.control);
  // ψ by hand: each control patient's out-of-field time t (before death), P(entered by 66 − t) · e^(−ηt)
  const control = cohortArmOutcomes(pop, { outOfField: 1, death: 1 });
  let psi = 0;
  control.outOfField.forEach((t, i) => {
    if (t <= control.death[i] && t < 66) psi += accrualEnteredShare(66 - t, 36, 12) * Math.exp(-0.0085 * t);
  });
  assertClose(planned.eventProbability.control, psi / 3000, "ψ control", 1e-12);
  // The entered share inverts the entry time.
  for (const u of [0, 0.05, 1 / 6, 0.5, 0.99]) assertClose(accrualEnteredShare(accrualEntryTime(u, 36, 12), 36, 12), u, `share at u = ${u}`, 1e-12);
  assert.strictEqual(accrualEnteredShare(50, 36, 12), 1);
  assert.strictEqual(accrualEnteredShare(-1, 36, 12), 0);
  // An exact proportional sHR is still recovered under the planned censoring (the limit does not depend on it).
  const pi = 0.8;
  const sub = (F: number) => (F >= pi ? Infinity : -Math.log(1 - F / pi) / 0.08);
  const c2 = grid(100000, (u) => sub(u));
  const e2 = grid(100000, (u) => sub(1 - Math.pow(1 - u, 1 / 0.7)));
  assertClose(marginalRatioLimit(c2, e2, { ...design, rampMonths: 12, dropoutHazard: 0.0085 }), 0.7, "sHR, ramp-up and dropout", 3e-4);
});
