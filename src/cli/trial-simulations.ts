/**
 * npm run trial-simulations [-- --data-dir DIR] [-- --out FILE] [-- --simulations N] [-- --seed TEXT] [-- --settings FILE.json] [-- --only ID,ID,...]
 *
 * (--simulations N sets the trials per scenario of both generators.)
 * `--only id1,id2` regenerates only those scenarios (ids of either generator, comma-separated) in
 * the existing file (`--out`, default data/trial-simulations.json), keeping every other scenario
 * byte-identical: each scenario has its own seeded stream, so the result is what a full run
 * writes. Refused when the file is missing, when a setting it records differs now, or for an
 * unknown id (the error lists the valid ones). The CPU time of the run is printed.
 *
 * Simulates the trials of notebook 08, in two parts:
 * - the simple exponential generator (src/design/trial-simulations.ts), built from the design's
 *   own assumptions: the control-arm rates estimated from the cohort in DIR (default data/, or
 *   DATA_DIR) by trialDesignInputs, the design settings of TRIAL_DESIGN_DEFAULTS, simulated as
 *   planned: each endpoint's dropout from the cohort's loss to follow-up (sizingDropoutHazards,
 *   as the notebook sizes) and the accrual ramping up over the longest of accrualRampMonths;
 * - the project's clinical cohort generator (src/design/cohort-trial-simulations.ts): trials
 *   sampled from a population of its TACE+RT-like patients with the design effects applied
 *   (calibrated within-patient multipliers), at the exponential and the curve-based sizes of the
 *   cohort in DIR (cohortTrialSizes);
 * at least 1000 seeded trials per scenario; writes
 * data/trial-simulations.json (or --out), byte-identical on every run with the same settings.
 * The notebook reads that file and never simulates. `--settings` takes a JSON object with any of
 * TRIAL_DESIGN_DEFAULTS' keys (e.g. the parameters a user set in notebook 08) in place of the defaults;
 * with other data or settings, write to another file (`--out`) and point the notebook's
 * `params.simulationFile` at it.
 */
import * as fs from "fs";
import * as path from "path";
import { dataDir } from "../data/load";
import { loadCohort } from "../data/clinical";
import { trialDesignInputs } from "../design/trial-design-inputs";
import { TRIAL_DESIGN_DEFAULTS } from "../design/trial-design-defaults";
import { checkTrialParameters } from "../design/check-trial-parameters";
import { commandOptions } from "./command-options";
import { readTrialSimulations, runTrialSimulations, trialSimulationFile, writeTrialSimulations } from "../design/trial-simulations";
import { checkScenarioIds, mergeTrialSimulations, trialSimulationScenarioIds } from "../design/trial-simulation-merge";
import { runCohortTrialSimulations } from "../design/cohort-trial-simulations";
import { cohortTrialSizes } from "../design/cohort-trial-sizes";
import { sizingDropoutHazards } from "../design/sizing-dropout";
import { plannedEventDrivenDesign } from "../design/planned-event-driven-design";

