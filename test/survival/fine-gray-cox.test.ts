import { test } from "node:test";
import * as assert from "assert";
import { assertAllClose, assertClose } from "../helpers/reference";
import { fineGrayCox, causeSpecificCox, fineGray } from "../../src/survival/index";
import type { CoxPHResult } from "../../src/survival/index";
import { loadFixture, assertInputError } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function checkFit(fit: CoxPHResult, e: Json, label: string): void {
  assert.strictEqual(fit.n, e.n, `${label} n`);
  assert.strictEqual(fit.nEvent, e.nevent, `${label} nevent`);
  assertAllClose(fit.coef, e.coef, `${label} coef`, 1e-8);
  assertAllClose(fit.se, e.se, `${label} se`, 1e-8);
  if (e.robust_se === null) assert.strictEqual(fit.robustSe, null, `${label} robust`);
  else assertAllClose(fit.robustSe as number[], e.robust_se, `${label} robust se`, 1e-8);
  assertAllClose(fit.z, e.z, `${label} z`);
  assertAllClose(fit.pValue, e.p_value, `${label} p`);
  assertAllClose(fit.lower, e.lower, `${label} lower`);
  assertAllClose(fit.upper, e.upper, `${label} upper`);
  assertClose(fit.logLik, e.loglik, `${label} loglik`, 1e-9);
  assertClose(fit.logLikNull, e.loglik_null, `${label} loglik null`, 1e-9);
  assertClose(fit.lrTest.chiSq, e.lr_test.chi_sq, `${label} LR`);
  assertClose(fit.waldTest.chiSq, e.wald_test.chi_sq, `${label} Wald`);
  assertClose(fit.scoreTest.chiSq, e.score_test.chi_sq, `${label} score`);
  assertClose(fit.concordance, e.concordance, `${label} concordance`);
}

for (const c of loadFixture("competing-finegray-cox") as Json[]) {
  test(`${c.kind === "finegray" ? "fineGrayCox matches coxph on finegray()" : "causeSpecificCox matches coxph"}: ${c.name}`, () => {
    const d = c.data;
    if (c.kind === "finegray") {
      const fit = fineGrayCox(d.time, d.cause, d.covariates, {
        failCode: c.options.fail_code,
        ties: c.options.ties,
        clusterBySubject: c.options.cluster,
        start: d.start ?? undefined,
        id: d.id ?? undefined,
        strata: d.strata ?? undefined,
        missing: "drop",
      });
      assert.strictEqual(fit.expandedRows, c.expected.expanded_rows, `${c.name} expanded rows`);
      checkFit(fit, c.expected, c.name);
      assert.strictEqual(fit.table.length, fit.coef.length);
      assert.ok(/finegray/.test(fit.method));
    } else {
      const fit = causeSpecificCox(d.time, d.cause, d.covariates, {
        failCode: c.options.fail_code,
        start: d.start ?? undefined,
        strata: d.strata ?? undefined,
        weights: d.weights ?? undefined,
        cluster: d.cluster ?? undefined,
        missing: "drop",
      });
      checkFit(fit, c.expected, c.name);
      assert.strictEqual(fit.causeSpecific.failCode, c.options.fail_code);
      assert.ok(fit.causeSpecific.censoredCodes.indexOf(c.options.fail_code) < 0);
      assert.strictEqual(fit.causeSpecific.nEvent + fit.causeSpecific.nCompeting + fit.causeSpecific.nCensored, fit.n);
      assert.ok(/Cause-specific Cox model for cause/.test(fit.method));
    }
  });
}

test("fineGrayCox and fineGray (crr) agree to about 3 significant digits on mgus2, as the doc comment says", () => {
  const c = (loadFixture("competing-finegray-cox") as Json[])[1];
  const d = c.data;
  const cox = fineGrayCox(d.time, d.cause, d.covariates, { clusterBySubject: true, missing: "drop" });
  const crr = fineGray(d.time, d.cause, d.covariates, { missing: "drop" });
  cox.coef.forEach((b, j) => {
    const rel = Math.abs(b - crr.coef[j]) / Math.abs(crr.coef[j]);
    assert.ok(rel < 5e-3, `coef ${j}: ${b} vs crr ${crr.coef[j]}`);
    assert.ok(rel > 1e-8, "the two methods are not identical");
  });
  (cox.robustSe as number[]).forEach((s, j) => assert.ok(Math.abs(s - crr.se[j]) / crr.se[j] < 0.01, `se ${j}: ${s} vs crr ${crr.se[j]}`));
});

test("causeSpecificCox / fineGrayCox bad input", () => {
  const t = [1, 2, 3, 4, 5, 6];
  const x = { x: [1, 2, 3, 1, 2, 3] };
  assertInputError(() => causeSpecificCox(t, [1, 2, 0, 1.5, 1, 0], x), "cause", 3);
  assertInputError(() => causeSpecificCox(t, [2, 2, 0, 2, 2, 0], x), "failCode", null);
  assertInputError(() => causeSpecificCox(t, [1, 2, 0, 1, 2, 0], x, { failCode: 0 }), "failCode", null);
  assertInputError(() => fineGrayCox(t, [1, 2, 0, 1, 2, 0], { x: [1, null, 3, 1, 2, 3] }), "covariates.x", 1);
  assertInputError(() => fineGrayCox(t, [2, 2, 0, 2, 2, 0], x), "failCode", null);
});
