import { test } from "node:test";
import * as assert from "assert";
import { evaluateClinicalClaims, CLINICAL_CLAIM_IDS, survivalByArm, failurePatterns, compareIncidence, compareSiteProgression } from "../../src/clinical/index";
import type { ClinicalClaimResult } from "../../src/clinical/index";
import { studyClaim } from "../../src/claims/index";
import { cohort, originalLayout, subset, withFields } from "./fixture";

const byId = (claims: ClinicalClaimResult[], id: string): ClinicalClaimResult => {
  const c = claims.filter((x) => x.id === id)[0];
  assert.ok(c !== undefined, id);
  return c;
};

test("evaluateClinicalClaims: C1-C11 in order, all pass on the shipped cohort, numbers from the notebooks' analyses", () => {
  const claims = evaluateClinicalClaims(cohort);
  assert.deepStrictEqual(claims.map((c) => c.id), CLINICAL_CLAIM_IDS);
  assert.deepStrictEqual(claims.filter((c) => !c.pass || !c.evaluated).map((c) => c.id), []);
  const os = survivalByArm(cohort);
  assert.strictEqual(byId(claims, "C5").estimate, os.arms[1].followUp);
  assert.strictEqual(byId(claims, "C6").estimate, os.arms[0].median);
  assert.strictEqual(byId(claims, "C8").estimate, os.logRank.pValue);
  const fp = failurePatterns(cohort);
  const intra = compareIncidence(fp, "intrahepatic", 12);
  assert.deepStrictEqual([byId(claims, "C10").numbers.TACE, byId(claims, "C10").numbers["TACE+RT"]], intra.estimates);
  assert.strictEqual(byId(claims, "C10").numbers.grayP, intra.grayP);
  assert.strictEqual(byId(claims, "C10").numbers.outOfFieldGrayP, fp.outOfField.gray.pValue);
  const extraEvery = compareSiteProgression(cohort, "extrahepatic", 12);
  assert.deepStrictEqual([byId(claims, "C11").numbers.everyProgression, byId(claims, "C11").numbers.everyProgressionRt], extraEvery.estimates);
  assert.strictEqual(byId(claims, "C11").numbers.everyProgressionGrayP, extraEvery.grayP);
});

test("C10 and C11 are each judged on their own site: first failure (the study's analysis) and every progression at the site", () => {
  const claims = evaluateClinicalClaims(cohort);
  const fp = failurePatterns(cohort);
  for (const [id, site] of [
    ["C10", "intrahepatic"],
    ["C11", "extrahepatic"],
  ] as const) {
    const c = byId(claims, id);
    const first = compareIncidence(fp, site, 12);
    const every = compareSiteProgression(cohort, site, 12);
    assert.strictEqual(c.pass, first.higherArm === "TACE+RT" && first.significant && every.higherArm === "TACE+RT" && every.significant);
    assert.ok(c.rule.indexOf(`${site} first failure`) >= 0 && c.rule.indexOf(`every ${site} progression`) >= 0, c.rule);
    assert.ok(c.rule.indexOf("out-of-field") < 0, "no longer judged on the combined out-of-field test");
  }
});

test("C11 fails when the TACE arm's later extrahepatic progressions (hidden behind an earlier first failure) match the TACE+RT arm's", () => {
  const f = cohort.fields;
  const extra = f.extrahepatic_progression_months as number[];
  // every TACE patient with an earlier first failure elsewhere and no extrahepatic progression gets one just after it
  const added = extra.map((t, i) =>
    f.arm[i] === "TACE" && Number.isNaN(t) && f.failure_site[i] !== "none" && f.failure_site[i] !== "extrahepatic" && f.failure_months[i] + 0.01 <= f.os_months[i]
      ? Math.round((f.failure_months[i] + 0.01) * 100) / 100
      : t,
  );
  const changed = withFields({ extrahepatic_progression_months: added });
  const before = byId(evaluateClinicalClaims(cohort), "C11");
  const after = byId(evaluateClinicalClaims(changed), "C11");
  assert.strictEqual(after.numbers.grayP, before.numbers.grayP, "first failures unchanged");
  assert.ok((after.numbers.everyProgression as number) > (after.numbers.everyProgressionRt as number), JSON.stringify(after.numbers));
  assert.strictEqual(after.pass, false);
});

