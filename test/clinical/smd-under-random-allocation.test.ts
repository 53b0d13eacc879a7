import { test } from "node:test";
import * as assert from "assert";
import { tableOne, smdUnderRandomAllocation, labelLevelsByData } from "../../src/clinical/index";
import { tableOneWithSmdPlan } from "../../src/clinical/table-one";
import seedrandom from "seedrandom";
import { cohort, withFields, blanked } from "./fixture";

const run = smdUnderRandomAllocation(cohort, { permutations: 300, seed: "test" });
const row = (v: string) => run.rows.filter((r) => r.variable === v)[0];

test("tableOne with tests off gives the same SMDs and no P-values", () => {
  const full = tableOne(cohort);
  const bare = tableOne(cohort, { tests: false });
  full.rows.forEach((r, k) => {
    assert.strictEqual(bare.rows[k].smd, r.smd, r.variable);
    assert.strictEqual(bare.rows[k].pValue, null, r.variable);
  });
  assert.throws(() => tableOne(cohort, { tests: "no" as unknown as boolean }), /tests/);
});

test("SMD under random allocation: seeded, one row per Table 1 row, observed SMDs kept", () => {
  const again = smdUnderRandomAllocation(cohort, { permutations: 300, seed: "test" });
  assert.deepStrictEqual(again, run);
  const t = tableOne(cohort, { tests: false });
  assert.deepStrictEqual(run.rows.map((r) => r.variable), t.rows.filter((r) => r.variable !== "n").map((r) => r.variable));
  run.rows.forEach((r) => assert.strictEqual(r.computed, 300, r.variable));
  const other = smdUnderRandomAllocation(cohort, { permutations: 300, seed: "other" });
  assert.notDeepStrictEqual(other.rows.map((r) => r.medianAbsSmd), run.rows.map((r) => r.medianAbsSmd));
});

test("SMD under random allocation agrees with the large-sample null distribution", () => {
  // Under random allocation with arms n0, n1 (N = n0 + n1) the SMD of a row is about N(0, s^2),
  // s^2 = (1/n0 + 1/n1) N / (N - 1): median |SMD| = 0.6745 s, P(|SMD| >= d) = 2 (1 - Phi(d / s)).
  const n0 = cohort.fields.arm.filter((a) => a === "TACE").length;
  const n1 = cohort.fields.arm.length - n0;
  const N = n0 + n1;
  const s = Math.sqrt(((1 / n0 + 1 / n1) * N) / (N - 1));
  for (const v of ["age", "tumor_cm"]) {
    const r = row(v);
    assert.ok(Math.abs((r.medianAbsSmd as number) - 0.6745 * s) < 0.015, `${v} median |SMD| ${r.medianAbsSmd} vs ${0.6745 * s}`);
    assert.ok(Math.abs((r.shareAtOrAboveThreshold as number) - 0.468) < 0.08, `${v} share >= 0.1: ${r.shareAtOrAboveThreshold}`);
  }
  // A 3-level row's unsigned multi-level SMD is larger under the null than a binary row's |SMD|.
  assert.ok((row("ecog").medianAbsSmd as number) > (row("age").medianAbsSmd as number));
  // The expected number of rows at or above 0.1 is about half the rows.
  assert.ok(run.meanCount > 0.3 * run.rows.length && run.meanCount < 0.7 * run.rows.length, String(run.meanCount));
});

test("SMD under random allocation: a planted imbalance has a small permutation P, a balanced row a large one", () => {
  // The simulated cohort gives RT through a propensity model in which portal vein thrombosis is strong (data/README.md).
  assert.ok((row("portal_vein_thrombosis").permutationP as number) < 0.01);
  const balanced = run.rows.filter((r) => r.smd !== null && Math.abs(r.smd) < (r.medianAbsSmd as number));
  assert.ok(balanced.length > 0);
  for (const r of balanced) assert.ok((r.permutationP as number) > 0.5, r.variable);
});

