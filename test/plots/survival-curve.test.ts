import { test } from "node:test";
import * as assert from "assert";
import { loadReference } from "../helpers/reference";
import { kaplanMeier, kaplanMeierByGroup, numberAtRisk, logRank } from "../../src/survival/index";
import { survivalCurveFigure, kaplanMeierSteps, atRiskFromCurve, GROUP_COLORS, formatPValue } from "../../src/plots/index";
import type { PlotlyFigure } from "../../src/plots/index";
import { InputError } from "../../src/core/index";

const lung = loadReference("lung").data as { time: number[]; status: number[]; sex: number[] };
const sexName = lung.sex.map((s) => (s === 1 ? "Male" : "Female"));
const byGroup = kaplanMeierByGroup(lung.time, lung.status, sexName);

// A small cohort with ties, censoring at an event time and a last censored time.
const small = {
  time: [2, 3, 3, 5, 5, 5, 8, 9, 12, 12, 15, 20, 1, 4, 4, 6, 10, 10, 11, 14],
  event: [1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1],
  arm: ["TACE", "TACE", "TACE", "TACE", "TACE", "TACE", "TACE", "TACE", "TACE", "TACE", "TACE", "TACE",
    "TACE+RT", "TACE+RT", "TACE+RT", "TACE+RT", "TACE+RT", "TACE+RT", "TACE+RT", "TACE+RT"],
};
const smallFit = kaplanMeierByGroup(small.time, small.event, small.arm);

type Trace = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function trace(fig: PlotlyFigure, name: string): Trace {
  const t = fig.data.find((d) => d.name === name);
  assert.ok(t, `trace ${name}`);
  return t as Trace;
}

test("each KM curve starts at (0, 1), is drawn as an hv step and drops at every event time", () => {
  const fig = survivalCurveFigure(smallFit);
  smallFit.groups.forEach((g, k) => {
    const km = smallFit.curves[k];
    const t = trace(fig, g);
    assert.strictEqual(t.line.shape, "hv");
    assert.strictEqual(t.x[0], 0);
    assert.strictEqual(t.y[0], 1);
    const eventTimes = km.time.filter((_, i) => km.nEvent[i] > 0);
    const last = km.time[km.time.length - 1];
    const expectedX = [0, ...eventTimes];
    if (eventTimes[eventTimes.length - 1] !== last) expectedX.push(last);
    assert.deepStrictEqual(t.x, expectedX);
    // y at each point is S(t) of the KM result, non-increasing.
    t.x.slice(1).forEach((x: number, i: number) => assert.strictEqual(t.y[i + 1], km.survival[km.time.indexOf(x)]));
    for (let i = 1; i < t.y.length; i++) assert.ok(t.y[i] <= t.y[i - 1]);
  });
});

test("censor marks are '+' markers at the censored times, at the curve's height there", () => {
  const fig = survivalCurveFigure(smallFit);
  const rt = trace(fig, "TACE+RT censored");
  assert.strictEqual(rt.mode, "markers");
  assert.match(rt.marker.symbol, /^cross/);
  assert.deepStrictEqual(rt.x, [6, 11]);
  const km = smallFit.curves[1];
  assert.deepStrictEqual(rt.y, [km.survival[km.time.indexOf(6)], km.survival[km.time.indexOf(11)]]);
  const tace = trace(fig, "TACE censored");
  // 5 has deaths and a censoring: the mark sits at S(5), after the deaths.
  assert.deepStrictEqual(tace.x, [3, 5, 8, 12, 20]);
  const kt = smallFit.curves[0];
  assert.strictEqual(tace.y[1], kt.survival[kt.time.indexOf(5)]);
  assert.ok(tace.y[1] < kt.survival[kt.time.indexOf(3)]);
  // Against lung: one mark per distinct censored time.
  const lungFig = survivalCurveFigure(byGroup);
  byGroup.groups.forEach((g, k) => {
    const km = byGroup.curves[k];
    const marks = trace(lungFig, `${g} censored`);
    const censoredTimes = km.time.filter((_, i) => km.nCensor[i] > 0);
    assert.deepStrictEqual(marks.x, censoredTimes);
    marks.x.forEach((x: number, i: number) => assert.strictEqual(marks.y[i], km.survival[km.time.indexOf(x)]));
  });
});

