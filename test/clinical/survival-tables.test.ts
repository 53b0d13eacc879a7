import { test } from "node:test";
import * as assert from "assert";
import { survivalByArm, coxByArm, survivalSummaryRows, followUpRows, logRankRows, coxRows, proportionalHazardsRows, rmstRows, fmt } from "../../src/clinical/index";
import { cohort } from "./fixture";

const s = survivalByArm(cohort);

test("survival summary rows: one per arm, values formatted from the result", () => {
  const rows = survivalSummaryRows(s);
  assert.deepStrictEqual(rows.map((r) => r.Arm), ["TACE", "TACE+RT"]);
  assert.deepStrictEqual(Object.keys(rows[0]), [
    "Arm", "Patients", "Deaths", "Median OS, months (95% CI)",
    "12-month OS, % (95% CI)", "24-month OS, % (95% CI)", "36-month OS, % (95% CI)", "60-month OS, % (95% CI)",
  ]);
  const a = s.arms[0];
  assert.strictEqual(rows[0]["Median OS, months (95% CI)"], `${fmt(a.median, 1)} (${fmt(a.medianLower, 1)}\u2013${fmt(a.medianUpper, 1)})`);
  assert.strictEqual(rows[0]["12-month OS, % (95% CI)"].toString().split(" ")[0], fmt(100 * a.survivalAt[0].survival!, 1));
  const beyond = survivalSummaryRows(survivalByArm(cohort, { times: [500] }));
  assert.strictEqual(beyond[0]["500-month OS, % (95% CI)"], "NA (beyond follow-up)");
});

test("follow-up, log-rank and RMST rows", () => {
  const fu = followUpRows(s);
  assert.strictEqual(fu[1]["Median follow-up, months (95% CI)"], `${fmt(s.arms[1].followUp, 1)} (${fmt(s.arms[1].followUpLower, 1)}\u2013NA)`);
  const lr = logRankRows(s);
  assert.strictEqual(lr.length, 2);
  assert.strictEqual(lr[0]["Observed deaths"], s.arms[0].deaths);
  assert.strictEqual(lr[1].P, "");
  const rm = rmstRows(s);
  assert.deepStrictEqual(rm.map((r) => r["Horizon (tau), months"]), ["24", "60"]);
  assert.ok("Difference, TACE+RT \u2212 TACE (95% CI)" in rm[0]);
});

test("Cox and proportional-hazards rows use the terms' labels", () => {
  const c = coxByArm(cohort, { adjusted: true });
  const rows = coxRows(c);
  assert.strictEqual(rows.length, 11);
  assert.strictEqual(rows[0].Term, "TACE+RT vs TACE");
  const ph = proportionalHazardsRows(c);
  assert.strictEqual(ph.length, 12);
  assert.strictEqual(ph[11].Term, "Global test");
  assert.strictEqual(ph[6].Term, "AFP, per 10-fold higher");
  assert.strictEqual(ph[10].Term, "Residual viable tumor after TACE");
});

test("coxSummary: arm term, associated terms, proportional-hazards departures", async () => {
  const { coxSummary, formatCI } = await import("../../src/clinical/index");
  const c = coxByArm(cohort, { adjusted: true });
  const sm = coxSummary(c);
  const ph = c.ph;
  assert.ok(ph !== null);
  assert.strictEqual(sm.arm.name, "arm");
  assert.deepStrictEqual(sm.associated.map((t) => t.name), c.terms.slice(1).filter((t) => t.pValue < 0.05).map((t) => t.name));
  assert.strictEqual(sm.phArm, ph.pValue[0]);
  assert.strictEqual(sm.phGlobal, ph.pValue[ph.pValue.length - 1]);
  assert.deepStrictEqual(sm.phDepartures.map((d) => d.name), ph.terms.filter((n, i) => n !== "GLOBAL" && ph.pValue[i] < 0.05));
  assert.strictEqual(formatCI(-1.2, -6.4, 4, 1), "\u22121.2 (\u22126.4 to 4.0)");
});
