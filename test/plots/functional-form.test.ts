import { test } from "node:test";
import * as assert from "assert";
import { functionalFormFigure } from "../../src/plots/functional-form";

const panel = (title: string) => ({ title, x: [1, 2, 3], fit: [-0.2, 0, 0.3], lower: [-0.5, 0, 0], upper: [0.1, 0, 0.6], linear: [-0.1, 0, 0.1], knots: [2] });

test("functionalFormFigure: per panel a band, the spline and the dashed linear fit on its own axes, ratios drawn as exp() on a log axis, knots marked", () => {
  const fig = functionalFormFigure([panel("Age"), panel("AFP")], { yTitle: "Hazard ratio vs the median" });
  const data = fig.data as Array<Record<string, unknown>>;
  assert.strictEqual(data.length, 8);
  assert.deepStrictEqual(data.slice(4).map((d) => d.xaxis), ["x2", "x2", "x2", "x2"]);
  const fit = data[2].y as number[];
  assert.ok(Math.abs(fit[0] - Math.exp(-0.2)) < 1e-12);
  assert.strictEqual((data[3].line as Record<string, unknown>).dash, "dash");
  const layout = fig.layout as Record<string, Record<string, unknown>>;
  assert.strictEqual(layout.yaxis.type, "log");
  assert.strictEqual(layout.yaxis2.matches, "y");
  assert.strictEqual((layout.shapes as unknown as unknown[]).length, 2);
  assert.strictEqual(data.filter((d) => d.showlegend === true).length, 2, "one legend entry per fit");
});

test("functionalFormFigure: ratio false keeps the values; mismatched lengths and an empty list are input errors naming the panel", () => {
  const fig = functionalFormFigure([panel("Age")], { ratio: false });
  assert.deepStrictEqual((fig.data as Array<Record<string, unknown>>)[2].y, [-0.2, 0, 0.3]);
  assert.throws(() => functionalFormFigure([{ ...panel("Age"), fit: [0, 1] }]), /panels\[0\]\.fit/);
  assert.throws(() => functionalFormFigure([]), /panels/);
});
