/**
 * The generator's options for informative loss to follow-up and earlier detection after RT
 * (src/synth/clinical-cohort.ts: informativeLoss, detectionAfterRt): off by default (the
 * committed cohort unchanged), what each moves and what it leaves alone, and that the analyses
 * of notebook 03 see them: the δ-adjusted imputation moves the hazard ratio back toward the value
 * without informative loss, and the detection window changes the hazard ratio only when detection
 * differs.
 */
import { test } from "node:test";
import * as assert from "assert";
import { CLINICAL_PARAMS, CLINICAL_SEED, generateClinicalCohort, checkInformativeLoss, checkDetectionAfterRt } from "../../src/synth/clinical-cohort";
import type { ClinicalParams } from "../../src/synth/clinical-cohort";
import { recordCohort } from "../../src/synth/clinical-seed-search";
import { lossTippingPoint } from "../../src/clinical/loss-tipping-point";
import { fromRtPooledModels } from "../../src/clinical/from-rt-models";

const base = generateClinicalCohort(CLINICAL_SEED);

test("both options are off by default: null gives the committed cohort's rows", () => {
  assert.deepStrictEqual(generateClinicalCohort(CLINICAL_SEED, { ...CLINICAL_PARAMS, informativeLoss: null, detectionAfterRt: null }), base);
});

test("informative loss in one arm changes only that arm's follow-up, and more patients are lost", () => {
  const rows = generateClinicalCohort(CLINICAL_SEED, { ...CLINICAL_PARAMS, informativeLoss: { hazardRatio: 10, months: 3, arms: ["TACE"] } });
  assert.strictEqual(rows.length, base.length);
  const cutoff = Date.parse(CLINICAL_PARAMS.cutoff);
  const lost = (r: (typeof rows)[0]) => r.death === 0 && Date.parse(r.enrolled) + r.os_months * 30.4375 * 86400000 < cutoff - 30.4375 * 86400000;
  rows.forEach((r, i) => {
    const b = base[i];
    assert.strictEqual(r.patient_id, b.patient_id);
    assert.strictEqual(r.arm, b.arm);
    if (r.arm === "TACE+RT") assert.deepStrictEqual(r, b, `${r.patient_id}: the other arm is unchanged`);
    else {
      // Loss can only come earlier (a higher hazard of loss on the same draw): follow-up never longer.
      assert.ok(r.os_months <= b.os_months, `${r.patient_id}`);
      assert.strictEqual(r.age, b.age);
    }
  });
  const lostTace = (xs: typeof rows) => xs.filter((r) => r.arm === "TACE" && lost(r)).length;
  assert.ok(lostTace(rows) > lostTace(base), `lost TACE patients ${lostTace(rows)} vs ${lostTace(base)}`);
  // Of the progressions the base cohort records in TACE patients, some are no longer seen.
  const seen = (xs: typeof rows) => xs.filter((r) => r.arm === "TACE" && r.intrahepatic_progression_months !== null).length;
  assert.ok(seen(rows) < seen(base));
});

test("earlier detection after RT moves only irradiated patients' progressions, to the extra scan, and never later", () => {
  const detection = { scanMonths: 1.5, leadMonths: 4 };
  const rows = generateClinicalCohort(CLINICAL_SEED, { ...CLINICAL_PARAMS, detectionAfterRt: detection });
  let moved = 0;
  rows.forEach((r, i) => {
    const b = base[i];
    assert.strictEqual(r.os_months, b.os_months, `${r.patient_id}: deaths and follow-up unchanged`);
    assert.strictEqual(r.death, b.death);
    if (r.arm === "TACE") {
      assert.deepStrictEqual(r, b);
      return;
    }
    for (const col of ["local_progression_months", "intrahepatic_progression_months", "extrahepatic_progression_months"] as const) {
      const now = r[col];
      const was = b[col];
      if (now === was) continue;
      moved++;
      const scan = Math.round(((r.rt_start_months as number) + detection.scanMonths) * 100) / 100;
      assert.ok(now !== null && Math.abs(now - scan) < 0.011, `${r.patient_id} ${col}: ${now} is at the scan ${scan}`);
      // Found at the scan instead of later (or seen at all: routine follow-up ended before it).
      if (was !== null) assert.ok(was > now && was <= scan + detection.leadMonths + 0.011, `${r.patient_id} ${col}: was ${was}`);
    }
  });
  assert.ok(moved > 0, "some progressions are found earlier");
});

