import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";
import * as assert from "assert";
import { assertClose, repoRoot } from "../helpers/reference";
import { tableOne, tableOneDisplay, describeNumbers, quantileSorted } from "../../src/clinical/index";
import { categoricalStandardizedDifference } from "../../src/stats/index";
import { cohort, R, blanked, originalLayout, withFields, subset } from "./fixture";

// test/fixtures/r/clinical-analyses.R: t.test, chisq.test, fisher.test, wilcox.test and
// quantile() on the cohort, and on a copy with covariates blanked at fixed rows.
for (const [name, data, expected] of [
  ["complete cohort", cohort, R.complete.table1],
  ["cohort with missing covariates", blanked(), R.with_missing.table1],
] as const) {
  test(`Table 1 matches R: ${name}`, () => {
    const t = tableOne(data);
    assert.deepStrictEqual(t.arms, ["TACE", "TACE+RT"]);
    const row = (v: string) => t.rows.filter((r) => r.variable === v)[0];
    for (const v of ["age", "tumor_cm", "afp_ng_ml", "tumor_number"]) {
      const r = row(v);
      const e = expected[v];
      t.arms.forEach((arm, a) => {
        const s = r.arms[a].numbers!;
        const x = e.summary[arm];
        assert.strictEqual(s.n, x.n, `${v} ${arm} n`);
        assert.strictEqual(r.arms[a].missing, x.missing, `${v} ${arm} missing`);
        for (const k of ["mean", "sd", "median", "q1", "q3"] as const) assertClose(s[k], x[k], `${v} ${arm} ${k}`);
      });
      assertClose(r.pValue, e.p, `${v} p`);
      if (v === "age") {
        assert.strictEqual(r.test, "Welch t-test");
        assertClose(r.statistic, e.t, "t");
      } else {
        assert.strictEqual(r.test, "Wilcoxon rank-sum");
        assertClose(r.statistic, e.W, `${v} W`);
      }
    }
    // ECOG as one row of 1-4 against 0 (levels: { ecog: null }); by level in the next test.
    const binaryEcog = tableOne(data, { levels: { ecog: null } });
    for (const v of ["sex", "hbv", "child_pugh", "ecog", "portal_vein_thrombosis", "residual_viable_tumor"]) {
      const r = v === "ecog" ? binaryEcog.rows.filter((x) => x.variable === v)[0] : row(v);
      const e = expected[v];
      t.arms.forEach((arm, a) => {
        assert.strictEqual(r.arms[a].count, e.counts[arm].count, `${v} ${arm} count`);
        assert.strictEqual(r.arms[a].n, e.counts[arm].n, `${v} ${arm} n`);
        assert.strictEqual(r.arms[a].missing, e.counts[arm].missing, `${v} ${arm} missing`);
        assertClose(r.arms[a].percent, (100 * e.counts[arm].count) / e.counts[arm].n, `${v} ${arm} %`);
      });
      if (e.min_expected < 5) {
        assert.strictEqual(r.test, "Fisher exact");
        assertClose(r.pValue, e.fisher_p, `${v} Fisher p`);
      } else {
        assert.strictEqual(r.test, "Pearson chi-square (Yates)");
        assertClose(r.statistic, e.chisq_statistic, `${v} chi-square`);
        assertClose(r.pValue, e.chisq_p, `${v} chi-square p`);
      }
    }
  });
}

