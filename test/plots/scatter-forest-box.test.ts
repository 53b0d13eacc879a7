import { test } from "node:test";
import * as assert from "assert";
import { loadReference } from "../helpers/reference";
import { linearRegression, correlation } from "../../src/stats/index";
import { coxPH } from "../../src/survival/index";
import {
  scatterWithFitFigure,
  regressionBand,
  forestPlotFigure,
  coxForestRows,
  boxPlotFigure,
  boxStatistics,
  swarmOffsets,
  quantileType7,
  histogramFigure,
  enrollmentFigure,
  binCounts,
  GROUP_COLORS,
  formatPValue,
} from "../../src/plots/index";
import type { PlotlyFigure } from "../../src/plots/index";
import { InputError } from "../../src/core/index";

type Trace = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const layoutOf = (fig: PlotlyFigure) => fig.layout as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const named = (fig: PlotlyFigure, name: string) => {
  const t = fig.data.find((d) => d.name === name);
  assert.ok(t, `trace ${name}`);
  return t as Trace;
};
const isInputError = (argument: string, index?: number | null) => (e: unknown) =>
  e instanceof InputError && e.argument === argument && (index === undefined || e.index === index);
const repeatable = (make: () => PlotlyFigure) => {
  const a = make();
  assert.strictEqual(JSON.stringify(a), JSON.stringify(make()));
  assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), a);
};

// mtcars: wt against mpg (R reference data), with three made-up groups.
const mtcars = loadReference("mtcars").data as Record<string, number[]>;

test("scatter: least-squares line and R's confidence band, correlation in the corner, points coloured by group", () => {
  const x = mtcars.wt;
  const y = mtcars.mpg;
  const group = x.map((_, i) => ["4 cyl", "6 cyl", "8 cyl"][i % 3]);
  const fig = scatterWithFitFigure(x, y, { group, xTitle: "Weight (1000 lb)", yTitle: "Miles per gallon" });
  const fit = linearRegression(x, y);
  const line = named(fig, "all fit");
  const lo = Math.min(...x);
  const hi = Math.max(...x);
  assert.deepStrictEqual(line.x, [lo, hi]);
  assert.ok(Math.abs(line.y[0] - (fit.intercept + fit.slope * lo)) < 1e-12);
  const c = correlation(x, y);
  assert.strictEqual(layoutOf(fig).annotations[0].text, `r = ${(c.pearson.r).toFixed(2).replace("-", "\u2212")}, ${formatPValue(c.pearson.pValue).replace("<", "&lt;")}`);
  const pts = named(fig, "4 cyl");
  assert.strictEqual(pts.mode, "markers");
  assert.strictEqual(pts.x.length, Math.ceil(x.length / 3));
  assert.deepStrictEqual(pts.x, x.filter((_, i) => i % 3 === 0));
  assert.notStrictEqual(pts.marker.color, named(fig, "8 cyl").marker.color);
  const upper = named(fig, "all band upper");
  const lower = named(fig, "all band lower");
  assert.strictEqual(lower.fill, "tonexty");
  assert.strictEqual(fig.data.indexOf(lower), fig.data.indexOf(upper) + 1);
  upper.y.forEach((u: number, i: number) => assert.ok(u >= lower.y[i]));
  repeatable(() => scatterWithFitFigure(x, y, { group, fit: "group", correlation: "spearman" }));
  const perGroup = scatterWithFitFigure(x, y, { group, fit: "group", correlation: "spearman" });
  assert.ok(named(perGroup, "6 cyl fit"));
  assert.match(layoutOf(perGroup).annotations[0].text, /^4 cyl: \u03C1 = /);
  assert.strictEqual(layoutOf(scatterWithFitFigure(x, y, { annotation: "custom" })).annotations[0].text, "custom");
  assert.throws(() => scatterWithFitFigure([1, 2, 3], [1, 2]), isInputError("y"));
  assert.throws(() => scatterWithFitFigure([1, 2, null, 4], [1, 3, 2, 5]), isInputError("x", 2));
  assert.strictEqual(layoutOf(scatterWithFitFigure([1, 2, null, 4], [1, 3, 2, 5], { missing: "drop" })).meta.dropped, 1);
});

test("regressionBand equals R's predict(lm, interval = 'confidence')", () => {
  const fit = linearRegression(mtcars.wt, mtcars.mpg);
  const band = regressionBand(fit, 2, 4, 0.95, 3);
  // R: predict(lm(mpg ~ wt, mtcars), data.frame(wt = c(2, 3, 4)), interval = "confidence")
  const expected = {
    y: [26.5961830219, 21.2517114492, 15.9072398765],
    lower: [24.8238853569, 20.1244355874, 14.4901849511],
    upper: [28.3684806869, 22.3789873109, 17.3242948018],
  };
  assert.deepStrictEqual(band.x, [2, 3, 4]);
  for (const k of ["y", "lower", "upper"] as const) {
    band[k].forEach((v, i) => assert.ok(Math.abs(v - expected[k][i]) < 1e-9, `${k}[${i}] ${v} vs ${expected[k][i]}`));
  }
});

