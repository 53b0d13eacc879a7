/**
 * Typed arrays to plain JSON-serialisable arrays, fast: results are computed
 * in Float64Array/Int32Array and copied once into preallocated arrays (no
 * push growth). `toNullableArray` writes null for NaN (R's NA/NaN); an array
 * with no NaN stays an unboxed array of doubles.
 *
 * @example
 * toNullableArray(Float64Array.of(0.5, NaN)); // [0.5, null]
 */
export function toNumberArray(values: ArrayLike<number>): number[] {
  const n = values.length;
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i];
  return out;
}

export function toNullableArray(values: ArrayLike<number>): (number | null)[] {
  const n = values.length;
  let anyNaN = false;
  for (let i = 0; i < n && !anyNaN; i++) anyNaN = values[i] !== values[i];
  if (!anyNaN) return toNumberArray(values);
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v !== v ? null : v;
  }
  return out;
}

/**
 * The rows of a row-major matrix stored flat (`rows` × `width` values), as plain arrays: one copy
 * per value, by index (no per-row view or iterator, which cost a small fit more than its arithmetic).
 *
 * @example
 * flatRows(Float64Array.of(1, 2, 3, 4, 5, 6), 2, 3); // [[1, 2, 3], [4, 5, 6]]
 */
export function flatRows(flat: ArrayLike<number>, rows: number, width: number): number[][] {
  const out: number[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: number[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = flat[r * width + c];
    out[r] = row;
  }
  return out;
}
