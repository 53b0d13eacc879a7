import { test } from "node:test";
import * as assert from "assert";
import * as path from "path";
import { loadCohort } from "../../src/data/index";
import { analyseTrial, simulateScenarioTrials, simulateTrial } from "../../src/design/index";
import { fineGray } from "../../src/survival/index";
import seedrandom from "seedrandom";
import { runTrialSimulations, readTrialSimulations, trialScenarioPlan, trialDesignInputs, TRIAL_DESIGN_DEFAULTS, runCohortTrialSimulations, cohortScenarioPlan, cohortTrialSizes, sizingDropoutHazards, competingRisksSampleSize, plannedEventProbability, plannedEventDrivenDesign } from "../../src/design/index";
import type { TrialSimulationSettings } from "../../src/design/index";
import { repoRoot } from "../helpers/reference";
import { assertInputError } from "../survival/fixture";

const report = readTrialSimulations(path.join(repoRoot, "data", "trial-simulations.json"));

test("data/trial-simulations.json: simulated, ≥ 1000 trials per scenario, for the shipped cohort's inputs and the default design", () => {
  assert.ok(report !== null, "npm run trial-simulations has written it");
  const s = report!.settings;
  assert.strictEqual(report!.simulated, true);
  assert.ok(s.simulations >= 1000);
  const d = TRIAL_DESIGN_DEFAULTS;
  const inputs = trialDesignInputs(loadCohort(path.join(repoRoot, "data")), { fallback: d.fallback }).values;
  assert.deepStrictEqual(s.inputs, { causeHazard: inputs.causeHazard, competingHazard: inputs.competingHazard, deathHazard: inputs.deathHazard }, "rerun npm run trial-simulations after changing the data");
  for (const key of ["seed", "simulations", "allocation", "accrualMonths", "followUpMonths", "alpha", "power", "subdistributionHRs", "designSubdistributionHR", "hazardRatios", "designHazardRatio", "frailtyVariance"] as const) {
    assert.deepStrictEqual(s[key], d[key], `${key}: rerun npm run trial-simulations after changing TRIAL_DESIGN_DEFAULTS`);
  }
  // simulated as planned: the sizing's dropout per endpoint in both arms, the longest accrual ramp-up
  const eta = sizingDropoutHazards(loadCohort(path.join(repoRoot, "data")), d);
  assert.ok(eta.outOfField > 0 && eta.survival > 0);
  assert.deepStrictEqual(s.dropout, { outOfField: { control: eta.outOfField, experimental: eta.outOfField }, survival: { control: eta.survival, experimental: eta.survival } });
  assert.strictEqual(s.rampMonths, Math.max(...d.accrualRampMonths));
  assert.strictEqual(s.dropoutExperimentalMultiplier, d.dropoutExperimentalMultiplier);
  assert.strictEqual(s.dropoutStressMultiplier, d.dropoutStressMultiplier);
  assert.deepStrictEqual(report!.scenarios.map(({ meanEvents, medianEstimate, tests, armCensoringFineGray, eventDriven, ...plan }) => plan), trialScenarioPlan(s), "the plan's sizes and analytic powers");
  // The planned design analysed event-driven: notebook 08's planned patients and events, with and without effect.
  assert.deepStrictEqual(s.eventDriven, plannedEventDrivenDesign(trialDesignInputs(loadCohort(path.join(repoRoot, "data")), { fallback: d.fallback }), d, eta));
  const ed = report!.scenarios.filter((x) => x.kind === "event-driven");
  assert.deepStrictEqual(ed.map((x) => x.id), [`out-of-field/event-driven/sHR=${d.designSubdistributionHR}`, "out-of-field/event-driven/null"]);
  for (const x of ed) {
    assert.strictEqual(x.patients, s.eventDriven!.patients);
    assert.strictEqual(x.eventDriven!.events, s.eventDriven!.events);
    assert.strictEqual(x.eventDriven!.reached, s.simulations, "every trial reached its target events");
    assert.strictEqual(x.meanEvents, s.eventDriven!.events, "cut at the target event: exactly that many in each trial");
    const m = x.eventDriven!.analysisMonth;
    assert.ok(m.min <= m.q025 && m.q025 <= m.median && m.median <= m.q975 && m.q975 <= m.max);
  }
  for (const sc of report!.scenarios) {
    const e = sc.endpoint === "out-of-field" ? eta.outOfField : eta.survival;
    const m = /dropout-experimental-x([0-9.]+)$/.exec(sc.id);
    assert.strictEqual(m !== null, sc.kind === "unequal dropout" || (sc.kind === "type I error" && sc.id !== `${sc.endpoint}/null`), sc.id);
    const multiple = m === null ? 1 : Number(m[1]);
    if (m !== null) assert.ok(multiple === d.dropoutExperimentalMultiplier || (multiple === d.dropoutStressMultiplier && sc.endpoint === "out-of-field"), sc.id);
    assert.deepStrictEqual(sc.dropoutHazard, { control: e, experimental: multiple * e }, sc.id);
  }
  // Fine-Gray under loss that depends on arm: the stress multiple with effect, and no effect at both multiples (out-of-field only).
  for (const id of [`out-of-field/sHR=${d.designSubdistributionHR}/dropout-experimental-x${d.dropoutStressMultiplier}`, `out-of-field/null/dropout-experimental-x${d.dropoutExperimentalMultiplier}`, `out-of-field/null/dropout-experimental-x${d.dropoutStressMultiplier}`]) {
    assert.ok(report!.scenarios.some((x) => x.id === id), id);
  }
  assert.ok(!report!.scenarios.some((x) => x.endpoint === "overall-survival" && x.id.indexOf(`x${d.dropoutStressMultiplier}`) >= 0));
  assert.ok(report!.scenarios.some((x) => x.kind === "unequal dropout" && x.endpoint === "out-of-field"));
  assert.ok(report!.scenarios.some((x) => x.kind === "type I error" && x.endpoint === "out-of-field"));
  assert.ok(report!.scenarios.some((x) => x.kind === "type I error" && x.endpoint === "overall-survival"));
  for (const sc of report!.scenarios) {
    for (const t of sc.tests) {
      assert.strictEqual(t.rate, t.rejections / s.simulations);
      assert.ok(Math.abs(t.mcse - Math.sqrt((t.rate * (1 - t.rate)) / s.simulations)) < 1e-15);
    }
  }
});

