/**
 * npx tsx src/cli/delta-imputation-simulations.ts [--datasets S] [--imputations M] [--delta-true D] [--n N]
 *
 * The simulation check of δ-adjusted multiple imputation (src/synth/delta-imputation-simulations.ts):
 * S simulated data sets (default 2000) with known true effects, each imputed with approximately
 * proper ("normal") and fully proper ("bootstrap") parameter draws; prints bias, empirical and
 * Rubin standard errors and the coverage of the Rubin intervals, with their Monte Carlo errors,
 * as the markdown table of data/README.md (*δ-adjusted imputation: simulation check*). Writes no
 * file; deterministic (seeded).
 */
import { commandOptions } from "./command-options";
import { DELTA_SIMULATION_SETTINGS, runDeltaImputationSimulations } from "../synth/delta-imputation-simulations";

function main(): void {
  const options = commandOptions(process.argv.slice(2), ["--datasets", "--imputations", "--delta-true", "--n"]);
  const settings = { ...DELTA_SIMULATION_SETTINGS };
  settings.datasets = options.count("--datasets") ?? settings.datasets;
  settings.imputations = options.count("--imputations") ?? settings.imputations;
  settings.n = options.count("--n") ?? settings.n;
  const deltaTrue = options.text("--delta-true");
  if (deltaTrue !== null) {
    settings.deltaTrue = Number(deltaTrue);
    if (!(settings.deltaTrue > 0)) throw new Error(`--delta-true must be a number > 0, got ${deltaTrue}`);
  }
  const cpu0 = process.cpuUsage();
  const r = runDeltaImputationSimulations(settings);
  const f = (x: number, d = 3) => x.toFixed(d);
  const s = settings;
  console.log(`${s.datasets} simulated data sets of ${s.n} patients (seeds ${s.seedPrefix}1…), true log HR ${f(r.trueLogHr)} (HR ${s.armHazardRatio}), true δ after loss in arm 0 = ${s.deltaTrue}, ${f(100 * r.meanLostShare, 1)}% lost on average, ${s.imputations} imputations; ${r.resamplesReplaced} bootstrap resamples replaced`);
  console.log("");
  console.log("| analysis | δ | mean log HR | bias vs truth (MC SE) | bias vs complete data (MC SE) | empirical SE | mean SE | SE ratio | coverage of truth (MC SE) |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  const c = r.complete;
  console.log(`| complete data (no loss) | – | ${f(c.meanLogHr)} | ${f(c.biasTruth, 4)} (${f(c.biasTruthMcse, 4)}) | 0 | ${f(c.empiricalSe)} | ${f(c.meanSe)} | ${f(c.meanSe / c.empiricalSe)} | ${f(c.coverage)} (${f(c.coverageMcse)}) |`);
  const o = r.observed;
  console.log(`| observed data (loss censored) | – | ${f(o.meanLogHr)} | ${f(o.biasTruth, 4)} (${f(o.biasTruthMcse, 4)}) | ${f(o.biasComplete, 4)} (${f(o.biasCompleteMcse, 4)}) | ${f(o.empiricalSe)} | ${f(o.meanSe)} | ${f(o.meanSe / o.empiricalSe)} | ${f(o.coverage)} (${f(o.coverageMcse)}) |`);
  for (const x of r.rows) {
    console.log(`| imputation, ${x.parameterDraw} draws | ${x.delta} | ${f(x.meanLogHr)} | ${f(x.biasTruth, 4)} (${f(x.biasTruthMcse, 4)}) | ${f(x.biasComplete, 4)} (${f(x.biasCompleteMcse, 4)}) | ${f(x.empiricalSe)} | ${f(x.meanRubinSe)} | ${f(x.seRatio)} | ${f(x.coverage)} (${f(x.coverageMcse)}) |`);
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(`\n${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU`);
}

main();
