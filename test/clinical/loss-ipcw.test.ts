/**
 * lossToFollowUpIpcw / lossToFollowUpIpcwPooled (src/clinical/loss-ipcw.ts) against R
 * (test/fixtures/r/clinical-loss-ipcw.R: coxph censoring model, survfit(newdata) for K,
 * survSplit at the loss times, weighted coxph with cluster = id, weighted survfit
 * multi-state, mitools::MIcombine) on the committed cohort.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot, assertClose } from "../helpers/reference";
import { cohort, originalLayout } from "./fixture";
import { lossToFollowUpIpcw, lossToFollowUpIpcwPooled } from "../../src/clinical/loss-ipcw";
import { failureFromRtStart, lostToFollowUp } from "../../src/clinical/failure-from-rt";
import { InputError } from "../../src/core/index";

const R = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-loss-ipcw.json"), "utf8"));

function compare(r: ReturnType<typeof lossToFollowUpIpcw>, ref: any, label: string): void {
  assert.deepStrictEqual(r.n, ref.n, `${label} n`);
  assert.deepStrictEqual(r.lost, ref.lost, `${label} lost`);
  assert.strictEqual(r.lossTimes.length, ref.lossTimes.length);
  r.lossTimes.forEach((t, k) => assertClose(t, ref.lossTimes[k], `${label} loss time ${k}`));
  assert.deepStrictEqual(r.censoringModel.terms, ["arm"].concat(ref.censoringModel.terms.slice(1)));
  r.censoringModel.hazardRatio.forEach((h, j) => assertClose(h, ref.censoringModel.hazardRatio[j], `${label} censoring HR ${r.censoringModel.terms[j]}`));
  r.censoringModel.pValue.forEach((p, j) => assertClose(p, ref.censoringModel.pValue[j], `${label} censoring P ${r.censoringModel.terms[j]}`));
  assert.strictEqual(r.censoringModel.eventsPerParameter, r.censoringModel.nEvent / r.censoringModel.terms.length);
  assert.ok(r.censoringModel.proportionalHazards !== null, `${label} censoring model cox.zph computed`);
  assertClose(r.censoringModel.proportionalHazards!.chiSq, ref.censoringModel.zphGlobalChisq, `${label} censoring cox.zph GLOBAL chi-square`);
  assert.strictEqual(r.censoringModel.proportionalHazards!.df, ref.censoringModel.zphGlobalDf, `${label} censoring cox.zph GLOBAL df`);
  assertClose(r.censoringModel.proportionalHazards!.pValue, ref.censoringModel.zphGlobalP, `${label} censoring cox.zph GLOBAL P`);
  r.weights.endOfFollowUp.forEach((e, a) => {
    assertClose(e.ess, ref.ess[a], `${label} ESS ${e.arm}`);
    assertClose(e.min, ref.endMin[a], `${label} end weight min ${e.arm}`);
    assertClose(e.max, ref.endMax[a], `${label} end weight max ${e.arm}`);
  });
  const first = ref.bySite.local;
  assert.strictEqual(r.weights.pieces.n, first.pieces);
  assertClose(r.weights.pieces.mean, first.weights.mean, `${label} piece weights mean`);
  assertClose(r.weights.pieces.min, first.weights.min, `${label} piece weights min`);
  assertClose(r.weights.pieces.max, first.weights.max, `${label} piece weights max`);
  assertClose(r.weights.pieces.median, first.weights.median, `${label} piece weights median`);
  assertClose(r.weights.pieces.p99, first.weights.p99, `${label} piece weights p99`);
  for (const s of r.sites) {
    const x = ref.bySite[s.site];
    assert.strictEqual(s.nEvent, x.nEvent);
    for (const which of ["unweighted", "weighted"] as const) {
      for (const k of ["hazardRatio", "se", "lower", "upper", "pValue"] as const) assertClose(s[which][k], x[which][k], `${label} ${s.site} ${which} ${k}`);
    }
    s.incidence.forEach((row, a) => {
      assert.strictEqual(row.time, 12);
      assertClose(row.unweighted, x.incidence12.unweighted[a], `${label} ${s.site} ${row.arm} incidence`);
      assertClose(row.weighted, x.incidence12.weighted[a], `${label} ${s.site} ${row.arm} weighted incidence`);
    });
  }
}

test("lossToFollowUpIpcw matches R on the reported landmark draw (stabilised and unstabilised weights)", () => {
  const r = lossToFollowUpIpcw(cohort, { tumorScale: "log" });
  compare(r, R.reported, "stabilised");
  compare(lossToFollowUpIpcw(cohort, { tumorScale: "log", stabilized: false }), R.unstabilized, "unstabilised");
  // The unweighted model is Part B's adjusted cause-specific model of the same draw
  const fr = failureFromRtStart(cohort, { causeSpecificOnly: true, tumorScale: "log" });
  r.sites.forEach((s, j) => assertClose(s.unweighted.hazardRatio, fr.sites[j].causeSpecific.adjusted!.hazardRatio, `${s.site} = Part B`));
  // and its loss counts are Part B's
  assert.deepStrictEqual(r.lost, fr.followUp.lost);
  assert.strictEqual(r.dropped, 0);
  assert.strictEqual(r.cutoff, "2005-06-30");
});

test("lossToFollowUpIpcwPooled matches R's MIcombine over 5 draws", () => {
  const p = lossToFollowUpIpcwPooled(cohort, { draws: 5, tumorScale: "log" });
  assert.deepStrictEqual(p.seeds, ["failure-from-rt-1", "failure-from-rt-2", "failure-from-rt-3", "failure-from-rt-4", "failure-from-rt-5"]);
  for (const s of p.sites) {
    for (const which of ["unweighted", "weighted"] as const) {
      const x = R.pooled[s.site][which];
      assertClose(s[which].coef, x.coef, `${s.site} ${which} pooled coef`);
      assertClose(s[which].se, x.se, `${s.site} ${which} pooled se`);
      assertClose(s[which].df, x.df, `${s.site} ${which} df`, 1e-5);
      assertClose(s[which].lower, x.lower, `${s.site} ${which} lower`);
      assertClose(s[which].upper, x.upper, `${s.site} ${which} upper`);
    }
    assert.ok(s.ratio.min <= s.ratio.median && s.ratio.median <= s.ratio.max);
  }
  assert.ok(p.weights.min <= 1 && p.weights.max >= 1);
  assert.throws(() => lossToFollowUpIpcwPooled(cohort, { draws: 1 }), /draws/);
});

test("lostToFollowUp: alive and last seen more than the window before the cut-off", () => {
  const rows = cohort.fields.arm.map((_, i) => i);
  const { lost, cutoff } = lostToFollowUp(cohort, rows, 1);
  assert.strictEqual(cutoff, "2005-06-30");
  rows.forEach((i) => {
    if (cohort.fields.death[i] === 1) assert.strictEqual(lost[i], false);
  });
  const wide = lostToFollowUp(cohort, rows, 600).lost;
  assert.ok(wide.every((x) => x === false), "a window longer than the study loses no one");
  assert.throws(() => lostToFollowUp(cohort, rows, -1), InputError);
});

test("lossToFollowUpIpcw: bad options and a cohort without the needed columns are named", () => {
  assert.throws(() => lossToFollowUpIpcw(cohort, { confLevel: 2 }), /confLevel/);
  assert.throws(() => lossToFollowUpIpcw(cohort, { times: [-1] }), /times/);
  assert.throws(() => lossToFollowUpIpcw(originalLayout()), InputError);
  // with a window longer than the study nobody is lost: nothing to weight for
  assert.throws(() => lossToFollowUpIpcw(cohort, { adminWindowMonths: 600 }), /no analysed patient was lost/);
});
