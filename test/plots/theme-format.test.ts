import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../helpers/reference";
import {
  formatPValue,
  formatEstimate,
  formatNumber,
  niceStep,
  groupColors,
  colorFor,
  GROUP_COLORS,
  PALETTE,
  JOURNAL_WIDTH_PX,
  forJournal,
  survivalCurveFigure,
} from "../../src/plots/index";
import { logBreaks } from "../../src/plots/format";
import { kaplanMeierByGroup } from "../../src/survival/index";

test("P values: two significant digits, floor at 0.001", () => {
  assert.strictEqual(formatPValue(0.6512), "P = 0.65");
  assert.strictEqual(formatPValue(0.0123), "P = 0.012");
  assert.strictEqual(formatPValue(0.0996), "P = 0.10");
  assert.strictEqual(formatPValue(0.0009), "P < 0.001");
  assert.strictEqual(formatPValue(0.999), "P > 0.99");
  assert.strictEqual(formatPValue(0.05, "Log-rank P"), "Log-rank P = 0.050");
  assert.strictEqual(formatPValue(NaN), "P = NA");
  assert.strictEqual(formatEstimate(0.853, 0.61, 1.184), "0.85 (0.61\u20131.18)");
  assert.strictEqual(formatNumber(-0.5, 1), "\u22120.5");
  assert.strictEqual(formatNumber(-0.0001, 2), "0.00");
});

test("axis steps and log breaks are round numbers", () => {
  assert.strictEqual(niceStep(100, 10, [1, 2, 3, 6, 12, 24]), 12);
  assert.strictEqual(niceStep(100, 5, [1, 2, 3, 6, 12, 24]), 24);
  assert.strictEqual(niceStep(1000, 6), 200);
  assert.strictEqual(niceStep(0.9, 10), 0.1);
  assert.deepStrictEqual(logBreaks(40, 900), [50, 100, 200, 500]);
  assert.deepStrictEqual(logBreaks(0.6, 2.5), [0.7, 1, 1.5, 2]);
  assert.deepStrictEqual(logBreaks(1, 1e6), [1, 10, 100, 1000, 10000, 100000, 1000000]);
});

test("colours: study groups fixed, others distinct palette colours, overrides win", () => {
  assert.deepStrictEqual(groupColors(["TACE+RT", "TACE"]), { "TACE+RT": GROUP_COLORS["tace+rt"], TACE: GROUP_COLORS.tace });
  assert.strictEqual(colorFor("HuH-7"), GROUP_COLORS["huh-7"]);
  assert.strictEqual(colorFor("sham"), colorFor("TACE"), "control blue, radiation vermillion throughout");
  assert.strictEqual(colorFor("irradiated"), colorFor("TACE+RT"));
  const c = groupColors(["TACE", "x", "y"]);
  assert.notStrictEqual(c.x, c.TACE);
  assert.notStrictEqual(c.x, c.y);
  assert.ok(PALETTE.includes(c.x) && PALETTE.includes(c.y));
  assert.strictEqual(groupColors(["TACE"], { TACE: "#111111" }).TACE, "#111111");
  // Every named colour is a valid hex colour.
  for (const v of Object.values(GROUP_COLORS)) assert.match(v, /^#[0-9A-F]{6}$/i);
});

test("forJournal sizes a copy to a journal column without touching the original", () => {
  const fit = kaplanMeierByGroup([1, 2, 3, 4, 5, 6], [1, 0, 1, 1, 0, 1], ["TACE", "TACE", "TACE", "TACE+RT", "TACE+RT", "TACE+RT"]);
  const fig = survivalCurveFigure(fit);
  const single = forJournal(fig, "single", 300);
  assert.strictEqual(JOURNAL_WIDTH_PX.single, 321);
  assert.strictEqual(JOURNAL_WIDTH_PX.double, 658);
  assert.strictEqual((single.layout as Record<string, unknown>).width, 321);
  assert.strictEqual((single.layout as Record<string, unknown>).height, 300);
  assert.strictEqual((fig.layout as Record<string, unknown>).width, undefined);
  const legend = (single.layout as Record<string, Record<string, unknown>>).legend;
  assert.strictEqual(legend.orientation, "h", "single column: legend under the plot");
  const double = forJournal(fig, "double", 400);
  assert.notStrictEqual((double.layout as Record<string, Record<string, unknown> | undefined>).legend?.orientation, "h", "double column keeps its legend");
});

test("src/plots uses no randomness or clock", () => {
  const dir = path.join(repoRoot, "src", "plots");
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    assert.ok(!/Math\.random|new Date|Date\.now|performance\.now/.test(text), f);
  }
});
