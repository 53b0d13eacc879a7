import { sortOrder } from "../core/sort-order";

/**
 * Dense ranks (1 = smallest; equal values share a rank) when the column has
 * at most `maxDistinct` distinct values, else null. Survival times in days or
 * months and risk scores of discrete covariates repeat a lot: hashing the
 * values and sorting only the distinct ones is then much cheaper than sorting
 * the whole column.
 *
 * @example
 * denseRanks(Float64Array.of(2.5, 1, 2.5, 7), 10); // Uint32Array [2, 1, 2, 3], distinct: 3
 */
export function denseRanks(values: Float64Array, maxDistinct: number): { ranks: Uint32Array; distinct: number } | null {
  const n = values.length;
  let bits = 4;
  while (1 << bits < 2 * maxDistinct) bits++;
  const size = 1 << bits;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const keys = new Float64Array(Math.min(maxDistinct, n));
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const ids = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] + 0; // -0 and +0 are one value
    scratch[0] = v;
    let h = Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const id = table[h];
      if (id === -1) {
        if (count === keys.length) return null;
        keys[count] = v;
        table[h] = count;
        ids[i] = count++;
        break;
      }
      if (keys[id] === v) {
        ids[i] = id;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  const order = sortOrder(keys.subarray(0, count));
  const rankOf = new Uint32Array(count);
  for (let k = 0; k < count; k++) rankOf[order[k]] = k + 1;
  for (let i = 0; i < n; i++) ids[i] = rankOf[ids[i]];
  return { ranks: ids, distinct: count };
}

/**
 * Distinct covariate rows ("patterns") when there are at most `maxDistinct`
 * of them, else null: each row's pattern id (0, 1, ... in order of first
 * appearance) and the patterns' values (count x p, row-major). Rows are equal
 * when every value has the same bits (so -0 and +0 differ): everything
 * computed from a pattern's values is then the same double as computed from
 * any of its rows. Clinical covariates (age in years, sex, stage, arm) take
 * few combinations, so the Cox fitter computes exp(x'b) once per pattern.
 *
 * @example
 * distinctRows([Float64Array.of(1, 0, 1), Float64Array.of(60, 70, 60)], 10);
 * // { ids: Uint32Array [0, 1, 0], count: 2, values: Float64Array [1, 60, 0, 70] }
 */
export function distinctRows(
  columns: readonly Float64Array[],
  maxDistinct: number,
): { ids: Uint32Array; count: number; values: Float64Array } | null {
  const p = columns.length;
  const n = p === 0 ? 0 : columns[0].length;
  const limit = Math.min(maxDistinct, n);
  if (p === 0 || limit < 1) return null;
  let bits = 4;
  while (1 << bits < 2 * limit) bits++;
  const mask = (1 << bits) - 1;
  const table = new Int32Array(1 << bits).fill(-1);
  // Rows are hashed and compared on the 32-bit halves of their doubles (read in place).
  const keys = new Uint32Array(limit * 2 * p);
  const halves = columns.map((c) => new Uint32Array(c.buffer, c.byteOffset, 2 * n));
  const w = new Uint32Array(2 * p);
  const ids = new Uint32Array(n);
  let count = 0;
  if (p === 2) {
    // The usual two columns, in local variables.
    const x = halves[0];
    const y = halves[1];
    for (let i = 0; i < n; i++) {
      const w0 = x[2 * i];
      const w1 = x[2 * i + 1];
      const w2 = y[2 * i];
      const w3 = y[2 * i + 1];
      let h = Math.imul(0x811c9dc5 ^ w0, 0x9e3779b1);
      h = Math.imul(h ^ w1, 0x85ebca6b);
      h = Math.imul(h ^ w2, 0x9e3779b1);
      h = Math.imul(h ^ w3, 0x85ebca6b);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h = (h ^ (h >>> 13)) & mask;
      for (;;) {
        const id = table[h];
        if (id === -1) {
          if (count === limit) return null;
          keys[4 * count] = w0;
          keys[4 * count + 1] = w1;
          keys[4 * count + 2] = w2;
          keys[4 * count + 3] = w3;
          table[h] = count;
          ids[i] = count++;
          break;
        }
        if (keys[4 * id] === w0 && keys[4 * id + 1] === w1 && keys[4 * id + 2] === w2 && keys[4 * id + 3] === w3) {
          ids[i] = id;
          break;
        }
        h = (h + 1) & mask;
      }
    }
    return { ids, count, values: new Float64Array(keys.buffer, 0, count * p).slice() };
  }
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < p; j++) {
      const c = halves[j];
      const lo = c[2 * i];
      const hi = c[2 * i + 1];
      w[2 * j] = lo;
      w[2 * j + 1] = hi;
      h = Math.imul(h ^ lo, 0x9e3779b1);
      h = Math.imul(h ^ hi, 0x85ebca6b);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h = (h ^ (h >>> 13)) & mask;
    for (;;) {
      const id = table[h];
      if (id === -1) {
        if (count === limit) return null;
        for (let j = 0; j < 2 * p; j++) keys[count * 2 * p + j] = w[j];
        table[h] = count;
        ids[i] = count++;
        break;
      }
      let same = true;
      for (let j = 0; j < 2 * p; j++) {
        if (keys[id * 2 * p + j] !== w[j]) {
          same = false;
          break;
        }
      }
      if (same) {
        ids[i] = id;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  const values = new Float64Array(keys.buffer, 0, count * p).slice();
  return { ids, count, values };
}
