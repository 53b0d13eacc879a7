import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { fineGray, fineGrayPredict } from "../../src/survival/index";
import { prepareCrrData, evaluateCrr, crrRiskSets, crrScoreVariance } from "../../src/survival/fine-gray-engine";
import { loadFixture, assertInputError } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const TIME_FUNCTIONS: Record<string, (t: number) => number | number[]> = {
  t_t2: (t) => [t, t * t],
  identity: (t) => t,
  log1p: (t) => Math.log(1 + t),
};

/** R's list of columns (null for NA) as rows of an array. */
function rowsOf(columns: Json[][] | null): (number | null)[][] | undefined {
  if (columns === null) return undefined;
  const n = columns[0].length;
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]));
}

function relClose(actual: number, expected: number, label: string, tol = 1e-8): void {
  const err = Math.abs(actual - expected);
  assert.ok(err <= tol * Math.max(Math.abs(expected), 1e-300), `${label}: expected ${expected}, got ${actual} (relative ${err / Math.abs(expected)})`);
}

for (const c of loadFixture("competing-fine-gray") as Json[]) {
  test(`fineGray matches cmprsk::crr: ${c.name}`, () => {
    const e = c.expected;
    const fit = fineGray(c.data.ftime, c.data.fstatus, rowsOf(c.data.cov1) ?? null, {
      failCode: c.options.failcode,
      censCode: c.options.cencode,
      cov2: rowsOf(c.data.cov2),
      tf: c.options.tf === null ? undefined : TIME_FUNCTIONS[c.options.tf],
      cenGroup: c.data.cengroup ?? undefined,
      missing: "drop",
    });
    const label = c.name;
    assert.strictEqual(fit.converged, e.converged, `${label} converged`);
    assert.strictEqual(fit.n, e.n, `${label} n`);
    assert.strictEqual(fit.dropped, e.n_missing, `${label} dropped`);
    // Coefficients and standard errors to 1e-8 relative (the project bar is 1e-6).
    fit.coef.forEach((v, a) => relClose(v, e.coef[a], `${label} coef[${a}]`));
    fit.se.forEach((v, a) => relClose(v, e.se[a], `${label} se[${a}]`));
    fit.variance.forEach((row, a) => row.forEach((v, b) => relClose(v, e.var[a][b], `${label} var[${a}][${b}]`)));
    fit.information.forEach((row, a) => row.forEach((v, b) => relClose(v, e.inf[a][b], `${label} inf[${a}][${b}]`)));
    fit.inverseInformation.forEach((row, a) => row.forEach((v, b) => relClose(v, e.invinf[a][b], `${label} invinf[${a}][${b}]`)));
    relClose(fit.logLik, e.loglik, `${label} loglik`, 1e-10);
    relClose(fit.logLikNull, e.loglik_null, `${label} loglik null`, 1e-10);
    // The score at the estimate is ~0: absolute agreement.
    assertAllClose(fit.score, e.score, `${label} score`, 1e-6);
    assertAllClose(fit.z, e.z, `${label} z`);
    assertAllClose(fit.pValue, e.p_value, `${label} p`);
    fit.hazardRatio.forEach((v, a) => relClose(v, e.hazard_ratio[a], `${label} sHR[${a}]`));
    fit.lower.forEach((v, a) => relClose(v, e.lower[a], `${label} lower[${a}]`));
    fit.upper.forEach((v, a) => relClose(v, e.upper[a], `${label} upper[${a}]`));
    assertClose(fit.lrTest.chiSq, e.logtest[0], `${label} pseudo LR`);
    assert.strictEqual(fit.lrTest.df, e.logtest[1]);
    assertAllClose(fit.failureTimes, e.uftime, `${label} uftime`, 0);
    fit.baselineJumps.forEach((v, k) => relClose(v, e.bfitj[k], `${label} bfitj[${k}]`));
    fit.scoreResiduals.forEach((row, k) => assertAllClose(row, e.res[k], `${label} res[${k}]`, 1e-9));
    if (fit.nTimeVarying > 0) fit.timeFunctions.forEach((row, k) => assertAllClose(row, e.tfs[k], `${label} tfs[${k}]`, 1e-12));
    assert.strictEqual(fit.table.length, fit.coef.length);
    if (e.predict) {
      const pr = fineGrayPredict(fit, rowsOf(e.predict.cov1 === null ? null : transpose(e.predict.cov1)) as number[][], e.predict.cov2 === null ? undefined : (rowsOf(transpose(e.predict.cov2)) as number[][]));
      assertAllClose(pr.time, e.predict.time, `${label} predict time`, 0);
      assert.strictEqual(pr.cif.length, e.predict.cif.length);
      pr.cif.forEach((curve, r) => curve.forEach((v, k) => relClose(v, e.predict.cif[r][k], `${label} predict[${r}][${k}]`)));
    }
  });
}

