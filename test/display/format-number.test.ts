import { test } from "node:test";
import * as assert from "assert";
import { formatEstimate, formatNumber, formatP, formatPExact, formatPValue, withPLabel } from "../../src/display/format-number";
import { fmt, formatCI, formatP as clinicalP, formatPExact as clinicalPExact, formatPSentence } from "../../src/clinical/index";
import { estimateText, num, pNumber, pText } from "../../src/laboratory/index";
import { formatEstimate as plotEstimate, formatNumber as plotNumber, formatPValue as plotPValue } from "../../src/plots/index";

test("formatNumber: decimals, true minus, no negative zero, infinite and missing values", () => {
  assert.strictEqual(formatNumber(2.345, 1), "2.3");
  assert.strictEqual(formatNumber(-1.25, 1), "\u22121.3");
  assert.strictEqual(formatNumber(-0.001, 2), "0.00");
  assert.strictEqual(formatNumber(Infinity), "\u221e");
  assert.strictEqual(formatNumber(-Infinity), "\u2212\u221e");
  for (const x of [null, undefined, NaN]) assert.strictEqual(formatNumber(x), "NA");
});

test("formatEstimate: en dash, ' to ' beside a negative limit, missing limits", () => {
  assert.strictEqual(formatEstimate(0.853, 0.61, 1.184), "0.85 (0.61\u20131.18)");
  assert.strictEqual(formatEstimate(-1.2, -6.4, 4, 1), "\u22121.2 (\u22126.4 to 4.0)");
  assert.strictEqual(formatEstimate(0.2, 0.1, -0.05), "0.20 (0.10 to \u22120.05)");
  assert.strictEqual(formatEstimate(24.1, 18.3, null, 1), "24.1 (18.3\u2013NA)", "one limit missing (e.g. not reached)");
  assert.strictEqual(formatEstimate(30, 20, Infinity, 0), "30 (20\u2013\u221e)");
  assert.strictEqual(formatEstimate(2, null, null), "2.00", "no interval at all");
  assert.strictEqual(formatEstimate(2, NaN, NaN), "2.00");
});

test("formatP (journal) and formatPExact: two significant digits, bounds, tiny and missing values", () => {
  const cases: [number, string, string][] = [
    [0.6512, "0.65", "0.65"],
    [0.0123, "0.012", "0.012"],
    [0.0996, "0.10", "0.10"],
    [0.1, "0.10", "0.10"],
    [0.001, "0.001", "0.001"],
    [0.00095, "<0.001", "9.5e-4"],
    [2.66e-15, "<0.001", "2.7e-15"],
    [0, "<0.001", "<1e-300"],
    [0.995, ">0.99", ">0.99"],
    [1, ">0.99", ">0.99"],
  ];
  for (const [p, journal, exact] of cases) {
    assert.strictEqual(formatP(p), journal, `formatP(${p})`);
    assert.strictEqual(formatPExact(p), exact, `formatPExact(${p})`);
  }
  for (const p of [null, undefined, NaN, Infinity]) {
    assert.strictEqual(formatP(p), "NA");
    assert.strictEqual(formatPExact(p), "NA");
  }
});

test("P values in sentences", () => {
  assert.strictEqual(formatPValue(0.712), "P = 0.71");
  assert.strictEqual(formatPValue(1e-9), "P < 0.001");
  assert.strictEqual(formatPValue(0.999), "P > 0.99");
  assert.strictEqual(formatPValue(0.05, "Log-rank P"), "Log-rank P = 0.050");
  assert.strictEqual(formatPValue(null), "P = NA");
  assert.strictEqual(withPLabel(formatPExact(3.4e-6)), "P = 3.4e-6");
  assert.strictEqual(withPLabel(formatPExact(0), "Gray P"), "Gray P < 1e-300");
});

test("the clinical, laboratory and plots names are this one implementation", () => {
  for (const x of [-1.25, 0, 0.004, 3.14159, Infinity, null, NaN]) {
    assert.strictEqual(fmt(x, 2), formatNumber(x, 2));
    assert.strictEqual(num(x, 2), formatNumber(x, 2));
    assert.strictEqual(plotNumber(x, 2), formatNumber(x, 2));
  }
  assert.strictEqual(fmt(1.25), "1.3", "clinical default: 1 decimal");
  assert.strictEqual(num(1.255), "1.25", "laboratory default: 2 decimals");
  for (const [e, l, u] of [[0.85, 0.61, 1.18], [-1.2, -6.4, 4], [2, null, null], [24.1, 18.3, null]] as [number, number | null, number | null][]) {
    assert.strictEqual(formatCI(e, l, u), formatEstimate(e, l, u));
    assert.strictEqual(estimateText(e, l, u), formatEstimate(e, l, u));
    assert.strictEqual(plotEstimate(e, l, u), formatEstimate(e, l, u));
  }
  for (const p of [0.6512, 0.0996, 0.00095, 0, 0.999, null]) {
    assert.strictEqual(clinicalP(p), formatP(p));
    assert.strictEqual(clinicalPExact(p), formatPExact(p));
    assert.strictEqual(formatPSentence(p), formatPValue(p));
    assert.strictEqual(plotPValue(p as number), formatPValue(p));
  }
  // the laboratory's wording for a test that could not be run
  assert.strictEqual(pNumber(null), "not computed");
  assert.strictEqual(pText(null), "P not computed");
  assert.strictEqual(pText(0.00095), withPLabel(formatPExact(0.00095)));
  assert.strictEqual(pNumber(0.0996), formatPExact(0.0996));
});
