import { test } from "node:test";
import * as assert from "assert";
import { InputError, missingRows, timeColumn, eventColumn, requireSameLength, levelsOf } from "../../src/core";
import { finiteColumn, labelColumn, factorColumn, isMissing } from "../../src/core";
import type { ArrayLikeInput } from "../../src/core";

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

// ---- Fast paths: the same results and the same errors as the plain row-by-row checks ----

function keptIndices(n: number, dropped: Set<number>): number[] {
  return Array.from({ length: n }, (_, i) => i).filter((i) => !dropped.has(i));
}

/** The row-by-row definitions the fast paths must match. */
const reference = {
  missingRows(columns: Record<string, ArrayLikeInput<unknown>>, policy: "error" | "drop" = "error"): Set<number> {
    const dropped = new Set<number>();
    const names = Object.keys(columns);
    const n = names.length === 0 ? 0 : columns[names[0]].length;
    for (let i = 0; i < n; i++) {
      for (const name of names) {
        if (isMissing(columns[name][i])) {
          if (policy !== "drop") throw new InputError(name, i, columns[name][i], 'is missing (pass { missing: "drop" } to drop such rows)');
          dropped.add(i);
          break;
        }
      }
    }
    return dropped;
  },
  finiteColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set()): Float64Array {
    return Float64Array.from(keptIndices(values.length, dropped), (i) => {
      const v = values[i];
      if (typeof v === "number" && Number.isFinite(v)) return v;
      throw new InputError(name, i, v, "must be a finite number");
    });
  },
  eventColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set()): Uint8Array {
    return Uint8Array.from(keptIndices(values.length, dropped), (i) => {
      const v = values[i];
      // includes() compares as SameValueZero: -0 counts as 0.
      if ([1, true].includes(v as number | boolean)) return 1;
      if ([0, false].includes(v as number | boolean)) return 0;
      throw new InputError(name, i, v, "must be 0 (censored) or 1 (event)");
    });
  },
  factor(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set()): { codes: number[]; levels: string[] } {
    const labels = labelColumn(name, values, dropped);
    const levels = levelsOf(labels);
    return { codes: labels.map((l) => levels.indexOf(l)), levels };
  },
};

/** Runs both; they must return equal values or throw the same InputError (message, argument, index, value). */
function same<T>(label: string, fast: () => T, slow: () => T, compare: (a: T, b: T) => void = (a, b) => assert.deepStrictEqual(a, b)): void {
  let expected: { value?: T; error?: InputError };
  try {
    expected = { value: slow() };
  } catch (e) {
    assert.ok(e instanceof InputError, `${label}: reference threw ${String(e)}`);
    expected = { error: e };
  }
  let actual: { value?: T; error?: unknown };
  try {
    actual = { value: fast() };
  } catch (e) {
    actual = { error: e };
  }
  if (expected.error !== undefined) {
    const a = actual.error;
    assert.ok(a instanceof InputError, `${label}: expected "${expected.error.message}", got ${a === undefined ? "a result" : String(a)}`);
    assert.strictEqual(a.message, expected.error.message, label);
    assert.strictEqual(a.argument, expected.error.argument, label);
    assert.strictEqual(a.index, expected.error.index, label);
    assert.ok(Object.is(a.value, expected.error.value), `${label}: value`);
  } else {
    assert.strictEqual(actual.error, undefined, `${label}: threw ${String(actual.error)}`);
    compare(actual.value as T, expected.value as T);
  }
}

const typedKinds: Array<[string, (v: number[]) => ArrayLikeInput<unknown>]> = [
  ["number[]", (v) => v.slice()],
  ["Float64Array", (v) => Float64Array.from(v)],
  ["Float32Array", (v) => Float32Array.from(v)],
  ["Int32Array", (v) => Int32Array.from(v)],
  ["Uint8Array", (v) => Uint8Array.from(v)],
];

