import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot, assertClose } from "../helpers/reference";
import { cohort, originalLayout, withFields } from "./fixture";
import { failureFromRtStart, fromRtAnalysisData, PROGRESSION_SITES } from "../../src/clinical/failure-from-rt";
import { fromRtModel, fromRtPooledModels, phRemedies, tumorScaleComparison, withPooledEstimates, earlyProgressionCounts } from "../../src/clinical/from-rt-models";
import { adjustmentCovariates } from "../../src/clinical/cox-by-arm";
import { InputError } from "../../src/core/index";
import { FROM_RT_MODEL_DRAWS } from "../fixtures/r/clinical-from-rt-models-origins";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const R: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-from-rt-models.json"), "utf8"));
const data = fromRtAnalysisData(cohort);
const REDUCED = ["portal_vein_thrombosis", "tumor_cm", "tumor_number"];

test("fromRtAnalysisData: the origins of every draw are those of the R fixture (clinical-from-rt-models.csv)", () => {
  const lines = fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-from-rt-models.csv"), "utf8").trim().split("\n").slice(1);
  for (const seed of FROM_RT_MODEL_DRAWS) {
    const d = fromRtAnalysisData(cohort, { seed });
    const mine = d.rows.map((i, k) => `${seed},${cohort.fields.patient_id[i]},${d.originMonths[k]}`);
    assert.deepStrictEqual(mine, lines.filter((l) => l.startsWith(`${seed},`)), seed);
  }
  // The same analysis rows as failureFromRtStart.
  const fr = failureFromRtStart(cohort, { causeSpecificOnly: true });
  assert.deepStrictEqual(data.rows, fr.rows);
  fr.sites.forEach((s, j) => assert.deepStrictEqual(data.sites[j].status, s.status));
});

const close = (mine: { hazardRatio: number; se: number; pValue: number; nEvent: number; parameters: number; logLik: number; aic: number; n: number }, r: Record<string, number>, label: string, rows = true) => {
  for (const key of ["hazardRatio", "se", "pValue", "logLik", "aic"]) assertClose((mine as unknown as Record<string, number>)[key], r[key], `${label} ${key}`);
  assert.strictEqual(mine.nEvent, r.nEvent, `${label} events`);
  assert.strictEqual(mine.parameters, r.parameters, `${label} coefficients`);
  if (rows) assert.strictEqual(mine.n, r.n, `${label} n`);
};

test("fromRtModel matches R: full (log and linear tumor size), reduced, propensity-score and PH-remedied cause-specific Cox models", () => {
  for (const site of PROGRESSION_SITES) {
    const r = R.bySite[site];
    close(fromRtModel(cohort, data, site, { name: "full", covariates: "all" }, { tumorScale: "log" }), r.full, `${site} full`);
    close(fromRtModel(cohort, data, site, { name: "full", covariates: "all" }, { tumorScale: "linear" }), r.linear, `${site} linear`);
    close(fromRtModel(cohort, data, site, { name: "reduced", covariates: REDUCED }, { tumorScale: "log" }), r.reduced, `${site} reduced`);
    close(fromRtModel(cohort, data, site, { name: "ps", covariates: "propensity" }, { tumorScale: "log" }), r.propensity, `${site} propensity`);
  }
  const frLog = failureFromRtStart(cohort, { causeSpecificOnly: true, tumorScale: "log" });
  const remedies = phRemedies(cohort, data, frLog.sites.map((s) => ({ site: s.site, effect: s.causeSpecific.adjusted! })), { tumorScale: "log" });
  for (const rem of remedies) {
    const r = R.bySite[rem.site];
    assert.deepStrictEqual(rem.offenders.map((o) => o.name), r.offenders, `${rem.site} offenders`);
    assertClose(rem.splitAt, r.splitAt, `${rem.site} split time`);
    assert.ok(rem.strataSpec !== null && rem.splitSpec !== null, "every site has an offender on this cohort");
    close(fromRtModel(cohort, data, rem.site, rem.strataSpec!, { tumorScale: "log" }), r.strata, `${rem.site} strata`, false);
    close(fromRtModel(cohort, data, rem.site, rem.splitSpec!, { tumorScale: "log" }), r.split, `${rem.site} split`, false);
  }
});

