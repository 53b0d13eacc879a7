/**
 * lossTippingPoint / lossImputationData (src/clinical/loss-tipping-point.ts) on the committed
 * cohort: the imputation models and the observed-data analysis against R
 * (test/fixtures/r/clinical-loss-tipping-point.R: coxph with Breslow ties and basehaz, coxph
 * Efron, mitools::MIcombine); δ = 1 against the observed data; monotone in δ; bad input.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot, assertClose, assertAllClose } from "../helpers/reference";
import { cohort } from "./fixture";
import { lossImputationData, lossTippingPoint } from "../../src/clinical/loss-tipping-point";
import { fitDeltaImputationModel } from "../../src/survival/delta-imputation";
import { PROGRESSION_SITES } from "../../src/clinical/failure-from-rt";
import { InputError } from "../../src/core/index";

const R = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-loss-tipping-point.json"), "utf8"));

test("lossImputationData and the imputation models match R on landmark draw failure-from-rt-1", () => {
  const d = lossImputationData(cohort, { seed: "failure-from-rt-1", tumorScale: "log" });
  assert.deepStrictEqual(Object.keys(d.covariateColumns), ["arm", "age", "sex", "hbv", "child_pugh", "log_tumor", "afp", "ecog", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor"]);
  for (const site of PROGRESSION_SITES) {
    const ref = R.fits["failure-from-rt-1"][site];
    const input = d.sites[site];
    assert.strictEqual(input.time.length, ref.n, `${site} n`);
    assert.deepStrictEqual([0, 1].map((a) => input.lost.filter((l, k) => l && d.armCode[k] === a).length), ref.lost, `${site} lost and censored per arm`);
    assertAllClose(input.end.filter((_, k) => input.lost[k]), ref.endLost, `${site} administrative end of the lost`, 1e-9);
    const m = fitDeltaImputationModel(input);
    for (const [mine, theirs, label] of [
      [m.event, ref.progression, "progression"],
      [m.competing!, ref.death, "death"],
    ] as const) {
      assert.strictEqual(mine.nEvent, theirs.nEvent, `${site} ${label} events`);
      assertAllClose(mine.coef, theirs.coef, `${site} ${label} coef`);
      mine.variance.forEach((row, i) => assertAllClose(row, theirs.variance[i], `${site} ${label} variance row ${i}`));
      assertAllClose(mine.eventTimes, theirs.eventTimes, `${site} ${label} event times`, 1e-9);
      assertAllClose(mine.baselineCumHazard, theirs.cumHazard, `${site} ${label} Breslow baseline cumulative hazard`);
    }
  }
});

test("the observed-data analysis, pooled over draws 1-5, matches R's coxph and MIcombine", () => {
  const r = lossTippingPoint(cohort, { imputations: 5, deltas: [1], tumorScale: "log", scenarios: ["both arms"] });
  assert.deepStrictEqual(r.seeds, R.draws);
  for (const s of r.sites) {
    const p = R.pooled[s.site];
    assertClose(s.observed.coef, p.coef, `${s.site} pooled log HR`);
    assertClose(s.observed.se, p.se, `${s.site} pooled SE`);
    assertClose(s.observed.df, p.df, `${s.site} Rubin df`, 1e-5);
    assertClose(s.observed.lower, p.lower, `${s.site} lower`);
    assertClose(s.observed.upper, p.upper, `${s.site} upper`);
  }
});

test("δ = 1 reproduces the observed-data hazard ratio within Monte Carlo error; the hazard ratio moves monotonically toward 1 with δ", () => {
  const r = lossTippingPoint(cohort, { imputations: 10, deltas: [1, 1.5, 2, 3, 5, Infinity], tumorScale: "log" });
  assert.deepStrictEqual(r.arms, ["TACE", "TACE+RT"]);
  for (const s of r.sites) {
    for (const sc of s.scenarios) {
      const one = sc.rows[0];
      // Imputing under censoring at random refits the same model: the difference is Monte Carlo error of the imputations.
      const gap = Math.abs(one.coef - s.observed.coef);
      assert.ok(gap < 4 * one.monteCarloSe + 0.01, `${s.site} ${sc.name}: δ = 1 log HR ${one.coef} vs observed ${s.observed.coef} (MC SE ${one.monteCarloSe})`);
      // Imputed progressions can only grow with δ (common random numbers).
      for (let q = 1; q < sc.rows.length; q++) assert.ok(sc.rows[q].imputedEvents >= sc.rows[q - 1].imputedEvents, `${s.site} ${sc.name} imputed events at δ ${sc.rows[q].delta}`);
    }
    const toward = s.scenarios.filter((x) => x.name === "toward 1")[0];
    assert.deepStrictEqual(toward.deltaArms, [s.towardOneArm]);
    assert.strictEqual(s.towardOneArm, s.observed.hazardRatio >= 1 ? "TACE" : "TACE+RT");
    // Extra progressions in the arm that moves the HR toward 1: the log HR moves toward 0 (and may cross it) as δ grows.
    const sign = s.observed.hazardRatio >= 1 ? 1 : -1;
    const logs = toward.rows.map((x) => sign * Math.log(x.hazardRatio));
    for (let q = 1; q < logs.length; q++) assert.ok(logs[q] < logs[q - 1] + 1e-9, `${s.site}: signed log HR ${logs.join(", ")} not moving toward 0 at δ ${toward.rows[q].delta}`);
  }
  const intra = r.sites.filter((s) => s.site === "intrahepatic")[0];
  const tp = intra.scenarios.filter((x) => x.name === "toward 1")[0].tippingPoint;
  assert.strictEqual(tp.direction, "above 1");
  // Where the interval first includes 1 is on the grid, and the interpolated δ lies before it.
  if (tp.significanceLost.gridDelta !== null && tp.significanceLost.interpolated !== null) assert.ok(tp.significanceLost.interpolated <= tp.significanceLost.gridDelta);
});

test("lossTippingPoint: errors name the bad option", () => {
  const bad = (options: Parameters<typeof lossTippingPoint>[1], argument: string) =>
    assert.throws(() => lossTippingPoint(cohort, options), (e: unknown) => e instanceof InputError && e.argument === argument, argument);
  bad({ deltas: [2, 1] }, "deltas");
  bad({ deltas: [] }, "deltas");
  bad({ deltas: [0, 1] }, "deltas");
  bad({ imputations: 1 }, "imputations");
  bad({ imputations: 2.5 }, "imputations");
  bad({ confLevel: 1.2, imputations: 2 }, "confLevel");
  bad({ sites: ["liver" as never], imputations: 2 }, "sites");
  bad({ scenarios: ["one arm" as never], imputations: 2 }, "scenarios");
  bad({ adminWindowMonths: -1, imputations: 2 }, "adminWindowMonths");
});
