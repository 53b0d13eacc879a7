/**
 * lossTippingPoint / lossImputationData (src/clinical/loss-tipping-point.ts) on the committed
 * cohort: the imputation models and the observed-data analysis against R
 * (test/fixtures/r/clinical-loss-tipping-point.R: coxph with Breslow ties and basehaz, coxph
 * Efron, mitools::MIcombine); δ = 1 against the observed data; monotone in δ; bad input. The fully
 * proper (bootstrap) variant against R given the same resamples and unit exponentials
 * (test/fixtures/r/clinical-loss-tipping-point-bootstrap.R): the refits on each resample, their
 * Breslow baselines, and the pooled hazard ratios at every δ.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot, assertClose, assertAllClose } from "../helpers/reference";
import { cohort } from "./fixture";
import { formatTippingPoint, formatTippingPointRange, lossImputationData, lossTippingPoint, tippingPointMonteCarloRange } from "../../src/clinical/loss-tipping-point";
import { tippingPoint } from "../../src/survival/delta-imputation";
import { drawImputation, fitDeltaImputationModel } from "../../src/survival/delta-imputation";
import { BOOTSTRAP_FIXTURE_DRAWS, bootstrapFixtureLines } from "../fixtures/r/clinical-loss-tipping-point-bootstrap-draws";
import { PROGRESSION_SITES } from "../../src/clinical/failure-from-rt";
import { InputError } from "../../src/core/index";

const R = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-loss-tipping-point.json"), "utf8"));
const RB = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-loss-tipping-point-bootstrap.json"), "utf8"));
const fromR = (x: number | string) => (x === "Inf" ? Infinity : (x as number));

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
      // Imputed progressions and deaths are out of the patients imputed (both means over the draws).
      for (const x of sc.rows) assert.ok(x.imputedEvents + x.imputedCompeting <= s.imputedPatientsMean + 1e-9, `${s.site} ${sc.name} δ ${x.delta}: ${x.imputedEvents} + ${x.imputedCompeting} > ${s.imputedPatientsMean}`);
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

test("tippingPointMonteCarloRange: the crossing with the log HR moved by ± z MC SE, log-linear on δ; grid bracket; beyond the grid; errors", () => {
  const rows = [
    { delta: 1, hazardRatio: 2, lower: 1.2, upper: 3.3, monteCarloSe: 0.03 },
    { delta: 3, hazardRatio: 1.74, lower: 1.03, upper: 2.94, monteCarloSe: 0.04 },
    { delta: 5, hazardRatio: 1.6, lower: 0.96, upper: 2.67, monteCarloSe: 0.045 },
    { delta: Infinity, hazardRatio: 1.3, lower: 0.82, upper: 2.07, monteCarloSe: 0.05 },
  ];
  const r = tippingPointMonteCarloRange(rows);
  const z = 1.959963984540054;
  assertClose(r.z, z, "z", 1e-9);
  assert.strictEqual(r.direction, "above 1");
  assert.strictEqual(r.gridBelow, 3);
  assert.strictEqual(r.gridAbove, 5);
  assertClose(r.interpolated!, tippingPoint(rows).significanceLost.interpolated!, "interpolated as tippingPoint", 1e-12);
  // Toward 1: log lower limits log(1.2) − z·0.03, log(1.03) − z·0.04 (still > 0? no: crosses between δ = 1 and 3).
  const v1 = Math.log(1.2) - z * 0.03;
  const v3 = Math.log(1.03) - z * 0.04;
  assert.ok(v1 > 0 && v3 < 0);
  assertClose(r.lower!, Math.exp((v1 / (v1 - v3)) * Math.log(3)), "lower end", 1e-12);
  // Away from 1: log(0.96) + z·0.045 > 0, so the crossing is between δ = 5 and ∞.
  assert.ok(Math.log(0.96) + z * 0.045 > 0);
  assert.strictEqual(r.upper, Infinity);
  assert.ok(r.lower! < r.interpolated! && r.interpolated! < 5);
  assert.strictEqual(formatTippingPointRange(r, [1, 3, 5, Infinity]), `δ ≈ ${r.interpolated!.toFixed(1)}; Monte Carlo 95% range ${r.lower!.toFixed(1)} to beyond 5`);
  assert.strictEqual(formatTippingPoint(tippingPoint(rows).significanceLost, Infinity, [1, 3, 5, Infinity]), "between δ = 3 and 5");
  // No Monte Carlo error: the range collapses onto the interpolated value.
  const exact = tippingPointMonteCarloRange(rows.map((x) => ({ ...x, monteCarloSe: 0 })));
  assertClose(exact.lower!, exact.interpolated!, "lower = interpolated", 1e-12);
  assertClose(exact.upper!, exact.interpolated!, "upper = interpolated", 1e-12);
  // Only finite δ: at 99% the away-from-1 curve never crosses on the grid (null); at 50% the range narrows to inside it.
  assert.strictEqual(tippingPointMonteCarloRange(rows.slice(0, 3), { level: 0.99 }).upper, null);
  const narrow = tippingPointMonteCarloRange(rows.slice(0, 3), { level: 0.5 });
  assert.ok(narrow.lower! > r.lower! && narrow.lower! < narrow.interpolated! && narrow.interpolated! < narrow.upper! && narrow.upper! < 5, `${narrow.lower} ${narrow.interpolated} ${narrow.upper}`);
  // Below 1, the hazard ratio reaching 1: the mirror image.
  const mirror = tippingPointMonteCarloRange(rows.map((x) => ({ delta: x.delta, hazardRatio: 1 / x.hazardRatio, lower: 1 / x.upper, upper: 1 / x.lower, monteCarloSe: x.monteCarloSe })), { which: "hazardRatioReachesOne" });
  const same = tippingPointMonteCarloRange(rows, { which: "hazardRatioReachesOne" });
  assert.strictEqual(mirror.direction, "below 1");
  assert.deepStrictEqual([mirror.gridBelow, mirror.gridAbove, mirror.interpolated, mirror.lower, mirror.upper], [same.gridBelow, same.gridAbove, same.interpolated, same.lower, same.upper]);
  assert.strictEqual(same.gridAbove, null);
  assert.strictEqual(same.lower, null);
  const mirrorSig = tippingPointMonteCarloRange(rows.map((x) => ({ delta: x.delta, hazardRatio: 1 / x.hazardRatio, lower: 1 / x.upper, upper: 1 / x.lower, monteCarloSe: x.monteCarloSe })));
  assertClose(mirrorSig.lower!, r.lower!, "mirror lower", 1e-9);
  assertClose(mirrorSig.interpolated!, r.interpolated!, "mirror interpolated", 1e-9);
  assert.strictEqual(mirrorSig.upper, Infinity);
  assert.strictEqual(same.gridBelow, Infinity);
  // Already crossed at the first δ: lower and interpolated say so.
  const already = tippingPointMonteCarloRange([{ delta: 1, hazardRatio: 1.5, lower: 0.8, upper: 2.8, monteCarloSe: 0.05 }, { delta: 2, hazardRatio: 1.3, lower: 0.7, upper: 2.4, monteCarloSe: 0.05 }]);
  assert.deepStrictEqual([already.gridBelow, already.gridAbove, already.interpolated, already.lower, already.upper], [null, 1, null, 1, 1]);
  const bad = (fn: () => unknown, argument: string) => assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === argument, argument);
  bad(() => tippingPointMonteCarloRange([{ ...rows[0], monteCarloSe: -1 }]), "rows.monteCarloSe");
  bad(() => tippingPointMonteCarloRange([{ ...rows[0], monteCarloSe: NaN }]), "rows.monteCarloSe");
  bad(() => tippingPointMonteCarloRange(rows, { level: 1 }), "level");
  bad(() => tippingPointMonteCarloRange(rows, { which: "hr" as never }), "which");
  bad(() => tippingPointMonteCarloRange([rows[1], rows[0]]), "rows");
});

test("bootstrap draws: the resamples and unit exponentials the R fixture was given are still the ones drawn", () => {
  const lines = fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-loss-tipping-point-bootstrap.csv"), "utf8").trimEnd().split("\n");
  assert.deepStrictEqual(bootstrapFixtureLines(cohort), lines);
});

test("bootstrap draws: the imputation models refitted on each resample and their Breslow baselines match R", () => {
  for (let k = 1; k <= BOOTSTRAP_FIXTURE_DRAWS; k++) {
    const seed = `failure-from-rt-${k}`;
    const d = lossImputationData(cohort, { seed, tumorScale: "log" });
    for (const site of PROGRESSION_SITES) {
      const ref = RB.fits[seed][site];
      const draw = drawImputation(fitDeltaImputationModel(d.sites[site]), `loss-tipping-point-${site}-${k}`, "bootstrap");
      for (const [coef, times, cum, theirs, label] of [
        [draw.eventCoef, draw.eventTimes!, draw.eventCumHazard, ref.progression, "progression"],
        [draw.competingCoef!, draw.competingTimes!, draw.competingCumHazard, ref.death, "death"],
      ] as const) {
        const at = `${seed} ${site} ${label}`;
        assertAllClose(coef, theirs.coef, `${at} coef`);
        assertAllClose(times, theirs.eventTimes, `${at} event times of the resample`, 1e-9);
        assertAllClose(cum, theirs.cumHazard, `${at} Breslow baseline cumulative hazard`);
      }
    }
  }
});

test("bootstrap draws: pooled hazard ratios at every δ, both scenarios, match R given the same draws", () => {
  const deltas = RB.deltas.map(fromR);
  const r = lossTippingPoint(cohort, { imputations: BOOTSTRAP_FIXTURE_DRAWS, deltas, tumorScale: "log", parameterDraw: "bootstrap" });
  assert.strictEqual(r.parameterDraw, "bootstrap");
  assert.deepStrictEqual(r.seeds, RB.draws);
  for (const s of r.sites) {
    const p = RB.pooled[s.site];
    assertClose(s.observed.coef, p.observed.coef, `${s.site} observed log HR`);
    assert.strictEqual(s.towardOneArm, r.arms[p.towardOneArm]);
    for (const sc of s.scenarios) {
      sc.rows.forEach((x, q) => {
        const theirs = p.scenarios[sc.name][q];
        const at = `${s.site} ${sc.name} δ = ${x.delta}`;
        assert.strictEqual(x.delta, fromR(theirs.delta));
        assertClose(x.imputedEvents, theirs.imputedEvents, `${at} imputed progressions (mean)`, 1e-12);
        assertClose(x.coef, theirs.coef, `${at} pooled log HR`);
        assertClose(x.se, theirs.se, `${at} pooled SE`);
        assertClose(x.df, theirs.df, `${at} Rubin df`, 1e-5);
        assertClose(x.lower, theirs.lower, `${at} lower`);
        assertClose(x.upper, theirs.upper, `${at} upper`);
      });
    }
  }
});
