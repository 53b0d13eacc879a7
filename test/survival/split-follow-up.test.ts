import { test } from "node:test";
import * as assert from "assert";
import { splitFollowUp } from "../../src/survival/index";
import { loadFixture, asArray, assertInputError } from "./fixture";

// test/fixtures/r/survival-row-builders.R: survSplit output row for row.
for (const c of loadFixture("survival-row-builders").filter((x: { kind: string }) => x.kind === "split")) {
  test(`survSplit cross-check: ${c.name}`, () => {
    const out = splitFollowUp(c.data, {
      time: c.options.time,
      event: c.options.event,
      cut: asArray(c.options.cut),
      start: c.options.start === null ? undefined : c.options.start,
      episode: c.options.episode,
      id: c.options.id === null ? undefined : c.options.id,
    });
    const expectedNames = Object.keys(c.expected).sort();
    assert.deepStrictEqual(Object.keys(out).sort(), expectedNames);
    for (const name of expectedNames) assert.deepStrictEqual(out[name], asArray(c.expected[name]), `${c.name}: column ${name}`);
  });
}

test("splitFollowUp: the doc example, input left untouched", () => {
  const data = { id: ["a", "b"], time: [5, 14], event: [1, 0] };
  const out = splitFollowUp(data, { time: "time", event: "event", cut: [6, 12] });
  assert.deepStrictEqual(out, { id: ["a", "b", "b", "b"], time: [5, 6, 12, 14], event: [1, 0, 0, 0], tstart: [0, 0, 6, 12], episode: [1, 1, 2, 3] });
  assert.deepStrictEqual(data, { id: ["a", "b"], time: [5, 14], event: [1, 0] });
  // booleans are events; typed arrays are columns; no cuts: one row per input row.
  const typed = splitFollowUp({ t: Float64Array.of(3, 4), d: [true, false] }, { time: "t", event: "d", cut: [], start: "entry", episode: "k" });
  assert.deepStrictEqual(typed, { t: [3, 4], d: [1, 0], entry: [0, 0], k: [1, 1] });
});

test("splitFollowUp bad input", () => {
  const data = { time: [5, 14, 3], event: [1, 0, 1], entry: [0, 2, 3] };
  assertInputError(() => splitFollowUp(data, { time: "time", event: "event", cut: [4], start: "entry" }), "entry", 2);
  assertInputError(() => splitFollowUp({ time: [5, 0], event: [1, 0] }, { time: "time", event: "event", cut: [4] }), "time", 1);
  assertInputError(() => splitFollowUp({ time: [5, -1], event: [1, 0] }, { time: "time", event: "event", cut: [4] }), "time", 1);
  assertInputError(() => splitFollowUp({ time: [5, NaN], event: [1, 0] }, { time: "time", event: "event", cut: [4] }), "time", 1);
  assertInputError(() => splitFollowUp({ time: [5, 2], event: [1, 2] }, { time: "time", event: "event", cut: [4] }), "event", 1);
  assertInputError(() => splitFollowUp({ time: [5, 2], event: [1, 0] }, { time: "futime", event: "event", cut: [4] }), "time", null);
  assertInputError(() => splitFollowUp({ time: [5, 2], event: [1, 0] }, { time: "time", event: "event", cut: [4, Infinity] }), "cut", 1);
  assertInputError(() => splitFollowUp({ time: [5, 2], event: [1, 0], x: [1] }, { time: "time", event: "event", cut: [4] }), "x", null);
  assertInputError(() => splitFollowUp({ time: [5, 2], event: [1, 0], episode: [1, 1] }, { time: "time", event: "event", cut: [4] }), "episode", null);
  assertInputError(() => splitFollowUp({ time: [5, 2], event: [1, 0] }, { time: "time", event: "event", cut: [4], zero: NaN }), "zero", null);
  assertInputError(() => splitFollowUp({ time: [5, 2], event: [1, 0] }, { time: "time", event: "event", cut: [4], id: "time" }), "id", null);
});

