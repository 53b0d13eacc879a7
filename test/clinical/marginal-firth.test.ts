import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { sequentialTrialsMarginal } from "../../src/clinical/sequential-trials-ipcw";
import { entryOddsRatios, marginalFirthComparison, marginalFirthRows, meanWindowWeightFactor } from "../../src/clinical/marginal-firth";
import { marginalSeparationSensitivity } from "../../src/clinical/marginal-separation";
import { trialPatients } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { firthLogistic } from "../../src/stats/firth-logistic";
import { assertClose } from "../helpers/reference";
import { marginalRedone } from "../helpers/marginal-redone";
import { assertInputError, loadFixture } from "../survival/fixture";
import { cohort } from "./fixture";

const grid = { from: 1.5, to: 5.5, width: 0.25 };
const survivalTimes = [12];
const rmstTimes = [24];
const seed = "marginal-firth-test";
const B = 8;
const options = { ...grid, survivalTimes, rmstTimes, bootstrap: B, seed };
const ml = sequentialTrialsMarginal(cohort, options);
const firth = sequentialTrialsMarginal(cohort, { ...options, censoringModel: "firth" });
const p = trialPatients(cohort);
const cov = biasCovariates(cohort);
const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);

test("sequentialTrialsMarginal with a Firth censoring model: the point estimate's model is firthLogistic on the trial rows, and ML is the default", () => {
  assert.strictEqual(ml.censoringModel, "ml");
  assert.strictEqual(firth.censoringModel, "firth");
  const m = firth.weights.censoringModel;
  const rows = firth.weights.rows;
  assert.ok(m.converged && m.coef.every(Number.isFinite));
  // refit from the trial rows (one treated or first control row per trial row: entryOdds is per trial row)
  const mlModel = ml.weights.censoringModel;
  assert.deepStrictEqual(m.names, mlModel.names);
  assert.strictEqual(m.n, mlModel.n);
  const r = m.names.indexOf("residual");
  assert.ok(Math.abs(m.coef[r]) < Math.abs(mlModel.coef[r]), "Firth pulls the sparse coefficient toward 0");
  assert.ok(rows.truncated.every(Number.isFinite));
  const explicit = sequentialTrialsMarginal(cohort, { ...options, bootstrap: 0, censoringModel: "ml" });
  assert.deepStrictEqual(explicit.estimates.map((e) => e.difference), ml.estimates.map((e) => e.difference));
  assertInputError(() => sequentialTrialsMarginal(cohort, { ...options, bootstrap: 0, censoringModel: "exact" as never }), "censoringModel");
  // firthLogistic itself on the design of the point estimate
  const x: Record<string, number[]> = {};
  const first = new Map<string, number>();
  rows.patient.forEach((i, k) => {
    const key = `${rows.window[k]}:${i}`;
    if (!first.has(key)) first.set(key, k);
  });
  const keys = [...first.values()];
  for (const name of cov.names) x[name] = keys.map((k) => cov.columns[name][rows.patient[k]]);
  x.s = keys.map((k) => grid.from + grid.width * rows.window[k]);
  x.s2 = x.s.map((s) => s * s);
  const refit = firthLogistic(keys.map((k) => rows.treated[k]), x, { names: cov.names.concat(["s", "s2"]) });
  refit.coef.forEach((c, j) => assertClose(m.coef[j], c, `coef ${m.names[j]}`, 1e-8));
});

test("the Firth censoring model of the point estimate = brglm2 AS_mean on the trial rows (test/fixtures/r/clinical-firth-censoring.R)", () => {
  const r = loadFixture("clinical-firth-censoring");
  const m = firth.weights.censoringModel;
  assert.strictEqual(m.n, r.rows);
  assert.strictEqual(m.events, r.events);
  r.firth.coef.forEach((c: number, j: number) => assertClose(m.coef[j], c, `coef ${m.names[j]}`, 1e-8));
  r.firth.se.forEach((c: number, j: number) => assertClose(m.se[j], c, `se ${m.names[j]}`, 1e-8));
  assertClose(m.minFittedProbability, r.firth.min_probability, "smallest fitted probability", 1e-8);
  r.ml.coef.forEach((c: number, j: number) => assertClose(ml.weights.censoringModel.coef[j], c, `ML coef ${m.names[j]}`, 1e-6));
});

