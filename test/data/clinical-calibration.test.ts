/**
 * Claims C1-C11 on the committed simulated cohort, judged by evaluateClinicalClaims
 * (src/clinical/clinical-claims.ts: the notebooks' analyses, also used by the claims
 * ledger and the seed search), each checked against a direct computation with the
 * project's own survival functions, and the same quantities checked against R
 * (test/fixtures/r/clinical-cohort.R -> .json) to 1e-6.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { kaplanMeier, medianFollowUp, logRank, cumulativeIncidence, cumulativeIncidenceAt } from "../../src/survival";
import type { CumulativeIncidenceResult } from "../../src/survival";
import { loadCohort } from "../../src/data/index";
import { evaluateClinicalClaims } from "../../src/clinical/index";
import type { ClinicalClaimResult, ClinicalClaimId } from "../../src/clinical/index";
import { searchClinicalSeed, seedScore, SEED_PREFIX } from "../../src/synth/clinical-seed-search";
import { CLINICAL_SEED } from "../../src/synth/clinical-cohort";
import { assertClose, repoRoot } from "../helpers/reference";

const cohort = loadCohort(path.join(repoRoot, "data"));
const f = cohort.fields;
const ARMS = ["TACE", "TACE+RT"] as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const R: any = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-cohort.json"), "utf8"));

const claims = evaluateClinicalClaims(cohort);

/** The claim, asserted to have been evaluated and to hold. */
function holds(id: ClinicalClaimId): ClinicalClaimResult {
  const c = claims.filter((x) => x.id === id)[0];
  assert.ok(c !== undefined, id);
  assert.strictEqual(c.evaluated, true, `${id} not evaluated: ${c.detail}`);
  assert.ok(c.pass, `${id}: ${c.value} | ${c.detail}`);
  return c;
}

function rowsOf(arm: string): number[] {
  const rows: number[] = [];
  for (let i = 0; i < cohort.nRows; i++) if (f.arm[i] === arm) rows.push(i);
  return rows;
}
const take = (x: number[], rows: number[]): number[] => rows.map((i) => x[i]);
const os = (arm: string) => kaplanMeier(take(f.os_months, rowsOf(arm)), take(f.death, rowsOf(arm)));
const followUp = (arm: string) => medianFollowUp(take(f.os_months, rowsOf(arm)), take(f.death, rowsOf(arm)));

// first failure by site (1 local, 2 intrahepatic, 3 extrahepatic), death without failure (4) competing, 0 censored
const site = f.failure_site.map((s, i) => (s === "local" ? 1 : s === "intrahepatic" ? 2 : s === "extrahepatic" ? 3 : f.death[i] === 1 ? 4 : 0));
// out-of-field merged: 1 local, 2 intrahepatic or extrahepatic, 3 death without failure
const merged = site.map((c) => (c === 1 ? 1 : c === 2 || c === 3 ? 2 : c === 4 ? 3 : 0));
const bySite = cumulativeIncidence(f.failure_months, site, f.arm, { levels: ARMS });
const outOfField = cumulativeIncidence(f.failure_months, merged, f.arm, { levels: ARMS });

function cifAt(ci: CumulativeIncidenceResult, arm: string, cause: number, t: number): number {
  const curve = ci.curves.find((c) => c.group === arm && c.cause === cause);
  assert.ok(curve !== undefined, `curve ${arm} ${cause}`);
  return cumulativeIncidenceAt(curve, [t]).estimate[0] as number;
}
function grayP(ci: CumulativeIncidenceResult, cause: number): number {
  const g = (ci.grayTest ?? []).find((t) => t.cause === cause);
  assert.ok(g !== undefined && g.pValue !== null);
  return g.pValue as number;
}

test("C1, C2: arm sizes 276 and 64", () => {
  assert.strictEqual(holds("C1").estimate, rowsOf("TACE").length);
  assert.strictEqual(holds("C2").estimate, rowsOf("TACE+RT").length);
  assert.strictEqual(rowsOf("TACE").length, 276);
  assert.strictEqual(rowsOf("TACE+RT").length, 64);
});

test("C3: enrollment between 1996-08-01 and 2003-08-31", () => {
  const c = holds("C3");
  const dates = f.enrolled.slice().sort();
  assert.strictEqual(c.value, `${dates[0]} to ${dates[dates.length - 1]}`);
  assert.ok(c.rule.endsWith("within 1996-08-01 to 2003-08-31"), c.rule);
  assert.ok(dates[0] >= "1996-08-01", dates[0]);
  assert.ok(dates[dates.length - 1] <= "2003-08-31", dates[dates.length - 1]);
  // accrual spans the window rather than a corner of it
  assert.ok(dates[0] < "1997-01-01" && dates[dates.length - 1] > "2003-03-01");
});