test("data/trial-simulations.json, cohort-generator part: for the shipped cohort's sizes and the default design; true effects recorded; calibrated scenarios hit the design ratio", () => {
  const cg = report!.cohortGenerator;
  assert.ok(cg !== undefined, "npm run trial-simulations has written the cohort-generator trials");
  const d = TRIAL_DESIGN_DEFAULTS;
  const s = cg!.settings;
  assert.strictEqual(s.seed, `${d.seed}/cohort`);
  assert.strictEqual(s.simulations, d.cohortSimulations);
  assert.ok(s.simulations >= 1000);
  assert.strictEqual(s.populationSize, d.populationSize);
  for (const key of ["allocation", "accrualMonths", "followUpMonths", "alpha", "power", "designSubdistributionHR", "designHazardRatio"] as const) assert.deepStrictEqual(s[key], d[key], key);
  const inputs = trialDesignInputs(loadCohort(path.join(repoRoot, "data")), { fallback: d.fallback });
  assert.deepStrictEqual(s.sizes, cohortTrialSizes(inputs, d), "rerun npm run trial-simulations after changing the data");
  // As planned: the sizing's dropout per endpoint (both arms), the longest ramp-up, the sizes with that dropout.
  const eta = sizingDropoutHazards(loadCohort(path.join(repoRoot, "data")), d);
  assert.deepStrictEqual(s.asPlanned, { dropout: eta, rampMonths: Math.max(...d.accrualRampMonths), sizes: cohortTrialSizes(inputs, d, eta) });
  assert.ok(s.asPlanned!.sizes["out-of-field"].curve.patients > s.sizes["out-of-field"].curve.patients, "dropout needs more patients");
  assert.deepStrictEqual(cg!.scenarios.map((x) => x.id), cohortScenarioPlan(s).map((x) => x.id));
  const planned = cg!.scenarios.filter((x) => x.dropoutHazard !== undefined);
  assert.deepStrictEqual(planned.map((x) => x.id), ["cohort/out-of-field/sHR=0.7/curve-size/dropout-ramp", "cohort/out-of-field/null/curve-size/dropout-ramp", "cohort/overall-survival/HR=0.8/curve-size/dropout-ramp", "cohort/overall-survival/null/curve-size/dropout-ramp"]);
  for (const sc of planned) {
    assert.strictEqual(sc.dropoutHazard, sc.endpoint === "out-of-field" ? eta.outOfField : eta.survival);
    assert.strictEqual(sc.rampMonths, s.asPlanned!.rampMonths);
  }
  for (const sc of cg!.scenarios) {
    assert.strictEqual(sc.patients, (sc.dropoutHazard === undefined ? s.sizes : s.asPlanned!.sizes)[sc.endpoint][sc.size].patients);
    if (sc.kind === "power") assert.ok(Math.abs(sc.trueRatio - sc.designRatio) < 1e-6, `${sc.id}: population ratio ${sc.trueRatio}`);
    if (sc.kind === "type I error") assert.strictEqual(sc.multiplier, 1);
    if (sc.kind === "within-patient effect") assert.ok(sc.multiplier === sc.designRatio && sc.trueRatio > sc.designRatio);
    for (const t of sc.tests) {
      assert.strictEqual(t.rate, t.rejections / s.simulations);
      assert.ok(Math.abs(t.mcse - Math.sqrt((t.rate * (1 - t.rate)) / s.simulations)) < 1e-15);
    }
  }
});

