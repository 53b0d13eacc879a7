import { test } from "node:test";
import * as assert from "assert";
import {
  crossTabulate,
  stackedBarFigure,
  meanAndErrorByGroup,
  groupedBarFigure,
  lineWithErrorFigure,
  individualCurves,
  GROUP_COLORS,
  PALETTE,
} from "../../src/plots/index";
import type { PlotlyFigure } from "../../src/plots/index";
import { InputError } from "../../src/core/index";

type Trace = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const layoutOf = (fig: PlotlyFigure) => fig.layout as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const isInputError = (argument: string, index?: number) => (e: unknown) =>
  e instanceof InputError && e.argument === argument && (index === undefined || e.index === index);

const arm = ["TACE", "TACE", "TACE", "TACE+RT", "TACE", "TACE+RT", "TACE+RT", "TACE", null];
const site = ["local", "none", "local", "extrahepatic", "intrahepatic", "intrahepatic", "extrahepatic", "local", "local"];

test("crossTabulate counts every pair, in the given level order, dropping missing rows only when asked", () => {
  assert.throws(() => crossTabulate(arm, site), isInputError("rows", 8));
  const t = crossTabulate(arm, site, { columnLevels: ["local", "intrahepatic", "extrahepatic", "none"], missing: "drop" });
  assert.deepStrictEqual(t.categories, ["TACE", "TACE+RT"]);
  assert.deepStrictEqual(t.series.map((s) => s.name), ["local", "intrahepatic", "extrahepatic", "none"]);
  assert.deepStrictEqual(t.series.map((s) => s.values), [[3, 0], [1, 1], [0, 2], [1, 0]]);
  assert.deepStrictEqual(t.totals, [5, 3]);
  assert.strictEqual(t.dropped, 1);
  assert.throws(() => crossTabulate(["a"], ["x"], { columnLevels: ["y"] }), isInputError("columns", 0));
});

test("stacked bars: counts on the segments, percentages in the hover and in percent mode, site colours fixed", () => {
  const t = crossTabulate(arm, site, { columnLevels: ["local", "intrahepatic", "extrahepatic", "none"], missing: "drop" });
  const fig = stackedBarFigure(t.categories, t.series);
  assert.strictEqual(layoutOf(fig).barmode, "stack");
  const local = fig.data[0] as Trace;
  assert.deepStrictEqual(local.x, ["TACE", "TACE+RT"]);
  assert.deepStrictEqual(local.y, [3, 0]);
  assert.deepStrictEqual(local.text, ["3", ""], "zero segments unlabelled");
  assert.match(local.hovertext[0], /3 of 5 \(60\.0%\)/);
  assert.strictEqual(local.marker.color, GROUP_COLORS.local);
  assert.strictEqual((fig.data[3] as Trace).marker.color, GROUP_COLORS.none);
  assert.deepStrictEqual(layoutOf(fig).annotations.map((a: { text: string }) => a.text), ["n = 5", "n = 3"]);
  const pct = stackedBarFigure(t.categories, t.series, { percent: true });
  const sums = [0, 1].map((j) => pct.data.reduce((s, d) => s + (d.y as number[])[j], 0));
  sums.forEach((s) => assert.ok(Math.abs(s - 100) < 1e-9));
  assert.deepStrictEqual((pct.data[0] as Trace).text, ["3", ""], "percent bars still show counts");
  assert.strictEqual(layoutOf(pct).yaxis.title.text, "Patients (%)");
  const h = stackedBarFigure(t.categories, t.series, { orientation: "h" });
  assert.deepStrictEqual((h.data[0] as Trace).y, ["TACE", "TACE+RT"]);
  assert.deepStrictEqual((h.data[0] as Trace).x, [3, 0]);
  assert.throws(() => stackedBarFigure(["a", "b"], [{ name: "x", values: [1] }]), isInputError("series[0].values"));
  assert.throws(() => stackedBarFigure(["a"], [{ name: "x", values: [-1] }]), isInputError("series[0].values", 0));
});