for (const [name, data, expected] of [
  ["complete cohort", cohort, R.complete.table1.ecog_levels],
  ["cohort with missing covariates", blanked(), R.with_missing.table1.ecog_levels],
] as const) {
  test(`Table 1 by level matches R (chisq.test, Yang & Dalton SMD, per-level SMD): ECOG 0 / 1 / 2–4, ${name}`, () => {
    const t = tableOne(data);
    const r = t.rows.filter((x) => x.variable === "ecog")[0];
    assert.deepStrictEqual(r.levels!.map((l) => l.level), ["0", "1", "2\u20134"]);
    assert.deepStrictEqual(r.levels!.map((l) => l.values), [["0"], ["1"], ["2", "3", "4"]]);
    assert.strictEqual(r.level, null);
    assert.strictEqual(r.name, "ECOG performance status");
    t.arms.forEach((arm, a) => {
      assert.deepStrictEqual(r.levels!.map((l) => l.arms[a].count), expected.counts[arm].by_level, `${arm} counts`);
      assert.strictEqual(r.arms[a].n, expected.counts[arm].n);
      assert.strictEqual(r.arms[a].missing, expected.counts[arm].missing);
      r.levels!.forEach((l, k) => assertClose(l.arms[a].percent, (100 * expected.counts[arm].by_level[k]) / expected.counts[arm].n, `${arm} % ${k}`));
    });
    assert.strictEqual(r.test, "Pearson chi-square");
    assertClose(r.statistic, expected.chisq_statistic, "chi-square", 1e-10);
    assertClose(r.pValue, expected.chisq_p, "chi-square p", 1e-10);
    assert.strictEqual(r.smdMethod, "multi-level");
    assertClose(r.smd, expected.smd, "multi-level SMD", 1e-10);
    r.levels!.forEach((l, k) => assertClose(l.smd, expected.level_smd[k], `level ${l.level} SMD`, 1e-10));
    // The missing row: present only when values are missing, percent of all patients.
    const missing = expected.counts["TACE"].missing + expected.counts["TACE+RT"].missing;
    if (missing === 0) assert.strictEqual(r.missingLevel, null);
    else {
      assert.deepStrictEqual(r.missingLevel!.arms.map((c) => c.count), t.arms.map((arm) => expected.counts[arm].missing));
      assertClose(r.missingLevel!.arms[0].percent, (100 * expected.counts["TACE"].missing) / t.n[0], "missing %");
      const d = tableOneDisplay(t);
      const at = d.values.findIndex((v) => v[0] === "ECOG performance status, n (%)");
      assert.deepStrictEqual(d.values.slice(at + 1, at + 5).map((v) => String(v[0]).trim()), ["0", "1", "2\u20134", "Missing"]);
    }
  });
}

