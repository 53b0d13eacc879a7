import { test } from "node:test";
import * as assert from "assert";
import { sortOrder } from "../../src/core/index";

/** The reference: a stable comparison sort, -0 tied with +0, NaN after everything. */
function expectedOrder(values: ArrayLike<number>): number[] {
  const key = (v: number): number => (Number.isNaN(v) ? Infinity : v);
  return Array.from({ length: values.length }, (_, i) => i).sort((a, b) => {
    const x = values[a];
    const y = values[b];
    const nanX = Number.isNaN(x);
    const nanY = Number.isNaN(y);
    if (nanX !== nanY) return nanX ? 1 : -1;
    return key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : a - b;
  });
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Sizes on both sides of the comparison-sort, 11-bit and 16-bit digit thresholds. */
const SIZES = [0, 1, 2, 7, 255, 256, 257, 1000, 65535, 65536, 70000];

function column(kind: string, n: number, rand: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rand();
    switch (kind) {
      case "continuous":
        out[i] = (u - 0.5) * 1e3;
        break;
      case "heavy ties":
        out[i] = Math.floor(u * 5) - 2;
        break;
      case "two decimals":
        out[i] = Math.round(-Math.log(u) * 2000) / 100;
        break;
      case "signed zeros":
        out[i] = u < 0.25 ? -0 : u < 0.5 ? 0 : u < 0.75 ? -u : u;
        break;
      case "extremes":
        out[i] = [Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300, -1e-300, 0, -0][Math.floor(u * 10)];
        break;
      case "with NaN":
        out[i] = u < 0.1 ? NaN : u < 0.15 ? Infinity : (u - 0.5) * 10;
        break;
      default:
        throw new Error(kind);
    }
  }
  return out;
}

test("sortOrder: stable ascending order, as a stable comparison sort gives, for every size path", () => {
  const rand = lcg(20261126);
  for (const n of SIZES) {
    for (const kind of ["continuous", "heavy ties", "two decimals", "signed zeros", "extremes", "with NaN"]) {
      const values = column(kind, n, rand);
      const order = sortOrder(values);
      assert.ok(order instanceof Uint32Array);
      assert.deepStrictEqual(Array.from(order), expectedOrder(values), `${kind}, n = ${n}`);
    }
  }
});

test("sortOrder: typed and plain arrays give the same order", () => {
  const rand = lcg(7);
  for (const n of [5, 300, 70000]) {
    const values = column("two decimals", n, rand);
    const expected = Array.from(sortOrder(values));
    assert.deepStrictEqual(Array.from(sortOrder(Array.from(values))), expected, `number[] n = ${n}`);
    assert.deepStrictEqual(Array.from(sortOrder(Float32Array.from(values))), expectedOrder(Float32Array.from(values)), `Float32Array n = ${n}`);
    assert.deepStrictEqual(Array.from(sortOrder(Int32Array.from(values, (v) => Math.round(v)))), expectedOrder(Int32Array.from(values, (v) => Math.round(v))), `Int32Array n = ${n}`);
  }
});

test("sortOrder: a Float64Array view at an offset is read in place, not from the start of its buffer", () => {
  const rand = lcg(3);
  const whole = column("continuous", 3000, rand);
  const view = whole.subarray(1000, 2500);
  assert.deepStrictEqual(Array.from(sortOrder(view)), expectedOrder(view));
  const small = whole.subarray(10, 20);
  assert.deepStrictEqual(Array.from(sortOrder(small)), expectedOrder(small));
});

test("sortOrder: ties keep input order; -0 and +0 are tied; negatives before positives", () => {
  assert.deepStrictEqual(Array.from(sortOrder([3, 1, 2, 1])), [1, 3, 2, 0]);
  assert.deepStrictEqual(Array.from(sortOrder([0, -0, 0, -0])), [0, 1, 2, 3]);
  assert.deepStrictEqual(Array.from(sortOrder([-1, -0, 1, 0, -2, -1e-300])), [4, 0, 5, 1, 3, 2]);
  // Same on the radix path: 512 values alternating +0/-0 with a negative and a positive at the end.
  const zeros = Float64Array.from({ length: 512 }, (_, i) => (i % 2 === 0 ? 0 : -0));
  zeros[510] = -1;
  zeros[511] = 1;
  const order = Array.from(sortOrder(zeros));
  assert.deepStrictEqual(order.slice(0, 3), [510, 0, 1]);
  assert.deepStrictEqual(order.slice(-2), [509, 511]);
  // A constant column (every radix pass skipped) keeps the input order.
  for (const n of [1000, 70000]) {
    const same = Array.from(sortOrder(new Float64Array(n).fill(2.5)));
    assert.ok(same.every((i, k) => i === k), `constant, n = ${n}`);
  }
});

test("sortOrder: NaN (any sign or payload) after +Infinity, in input order", () => {
  assert.deepStrictEqual(Array.from(sortOrder(Float64Array.of(0, -0, NaN, -Infinity))), [3, 0, 1, 2]);
  const values = new Float64Array(400);
  for (let i = 0; i < values.length; i++) values[i] = 400 - i;
  values[3] = NaN;
  values[100] = Infinity;
  // A negative NaN with a payload, written through its bits.
  const bits = new Uint32Array(values.buffer);
  const hiWord = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
  bits[2 * 50 + hiWord] = 0xfff80000;
  bits[2 * 50 + (1 - hiWord)] = 12345;
  assert.ok(Number.isNaN(values[50]));
  const order = Array.from(sortOrder(values));
  assert.deepStrictEqual(order.slice(-3), [100, 3, 50]);
  assert.deepStrictEqual(Array.from(sortOrder(Array.from(values))).slice(-3), [100, 3, 50]);
  assert.deepStrictEqual(Array.from(sortOrder(values.slice(0, 60))).slice(-2), [3, 50]);
});

test("sortOrder: large random input against Array.prototype.sort, leaves the input unchanged", () => {
  const rand = lcg(99);
  const n = 300000;
  const values = Float64Array.from({ length: n }, () => Math.round((rand() - 0.3) * 1e6) / 100);
  const copy = values.slice();
  const order = sortOrder(values);
  assert.deepStrictEqual(values, copy);
  const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  assert.strictEqual(order.length, n);
  for (let k = 0; k < n; k++) {
    if (order[k] !== expected[k]) assert.fail(`position ${k}: ${order[k]} vs ${expected[k]}`);
  }
});