test("data/trial-simulations.json regenerates, cohort-generator part: the out-of-field null scenarios (without dropout, and as planned with dropout and the ramp-up) rerun from their own streams give the committed results", () => {
  const only = ["cohort/out-of-field/null/curve-size", "cohort/out-of-field/null/curve-size/dropout-ramp"];
  const again = runCohortTrialSimulations(report!.cohortGenerator!.settings, { only });
  assert.deepStrictEqual(again.scenarios, report!.cohortGenerator!.scenarios.filter((x) => only.indexOf(x.id) >= 0));
});

test("data/trial-simulations.json regenerates: two scenarios rerun from their own seeded streams give the committed results", () => {
  const only = ["out-of-field/sHR=0.5", "overall-survival/HR=0.7", "out-of-field/null/dropout-experimental-x3", "out-of-field/event-driven/null"];
  const again = runTrialSimulations(report!.settings, { only });
  assert.deepStrictEqual(again.scenarios, report!.scenarios.filter((x) => only.indexOf(x.id) >= 0));
});

test("runTrialSimulations: same seed, same result; another seed, other trials; the plan's sizes are the analytic ones", () => {
  const settings: TrialSimulationSettings = {
    seed: "t", simulations: 30, inputs: { causeHazard: 0.05, competingHazard: 0.02, deathHazard: 0.05 }, allocation: 0.5, accrualMonths: 24, followUpMonths: 12,
    alpha: 0.05, power: 0.8, subdistributionHRs: [0.5], designSubdistributionHR: 0.5, hazardRatios: [0.6], designHazardRatio: 0.6, frailtyVariance: 0,
  };
  const a = runTrialSimulations(settings);
  assert.deepStrictEqual(runTrialSimulations(settings), a);
  assert.notDeepStrictEqual(runTrialSimulations({ ...settings, seed: "u" }).scenarios, a.scenarios);
  assert.deepStrictEqual(a.scenarios.map((x) => x.id), ["out-of-field/sHR=0.5", "out-of-field/null", "overall-survival/HR=0.6", "overall-survival/null"]);
  const nullScenario = a.scenarios[1];
  assert.strictEqual(nullScenario.analyticPower, 0.05);
  assert.strictEqual(nullScenario.patients, a.scenarios[0].patients);
  assert.ok(Math.abs(a.scenarios[0].analyticPower - 0.8) < 0.01);
  assertInputError(() => runTrialSimulations({ ...settings, simulations: 0 }), "simulations");
});