test("Table 1 by level: two levels = the binary row; levels from the options; degenerate and bad levels", () => {
  const two = tableOne(cohort, { levels: { ecog: [{ label: "0", values: [0] }, { label: "1–4", values: [1, 2, 3, 4] }] } });
  const old = tableOne(cohort, { levels: { ecog: null } });
  const e2 = two.rows.filter((r) => r.variable === "ecog")[0];
  const e1 = old.rows.filter((r) => r.variable === "ecog")[0];
  assert.strictEqual(e2.levels, null);
  assert.deepStrictEqual(e2.arms.map((c) => c.count), e1.arms.map((c) => c.count));
  assertClose(e2.smd, e1.smd, "binary SMD", 1e-15);
  assertClose(e2.pValue, e1.pValue, "binary P", 1e-15);
  assert.strictEqual(e2.name, "ECOG performance status 1–4");
  // The multi-level SMD with two levels is |binary SMD|.
  const f = cohort.fields;
  const d2 = categoricalStandardizedDifference((f.ecog as number[]).map((e) => (e >= 1 ? "1-4" : "0")), f.arm.map((a) => (a === "TACE+RT" ? 1 : 0)));
  assertClose(d2.smd, Math.abs(e1.smd as number), "two levels: multi-level = |binary|", 1e-12);
  // Every level its own, 3 and 4 declared but empty: left out of the SMD and the test, said in the note.
  const each = tableOne(cohort, { levels: { ecog: [0, 1, 2, 3, 4].map((v) => ({ label: String(v), values: [v] })) } });
  const e5 = each.rows.filter((r) => r.variable === "ecog")[0];
  assert.strictEqual(e5.levels!.length, 5);
  assert.deepStrictEqual(e5.levels!.slice(3).map((l) => l.overall.count), [0, 0]);
  assertClose(e5.smd, tableOne(cohort).rows.filter((r) => r.variable === "ecog")[0].smd, "empty levels change nothing", 1e-12);
  assert.match(e5.note!, /levels 3, 4 empty in both arms/);
  // Child-Pugh by level (two levels given: the usual row, counting the second).
  const cp = tableOne(cohort, { levels: { child_pugh: [{ label: "A", values: ["A"] }, { label: "B", values: ["B"] }] } }).rows.filter((r) => r.variable === "child_pugh")[0];
  assertClose(cp.smd, tableOne(cohort).rows.filter((r) => r.variable === "child_pugh")[0].smd, "Child-Pugh B", 1e-15);
  // Bad levels: named.
  assert.throws(() => tableOne(cohort, { levels: { ecog: [{ label: "0", values: [0] }, { label: "1", values: [1] }, { label: "3–4", values: [3, 4] }] } }), /ecog\[\d+\].*none of the levels/);
  assert.throws(() => tableOne(cohort, { levels: { ecog: [{ label: "0", values: [0, 1] }, { label: "1+", values: [1, 2, 3, 4] }] } }), /levels\.ecog.*in level 0 and level 1\+/);
  assert.throws(() => tableOne(cohort, { levels: { age: [{ label: "x", values: [1] }, { label: "y", values: [2] }] } }), /not a categorical row/);
  assert.throws(() => tableOne(cohort, { levels: { ecog: [{ label: "0", values: [0] }] } }), /at least two levels/);
  // Every TACE+RT patient at ECOG 0, every TACE patient at 1 or 2: the levels separate the arms, no SMD, said why.
  const sep = tableOne(withFields({ ecog: f.arm.map((a, i) => (a === "TACE+RT" ? 0 : 1 + (i % 2))) })).rows.filter((r) => r.variable === "ecog")[0];
  assert.strictEqual(sep.smd, null);
  assert.match(sep.note!, /separate the arms/);
});

test("Table 1: Fisher's exact test replaces chi-square below the expected-count threshold", () => {
  const t = tableOne(cohort, { fisherBelow: 1e9 });
  const sex = t.rows.filter((r) => r.variable === "sex")[0];
  assert.strictEqual(sex.test, "Fisher exact");
  assertClose(sex.pValue, R.complete.table1.sex.fisher_p, "Fisher p");
  assert.ok(sex.note && /expected count/.test(sex.note));
});

