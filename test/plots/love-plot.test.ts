import { test } from "node:test";
import * as assert from "assert";
import { lovePlotFigure } from "../../src/plots/love-plot";

const rows = [
  { label: "Portal vein thrombosis", values: { Unweighted: 0.93, IPTW: 0.03 } },
  { label: "Age", values: { Unweighted: -0.23, IPTW: null } },
];

test("lovePlotFigure: one trace per series, one row per covariate, lines at 0 and at ±threshold", () => {
  const fig = lovePlotFigure(rows, { series: ["Unweighted", "IPTW"], threshold: 0.2 });
  assert.strictEqual(fig.data.length, 2);
  const [a, b] = fig.data as Array<{ x: (number | null)[]; y: number[]; name: string }>;
  assert.deepStrictEqual([a.name, a.x, a.y], ["Unweighted", [0.93, -0.23], [0, 1]]);
  assert.deepStrictEqual(b.x, [0.03, null], "a missing value is not drawn");
  const shapes = (fig.layout as { shapes: Array<{ x0: number }> }).shapes.map((s) => s.x0);
  assert.deepStrictEqual(shapes, [0, -0.2, 0.2]);
  const ticks = (fig.layout as { yaxis: { ticktext: string[] } }).yaxis.ticktext;
  assert.deepStrictEqual(ticks, ["Portal vein thrombosis", "Age"]);
  assert.strictEqual(JSON.stringify(lovePlotFigure(rows)), JSON.stringify(lovePlotFigure(rows)), "deterministic");
});

test("lovePlotFigure: absolute values on request; bad input named", () => {
  const fig = lovePlotFigure(rows, { absolute: true });
  assert.deepStrictEqual((fig.data[0] as { x: number[] }).x, [0.93, 0.23]);
  assert.throws(() => lovePlotFigure([]), /rows/);
  assert.throws(() => lovePlotFigure([{ label: "x", values: { a: Number.NaN } }]), /rows\[0\]\.values\.a/);
  assert.throws(() => lovePlotFigure(rows, { threshold: 0 }), /threshold/);
});
