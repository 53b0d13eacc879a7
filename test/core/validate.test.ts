import { test } from "node:test";
import * as assert from "assert";
import { InputError, missingRows, timeColumn, eventColumn, requireSameLength, levelsOf } from "../../src/core";

test("timeColumn names the first negative time", () => {
  assert.throws(() => timeColumn("time", [1, 2, -3, -4]), (e: unknown) => e instanceof InputError && e.message === "time[2] = -3: must be a non-negative time");
});

test("timeColumn rejects NaN and strings with their index", () => {
  assert.throws(() => timeColumn("time", [1, NaN]), /time\[1\] = NaN: must be a finite number/);
  assert.throws(() => timeColumn("time", [1, "2" as unknown as number]), /time\[1\] = "2"/);
});

test("eventColumn accepts only 0/1", () => {
  assert.deepStrictEqual(Array.from(eventColumn("event", [0, 1, true, false])), [0, 1, 1, 0]);
  assert.throws(() => eventColumn("event", [0, 1, 2]), /event\[2\] = 2: must be 0 \(censored\) or 1 \(event\)/);
});

test("missingRows throws by default and reports rows to drop on request", () => {
  assert.throws(() => missingRows({ time: [1, null, 3], event: [1, 1, 1] }), /time\[1\] = null: is missing/);
  assert.deepStrictEqual(Array.from(missingRows({ time: [1, null, 3], event: [1, 1, NaN] }, "drop")), [1, 2]);
});

test("requireSameLength names the mismatched argument", () => {
  assert.throws(() => requireSameLength({ time: [1, 2], event: [1] }), /event: has length 1 but time has length 2/);
});

test("levelsOf orders numeric labels by value, others by text", () => {
  assert.deepStrictEqual(levelsOf(["10", "2", "1"]), ["1", "2", "10"]);
  assert.deepStrictEqual(levelsOf(["b", "a", "TACE+RT", "TACE"]), ["TACE", "TACE+RT", "a", "b"]);
});
