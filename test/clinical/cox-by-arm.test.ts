import { test } from "node:test";
import * as assert from "assert";
import { assertClose, assertAllClose } from "../helpers/reference";
import { coxByArm, coxTumorScaleComparison, ecogCategoriesVsPerPoint } from "../../src/clinical/index";
import { cohort, R, blanked, originalLayout, withFields } from "./fixture";

// coxph(Surv(os_months, death) ~ arm_rt [+ age10 + male + hbv + cp_b + tumor_cm + log_afp + ecog + tumor_number +
// portal_vein_thrombosis + residual_viable_tumor]) and cox.zph.
for (const [name, data, expected] of [
  ["complete cohort", cohort, R.complete.cox],
  ["cohort with missing covariates (rows dropped)", blanked(), R.with_missing.cox],
] as const) {
  // The adjusted model per cm (the default) and with log(tumor_cm) (tumorScale "log": notebooks 02, 03, 07).
  for (const [key, adjusted, tumorScale] of [["unadjusted", false, "linear"], ["adjusted", true, "linear"], ["adjusted_log", true, "log"]] as const) {
    test(`Cox model of the arm matches R: ${name}, ${key}`, () => {
      const c = coxByArm(data, { adjusted, tumorScale });
      const e = expected[key];
      assert.strictEqual(c.tumorScale, tumorScale);
      assert.deepStrictEqual(
        c.terms.map((t) => t.name),
        adjusted ? ["arm", "age", "sex", "hbv", "child_pugh", tumorScale === "log" ? "log_tumor" : "tumor_cm", "afp", "ecog", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor"] : ["arm"],
      );
      assertAllClose(c.terms.map((t) => t.coef), e.coef, "coef");
      assertAllClose(c.terms.map((t) => t.hazardRatio), e.hr, "HR");
      assertAllClose(c.terms.map((t) => t.lower), e.lower, "lower");
      assertAllClose(c.terms.map((t) => t.upper), e.upper, "upper");
      assertAllClose(c.terms.map((t) => t.pValue), e.p, "p");
      assert.strictEqual(c.n, e.n);
      assert.strictEqual(c.nEvent, e.nevent);
      assert.strictEqual(c.dropped, e.dropped);
      assert.ok(c.ph !== null, `cox.zph computed (${c.phNote})`);
      assertAllClose(c.ph.chiSq, e.zph_chisq, "cox.zph chi-square");
      assertAllClose(c.ph.pValue, e.zph_p, "cox.zph p");
    });
  }
}

// R's AIC(fit) of the adjusted model with tumor size per cm and as log(cm), on the same patients.
for (const [name, data, expected] of [
  ["complete cohort", cohort, R.complete.cox],
  ["cohort with missing covariates (rows dropped)", blanked(), R.with_missing.cox],
] as const) {
  test(`coxTumorScaleComparison: AIC of both codings matches R: ${name}`, () => {
    assertClose(coxByArm(data, { adjusted: true, tumorScale: "log" }).aic, expected.aic.log, "AIC log", 1e-10);
    const s = coxTumorScaleComparison(data);
    assertClose(s.fits[0].aic, expected.aic.linear, "AIC per cm", 1e-10);
    assertClose(s.fits[1].aic, expected.aic.log, "AIC log", 1e-10);
    assertClose(s.difference, expected.aic.linear - expected.aic.log, "AIC difference", 1e-8);
    assert.strictEqual(s.better, expected.aic.linear < expected.aic.log ? "linear" : "log");
    assert.strictEqual(s.fits[0].tumor!.name, "tumor_cm");
    assert.strictEqual(s.fits[1].tumor!.name, "log_tumor");
    assertClose(s.fits[1].arm.hazardRatio, expected.adjusted_log.hr[0], "arm HR, log model");
    assert.strictEqual(coxByArm(data).tumorScale, "linear");
    assert.throws(() => coxByArm(data, { adjusted: true, tumorScale: "sqrt" as "log" }), /tumorScale/);
  });
}

// ECOG as categories (ECOG 1 and 2–4 against 0) instead of per point, in the log-tumor adjusted model:
// R's coxph with ecog_1 + ecog_2plus, AIC of both, anova() likelihood-ratio test (clinical-analyses.R).
for (const [name, data, expected] of [
  ["complete cohort", cohort, R.complete.cox],
  ["cohort with missing covariates (rows dropped)", blanked(), R.with_missing.cox],
] as const) {
  test(`Cox model with ECOG as categories matches R: ${name}`, () => {
    const c = coxByArm(data, { adjusted: true, tumorScale: "log", ecogScale: "categories" });
    const e = expected.adjusted_log_ecog_categories;
    assert.deepStrictEqual(
      c.terms.map((t) => t.name),
      ["arm", "age", "sex", "hbv", "child_pugh", "log_tumor", "afp", "ecog_1", "ecog_2plus", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor"],
    );
    assertAllClose(c.terms.map((t) => t.coef), e.coef, "coef");
    assertAllClose(c.terms.map((t) => t.lower), e.lower, "lower");
    assertAllClose(c.terms.map((t) => t.upper), e.upper, "upper");
    assertAllClose(c.terms.map((t) => t.pValue), e.p, "p");
    assert.strictEqual(c.n, e.n);
    assert.strictEqual(c.dropped, e.dropped);
    assertAllClose(c.ph!.pValue, e.zph_p, "cox.zph p");
    const perPoint = coxByArm(data, { adjusted: true, tumorScale: "log" });
    const lr = ecogCategoriesVsPerPoint(perPoint, c);
    assertClose(perPoint.aic, expected.ecog_categories_vs_per_point.aic_per_point, "AIC per point");
    assertClose(c.aic, expected.ecog_categories_vs_per_point.aic_categories, "AIC categories");
    assertClose(lr.chiSq, expected.ecog_categories_vs_per_point.chisq, "LR chi-square");
    assert.strictEqual(lr.df, expected.ecog_categories_vs_per_point.df);
    assertClose(lr.pValue, expected.ecog_categories_vs_per_point.p, "LR P");
  });
}

test("Cox: ecogScale is checked, and the LR test needs nested fits on the same patients", () => {
  assert.throws(() => coxByArm(cohort, { adjusted: true, ecogScale: "ordinal" as "categories" }), /ecogScale/);
  const perPoint = coxByArm(cohort, { adjusted: true, tumorScale: "log" });
  const other = coxByArm(blanked(), { adjusted: true, tumorScale: "log", ecogScale: "categories" });
  assert.throws(() => ecogCategoriesVsPerPoint(perPoint, other), /same patients/);
  assert.throws(() => ecogCategoriesVsPerPoint(perPoint, perPoint), /categories/);
});

test("Cox: coding labels, missing counts per covariate, omitted constant covariate", () => {
  const c = coxByArm(blanked(), { adjusted: true });
  assert.strictEqual(c.terms[0].label, "TACE+RT vs TACE");
  assert.strictEqual(c.terms[0].coding, "1 = TACE+RT, 0 = TACE");
  assert.strictEqual(c.missingBy.age, cohort.fields.age.filter((_, i) => i % 29 === 3).length);
  assert.strictEqual(c.missingBy.child_pugh, cohort.fields.age.filter((_, i) => i % 43 === 11).length);
  assert.deepStrictEqual(c.omitted, []);
  assert.doesNotThrow(() => JSON.stringify(c));
  const noB = coxByArm(withFields({ child_pugh: cohort.fields.child_pugh.map(() => "A") }), { adjusted: true });
  assert.deepStrictEqual(noB.omitted.map((o) => o.name), ["child_pugh"]);
  assert.strictEqual(noB.terms.length, 10);
  const noAfp = coxByArm(withFields({ afp_ng_ml: cohort.fields.afp_ng_ml.map(() => NaN) }), { adjusted: true });
  assert.deepStrictEqual(noAfp.omitted, [{ name: "afp", reason: "not recorded for any patient" }]);
  assert.strictEqual(noAfp.dropped, 0);
  const unadjusted = coxByArm(blanked());
  assert.strictEqual(unadjusted.dropped, 0, "the arm-only model uses every patient");
});

test("Cox: a cohort in the original layout is adjusted for the original covariates, and the optional ones are listed as not in the data", () => {
  const c = coxByArm(originalLayout(), { adjusted: true });
  assert.deepStrictEqual(c.terms.map((t) => t.name), ["arm", "age", "sex", "hbv", "child_pugh", "tumor_cm", "afp"]);
  assert.deepStrictEqual(c.omitted, ["ecog", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor"].map((name) => ({ name, reason: "column not in the data" })));
  assert.strictEqual(c.dropped, 0);
});

test("Cox: AFP below 1 ng/mL counts as 1 (log10 stays finite)", () => {
  const low = withFields({ afp_ng_ml: cohort.fields.afp_ng_ml.map((v, i) => (i === 0 ? 0 : v)) });
  const c = coxByArm(low, { adjusted: true });
  assert.ok(c.terms.every((t) => Number.isFinite(t.coef)));
  assert.strictEqual(c.dropped, 0);
});

test("Cox: every death at one time (R's cox.zph: \"system is exactly singular\"): the model is shown, the PH check is NA with the reason", async () => {
  const { coxSummary, proportionalHazardsRows, coxRows } = await import("../../src/clinical/index");
  // 6 deaths all at 5 months, 3 per arm, and 2 censored later: coxph fits (HR 1), cox.zph cannot.
  const n = 8;
  const data = withFields({
    arm: ["TACE", "TACE", "TACE", "TACE+RT", "TACE+RT", "TACE+RT", "TACE", "TACE+RT"],
    os_months: [5, 5, 5, 5, 5, 5, 7, 8],
    death: [1, 1, 1, 1, 1, 1, 0, 0],
  }, { fields: Object.fromEntries(Object.entries(cohort.fields).map(([k, v]) => [k, (v as unknown[]).slice(0, n)])) as never });
  const c = coxByArm(data);
  assert.strictEqual(c.ph, null);
  assert.match(String(c.phNote), /singular.*1 distinct event time among 6 events, so there is no time trend to test/);
  assertClose(c.terms[0].hazardRatio, 1, "HR");
  assert.strictEqual(coxRows(c).length, 1, "the model is still shown");
  const sm = coxSummary(c);
  assert.strictEqual(sm.phArm, null);
  assert.strictEqual(sm.phGlobal, null);
  assert.deepStrictEqual(sm.phDepartures, []);
  const rows = proportionalHazardsRows(c);
  assert.strictEqual(rows.length, 1);
  assert.strictEqual(rows[0].P, "NA");
  assert.match(String(rows[0].Note), /^not computed: /);
});
