import { test } from "node:test";
import * as assert from "assert";
import { InputError } from "../../src/core/index";
import { groupedInput } from "../../src/stats/input";
import { anovaOneWay, anovaTwoWay } from "../../src/stats/index";

// groupedInput codes groups with core's factorColumn (no string per row); these pin the
// levels, codes and every error message to what the label-by-label version gave.

const Y = [1.2, 3.4, 2.2, 5.1, 4.4, 3.3, 2.8, 4.9, 3.9];
const G = ["a", "b", "c", "a", "b", "c", "a", "b", "c"];

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e.message;
  }
  assert.fail("did not throw");
}

test("grouped input: levels and codes for numeric, mixed and typed labels", () => {
  const numeric = groupedInput("y", Y, "group", [2, 10, 1, 2, 10, 1, 2, 10, 1], undefined, undefined);
  assert.deepStrictEqual(numeric.levels, ["1", "2", "10"]);
  assert.deepStrictEqual(Array.from(numeric.group), [1, 2, 0, 1, 2, 0, 1, 2, 0]);
  const mixed = groupedInput("y", Y, "group", [2, "10", 1, "2", 10, "1", 2, "10", 1], undefined, undefined);
  assert.deepStrictEqual(mixed.levels, ["1", "2", "10"]);
  assert.deepStrictEqual(Array.from(mixed.group), Array.from(numeric.group));
  const typed = groupedInput("y", Float64Array.from(Y), "group", Float64Array.of(2, 10, 0, 2, 10, 0, 2, 10, -0), undefined, undefined);
  assert.deepStrictEqual(typed.levels, ["0", "2", "10"]);
  assert.deepStrictEqual(Array.from(typed.group), [1, 2, 0, 1, 2, 0, 1, 2, 0]);
  const given = groupedInput("y", Y, "group", [2, 10, 1, 2, 10, 1, 2, 10, 1], undefined, [10, 2, 1]);
  assert.deepStrictEqual(given.levels, ["10", "2", "1"]);
  assert.deepStrictEqual(Array.from(given.group), [1, 0, 2, 1, 0, 2, 1, 0, 2]);
  const dropped = groupedInput("y", [NaN, ...Y.slice(1)], "group", [undefined, ...G.slice(1)], "drop", ["c", "b", "a"]);
  assert.deepStrictEqual(Array.from(dropped.rows), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepStrictEqual(Array.from(dropped.group), [1, 0, 2, 1, 0, 2, 1, 0]);
  assert.strictEqual(dropped.dropped, 1);
});

test("grouped input: error messages", () => {
  const cases: Array<[() => unknown, string]> = [
    [() => anovaOneWay(Y, G, { levels: ["a", "b"] }), 'group[2] = "c": is not one of levels'],
    [() => anovaOneWay(Y, G, { levels: ["a", "b", "c", "d"] }), 'levels[3] = "d": group "d" has no observations in group'],
    [() => anovaOneWay(Y, G, { levels: ["a", "b", "b"] }), 'levels[2] = "b": is repeated'],
    [() => anovaOneWay(Y, G, { levels: ["a", null as never, "b"] }), "levels[1] = null: must be a level label (string or number)"],
    [() => anovaOneWay(Y, G, { levels: [] }), "levels: is empty"],
    [() => anovaOneWay(Y, [1, 2, 3, 1, 2, 3, 1, 2, 10], { levels: [1, 2, 3] }), 'group[8] = "10": is not one of levels'],
    [() => anovaOneWay(Y, G.map(() => "a")), "group: needs at least 2 groups, found 1"],
    [() => anovaOneWay(Y, G.map(() => "a"), { levels: ["a"] }), "group: needs at least 2 groups, found 1"],
    [() => anovaOneWay(Y, ["a", "b", {}, "a", "b", "c", "a", "b", "c"]), "group[2] = [object Object]: must be a group label (string or number)"],
    [() => anovaOneWay(Y, ["a", "b", "c", "a", "b", "c", "a", "b", Infinity]), "group[8] = Infinity: must be a group label (string or number)"],
    [() => anovaOneWay([null, ...Y.slice(1)], [{}, "b", "c", "a", "b", [], "a", "b", "c"], { missing: "drop" }), "group[5] = : must be a group label (string or number)"],
    [() => anovaTwoWay(Y, G, [1, 1, 1, 2, 2, 2, 1, 2, 1], { levelsA: ["x"] }), 'a[0] = "a": is not one of levelsA'],
    [() => anovaTwoWay(Y, G, [1, 1, 1, 2, 2, 2, 1, 2, 1], { levelsB: [1, 2, 3] }), 'levelsB[2] = "3": group "3" has no observations in b'],
  ];
  for (const [f, expected] of cases) assert.strictEqual(message(f), expected);
});
