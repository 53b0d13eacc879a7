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
 */
export function missingRows(columns: Record<string, ArrayLikeInput<unknown>>, policy: MissingPolicy = "error"): Set<number> {
  const dropped = new Set<number>();
  const names = Object.keys(columns);
  const n = names.length === 0 ? 0 : columns[names[0]].length;
  for (let i = 0; i < n; i++) {
    for (const name of names) {
      if (isMissing(columns[name][i])) {
        if (policy !== "drop") {
          throw new InputError(name, i, columns[name][i], 'is missing (pass { missing: "drop" } to drop such rows)');
        }
        dropped.add(i);
        break;
      }
    }
  }
  return dropped;
}

/** Copies `values` without the rows in `dropped`, as a Float64Array; throws on a non-finite number. */
export function finiteColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set()): Float64Array {
  const out = new Float64Array(values.length - dropped.size);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (dropped.has(i)) continue;
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InputError(name, i, v, "must be a finite number");
    }
    out[k++] = v;
  }
  return out;
}

/** As finiteColumn, and every value must be >= 0 (survival times). */
export function timeColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set()): Float64Array {
  const out = finiteColumn(name, values, dropped);
  if (out.length === 0) return out;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (dropped.has(i)) continue;
    if (out[k] < 0) throw new InputError(name, i, values[i], "must be a non-negative time");
    k++;
  }
  return out;
}

/** Event indicator column: every value must be 0 (censored) or 1 (event); booleans are accepted. */
export function eventColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set()): Uint8Array {
  const out = new Uint8Array(values.length - dropped.size);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    if (dropped.has(i)) continue;
    const v = values[i];
    if (v === 1 || v === true) out[k] = 1;
    else if (v === 0 || v === false) out[k] = 0;
    else throw new InputError(name, i, v, "must be 0 (censored) or 1 (event)");
    k++;
  }
  return out;
}

/** Group labels as strings (numbers are accepted and turned into their decimal text), rows in `dropped` skipped. */
export function labelColumn(name: string, values: ArrayLikeInput<unknown>, dropped: Set<number> = new Set()): string[] {
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    if (dropped.has(i)) continue;
    const v = values[i];
    if (typeof v === "string") out.push(v);
    else if (typeof v === "number" && Number.isFinite(v)) out.push(String(v));
    else if (typeof v === "boolean") out.push(String(v));
    else throw new InputError(name, i, v, "must be a group label (string or number)");
  }
  return out;
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
