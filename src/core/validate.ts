import { InputError } from "./input-error";

/** A value that counts as missing: null, undefined or NaN. */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "number" && Number.isNaN(value));
}

/** What to do with missing values: "error" (the default) throws, "drop" removes the whole row and reports it. */
export type MissingPolicy = "error" | "drop";

export interface ArrayLikeInput<T> {
  readonly length: number;
  readonly [index: number]: T;
}

/** Throws unless `values` is an array-like with at least `min` elements. */
export function requireLength(name: string, values: ArrayLikeInput<unknown> | null | undefined, min = 1): void {
  if (values === null || values === undefined || typeof values.length !== "number") {
    throw new InputError(name, null, values, "must be an array");
  }
  if (values.length < min) {
    throw new InputError(name, null, values, min === 1 ? "is empty" : `needs at least ${min} values, got ${values.length}`);
  }
}

/** Throws unless every named array has the same length as the first. */
export function requireSameLength(columns: Record<string, ArrayLikeInput<unknown>>): void {
  const names = Object.keys(columns);
  const first = names[0];
  for (const name of names.slice(1)) {
    if (columns[name].length !== columns[first].length) {
      throw new InputError(
        name,
        null,
        columns[name].length,
        `has length ${columns[name].length} but ${first} has length ${columns[first].length}`,
      );
    }
  }
}

/**
 * Rows with a missing value in any column. With policy "error" the first such
 * row throws; with "drop" their indices are returned so the caller can skip
 * them and report how many it dropped.
 *
 * Fast path: each column is first scanned alone for its first missing value
 * (integer typed arrays cannot hold one and are not read at all), so complete
 * data costs one tight loop per column and returns an empty set. The error is
 * the one a row-by-row scan gives: the smallest such row, and in it the first
 * column in `columns` order.
 */
export function missingRows(columns: Record<string, ArrayLikeInput<unknown>>, policy: MissingPolicy = "error"): Set<number> {
  const names = Object.keys(columns);
  const n = names.length === 0 ? 0 : columns[names[0]].length;
  let first = n;
  let firstName = "";
  for (const name of names) {
    const at = firstMissing(columns[name], Math.min(n, first));
    if (at < first) {
      first = at;
      firstName = name;
    }
  }
  if (first === n) return new Set<number>();
  if (policy !== "drop") {
    const v = columns[firstName][first];
    throw new InputError(firstName, first, v, 'is missing (pass { missing: "drop" } to drop such rows)');
  }
  const dropped = new Set<number>();
  for (let i = first; i < n; i++) {
    for (const name of names) {
      if (isMissing(columns[name][i])) {
        dropped.add(i);
        break;
      }
    }
  }
  return dropped;
}

/** Index of the first missing value among the first `end` of `values`, or `end` when there is none. */
function firstMissing(values: ArrayLikeInput<unknown>, end: number): number {
  if (isIntegerArray(values) && values.length >= end) return end;
  if (values instanceof Float64Array || values instanceof Float32Array) {
    const m = Math.min(end, values.length);
    for (let i = 0; i < m; i++) if (values[i] !== values[i]) return i;
    return m; // a shorter column reads undefined past its end
  }
  for (let i = 0; i < end; i++) {
    const v = values[i];
    if (v === null || v === undefined || v !== v) return i;
  }
  return end;
}

/** Typed arrays of integers: every element is a finite number. */
function isIntegerArray(values: unknown): values is ArrayLike<number> {
  return (
    values instanceof Int32Array ||
    values instanceof Uint8Array ||
    values instanceof Int8Array ||
    values instanceof Uint16Array ||
    values instanceof Int16Array ||
    values instanceof Uint32Array ||
    values instanceof Uint8ClampedArray
  );
}

/** No rows dropped (the default): the column functions then skip the per-row set lookup. */
const NO_ROWS: Set<number> = new Set<number>();