test("failureFromRtStart with tumorScale log: the adjusted cause-specific and Fine-Gray models match R", () => {
  const fr = failureFromRtStart(cohort, { tumorScale: "log" });
  for (const s of fr.sites) {
    const r = R.bySite[s.site];
    assert.ok(s.causeSpecific.adjusted!.covariates.indexOf("log_tumor") >= 0);
    assertClose(s.causeSpecific.adjusted!.hazardRatio, r.full.hazardRatio, `${s.site} cause-specific`);
    assertClose(s.causeSpecific.adjusted!.se, r.full.se, `${s.site} cause-specific se`);
    assertClose(s.fineGray!.adjusted!.hazardRatio, r.fineGrayLog.hazardRatio, `${s.site} Fine-Gray`);
    assertClose(s.fineGray!.adjusted!.se, r.fineGrayLog.se, `${s.site} Fine-Gray se`);
  }
});

test("tumorScaleComparison: AIC of the full model with tumor size in cm and log cm, as R", () => {
  for (const row of tumorScaleComparison(cohort, data)) {
    assertClose(row.aicLinear, R.bySite[row.site].linear.aic, `${row.site} linear AIC`);
    assertClose(row.aicLog, R.bySite[row.site].full.aic, `${row.site} log AIC`);
    assert.strictEqual(row.better, row.aicLog < row.aicLinear ? "log" : "linear");
  }
});

test("fromRtPooledModels matches R's mitools::MIcombine over 5 landmark draws", () => {
  const pooled = fromRtPooledModels(cohort, { draws: 5, tumorScale: "log", specs: [{ name: "full", covariates: "all" }] });
  assert.deepStrictEqual(pooled.seeds, FROM_RT_MODEL_DRAWS.slice(1));
  for (const e of pooled.estimates) {
    const r = R.pooled[e.site];
    assertClose(e.coef, r.coef, `${e.site} pooled log HR`);
    assertClose(e.se, r.se, `${e.site} pooled se`);
    assertClose(e.df, r.df, `${e.site} df`, 1e-5);
    assertClose(e.lower, r.lower, `${e.site} lower`);
    assertClose(e.upper, r.upper, `${e.site} upper`);
    assertClose(e.missingInformation, r.missingInformation, `${e.site} missing information`);
    e.perDraw.forEach((d, k) => assertClose(d.hazardRatio, r.perDraw[k], `${e.site} draw ${k + 1}`));
    assert.strictEqual(e.draws, 5);
    assert.ok(e.minHazardRatio <= e.medianHazardRatio && e.medianHazardRatio <= e.maxHazardRatio);
  }
  // withPooledEstimates puts the pooled estimates in place of the reported draw's adjusted effects, and only those.
  const fr = failureFromRtStart(cohort, { causeSpecificOnly: true, tumorScale: "log" });
  const swapped = withPooledEstimates(fr, pooled);
  swapped.sites.forEach((s, j) => {
    const e = pooled.estimates.filter((x) => x.site === s.site)[0];
    assert.strictEqual(s.causeSpecific.adjusted!.hazardRatio, e.hazardRatio);
    assert.strictEqual(s.causeSpecific.adjusted!.upper, e.upper);
    assert.strictEqual(s.causeSpecific.adjusted!.nEvent, fr.sites[j].causeSpecific.adjusted!.nEvent);
    assert.strictEqual(s.causeSpecific.unadjusted, fr.sites[j].causeSpecific.unadjusted);
  });
  assert.notStrictEqual(fr.sites[0].causeSpecific.adjusted!.hazardRatio, swapped.sites[0].causeSpecific.adjusted!.hazardRatio, "the input is not changed");
});

test("fromRtPooledModels with delayMonths (detection window) matches R over the same 5 draws, origins 1 month later", () => {
  const pooled = fromRtPooledModels(cohort, { draws: 5, tumorScale: "log", delayMonths: 1, specs: [{ name: "full", covariates: "all" }] });
  for (const e of pooled.estimates) {
    const r = R.pooledDelayed1[e.site];
    assertClose(e.coef, r.coef, `${e.site} pooled log HR, delayed`);
    assertClose(e.se, r.se, `${e.site} pooled se, delayed`);
    assertClose(e.df, r.df, `${e.site} df, delayed`, 1e-5);
    assertClose(e.lower, r.lower, `${e.site} lower, delayed`);
    assertClose(e.upper, r.upper, `${e.site} upper, delayed`);
    e.perDraw.forEach((d, k) => assertClose(d.hazardRatio, r.perDraw[k], `${e.site} draw ${k + 1}, delayed`));
    assert.notStrictEqual(e.coef, R.pooled[e.site].coef);
  }
  assert.throws(() => fromRtPooledModels(cohort, { draws: 2, delayMonths: -1, specs: [{ name: "full", covariates: "all" }] }), /delayMonths/);
});

