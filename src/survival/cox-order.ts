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