test("confidence bands are step-shaped, as long as the curve, filled between the limits", () => {
  const fig = survivalCurveFigure(byGroup);
  byGroup.groups.forEach((g, k) => {
    const curve = trace(fig, g);
    const upper = trace(fig, `${g} upper limit`);
    const lower = trace(fig, `${g} lower limit`);
    assert.strictEqual(upper.line.shape, "hv");
    assert.strictEqual(lower.line.shape, "hv");
    assert.strictEqual(lower.fill, "tonexty");
    const iUpper = fig.data.indexOf(upper);
    assert.strictEqual(fig.data.indexOf(lower), iUpper + 1, "lower limit fills to the upper limit just before it");
    const steps = kaplanMeierSteps(byGroup.curves[k]);
    const defined = steps.lower.findIndex((v, i) => v === null || steps.upper[i] === null);
    const length = defined < 0 ? curve.x.length : defined;
    assert.strictEqual(upper.x.length, length);
    assert.strictEqual(lower.y.length, length);
    assert.deepStrictEqual(upper.x, curve.x.slice(0, length));
    for (let i = 0; i < length; i++) {
      assert.ok(lower.y[i] <= curve.y[i] + 1e-12 && curve.y[i] <= upper.y[i] + 1e-12, `band contains the curve at ${i}`);
    }
  });
  // The small TACE+RT arm ends with a death (S = 0): the log-transformed band stops before it.
  const fig2 = survivalCurveFigure(smallFit);
  const curve = trace(fig2, "TACE+RT");
  assert.strictEqual(curve.y[curve.y.length - 1], 0);
  assert.strictEqual(trace(fig2, "TACE+RT lower limit").x.length, curve.x.length - 1);
  assert.ok(!survivalCurveFigure(smallFit, { confidenceBands: false }).data.some((d) => d.fill));
});

test("the number-at-risk table equals numberAtRisk at the x-axis breaks and sits under them", () => {
  const fig = survivalCurveFigure(byGroup, { xTitle: "Days", timeStep: 200 });
  const layout = fig.layout as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.deepStrictEqual(layout.xaxis.tickvals, [0, 200, 400, 600, 800, 1000]);
  const expected = numberAtRisk(lung.time, layout.xaxis.tickvals, sexName);
  expected.groups.forEach((g, k) => {
    const row = trace(fig, `${g} at risk`);
    assert.strictEqual(row.xaxis, "x2");
    assert.strictEqual(row.yaxis, "y2");
    assert.deepStrictEqual(row.x, layout.xaxis.tickvals);
    assert.deepStrictEqual(row.text, expected.nRisk[k].map(String));
    assert.strictEqual(row.textfont.color, trace(fig, g).line.color, "table row coloured like its curve");
  });
  // The table's x axis shows the same range as the plot's.
  assert.deepStrictEqual(layout.xaxis2.range, layout.xaxis.range);
  assert.strictEqual(layout.xaxis2.matches, "x");
  assert.ok(layout.yaxis2.domain[1] < layout.yaxis.domain[0], "table below the plot");
  assert.ok(layout.annotations.some((a: { text: string }) => a.text === "Number at risk"));
  // Chosen times, including times past the last follow-up (count 0), as numberAtRisk.
  const times = [0, 5, 10, 13.5, 30];
  const fig2 = survivalCurveFigure(smallFit, { riskTimes: times });
  const exp2 = numberAtRisk(small.time, times, small.arm);
  exp2.groups.forEach((g, k) => {
    assert.deepStrictEqual(trace(fig2, `${g} at risk`).text, exp2.nRisk[k].map(String));
    assert.deepStrictEqual(atRiskFromCurve(smallFit.curves[k], times), exp2.nRisk[k]);
  });
  assert.ok(!survivalCurveFigure(byGroup, { riskTable: false }).data.some((d) => d.yaxis === "y2"));
});

