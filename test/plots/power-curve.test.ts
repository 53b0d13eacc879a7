import { test } from "node:test";
import * as assert from "assert";
import { powerCurveFigure } from "../../src/plots/index";
import { assertInputError } from "../survival/fixture";

test("powerCurveFigure: a line per curve, simulated points with ± z·MCSE bars in the curve's colour, target line, log axis with 1-2-5 ticks", () => {
  const fig = powerCurveFigure(
    [{ name: "sHR 0.7", x: [50, 100, 400, 1000], y: [0.2, 0.35, 0.85, 0.99] }, { name: "sHR 0.8", x: [50, 100, 400, 1000], y: [0.1, 0.2, 0.45, 0.8] }],
    { points: [{ name: "sHR 0.7", x: 329, y: 0.8, error: 0.01 }], targetPower: 0.8 },
  );
  const data = fig.data as Array<Record<string, any>>;
  assert.strictEqual(data.filter((t) => t.mode === "lines").length, 2);
  const point = data.find((t) => t.mode === "markers")!;
  assert.deepStrictEqual(point.error_y.array, [1.96 * 0.01]);
  assert.strictEqual(point.marker.color, data[0].line.color);
  const layout = fig.layout as Record<string, any>;
  assert.strictEqual(layout.xaxis.type, "log");
  assert.deepStrictEqual(layout.xaxis.tickvals, [50, 100, 200, 500, 1000]);
  assert.strictEqual(layout.shapes[0].y0, 0.8);
});

test("powerCurveFigure: bad input", () => {
  assertInputError(() => powerCurveFigure([]), "curves");
  assertInputError(() => powerCurveFigure([{ name: "a", x: [1, 2], y: [0.1] }]), "curves", 0);
  assertInputError(() => powerCurveFigure([{ name: "a", x: [1, 2], y: [0.1, 1.2] }]), "curves[0].y", 1);
  assertInputError(() => powerCurveFigure([{ name: "a", x: [1], y: [0.1] }], { points: [{ name: "b", x: 1, y: 0.1, error: 0 }] }), "points", 0);
  assertInputError(() => powerCurveFigure([{ name: "a", x: [1], y: [0.1] }], { targetPower: 1 }), "targetPower");
});
