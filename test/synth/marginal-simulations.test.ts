import { test } from "node:test";
import * as assert from "assert";
import { MARGINAL_SIMULATION_SETTINGS, marginalSimulationCohort, marginalSimulationFile, marginalSimulationMismatches, marginalSimulationPosition, readMarginalSimulations, summarizeMarginalSimulations } from "../../src/synth/marginal-simulations";
import { marginalSimulationComparison } from "../../src/synth/marginal-simulation-comparison";
import { clinicalMarginalTruth } from "../../src/synth/clinical-truth";
import { marginalSimulationComparisonRows, marginalSimulationRows } from "../../src/clinical/bias-tables";

const report = readMarginalSimulations();

test("data/marginal-simulations.json: made with the committed settings, labelled simulated, every cohort analysed", () => {
  assert.ok(report !== null, "data/marginal-simulations.json is missing: npm run marginal-simulations");
  assert.strictEqual(report.simulated, true);
  assert.match(report.description, /^SIMULATED DATA/);
  assert.deepStrictEqual(report.settings, MARGINAL_SIMULATION_SETTINGS);
  assert.strictEqual(report.command, "npm run marginal-simulations");
  assert.strictEqual(report.cohorts.length, MARGINAL_SIMULATION_SETTINGS.cohorts);
  assert.deepStrictEqual(report.cohorts.map((c) => c.seed), report.cohorts.map((_, k) => `marginal-sim-${k + 1}`));
  // Notebook 07's analysis settings: the file applies to its parameters.
  assert.deepStrictEqual(marginalSimulationMismatches(report, { trials: { from: 1.5, to: 5.5, width: 0.25 }, truncate: [0.01, 0.99], survivalTimes: [12, 24], rmstTimes: [24, 60], confLevel: 0.95, truthSeeds: 200 }), []);
  assert.strictEqual(marginalSimulationMismatches(report, { trials: { from: 1.5, to: 5.5, width: 0.5 }, truncate: [0.01, 0.99], survivalTimes: [12, 24], rmstTimes: [24, 60], confLevel: 0.95, truthSeeds: 200 }).length, 1);
});

test("data/marginal-simulations.json: its first two cohorts, its truth and its summaries are reproduced", () => {
  assert.ok(report !== null);
  for (const k of [1, 2]) assert.deepStrictEqual(marginalSimulationCohort(k, report.settings), report.cohorts[k - 1], `cohort ${k}`);
  const t = clinicalMarginalTruth(report.settings.truthSeeds, { survival: report.settings.survivalTimes, rmst: report.settings.rmstTimes });
  const truth = t.survival.concat(t.rmst).map((x) => Math.round(x.difference * 1e6) / 1e6);
  assert.deepStrictEqual(report.truth.measures.map((m) => m.difference), truth);
  assert.deepStrictEqual(summarizeMarginalSimulations(report.cohorts, report.truth), report.summary);
});

test("marginalSimulationRows and marginalSimulationPosition read the report", () => {
  assert.ok(report !== null);
  const table = marginalSimulationRows(report);
  assert.strictEqual(table.values.length, report.summary.length);
  assert.match(String(table.values[0][0]), /Survival at 12 months/);
  const values = report.cohorts.filter((c) => c.estimates !== null).map((c) => (c.estimates as number[][])[0][0]).sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)];
  const pos = marginalSimulationPosition(report, 0, median);
  assert.ok(pos.atOrBelow >= 0.5 && pos.atOrAbove >= 0.5 - 1 / values.length);
  assert.strictEqual(marginalSimulationPosition(report, 0, -Infinity).atOrBelow, 0);
});

const firthReport = readMarginalSimulations(marginalSimulationFile(undefined, "firth"));

test("data/marginal-simulations-firth.json: the same study with the Firth censoring model, labelled simulated; its first cohort and its summaries are reproduced", () => {
  assert.ok(report !== null && firthReport !== null, "data/marginal-simulations-firth.json is missing: npm run marginal-simulations -- --censoring-model firth");
  assert.strictEqual(firthReport.simulated, true);
  assert.match(firthReport.description, /^SIMULATED DATA.*Firth/);
  assert.deepStrictEqual(firthReport.settings, { ...MARGINAL_SIMULATION_SETTINGS, censoringModel: "firth" });
  assert.strictEqual(firthReport.command, "npm run marginal-simulations -- --censoring-model firth");
  assert.deepStrictEqual(firthReport.cohorts.map((c) => c.seed), report.cohorts.map((c) => c.seed));
  assert.deepStrictEqual(firthReport.truth, report.truth);
  assert.deepStrictEqual(marginalSimulationCohort(1, firthReport.settings), firthReport.cohorts[0]);
  assert.notDeepStrictEqual(firthReport.cohorts[0], report.cohorts[0], "the censoring model changes the estimates");
  assert.deepStrictEqual(summarizeMarginalSimulations(firthReport.cohorts, firthReport.truth), firthReport.summary);
});

test("marginalSimulationComparison: paired differences and coverage by one run only, from the two files; refuses runs that do not pair", () => {
  assert.ok(report !== null && firthReport !== null);
  const c = marginalSimulationComparison(report, firthReport);
  assert.strictEqual(c.cohorts, 200);
  c.measures.forEach((m, j) => {
    const d = report.cohorts.map((a, k) => (firthReport.cohorts[k].estimates as number[][])[j][0] - (a.estimates as number[][])[j][0]);
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    assert.ok(Math.abs(m.pairedDifference - mean) < 1e-12);
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
    assert.ok(Math.abs(m.pairedDifferenceMcse - sd / Math.sqrt(d.length)) < 1e-12);
    assert.strictEqual(m.ml, report.summary[j]);
    assert.strictEqual(m.firth, firthReport.summary[j]);
    // coverage counts: the runs' coverages differ by (Firth only − ML only) / cohorts
    assert.ok(Math.abs(m.firth.coverage - m.ml.coverage - (m.coveredFirthOnly - m.coveredMlOnly) / c.cohorts) < 1e-6);
    assert.ok(Math.abs(m.coverageDifference - (m.firth.coverage - m.ml.coverage)) < 1e-6);
    // the paired coverage difference's MCSE by hand: SD (divisor R) of the per-cohort differences covered(Firth) − covered(ML), over sqrt(R)
    const covers = (e: number[]) => (e[1] <= m.truth && m.truth <= e[2] ? 1 : 0);
    const cd = report.cohorts.map((a, k) => covers((firthReport.cohorts[k].estimates as number[][])[j]) - covers((a.estimates as number[][])[j]));
    const cm = cd.reduce((s, x) => s + x, 0) / cd.length;
    assert.ok(Math.abs(m.coverageDifferenceMcse - Math.sqrt(cd.reduce((s, x) => s + (x - cm) ** 2, 0) / cd.length) / Math.sqrt(cd.length)) < 1e-12);
    // same truth in both runs: the biases differ by the mean paired difference (the files' summaries carry 6 decimals)
    assert.ok(Math.abs(m.firth.bias - m.ml.bias - m.pairedDifference) < 2e-6);
  });
  assert.strictEqual(marginalSimulationComparisonRows(c, 0.95).values.length, 4);
  assert.throws(() => marginalSimulationComparison(firthReport, firthReport), /ML censoring model/);
  assert.throws(() => marginalSimulationComparison(report, report), /censoringModel "firth"/);
  assert.throws(() => marginalSimulationComparison(report, { ...firthReport, settings: { ...firthReport.settings, bootstrap: 100 } }), /settings/);
});