test("a cohort in the original layout: C10 and C11 judged on first failure only, and the detail names the missing columns", () => {
  const old = originalLayout();
  const claims = evaluateClinicalClaims(old);
  const fp = failurePatterns(old);
  for (const [id, site] of [
    ["C10", "intrahepatic"],
    ["C11", "extrahepatic"],
  ] as const) {
    const c = byId(claims, id);
    const first = compareIncidence(fp, site, 12);
    assert.strictEqual(c.pass, first.higherArm === "TACE+RT" && first.significant);
    assert.strictEqual(c.numbers.everyProgressionGrayP, null);
    assert.match(c.detail, /not checked: Skipped: .*`local_progression_months`, `intrahepatic_progression_months`, `extrahepatic_progression_months`, which this cohort does not have/);
  }
  assert.deepStrictEqual(
    claims.filter((c) => !/^C1[01]$/.test(c.id)).map((c) => [c.id, c.pass, c.value]),
    evaluateClinicalClaims(cohort).filter((c) => !/^C1[01]$/.test(c.id)).map((c) => [c.id, c.pass, c.value]),
    "C1-C9 do not use the optional columns",
  );
});

test("evaluateClinicalClaims: the rules quote the published values of src/claims", () => {
  const claims = evaluateClinicalClaims(cohort);
  assert.strictEqual(byId(claims, "C1").rule, `equal ${studyClaim("C1").publishedNumber}`);
  assert.strictEqual(byId(claims, "C3").rule, "first and last enrollment within 1996-08-01 to 2003-08-31");
  const c6 = studyClaim("C6").publishedNumber as number;
  assert.strictEqual(byId(claims, "C6").rule, `within ${c6 - 1} to ${c6 + 1} months`);
  assert.deepStrictEqual(byId(claims, "C6").accepted, [c6 - 1, c6 + 1]);
  for (const c of claims) assert.strictEqual(c.accepted !== null, /^C[4-8]$/.test(c.id), c.id);
});

test("evaluateClinicalClaims: one arm only counts C1, C2 and leaves the rest not evaluated, with the reason", () => {
  const claims = evaluateClinicalClaims(subset((i) => cohort.fields.arm[i] === "TACE"));
  assert.deepStrictEqual(
    claims.map((c) => [c.id, c.evaluated, c.pass]),
    CLINICAL_CLAIM_IDS.map((id) => [id, id === "C1" || id === "C2", id === "C1"]),
  );
  assert.strictEqual(byId(claims, "C2").value, "0");
  assert.match(byId(claims, "C4").detail, /two arms/);
  assert.strictEqual(byId(claims, "C4").value, "not evaluated");
});

test("evaluateClinicalClaims: a user's cohort (original layout) fails C9 and C11 for the stated reasons", () => {
  const base = originalLayout();
  const f = base.fields;
  const rt = (i: number) => f.arm[i] === "TACE+RT";
  const firstRt = f.arm.indexOf("TACE+RT");
  const changed = withFields({
    infield_response: f.infield_response.map((r, i) => (i === firstRt ? "SD" : r)),
    // no extrahepatic first failure after TACE+RT: those patients are censored at their failure time instead
    failure_site: f.failure_site.map((s, i) => (rt(i) && s === "extrahepatic" ? "none" : s)),
    death: f.death.map((d, i) => (rt(i) && f.failure_site[i] === "extrahepatic" ? 0 : d)),
    os_months: f.os_months.map((t, i) => (rt(i) && f.failure_site[i] === "extrahepatic" ? f.failure_months[i] : t)),
  }, base);
  const claims = evaluateClinicalClaims(changed);
  const c9 = byId(claims, "C9");
  assert.strictEqual(c9.pass, false);
  assert.strictEqual(c9.value, "63 of 64 irradiated lesions CR or PR");
  const c11 = byId(claims, "C11");
  assert.strictEqual(c11.evaluated, true);
  assert.strictEqual(c11.pass, false);
  assert.strictEqual(c11.numbers["TACE+RT"], 0);
  assert.strictEqual(byId(claims, "C10").evaluated, true);
});
