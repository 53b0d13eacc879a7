import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { asArray } from "./fixture";
import { coxPH, type CoxPHResult } from "../../src/survival/cox";
import { proportionalHazardsTest } from "../../src/survival/cox-zph";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** R writes +-Inf as strings; turn them back into numbers. */
const num = (v: Json): number | null => (v === "Inf" ? Infinity : v === "-Inf" ? -Infinity : v);

/** The coxPH call a cox-case.R entry describes. */
export function fitCase(c: Json, datasets: Json = {}): CoxPHResult {
  const data = caseData(c, datasets);
  const columns: Record<string, Json[]> = {};
  for (const name of c.covariates as string[]) columns[name] = data[name];
  const used = [c.start, "time", "status", ...c.covariates, c.strata, c.weights, c.cluster].filter((x) => x);
  const hasMissing = used.some((col: string) => asArray(data[col]).some((v) => v === null));
  return coxPH(data.time, data.status, columns, {
    ties: c.ties,
    maxIter: c.iter_max,
    tol: c.tol ?? undefined,
    missing: hasMissing ? "drop" : "error",
    start: c.start ? data[c.start] : undefined,
    strata: c.strata ? data[c.strata] : undefined,
    weights: c.weights ? data[c.weights] : undefined,
    cluster: c.cluster ? data[c.cluster] : undefined,
    robust: c.robust_arg === null || c.robust_arg === undefined ? undefined : c.robust_arg,
  });
}

/** The case's own data, or the shared dataset it names. */
export function caseData(c: Json, datasets: Json = {}): Json {
  return c.data ?? datasets[c.dataset];
}

const counts = (cc: Json) => ({ concordant: cc.concordant, discordant: cc.discordant, tiedX: cc.tied_x, tiedY: cc.tied_y, tiedXY: cc.tied_xy });

function assertCounts(actual: CoxPHResult["concordanceCounts"], expected: Json, label: string) {
  const e = counts(expected);
  for (const key of Object.keys(e) as (keyof typeof e)[]) assertClose(actual[key], e[key], `${label} ${key}`, 1e-9);
}

/** Checks every value of a cox-case.R entry (summary, variances, tests, concordance, warnings, cox.zph). */
export function checkCoxCase(c: Json, options: { zph?: boolean; datasets?: Json } = {}): CoxPHResult {
  const ex = c.expected;
  const label = c.name;
  const fit = fitCase(c, options.datasets);
  assert.deepStrictEqual(fit.names, c.covariates);
  assert.strictEqual(fit.n, ex.n, `${label} n`);
  assert.strictEqual(fit.nEvent, ex.nevent, `${label} events`);
  assert.strictEqual(fit.iterations, ex.iter, `${label} iterations`);
  assertAllClose(fit.coef, asArray(ex.coef), `${label} coef`);
  assertAllClose(fit.se, asArray(ex.se), `${label} se`);
  assert.strictEqual(fit.robust, ex.robust, `${label} robust`);
  if (ex.robust) {
    assertAllClose(fit.robustSe as number[], asArray(ex.robust_se), `${label} robust se`);
    (fit.robustVariance as number[][]).forEach((row, i) => assertAllClose(row, asArray(ex.robust_var[i]), `${label} robust var[${i}]`));
    const rs = fit.robustScoreTest as NonNullable<CoxPHResult["robustScoreTest"]>;
    assertClose(rs.chiSq, ex.robust_score_test.chi_sq, `${label} robust score`);
    assertClose(rs.pValue, ex.robust_score_test.p_value, `${label} robust score p`);
    assert.strictEqual(rs.df, ex.robust_score_test.df);
  } else {
    assert.strictEqual(fit.robustSe, null);
    assert.strictEqual(fit.robustScoreTest, null);
  }
  fit.hazardRatio.forEach((v, i) => assertClose(v, num(asArray(ex.hazard_ratio)[i]), `${label} hazard ratio[${i}]`));
  assertAllClose(fit.lower, asArray(ex.lower).map(num), `${label} lower`);
  assertAllClose(fit.upper, asArray(ex.upper).map(num), `${label} upper`);
  assertAllClose(fit.z, asArray(ex.z), `${label} z`);
  assertAllClose(fit.pValue, asArray(ex.p_value), `${label} p`);
  fit.variance.forEach((row, i) => assertAllClose(row, asArray(ex.var[i]), `${label} var[${i}]`));
  assertAllClose(fit.means, asArray(ex.means), `${label} means`);
  assertClose(fit.logLikNull, ex.loglik_null, `${label} loglik null`);
  assertClose(fit.logLik, ex.loglik, `${label} loglik`);
  for (const [mine, theirs, name] of [
    [fit.lrTest, ex.lr_test, "LR"],
    [fit.waldTest, ex.wald_test, "Wald"],
    [fit.scoreTest, ex.score_test, "score"],
  ] as const) {
    assertClose(mine.chiSq, theirs.chi_sq, `${label} ${name} chi-square`);
    assert.strictEqual(mine.df, theirs.df, `${label} ${name} df`);
    assertClose(mine.pValue, theirs.p_value, `${label} ${name} p`);
  }
  assert.strictEqual(fit.waldTest.robust, ex.robust);
  // Concordance on the linear predictor summed column by column (see cox.test.ts on R's BLAS).
  assertClose(fit.concordance, ex.concordance_plain_lp, `${label} concordance`);
  assertCounts(fit.concordanceCounts, ex.concordance_counts_plain_lp, label);
  if (Math.abs(ex.concordance - ex.concordance_plain_lp) < 1e-12) {
    assertClose(fit.concordance, ex.concordance, `${label} coxph concordance`);
    assertCounts(fit.concordanceCounts, ex.concordance_counts, `${label} coxph`);
  }
  assert.strictEqual(fit.warnings.length, asArray(ex.warnings).length, `${label} warnings: ${fit.warnings} vs ${ex.warnings}`);
  if (options.zph !== false) {
    for (const z of asArray(ex.zph) as Json[]) {
      if (z.error) {
        assert.throws(() => proportionalHazardsTest(fit, { transform: z.transform }), `${label} zph ${z.transform} should fail as R: ${z.error}`);
        continue;
      }
      const zph = proportionalHazardsTest(fit, { transform: z.transform });
      assert.strictEqual(zph.transform, z.transform);
      assert.deepStrictEqual(zph.terms, asArray(z.terms), `${label} zph terms`);
      assertAllClose(zph.chiSq, asArray(z.chi_sq), `${label} zph ${z.transform} chi-square`);
      assert.deepStrictEqual(zph.df, asArray(z.df));
      assertAllClose(zph.pValue, asArray(z.p_value), `${label} zph ${z.transform} p`);
    }
  }
  return fit;
}