/** Copies `values` without the rows in `dropped`, as a Float64Array; throws on a non-finite number. */
export function finiteColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = NO_ROWS): Float64Array {
  const n = values.length;
  const out = new Float64Array(n - dropped.size);
  if (dropped.size === 0) {
    // Fast paths for whole columns: integer typed arrays are finite; float ones need only the finiteness test.
    if (isIntegerArray(values)) {
      out.set(values);
      return out;
    }
    if (values instanceof Float64Array || values instanceof Float32Array) {
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v - v !== 0) throw new InputError(name, i, v, "must be a finite number");
      }
      out.set(values);
      return out;
    }
  }
  const skip = dropped.size > 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InputError(name, i, v, "must be a finite number");
    }
    out[k++] = v;
  }
  return out;
}

/** As finiteColumn, and every value must be >= 0 (survival times). */
export function timeColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = NO_ROWS): Float64Array {
  if (dropped.size === 0 && values instanceof Float64Array) {
    // One test per row for the usual whole, valid column; on a bad value the checks below name it.
    let valid = true;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(v >= 0 && v !== Infinity)) {
        valid = false;
        break;
      }
    }
    if (valid) return values.slice();
  }
  const out = finiteColumn(name, values, dropped);
  if (out.length === 0) return out;
  const skip = dropped.size > 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (skip && dropped.has(i)) continue;
    if (out[k] < 0) throw new InputError(name, i, values[i], "must be a non-negative time");
    k++;
  }
  return out;
}

/** Event indicator column: every value must be 0 (censored) or 1 (event); booleans are accepted. */
export function eventColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = NO_ROWS): Uint8Array {
  const out = new Uint8Array(values.length - dropped.size);
  if (dropped.size === 0 && (isIntegerArray(values) || values instanceof Float64Array || values instanceof Float32Array)) {
    // A typed column: one test per row, then a bulk copy.
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== 0 && v !== 1) throw new InputError(name, i, v, "must be 0 (censored) or 1 (event)");
    }
    out.set(values);
    return out;
  }
  const skip = dropped.size > 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (v === 1 || v === true) out[k] = 1;
    else if (v === 0 || v === false) out[k] = 0;
    else throw new InputError(name, i, v, "must be 0 (censored) or 1 (event)");
    k++;
  }
  return out;
}

/** Group labels as strings (numbers are accepted and turned into their decimal text), rows in `dropped` skipped. */
export function labelColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = NO_ROWS): string[] {
  const out: string[] = [];
  const skip = dropped.size > 0;
  for (let i = 0; i < values.length; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (typeof v === "string") out.push(v);
    else if (typeof v === "number" && Number.isFinite(v)) out.push(String(v));
    else if (typeof v === "boolean") out.push(String(v));
    else throw new InputError(name, i, v, LABEL_RULE);
  }
  return out;
}

const LABEL_RULE = "must be a group label (string or number)";

/** factorColumn looks up integers 0 .. SMALL_INTEGERS - 1 in an array rather than a Map. */
const SMALL_INTEGERS = 1024;

/** A label column as a factor: `levels[codes[k]]` is the label of the k-th kept row. */
export interface Factor {
  /** Level index of each kept row (rows in `dropped` skipped). */
  codes: Int32Array;
  /** Distinct labels as text, in `levelsOf` order. */
  levels: string[];
}

/**
 * Group labels coded as a factor, as R's `factor(x)`: the same labels,
 * checks and errors as labelColumn, the levels `levelsOf(labels)`, and each
 * row's index into them. Without a string per row: rows are coded by first
 * appearance of their raw value (numbers, -0 as 0, strings, booleans), and
 * only the distinct values are turned into text, sorted, and merged where two
 * give the same text (1 and "1" are one level, as with labelColumn).
 *
 * @example
 * factorColumn("arm", Float64Array.of(2, 10, 2, 1));
 * // { codes: Int32Array [1, 2, 1, 0], levels: ["1", "2", "10"] }
 */
export function factorColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = NO_ROWS): Factor {
  const small = dropped.size === 0 && values instanceof Float64Array ? codeSmallIntegers(values) : null;
  const coded = small ?? codeNumbers(values, dropped) ?? codeLabels(name, values, dropped);
  const texts = coded.raw.map(String);
  const levels = levelsOf(texts);
  const levelIndex = new Map<string, number>();
  for (let j = 0; j < levels.length; j++) levelIndex.set(levels[j], j);
  const recode = new Int32Array(texts.length);
  let identity = true;
  for (let j = 0; j < texts.length; j++) {
    recode[j] = levelIndex.get(texts[j]) as number;
    identity = identity && recode[j] === j;
  }
  const codes = coded.codes;
  if (!identity) for (let k = 0; k < codes.length; k++) codes[k] = recode[codes[k]];
  return { codes, levels };
}