test("forest plot: squares at the estimates, asymmetric CI bars, log axis, reference at 1, value and P columns", () => {
  const rows = [
    { label: "Treatment", estimate: null },
    { label: "TACE+RT vs TACE", estimate: 1.08, lower: 0.79, upper: 1.47, pValue: 0.65 },
    { label: "Child-Pugh B", estimate: 1.9, lower: 1.3, upper: 2.8, pValue: 0.0004 },
  ];
  const fig = forestPlotFigure(rows, { favours: ["Favours TACE+RT", "Favours TACE"] });
  const t = fig.data[0] as Trace;
  assert.deepStrictEqual(t.x, [1.08, 1.9]);
  assert.deepStrictEqual(t.y, [1, 2], "headings keep their row");
  assert.ok(Math.abs(t.error_x.array[0] - 0.39) < 1e-12 && Math.abs(t.error_x.arrayminus[0] - 0.29) < 1e-12);
  const layout = layoutOf(fig);
  assert.strictEqual(layout.xaxis.type, "log");
  assert.ok(layout.xaxis.tickvals.includes(1));
  assert.ok(Math.pow(10, layout.xaxis.range[0]) <= 0.79 && Math.pow(10, layout.xaxis.range[1]) >= 2.8, "axis covers every interval");
  assert.strictEqual(layout.shapes[0].x0, 1);
  assert.deepStrictEqual(layout.yaxis.range, [2.5, -0.5], "first row on top");
  const texts = layout.annotations.map((a: { text: string }) => a.text);
  for (const s of ["<b>Treatment</b>", "1.08 (0.79\u20131.47)", "0.65", "&lt; 0.001", "<b>HR (95% CI)</b>", "<b>P</b>"]) assert.ok(texts.includes(s), s);
  assert.ok(texts.some((s: string) => s.includes("Favours TACE")));
  assert.throws(() => forestPlotFigure([{ label: "x", estimate: 0, lower: 0, upper: 1 }]), isInputError("rows[0].estimate"));
  assert.throws(() => forestPlotFigure([{ label: "x", estimate: 2, lower: 2.5, upper: 3 }]), isInputError("rows[0]"));
  assert.throws(() => forestPlotFigure([]), isInputError("rows"));
  assert.strictEqual(layoutOf(forestPlotFigure([{ label: "d", estimate: -1, lower: -2, upper: 0.5 }], { log: false })).shapes[0].x0, 0);
  repeatable(() => forestPlotFigure(rows));
});

test("coxForestRows takes the hazard ratios, limits and P of a coxPH fit", () => {
  const lung = loadReference("lung").data as Record<string, number[]>;
  const fit = coxPH(lung.time, lung.status, { age: lung.age, sex: lung.sex });
  const rows = coxForestRows(fit, { sex: "Female vs male" });
  assert.deepStrictEqual(rows.map((r) => r.label), ["age", "Female vs male"]);
  assert.deepStrictEqual(rows.map((r) => r.estimate), fit.hazardRatio);
  assert.deepStrictEqual(rows.map((r) => r.lower), fit.lower);
  assert.deepStrictEqual(rows.map((r) => r.pValue), fit.pValue);
});

test("box statistics are R's quantile type 7 with 1.5 IQR whiskers; the swarm is deterministic and symmetric", () => {
  const v = [1, 2, 3, 4, 5, 6, 7, 8, 30];
  // R: quantile(v) -> 1 3 5 7 30; boxplot.stats(v)$stats -> 1 3 5 7 8 (30 is an outlier)
  const b = boxStatistics(v);
  assert.deepStrictEqual([b.q1, b.median, b.q3, b.lowerFence, b.upperFence], [3, 5, 7, 1, 8]);
  assert.strictEqual(quantileType7([1, 2, 3, 4], 0.25), 1.75); // quantile(1:4, 0.25)
  const offsets = swarmOffsets([5, 5, 5, 1], 0.1);
  assert.deepStrictEqual(offsets, [-0.07, 0, 0.07, 0]);
  assert.deepStrictEqual(swarmOffsets([2, 2], 0.1, 0.07, 0.3), [-0.035, 0.035]);
  const many = swarmOffsets(new Array(50).fill(1), 0.1, 0.07, 0.3);
  assert.ok(Math.max(...many.map(Math.abs)) <= 0.3 + 1e-12, "stays inside its group's column");
});