test("C4, C5: median follow-up by reverse Kaplan-Meier 39 and 51 months (+-1.5)", () => {
  const tace = followUp("TACE").median as number;
  const rt = followUp("TACE+RT").median as number;
  assert.strictEqual(holds("C4").estimate, tace);
  assert.strictEqual(holds("C5").estimate, rt);
  assert.deepStrictEqual([holds("C4").accepted, holds("C5").accepted], [[37.5, 40.5], [49.5, 52.5]]);
  assert.ok(Math.abs(tace - 39) <= 1.5, `TACE ${tace}`);
  assert.ok(Math.abs(rt - 51) <= 1.5, `TACE+RT ${rt}`);
});

test("C6, C7: Kaplan-Meier median overall survival 19 and 17 months (+-1)", () => {
  const tace = os("TACE").median as number;
  const rt = os("TACE+RT").median as number;
  assert.strictEqual(holds("C6").estimate, tace);
  assert.strictEqual(holds("C7").estimate, rt);
  assert.deepStrictEqual([holds("C6").accepted, holds("C7").accepted], [[18, 20], [16, 18]]);
  assert.ok(Math.abs(tace - 19) <= 1, `TACE ${tace}`);
  assert.ok(Math.abs(rt - 17) <= 1, `TACE+RT ${rt}`);
});

test("C8: log-rank P of overall survival between 0.55 and 0.75", () => {
  const p = logRank(f.os_months, f.death, f.arm, { levels: ARMS }).pValue;
  assert.ok(p !== null && p > 0.55 && p < 0.75, `P = ${p}`);
  assert.strictEqual(holds("C8").estimate, p);
  assert.deepStrictEqual(holds("C8").accepted, [0.55, 0.75]);
});

test("C9: every irradiated lesion regressed (CR or PR)", () => {
  const rt = rowsOf("TACE+RT").map((i) => f.infield_response[i]);
  assert.deepStrictEqual(rt.filter((r) => r !== "CR" && r !== "PR"), []);
  assert.deepStrictEqual(holds("C9").numbers, { regressed: rt.length, n: rt.length });
});

/** Every progression at one site (1), death without it (2), censored (0), from the per-site column. */
function everyProgression(site: string): CumulativeIncidenceResult {
  const p = (f as unknown as Record<string, number[]>)[`${site}_progression_months`];
  const t = p.map((x, i) => (Number.isNaN(x) ? f.os_months[i] : x));
  const code = p.map((x, i) => (!Number.isNaN(x) ? 1 : f.death[i] === 1 ? 2 : 0));
  return cumulativeIncidence(t, code, f.arm, { levels: ARMS });
}

test("C10, C11: intrahepatic and extrahepatic progression each more frequent by 12 months after TACE+RT, Gray P < 0.05 on its own site, as first failure and counting every progression", () => {
  for (const [cause, site, id] of [
    [2, "intrahepatic", "C10"],
    [3, "extrahepatic", "C11"],
  ] as Array<[number, string, ClinicalClaimId]>) {
    const tace = cifAt(bySite, "TACE", cause, 12);
    const rt = cifAt(bySite, "TACE+RT", cause, 12);
    assert.ok(rt > tace, `${site} first failure: TACE ${tace}, TACE+RT ${rt}`);
    assert.ok(grayP(bySite, cause) < 0.05, `${site} first failure Gray P ${grayP(bySite, cause)}`);
    const every = everyProgression(site);
    const [e0, e1] = [cifAt(every, "TACE", 1, 12), cifAt(every, "TACE+RT", 1, 12)];
    assert.ok(e1 > e0 && grayP(every, 1) < 0.05, `every ${site} progression: ${e0} vs ${e1}, P ${grayP(every, 1)}`);
    assert.deepStrictEqual(holds(id).numbers, {
      TACE: tace,
      "TACE+RT": rt,
      grayP: grayP(bySite, cause),
      everyProgression: e0,
      everyProgressionRt: e1,
      everyProgressionGrayP: grayP(every, 1),
      outOfFieldGrayP: grayP(outOfField, 2),
    });
  }
});

