import { test } from "node:test";
import * as assert from "assert";
import { cumulativeIncidenceDelayedEntry, cumulativeIncidence, cumulativeIncidenceAt, retimeFromOrigin } from "../../src/survival/index";
import { loadFixture, assertInputError } from "./fixture";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

test("cumulativeIncidenceDelayedEntry matches survfit(Surv(start, stop, cause) ~ sex, id) on mgus2's age scale", () => {
  const c = (loadFixture("competing-multistate") as Json[]).find((x) => x.name === "mgus2 age scale, delayed entry, by sex");
  const d = c.data;
  const code: Record<string, number> = { censor: 0, pcm: 1, death: 2 };
  const ci = cumulativeIncidenceDelayedEntry(d.start, d.stop, d.state.map((s: string) => code[s]), d.group, { id: d.id });
  assert.deepStrictEqual(ci.causes, [1, 2]);
  assert.strictEqual(ci.grayTest, null);
  assert.deepStrictEqual(ci.curves.map((x) => x.name), ["F 1", "M 1", "F 2", "M 2"]);
  for (const curve of ci.curves) {
    const ec = c.expected.curves[ci.groups.indexOf(curve.group)];
    const s = c.expected.states.indexOf(curve.cause === 1 ? "pcm" : "death");
    const rows = ec.time.map((_: number, t: number) => t).filter((t: number) => ec.n_event[t][s] > 0);
    assert.deepStrictEqual(curve.time, rows.map((t: number) => ec.time[t]));
    rows.forEach((t: number, k: number) => {
      assert.ok(Math.abs(curve.estimate[k] - ec.pstate[t][s]) <= 1e-12 * ec.pstate[t][s], `${curve.name} estimate`);
      assert.ok(Math.abs(curve.stdErr[k] - ec.std_err[t][s]) <= 1e-9 * ec.std_err[t][s], `${curve.name} std.err`);
      assert.ok(Math.abs(curve.variance[k] - ec.std_err[t][s] ** 2) <= 1e-8 * ec.std_err[t][s] ** 2);
    });
    assert.strictEqual(curve.followUpEnd, ec.time[ec.time.length - 1]);
    // Usable with cumulativeIncidenceAt, as a cuminc curve.
    const at = cumulativeIncidenceAt(curve, [curve.time[0], curve.followUpEnd + 1]);
    assert.strictEqual(at.estimate[0], curve.estimate[0]);
    assert.strictEqual(at.estimate[1], null);
  }
});

test("cumulativeIncidenceDelayedEntry without delayed entry gives cuminc's estimates", () => {
  let seed = 99;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const n = 200;
  const time = Array.from({ length: n }, () => Math.ceil(rnd() * 40) / 2);
  const cause = Array.from({ length: n }, () => Math.floor(rnd() * 3));
  const group = Array.from({ length: n }, () => (rnd() < 0.5 ? "A" : "B"));
  const aj = cumulativeIncidenceDelayedEntry(new Array(n).fill(-1), time, cause, group, { timefix: false });
  const cm = cumulativeIncidence(time, cause, group);
  assert.deepStrictEqual(aj.curves.map((x) => x.name), cm.curves.map((x) => x.name));
  aj.curves.forEach((curve, j) => {
    assert.deepStrictEqual(curve.time, cm.curves[j].time);
    curve.estimate.forEach((v, k) => assert.ok(Math.abs(v - cm.curves[j].estimate[k]) < 1e-13, `${curve.name}[${k}]`));
  });
});

test("cumulativeIncidenceDelayedEntry bad input: an event at the entry time, causes not integers", () => {
  assertInputError(() => cumulativeIncidenceDelayedEntry([0, 2, 1], [0, 5, 4], [1, 0, 2]), "stop", 0);
  assertInputError(() => cumulativeIncidenceDelayedEntry([0, 2, 1], [3, 5, 4], [1, 0.5, 2]), "cause", 1);
  assertInputError(() => cumulativeIncidenceDelayedEntry([0, 2, 1], [3, 5, 4], [0, 0, 0]), "cause", null);
  assertInputError(() => cumulativeIncidenceDelayedEntry([0, 6, 1], [3, 5, 4], [1, 0, 2]), "stop", 1);
});

test("retimeFromOrigin: time from each subject's origin, drops counted by reason, feeds cuminc and Gray's test", () => {
  const r = retimeFromOrigin([5, 12, 3, 20, 4, 9], [1, 0, 2, 1, 2, 0], [2, 2, 4, 6, 4, null], { group: ["a", "b", "a", "b", "a", "b"], missing: "drop" });
  assert.deepStrictEqual(r.time, [3, 10, 14]);
  assert.deepStrictEqual(r.cause, [1, 0, 1]);
  assert.deepStrictEqual(r.group, ["a", "b", "b"]);
  assert.deepStrictEqual(r.row, [0, 1, 3]);
  assert.deepStrictEqual(r.dropped, { beforeOrigin: 1, atOrigin: 1, missing: 1, rows: [2, 4, 5] });
  const ci = cumulativeIncidence(r.time, r.cause, r.group);
  assert.ok(ci.grayTest !== null);
  assertInputError(() => retimeFromOrigin([5, 12], [1, 0], [2, null]), "origin", 1);
  assertInputError(() => retimeFromOrigin([5, 12], [1, 0.5], [2, 1]), "cause", 1);
  assertInputError(() => retimeFromOrigin([5, 12], [1, 0], [2, -1]), "origin", 1);
  assertInputError(() => retimeFromOrigin([5, 12], [1, 0], [6, 13]), "origin", null);
});
