/**
 * Mean and error bar per group and level (dose, time point), the numbers drawn
 * by groupedBarFigure and lineWithErrorFigure: SD = sample standard deviation
 * (n − 1), SEM = SD / sqrt(n), CI = mean ± t(1 − α/2, n − 1)·SEM (R's
 * `t.test(y)$conf.int`). Levels: numeric x ascending, labels in order of first
 * appearance (or `levels`). Cells with one value have a mean and no error bar
 * (null); cells with none are null throughout.
 *
 * @example
 * const s = meanAndErrorByGroup(dose, vegfPgMl, cellLine, { error: "sd" });
 * show(groupedBarFigure(s.levels, s.series, { xTitle: "Dose (Gy)", yTitle: "VEGF (pg/ml)", errorLabel: s.errorLabel }));
 */
import { InputError, isMissing } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { tQuantile } from "../distributions/index";
import { sampleStandardDeviation } from "../stats/sample-standard-deviation";
import { orderedLevels, readColumns } from "./build";
import { formatNumber } from "./format";
import { requireConfLevel } from "../stats/input";

export type ErrorType = "sd" | "sem" | "ci";

/** One group's values at each level, with error bars, as the bar and line builders take them. */
export interface ErrorSeries {
  name: string;
  /** The bar heights / line points (e.g. means), aligned with the levels; null where the group has no value. */
  values: (number | null)[];
  /** Symmetric error: the bar spans value ± error. */
  error?: (number | null)[];
  /** Asymmetric limits (e.g. a back-transformed CI); used instead of `error` when given. */
  lower?: (number | null)[];
  upper?: (number | null)[];
  /** Observations behind each value (shown in the hover). */
  n?: number[];
}

export interface MeanAndErrorOptions {
  /** "sd" (default), "sem" or "ci". */
  error?: ErrorType;
  /** Level of "ci" (default 0.95). */
  confLevel?: number;
  /** Order of the x levels (default: numeric ascending, else first appearance). */
  levels?: Array<string | number>;
  /** Order of the groups (default first appearance). */
  groups?: string[];
  missing?: MissingPolicy;
}

export interface MeanAndErrorResult {
  levels: Array<string | number>;
  series: Array<ErrorSeries & { error: (number | null)[]; lower: (number | null)[]; upper: (number | null)[]; n: number[]; sd: (number | null)[] }>;
  errorType: ErrorType;
  /** "mean ± SD", "mean ± SEM" or "mean with 95% CI", for the figure's hover and caption. */
  errorLabel: string;
  dropped: number;
}

function isNumericColumn(values: ArrayLikeInput<unknown>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v !== "number") return false;
  }
  return true;
}

/** Mean ± SD / SEM / CI per group and level; see the file comment. `group` may be omitted (one series "all"). */
export function meanAndErrorByGroup(
  x: ArrayLikeInput<unknown>,
  y: ArrayLikeInput<unknown>,
  group?: ArrayLikeInput<unknown> | null,
  options: MeanAndErrorOptions = {},
): MeanAndErrorResult {
  const errorType = options.error === undefined ? "sd" : options.error;
  if (errorType !== "sd" && errorType !== "sem" && errorType !== "ci") throw new InputError("error", null, errorType, 'must be "sd", "sem" or "ci"');
  const confLevel = options.confLevel === undefined ? 0.95 : options.confLevel;
  requireConfLevel(confLevel);
  const numericX = isNumericColumn(x);
  const read = numericX ? readColumns({ x, y }, { group }, options.missing) : readColumns({ y }, { x, group }, options.missing);
  const ys = read.numbers.y;
  const xKeys: string[] = numericX ? Array.from(read.numbers.x, (v) => String(v)) : read.labels.x;
  const groupColumn = read.labels.group;
  const groupOf = (i: number): string => (groupColumn === undefined ? "all" : groupColumn[i]);
  const groupLevels = read.labels.group === undefined ? ["all"] : orderedLevels("group", read.labels.group, options.groups);

  let levels: Array<string | number>;
  if (options.levels !== undefined) {
    levels = options.levels.slice();
    const wanted = new Set(levels.map(String));
    xKeys.forEach((k, i) => {
      if (!wanted.has(k)) throw new InputError("x", i, k, `is not one of the levels ${levels.join(", ")}`);
    });
  } else if (numericX) {
    levels = Array.from(new Set(Array.from(read.numbers.x))).sort((a, b) => a - b);
  } else {
    levels = orderedLevels("x", xKeys);
    // Numbers written as text ("0", "2", "10" Gy) still go in numeric order.
    if (levels.every((l) => String(l).trim() !== "" && Number.isFinite(Number(l)))) levels.sort((a, b) => Number(a) - Number(b));
  }
  const levelIndex = new Map<string, number>();
  levels.forEach((l, j) => levelIndex.set(String(l), j));

  const cells = groupLevels.map(() => levels.map(() => [] as number[]));
  for (let i = 0; i < ys.length; i++) {
    const g = groupLevels.indexOf(groupOf(i));
    if (g < 0) continue;
    cells[g][levelIndex.get(xKeys[i]) as number].push(ys[i]);
  }
  const series = groupLevels.map((name, g) => {
    const values: (number | null)[] = [];
    const error: (number | null)[] = [];
    const lower: (number | null)[] = [];
    const upper: (number | null)[] = [];
    const sdOut: (number | null)[] = [];
    const n: number[] = [];
    for (const cell of cells[g]) {
      n.push(cell.length);
      if (cell.length === 0) {
        values.push(null);
        error.push(null);
        lower.push(null);
        upper.push(null);
        sdOut.push(null);
        continue;
      }
      let sum = 0;
      for (const v of cell) sum += v;
      const mean = sum / cell.length;
      values.push(mean);
      if (cell.length < 2) {
        error.push(null);
        lower.push(null);
        upper.push(null);
        sdOut.push(null);
        continue;
      }
      const sd = sampleStandardDeviation(cell) as number;
      const sem = sd / Math.sqrt(cell.length);
      const e = errorType === "sd" ? sd : errorType === "sem" ? sem : tQuantile(1 - (1 - confLevel) / 2, cell.length - 1) * sem;
      sdOut.push(sd);
      error.push(e);
      lower.push(mean - e);
      upper.push(mean + e);
    }
    return { name, values, error, lower, upper, n, sd: sdOut };
  });
  const errorLabel = errorType === "sd" ? "mean ± SD" : errorType === "sem" ? "mean ± SEM" : `mean with ${Math.round(confLevel * 1000) / 10}% CI`;
  return { levels, series, errorType, errorLabel, dropped: read.dropped };
}