test("trialScenarioPlan with dropout and a ramp-up: sized with the dropout; without a ramp-up the analytic power is the sizing's; the unequal-dropout scenario sized per arm", () => {
  const base: TrialSimulationSettings = {
    seed: "t", simulations: 1, inputs: { causeHazard: 0.067, competingHazard: 0.011, deathHazard: 0.05 }, allocation: 0.5, accrualMonths: 36, followUpMonths: 24,
    alpha: 0.05, power: 0.8, subdistributionHRs: [0.7], designSubdistributionHR: 0.7, hazardRatios: [0.8], designHazardRatio: 0.8, frailtyVariance: 0,
  };
  const dropout = { outOfField: { control: 0.0085, experimental: 0.0085 }, survival: { control: 0.0056, experimental: 0.0056 } };
  const none = trialScenarioPlan(base);
  const flat = trialScenarioPlan({ ...base, dropout, dropoutExperimentalMultiplier: 1.5 });
  const ramp = trialScenarioPlan({ ...base, dropout, dropoutExperimentalMultiplier: 1.5, rampMonths: 12 });
  assert.deepStrictEqual(flat.map((x) => x.id), ["out-of-field/sHR=0.7", "out-of-field/null", "out-of-field/sHR=0.7/dropout-experimental-x1.5", "out-of-field/null/dropout-experimental-x1.5", "overall-survival/HR=0.8", "overall-survival/null", "overall-survival/HR=0.8/dropout-experimental-x1.5"]);
  const design = { allocation: 0.5, accrualMonths: 36, followUpMonths: 24, alpha: 0.05, power: 0.8, causeHazard: 0.067, competingHazard: 0.011 };
  // the stress multiple: out-of-field only, with effect and without, each sized for the design effect with that dropout
  const stress = trialScenarioPlan({ ...base, dropout, dropoutExperimentalMultiplier: 1.5, dropoutStressMultiplier: 3 });
  assert.deepStrictEqual(stress.map((x) => x.id), ["out-of-field/sHR=0.7", "out-of-field/null", "out-of-field/sHR=0.7/dropout-experimental-x1.5", "out-of-field/sHR=0.7/dropout-experimental-x3", "out-of-field/null/dropout-experimental-x1.5", "out-of-field/null/dropout-experimental-x3", "overall-survival/HR=0.8", "overall-survival/null", "overall-survival/HR=0.8/dropout-experimental-x1.5"]);
  const x3 = competingRisksSampleSize({ ...design, subdistributionHR: 0.7, dropoutHazard: { control: 0.0085, experimental: 3 * 0.0085 } }).patientsRounded;
  assert.ok(x3 > flat[2].patients);
  for (const k of [3, 5]) {
    assert.strictEqual(stress[k].patients, x3, stress[k].id);
    assert.deepStrictEqual(stress[k].dropoutHazard, { control: 0.0085, experimental: 3 * 0.0085 }, stress[k].id);
  }
  assert.strictEqual(stress[5].effect, 1);
  assert.strictEqual(stress[5].analyticPower, 0.05);
  assert.throws(() => trialScenarioPlan({ ...base, dropout, dropoutStressMultiplier: -2 }), /dropoutStressMultiplier/);
  assert.strictEqual(flat[0].patients, competingRisksSampleSize({ ...design, subdistributionHR: 0.7, dropoutHazard: 0.0085 }).patientsRounded);
  assert.ok(flat[0].patients > none[0].patients, "dropout needs more patients");
  assert.strictEqual(flat[2].patients, competingRisksSampleSize({ ...design, subdistributionHR: 0.7, dropoutHazard: { control: 0.0085, experimental: 1.5 * 0.0085 } }).patientsRounded);
  assert.deepStrictEqual(flat[2].dropoutHazard, { control: 0.0085, experimental: 1.5 * 0.0085 });
  for (const [k, sc] of flat.entries()) {
    assert.ok(Math.abs(sc.analyticPower - sc.sizingPower) < 1e-6, `${sc.id}: without a ramp-up the trial is the sizing's`);
    assert.ok(sc.kind === "type I error" ? sc.analyticPower === 0.05 : Math.abs(sc.sizingPower - 0.8) < 0.01, sc.id);
    assert.strictEqual(ramp[k].patients, sc.patients, "the ramp-up keeps the size");
  }
  // the ramp-up adds follow-up to the patients who enter during it: ψ at least the uniform one
  const psiFlat = plannedEventProbability({ ...base, rampMonths: 0 }, "overall-survival", 0.8, 800, dropout.survival);
  const psiRamp = plannedEventProbability({ ...base, rampMonths: 12 }, "overall-survival", 0.8, 800, dropout.survival);
  assert.ok(psiRamp > psiFlat && psiRamp < psiFlat + 0.01, `${psiFlat} → ${psiRamp}`);
  assert.throws(() => trialScenarioPlan({ ...base, dropout, dropoutExperimentalMultiplier: -1 }), /dropoutExperimentalMultiplier/);
});

