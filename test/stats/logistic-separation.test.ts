import { test } from "node:test";
import * as assert from "assert";
import { emptyBinaryLevels, fittedProbabilityBoundary, GLM_FITTED_EPS, smallerFittedProbability } from "../../src/stats/logistic-separation";
import { logisticRegression } from "../../src/stats/logistic-regression";
import { assertClose } from "../helpers/reference";
import { loadFixture } from "./fixtures";

const SEP = loadFixture("stats-logistic-separation");
const LOGISTIC = loadFixture("stats-logistic");
const WARNING = "glm.fit: fitted probabilities numerically 0 or 1 occurred";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function ours(c: any) {
  const x: Record<string, number[]> = { x: c.data.x };
  if (c.data.z !== null && c.data.z !== undefined) x.z = c.data.z;
  return logisticRegression(c.data.y, x, { names: Object.keys(x) });
}

test("fittedProbabilityBoundary at R's tolerance agrees with R's glm warning on every fixture case (R's and our linear predictors)", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cases: { name: string; eta: number[]; warns: boolean }[] = SEP.cases.map((c: any) => ({ name: c.name, eta: c.expected.linear_predictor, warns: c.expected.warnings.includes(WARNING) }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (const c of LOGISTIC) cases.push({ name: `stats-logistic: ${c.name}`, eta: c.expected.linear_predictor, warns: c.expected.warnings.includes(WARNING) });
  assert.ok(cases.some((c) => c.warns) && cases.some((c) => !c.warns), "fixtures with and without the warning");
  for (const c of cases) assert.strictEqual(fittedProbabilityBoundary(c.eta).boundary, c.warns, c.name);
  for (const c of SEP.cases) {
    const fit = ours(c);
    const b = fittedProbabilityBoundary(fit.linearPredictor);
    assert.strictEqual(b.boundary, c.expected.warnings.includes(WARNING), `${c.name}, our fit`);
    assert.strictEqual(b.boundary, fit.warnings.includes(WARNING), `${c.name}, our fit's own warning`);
    assert.strictEqual(fit.iterations, c.expected.iterations, `${c.name}: IRLS steps`);
    // R's min(mu, 1 - mu), from our linear predictor (relative 1e-6; R's fitted values are clamped alike)
    assertClose(b.minProbability, c.expected.min_probability, `${c.name}: smallest fitted probability`, 1e-6);
  }
});

test("fittedProbabilityBoundary at 1e-8 flags the quasi-separated binary level R's glm stops short of, and not the fits with an MLE", () => {
  const byName = Object.fromEntries(SEP.cases.map((c: { name: string }) => [c.name, c]));
  const quasi = byName["quasi-separated binary level"];
  assert.deepStrictEqual(quasi.expected.warnings, [], "R is silent on it");
  assert.ok(quasi.expected.min_probability < 1e-8);
  const flag = (c: { expected: { linear_predictor: number[] } }) => fittedProbabilityBoundary(c.expected.linear_predictor, { tolerance: 1e-8 }).boundary;
  assert.strictEqual(flag(quasi), true);
  assert.strictEqual(flag(byName["complete separation"]), true);
  assert.strictEqual(flag(byName["well-behaved"]), false);
  assert.strictEqual(flag(byName["same, one event at z = 0"]), false);
  const b = fittedProbabilityBoundary(quasi.expected.linear_predictor, { tolerance: 1e-8 });
  const z0 = quasi.data.z.filter((v: number) => v === 0).length;
  assert.strictEqual(b.rows, z0, "exactly the rows of the empty level are below 1e-8");
});

test("smallerFittedProbability follows R's clamped logit link; include and tolerance are checked", () => {
  assert.strictEqual(smallerFittedProbability(0), 0.5);
  assertClose(smallerFittedProbability(-20), 1 / (1 + Math.exp(20)), "eta -20", 1e-15);
  assert.strictEqual(smallerFittedProbability(20), smallerFittedProbability(-20));
  assert.ok(smallerFittedProbability(30) > GLM_FITTED_EPS, "|eta| = 30: no warning in R");
  assert.ok(smallerFittedProbability(30.0001) < GLM_FITTED_EPS, "beyond 30 R clamps to eps / (1 + eps)");
  const b = fittedProbabilityBoundary([-40, 0, 1], { include: (r) => r > 0 });
  assert.strictEqual(b.boundary, false);
  assert.strictEqual(b.minProbability, 1 / (1 + Math.exp(1)));
  assert.throws(() => fittedProbabilityBoundary([0], { tolerance: 0 }), /tolerance/);
  assert.throws(() => fittedProbabilityBoundary([NaN]), /eta\[0\]/);
});

test("emptyBinaryLevels: the empty level of the constructed data is found; none when one event is there, in continuous columns, or once the level is not drawn", () => {
  const byName = Object.fromEntries(SEP.cases.map((c: { name: string }) => [c.name, c]));
  const design = (c: { data: { y: number[]; x: number[]; z: number[] } }) => ({
    groups: c.data.y.length,
    groupX: Float64Array.from(c.data.x.flatMap((x, i) => [x, c.data.z[i]])),
    groupTerms: 2,
    group: Int32Array.from(c.data.y, (_, i) => i),
    y: Uint8Array.from(c.data.y),
    pattern: new Int32Array(c.data.y.length),
    patternX: new Float64Array(0),
    rowTerms: 0,
  });
  const quasi = byName["quasi-separated binary level"];
  const ones = new Float64Array(quasi.data.y.length).fill(1);
  assert.deepStrictEqual(emptyBinaryLevels(design(quasi), ones), [{ term: 1, level: 0, lacks: "events" }]);
  assert.deepStrictEqual(emptyBinaryLevels(design(byName["same, one event at z = 0"]), ones), []);
  assert.deepStrictEqual(emptyBinaryLevels(design(byName["well-behaved"]), ones), []);
  // drop every z = 0 row: z takes one value, no certificate
  const onlyZ1 = Float64Array.from(quasi.data.z, (z: number) => (z === 1 ? 1 : 0));
  assert.deepStrictEqual(emptyBinaryLevels(design(quasi), onlyZ1), []);
  // multiplicities count: the one-event data with that event's row not drawn is empty again
  const one = byName["same, one event at z = 0"];
  const k = one.data.y.findIndex((y: number, i: number) => y === 1 && one.data.z[i] === 0);
  const without = new Float64Array(one.data.y.length).fill(2);
  without[k] = 0;
  assert.deepStrictEqual(emptyBinaryLevels(design(one), without).map((e) => [e.term, e.level, e.lacks]), [[1, 0, "events"]]);
  // a level without non-events
  const flipped = { data: { ...quasi.data, y: quasi.data.y.map((y: number, i: number) => (quasi.data.z[i] === 0 ? 1 : y)) } };
  assert.deepStrictEqual(emptyBinaryLevels(design(flipped), ones).map((e) => [e.term, e.level, e.lacks]), [[1, 0, "non-events"]]);
});