test("earlyProgressionCounts: per draw, the progressions within the window of the origin, which the delayed analysis leaves out", () => {
  const seeds = FROM_RT_MODEL_DRAWS.slice(1);
  const counts = earlyProgressionCounts(cohort, seeds, 1);
  assert.strictEqual(counts.length, 6);
  for (const c of counts) {
    assert.strictEqual(c.perDraw.length, seeds.length);
    c.perDraw.forEach((n, k) => {
      const d = fromRtAnalysisData(cohort, { seed: seeds[k] });
      const s = d.sites.filter((x) => x.site === c.site)[0];
      const expected = s.time.filter((t, i) => s.status[i] === 1 && t <= 1 && d.arm[i] === c.arm).length;
      assert.strictEqual(n, expected, `${c.site} ${c.arm} ${seeds[k]}`);
    });
    assert.ok(c.min <= c.median && c.median <= c.max);
  }
  // the RT arm's origins are its RT starts, the same in every draw
  for (const c of counts.filter((x) => x.arm === "TACE+RT")) assert.strictEqual(c.min, c.max);
  assert.throws(() => earlyProgressionCounts(cohort, seeds, -1), /window/);
  assert.throws(() => earlyProgressionCounts(cohort, [], 1), /seeds/);
});

test("fromRtModel: the arm split at a time gives two hazard ratios; bad specifications are named", () => {
  const f = fromRtModel(cohort, data, "intrahepatic", { name: "arm split", covariates: "none", split: ["arm"], splitAt: 6 });
  assert.ok(f.armAfter !== null);
  assert.deepStrictEqual(f.terms, ["arm_after"]);
  assert.strictEqual(f.splitAt, 6);
  assert.throws(() => fromRtModel(cohort, data, "local", { name: "x", covariates: ["no_such_column"] }), (e: unknown) => e instanceof InputError && /no_such_column/.test((e as Error).message));
  assert.throws(() => fromRtModel(cohort, data, "local", { name: "x", covariates: "all", split: ["age"], splitAt: -1 }), (e: unknown) => e instanceof InputError && /splitAt/.test((e as Error).message));
  assert.throws(() => fromRtPooledModels(cohort, { draws: 1, specs: [] }), InputError);
  // Complete cases: a patient missing PVT is left out of a model that uses it, not of one that does not.
  const pvt = (cohort.fields.portal_vein_thrombosis as number[]).slice();
  pvt[data.rows[0]] = NaN;
  const holed = withFields({ portal_vein_thrombosis: pvt });
  const d2 = fromRtAnalysisData(holed);
  assert.strictEqual(fromRtModel(holed, d2, "local", { name: "r", covariates: REDUCED }).dropped, 1);
  assert.strictEqual(fromRtModel(holed, d2, "local", { name: "r", covariates: ["tumor_cm"] }).dropped, 0);
});

test("adjustmentCovariates: log tumor size is log(cm), a zero diameter is refused on the log scale", () => {
  const adj = adjustmentCovariates(cohort, undefined, { tumorScale: "log" });
  assert.ok(adj.specs.some((s) => s.name === "log_tumor" && s.column === "tumor_cm"));
  assert.ok(!adj.specs.some((s) => s.name === "tumor_cm"));
  assert.strictEqual(adj.columns.log_tumor[0], Math.log(cohort.fields.tumor_cm[0]));
  const tumor = cohort.fields.tumor_cm.slice();
  tumor[4] = 0;
  assert.throws(() => adjustmentCovariates(withFields({ tumor_cm: tumor }), undefined, { tumorScale: "log" }), (e: unknown) => e instanceof InputError && /tumor_cm/.test((e as Error).message) && /log/.test((e as Error).message));
  assert.throws(() => adjustmentCovariates(cohort, undefined, { tumorScale: "sqrt" as "log" }), InputError);
});

test("fromRtAnalysisData needs the RT start and per-site columns (original layout refused by name)", () => {
  assert.throws(() => fromRtAnalysisData(originalLayout()), (e: unknown) => e instanceof InputError && /rt_start_months|progression/.test((e as Error).message));
});
