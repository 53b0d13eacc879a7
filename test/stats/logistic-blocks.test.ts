import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import seedrandom from "seedrandom";
import { logisticBlocks } from "../../src/stats/logistic-blocks";
import { logisticRegression } from "../../src/stats/logistic-regression";
import { marginalBootstrapPlan } from "../../src/clinical/marginal-bootstrap";
import { trialPatients, trialStarts } from "../../src/clinical/sequential-trials";
import { biasCovariates } from "../../src/clinical/bias-covariates";
import { assertClose, repoRoot } from "../helpers/reference";
import { cohort } from "../clinical/fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const RW: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-weighting.json"), "utf8"));
const starts = trialStarts(1.5, 5.5, 0.25);
const p = trialPatients(cohort);
const cov = biasCovariates(cohort);
const plan = marginalBootstrapPlan(p, cov, starts, 0.25, [0.01, 0.99], (i) => cov.complete[i]);
const complete = p.os.map((_, i) => i).filter((i) => cov.complete[i]);

/** The blocked design's rows written out, each row repeated as often as its group: what glm would be given. */
function repeated(design: typeof plan.censoring, multiplicity: ArrayLike<number>, names: string[]) {
  const y: number[] = [];
  const x: Record<string, number[]> = {};
  for (const k of names) x[k] = [];
  const q = design.groupTerms;
  for (let r = 0; r < design.group.length; r++) {
    const g = design.group[r];
    for (let copy = 0; copy < multiplicity[g]; copy++) {
      y.push(design.y[r]);
      for (let c = 0; c < q; c++) x[names[c]].push(design.groupX[g * q + c]);
      for (let i = 0; i < design.rowTerms; i++) x[names[q + i]].push(design.patternX[design.pattern[r] * design.rowTerms + i]);
    }
  }
  return logisticRegression(y, x, { names });
}

/** Multiplicities of the numerator's (window, outcome) rows for patient multiplicities m. */
function patternCounts(m: ArrayLike<number>): Float64Array {
  const counts = new Float64Array(plan.numerator.groups);
  for (let r = 0; r < plan.numeratorPatient.length; r++) counts[plan.numeratorPattern[r]] += m[plan.numeratorPatient[r]];
  return counts;
}

test("logisticBlocks: notebook 07's censoring and numerator models on the full data match R's glm", () => {
  const m = Float64Array.from(p.os, (_, i) => (cov.complete[i] ? 1 : 0));
  const den = logisticBlocks(plan.censoring, m);
  const num = logisticBlocks(plan.numerator, patternCounts(m));
  assert.ok(den !== null && num !== null && den.converged && num.converged);
  Array.from(den.coef).forEach((b, j) => assertClose(b, RW.censoringModel[j], `censoring coef ${j}`));
  Array.from(num.coef).forEach((b, j) => assertClose(b, RW.numeratorModel[j], `numerator coef ${j}`));
});

test("logisticBlocks: on every one of 30 bootstrap draws, glm's QR path on the repeated rows in as many steps: fitted probabilities to 1e-10, coefficients to 1e-10 (1e-8 where the fit is quasi-separated)", () => {
  // In about a third of the draws no RT starter without residual tumor is drawn: the censoring
  // model is quasi-separated, its residual-tumor coefficient drifts towards infinity until glm's
  // deviance rule stops it (about 16 after 18-19 steps) and the likelihood is flat in that
  // direction, so 1e-16 roundings move the stopping point's coefficients by up to 1e-9. The
  // fitted probabilities, which are all the weights use, stay within 1e-10 there too.
  const rng = seedrandom("logistic-blocks-draws");
  const names = cov.names.concat(["s", "s2"]);
  let separated = 0;
  for (let b = 0; b < 30; b++) {
    const m = new Float64Array(p.os.length);
    for (let k = 0; k < complete.length; k++) m[complete[Math.floor(rng() * complete.length)]]++;
    const den = logisticBlocks(plan.censoring, m);
    const denQr = repeated(plan.censoring, m, names);
    assert.ok(den !== null, `draw ${b}: censoring model left the plain path`);
    assert.strictEqual(den.iterations, denQr.iterations, `draw ${b}: IRLS steps`);
    const quasiSeparated = denQr.fitted.some((mu) => mu < 1e-8);
    if (quasiSeparated) separated++;
    denQr.coef.forEach((v, j) => assertClose(den.coef[j], v, `draw ${b}, censoring coef ${j}`, quasiSeparated ? 1e-8 : 1e-10));
    let at = 0;
    for (let r = 0; r < plan.censoring.group.length; r++) {
      const mu = 1 / (1 + Math.exp(-den.eta[r]));
      for (let copy = 0; copy < m[plan.censoring.group[r]]; copy++) assertClose(mu, denQr.fitted[at++], `draw ${b}, row ${r}`, 1e-10);
    }
    const counts = patternCounts(m);
    const num = logisticBlocks(plan.numerator, counts);
    const numQr = repeated(plan.numerator, counts, ["s", "s2"]);
    assert.ok(num !== null);
    assert.strictEqual(num.iterations, numQr.iterations);
    numQr.coef.forEach((v, j) => assertClose(num.coef[j], v, `draw ${b}, numerator coef ${j}`, 1e-10));
  }
  assert.ok(separated > 0 && separated < 30, `${separated} quasi-separated draws`);
});

test("logisticBlocks leaves collinear designs to the QR path (null) and follows glm on separated data", () => {
  // A covariate equal to the intercept in every drawn group (here: groups whose covariate is 1).
  const design = { groups: 4, groupX: Float64Array.of(1, 1, 0, 0), groupTerms: 1, group: Int32Array.of(0, 0, 1, 1, 2, 2, 3, 3), y: Uint8Array.of(0, 1, 1, 0, 0, 1, 1, 1), pattern: Int32Array.of(0, 1, 0, 1, 0, 1, 0, 1), patternX: Float64Array.of(1, 2), rowTerms: 1 };
  assert.ok(logisticBlocks(design, [1, 1, 1, 1]) !== null);
  assert.strictEqual(logisticBlocks(design, [1, 2, 0, 0]), null);
  assert.throws(() => logisticRegression([0, 1, 1, 0, 1, 0], { c: [1, 1, 1, 1, 1, 1], t: [1, 2, 1, 2, 1, 2] }), /rank-deficient/);
  // Separated data: glm runs to its 25 steps' rule with probabilities tending to 0 and 1; the same steps here.
  const separated = { ...design, y: Uint8Array.of(0, 1, 0, 1, 0, 1, 0, 1) };
  const fit = logisticBlocks(separated, [1, 1, 1, 1]);
  const qr = logisticRegression([0, 1, 0, 1, 0, 1, 0, 1], { c: [1, 1, 0, 0, 1, 1, 0, 0].map((_, r) => [1, 1, 0, 0][r >> 1]), t: [1, 2, 1, 2, 1, 2, 1, 2] });
  assert.ok(fit !== null);
  assert.strictEqual(fit.iterations, qr.iterations);
  qr.fitted.forEach((mu, r) => assertClose(1 / (1 + Math.exp(-fit.eta[r])), mu, `separated row ${r}`, 1e-10));
});