test("Fine-Gray with arm-specific censoring weights: recorded for the out-of-field scenarios with unequal dropout, at the design effect or without effect; paired with the pooled fit; one seeded trial equals a direct fineGray(..., { cenGroup: arm }) fit", () => {
  // The committed file: out-of-field scenarios whose arms are lost at different rates, and those at the design effect or without effect (fixed time and event-driven), not the misspecified one.
  const s = report!.settings;
  const refitted = (x: { endpoint: string; kind: string; effect: number; dropoutHazard: { control: number; experimental: number } }) =>
    x.endpoint === "out-of-field" && x.kind !== "misspecified" && (x.dropoutHazard.experimental !== x.dropoutHazard.control || x.effect === s.designSubdistributionHR || x.effect === 1);
  const withField = report!.scenarios.filter((x) => x.armCensoringFineGray !== undefined).map((x) => x.id);
  assert.deepStrictEqual(withField, report!.scenarios.filter(refitted).map((x) => x.id));
  assert.deepStrictEqual(withField, ["out-of-field/sHR=0.7", "out-of-field/null", "out-of-field/sHR=0.7/dropout-experimental-x1.5", "out-of-field/sHR=0.7/dropout-experimental-x3", "out-of-field/null/dropout-experimental-x1.5", "out-of-field/null/dropout-experimental-x3", "out-of-field/event-driven/sHR=0.7", "out-of-field/event-driven/null"]);
  for (const x of report!.scenarios.filter(refitted)) {
    const a = x.armCensoringFineGray!;
    const pooled = x.tests.find((t) => t.test === "Fine-Gray Wald")!;
    assert.strictEqual(a.rate, a.rejections / s.simulations);
    assert.ok(a.medianEstimate > 0 && Number.isFinite(a.medianEstimate));
    // the paired counts are those of the two fits on the same trials: the rejections differ by exactly armOnly − pooledOnly
    assert.strictEqual(a.failed + pooled.failed, 0, x.id);
    assert.strictEqual(a.rejections - pooled.rejections, a.discordant.armOnly - a.discordant.pooledOnly, x.id);
  }
  // A small run: the field appears where the arms' dropout differs, for out-of-field only.
  const settings: TrialSimulationSettings = {
    seed: "cengroup", simulations: 3, inputs: { causeHazard: 0.05, competingHazard: 0.02, deathHazard: 0.05 }, allocation: 0.5, accrualMonths: 24, followUpMonths: 12,
    alpha: 0.05, power: 0.8, subdistributionHRs: [0.6], designSubdistributionHR: 0.6, hazardRatios: [0.6], designHazardRatio: 0.6, frailtyVariance: 0,
    dropout: { outOfField: { control: 0.02, experimental: 0.02 }, survival: { control: 0.02, experimental: 0.02 } }, dropoutExperimentalMultiplier: 2, dropoutStressMultiplier: 3,
  };
  const run = runTrialSimulations(settings);
  assert.deepStrictEqual(run.scenarios.filter((x) => x.armCensoringFineGray !== undefined).map((x) => x.id), [
    "out-of-field/sHR=0.6",
    "out-of-field/null",
    "out-of-field/sHR=0.6/dropout-experimental-x2",
    "out-of-field/sHR=0.6/dropout-experimental-x3",
    "out-of-field/null/dropout-experimental-x2",
    "out-of-field/null/dropout-experimental-x3",
  ]);
  assert.ok(run.scenarios.some((x) => x.id === "overall-survival/HR=0.6/dropout-experimental-x2" && x.armCensoringFineGray === undefined));
  // One seeded trial with the experimental arm lost three times as fast: the arm-weighted analysis is crr(..., cengroup = arm), and differs from the pooled one.
  const rng = seedrandom("one trial");
  const trial = simulateTrial({ endpoint: "out-of-field", effect: 0.6, patients: 120 }, { ...settings.inputs, accrualMonths: 24, followUpMonths: 12, dropoutHazard: { control: 0.02, experimental: 0.06 } }, () => rng());
  const x = { experimental: trial.arm.map((a) => (a === "experimental" ? 1 : 0)) };
  const direct = fineGray(trial.time, trial.status, x, { failCode: 1, cenGroup: trial.arm });
  const pooled = fineGray(trial.time, trial.status, x, { failCode: 1 });
  assert.ok(direct.converged);
  const a = analyseTrial(trial, "out-of-field", 0.05, true);
  assert.deepStrictEqual(a.armCensoring, { rejected: direct.pValue[0] < 0.05, estimate: direct.hazardRatio[0] });
  assert.strictEqual(a.estimate, pooled.hazardRatio[0]);
  assert.notStrictEqual(direct.hazardRatio[0], pooled.hazardRatio[0]);
  assert.strictEqual(analyseTrial(trial, "out-of-field", 0.05).armCensoring, undefined);
  const tally = simulateScenarioTrials(1, "out-of-field", 0.05, () => trial, undefined, true);
  assert.strictEqual(tally.armCensoringFineGray!.medianEstimate, direct.hazardRatio[0]);
  assert.strictEqual(tally.armCensoringFineGray!.rejections, direct.pValue[0] < 0.05 ? 1 : 0);
  const armRejects = direct.pValue[0] < 0.05;
  const pooledRejects = pooled.pValue[0] < 0.05;
  assert.deepStrictEqual(tally.armCensoringFineGray!.discordant, { armOnly: armRejects && !pooledRejects ? 1 : 0, pooledOnly: pooledRejects && !armRejects ? 1 : 0 });
  assert.strictEqual(tally.medianEstimate, pooled.hazardRatio[0]);
});
