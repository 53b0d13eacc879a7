import { test } from "node:test";
import * as assert from "assert";
import { loadReference } from "../helpers/reference";
import { cumulativeIncidence, cumulativeIncidenceAt } from "../../src/survival/index";
import { cumulativeIncidenceFigure, cumulativeIncidenceSteps, GROUP_COLORS } from "../../src/plots/index";
import type { PlotlyFigure } from "../../src/plots/index";
import { InputError } from "../../src/core/index";

const sim = loadReference("competing_sim").data as { time: number[]; cause: number[]; group: unknown[] };
const ci = cumulativeIncidence(sim.time, sim.cause, sim.group);

type Trace = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const curvesOf = (fig: PlotlyFigure): Trace[] => fig.data.filter((d) => d.meta !== undefined) as Trace[];

test("one hv step trace per group and cause, from (0, 0) to the group's last follow-up, through the estimates", () => {
  const fig = cumulativeIncidenceFigure(ci);
  const traces = curvesOf(fig);
  assert.strictEqual(traces.length, ci.curves.length);
  for (const curve of ci.curves) {
    const t = traces.find((d) => d.meta.group === curve.group && d.meta.cause === curve.cause) as Trace;
    assert.ok(t, curve.name);
    assert.strictEqual(t.line.shape, "hv");
    assert.strictEqual(t.x[0], 0);
    assert.strictEqual(t.y[0], 0);
    assert.strictEqual(t.x[t.x.length - 1], curve.followUpEnd);
    // The drawn step function equals cumulativeIncidenceAt (cmprsk::timepoints) at probe times.
    const probes = [0.5, 1, 2.5, 4, curve.followUpEnd * 0.7, curve.followUpEnd];
    const expected = cumulativeIncidenceAt(curve, probes).estimate;
    probes.forEach((p, i) => {
      let k = 0;
      while (k + 1 < t.x.length && t.x[k + 1] <= p) k++;
      assert.strictEqual(t.y[k], expected[i], `${curve.name} at ${p}`);
    });
  }
});

test("bands are F ± 1.96 sqrt(var) clipped to [0, 1], on the curve's points", () => {
  const fig = cumulativeIncidenceFigure(ci, { bands: true });
  const curve = ci.curves[0];
  const steps = cumulativeIncidenceSteps(curve);
  const upper = fig.data.find((d) => String(d.name).endsWith("upper limit") && (d.y as number[]).length === steps.x.length) as Trace;
  const lower = fig.data[fig.data.indexOf(upper) + 1] as Trace;
  assert.strictEqual(lower.fill, "tonexty");
  assert.strictEqual(upper.x.length, steps.x.length);
  assert.deepStrictEqual(upper.x, steps.x);
  steps.y.forEach((f, i) => {
    const half = 1.959963984540054 * Math.sqrt(steps.variance[i]);
    assert.ok(Math.abs(upper.y[i] - Math.min(1, f + half)) < 1e-12);
    assert.ok(Math.abs(lower.y[i] - Math.max(0, f - half)) < 1e-12);
  });
  assert.ok(!cumulativeIncidenceFigure(ci, { bands: false }).data.some((d) => d.fill));
});

test("panels: one pair of axes per cause, shared y, colours by group, Gray's P in each panel", () => {
  const fig = cumulativeIncidenceFigure(ci, { causeLabels: { 1: "Local", 2: "Distant" } });
  const layout = fig.layout as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.ok(layout.xaxis && layout.xaxis2 && !layout.xaxis3);
  assert.strictEqual(layout.yaxis2.matches, "y");
  assert.ok(layout.xaxis.domain[1] < layout.xaxis2.domain[0], "panels side by side");
  const texts = layout.annotations.map((a: { text: string }) => a.text);
  assert.ok(texts.includes("<b>Local</b>") && texts.includes("<b>Distant</b>"));
  for (const g of ci.grayTest || []) assert.ok(texts.some((t: string) => t.startsWith("Gray's test P")), `gray ${g.cause}`);
  const traces = curvesOf(fig);
  for (const group of ci.groups) {
    const colours = new Set(traces.filter((t) => t.meta.group === group).map((t) => t.line.color));
    assert.strictEqual(colours.size, 1, `one colour for ${group}`);
  }
  assert.strictEqual(traces.filter((t) => t.showlegend).length, ci.groups.length, "one legend entry per group");
  assert.ok(traces.every((t) => (t.meta.cause === 1 ? t.xaxis === "x" : t.xaxis === "x2")));
});

test("overlay: dash by cause, colour by group; arm colours are the fixed ones", () => {
  const arm = sim.group.map((g) => (String(g) === String(sim.group[0]) ? "TACE" : "TACE+RT"));
  const fig = cumulativeIncidenceFigure(cumulativeIncidence(sim.time, sim.cause, arm), { arrangement: "overlay" });
  const traces = curvesOf(fig);
  assert.ok(traces.every((t) => t.xaxis === "x"));
  const dashes = new Set(traces.map((t) => `${t.meta.cause}:${t.line.dash}`));
  assert.strictEqual(dashes.size, 2);
  for (const t of traces) assert.strictEqual(t.line.color, t.meta.group === "TACE" ? GROUP_COLORS.tace : GROUP_COLORS["tace+rt"]);
});

test("causes and groups can be chosen; output is plain JSON and repeatable; bad input throws", () => {
  const fig = cumulativeIncidenceFigure(ci.curves, { causes: [2] });
  assert.ok(curvesOf(fig).every((t) => t.meta.cause === 2));
  const a = cumulativeIncidenceFigure(ci);
  assert.strictEqual(JSON.stringify(a), JSON.stringify(cumulativeIncidenceFigure(ci)));
  assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), a);
  assert.throws(() => cumulativeIncidenceFigure(ci, { causes: [7] }), (e: unknown) => e instanceof InputError && e.argument === "causes" && e.index === 0);
  assert.throws(() => cumulativeIncidenceFigure([]), (e: unknown) => e instanceof InputError && e.argument === "curves");
  assert.throws(() => cumulativeIncidenceFigure(ci, { groups: ["nope"] }), (e: unknown) => e instanceof InputError && e.argument === "groups");
});
