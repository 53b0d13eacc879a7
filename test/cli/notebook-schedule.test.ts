import { test } from "node:test";
import * as assert from "assert";
import { prerequisites, runScheduled } from "../../src/cli/notebook-schedule";
import type { StudyNotebook } from "../../src/cli/study-notebooks";

const nb = (name: string, after?: string[]): StudyNotebook => ({ name, data: [], after });
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("runScheduled runs at most `jobs` at a time and reports in list order, whatever order runs finish in", async () => {
  const list = [nb("a"), nb("b"), nb("c"), nb("d")];
  const took: Record<string, number> = { a: 40, b: 5, c: 5, d: 1 };
  let running = 0;
  let most = 0;
  const finished: string[] = [];
  const reported: string[] = [];
  const results = await runScheduled(
    list,
    list,
    2,
    async (n) => {
      running++;
      most = Math.max(most, running);
      await delay(took[n.name]);
      running--;
      finished.push(n.name);
      return n.name.toUpperCase();
    },
    (n, result, index) => reported.push(`${index}:${n.name}:${result}`),
  );
  assert.strictEqual(most, 2);
  assert.notDeepStrictEqual(finished, ["a", "b", "c", "d"]); // b, c, d finish before a
  assert.deepStrictEqual(reported, ["0:a:A", "1:b:B", "2:c:C", "3:d:D"]);
  assert.deepStrictEqual([...results.keys()].sort(), ["a", "b", "c", "d"]);
});

test("a notebook with `after` starts only when its prerequisites have finished", async () => {
  const list = [nb("a"), nb("b"), nb("summary", ["a", "b"]), nb("d")];
  const done = new Set<string>();
  const startedWith: Record<string, string[]> = {};
  await runScheduled(
    list,
    list,
    2,
    async (n) => {
      startedWith[n.name] = [...done].sort();
      await delay(n.name === "a" ? 30 : 2);
      done.add(n.name);
      return null;
    },
    () => {},
  );
  assert.ok(startedWith.summary.includes("a") && startedWith.summary.includes("b"), `summary started after ${startedWith.summary}`);
  // d does not wait for summary: it starts while a is still running.
  assert.ok(!startedWith.d.includes("a"), `d started after ${startedWith.d}`);
});

test("jobs = 1 runs the notebooks one by one in list order", async () => {
  const list = [nb("a"), nb("b"), nb("c")];
  const order: string[] = [];
  await runScheduled(list, list, 1, async (n) => { order.push(n.name); await delay(1); return 0; }, () => {});
  assert.deepStrictEqual(order, ["a", "b", "c"]);
});

test("the longest notebook by a previous run's times starts first; without times, list order; reports stay in list order", async () => {
  const list = [nb("a"), nb("b"), nb("c"), nb("d", ["a"])];
  const previous: Record<string, number> = { b: 3, c: 40, d: 90 };
  const order: string[] = [];
  const reported: string[] = [];
  await runScheduled(list, list, 1, async (n) => { order.push(n.name); await delay(1); return 0; }, (n) => reported.push(n.name), () => false, (n) => previous[n.name]);
  // d is longest but waits for a; among the free ones c (40 s) goes first, then b (3 s), then a (no time).
  assert.deepStrictEqual(order, ["c", "b", "a", "d"]);
  assert.deepStrictEqual(reported, ["a", "b", "c", "d"]);
});

test("prerequisites: names must be study notebooks listed earlier; those not being run are left out", () => {
  const all = [nb("a"), nb("b", ["a"]), nb("c", ["a", "b"])];
  assert.deepStrictEqual(prerequisites([all[2]], all).get("c"), []);
  assert.deepStrictEqual(prerequisites(all, all).get("c"), ["a", "b"]);
  assert.throws(() => prerequisites([nb("x", ["nope"])], [nb("x", ["nope"])]), /not a study notebook/);
  const backwards = [nb("a", ["b"]), nb("b")];
  assert.throws(() => prerequisites(backwards, backwards), /comes later in the list/);
});

test("a run that throws stops the schedule and the error reaches the caller; no new runs start after it", async () => {
  const list = [nb("a"), nb("b"), nb("c"), nb("d")];
  const startedRuns: string[] = [];
  await assert.rejects(
    runScheduled(list, list, 2, async (n) => {
      startedRuns.push(n.name);
      await delay(n.name === "a" ? 1 : 20);
      if (n.name === "a") throw new Error("kernel died");
      return 0;
    }, () => {}),
    /kernel died/,
  );
  assert.deepStrictEqual(startedRuns, ["a", "b"]);
});

test("the study manifest's `after` constraints are valid", async () => {
  const { STUDY_NOTEBOOKS } = await import("../../src/cli/study-notebooks");
  assert.doesNotThrow(() => prerequisites(STUDY_NOTEBOOKS, STUDY_NOTEBOOKS));
});