test("sequentialTrialsMarginal with a Firth censoring model: each draw equals the procedure redone on the resampled patients with firthLogistic", () => {
  const rng = seedrandom(seed);
  assert.strictEqual(firth.failedDraws, 0);
  assert.deepStrictEqual(firth.draws.index, Array.from({ length: B }, (_, b) => b));
  for (let b = 0; b < B; b++) {
    const pick = complete.map(() => complete[Math.floor(rng() * complete.length)]);
    const v = marginalRedone(p, cov, pick, grid, survivalTimes, rmstTimes, "firth");
    v.forEach((x, j) => assertClose(firth.draws.differences[j][b], x[1] - x[0], `draw ${b}, measure ${j}`, 1e-7));
  }
  // the separated draws of ML are the same draws (same seed), and Firth's fits there are far from the boundary
  const sep = ml.draws.separation.map((d) => d.separated);
  assert.ok(sep.some((s) => s) && sep.some((s) => !s), "both kinds among the draws");
  firth.draws.separation.forEach((d, b) => {
    assert.strictEqual(d.emptyLevels.length > 0, ml.draws.separation[b].emptyLevels.length > 0, `draw ${b}: same empty level`);
    assert.ok(d.converged && d.minProbability > 1e-8, `draw ${b}: Firth's smallest fitted probability ${d.minProbability}`);
  });
});

test("marginalFirthComparison: ML intervals with and without separated draws, Firth's, per-draw changes; refuses runs that do not match", () => {
  const c = marginalFirthComparison(ml, firth);
  const sens = marginalSeparationSensitivity(ml);
  assert.deepStrictEqual(c.draws, { ml: B, firth: B, matched: B });
  assert.strictEqual(c.separatedDraws, sens.separatedDraws);
  c.measures.forEach((m, j) => {
    assert.deepStrictEqual(m.ml.all, sens.measures[j].all);
    assert.deepStrictEqual(m.ml.nonSeparated, sens.measures[j].nonSeparated);
    assert.strictEqual(m.firth.difference, firth.estimates[j].difference);
    assertClose(m.firth.all.lower, firth.estimates[j].lower, "Firth lower", 1e-12);
    assertClose(m.firth.all.upper, firth.estimates[j].upper, "Firth upper", 1e-12);
    const changes = ml.draws.differences[j].map((d, b) => ({ sep: ml.draws.separation[b].separated, change: Math.abs(firth.draws.differences[j][b] - d) }));
    for (const sep of [true, false]) {
      const v = changes.filter((x) => x.sep === sep).map((x) => x.change).sort((a, b) => a - b);
      const med = v.length % 2 === 1 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      assertClose(sep ? m.medianChange.separated : m.medianChange.nonSeparated, med, `median change, separated ${sep}`, 1e-12);
    }
  });
  assert.strictEqual(c.firthFits.converged, B);
  const table = marginalFirthRows(c);
  assert.strictEqual(table.values.length, 2);
  assert.ok(table.columns.some((col) => col.includes(`without the ${c.separatedDraws} separated draws`)));
  assertInputError(() => marginalFirthComparison(firth, firth), "ml");
  assertInputError(() => marginalFirthComparison(ml, ml), "firth");
  const other = sequentialTrialsMarginal(cohort, { ...options, bootstrap: 2, censoringModel: "firth" });
  assertInputError(() => marginalFirthComparison(ml, other), "firth");
});

const flic = sequentialTrialsMarginal(cohort, { ...options, censoringModel: "flic" });

test("FLIC censoring model of the point estimate = brglm2 AS_mean slopes with glm's intercept refit on the offset (test/fixtures/r/clinical-firth-censoring.R); its fitted probabilities sum to the RT starts", () => {
  const r = loadFixture("clinical-firth-censoring");
  const m = flic.weights.censoringModel;
  assert.strictEqual(flic.censoringModel, "flic");
  assert.ok(m.converged);
  r.flic.coef.forEach((c: number, j: number) => assertClose(m.coef[j], c, `FLIC coef ${m.names[j]}`, 1e-8));
  r.flic.se.forEach((c: number, j: number) => assertClose(m.se[j], c, `FLIC se ${m.names[j]}`, 1e-8));
  assertClose(m.minFittedProbability, r.flic.min_probability, "FLIC smallest fitted probability", 1e-8);
  assertClose(m.fittedSum, m.events, "FLIC: expected starts = observed", 1e-9);
  assertClose(firth.weights.censoringModel.fittedSum, r.flic.sum_fitted_firth, "Firth: expected starts", 1e-8);
  assert.ok(firth.weights.censoringModel.fittedSum > m.events + 1, "Firth's fitted probabilities exceed the RT starts");
  // slopes are Firth's, only the intercept moves (down: Firth's probabilities run high)
  assert.deepStrictEqual(m.coef.slice(1), firth.weights.censoringModel.coef.slice(1));
  assert.ok(m.coef[0] < firth.weights.censoringModel.coef[0]);
});

