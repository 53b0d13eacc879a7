import { test } from "node:test";
import * as assert from "assert";
import { failurePatterns, responseRows, firstFailureRows, countSeries, incidenceRows, grayRows, outOfFieldTimingRows, fmt } from "../../src/clinical/index";
import { cohort } from "./fixture";

const fp = failurePatterns(cohort);

test("response and first-failure rows", () => {
  const r = responseRows(fp);
  assert.deepStrictEqual(r.map((x) => x.Response), ["CR", "PR", "SD", "PD", "Regressed (CR or PR)"]);
  assert.strictEqual(r[4]["TACE+RT, n (%)"], `${fp.response.regressed[1]} (${fmt(fp.response.regressedPercent[1], 1)})`);
  assert.notStrictEqual(r[4]["P (Fisher exact, regressed vs not)"], "");
  const f = firstFailureRows(fp);
  assert.strictEqual(f.length, 6);
  assert.strictEqual(f[0]["TACE, n (%)"].split(" ")[0], String(fp.firstFailure.counts[0][0]));
  assert.match(f[4]["First failure"], /died without failure/);
});

test("count series: one per level, one value per arm", () => {
  const s = countSeries(fp.firstFailure.sites, fp.firstFailure.counts, { none: "No failure" });
  assert.deepStrictEqual(s.map((x) => x.name), ["local", "intrahepatic", "extrahepatic", "No failure"]);
  assert.deepStrictEqual(s[0].values, [fp.firstFailure.counts[0][0], fp.firstFailure.counts[1][0]]);
});

test("incidence, Gray and timing rows", () => {
  const rows = incidenceRows(fp.incidenceAt);
  assert.strictEqual(rows.length, fp.causes.length * fp.arms.length);
  assert.deepStrictEqual(Object.keys(rows[0]), ["Cause", "Arm", "6 months, % (95% CI)", "12 months, % (95% CI)", "24 months, % (95% CI)"]);
  const g = grayRows(fp.gray);
  assert.strictEqual(g.length, 4);
  assert.match(String(g[0].P), /e-/);
  const t = outOfFieldTimingRows(fp);
  assert.strictEqual(t[0]["Out-of-field first failures"], fp.timeToOutOfField.perArm[0].n);
  assert.strictEqual(t[1]["P (Wilcoxon rank-sum)"], "");
});