test("meanAndErrorByGroup: mean, SD, SEM and t interval per group and level, as R", () => {
  const x = [0, 0, 0, 0, 2, 2, 0, 0];
  const y = [1.2, 2.5, 4.1, 3.3, 10, 12, 5, NaN];
  const g = ["a", "a", "a", "a", "a", "a", "b", "b"];
  assert.throws(() => meanAndErrorByGroup(x, y, g), isInputError("y", 7));
  const sd = meanAndErrorByGroup(x, y, g, { missing: "drop" });
  assert.deepStrictEqual(sd.levels, [0, 2]);
  assert.strictEqual(sd.dropped, 1);
  const a = sd.series[0];
  assert.ok(Math.abs((a.values[0] as number) - 2.775) < 1e-12);
  assert.ok(Math.abs((a.error[0] as number) - 1.23659478676997) < 1e-12, "sd(c(1.2, 2.5, 4.1, 3.3))");
  assert.deepStrictEqual(a.n, [4, 2]);
  // Group b has one value at 0 and none at 2: a mean without error bar, then a gap.
  assert.deepStrictEqual(sd.series[1].values, [5, null]);
  assert.deepStrictEqual(sd.series[1].error, [null, null]);
  const sem = meanAndErrorByGroup(x, y, g, { missing: "drop", error: "sem" });
  assert.ok(Math.abs((sem.series[0].error[0] as number) - 1.23659478676997 / 2) < 1e-12);
  const ci = meanAndErrorByGroup(x, y, g, { missing: "drop", error: "ci" });
  assert.ok(Math.abs((ci.series[0].lower[0] as number) - 0.807301744855408) < 1e-9, "t.test(x)$conf.int");
  assert.ok(Math.abs((ci.series[0].upper[0] as number) - 4.742698255144592) < 1e-9);
  const ci90 = meanAndErrorByGroup([1, 1], [10, 12], null, { error: "ci", confLevel: 0.9 });
  assert.ok(Math.abs((ci90.series[0].lower[0] as number) - 4.68624848532496) < 1e-9);
  assert.strictEqual(ci90.series[0].name, "all");
  assert.strictEqual(ci.errorLabel, "mean with 95% CI");
  // Labels as x keep first-appearance order, numbers written as text sort numerically.
  assert.deepStrictEqual(meanAndErrorByGroup(["b", "a", "b"], [1, 2, 3]).levels, ["b", "a"]);
  assert.deepStrictEqual(meanAndErrorByGroup(["10", "2", "0"], [1, 2, 3]).levels, ["0", "2", "10"]);
  assert.throws(() => meanAndErrorByGroup([1, 2], [1], null), isInputError("y"));
  assert.throws(() => meanAndErrorByGroup([1], [1], null, { error: "se" as "sd" }), isInputError("error"));
});

const dose = [0, 2, 4, 6, 8];
const lines = [
  { name: "HepG2", values: [1, 1.4, 1.9, 2.2, 2.6], error: [0.1, 0.2, 0.2, 0.3, null] },
  { name: "Hep3B", values: [1, 1.6, 2.4, null, 3.5], lower: [0.9, 1.4, 2.0, null, 3.0], upper: [1.1, 1.9, 2.8, null, 4.1] },
];

