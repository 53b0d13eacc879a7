import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runTrialSimulations, readTrialSimulations, runCohortTrialSimulations, checkScenarioIds, mergeTrialSimulations, trialSimulationScenarioIds } from "../../src/design/index";
import type { TrialSimulationSettings } from "../../src/design/index";
import { repoRoot } from "../helpers/reference";

const small: TrialSimulationSettings = {
  seed: "merge", simulations: 3, inputs: { causeHazard: 0.05, competingHazard: 0.02, deathHazard: 0.05 }, allocation: 0.5, accrualMonths: 24, followUpMonths: 12,
  alpha: 0.05, power: 0.8, subdistributionHRs: [0.6], designSubdistributionHR: 0.6, hazardRatios: [0.6], designHazardRatio: 0.6, frailtyVariance: 0,
  dropout: { outOfField: { control: 0.02, experimental: 0.02 }, survival: { control: 0.02, experimental: 0.02 } }, dropoutExperimentalMultiplier: 2, rampMonths: 6,
};

test("mergeTrialSimulations: a partial run of the new scenarios over a stored file gives, byte for byte, what a full run writes", () => {
  // The stored file lacks the stress scenarios; the new settings add them (a new key: only new scenarios).
  const stored = JSON.parse(JSON.stringify(runTrialSimulations(small)));
  const now = { ...small, dropoutStressMultiplier: 3 };
  const full = runTrialSimulations(now);
  const added = trialSimulationScenarioIds(now).filter((id) => !stored.scenarios.some((x: { id: string }) => x.id === id));
  assert.deepStrictEqual(added, ["out-of-field/sHR=0.6/dropout-experimental-x3", "out-of-field/null/dropout-experimental-x3"]);
  const merged = mergeTrialSimulations(stored, runTrialSimulations(now, { only: added }), added);
  assert.strictEqual(JSON.stringify(merged, null, 2), JSON.stringify(full, null, 2));
  // Regenerating a scenario that was already there changes nothing either.
  const again = mergeTrialSimulations(JSON.parse(JSON.stringify(full)), runTrialSimulations(now, { only: ["overall-survival/null"] }), ["overall-survival/null"]);
  assert.strictEqual(JSON.stringify(again, null, 2), JSON.stringify(full, null, 2));
  // The stored scenarios are kept as stored, not recomputed: a stored number stays.
  const marked = JSON.parse(JSON.stringify(full));
  marked.scenarios[0].meanEvents = 12345;
  assert.strictEqual(mergeTrialSimulations(marked, runTrialSimulations(now, { only: ["overall-survival/null"] }), ["overall-survival/null"]).scenarios[0].meanEvents, 12345);
});

test("mergeTrialSimulations refuses a file simulated with other settings, and a scenario of the plan neither stored nor named", () => {
  const stored = runTrialSimulations(small);
  assert.throws(() => mergeTrialSimulations(stored, runTrialSimulations({ ...small, seed: "other" }, { only: ["out-of-field/null"] }), ["out-of-field/null"]), /settings\.seed: "merge" in the file, "other" now\): run without --only/);
  assert.throws(() => mergeTrialSimulations(stored, runTrialSimulations({ ...small, simulations: 4 }, { only: ["out-of-field/null"] }), ["out-of-field/null"]), /settings\.simulations: 3 in the file, 4 now/);
  const now = { ...small, dropoutStressMultiplier: 3 };
  assert.throws(() => mergeTrialSimulations(stored, runTrialSimulations(now, { only: ["out-of-field/null"] }), ["out-of-field/null"]), /"out-of-field\/sHR=0.6\/dropout-experimental-x3" is a scenario of these settings missing from the file: name it too/);
});

test("checkScenarioIds: unknown, repeated or no ids are errors; an unknown id's error lists the valid ones", () => {
  const valid = trialSimulationScenarioIds(small);
  assert.deepStrictEqual(checkScenarioIds(["out-of-field/null"], valid), ["out-of-field/null"]);
  assert.throws(() => checkScenarioIds(["out-of-field/nul"], valid), (e: Error) => e.message.includes('unknown scenario id "out-of-field/nul"') && valid.every((id) => e.message.includes(id)));
  assert.throws(() => checkScenarioIds(["out-of-field/null", "out-of-field/null"], valid), /"out-of-field\/null" twice/);
  assert.throws(() => checkScenarioIds([], valid), /at least one scenario/);
});

test("data/trial-simulations.json: merging an empty partial run gives the committed file byte for byte (the stored scenarios of both generators are kept as they are)", () => {
  const file = path.join(repoRoot, "data", "trial-simulations.json");
  const report = readTrialSimulations(file)!;
  const partial = { ...runTrialSimulations(report.settings, { only: [], command: report.command }), cohortGenerator: runCohortTrialSimulations(report.cohortGenerator!.settings, { only: [] }) };
  assert.strictEqual(partial.cohortGenerator.scenarios.length, 0, "nothing of the cohort generator selected: no population made");
  assert.strictEqual(JSON.stringify(mergeTrialSimulations(report, partial, []), null, 2) + "\n", fs.readFileSync(file, "utf8"));
});