test("sequentialTrialsMarginal with a FLIC censoring model: each draw equals the procedure redone on the resampled patients with flicLogistic", () => {
  const rng = seedrandom(seed);
  assert.strictEqual(flic.failedDraws, 0);
  for (let b = 0; b < B; b++) {
    const pick = complete.map(() => complete[Math.floor(rng() * complete.length)]);
    const v = marginalRedone(p, cov, pick, grid, survivalTimes, rmstTimes, "flic");
    v.forEach((x, j) => assertClose(flic.draws.differences[j][b], x[1] - x[0], `draw ${b}, measure ${j}`, 1e-7));
  }
});

test("marginalFirthComparison with a FLIC run: expected starts, weight factors, entry odds against ML's, FLIC's differences and per-draw changes over the shared draws", () => {
  const few = sequentialTrialsMarginal(cohort, { ...options, bootstrap: 3, censoringModel: "flic" });
  const c = marginalFirthComparison(ml, firth, few);
  assert.ok(c.models.flic !== null);
  assertClose(c.models.ml.expectedStarts, c.models.ml.observedStarts, "ML expected starts", 1e-9);
  assertClose(c.models.flic.expectedStarts, c.models.flic.observedStarts, "FLIC expected starts", 1e-9);
  assert.ok(c.models.firth.expectedStarts > c.models.firth.observedStarts);
  assert.deepStrictEqual(c.models.ml.entryOddsRatio, [1, 1, 1]);
  assert.strictEqual(c.models.flic.meanWeightFactor, meanWindowWeightFactor(few.weights));
  // the weight factor by hand: (1 - numerator) / (1 - censoring model) of each control row after its first
  const rows = firth.weights.rows;
  const f = rows.weight.map((w, r) => (rows.treated[r] === 0 && rows.start[r] > 0 ? w / rows.weight[r - 1] : NaN)).filter(Number.isFinite);
  assertClose(c.models.firth.meanWeightFactor, f.reduce((a, b) => a + b, 0) / f.length, "Firth weight factor", 1e-12);
  assert.ok(c.models.firth.meanWeightFactor > c.models.flic.meanWeightFactor, "Firth's inflated probabilities inflate the weights; FLIC's do not");
  const ratios = entryOddsRatios(ml.weights, firth.weights);
  const mid = (ratios.length - 1) / 2;
  assert.deepStrictEqual(c.models.firth.entryOddsRatio, [(ratios[Math.floor(mid)] + ratios[Math.ceil(mid)]) / 2, ratios[0], ratios[ratios.length - 1]]);
  c.measures.forEach((m, j) => {
    assert.ok(m.flic !== null && m.flic.drawChange !== null);
    assert.strictEqual(m.flic.difference, few.estimates[j].difference);
    assert.strictEqual(m.flic.drawChange.draws, 3);
    const med3 = (v: number[]) => v.slice().sort((a, b) => a - b)[1];
    assertClose(m.flic.drawChange.flic, med3([0, 1, 2].map((b) => Math.abs(few.draws.differences[j][b] - ml.draws.differences[j][b]))), "FLIC per-draw change", 1e-12);
    assertClose(m.flic.drawChange.firth, med3([0, 1, 2].map((b) => Math.abs(firth.draws.differences[j][b] - ml.draws.differences[j][b]))), "Firth per-draw change", 1e-12);
    assert.strictEqual(m.flic.drawChange.flicMax, Math.max(...[0, 1, 2].map((b) => Math.abs(few.draws.differences[j][b] - ml.draws.differences[j][b]))));
    assert.strictEqual(m.flic.drawChange.firthMax, Math.max(...[0, 1, 2].map((b) => Math.abs(firth.draws.differences[j][b] - ml.draws.differences[j][b]))));
    assert.strictEqual(m.flic.drawChange.separated, [0, 1, 2].filter((b) => ml.draws.separation[b].separated).length);
  });
  const table = marginalFirthRows(c);
  assert.ok(table.columns.includes("FLIC censoring model (point estimate)"));
  assert.strictEqual(marginalFirthComparison(ml, firth).models.flic, null);
  assertInputError(() => marginalFirthComparison(ml, firth, firth), "flic");
});