test("bad options are named", () => {
  const bad = (p: Partial<ClinicalParams>, pattern: RegExp) => assert.throws(() => generateClinicalCohort("x", { ...CLINICAL_PARAMS, ...p }), pattern);
  bad({ informativeLoss: { hazardRatio: -1, months: 3 } }, /informativeLoss.hazardRatio/);
  bad({ informativeLoss: { hazardRatio: 2, months: 0 } }, /informativeLoss.months/);
  bad({ informativeLoss: { hazardRatio: 2, months: 3, arms: ["RT" as never] } }, /informativeLoss.arms\[0\]/);
  bad({ informativeLoss: { hazardRatio: 2, months: 3, sites: ["lung" as never] } }, /informativeLoss.sites\[0\]/);
  bad({ detectionAfterRt: { scanMonths: -1, leadMonths: 3 } }, /detectionAfterRt.scanMonths/);
  bad({ detectionAfterRt: { scanMonths: 1, leadMonths: Infinity } }, /detectionAfterRt.leadMonths/);
  bad({ detectionAfterRt: { scanMonths: 1, leadMonths: 2, sites: [] } }, /detectionAfterRt.sites/);
  assert.doesNotThrow(() => checkInformativeLoss(null));
  assert.doesNotThrow(() => checkDetectionAfterRt(undefined));
});

// The simulated scenarios of notebook 03 at a smaller size: same seed with and without the mechanism (common random numbers).
const scale = 3;
const big: ClinicalParams = { ...CLINICAL_PARAMS, n: CLINICAL_PARAMS.n * scale, nRt: CLINICAL_PARAMS.nRt * scale };

test("simulated informative loss in the TACE arm raises the intrahepatic hazard ratio; the δ analysis in that arm moves it back down", () => {
  const options = { imputations: 3, deltas: [1, 2, 3], sites: ["intrahepatic" as const], scenarios: ["toward 1" as const], tumorScale: "log" as const };
  const without = lossTippingPoint(recordCohort(generateClinicalCohort("loss-check", big)), options).sites[0];
  const withLoss = lossTippingPoint(recordCohort(generateClinicalCohort("loss-check", { ...big, informativeLoss: { hazardRatio: 10, months: 3, arms: ["TACE"] } })), options).sites[0];
  assert.strictEqual(withLoss.towardOneArm, "TACE");
  assert.ok(withLoss.observed.hazardRatio > without.observed.hazardRatio, `observed HR ${withLoss.observed.hazardRatio} vs ${without.observed.hazardRatio} without informative loss`);
  const hr = withLoss.scenarios[0].rows.map((r) => r.hazardRatio);
  assert.ok(hr[1] < hr[0] && hr[2] < hr[1], hr.join(", "));
  // Some δ > 1 of the grid comes closer to the hazard ratio without informative loss than δ = 1 does.
  const gap = (h: number) => Math.abs(Math.log(h / without.observed.hazardRatio));
  assert.ok(Math.min(gap(hr[1]), gap(hr[2])) < gap(hr[0]));
});

test("simulated earlier detection after RT: the hazard ratio changes with the detection window, which it does not without it", () => {
  const windows = (params: ClinicalParams) => {
    const c = recordCohort(generateClinicalCohort("detection-check", params));
    return [0, 2].map((w) => fromRtPooledModels(c, { draws: 2, tumorScale: "log", delayMonths: w, specs: { intrahepatic: [{ name: "full", covariates: "all" }] } }).estimates[0].hazardRatio);
  };
  const [plain0, plain2] = windows(big);
  const [shift0, shift2] = windows({ ...big, detectionAfterRt: { scanMonths: 1, leadMonths: 4 } });
  const change = (a: number, b: number) => Math.abs(Math.log(b / a));
  assert.ok(shift2 < shift0, `with the shift: ${shift0} → ${shift2}`);
  assert.ok(change(shift0, shift2) > 2 * change(plain0, plain2), `change with the shift ${change(shift0, shift2)} vs without ${change(plain0, plain2)}`);
});