test("missingRows fast path: same empty set, same first (row, column) error, same dropped rows", () => {
  const base = [3, 1, 4, 1, 5, 9, 2, 6];
  for (const [kindA, makeA] of typedKinds) {
    for (const [kindB, makeB] of typedKinds) {
      const columns = { a: makeA(base), b: makeB(base.map((x) => x * 2)) };
      for (const policy of ["error", "drop"] as const) {
        same(`${kindA}/${kindB} complete ${policy}`, () => missingRows(columns, policy), () => reference.missingRows(columns, policy));
      }
    }
  }
  const cases: Array<[string, Record<string, ArrayLikeInput<unknown>>]> = [
    ["NaN in a Float64Array", { x: Float64Array.of(1, 2, NaN, 4), y: [1, 2, 3, 4] }],
    ["later row in the first column, earlier in the second", { x: [1, 2, 3, null], y: Float64Array.of(1, NaN, 3, 4) }],
    ["same row, both columns: the first column named", { x: [1, undefined, 3], y: [1, null, 3] }],
    ["same row, second column only", { x: Int32Array.of(1, 2, 3), y: [1, NaN, NaN] }],
    ["row 0", { x: [null, 1], y: [NaN, 2] }],
    ["holes in a sparse array", { x: (() => { const a: number[] = []; a[0] = 1; a[3] = 4; return a; })(), y: [1, 2, 3, 4] }],
    ["a shorter second column reads undefined", { x: [1, 2, 3, 4], y: Float64Array.of(1, 2) }],
    ["a shorter integer column", { x: [1, 2, 3], y: Uint8Array.of(1) }],
    ["strings are not missing", { x: ["a", "NaN", "", "b"], y: [1, 2, 3, 4] }],
    ["Float32Array NaN", { x: Float32Array.of(1, NaN), y: [1, 2] }],
    ["several rows to drop", { x: [NaN, 1, null, 3, 4, undefined], y: Float64Array.of(1, NaN, 2, 3, NaN, 5) }],
    ["one column", { x: [1, 2, NaN, 4, null] }],
    ["no columns", {}],
  ];
  for (const [label, columns] of cases) {
    for (const policy of ["error", "drop"] as const) {
      same(`${label} (${policy})`, () => missingRows(columns, policy), () => reference.missingRows(columns, policy));
    }
  }
  // Large complete columns (the fast path's purpose) and one missing value near the end.
  const big = Float64Array.from({ length: 100000 }, (_, i) => i / 7);
  assert.strictEqual(missingRows({ big, codes: new Int32Array(100000) }).size, 0);
  big[99998] = NaN;
  same("large, missing near the end", () => missingRows({ codes: Array.from(big, () => 1), big }), () => reference.missingRows({ codes: Array.from(big, () => 1), big }));
});

test("finiteColumn fast path: typed and plain columns give the same numbers and the same errors", () => {
  const bad: unknown[] = [NaN, Infinity, -Infinity, "1", null, undefined, true, 10n];
  for (const [kind, make] of typedKinds) {
    const column = make([0, -0, 1.5, -2, 1e300, 7]);
    same(`${kind} all finite`, () => finiteColumn("x", column), () => reference.finiteColumn("x", column), (a, b) => {
      assert.ok(a instanceof Float64Array);
      assert.deepStrictEqual(Array.from(a), Array.from(b));
    });
    same(`${kind} with dropped rows`, () => finiteColumn("x", column, new Set([1, 4])), () => reference.finiteColumn("x", column, new Set([1, 4])));
  }
  for (const v of bad) {
    for (const column of [[1, 2, v, 4, v], Float64Array.of(1, 2, typeof v === "number" ? v : NaN, 4)]) {
      same(`bad ${String(v)}`, () => finiteColumn("x", column), () => reference.finiteColumn("x", column));
      same(`bad ${String(v)}, that row dropped`, () => finiteColumn("x", column, new Set([2])), () => reference.finiteColumn("x", column, new Set([2])));
    }
  }
  same("Float32Array infinity", () => finiteColumn("x", Float32Array.of(1, Infinity)), () => reference.finiteColumn("x", Float32Array.of(1, Infinity)));
  same("BigInt64Array", () => finiteColumn("x", BigInt64Array.of(1n)), () => reference.finiteColumn("x", BigInt64Array.of(1n)));
  // -0 survives the copy.
  assert.ok(Object.is(finiteColumn("x", Float64Array.of(-0))[0], -0));
  assert.ok(Object.is(finiteColumn("x", [-0])[0], -0));
});

