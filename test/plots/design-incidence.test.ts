import { test } from "node:test";
import * as assert from "assert";
import { designIncidenceFigure } from "../../src/plots/index";
import { assertInputError } from "../survival/fixture";

test("designIncidenceFigure: first curve solid, the others dashed, the observed steps grey behind them", () => {
  const x = [0, 12, 24];
  const fig = designIncidenceFigure(
    [{ name: "control", x, y: [0, 0.5, 0.7] }, { name: "sHR 0.7", x, y: [0, 0.38, 0.57] }],
    { observed: { name: "observed", x: [0, 5, 20], y: [0, 0.3, 0.6] } },
  );
  const data = fig.data as Array<Record<string, any>>;
  assert.deepStrictEqual(data.map((t) => t.name), ["observed", "control", "sHR 0.7"]);
  assert.strictEqual(data[0].line.shape, "hv");
  assert.deepStrictEqual([data[1].line.dash, data[2].line.dash], ["solid", "dash"]);
  assert.deepStrictEqual((fig.layout as any).yaxis.range, [0, 0.8]);
});

test("designIncidenceFigure: bad input", () => {
  assertInputError(() => designIncidenceFigure([]), "curves");
  assertInputError(() => designIncidenceFigure([{ name: "a", x: [0], y: [1.5] }]), "curves[0].y", 0);
  assertInputError(() => designIncidenceFigure([{ name: "a", x: [0], y: [0.5] }], { observed: { name: "o", x: [0, 1], y: [0] } }), "observed");
});