/** Fixture rows (list of rows) -> list of columns, for rowsOf. */
function transpose(rows: number[][]): number[][] {
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}

test("fineGray engine: the fast path and crr's direct per-time sums agree", () => {
  // Same data through both paths: a cov2 column times tf = 1 is an ordinary covariate.
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const n = 120;
  const time = Float64Array.from({ length: n }, () => Math.ceil(rnd() * 30));
  const ici = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 3));
  const group = Int32Array.from({ length: n }, () => (rnd() < 0.5 ? 0 : 1));
  const a = Float64Array.from({ length: n }, () => rnd() * 2 - 1);
  const bcol = Float64Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0));
  const fast = prepareCrrData(time, ici, group, 2, [a, bcol], [], null);
  const general = prepareCrrData(time, ici, group, 2, [a], [bcol], () => [1]);
  const beta = Float64Array.of(0.3, -0.5);
  const ef = evaluateCrr(fast, beta, true);
  const eg = evaluateCrr(general, beta, true);
  relClose(ef.lik, eg.lik, "lik", 1e-12);
  ef.score.forEach((v, i) => assertClose(v, eg.score[i], `score[${i}]`, 1e-12));
  ef.info.forEach((v, i) => relClose(v, eg.info[i], `info[${i}]`, 1e-12));
  const vf = crrScoreVariance(fast, beta, crrRiskSets(fast, beta));
  const vg = crrScoreVariance(general, beta, crrRiskSets(general, beta));
  vf.forEach((v, i) => relClose(v, vg[i], `score variance[${i}]`, 1e-12));
});

test("fineGray: print-ready table, names, counts", () => {
  const fit = fineGray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 0, 1, 1, 2, 0, 1, 2, 1], { age: [50, 61, 45, 70, 66, 58, 49, 72, 55, 63] });
  assert.deepStrictEqual(fit.names, ["age"]);
  assert.strictEqual(fit.nEvent, 5);
  assert.strictEqual(fit.nCompeting, 3);
  assert.strictEqual(fit.nCensored, 2);
  assert.deepStrictEqual(Object.keys(fit.table[0]), ["term", "coef", "subdistributionHR", "lower", "upper", "se", "z", "pValue"]);
  assert.ok(fit.lower[0] < fit.hazardRatio[0] && fit.hazardRatio[0] < fit.upper[0]);
});

test("fineGray bad input: names argument and row", () => {
  const t = [1, 2, 3, 4, 5, 6];
  const x = { x: [1, 2, 3, 4, 5, 6] };
  assertInputError(() => fineGray(t, [1, 2, 0, 1.5, 1, 0], x), "cause", 3);
  assertInputError(() => fineGray(t, [1, 2, 0, "a", 1, 0], x), "cause", 3);
  assertInputError(() => fineGray(t, [2, 2, 0, 2, 2, 0], x), "failCode", null);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], x, { failCode: 3 }), "failCode", null);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], x, { failCode: 1.5 }), "failCode", null);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], x, { failCode: 0 }), "failCode", null);
  assertInputError(() => fineGray(t, [1, 2, null, 1, 2, 0], x), "cause", 2);
  assertInputError(() => fineGray([1, -2, 3, 4, 5, 6], [1, 2, 0, 1, 2, 0], x), "time", 1);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2], x), "cause", null);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], { x: [1, 1, 1, 1, 1, 1] }), "covariates.x", null);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], { x: [1, 2, NaN, 1, 1, 1] }), "covariates.x", 2);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], [[1], [2], [3], [4, 5], [5], [6]]), "covariates", 3);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], x, { cov2: { y: [1, 0, 1, 0, 1, 0] } }), "tf", null);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], x, { cov2: { y: [1, 0, 1, 0, 1, 0] }, tf: () => [1, 2] }), "tf", null);
  assertInputError(() => fineGray(t, [1, 2, 0, 1, 2, 0], x, { cenGroup: ["a", "b"] }), "cenGroup", null);
  const dropped = fineGray([1, 2, 3, 4, 5, 6, 7], [1, 2, 0, 1, 2, null, 1], { x: [1, 2, 3, 4, 5, 6, 2] }, { missing: "drop" });
  assert.strictEqual(dropped.dropped, 1);
  assert.strictEqual(dropped.n, 6);
  assertInputError(() => fineGrayPredict(dropped, [[1, 2]]), "rows", 0);
});
