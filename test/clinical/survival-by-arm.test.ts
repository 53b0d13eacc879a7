import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { assertClose, repoRoot } from "../helpers/reference";
import { survivalByArm, survivalAtTimes } from "../../src/clinical/index";
import { kaplanMeier } from "../../src/survival/index";
import { cohort, R, subset } from "./fixture";

// clinical-cohort.json (calibration fixture): median OS, reverse-KM follow-up, log-rank.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const CAL: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-cohort.json"), "utf8"));

test("survival by arm matches R: medians, follow-up, log-rank (survfit, survdiff)", () => {
  const s = survivalByArm(cohort);
  assert.deepStrictEqual(s.arms.map((a) => a.arm), ["TACE", "TACE+RT"]);
  for (const a of s.arms) {
    assertClose(a.median, CAL.os[a.arm].median, `${a.arm} median`);
    assertClose(a.medianLower, CAL.os[a.arm].lower, `${a.arm} median lower`);
    assertClose(a.medianUpper, CAL.os[a.arm].upper, `${a.arm} median upper`);
    assertClose(a.followUp, CAL.followUp[a.arm].median, `${a.arm} follow-up`);
    assertClose(a.followUpLower, CAL.followUp[a.arm].lower, `${a.arm} follow-up lower`);
    assertClose(a.followUpUpper, CAL.followUp[a.arm].upper, `${a.arm} follow-up upper`);
    assert.strictEqual(a.n, CAL.n[a.arm]);
  }
  assertClose(s.logRank.chiSq, CAL.logRank.chiSq, "log-rank chi-square");
  assertClose(s.logRank.pValue, CAL.logRank.pValue, "log-rank P");
  assert.strictEqual(s.deaths, cohort.fields.death.reduce((x, y) => x + y, 0));
});

test("survival at 12/24/36/60 months matches summary(survfit, times)", () => {
  const s = survivalByArm(cohort);
  for (const a of s.arms) {
    const e = R.complete.survival_at[a.arm];
    a.survivalAt.forEach((p, j) => {
      assert.strictEqual(p.time, e.time[j]);
      assertClose(p.survival, e.survival[j], `${a.arm} S(${p.time})`);
      assertClose(p.lower, e.lower[j], `${a.arm} lower(${p.time})`);
      assertClose(p.upper, e.upper[j], `${a.arm} upper(${p.time})`);
      assert.strictEqual(p.nRisk, e.n_risk[j], `${a.arm} at risk at ${p.time}`);
    });
  }
});

test("RMST at 24 and 60 months matches survival's survmean; the difference is the two arms' difference", () => {
  const s = survivalByArm(cohort);
  s.rmst.forEach((r, k) => {
    const e = R.complete.rmst[k];
    assert.strictEqual(r.tau, e.tau);
    r.rmst.forEach((v, a) => assertClose(v, e.rmst[a], `RMST(${r.tau}) arm ${a}`));
    r.se.forEach((v, a) => assertClose(v, e.se[a], `se RMST(${r.tau}) arm ${a}`));
    assertClose(r.difference, e.rmst[1] - e.rmst[0], "difference");
    assertClose(r.differenceSe, Math.hypot(e.se[0], e.se[1]), "se of difference");
    assert.ok(r.differenceLower < r.difference && r.difference < r.differenceUpper);
    assert.deepStrictEqual(r.beyondFollowUp, [false, false]);
  });
  const late = survivalByArm(cohort, { taus: [200] });
  assert.deepStrictEqual(late.rmst[0].beyondFollowUp, [true, true]);
});

test("survivalAtTimes: before the first time, between times, past the last", () => {
  const km = kaplanMeier([2, 4, 4, 7, 9], [1, 1, 0, 1, 0]);
  const at = survivalAtTimes(km, [0, 1, 4, 5, 9, 10]);
  assert.deepStrictEqual(at.map((p) => p.survival), [1, 1, km.survival[1], km.survival[1], km.survival[3], null]);
  assert.deepStrictEqual(at.map((p) => p.nRisk), [5, 5, 4, 2, 1, 0]);
});

test("survival by arm: JSON-serialisable, bad options, one arm", () => {
  const s = survivalByArm(cohort);
  assert.doesNotThrow(() => JSON.stringify(s));
  assert.throws(() => survivalByArm(cohort, { times: [-1] }), /times/);
  assert.throws(() => survivalByArm(cohort, { taus: [0] }), /taus/);
  assert.throws(() => survivalByArm(subset((i) => cohort.fields.arm[i] === "TACE+RT")), /at least two arms/);
});
