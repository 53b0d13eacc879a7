import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { categoricalStandardizedDifference, categoricalSmdFromProportions, standardizedDifference } from "../../src/stats/index";
import { loadFixture, assertInputError } from "../survival/fixture";

// test/fixtures/r/stats-categorical-smd.R: Yang & Dalton's formula in base R (categorical-smd.R).
const f = loadFixture("stats-categorical-smd");

test("categoricalStandardizedDifference = Yang & Dalton (R, base solve) on 2 to 6 levels, weighted, with empty levels", () => {
  for (const c of f.cases) {
    const r = categoricalStandardizedDifference(c.x, c.treated, { levels: c.levels, weights: c.weights ?? undefined });
    assertClose(r.smd, c.smd, `${c.name}: smd`, 1e-10);
    c.proportions_treated.forEach((p: number, j: number) => assertClose(r.proportionsTreated[j], p, `${c.name}: p treated ${j}`, 1e-14));
    c.proportions_control.forEach((p: number, j: number) => assertClose(r.proportionsControl[j], p, `${c.name}: p control ${j}`, 1e-14));
    assert.deepStrictEqual(r.emptyLevels, c.empty_levels, `${c.name}: empty levels`);
    assert.strictEqual(r.separated, false);
    assert.strictEqual(r.weighted, c.weights !== null && c.weights !== undefined);
    // tableone's route (MASS::ginv over every declared level) agrees, empty levels included.
    if (c.tableone_ginv !== undefined) assertClose(r.smd, c.tableone_ginv, `${c.name}: tableone ginv route`, 1e-10);
  }
});

test("categoricalStandardizedDifference: two levels = |binary SMD| with p(1 - p) (R and standardizedDifference)", () => {
  const c = f.cases.find((x: { name: string }) => x.name === "two levels");
  const r = categoricalStandardizedDifference(c.x, c.treated, { levels: c.levels });
  assertClose(r.smd, Math.abs(c.binary_smd), "R's binary SMD", 1e-10);
  const bin = standardizedDifference(c.x.map((v: string) => (v === "yes" ? 1 : 0)), c.treated, { binary: true });
  assertClose(r.smd, Math.abs(bin.smd as number), "standardizedDifference", 1e-12);
  // The reference level does not matter (two levels and k levels alike).
  assertClose(categoricalStandardizedDifference(c.x, c.treated, { levels: ["yes", "no"] }).smd, r.smd, "other reference", 1e-12);
  const five = f.cases.filter((x: { name: string }) => x.name === "five levels")[0];
  const shuffled = categoricalStandardizedDifference(five.x, five.treated, { levels: ["e", "d", "c", "b", "a"] });
  assertClose(shuffled.smd, five.smd, "five levels, reversed", 1e-10);
});

test("categoricalStandardizedDifference: degenerate cases", () => {
  // Disjoint supports: S singular, distance infinite; tableone's pseudo-inverse prints a finite number (R: 1 here).
  const s = f.separated;
  const sep = categoricalStandardizedDifference(s.x, s.treated, { levels: s.levels });
  assert.strictEqual(sep.smd, null);
  assert.strictEqual(sep.separated, true);
  assert.ok(Number.isFinite(s.tableone_ginv), "tableone's ginv value is finite where the distance is infinite");
  // Two levels separated: standardizedDifference's null too.
  assert.strictEqual(categoricalStandardizedDifference(["a", "a", "b", "b"], [1, 1, 0, 0]).smd, null);
  assert.strictEqual(standardizedDifference([1, 1, 0, 0], [1, 1, 0, 0]).smd, null);
  // Everyone in one level: no difference.
  const one = categoricalStandardizedDifference(["x", "x", "x"], [1, 0, 0], { levels: ["x", "y", "z"] });
  assert.strictEqual(one.smd, 0);
  assert.deepStrictEqual(one.emptyLevels, ["y", "z"]);
  // Groups that share one level only are not separated.
  const shared = categoricalSmdFromProportions([0.5, 0.5, 0], [0, 0.5, 0.5]);
  assert.strictEqual(shared.separated, false);
  assert.ok(shared.smd !== null && shared.smd > 0);
  // Identical profiles: 0.
  assertClose(categoricalSmdFromProportions([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).smd, 0, "identical", 1e-15);
});

test("categoricalStandardizedDifference: levels seen, missing values, errors", () => {
  const r = categoricalStandardizedDifference(["0", "1", "2", "1", null, ""], [0, 0, 1, 1, 1, 0], { missing: "drop" });
  assert.deepStrictEqual(r.levels, ["0", "1", "2"]);
  assert.strictEqual(r.dropped, 2);
  assert.deepStrictEqual([r.nTreated, r.nControl], [2, 2]);
  assertInputError(() => categoricalStandardizedDifference(["0", null], [0, 1]), "x", 1);
  assertInputError(() => categoricalStandardizedDifference(["0", "5"], [0, 1], { levels: ["0", "1"] }), "x", 1);
  assertInputError(() => categoricalStandardizedDifference(["0", "1"], [0, 2]), "treated", 1);
  assertInputError(() => categoricalStandardizedDifference(["0", "1"], [0, 1], { levels: ["0", "0"] }), "levels");
  assertInputError(() => categoricalStandardizedDifference(["0", "1"], [0, 1], { levels: ["0"] }), "levels");
  assertInputError(() => categoricalStandardizedDifference(["0", "1"], [1, 1]), "treated");
  assertInputError(() => categoricalSmdFromProportions([0.5, 0.5], [1]), "pControl");
  assertInputError(() => categoricalSmdFromProportions([0.5, 1.5], [0.5, 0.5]), "pTreated", 1);
  // numbers and their text are one level
  assert.deepStrictEqual(categoricalStandardizedDifference([0, 1, 2, 1], [0, 0, 1, 1], { levels: ["0", "1", "2"] }).levels, ["0", "1", "2"]);
});