test("box and dot plots: one box per group at fixed positions, every point drawn, brackets with text", () => {
  const values = [12, 14, 15, 13, 11, 20, 22, 25, 19, 24];
  const group = ["sham", "sham", "sham", "sham", "sham", "irradiated", "irradiated", "irradiated", "irradiated", "irradiated"];
  const fig = boxPlotFigure(values, group, { yTitle: "Microvessel density (vessels/HPF)", comparisons: [{ from: "sham", to: "irradiated", text: "P = 0.001" }] });
  const sham = named(fig, "sham");
  assert.strictEqual(sham.type, "box");
  assert.deepStrictEqual(sham.x, [0]);
  assert.deepStrictEqual([sham.q1[0], sham.median[0], sham.q3[0]], [12, 13, 14]);
  assert.strictEqual(sham.line.color, GROUP_COLORS.sham);
  assert.strictEqual(named(fig, "irradiated").line.color, GROUP_COLORS.irradiated);
  const pts = named(fig, "irradiated values");
  assert.deepStrictEqual(pts.y, [20, 22, 25, 19, 24]);
  pts.x.forEach((x: number) => assert.ok(Math.abs(x - 1) <= 0.3));
  const layout = layoutOf(fig);
  assert.deepStrictEqual(layout.xaxis.ticktext, ["sham", "irradiated"]);
  assert.strictEqual(layout.annotations[0].text, "P = 0.001");
  assert.ok(layout.yaxis.range[1] > 25, "room above the data for the bracket");
  const dot = boxPlotFigure(values, group, { style: "dot", error: "sem", groups: ["irradiated", "sham"] });
  const mean = named(dot, "irradiated");
  assert.deepStrictEqual(mean.x, [0], "group order as given");
  assert.strictEqual(mean.y[0], 22);
  const sd = Math.sqrt([20, 22, 25, 19, 24].reduce((s, v) => s + (v - 22) * (v - 22), 0) / 4);
  assert.ok(Math.abs(mean.error_y.array[0] - sd / Math.sqrt(5)) < 1e-12);
  assert.throws(() => boxPlotFigure(values, group, { comparisons: [{ from: "sham", to: "x", text: "" }] }), isInputError("comparisons[0].to"));
  assert.throws(() => boxPlotFigure([1, NaN], ["a", "b"]), isInputError("values", 1));
  assert.throws(() => boxPlotFigure([1, 2], ["a"]), isInputError("group"));
  repeatable(() => boxPlotFigure(values, group, { logY: true, comparisons: [{ from: "sham", to: "irradiated", text: "**" }] }));
});

test("histogram: left-closed bins of the given width, counts per group", () => {
  const { edges, counts } = binCounts([0, 4.99, 5, 10, 12], (i) => (i < 3 ? 0 : 1), 2, 0, 5);
  assert.deepStrictEqual(edges, [0, 5, 10, 15]);
  assert.deepStrictEqual(counts, [[2, 1, 0], [0, 0, 2]]);
  const fig = histogramFigure([0.1, 0.2, 0.3, 0.35, 0.9], { binWidth: 0.1, xTitle: "x" });
  const t = fig.data[0] as Trace;
  assert.deepStrictEqual(t.x, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  assert.deepStrictEqual(t.y, [1, 1, 2, 0, 0, 0, 0, 0, 1], "0.3 in [0.3, 0.4) despite binary rounding");
  assert.strictEqual(t.offset, 0);
  assert.throws(() => histogramFigure([1, 2], { binWidth: 0 }), isInputError("binWidth"));
  assert.throws(() => histogramFigure([1, 2], { start: 1.5 }), isInputError("start"));
  repeatable(() => histogramFigure([1, 2, 2, 3, 7], { group: ["a", "b", "a", "b", "a"] }));
});

test("enrollment: patients per year by arm, empty years kept, arm colours fixed", () => {
  const dates = ["1996-08-14", "1996-12-31", "1997-01-01", "1999-06-30", "1999-07-01", "1999-07-02"];
  const arm = ["TACE", "TACE+RT", "TACE", "TACE", "TACE+RT", "TACE+RT"];
  const fig = enrollmentFigure(dates, arm);
  const [tace, rt] = fig.data as Trace[];
  assert.deepStrictEqual(tace.x, ["1996", "1997", "1998", "1999"]);
  assert.deepStrictEqual(tace.y, [1, 1, 0, 1]);
  assert.deepStrictEqual(rt.y, [1, 0, 0, 2]);
  assert.strictEqual(tace.marker.color, GROUP_COLORS.tace);
  assert.strictEqual(rt.marker.color, GROUP_COLORS["tace+rt"]);
  const q = enrollmentFigure(dates, arm, { period: "quarter" });
  assert.strictEqual((q.data[0] as Trace).x[0], "1996 Q3");
  assert.strictEqual((q.data[0] as Trace).x.length, 13);
  const m = enrollmentFigure(dates, null, { period: "month" });
  assert.deepStrictEqual((m.data[0] as Trace).x.slice(0, 2), ["1996-08", "1996-09"]);
  assert.throws(() => enrollmentFigure(["1996-8-1"], null), isInputError("dates", 0));
  assert.throws(() => enrollmentFigure(dates, arm, { period: "week" as "year" }), isInputError("period"));
  repeatable(() => enrollmentFigure(dates, arm));
});