test("Table 1: structure, display and untestable rows", () => {
  const t = tableOne(cohort);
  assert.deepStrictEqual(t.rows.map((r) => r.variable), [
    "n",
    "age",
    "sex",
    "hbv",
    "child_pugh",
    "ecog",
    "tumor_cm",
    "tumor_number",
    "portal_vein_thrombosis",
    "afp_ng_ml",
    "residual_viable_tumor",
  ]);
  assert.deepStrictEqual(t.n, [276, 64]);
  assert.strictEqual(t.rows[0].overall.text, "340");
  const d = tableOneDisplay(t);
  assert.deepStrictEqual(d.columns, ["Characteristic", "TACE (n = 276)", "TACE+RT (n = 64)", "All (n = 340)", "SMD", "P", "Test", "Missing (TACE / TACE+RT)"]);
  const m = tableOneDisplay(t, { measured: true });
  assert.strictEqual(m.columns[1], "Measured");
  const measuredOf = (variable: string) => m.values.filter((v) => v[0] === t.rows.filter((r) => r.variable === variable)[0].label)[0][1];
  assert.deepStrictEqual([measuredOf("n"), measuredOf("age"), measuredOf("residual_viable_tumor")], ["", "at enrollment", "after the first TACE, before RT"]);
  // 11 rows, ECOG's followed by its three levels
  assert.strictEqual(d.values.length, 14);
  const ecog = t.rows.filter((r) => r.variable === "ecog")[0];
  assert.strictEqual(ecog.levels![2].arms[0].count, (cohort.fields.ecog as number[]).filter((e, i) => e >= 2 && cohort.fields.arm[i] === "TACE").length);
  const at = t.rows.indexOf(ecog);
  assert.deepStrictEqual(d.values.slice(at + 1, at + 4).map((v) => v[0]), ["\u00a0\u00a0\u00a0\u00a00", "\u00a0\u00a0\u00a0\u00a01", "\u00a0\u00a0\u00a0\u00a02\u20134"]);
  assert.strictEqual(d.values[at + 3][4], `(${(ecog.levels![2].smd as number).toFixed(2).replace("-", "\u2212")})`);
  assert.strictEqual(d.values[at][4], (ecog.smd as number).toFixed(2));
  // a cohort in the original layout: the original rows only
  assert.deepStrictEqual(tableOne(originalLayout()).rows.map((r) => r.variable), ["n", "age", "sex", "hbv", "child_pugh", "tumor_cm", "afp_ng_ml"]);
  assert.doesNotMatch(tableOne(originalLayout()).footnote, /number of tumors/);
  assert.doesNotThrow(() => JSON.stringify(t));
  // Every patient male: sex cannot be tested, the row says why.
  const allMale = tableOne(withFields({ sex: cohort.fields.sex.map(() => "M") }));
  const sex = allMale.rows.filter((r) => r.variable === "sex")[0];
  assert.strictEqual(sex.pValue, null);
  assert.ok(sex.note && /one category/.test(sex.note));
  assert.strictEqual(tableOneDisplay(allMale).values[2][6], sex.note);
  // Age missing in every TACE+RT patient: no test, count of missing reported.
  const noAge = tableOne(withFields({ age: cohort.fields.age.map((a, i) => (cohort.fields.arm[i] === "TACE+RT" ? NaN : a)) }));
  const age = noAge.rows.filter((r) => r.variable === "age")[0];
  assert.strictEqual(age.pValue, null);
  assert.strictEqual(age.arms[1].missing, 64);
  assert.strictEqual(age.arms[1].text, "NA");
});

test("Table 1 needs two arms", () => {
  assert.throws(() => tableOne(subset((i) => cohort.fields.arm[i] === "TACE")), /at least two arms/);
});

test("describeNumbers: R's quantile type 7, sd with n - 1, missing counted", () => {
  const d = describeNumbers([1, 2, 3, 4, NaN, null]);
  assert.deepStrictEqual([d.n, d.missing, d.median, d.q1, d.q3, d.min, d.max], [4, 2, 2.5, 1.75, 3.25, 1, 4]);
  assertClose(d.sd, Math.sqrt(5 / 3), "sd", 1e-14);
  assert.strictEqual(describeNumbers([NaN]).mean, null);
  assert.strictEqual(describeNumbers([5]).sd, null);
  assert.strictEqual(quantileSorted([10], 0.25), 10);
});