test("grouped bars: error bars from ± error or asymmetric limits, points over their bars, reference line", () => {
  const points = [dose.map(() => [1, 2]), dose.map((d) => (d === 6 ? null : [3]))];
  const fig = groupedBarFigure(dose, lines, { xTitle: "Dose (Gy)", yTitle: "Fold change", reference: 1, points });
  const [g2, g2pts, h3] = fig.data as Trace[];
  assert.strictEqual(g2.type, "bar");
  assert.deepStrictEqual(g2.x, ["0", "2", "4", "6", "8"]);
  assert.deepStrictEqual(g2.error_y.array, [0.1, 0.2, 0.2, 0.3, null]);
  assert.strictEqual(g2.error_y.symmetric, true);
  assert.strictEqual(h3.error_y.symmetric, false);
  const up = h3.error_y.array as (number | null)[];
  const down = h3.error_y.arrayminus as (number | null)[];
  [0.1, 0.3, 0.4, null, 0.6].forEach((v, i) => (v === null ? assert.strictEqual(up[i], null) : assert.ok(Math.abs((up[i] as number) - v) < 1e-12)));
  [0.1, 0.2, 0.4, null, 0.5].forEach((v, i) => (v === null ? assert.strictEqual(down[i], null) : assert.ok(Math.abs((down[i] as number) - v) < 1e-12)));
  assert.strictEqual(g2.marker.color, GROUP_COLORS.hepg2);
  assert.strictEqual(h3.marker.color, GROUP_COLORS.hep3b);
  assert.strictEqual(g2pts.offsetgroup, g2.offsetgroup);
  assert.strictEqual(g2pts.y.length, 10);
  assert.strictEqual((fig.data[3] as Trace).y.length, 4);
  assert.strictEqual(layoutOf(fig).shapes[0].y0, 1);
  assert.strictEqual(layoutOf(fig).xaxis.title.text, "Dose (Gy)");
  assert.throws(() => groupedBarFigure(dose, [{ name: "x", values: [1, 2] }]), isInputError("series[0].values"));
  assert.throws(() => groupedBarFigure(dose, [{ name: "x", values: [1, 2, 3, 4, NaN] }]), isInputError("series[0].values", 4));
  assert.throws(() => groupedBarFigure(dose, lines, { points: [[]] }), isInputError("points"));
});

test("lines with error: means per group, faint individual curves in the group colour, log axis breaks", () => {
  const id = ["m1", "m1", "m2", "m2", "m3", "m3"];
  const day = [3, 0, 0, 3, 0, 3];
  const vol = [120, 60, 50, 80, 70, 200];
  const grp = ["sham", "sham", "sham", "sham", "irradiated", "irradiated"];
  const ind = individualCurves(id, day, vol, grp);
  assert.deepStrictEqual(ind[0], { id: "m1", group: "sham", x: [0, 3], y: [60, 120] });
  const s = meanAndErrorByGroup(day, vol, grp, { error: "sem" });
  const fig = lineWithErrorFigure(s.levels as number[], s.series, { logY: true, individuals: ind, yTitle: "Tumour volume (mm³)" });
  const faint = fig.data.filter((d) => d.showlegend === false) as Trace[];
  const means = fig.data.filter((d) => d.showlegend !== false) as Trace[];
  assert.strictEqual(faint.length, 3);
  assert.strictEqual(means.length, 2);
  assert.ok(fig.data.indexOf(faint[2]) < fig.data.indexOf(means[0]), "individual curves drawn behind the means");
  assert.match(faint[0].line.color, /^rgba\(0, 114, 178, 0\.3\)$/, "sham blue, faint");
  assert.strictEqual(means[0].line.color, GROUP_COLORS.sham);
  assert.strictEqual(means[1].line.color, GROUP_COLORS.irradiated);
  assert.deepStrictEqual(means[0].y, [55, 100]);
  const y = layoutOf(fig).yaxis;
  assert.strictEqual(y.type, "log");
  assert.deepStrictEqual(y.tickvals, [50, 70, 100, 150, 200]);
  assert.throws(() => individualCurves(["a", "a"], [0, 1], [1, 2], ["sham", "irradiated"]), isInputError("group", 1));
  assert.throws(() => lineWithErrorFigure([0, 3], s.series, { individuals: [{ id: "x", group: "other", x: [0], y: [1] }] }), isInputError("individuals", 0));
});

test("unnamed groups get distinct palette colours; figures are plain JSON and repeatable", () => {
  const fig = lineWithErrorFigure(dose, [
    { name: "A", values: [1, 2, 3, 4, 5] },
    { name: "B", values: [2, 3, 4, 5, 6] },
  ]);
  const colours = fig.data.map((d) => (d as Trace).line.color);
  assert.notStrictEqual(colours[0], colours[1]);
  assert.ok(colours.every((c) => PALETTE.includes(c)));
  for (const make of [
    () => lineWithErrorFigure(dose, lines, { errorLabel: "mean ± SD", width: 320 }),
    () => groupedBarFigure(dose, lines, { logY: true }),
    () => stackedBarFigure(["a", "b"], [{ name: "x", values: [1, 2] }], { percent: true }),
  ]) {
    const a = make();
    assert.strictEqual(JSON.stringify(a), JSON.stringify(make()));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), a);
  }
});
