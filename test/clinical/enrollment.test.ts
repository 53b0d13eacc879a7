import { test } from "node:test";
import * as assert from "assert";
import { enrollmentByYear, formatP, formatPSentence, formatCI, fmt, formatPExact } from "../../src/clinical/index";
import { cohort, withFields } from "./fixture";

test("enrollment by year: counts add up, window, gaps filled", () => {
  const e = enrollmentByYear(cohort);
  const dates = cohort.fields.enrolled.slice().sort();
  assert.strictEqual(e.first, dates[0]);
  assert.strictEqual(e.last, dates[dates.length - 1]);
  assert.strictEqual(e.years[0], dates[0].slice(0, 4));
  assert.deepStrictEqual(e.counts.map((c) => c.reduce((s, v) => s + v, 0)), [276, 64]);
  assert.strictEqual(e.totals.reduce((s, v) => s + v, 0), 340);
  const gap = enrollmentByYear(
    withFields({ enrolled: ["2001-03-01", "2004-12-31", "2001-05-05"], arm: ["TACE", "TACE+RT", "TACE+RT"] as never }),
  );
  assert.deepStrictEqual(gap.years, ["2001", "2002", "2003", "2004"]);
  assert.deepStrictEqual(gap.counts, [[1, 0, 0, 0], [1, 0, 0, 1]]);
  assert.deepStrictEqual([gap.firstByArm, gap.lastByArm], [["2001-03-01", "2001-05-05"], ["2001-03-01", "2004-12-31"]]);
  assert.strictEqual(gap.spanMonths, 45);
});

test("formatting of numbers and P values", () => {
  assert.deepStrictEqual([formatP(0.6512), formatP(0.0996), formatP(0.0004), formatP(0.999), formatP(null)], ["0.65", "0.10", "<0.001", ">0.99", "NA"]);
  assert.deepStrictEqual([formatPSentence(0.712), formatPSentence(1e-9)], ["P = 0.71", "P < 0.001"]);
  assert.strictEqual(formatPExact(2.66e-15), "2.7e-15");
  assert.strictEqual(formatCI(0.853, 0.61, 1.18), "0.85 (0.61\u20131.18)");
  assert.deepStrictEqual([fmt(-0.04, 1), fmt(-1.25, 1), fmt(Infinity), fmt(null)], ["0.0", "\u22121.3", "\u221e", "NA"]);
});

test("cohort dictionary: one row per schema column, missing and observed values", async () => {
  const { cohortDictionary } = await import("../../src/clinical/index");
  const { cohort } = await import("./fixture");
  const d = cohortDictionary(cohort);
  assert.deepStrictEqual(d.map((r) => r.column).slice(0, 3), ["patient_id", "arm", "enrolled"]);
  assert.strictEqual(d.length, 22);
  const arm = d.filter((r) => r.column === "arm")[0];
  assert.strictEqual(arm.observed, "TACE 276, TACE+RT 64");
  assert.strictEqual(arm.allowed, "TACE | TACE+RT");
  // the optional columns are empty where nothing happened (no RT, no progression at a site), never for the covariates
  const missing = (c: string) => d.filter((r) => r.column === c)[0].missing;
  assert.strictEqual(missing("rt_start_months"), 276);
  assert.ok(d.filter((r) => !/_months$/.test(r.column) || /^(os|failure)_months$/.test(r.column)).every((r) => r.missing === 0));
  // a cohort in the original layout: the optional columns are listed as not in the file
  const { originalLayout } = await import("./fixture");
  const oldColumns: Record<string, Array<string | number>> = {};
  for (const k of Object.keys(originalLayout().fields)) oldColumns[k] = cohort.columns[k];
  const old = cohortDictionary({ ...cohort, columns: oldColumns });
  assert.deepStrictEqual(old.filter((r) => r.observed === "not in this file (optional)").map((r) => r.column), d.slice(14).map((r) => r.column));
  const blankAge = { ...cohort, columns: { ...cohort.columns, age: cohort.fields.age.map((a, i) => (i < 5 ? NaN : a)) } };
  assert.strictEqual(cohortDictionary(blankAge).filter((r) => r.column === "age")[0].missing, 5);
  assert.match(d.filter((r) => r.column === "os_months")[0].allowed, /^number ≥ 0 months$/);
});