test("the mechanism: local control after TACE+RT, offset by out-of-field failure", () => {
  assert.ok(cifAt(bySite, "TACE+RT", 1, 12) < cifAt(bySite, "TACE", 1, 12));
  assert.ok(grayP(bySite, 1) < 0.05, "local failure lower after TACE+RT");
});

test("the same quantities agree with R (survival, cmprsk) to 1e-6", () => {
  for (const arm of ARMS) {
    assertClose(followUp(arm).median, R.followUp[arm].median, `follow-up median ${arm}`);
    assertClose(followUp(arm).lower, R.followUp[arm].lower, `follow-up lower ${arm}`);
    assertClose(followUp(arm).upper, R.followUp[arm].upper, `follow-up upper ${arm}`);
    assertClose(os(arm).median, R.os[arm].median, `OS median ${arm}`);
    assertClose(os(arm).medianLower, R.os[arm].lower, `OS lower ${arm}`);
    assertClose(os(arm).medianUpper, R.os[arm].upper, `OS upper ${arm}`);
  }
  for (const site of ["local", "intrahepatic", "extrahepatic"]) {
    const every = everyProgression(site);
    for (const arm of ARMS) {
      const curve = every.curves.find((k) => k.group === arm && k.cause === 1);
      assert.ok(curve !== undefined);
      const at = cumulativeIncidenceAt(curve, [12, 24]);
      [0, 1].forEach((j) => {
        assertClose(at.estimate[j], R.everyProgression[site].estimate[arm][j], `every ${site} ${arm} CIF`);
        assertClose(at.variance[j], R.everyProgression[site].variance[arm][j], `every ${site} ${arm} variance`);
      });
    }
    assertClose(grayP(every, 1), R.everyProgression[site].gray.pValue, `every ${site} Gray P`);
    assertClose((every.grayTest ?? []).find((g) => g.cause === 1)!.statistic, R.everyProgression[site].gray.statistic, `every ${site} Gray statistic`);
  }
  const lr = logRank(f.os_months, f.death, f.arm, { levels: ARMS });
  assertClose(lr.chiSq, R.logRank.chiSq, "log-rank chi-square");
  assertClose(lr.pValue, R.logRank.pValue, "log-rank P");
  for (const [ci, ref] of [
    [bySite, R.cifBySite],
    [outOfField, R.cifOutOfField],
  ] as Array<[CumulativeIncidenceResult, any]>) { // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const c of ref.curves) {
      const curve = ci.curves.find((k) => k.group === c.group && k.cause === c.cause);
      assert.ok(curve !== undefined);
      const at = cumulativeIncidenceAt(curve, ref.times);
      ref.times.forEach((t: number, j: number) => {
        assertClose(at.estimate[j], c.estimate[j], `CIF ${c.group} ${c.cause} at ${t}`);
        assertClose(at.variance[j], c.variance[j], `CIF variance ${c.group} ${c.cause} at ${t}`);
      });
    }
    for (const g of ref.gray) {
      const mine = (ci.grayTest ?? []).find((t) => t.cause === g.cause);
      assert.ok(mine !== undefined);
      assertClose(mine.statistic, g.statistic, `Gray statistic cause ${g.cause}`);
      assertClose(mine.pValue, g.pValue, `Gray P cause ${g.cause}`);
    }
  }
});

test("the claims (used by the ledger and the seed search) agree with the direct computation and pass", () => {
  const claim = (id: ClinicalClaimId): ClinicalClaimResult => claims.filter((c) => c.id === id)[0];
  assert.strictEqual(claim("C4").estimate, followUp("TACE").median);
  assert.strictEqual(claim("C7").estimate, os("TACE+RT").median);
  assert.strictEqual(claim("C10").numbers.outOfFieldGrayP, grayP(outOfField, 2));
  assert.strictEqual(claim("C11").numbers["TACE+RT"], cifAt(bySite, "TACE+RT", 3, 12));
  assert.deepStrictEqual(claims.map((t) => t.id), ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"]);
  assert.deepStrictEqual(claims.filter((t) => !t.pass || !t.evaluated).map((t) => t.id), []);
  assert.ok(seedScore(claims) > 0.2, "every numeric target keeps over 20% of its tolerance");
});

test("the committed seed is the search's pick around it (full search: npx tsx src/synth/clinical-seed-search.ts)", () => {
  assert.ok(CLINICAL_SEED.startsWith(SEED_PREFIX));
  const k = Number(CLINICAL_SEED.slice(SEED_PREFIX.length));
  assert.strictEqual(searchClinicalSeed(k - 10, k + 10).seed, CLINICAL_SEED);
});
