/**
 * npm run marginal-simulations [-- --cohorts N] [-- --bootstrap B] [-- --out FILE] [-- --censoring-model firth]
 * npm run marginal-simulations -- --resummarize [--out FILE]
 *
 * The simulation study of notebook 07's marginal comparison (src/synth/marginal-simulations.ts):
 * N cohorts (default 200) from the clinical generator with the shipped data's settings and seeds
 * marginal-sim-1..N, each analysed as notebook 07 does with B bootstrap draws (default 200);
 * bias, empirical and bootstrap standard errors and the coverage of the 95% intervals against
 * the true effects. Writes data/marginal-simulations.json (or --out), byte-identical on every
 * run with the same settings; notebook 07 reads it and never simulates. Other counts than the
 * defaults: write to another file (--out), the notebook says the committed file's settings.
 * --resummarize recomputes only the summaries of the existing file (--out, or the committed one)
 * from its stored cohorts and truth, in place, without re-analysing any cohort.
 * --censoring-model firth fits the censoring model by Firth's method (notebook 07's sensitivity
 * analysis) and writes data/marginal-simulations-firth.json (same cohorts and bootstrap seeds).
 */
import * as path from "path";
import { commandOptions } from "./command-options";
import {
  MARGINAL_SIMULATION_SETTINGS,
  type MarginalSimulationReport,
  type MarginalSimulationSettings,
  marginalSimulationFile,
  readMarginalSimulations,
  resummarizeMarginalSimulations,
  runMarginalSimulations,
  writeMarginalSimulations,
} from "../synth/marginal-simulations";

function main(): void {
  const argv = process.argv.slice(2);
  const resummarize = argv.includes("--resummarize");
  const options = commandOptions(
    argv.filter((a) => a !== "--resummarize"),
    ["--cohorts", "--bootstrap", "--out", "--censoring-model"],
  );
  const model = options.text("--censoring-model") ?? "ml";
  if (model !== "ml" && model !== "firth") throw new Error(`--censoring-model must be ml or firth, got "${model}"`);
  const settings: MarginalSimulationSettings = { ...MARGINAL_SIMULATION_SETTINGS, ...(model === "firth" ? { censoringModel: "firth" as const } : {}) };
  settings.cohorts = options.count("--cohorts") ?? settings.cohorts;
  settings.bootstrap = options.count("--bootstrap") ?? settings.bootstrap;
  const outOption = options.text("--out");
  const out = outOption !== null ? path.resolve(outOption) : marginalSimulationFile(undefined, model);
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  let report: MarginalSimulationReport;
  if (resummarize) {
    if (options.count("--cohorts") !== null || options.count("--bootstrap") !== null) throw new Error("--resummarize takes no --cohorts or --bootstrap: it keeps the file's cohorts");
    const existing = readMarginalSimulations(out);
    if (existing === null) throw new Error(`--resummarize: ${out} does not exist`);
    report = resummarizeMarginalSimulations(existing);
  } else {
    report = runMarginalSimulations(settings, (done) => {
      if (done % 10 === 0 || done === settings.cohorts) console.log(`${done} of ${settings.cohorts} cohorts (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    });
  }
  const file = writeMarginalSimulations(report, out);
  for (const s of report.summary) {
    console.log(
      `${s.measure} ${s.time}: truth ${s.truth}, bias ${s.bias.toFixed(4)} (MC SE ${s.biasMcse.toFixed(4)}), empirical SE ${s.empiricalSe.toFixed(4)}, ` +
        `mean bootstrap SE ${s.meanBootstrapSe.toFixed(4)} (ratio ${s.seRatio.toFixed(3)} ± ${s.seRatioMcse.toFixed(3)}), coverage ${s.coverage.toFixed(3)} ± ${s.coverageMcse.toFixed(3)}`,
    );
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(`marginal-simulations: wrote ${path.relative(process.cwd(), file) || file} in ${((Date.now() - started) / 1000).toFixed(0)} s (${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU)`);
}

try {
  main();
} catch (error) {
  console.error(`marginal-simulations: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
