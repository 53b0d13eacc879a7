import { test } from "node:test";
import * as assert from "assert";
import { splitFollowUp, addTimeDependentExposure } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError } from "./fixture";

// tmerge(data, data, id, event(time, status), tdc(exposure)) row for row.
for (const c of loadFixture("survival-row-builders").filter((x: { kind: string }) => x.kind === "exposure")) {
  test(`tmerge cross-check: ${c.name}`, () => {
    const data = { ...c.data, row_: c.data[c.options.time].map((_: unknown, i: number) => i + 1) };
    const out = addTimeDependentExposure(data, { time: c.options.time, event: c.options.event, exposureTime: c.options.exposure, name: "exposed" });
    assert.deepStrictEqual(out.row_, asArray(c.expected.row));
    assert.deepStrictEqual(out.tstart, asArray(c.expected.tstart));
    assert.deepStrictEqual(out[c.options.time], asArray(c.expected.tstop));
    assert.deepStrictEqual(out[c.options.event], asArray(c.expected.event));
    assert.deepStrictEqual(out.exposed, asArray(c.expected.exposed));
    // other columns copied from their row
    for (const key of Object.keys(c.data)) {
      if (key === c.options.time || key === c.options.event) continue;
      assert.deepStrictEqual(out[key], (out.row_ as number[]).map((r) => c.data[key][r - 1]), `column ${key}`);
    }
  });
}

test("exposed then split (R), and split then exposed: the same rows", () => {
  const c = loadFixture("survival-row-builders").find((x: { kind: string }) => x.kind === "split-exposure");
  const o = { time: c.options.time, event: c.options.event };
  const exposedFirst = splitFollowUp(addTimeDependentExposure(c.data, { ...o, exposureTime: c.options.exposure, name: "exposed" }), {
    ...o,
    cut: asArray(c.options.cut),
  });
  for (const [mine, theirs] of [["id", "id"], ["tstart", "tstart"], [o.time, "tstop"], [o.event, "event"], ["exposed", "exposed"], ["episode", "episode"]]) {
    assert.deepStrictEqual(exposedFirst[mine], asArray(c.expected[theirs]), mine);
  }
  const split = splitFollowUp(c.data, { ...o, cut: asArray(c.options.cut) });
  const splitFirst = addTimeDependentExposure(split, { ...o, exposureTime: c.options.exposure, name: "exposed" });
  const key = (cols: Record<string, unknown[]>, i: number) => [cols.id[i], cols.tstart[i], cols[o.time][i], cols[o.event][i], cols.exposed[i]].join("|");
  const rowsOf = (cols: Record<string, unknown[]>) => cols.id.map((_, i) => key(cols, i)).sort();
  assert.deepStrictEqual(rowsOf(splitFirst), rowsOf(exposedFirst));
});

test("addTimeDependentExposure: the doc example and an exposure array", () => {
  const data = { id: ["a", "b", "c"], time: [10, 8, 5], event: [1, 1, 0], rt: [4, null, 0] };
  const out = addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: "rt", name: "onRT" });
  assert.deepStrictEqual(out, {
    id: ["a", "a", "b", "c"],
    time: [4, 10, 8, 5],
    event: [0, 1, 1, 0],
    rt: [4, 4, null, 0],
    tstart: [0, 4, 0, 0],
    onRT: [0, 1, 0, 1],
  });
  const byArray = addTimeDependentExposure({ time: [10, 8], event: [1, 1] }, { time: "time", event: "event", exposureTime: [10, ""], name: "x" });
  assert.deepStrictEqual(byArray, { time: [10, 8], event: [1, 1], tstart: [0, 0], x: [0, 0] });
  // exposure before a later entry: exposed from entry
  const late = addTimeDependentExposure({ entry: [5], time: [10], event: [1] }, { time: "time", event: "event", start: "entry", exposureTime: [2], name: "x" });
  assert.deepStrictEqual(late, { entry: [5], time: [10], event: [1], x: [1] });
});

test("addTimeDependentExposure bad input", () => {
  const data = { time: [10, 8, 5], event: [1, 1, 0], rt: [4, -1, 0] };
  assertInputError(() => addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: "rt", name: "on" }), "rt", 1);
  assertInputError(() => addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: [1, 2], name: "on" }), "exposureTime", null);
  assertInputError(() => addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: [1, "x", 2], name: "on" }), "exposureTime", 1);
  assertInputError(() => addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: [1, Infinity, 2], name: "on" }), "exposureTime", 1);
  assertInputError(() => addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: "rt_start", name: "on" }), "exposureTime", null);
  assertInputError(() => addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: [1, 1, 1], name: "rt" }), "name", null);
  assertInputError(() => addTimeDependentExposure(data, { time: "time", event: "event", exposureTime: [1, 1, 1], name: "" }), "name", null);
  assertInputError(
    () => addTimeDependentExposure({ start: [0, 9], time: [10, 8], event: [1, 1] }, { time: "time", event: "event", start: "start", exposureTime: [1, 1], name: "on" }),
    "start",
    1,
  );
});
