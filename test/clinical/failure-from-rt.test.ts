import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot, assertClose, assertAllClose } from "../helpers/reference";
import { cohort, originalLayout, withFields } from "./fixture";
import { failureFromRtStart, firstFailureCox, firstFailureBias, PROGRESSION_SITES } from "../../src/clinical/failure-from-rt";
import { adjustmentCovariates } from "../../src/clinical/cox-by-arm";
import { stateOccupancyAt } from "../../src/survival/index";
import { InputError } from "../../src/core/index";
import type { CohortFields } from "../../src/data/index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const R: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-failure-from-rt.json"), "utf8"));
const fr = failureFromRtStart(cohort);

test("failureFromRtStart: the origins are RT start and the matched landmarks of the fixture (clinical-failure-from-rt.csv)", () => {
  const lines = fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-failure-from-rt.csv"), "utf8").trim().split("\n").slice(1);
  assert.strictEqual(fr.rows.length, lines.length);
  assert.strictEqual(R.analysed, fr.rows.length);
  lines.forEach((line, k) => {
    const [id, origin] = line.split(",");
    assert.strictEqual(cohort.fields.patient_id[fr.rows[k]], id);
    assert.strictEqual(fr.originMonths[k], Number(origin));
  });
  // Every TACE+RT patient starts at RT; every analysed patient is alive and progression-free at the origin.
  fr.rows.forEach((i, k) => {
    if (fr.arm[k] === "TACE+RT") assert.strictEqual(fr.originMonths[k], cohort.fields.rt_start_months![i]);
    assert.ok(cohort.fields.os_months[i] > fr.originMonths[k]);
    assert.ok(cohort.fields.failure_site[i] === "none" || cohort.fields.failure_months[i] > fr.originMonths[k]);
  });
  const n = fr.n.map((x, a) => x - fr.analysed[a] - fr.leftOut.endedBeforeOrigin[a] - fr.leftOut.progressedBeforeOrigin[a]);
  assert.deepStrictEqual(n, [0, 0], "every patient is analysed or left out for a stated reason");
  // Landmarks come from the RT start distribution.
  const starts = new Set(cohort.fields.rt_start_months!.filter((x) => !Number.isNaN(x)));
  fr.originMonths.forEach((o) => assert.ok(starts.has(o)));
});

test("failureFromRtStart matches R: cause-specific Cox (coxph, cox.zph) and Fine-Gray (crr; finegray + coxph for the PH check), per site", () => {
  for (const s of fr.sites) {
    const r = R.bySite[s.site];
    assert.deepStrictEqual(s.events, r.events, `${s.site} events`);
    assert.deepStrictEqual(s.competingDeaths, r.competingDeaths, `${s.site} competing deaths`);
    assertClose(s.grayP, r.grayP, `${s.site} Gray P`);
    const at12 = s.incidenceAt.filter((x) => x.time === 12).map((x) => x.estimate);
    assertAllClose(at12, r.incidence12, `${s.site} incidence at 12`);
    const pairs: Array<[string, typeof s.causeSpecific.unadjusted | null, { [k: string]: number }]> = [
      ["cause-specific", s.causeSpecific.unadjusted, r.causeSpecific],
      ["cause-specific adjusted", s.causeSpecific.adjusted, r.causeSpecificAdjusted],
      ["Fine-Gray", s.fineGray!.unadjusted, r.fineGray],
      ["Fine-Gray adjusted", s.fineGray!.adjusted, r.fineGrayAdjusted],
    ];
    for (const [what, mine, ref] of pairs) {
      assert.ok(mine !== null, `${s.site} ${what} fitted`);
      for (const key of Object.keys(ref)) {
        assertClose((mine as unknown as Record<string, number>)[key], ref[key], `${s.site} ${what} ${key}`);
      }
    }
  }
});

test("failureFromRtStart: multi-state occupancy (worst site so far, death) matches survfit at 12 and 24 months", () => {
  const occ = stateOccupancyAt(fr.multiState!.fit, R.occupancy.times);
  const states: string[] = R.occupancy.states;
  R.occupancy.strata.forEach((stratum: string, k: number) => {
    const arm = stratum.replace(/^arm=/, "");
    const t = R.occupancy.times[k % R.occupancy.times.length];
    for (const state of states) {
      const mine = occ.filter((row) => row.group === arm && row.time === t && row.state === (state === "(s0)" ? "(no progression)" : state))[0];
      assert.ok(mine, `${arm} ${state} at ${t}`);
      assertClose(mine.probability, R.occupancy.pstate[k][states.indexOf(state)], `${arm} ${state} at ${t}`);
    }
  });
});

