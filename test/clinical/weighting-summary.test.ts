import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { propensityAnalysis } from "../../src/clinical/propensity-analysis";
import { weightingSummary } from "../../src/clinical/weighting-summary";
import { weightingRows, balanceRows } from "../../src/clinical/bias-tables";
import { ecogCoding } from "../../src/clinical/ecog-coding";
import { detectionWindow } from "../../src/clinical/detection-window";
import { assertClose, repoRoot } from "../helpers/reference";
import { cohort } from "./fixture";
import { sameEffect } from "./bias-fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const RW: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-weighting.json"), "utf8"));

test("weightingSummary: truncated IPTW (1st/99th percentiles) matches R: bounds, effective sizes, balance, weighted Cox", () => {
  const ps = propensityAnalysis(cohort, { landmark: 6 });
  const [iptw, truncated, overlap] = weightingSummary(cohort, ps);
  const ref = RW.iptwTruncated;
  assert.ok(truncated.truncation !== null);
  assertClose(truncated.truncation!.bounds[0], ref.bounds[0], "lower bound");
  assertClose(truncated.truncation!.bounds[1], ref.bounds[1], "upper bound");
  assert.strictEqual(truncated.truncation!.nTruncated, ref.nTruncated);
  assertClose(iptw.arms[0].ess, ref.essUntruncated.control, "ESS control");
  assertClose(iptw.arms[1].ess, ref.essUntruncated.treated, "ESS treated");
  assertClose(truncated.arms[0].ess, ref.ess.control, "ESS control, truncated");
  assertClose(truncated.arms[1].ess, ref.ess.treated, "ESS treated, truncated");
  const q = ref.quantilesUntruncated;
  [0, 1].forEach((g) => {
    const a = iptw.arms[g];
    const r = g === 0 ? q.control : q.treated;
    [a.min, a.p01, a.q1, a.median, a.q3, a.p99, a.max].forEach((v, k) => assertClose(v, r[k], `arm ${g} quantile ${k}`));
  });
  truncated.balance.forEach((b) => assertClose(b.smd, ref.smd[b.name], `SMD ${b.name}`));
  sameEffect(truncated.effect, ref.cox, "truncated IPTW Cox");
  // Consistency with the analysis's own numbers.
  assertClose(iptw.maxAbsSmd, ps.maxImbalance.after.ATE, "IPTW max |SMD|", 1e-12);
  assertClose(overlap.maxAbsSmd, ps.maxImbalance.after.overlap, "overlap max |SMD|", 1e-12);
  assert.deepStrictEqual(overlap.imbalanced, []);
  assert.strictEqual(weightingRows([iptw, truncated, overlap]).values.length, 6);
});

test("ECOG by level under each weighting (multi-level SMD) matches R: the per-point mean balanced by overlap weights, the levels not", () => {
  const ps = propensityAnalysis(cohort, { landmark: 6 });
  const [iptw, truncated, overlap] = weightingSummary(cohort, ps);
  const ref = RW.iptwTruncated.ecogLevels;
  const lv = ps.levelBalance.filter((b) => b.name === "ecog")[0];
  assert.deepStrictEqual(lv.levels, ["0", "1", "2\u20134"]);
  assertClose(lv.before, ref.none, "unweighted", 1e-10);
  assertClose(lv.after.ATE, ref.ATE, "IPTW");
  assertClose(lv.after.overlap, ref.overlap, "overlap");
  assertClose(iptw.levelBalance[0].smd, ref.ATE, "summary IPTW");
  assertClose(truncated.levelBalance[0].smd, ref.truncated, "summary truncated IPTW");
  assertClose(overlap.levelBalance[0].smd, ref.overlap, "summary overlap");
  // Overlap weights balance ECOG's mean exactly (it is in the model per point) but not its levels.
  assert.ok(Math.abs(ps.balance.filter((b) => b.name === "ecog")[0].after.overlap as number) < 1e-9);
  assert.ok((lv.after.overlap as number) > 0.1);
  const rows = weightingRows([iptw, truncated, overlap]);
  assert.match(rows.columns[7], /ECOG 0 \/ 1 \/ 2–4, by level: multi-level SMD/);
  assert.strictEqual(rows.values[4][7], (ref.overlap as number).toFixed(2));
  const b = balanceRows(ps);
  assert.strictEqual(b.values.length, ps.balance.length + 1);
  assert.deepStrictEqual(b.values[b.values.length - 1].slice(0, 1), ["ECOG 0 / 1 / 2–4, by level (multi-level SMD, unsigned)"]);
});

test("ecogCoding: per point, 0 vs 1–4 and categories in the propensity and Cox models match R", () => {
  const e = ecogCoding(cohort, 6);
  const ref = RW.ecog;
  assert.deepStrictEqual(e.byArm.map((a) => a.levels), [ref.byArm.TACE, ref.byArm["TACE+RT"]]);
  const [ps, cox] = e.models;
  const keys = ["perPoint", "dichotomy", "categories"];
  ps.fits.forEach((f, k) => {
    assertClose(f.minus2LogLik, ref.propensity.deviance[keys[k]], `ps deviance ${f.coding}`);
    assertClose(f.aic, ref.propensity.aic[keys[k]], `ps AIC ${f.coding}`);
  });
  cox.fits.forEach((f, k) => {
    assertClose(f.minus2LogLik, ref.cox.minus2LogLik[keys[k]], `cox -2LL ${f.coding}`);
    assertClose(f.aic, ref.cox.aic[keys[k]], `cox AIC ${f.coding}`);
    assertClose(f.exposureHazardRatio, ref.cox.hr[keys[k]], `cox HR ${f.coding}`);
  });
  assertClose(ps.perPointVsCategories.pValue, ref.propensity.lrtPerPoint, "ps LRT per point");
  assertClose(ps.dichotomyVsCategories.pValue, ref.propensity.lrtDichotomy, "ps LRT dichotomy");
  assertClose(cox.perPointVsCategories.pValue, ref.cox.lrtPerPoint, "cox LRT per point");
  assertClose(cox.dichotomyVsCategories.pValue, ref.cox.lrtDichotomy, "cox LRT dichotomy");
});

test("detectionWindow's exact comparison is R's fisher.test on the window counts", () => {
  const d = detectionWindow(cohort, 3);
  const ref = RW.detection;
  assert.deepStrictEqual([d.rt.progressed, d.rt.atRisk, d.reference.progressed, d.reference.atRisk], [...ref.rt, ...ref.reference]);
  // fisher.test solves the estimate and limits with uniroot (tolerance about 1e-4); ours solves them exactly (src/stats/fisher-exact-test.ts).
  assertClose(d.comparison.oddsRatio, ref.oddsRatio, "OR", 1e-4);
  assertClose(d.comparison.lower, ref.lower, "lower", 1e-4);
  assertClose(d.comparison.upper, ref.upper, "upper", 1e-4);
  assertClose(d.comparison.pValue, ref.pValue, "P");
});
