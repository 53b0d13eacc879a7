import { test } from "node:test";
import * as assert from "assert";
import { evaluateClinicalClaims, CLINICAL_CLAIM_IDS, survivalByArm, failurePatterns, compareIncidence } from "../../src/clinical/index";
import type { ClinicalClaimResult } from "../../src/clinical/index";
import { studyClaim } from "../../src/claims/index";
import { cohort, subset, withFields } from "./fixture";

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
  assert.strictEqual(byId(claims, "C10").numbers.outOfFieldGrayP, fp.outOfField.gray.pValue);
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

test("evaluateClinicalClaims: a user's cohort fails C9 and C11 for the stated reasons", () => {
  const f = cohort.fields;
  const rt = (i: number) => f.arm[i] === "TACE+RT";
  const firstRt = f.arm.indexOf("TACE+RT");
  const changed = withFields({
    infield_response: f.infield_response.map((r, i) => (i === firstRt ? "SD" : r)),
    // no extrahepatic first failure after TACE+RT: those patients are censored at their failure time instead
    failure_site: f.failure_site.map((s, i) => (rt(i) && s === "extrahepatic" ? "none" : s)),
    death: f.death.map((d, i) => (rt(i) && f.failure_site[i] === "extrahepatic" ? 0 : d)),
    os_months: f.os_months.map((t, i) => (rt(i) && f.failure_site[i] === "extrahepatic" ? f.failure_months[i] : t)),
  });
  const claims = evaluateClinicalClaims(changed);
  const c9 = byId(claims, "C9");
  assert.strictEqual(c9.pass, false);
  assert.strictEqual(c9.value, "63 of 64 irradiated lesions CR or PR");
  const c11 = byId(claims, "C11");
  assert.strictEqual(c11.evaluated, true);
  assert.strictEqual(c11.pass, false);
  assert.strictEqual(c11.numbers["TACE+RT"], 0);
  assert.ok(byId(claims, "C10").pass, "C10 still holds: intrahepatic failures unchanged and out-of-field still higher");
});
