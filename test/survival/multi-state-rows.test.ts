import { test } from "node:test";
import * as assert from "assert";
import { multiStateRows, aalenJohansen } from "../../src/survival/index";
import { assertInputError } from "./fixture";

test("multiStateRows: one row per interval, progressive states, censoring after the last event", () => {
  const rows = multiStateRows(
    [10, 8, 12, 6, 9],
    {
      local: [2, null, 5, null, 3],
      oof: [6, 3, 4, null, 3],
      death: [10, null, null, 6, null],
    },
    { id: ["a", "b", "c", "d", "e"], group: ["x", "x", "y", "y", "y"] },
  );
  assert.deepStrictEqual(rows.states, ["local", "oof", "death"]);
  assert.deepStrictEqual(rows.id, ["a", "a", "a", "b", "b", "c", "c", "d", "e", "e"]);
  assert.deepStrictEqual(rows.start, [0, 2, 6, 0, 3, 0, 4, 0, 0, 3]);
  assert.deepStrictEqual(rows.stop, [2, 6, 10, 3, 8, 4, 12, 6, 3, 9]);
  // c: out of field at 4, then a local progression at 5 changes nothing (already further along);
  // e: local and out of field at the same visit count as out of field.
  assert.deepStrictEqual(rows.state, ["local", "oof", "death", "oof", "censor", "oof", "censor", "death", "oof", "censor"]);
  assert.deepStrictEqual(rows.istate, ["(s0)", "local", "oof", "(s0)", "oof", "(s0)", "oof", "(s0)", "(s0)", "oof"]);
  assert.deepStrictEqual(rows.group, ["x", "x", "x", "x", "x", "y", "y", "y", "y", "y"]);
  assert.strictEqual(rows.nSubjects, 5);
  // The rows are what aalenJohansen takes.
  const aj = aalenJohansen(rows.stop, rows.state, rows.group, { start: rows.start, id: rows.id, istate: rows.istate, censor: rows.censor, states: rows.states });
  assert.deepStrictEqual(aj.states, ["(s0)", "local", "oof", "death"]);
  assert.strictEqual(aj.nSubjects, 5);
});

test("multiStateRows: entry moves the origin; events at or before entry set the starting state", () => {
  const rows = multiStateRows([10, 7], { local: [1, 5], death: [null, 7] }, { entry: [2, 3] });
  assert.deepStrictEqual(rows.start, [2, 3, 5]);
  assert.deepStrictEqual(rows.stop, [10, 5, 7]);
  assert.deepStrictEqual(rows.state, ["censor", "local", "death"]);
  assert.deepStrictEqual(rows.istate, ["local", "(s0)", "local"]);
  assert.strictEqual(rows.startedLater, 1);
});

test("multiStateRows bad input names the column and row", () => {
  assertInputError(() => multiStateRows([10, 8], { local: [2, 9], death: [null, null] }), "events.local", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [2, 3], death: [null, 6] }), "events.death", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [2, -1], death: [null, null] }), "events.local", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [2, "x"], death: [null, null] }), "events.local", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [10, 3], death: [null, 8] }, { absorbing: ["local", "death"] }), "events.local", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [2, 3] }, { entry: [0, 8], absorbing: [] }), "time", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [2, 3], death: [10, null] }, { entry: [10.5, 0] }), "time", 0);
  assertInputError(() => multiStateRows([10, 8], { local: [2, 3], death: [2, null] }, { entry: [5, 0] }), "events.death", 0);
  assertInputError(() => multiStateRows([10, null], { local: [2, 3] }, { absorbing: [] }), "time", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [2, 3] }, { order: ["local", "death"] }), "order", 1);
  assertInputError(() => multiStateRows([10, 8], { local: [2] }), "events.local", null);
  const dropped = multiStateRows([10, null], { local: [2, 3] }, { missing: "drop", absorbing: [] });
  assert.strictEqual(dropped.dropped, 1);
});
