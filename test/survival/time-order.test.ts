import { test } from "node:test";
import * as assert from "assert";
import { sortTimes, orderByCode, mergeNearTimes, rankTimes, orderByRank } from "../../src/survival/time-order";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

test("sortTimes: radix order is the stable ascending order, ranks index the distinct times", () => {
  const rand = lcg(42);
  for (const n of [0, 1, 5, 255, 256, 3000]) {
    for (const kind of ["continuous", "integers", "two decimals", "with zeros and -0"]) {
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = rand();
        t[i] = kind === "continuous" ? -Math.log(u) * 100 : kind === "integers" ? Math.floor(u * 50) : kind === "two decimals" ? Math.round(u * 5000) / 100 : u < 0.3 ? (u < 0.15 ? -0 : 0) : u * 3;
      }
      const { times, rank, order } = sortTimes(t, false);
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => t[a] - t[b] || a - b);
      assert.deepStrictEqual(Array.from(order), expected, `${kind} n=${n}`);
      const distinct = Array.from(new Set(Array.from(t).map((v) => v + 0))).sort((a, b) => a - b);
      assert.deepStrictEqual(Array.from(times), distinct, `${kind} n=${n} distinct`);
      for (let i = 0; i < n; i++) assert.strictEqual(times[rank[i]], t[i] + 0);
    }
  }
});

test("sortTimes with timefix merges near-equal times into the smallest, as R's aeqSurv", () => {
  const t = Float64Array.of(0.1 + 0.2, 0.3, 1, 1 + 1e-10, 2 - 1e-9, 2, 2.5, 3 * (1 + 1e-9), 3);
  const { times, rank } = sortTimes(t, true);
  assert.deepStrictEqual(Array.from(times), [0.3, 1, 2 - 1e-9, 2.5, 3]);
  assert.deepStrictEqual(Array.from(rank), [0, 0, 1, 1, 2, 2, 3, 4, 4]);
  assert.strictEqual(sortTimes(t, false).times.length, 9);
});

test("orderByCode keeps the time order within each code", () => {
  const { order } = sortTimes(Float64Array.of(5, 1, 4, 2, 3), false);
  assert.deepStrictEqual(Array.from(orderByCode(order, Int32Array.of(1, 0, 1, 0, 1), 2)), [1, 3, 4, 2, 0]);
});

test("mergeNearTimes works on sorted times with repeats (Cox) as on distinct times (sortTimes)", () => {
  const withRepeats = Float64Array.of(0.3, 0.1 + 0.2, 0.1 + 0.2, 1, 1, 1 + 1e-10, 2, 2.5, 2.5);
  assert.strictEqual(mergeNearTimes(withRepeats), true);
  assert.deepStrictEqual(Array.from(withRepeats), [0.3, 0.3, 0.3, 1, 1, 1, 2, 2.5, 2.5]);
  // A chain of steps each within the tolerance merges into its first value.
  const chain = Float64Array.of(5, 5 + 1e-9, 5 + 2e-9, 5 + 3e-9, 6);
  assert.strictEqual(mergeNearTimes(chain), true);
  assert.deepStrictEqual(Array.from(chain), [5, 5, 5, 5, 6]);
  const apart = Float64Array.of(1, 1, 2, 3);
  assert.strictEqual(mergeNearTimes(apart), false);
  assert.deepStrictEqual(Array.from(apart), [1, 1, 2, 3]);
  assert.strictEqual(mergeNearTimes(Float64Array.of(4)), false);
});

test("rankTimes gives sortTimes' times (a leading -0 kept) and ranks, hashed or sorted, with and without timefix", () => {
  const rand = lcg(7);
  // n = 3000 continuous has more than n / 8 distinct times: the sorted path; the others hash.
  // n = 40000 with 4000 distinct values makes the hash table grow several times.
  for (const n of [1, 2, 5, 255, 256, 3000, 40000]) {
    for (const kind of ["continuous", "integers", "two decimals", "-0 first", "+0 first", "near-equal", "4000 values"]) {
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = rand();
        t[i] =
          kind === "continuous" ? -Math.log(u) * 100
          : kind === "integers" ? Math.floor(u * 50)
          : kind === "two decimals" ? Math.round(u * 5000) / 100
          : kind === "-0 first" ? (i === 0 ? -0 : u < 0.3 ? (u < 0.15 ? 0 : -0) : u * 3)
          : kind === "+0 first" ? (i === 0 ? 0 : u < 0.3 ? (u < 0.15 ? 0 : -0) : u * 3)
          : kind === "near-equal" ? Math.floor(u * 20) * (1 + (u < 0.5 ? 1e-10 : 0)) + (u < 0.1 ? 0.1 + 0.2 : 0)
          : Math.floor(u * 4000) / 7;
      }
      for (const timefix of [false, true]) {
        const expected = sortTimes(t, timefix);
        const got = rankTimes(t, timefix);
        const label = `${kind} n=${n} timefix=${timefix}`;
        assert.strictEqual(got.times.length, expected.times.length, label);
        for (let j = 0; j < expected.times.length; j++) assert.ok(Object.is(got.times[j], expected.times[j]), `${label} times[${j}]`);
        assert.deepStrictEqual(Array.from(got.rank), Array.from(expected.rank), label);
      }
    }
  }
});

test("rankTimes: equal doubles tie, 0.1 + 0.2 and 0.3 are two times unless timefix merges them", () => {
  const t = Float64Array.of(0.3, 0.1 + 0.2, 0.3, 2, -0, 0, 2);
  const exact = rankTimes(t, false);
  assert.ok(Object.is(exact.times[0], -0));
  assert.deepStrictEqual(Array.from(exact.times).slice(1), [0.3, 0.1 + 0.2, 2]);
  assert.deepStrictEqual(Array.from(exact.rank), [1, 2, 1, 3, 0, 0, 3]);
  const fixed = rankTimes(t, true);
  assert.deepStrictEqual(Array.from(fixed.times).slice(1), [0.3, 2]);
  assert.deepStrictEqual(Array.from(fixed.rank), [1, 1, 1, 2, 0, 0, 2]);
});

test("orderByRank is the stable order by rank", () => {
  assert.deepStrictEqual(Array.from(orderByRank(Int32Array.of(2, 0, 1, 0, 2, 1), 3)), [1, 3, 2, 5, 0, 4]);
});