function main(): void {
  const argv = process.argv.slice(2);
  const options = commandOptions(argv, ["--data-dir", "--out", "--simulations", "--seed", "--settings", "--only"]);
  const option = options.text;
  const dir = option("--data-dir") ? path.resolve(option("--data-dir") as string) : dataDir();
  const out = option("--out") ? path.resolve(option("--out") as string) : trialSimulationFile();
  const settingsFile = option("--settings");
  const given = settingsFile ? JSON.parse(fs.readFileSync(path.resolve(settingsFile), "utf8")) : {};
  for (const key of Object.keys(given)) if (!(key in TRIAL_DESIGN_DEFAULTS)) throw new Error(`${settingsFile}: unknown setting "${key}" (known: ${Object.keys(TRIAL_DESIGN_DEFAULTS).join(", ")})`);
  const d = checkTrialParameters({ ...TRIAL_DESIGN_DEFAULTS, ...given }, settingsFile ?? "TRIAL_DESIGN_DEFAULTS");
  const simulations = options.count("--simulations") ?? d.simulations;
  const seed = option("--seed") ?? d.seed;
  const cohortData = loadCohort(dir);
  const inputs = trialDesignInputs(cohortData, { fallback: d.fallback });
  for (const line of inputs.notEstimated) console.log(`not estimated, fallback used: ${line}`);
  // The simple generator's trials as planned: the sizing's dropout (both arms) and the longest accrual ramp-up.
  const eta = sizingDropoutHazards(cohortData, d);
  const both = (x: number) => ({ control: x, experimental: x });
  if (!Array.isArray(d.accrualRampMonths) || !d.accrualRampMonths.every((r: number) => typeof r === "number" && r >= 0 && r < Infinity)) throw new Error(`accrualRampMonths: ${JSON.stringify(d.accrualRampMonths)} must list non-negative months`);
  const rampMonths = d.accrualRampMonths.length === 0 ? 0 : Math.max(...d.accrualRampMonths);
  const started = Date.now();
  const cpuStart = process.cpuUsage();
  const settings = {
    seed,
    simulations,
    inputs: { causeHazard: inputs.values.causeHazard, competingHazard: inputs.values.competingHazard, deathHazard: inputs.values.deathHazard },
    allocation: d.allocation,
    accrualMonths: d.accrualMonths,
    followUpMonths: d.followUpMonths,
    alpha: d.alpha,
    power: d.power,
    subdistributionHRs: d.subdistributionHRs,
    designSubdistributionHR: d.designSubdistributionHR,
    hazardRatios: d.hazardRatios,
    designHazardRatio: d.designHazardRatio,
    frailtyVariance: d.frailtyVariance,
    dropout: { outOfField: both(eta.outOfField), survival: both(eta.survival) },
    dropoutExperimentalMultiplier: d.dropoutExperimentalMultiplier,
    dropoutStressMultiplier: d.dropoutStressMultiplier,
    rampMonths,
    // The planned design analysed at its target number of out-of-field progressions (notebook 08's planned patients and events).
    eventDriven: plannedEventDrivenDesign(inputs, d, eta),
  };
  const cohortSimulations = option("--simulations") ? simulations : d.cohortSimulations;
  const cohortSettings = {
    seed: `${seed}/cohort`,
    simulations: cohortSimulations,
    populationSize: d.populationSize,
    allocation: d.allocation,
    accrualMonths: d.accrualMonths,
    followUpMonths: d.followUpMonths,
    alpha: d.alpha,
    power: d.power,
    designSubdistributionHR: d.designSubdistributionHR,
    designHazardRatio: d.designHazardRatio,
    sizes: cohortTrialSizes(inputs, d),
    // As planned, as the simple generator's trials: each endpoint's dropout (both arms), the ramp-up, the sizes with dropout.
    asPlanned: { dropout: eta, rampMonths, sizes: cohortTrialSizes(inputs, d, eta) },
  };
  // --only: the named scenarios of the existing file, the others kept as stored.
  const onlyText = option("--only");
  const only = onlyText === null ? undefined : checkScenarioIds(onlyText.split(",").map((x) => x.trim()).filter((x) => x !== ""), trialSimulationScenarioIds(settings, cohortSettings));
  const stored = only === undefined ? null : readTrialSimulations(out);
  if (only !== undefined && stored === null) throw new Error(`--only regenerates scenarios of an existing file, and ${out} does not exist: run without --only`);
  const report = runTrialSimulations(settings, {
    command: "npm run trial-simulations",
    only,
    progress: (id, done) => {
      if (done === simulations) console.log(`${id}: ${done} trials (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  const cohort = runCohortTrialSimulations(cohortSettings, {
    only,
    progress: (id, done) => {
      if (done === cohortSimulations) console.log(`${id}: ${done} trials (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  const full = { ...report, cohortGenerator: cohort };
  const file = writeTrialSimulations(stored === null ? full : mergeTrialSimulations(stored, full, only as string[]), out);
  for (const s of cohort.scenarios) {
    console.log(`${s.id}: n = ${s.patients}, multiplier ${s.multiplier.toFixed(3)}, true ratio ${s.trueRatio.toFixed(3)}, analytic exp/curve/truth ${s.analyticPower.exponential.toFixed(3)}/${s.analyticPower.curve.toFixed(3)}/${s.analyticPower.truth.toFixed(3)}, ${s.tests.map((t) => `${t.test} ${t.rate.toFixed(3)} ± ${t.mcse.toFixed(3)}`).join(", ")}`);
  }
  for (const s of report.scenarios) {
    console.log(`${s.id}: n = ${s.patients}, sizing ${s.sizingPower.toFixed(3)}, analytic with dropout and ramp-up ${s.analyticPower.toFixed(3)}, ${s.tests.map((t) => `${t.test} ${t.rate.toFixed(3)} ± ${t.mcse.toFixed(3)}`).join(", ")}`);
  }
  const cpu = process.cpuUsage(cpuStart);
  console.log(`trial-simulations: wrote ${path.relative(process.cwd(), file) || file}${only === undefined ? "" : ` (regenerated ${only.length} scenario${only.length === 1 ? "" : "s"}: ${only.join(", ")}; the others kept as stored)`} in ${((Date.now() - started) / 1000).toFixed(0)} s of wall time, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`);
}

try {
  main();
} catch (error) {
  console.error(`trial-simulations: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