test("firstFailureCox matches coxph of first failure from enrollment; firstFailureBias names the direction", () => {
  for (const site of PROGRESSION_SITES) {
    const ff = firstFailureCox(cohort, site);
    assertClose(ff.hazardRatio, R.firstFailure[site].hazardRatio, `${site} first failure HR`);
    assertClose(ff.se, R.firstFailure[site].se, `${site} first failure se`);
    assertClose(ff.phArm, R.firstFailure[site].ph[0], `${site} first failure PH`);
  }
  const bias = firstFailureBias(cohort, fr);
  for (const b of bias) {
    const a = Math.log(b.firstFailure.hazardRatio);
    const r = Math.log(b.fromRt.hazardRatio);
    assert.strictEqual(b.direction, a * r < 0 ? "reversed" : Math.abs(a) > Math.abs(r) ? "exaggerated" : "understated");
    assertClose(b.ratio, b.firstFailure.hazardRatio / b.fromRt.hazardRatio, "ratio");
    assert.strictEqual(b.fromRt, fr.sites[PROGRESSION_SITES.indexOf(b.site)].causeSpecific.adjusted);
  }
});

test("failureFromRtStart: a cohort in the original layout is refused naming the column; without the RT-indication columns the models adjust for the original covariates and say so", () => {
  assert.throws(() => failureFromRtStart(originalLayout()), (e: unknown) => e instanceof InputError && /rt_start_months/.test(e.message));
  const noSites = withFields({ intrahepatic_progression_months: undefined } as unknown as Partial<CohortFields>);
  delete (noSites.fields as unknown as Record<string, unknown>).intrahepatic_progression_months;
  assert.throws(() => failureFromRtStart(noSites), (e: unknown) => e instanceof InputError && /intrahepatic_progression_months/.test(e.message));
  const fields = { ...cohort.fields } as unknown as Record<string, unknown>;
  for (const c of ["tumor_number", "portal_vein_thrombosis", "ecog", "residual_viable_tumor"]) delete fields[c];
  const r = failureFromRtStart({ fields: fields as unknown as CohortFields });
  assert.deepStrictEqual(r.adjustment.covariates, ["age", "sex", "hbv", "child_pugh", "tumor_cm", "afp"]);
  assert.match(r.adjustment.note as string, /portal_vein_thrombosis/);
  assert.deepStrictEqual(r.adjustment.omitted.map((o) => o.reason), ["column not in the data", "column not in the data", "column not in the data", "column not in the data"]);
});

test("failureFromRtStart: delayMonths moves every origin; a different seed draws other landmarks; bad options are named", () => {
  const later = failureFromRtStart(cohort, { delayMonths: 1 });
  assert.strictEqual(later.delayMonths, 1);
  assert.ok(later.analysed[0] <= fr.analysed[0] && later.analysed[1] <= fr.analysed[1]);
  later.rows.forEach((i, k) => {
    if (later.arm[k] === "TACE+RT") assert.strictEqual(later.originMonths[k], cohort.fields.rt_start_months![i] + 1);
  });
  const other = failureFromRtStart(cohort, { seed: "another" });
  assert.notDeepStrictEqual(other.originMonths, fr.originMonths);
  assert.deepStrictEqual(failureFromRtStart(cohort).originMonths, fr.originMonths, "seeded: the same landmarks every time");
  assert.throws(() => failureFromRtStart(cohort, { delayMonths: -1 }), /delayMonths/);
  const light = failureFromRtStart(cohort, { causeSpecificOnly: true });
  assert.strictEqual(light.multiState, null);
  light.sites.forEach((s, k) => {
    assert.strictEqual(s.fineGray, null);
    assert.deepStrictEqual(s.causeSpecific, fr.sites[k].causeSpecific);
  });
  assert.throws(() => failureFromRtStart(cohort, { times: [Number.NaN] }), /times/);
});

test("failureFromRtStart: follow-up from the origin and loss to follow-up by arm are counted from the data", () => {
  const cutoff = Date.UTC(2005, 5, 30) / 86400000;
  const lost = [0, 0];
  fr.rows.forEach((i, k) => {
    const last = Date.parse(cohort.fields.enrolled[i]) / 86400000 + cohort.fields.os_months[i] * (365.25 / 12);
    if (cohort.fields.death[i] === 0 && last < cutoff - 365.25 / 12) lost[fr.arms.indexOf(fr.arm[k])]++;
  });
  assert.deepStrictEqual(fr.followUp.lost, lost);
  assert.strictEqual(fr.followUp.cutoff, "2005-06-30");
  fr.followUp.median.forEach((m) => assert.ok(m !== null && m > 0));
});

test("adjustmentCovariates: the covariates coxByArm adjusts for, chosen among the given rows", () => {
  const all = adjustmentCovariates(cohort);
  assert.deepStrictEqual(all.specs.map((s) => s.name), ["age", "sex", "hbv", "child_pugh", "tumor_cm", "afp", "ecog", "tumor_number", "portal_vein_thrombosis", "residual_viable_tumor"]);
  // Among patients without PVT, PVT cannot be estimated.
  const rows = cohort.fields.portal_vein_thrombosis!.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
  const some = adjustmentCovariates(cohort, rows);
  assert.ok(some.omitted.some((o) => o.name === "portal_vein_thrombosis" && /same value \(0\)/.test(o.reason)));
});