test("tableOneBalance: tested rows, rows below alpha, smallest P, missing values", async () => {
  const { tableOneBalance } = await import("../../src/clinical/index");
  const t = tableOne(cohort);
  const b = tableOneBalance(t);
  assert.strictEqual(b.tested.length, 10);
  const pOf = (v: string) => t.rows.filter((r) => r.variable === v)[0].pValue as number;
  assert.deepStrictEqual(b.differing.map((r) => r.variable), t.rows.filter((r) => r.pValue !== null && r.pValue < 0.05).map((r) => r.variable));
  assert.ok(b.differing.some((r) => r.variable === "portal_vein_thrombosis"), "the main indication for RT differs between the arms");
  assert.strictEqual(b.smallest!.pValue, Math.min(...b.tested.map((r) => r.pValue as number)));
  assert.ok(pOf("portal_vein_thrombosis") < 0.05);
  assert.strictEqual(b.missing, 0);
  const rules = [[29, 3], [37, 5], [41, 7], [43, 11], [31, 13], [47, 17], [53, 19], [59, 23], [61, 29], [67, 31]];
  const blanks = rules.reduce((s, [k, r]) => s + cohort.fields.age.filter((_, i) => i % k === r).length, 0);
  assert.strictEqual(tableOneBalance(tableOne(blanked())).missing, blanks);
  assert.strictEqual(tableOneBalance(t, 1.01).differing.length, 10);
  // Holm over the ten tests (R: p.adjust(p, "holm")), and the rows expected below alpha by chance.
  const ps = b.tested.map((r) => r.pValue as number);
  const order = ps.map((p, k) => k).sort((i, j) => ps[i] - ps[j]);
  let running = 0;
  const holm = new Array<number>(ps.length);
  order.forEach((k, rank) => {
    running = Math.max(running, Math.min(1, (ps.length - rank) * ps[k]));
    holm[k] = running;
  });
  assert.deepStrictEqual(b.holm, holm);
  assert.ok(b.differingHolm.every((r) => b.differing.includes(r)));
  assert.strictEqual(b.expectedByChance, 10 * 0.05);
  assert.deepStrictEqual(b.imbalanced.map((r) => r.variable), t.rows.filter((r) => r.smd !== null && Math.abs(r.smd) >= 0.1).map((r) => r.variable));
});

test("Table 1 standardized differences: as clinical-bias.R for 0/1 rows; pooled SD with n - 1 for continuous rows; NA when an arm has no value", () => {
  const t = tableOne(cohort);
  const R = JSON.parse(fs.readFileSync(path.join(repoRoot, "test/fixtures/r/clinical-bias.json"), "utf8")).propensity.standardizedDifference;
  const smd = (v: string) => t.rows.filter((r) => r.variable === v)[0].smd as number;
  // 0/1 rows: R's fixture uses variances with divisor n, which for a proportion is p (1 - p).
  assertClose(smd("portal_vein_thrombosis"), R.pvt, "PVT");
  assertClose(smd("residual_viable_tumor"), R.residual, "residual");
  assertClose(smd("child_pugh"), R.cp_b, "Child-Pugh B");
  assertClose(smd("hbv"), R.hbv, "HBsAg");
  assert.strictEqual(t.rows.filter((r) => r.variable === "hbv")[0].smdMethod, "pooled SD");
  assertClose(smd("sex"), R.male, "male");
  // Age by hand: (mean RT - mean TACE) / sqrt((var RT + var TACE) / 2), var with n - 1.
  const f = cohort.fields;
  const ages = (a: string) => f.age.filter((_, i) => f.arm[i] === a);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const variance = (v: number[]) => v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / (v.length - 1);
  assertClose(smd("age"), (mean(ages("TACE+RT")) - mean(ages("TACE"))) / Math.sqrt((variance(ages("TACE+RT")) + variance(ages("TACE"))) / 2), "age");
  assert.strictEqual(t.rows[0].smd, null, "no SMD for the patient count");
  const noAge = tableOne(withFields({ age: f.age.map((a, i) => (f.arm[i] === "TACE+RT" ? NaN : a)) }));
  assert.strictEqual(noAge.rows.filter((r) => r.variable === "age")[0].smd, null);
  assert.match(t.footnote, /SMD: standardized mean difference, TACE\+RT minus TACE/);
});

test("besidePublished: published value from the claims", async () => {
  const { besidePublished } = await import("../../src/clinical/index");
  assert.deepStrictEqual(besidePublished("C1", "276 patients"), { claim: "C1", statement: "TACE arm size", published: "276 patients", "this cohort": "276 patients" });
  assert.throws(() => besidePublished("C99", "x"), /unknown claim/);
});
