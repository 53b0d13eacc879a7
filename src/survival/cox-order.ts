/**
 * Stable ascending sort order of a column of finite doubles, as R's
 * `order(x)` (ties keep their input order). Internal helper of the Cox model:
 * it sorts once by time and ranks linear predictors for the concordance.
 *
 * Method: least-significant-digit radix sort on the IEEE-754 bit patterns,
 * 16 bits per pass. Each double is mapped to a 64-bit unsigned key with the
 * same order (flip every bit of a negative number, only the sign bit of a
 * non-negative one), so no comparisons are made: O(n) time, four passes at
 * most, and passes whose digit is the same for every key (e.g. the low
 * mantissa bits of whole-number times) are skipped. Small inputs use the
 * built-in comparison sort.
 *
 * @example
 * Array.from(sortOrder(Float64Array.of(3, 1, 2, 1))); // [1, 3, 2, 0]
 */
export function sortOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  if (n < 256) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => values[a] - values[b] || a - b);
    return Uint32Array.from(idx);
  }

  // 64-bit keys as two 32-bit halves, order-preserving.
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  const loWord = littleEndian ? 0 : 1;
  const hiWord = 1 - loWord;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    scratch[0] = values[i] + 0; // -0 becomes +0
    let h = words[hiWord];
    let l = words[loWord];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }

  // One histogram per 16-bit digit, all filled in a single pass.
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    const l = lo[i];
    const h = hi[i];
    counts[l & 0xffff]++;
    counts[65536 + (l >>> 16)]++;
    counts[131072 + (h & 0xffff)]++;
    counts[196608 + (h >>> 16)]++;
  }

  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let idx2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);

  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    // Skip a pass when every key has the same digit.
    let trivial = false;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d];
      if (c !== 0) {
        trivial = c === n;
        break;
      }
    }
    if (trivial) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    const useHi = pass >= 2;
    const shift = pass % 2 === 0 ? 0 : 16;
    for (let k = 0; k < n; k++) {
      const word = useHi ? hi[k] : lo[k];
      const d = shift === 0 ? word & 0xffff : word >>> 16;
      const pos = counts[base + d]++;
      idx2[pos] = idx[k];
      lo2[pos] = lo[k];
      hi2[pos] = hi[k];
    }
    let t = idx;
    idx = idx2;
    idx2 = t;
    t = lo;
    lo = lo2;
    lo2 = t;
    t = hi;
    hi = hi2;
    hi2 = t;
  }
  return idx;
}

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