test("month axes break at round month steps", () => {
  const fig = survivalCurveFigure(smallFit);
  const ticks = (fig.layout as any).xaxis.tickvals as number[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.strictEqual(ticks[0], 0);
  assert.ok([1, 2, 3, 6, 12].includes(ticks[1] - ticks[0]), `step ${ticks[1]}`);
  assert.ok(ticks[ticks.length - 1] <= 20);
});

test("arm colours are the fixed palette colours, whatever the order of the curves", () => {
  const a = survivalCurveFigure(smallFit);
  const tace = kaplanMeier(small.time.slice(0, 12), small.event.slice(0, 12));
  const rt = kaplanMeier(small.time.slice(12), small.event.slice(12));
  const b = survivalCurveFigure([{ name: "TACE+RT", km: rt }, { name: "TACE", km: tace }]);
  for (const fig of [a, b]) {
    assert.strictEqual(trace(fig, "TACE").line.color, GROUP_COLORS.tace);
    assert.strictEqual(trace(fig, "TACE+RT").line.color, GROUP_COLORS["tace+rt"]);
    assert.strictEqual(trace(fig, "TACE+RT censored").marker.color, GROUP_COLORS["tace+rt"]);
  }
  // Unnamed groups get distinct palette colours; overrides win.
  const c = survivalCurveFigure(byGroup, { colors: { Male: "#123456" } });
  assert.strictEqual(trace(c, "Male").line.color, "#123456");
  assert.notStrictEqual(trace(c, "Female").line.color, "#123456");
});

test("median lines, annotation, title and size options", () => {
  const fig = survivalCurveFigure(byGroup, { medianLines: true, annotation: "Log-rank P = 0.0013", title: "OS", width: 500, height: 520 });
  const layout = fig.layout as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const vertical = layout.shapes.filter((s: { x0: number; x1: number }) => s.x0 === s.x1);
  assert.deepStrictEqual(vertical.map((s: { x0: number }) => s.x0), byGroup.curves.map((c) => c.median));
  assert.ok(layout.annotations.some((a: { text: string }) => a.text === "Log-rank P = 0.0013"));
  assert.strictEqual(layout.title.text, "OS");
  assert.strictEqual(layout.width, 500);
  assert.strictEqual(layout.height, 520);
  const plain = survivalCurveFigure(byGroup).layout as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.strictEqual(plain.title, undefined, "no title unless asked");
  assert.strictEqual(plain.width, undefined, "responsive width by default");
  assert.strictEqual(plain.paper_bgcolor, "#FFFFFF");
  assert.match(plain.font.family, /Arial/);
  assert.ok(plain.font.size >= 11 && plain.xaxis.tickfont.size >= 11);
  assert.strictEqual(plain.xaxis.title.text, "Months");
  assert.strictEqual(plain.yaxis.title.text, "Overall survival probability");
});

test("output is plain JSON and identical across calls", () => {
  const a = survivalCurveFigure(byGroup, { medianLines: true, annotation: "x" });
  const b = survivalCurveFigure(byGroup, { medianLines: true, annotation: "x" });
  assert.strictEqual(JSON.stringify(a), JSON.stringify(b));
  assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), a);
});

test("bad input throws an InputError naming the argument", () => {
  assert.throws(() => survivalCurveFigure([]), (e: unknown) => e instanceof InputError && e.argument === "curves");
  const km = byGroup.curves[0];
  assert.throws(
    () => survivalCurveFigure([{ name: "a", km }, { name: "a", km }]),
    (e: unknown) => e instanceof InputError && e.argument === "curves" && e.index === 1,
  );
  assert.throws(() => survivalCurveFigure(byGroup, { riskTimes: [0, -1] }), (e: unknown) => e instanceof InputError && e.argument === "riskTimes" && e.index === 1);
  assert.throws(() => survivalCurveFigure(byGroup, { timeStep: 0 }), (e: unknown) => e instanceof InputError && e.argument === "timeStep");
});

test("a logRank result is written as 'Log-rank P' under the legend, clear of the curves' start", () => {
  const lr = logRank(lung.time, lung.status, sexName);
  const fig = survivalCurveFigure(byGroup, { logRank: lr });
  const notes = (fig.layout as any).annotations.filter((a: { xref: string }) => a.xref === "x domain"); // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.strictEqual(notes.length, 1);
  assert.strictEqual(notes[0].text, formatPValue(lr.pValue, "Log-rank P"));
  assert.strictEqual(notes[0].xanchor, "right");
  assert.ok(notes[0].yshift < 0, "below the legend");
  const peto = survivalCurveFigure(byGroup, { logRank: logRank(lung.time, lung.status, sexName, { rho: 1 }), annotationPosition: "bottom-left" });
  const note = (peto.layout as any).annotations.find((a: { xref: string }) => a.xref === "x domain"); // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.match(note.text, /^Peto-Peto P/);
  assert.strictEqual(note.xanchor, "left");
});
