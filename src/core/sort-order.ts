/**
 * Stable ascending sort order of a numeric column, as R's `order(x)`: the
 * row indices that put `values` in ascending order, rows with equal values
 * keeping their input order. -0 and +0 are equal (tied). NaN sorts after
 * +Infinity, NaNs in input order (R's `order(x, na.last = TRUE)`).
 *
 * Method: least-significant-digit radix sort, no comparisons, O(n). Each
 * double's IEEE-754 bits become a 64-bit unsigned key in the same order
 * (a non-negative number gets its sign bit set, a negative one all its bits
 * flipped; -0 takes +0's key, every NaN the largest key), held as two 32-bit
 * words `lo`, `hi` that move with the indices. Digits are 16 bits (four
 * passes) from `WIDE_N` values on, below that 11/11/10 bits per word (six
 * passes, but histograms small enough to stay in cache and cheap to clear).
 * Low digit first; all histograms are filled in one read of the keys, and a
 * pass whose digit is the same for every key (e.g. the low mantissa bits of
 * whole numbers) is skipped. Below `SMALL_N` values a comparison sort is
 * faster than the histograms' fixed cost and is used instead.
 *
 * Shared by the survival estimators (sorting times), the Cox model (times,
 * linear predictors) and the rank statistics (mid-ranks).
 *
 * @example
 * Array.from(sortOrder([3, 1, 2, 1])); // [1, 3, 2, 0]
 * Array.from(sortOrder(Float64Array.of(0, -0, NaN, -Infinity))); // [3, 0, 1, 2]
 */
export function sortOrder(values: Float64Array | ArrayLike<number>): Uint32Array {
  const n = values.length;
  if (n < SMALL_N) return comparisonOrder(values);
  // Read the bits of a Float64Array in place; copy anything else into one first.
  const doubles = values instanceof Float64Array ? values : Float64Array.from(values);
  return radixOrder(doubles);
}

/** Below this many values a comparison sort is faster than the radix sort's fixed costs. */
const SMALL_N = 256;

/** From this many values on, 16-bit digits (four passes, 65536-bucket histograms) beat 11-bit ones (six passes). */
const WIDE_N = 1 << 16;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Ascending, stable, -0 equal to +0, NaN last: the order the radix keys give. */
function comparisonOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const idx: number[] = new Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === y) return a - b;
    const xNaN = x !== x;
    const yNaN = y !== y;
    return xNaN === yNaN ? a - b : xNaN ? 1 : -1;
  });
  return Uint32Array.from(idx);
}

function radixOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  // Digits per 32-bit word: three of 11, 11, 10 bits below WIDE_N (small histograms), else two of 16.
  const wide = n >= WIDE_N;
  const perWord = wide ? 2 : 3;
  const radix = wide ? 65536 : 2048;
  // The two 32-bit halves of each double, read in place (a Float64Array's offset is a multiple of 8).
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const loAt = LITTLE_ENDIAN ? 0 : 1;
  const hiAt = 1 - loAt;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const counts = new Int32Array(2 * perWord * radix);
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + hiAt];
    let l = words[2 * i + loAt];
    if (h < 0x7ff00000 || (h === 0x7ff00000 && l === 0)) {
      // +0 .. +Infinity
      h = (h | 0x80000000) >>> 0;
    } else if (h >= 0x80000000 && (h < 0xfff00000 || (h === 0xfff00000 && l === 0))) {
      // -0 .. -Infinity; -0 keeps its bits, which are +0's key
      if (h !== 0x80000000 || l !== 0) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      }
    } else {
      // NaN, whatever its sign and payload
      h = 0xffffffff;
      l = 0xffffffff;
    }
    hi[i] = h;
    lo[i] = l;
    // All histograms in this one read of the keys.
    if (wide) {
      counts[l & 0xffff]++;
      counts[65536 + (l >>> 16)]++;
      counts[131072 + (h & 0xffff)]++;
      counts[196608 + (h >>> 16)]++;
    } else {
      counts[l & 0x7ff]++;
      counts[2048 + ((l >>> 11) & 0x7ff)]++;
      counts[4096 + (l >>> 22)]++;
      counts[6144 + (h & 0x7ff)]++;
      counts[8192 + ((h >>> 11) & 0x7ff)]++;
      counts[10240 + (h >>> 22)]++;
    }
  }
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  let to = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  for (let pass = 0; pass < 2 * perWord; pass++) {
    const base = pass * radix;
    // Every key has the same digit here: the pass would not move anything.
    let trivial = false;
    for (let d = 0; d < radix; d++) {
      const c = counts[base + d];
      if (c !== 0) {
        trivial = c === n;
        break;
      }
    }
    if (trivial) continue;
    let sum = 0;
    for (let d = 0; d < radix; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    const shift = wide ? (pass % 2) * 16 : (pass % 3) * 11;
    const mask = radix - 1;
    if (pass < perWord) {
      for (let k = 0; k < n; k++) {
        const pos = counts[base + ((lo[k] >>> shift) & mask)]++;
        to[pos] = from[k];
        lo2[pos] = lo[k];
        hi2[pos] = hi[k];
      }
      const tl = lo;
      lo = lo2;
      lo2 = tl;
    } else {
      // The low word is sorted on and no longer needed.
      for (let k = 0; k < n; k++) {
        const pos = counts[base + ((hi[k] >>> shift) & mask)]++;
        to[pos] = from[k];
        hi2[pos] = hi[k];
      }
    }
    const th = hi;
    hi = hi2;
    hi2 = th;
    const tf = from;
    from = to;
    to = tf;
  }
  return from;
}