test("SMD under random allocation: bad options are named", () => {
  assert.throws(() => smdUnderRandomAllocation(cohort, { permutations: 0 }), /permutations/);
  assert.throws(() => smdUnderRandomAllocation(cohort, { permutations: 2.5 }), /permutations/);
  assert.throws(() => smdUnderRandomAllocation(cohort, { threshold: -1 }), /threshold/);
});

test("labelLevelsByData names the values a level holds in the data", () => {
  const groups = [
    { label: "0", values: [0] },
    { label: "1", values: [1] },
    { label: "2–4", values: [2, 3, 4] },
  ];
  const observed = new Set(Array.from(cohort.fields.ecog as ArrayLike<number>).map(String));
  const out = labelLevelsByData(cohort, "ecog", groups);
  assert.deepStrictEqual(out.map((g) => g.values), groups.map((g) => g.values));
  if (observed.has("2") && !observed.has("3") && !observed.has("4")) assert.strictEqual(out[2].label, "2 (none at 3–4)");
  const fake = withFields({ ecog: Array.from(cohort.fields.ecog as ArrayLike<number>).map((v) => (v === 2 ? 4 : v)) as any });
  assert.strictEqual(labelLevelsByData(fake as any, "ecog", groups)[2].label, "4 (none at 2–3)");
  const none = withFields({ ecog: Array.from(cohort.fields.ecog as ArrayLike<number>).map((v) => (v >= 2 ? 1 : v)) as any });
  assert.strictEqual(labelLevelsByData(none as any, "ecog", groups)[2].label, "2–4 (none recorded)");
  assert.strictEqual(labelLevelsByData(cohort, "ecog", groups)[0].label, "0");
  assert.throws(() => labelLevelsByData(cohort, "nope", groups), /nope/);
});

test("tableOneWithSmdPlan: each row's SMD of another allocation is Table 1's SMD of the reallocated cohort, to the bit", () => {
  const levels = { ecog: [{ label: "0", values: [0] }, { label: "1", values: [1] }, { label: "2–4", values: [2, 3, 4] }] };
  for (const base of [cohort, blanked()]) {
    for (const options of [{ tests: false }, { tests: false, levels }]) {
      const { table, patients, smdPlan } = tableOneWithSmdPlan(base as typeof cohort, options);
      assert.deepStrictEqual(table, tableOne(base as typeof cohort, options));
      assert.deepStrictEqual(smdPlan.map((p) => p.variable).sort(), table.rows.filter((r) => r.variable !== "n").map((r) => r.variable).sort());
      const arm = Array.from(base.fields.arm);
      const rng = seedrandom("smd-plan");
      const allocations: string[][] = [];
      for (let b = 0; b < 5; b++) {
        for (let i = arm.length - 1; i > 0; i--) {
          const j = Math.floor(rng.double() * (i + 1));
          [arm[i], arm[j]] = [arm[j], arm[i]];
        }
        allocations.push(arm.slice());
      }
      // One patient alone in the second arm: continuous rows have no SMD, some binary ones one patient.
      const lone = arm.map(() => table.arms[0]);
      lone[patients[patients.length - 1]] = table.arms[1];
      allocations.push(lone);
      // The lone patient with a missing ECOG (blanked rows): no multi-level SMD.
      const missingEcog = patients.filter((i) => Number.isNaN((base.fields.ecog as number[])[i]));
      if (missingEcog.length > 0) {
        const l2 = arm.map(() => table.arms[0]);
        l2[missingEcog[0]] = table.arms[1];
        allocations.push(l2);
      }
      let nulls = 0;
      for (const a of allocations) {
        const t = tableOne(withFields({ arm: a as typeof base.fields.arm }, base) as typeof cohort, options);
        const treated = patients.map((i) => (a[i] === table.arms[1] ? 1 : 0));
        for (const p of smdPlan) {
          const expected = t.rows.filter((r) => r.variable === p.variable)[0].smd;
          assert.strictEqual(p.smd(treated), expected, p.variable);
          if (expected === null) nulls++;
        }
      }
      assert.ok(nulls >= 3, `allocations without an SMD: ${nulls}`);
    }
  }
});
