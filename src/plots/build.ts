/**
 * Shared plumbing of the figure builders: reading numeric and label columns with
 * the project's missing-value policy, and turning a built figure into plain JSON
 * (typed arrays to arrays, NaN/±Infinity to null, undefined keys removed) so that
 * the same figure object is byte-identical across calls and survives
 * JSON.stringify unchanged.
 */
import { InputError, finiteColumn, labelColumn, missingRows, requireLength, requireSameLength } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import type { PlotlyFigure } from "./figure";

/** Deep copy as plain JSON; see the file comment. */
export function toPlainJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => toPlainJson(v));
  if (Array.isArray(value)) return value.map((v) => toPlainJson(v));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>)) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      out[k] = toPlainJson(v);
    }
    return out;
  }
  return null;
}

/** The final figure of every builder, as plain JSON. */
export function makeFigure(data: Array<Record<string, unknown>>, layout: Record<string, unknown>, config: Record<string, unknown>): PlotlyFigure {
  // A legend container without a legend is dead weight (and trips Plotly.validate).
  if (layout.showlegend === false) {
    layout = { ...layout };
    delete layout.legend;
  }
  return toPlainJson({ data, layout, config }) as PlotlyFigure;
}

/** Columns read under a missing-value policy. */
export interface ReadColumns {
  numbers: Record<string, Float64Array>;
  labels: Record<string, string[]>;
  dropped: number;
}

/**
 * Reads same-length numeric and label columns; missing values (null, undefined,
 * NaN) throw naming the argument and index unless `missing` is "drop", which
 * removes the whole row. Label columns may be omitted (null/undefined).
 */
export function readColumns(
  numeric: Record<string, ArrayLikeInput<unknown>>,
  labels: Record<string, ArrayLikeInput<unknown> | null | undefined> = {},
  missing: MissingPolicy = "error",
): ReadColumns {
  if (missing !== "error" && missing !== "drop") throw new InputError("missing", null, missing, 'must be "error" or "drop"');
  const all: Record<string, ArrayLikeInput<unknown>> = {};
  for (const name of Object.keys(numeric)) {
    requireLength(name, numeric[name]);
    all[name] = numeric[name];
  }
  for (const name of Object.keys(labels)) {
    const col = labels[name];
    if (col === null || col === undefined) continue;
    requireLength(name, col);
    all[name] = col;
  }
  requireSameLength(all);
  const dropped = missingRows(all, missing);
  const first = Object.keys(all)[0];
  if (dropped.size === all[first].length) throw new InputError(first, null, null, "has no complete rows");
  const out: ReadColumns = { numbers: {}, labels: {}, dropped: dropped.size };
  for (const name of Object.keys(numeric)) out.numbers[name] = finiteColumn(name, numeric[name], dropped);
  for (const name of Object.keys(labels)) {
    const col = labels[name];
    if (col === null || col === undefined) continue;
    out.labels[name] = labelColumn(name, col, dropped);
  }
  return out;
}

/** Throws unless `values` holds finite numbers (or, where `allowNull`, null). */
export function requireNumbers(name: string, values: ArrayLikeInput<unknown>, allowNull = false): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (allowNull && (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)))) out.push(null);
    else if (typeof v === "number" && Number.isFinite(v)) out.push(v);
    else throw new InputError(name, i, v, allowNull ? "must be a finite number or null" : "must be a finite number");
  }
  return out;
}

/** Distinct labels in order of first appearance, or in `levels` order when given (checked to cover them). */
export function orderedLevels(name: string, labels: readonly string[], levels?: readonly string[]): string[] {
  const seen: string[] = [];
  const set = new Set<string>();
  for (const l of labels) {
    if (!set.has(l)) {
      set.add(l);
      seen.push(l);
    }
  }
  if (levels === undefined) return seen;
  const wanted = new Set(levels);
  for (let i = 0; i < labels.length; i++) {
    if (!wanted.has(labels[i])) throw new InputError(name, i, labels[i], `is not one of the levels ${levels.join(", ")}`);
  }
  return levels.filter((l) => set.has(l));
}