test("timeColumn and eventColumn: same errors with and without dropped rows", () => {
  assert.throws(() => timeColumn("time", Float64Array.of(1, 2, -3)), (e: unknown) => e instanceof InputError && e.message === "time[2] = -3: must be a non-negative time");
  assert.throws(() => timeColumn("time", [1, -2, -3], new Set([1])), (e: unknown) => e instanceof InputError && e.message === "time[2] = -3: must be a non-negative time");
  assert.throws(() => timeColumn("time", Float64Array.of(1, Infinity)), /time\[1\] = Infinity: must be a finite number/);
  assert.deepStrictEqual(Array.from(timeColumn("time", Int32Array.of(3, 0, 5), new Set([1]))), [3, 5]);
  assert.deepStrictEqual(Array.from(eventColumn("event", Float64Array.of(1, 0, 1))), [1, 0, 1]);
  assert.deepStrictEqual(Array.from(eventColumn("event", [1, 2, 0], new Set([1]))), [1, 0]);
  assert.throws(() => eventColumn("event", Uint8Array.of(0, 1, 2)), /event\[2\] = 2: must be 0 \(censored\) or 1 \(event\)/);
  for (const [kind, make] of typedKinds) {
    for (const values of [[1, 0, 0, 1], [0, -0, 1], [1, 0, 2, 0.5], [1, 255, 0], [0, NaN, 1], [1, 0.5]]) {
      const column = make(values);
      same(`eventColumn ${kind} ${values.join(",")}`, () => eventColumn("event", column), () => reference.eventColumn("event", column));
      same(`eventColumn ${kind} ${values.join(",")}, row 1 dropped`, () => eventColumn("event", column, new Set([1])), () => reference.eventColumn("event", column, new Set([1])));
    }
  }
  same("eventColumn booleans", () => eventColumn("event", [true, false, 1, "1"]), () => reference.eventColumn("event", [true, false, 1, "1"]));
});

test("factorColumn: the labels, levels and errors of labelColumn + levelsOf, without a string per row", () => {
  const cases: Array<[string, ArrayLikeInput<unknown>]> = [
    ["numeric codes", Float64Array.of(2, 10, 2, 1, 10, 1.5)],
    ["integer typed", Int32Array.of(3, 3, 1, 2, 2, 2)],
    ["signed zeros", [0, -0, 1, -0]],
    ["negative and large numbers", [-1, 1e21, -2.5, 1e21, 0.1]],
    ["strings", ["TACE+RT", "TACE", "TACE", "a", "b"]],
    ["numeric strings", ["10", "2", "1", "2"]],
    ["numbers and their text are one level", [1, "1", 2, "2", 1]],
    ["texts with the same value", ["1", "1.0", "01", 1]],
    ["booleans", [true, false, "true", true]],
    ["mixed", ["b", 2, true, "a", 2]],
    ["empty string", ["", "x", ""]],
    ["NaN", [1, 2, NaN]],
    ["Infinity in a Float64Array", Float64Array.of(1, Infinity)],
    ["null", ["a", null]],
    ["object", ["a", {}]],
    ["invalid after a run", [1, 1, 1, undefined]],
    ["empty", []],
  ];
  for (const [label, values] of cases) {
    same(label, () => {
      const f = factorColumn("group", values);
      return { codes: Array.from(f.codes), levels: f.levels };
    }, () => reference.factor("group", values));
    if (values.length < 2) continue;
    const dropped = new Set([1]);
    same(`${label}, row 1 dropped`, () => {
      const f = factorColumn("group", values, dropped);
      return { codes: Array.from(f.codes), levels: f.levels };
    }, () => reference.factor("group", values, dropped));
  }
  const big = Float64Array.from({ length: 50000 }, (_, i) => (i * 7919) % 13);
  const f = factorColumn("group", big);
  assert.deepStrictEqual({ codes: Array.from(f.codes), levels: f.levels }, reference.factor("group", big));
});

test("timeColumn on a Float64Array: a copy, and the same errors as on a plain array", () => {
  const t = Float64Array.of(0, -0, 2.5, 7);
  const out = timeColumn("time", t);
  assert.notStrictEqual(out, t);
  assert.deepStrictEqual(Array.from(out), Array.from(t));
  for (const bad of [[1, -2, Infinity], [1, -2, 3], [NaN, -1], [-Infinity]]) {
    let plain = "";
    let typed = "";
    try { timeColumn("time", bad); } catch (e) { plain = (e as Error).message; }
    try { timeColumn("time", Float64Array.from(bad)); } catch (e) { typed = (e as Error).message; }
    assert.ok(plain !== "" && plain === typed, `${bad}: ${plain} / ${typed}`);
  }
});

test("factorColumn on a Float64Array of codes gives the levels and codes of a plain array", () => {
  for (const values of [[1, 0, -0, 1, 2], [3, 1, 2.5, 1], [1023, 1024, 5, -1, 5], [7, 7, 7]]) {
    assert.deepStrictEqual(factorColumn("g", Float64Array.from(values)), factorColumn("g", values), String(values));
  }
  assert.deepStrictEqual(factorColumn("g", Float64Array.of(1, -0, 0)).levels, ["0", "1"]);
  assert.throws(() => factorColumn("g", Float64Array.of(1, Infinity)), /g\[1\] = Infinity/);
});