/** Checks an ErrorSeries against the number of levels it must cover. */
export function checkErrorSeries(series: readonly ErrorSeries[], length: number, what: string): void {
  if (!series || series.length === 0) throw new InputError("series", null, series, "is empty");
  const names = new Set<string>();
  series.forEach((s, k) => {
    if (!s || typeof s.name !== "string") throw new InputError("series", k, s, "must have a name");
    if (names.has(s.name)) throw new InputError("series", k, s.name, "repeats a name");
    names.add(s.name);
    for (const field of ["values", "error", "lower", "upper"] as const) {
      const col = s[field];
      if (col === undefined) {
        if (field === "values") throw new InputError(`series[${k}].values`, null, col, "is missing");
        continue;
      }
      if (!col || col.length !== length) throw new InputError(`series[${k}].${field}`, null, col ? col.length : col, `must have one value per ${what} (${length})`);
      col.forEach((v, j) => {
        if (v !== null && !(typeof v === "number" && Number.isFinite(v))) throw new InputError(`series[${k}].${field}`, j, v, "must be a finite number or null");
      });
    }
    if ((s.lower === undefined) !== (s.upper === undefined)) throw new InputError(`series[${k}]`, null, s.name, "needs both lower and upper, or neither");
  });
}

/** Plotly error_y of a series (asymmetric limits when given, else ± error), or undefined without either. */
export function errorBarsOf(s: ErrorSeries, color: string): Record<string, unknown> | undefined {
  if (s.lower !== undefined && s.upper !== undefined) {
    const up = s.values.map((v, j) => (v === null || s.upper![j] === null ? null : Math.max(0, (s.upper![j] as number) - v)));
    const down = s.values.map((v, j) => (v === null || s.lower![j] === null ? null : Math.max(0, v - (s.lower![j] as number))));
    return { type: "data", symmetric: false, array: up, arrayminus: down, color, thickness: 1.2, width: 4 };
  }
  if (s.error !== undefined) return { type: "data", symmetric: true, array: s.error.slice(), color, thickness: 1.2, width: 4 };
  return undefined;
}

/** "lower–upper" of one point, for hover text. */
export function limitsText(s: ErrorSeries, j: number, digits: number): string | null {
  const v = s.values[j];
  if (v === null) return null;
  if (s.lower !== undefined && s.upper !== undefined) {
    const lo = s.lower[j];
    const hi = s.upper[j];
    return lo === null || hi === null ? null : `${formatNumber(lo, digits)}\u2013${formatNumber(hi, digits)}`;
  }
  if (s.error !== undefined && s.error[j] !== null) return `± ${formatNumber(s.error[j] as number, digits)}`;
  return null;
}

/** Decimals that show about three significant digits of values of this size. */
export function digitsFor(values: ReadonlyArray<number | null>): number {
  let m = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  if (m === 0) return 2;
  return Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(m))));
}

/** The lower and upper ends of every error bar of a series (for axis ranges). */
export function seriesLimits(s: ErrorSeries): (number | null)[] {
  const out: (number | null)[] = [];
  s.values.forEach((v, j) => {
    if (v === null) return;
    if (s.lower !== undefined && s.upper !== undefined) out.push(s.lower[j], s.upper[j]);
    else if (s.error !== undefined && s.error[j] !== null) out.push(v - (s.error[j] as number), v + (s.error[j] as number));
  });
  return out;
}
