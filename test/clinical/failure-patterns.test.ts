import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { failurePatterns, failureCauseCodes, outOfFieldCauseCodes } from "../../src/clinical/index";
import { cohort, R, withFields } from "./fixture";

const E = R.complete.failure;

test("in-field response and first-failure site match R (fisher.test, chisq.test)", () => {
  const fp = failurePatterns(cohort);
  assert.deepStrictEqual(fp.arms, ["TACE", "TACE+RT"]);
  assert.deepStrictEqual(fp.response.regressed, E.regressed);
  assert.deepStrictEqual(fp.response.levels, ["CR", "PR", "SD", "PD"]);
  fp.response.counts.forEach((row, a) => assert.strictEqual(row.reduce((s, v) => s + v, 0), fp.n[a]));
  assertClose(fp.response.test!.pValue, E.response_fisher_p, "Fisher p of regression");
  assert.deepStrictEqual(fp.firstFailure.sites, ["local", "intrahepatic", "extrahepatic", "none"]);
  assert.deepStrictEqual(fp.firstFailure.counts, E.site_counts);
  assertClose(fp.firstFailure.test!.statistic, E.site_chisq, "site chi-square");
  assertClose(fp.firstFailure.test!.pValue, E.site_p, "site p");
  fp.firstFailure.counts.forEach((row, a) =>
    assert.strictEqual(row[3], fp.firstFailure.deathWithoutFailure[a] + fp.firstFailure.censoredWithoutFailure[a], "none = death + censored"),
  );
});

for (const [key, pick] of [
  ["by_site", (fp: ReturnType<typeof failurePatterns>) => ({ rows: fp.incidenceAt, gray: fp.gray })],
  ["out_of_field", (fp: ReturnType<typeof failurePatterns>) => ({ rows: fp.outOfField.incidenceAt, gray: [fp.outOfField.gray] })],
] as const) {
  test(`cumulative incidence at 6/12/24 months and Gray's test match cmprsk: ${key}`, () => {
    const fp = failurePatterns(cohort);
    const { rows, gray } = pick(fp);
    const z = 1.959963984540054;
    for (const curve of E[key].curves) {
      const mine = rows.filter((r) => r.arm === curve.group && r.cause === curve.cause);
      if (key === "out_of_field" && curve.cause !== 1 && mine.length === 0) continue;
      assert.strictEqual(mine.length, 3, `${curve.group} ${curve.cause}`);
      mine.forEach((r, j) => {
        assertClose(r.estimate, curve.estimate[j], `${curve.group} ${curve.cause} F(${r.time})`);
        const half = z * Math.sqrt(curve.variance[j]);
        assertClose(r.lower, Math.max(0, curve.estimate[j] - half), "lower");
        assertClose(r.upper, Math.min(1, curve.estimate[j] + half), "upper");
      });
    }
    for (const g of gray) {
      const e = E[key].gray.filter((x: { cause: number }) => x.cause === g.cause)[0];
      assertClose(g.statistic, e.statistic, `Gray statistic ${g.cause}`);
      assertClose(g.pValue, e.p, `Gray p ${g.cause}`);
    }
  });
}

test("time to out-of-field failure matches R (quantile, wilcox.test)", () => {
  const t = failurePatterns(cohort).timeToOutOfField;
  t.perArm.forEach((a, k) => {
    assertClose(a.median, E.oof_median[k], "median");
    assertClose(a.q1, E.oof_q1[k], "q1");
    assertClose(a.q3, E.oof_q3[k], "q3");
    assert.strictEqual(a.early, a.times.filter((v) => v <= 6).length);
  });
  assertClose(t.test!.statistic, E.oof_W, "W");
  assertClose(t.test!.pValue, E.oof_p, "p");
});

test("cause coding: sites, death without failure, censored", () => {
  const c = withFields({
    failure_site: ["local", "intrahepatic", "extrahepatic", "none", "none"] as never,
    death: [1, 1, 0, 1, 0],
  });
  assert.deepStrictEqual(failureCauseCodes(c), [1, 2, 3, 4, 0]);
  assert.deepStrictEqual(outOfFieldCauseCodes(c), [2, 1, 1, 3, 0]);
});

test("failure patterns: JSON-serialisable; no response test when every patient regressed", () => {
  const fp = failurePatterns(cohort);
  assert.doesNotThrow(() => JSON.stringify(fp));
  const allCR = failurePatterns(withFields({ infield_response: cohort.fields.infield_response.map(() => "CR") as never }));
  assert.strictEqual(allCR.response.test, null);
  assert.deepStrictEqual(allCR.response.regressedPercent, [100, 100]);
});

test("compareIncidence and failurePatternSummary read the curves and Gray's tests", async () => {
  const { compareIncidence, failurePatternSummary } = await import("../../src/clinical/index");
  const fp = failurePatterns(cohort);
  const intra = compareIncidence(fp, "intrahepatic", 12);
  const rows = fp.incidenceAt.filter((r) => r.site === "intrahepatic" && r.time === 12);
  assert.deepStrictEqual(intra.estimates, rows.map((r) => r.estimate));
  assert.strictEqual(intra.grayP, fp.gray[1].pValue);
  assert.strictEqual(intra.higherArm, "TACE+RT");
  const oof = compareIncidence(fp, "out-of-field", 7.5);
  assert.strictEqual(oof.grayP, fp.outOfField.gray.pValue);
  assert.throws(() => compareIncidence(fp, "bone", 12), /site/);
  const s = failurePatternSummary(fp);
  assert.strictEqual(s.local.higherArm, "TACE");
  assert.strictEqual(s.tradeOff, true);
  // "earlier": more out-of-field failure by 6 months after TACE+RT, and a shorter median time among those failing.
  // Counted from enrollment, TACE+RT patients cannot fail before RT starts, so on the shipped cohort the median is not shorter.
  const [tRef, tRt] = fp.timeToOutOfField.perArm;
  assert.strictEqual(s.outOfFieldEarly.higherArm, "TACE+RT");
  assert.strictEqual(s.earlier, (tRt.median as number) < (tRef.median as number));
  // Swap the arms' failure sites: no trade-off in the RT arm's disfavour.
  const swapped = failurePatterns(withFields({
    failure_site: cohort.fields.failure_site.map((x) => (x === "local" ? "intrahepatic" : x === "intrahepatic" ? "local" : x)) as never,
  }));
  assert.strictEqual(failurePatternSummary(swapped).tradeOff, false);
});
