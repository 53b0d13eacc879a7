import { test } from "node:test";
import * as assert from "assert";
import { fittedCurvesFigure, lineWithErrorFigure, individualCurves } from "../../src/plots/index";
import { InputError } from "../../src/core/index";

type Trace = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const isInputError = (argument: string, index?: number) => (e: unknown) =>
  e instanceof InputError && e.argument === argument && (index === undefined || e.index === index);

const series = [
  { name: "sham", x: [0, 0, 3, 3], y: [60, 50, 120, 80], curve: { x: [0, 3], y: [55, 100] } },
  { name: "irradiated", x: [0, 3], y: [70, 200], curve: null },
];
const individuals = individualCurves(["m1", "m1", "m2", "m2", "m3", "m3"], [3, 0, 0, 3, 0, 3], [120, 60, 50, 80, 70, 200], ["sham", "sham", "sham", "sham", "irradiated", "irradiated"]);

test("fittedCurvesFigure: individual curves faint in their group's colour, behind the points, as lineWithErrorFigure draws them", () => {
  const fig = fittedCurvesFigure(series, { individuals });
  const faint = fig.data.slice(0, 3) as Trace[];
  assert.deepStrictEqual(faint.map((t) => t.name), ["m1", "m2", "m3"]);
  assert.ok(faint.every((t) => t.showlegend === false && t.mode === "lines"));
  assert.ok((fig.data.slice(3) as Trace[]).every((t) => t.legendgroup === "sham" || t.legendgroup === "irradiated"));
  const lines = lineWithErrorFigure([0, 3], [
    { name: "sham", values: [55, 100] },
    { name: "irradiated", values: [70, 200] },
  ], { individuals });
  assert.deepStrictEqual(faint, lines.data.slice(0, 3), "the same traces (default opacity 0.3)");
  assert.strictEqual(fittedCurvesFigure(series).data.length, fig.data.length - 3);
});

test("fittedCurvesFigure rejects an individual curve of another group or with x and y of unequal length", () => {
  assert.throws(() => fittedCurvesFigure(series, { individuals: [{ id: "x", group: "other", x: [0], y: [1] }] }), isInputError("individuals", 0));
  assert.throws(() => fittedCurvesFigure(series, { individuals: [individuals[0], { id: "x", group: "sham", x: [0, 3], y: [1] }] }), isInputError("individuals", 1));
});
