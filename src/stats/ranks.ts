/**
 * Mid-ranks (ties get the mean of the positions they span), as R's `rank(x)` with
 * ties.method = "average", 1-based. Used for Spearman's rho.
 *
 * simple-statistics computes the same ranks inside sampleRankCorrelation, but with one
 * [value, index] array per observation and a comparator sort; for 10^6 values that is
 * several times slower than R. Here the order comes from an LSD radix sort of the IEEE-754
 * bit patterns (16-bit digits, keys carried with the indices so every pass reads
 * sequentially; passes where all keys share a digit are skipped), then one walk assigns
 * the ranks. −0 and +0 are the same value (tied), as in R.
 *
 * @example
 * midRanks(Float64Array.from([3, 1, 3, 2])) // Float64Array [3.5, 1, 3.5, 2]
 */
export function midRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = sortOrder(values);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    const v = values[order[i]];
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Indices that put `values` in ascending order (stable); values must not be NaN. */
export function sortOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const loWord = littleEndian ? 0 : 1;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let id = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    bits[0] = values[i] === 0 ? 0 : values[i];
    let l = words[loWord];
    let h = words[1 - loWord];
    // Map the float's bits to an unsigned key with the same order: negatives flip all bits, positives the sign bit.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    id[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let id2 = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & 0xffff]++;
    if (n === 0 || count[(src[0] >>> shift) & 0xffff] === n) continue; // every key has this digit
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const p = count[(src[i] >>> shift) & 0xffff]++;
      lo2[p] = lo[i];
      hi2[p] = hi[i];
      id2[p] = id[i];
    }
    let t = lo;
    lo = lo2;
    lo2 = t;
    t = hi;
    hi = hi2;
    hi2 = t;
    t = id;
    id = id2;
    id2 = t;
  }
  return id;
}