/** Rows coded by first appearance of their value, and the distinct values in that order. */
interface RawCodes {
  codes: Int32Array;
  raw: unknown[];
}

/** codeNumbers for the usual group column, a Float64Array of codes 0 .. SMALL_INTEGERS - 1 (-0 as 0); null at any other value. */
function codeSmallIntegers(values: Float64Array): RawCodes | null {
  const n = values.length;
  const codes = new Int32Array(n);
  const smallCode = new Int32Array(SMALL_INTEGERS).fill(-1);
  const raw: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!(v >>> 0 === v && v < SMALL_INTEGERS)) return null;
    let code = smallCode[v];
    if (code < 0) {
      code = smallCode[v] = raw.length;
      raw.push(v + 0);
    }
    codes[i] = code;
  }
  return { codes, raw };
}

/** factorColumn for a column of finite numbers only (typed arrays, data frame codes); null at anything else. */
function codeNumbers(values: ArrayLikeInput<unknown>, dropped: Set<number>): RawCodes | null {
  const n = values.length;
  const codes = new Int32Array(n - dropped.size);
  const skip = dropped.size > 0;
  // Small non-negative integers (the usual group codes) are looked up in an array, others in a Map.
  const smallCode = new Int32Array(SMALL_INTEGERS).fill(-1);
  const codeOf = new Map<number, number>();
  const raw: number[] = [];
  // Runs of one value (sorted or blocked data) skip the lookup.
  let last = NaN;
  let lastCode = -1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (typeof v !== "number") return null;
    if (v !== last) {
      let code: number | undefined;
      if (v >>> 0 === v && v < SMALL_INTEGERS) {
        code = smallCode[v];
        if (code < 0) {
          code = smallCode[v] = raw.length;
          raw.push(v + 0); // -0 is "0"
        }
      } else {
        if (v - v !== 0) return null;
        code = codeOf.get(v); // Map keys treat -0 as 0
        if (code === undefined) {
          code = raw.length;
          codeOf.set(v, code);
          raw.push(v);
        }
      }
      last = v;
      lastCode = code;
    }
    codes[k++] = lastCode;
  }
  return { codes, raw };
}

/** factorColumn for any column: labels are strings, finite numbers or booleans, else the labelColumn error. */
function codeLabels(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number>): RawCodes {
  const n = values.length;
  const codes = new Int32Array(n - dropped.size);
  const skip = dropped.size > 0;
  const codeOf = new Map<unknown, number>();
  const raw: unknown[] = [];
  let last: unknown = codeOf;
  let lastCode = -1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (skip && dropped.has(i)) continue;
    const v = values[i];
    if (v !== last) {
      if (typeof v === "number" ? v - v !== 0 : typeof v !== "string" && typeof v !== "boolean") {
        throw new InputError(name, i, v, LABEL_RULE);
      }
      let code = codeOf.get(v); // Map keys treat -0 as 0
      if (code === undefined) {
        code = raw.length;
        codeOf.set(v, code);
        raw.push(typeof v === "number" ? v + 0 : v);
      }
      last = v;
      lastCode = code;
    }
    codes[k++] = lastCode;
  }
  return { codes, raw };
}

/**
 * Distinct labels in a stable order: numeric labels ascending by value when every
 * label is numeric (as R's factor() orders them), otherwise ascending by text.
 */
export function levelsOf(labels: readonly string[]): string[] {
  const distinct = Array.from(new Set(labels));
  const allNumeric = distinct.every((s) => s.trim() !== "" && Number.isFinite(Number(s)));
  if (allNumeric) return distinct.sort((a, b) => Number(a) - Number(b));
  return distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Throws unless there are at least `min` distinct levels. */
export function requireLevels(name: string, levels: readonly string[], min = 2): void {
  if (levels.length < min) {
    throw new InputError(name, null, levels.join(", "), `needs at least ${min} groups, found ${levels.length}`);
  }
}
