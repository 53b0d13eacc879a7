/**
 * One measurement per group with every observation shown (e.g. microvessel
 * density or serum VEGF of sham and irradiated xenografts): style "box" draws a
 * box plot (quartiles by R's quantile type 7, as ggplot2's geom_boxplot;
 * whiskers to the most extreme values within 1.5 × IQR of the box), style "dot"
 * a horizontal bar at the mean with mean ± SD (or SEM) error bars, the usual
 * small-sample dot plot. Points are spread sideways deterministically (a
 * beeswarm: points of similar value side by side, in order of value), so the
 * same data always give the same picture. Optional comparison brackets carry a
 * test result between two groups (e.g. "P = 0.003" from tTest).
 *
 * @example
 * show(boxPlotFigure(endpoint.mvd_per_hpf, endpoint.group, {
 *   yTitle: "Microvessel density (vessels/HPF)", groups: ["sham", "irradiated"],
 *   comparisons: [{ from: "sham", to: "irradiated", text: formatPValue(tTest(sham, irr).pValue) }],
 * }));
 */
import { InputError } from "../core/index";
import type { ArrayLikeInput, MissingPolicy } from "../core/index";
import { makeFigure, orderedLevels, readColumns } from "./build";
import type { PlotlyFigure } from "./figure";
import { escapeText, formatNumber, roundTo } from "./format";
import { axis, baseConfig, baseLayout, font, fontSizeOf, groupColors, logAxisSettings, TEXT_COLOR, withAlpha } from "./theme";
import type { BaseFigureOptions } from "./theme";
import { quantileSorted } from "../stats/quantile-sorted";
import { sampleStandardDeviation } from "../stats/sample-standard-deviation";

export interface Comparison {
  from: string;
  to: string;
  /** Text over the bracket, e.g. "P = 0.003" or "**". */
  text: string;
}

export interface BoxPlotOptions extends BaseFigureOptions {
  /** "box" (default) or "dot" (mean ± error bar). */
  style?: "box" | "dot";
  /** Error bar of the dot style: "sd" (default) or "sem". */
  error?: "sd" | "sem";
  /** Draw the individual points (default true). */
  points?: boolean;
  /** Group order (default first appearance). */
  groups?: string[];
  /** Point labels for the hover (e.g. mouse ids). */
  labels?: ArrayLikeInput<unknown>;
  /** Brackets between groups with a test result. */
  comparisons?: Comparison[];
  /** Group axis title (default none). */
  xTitle?: string;
  /** Measurement axis title with unit. */
  yTitle?: string;
  logY?: boolean;
  missing?: MissingPolicy;
}

/** Quantile by linear interpolation (R's quantile type 7) of sorted values. */
export const quantileType7: (sorted: ArrayLike<number>, p: number) => number = quantileSorted;

/** Box statistics of one group: quartiles (type 7) and whisker ends (most extreme values within 1.5 IQR). */
export function boxStatistics(values: ArrayLike<number>): { q1: number; median: number; q3: number; lowerFence: number; upperFence: number } {
  const sorted = Float64Array.from(values).sort();
  const q1 = quantileType7(sorted, 0.25);
  const median = quantileType7(sorted, 0.5);
  const q3 = quantileType7(sorted, 0.75);
  const iqr = q3 - q1;
  let lowerFence = q1;
  let upperFence = q3;
  for (const v of sorted) {
    if (v >= q1 - 1.5 * iqr) {
      lowerFence = Math.min(v, q1);
      break;
    }
  }
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (sorted[i] <= q3 + 1.5 * iqr) {
      upperFence = Math.max(sorted[i], q3);
      break;
    }
  }
  return { q1, median, q3, lowerFence, upperFence };
}

/**
 * Sideways offsets (in group-axis units, within ±halfWidth) of a deterministic
 * beeswarm: values sorted, cut into bins of `binSize`, points of a bin placed at
 * 0, +step, −step, +2·step, … in order of value (ties by input order).
 */
export function swarmOffsets(values: ArrayLike<number>, binSize: number, step = 0.07, halfWidth = 0.3): number[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const offsets = new Array<number>(n).fill(0);
  let k = 0;
  while (k < n) {
    const start = values[order[k]];
    let end = k;
    while (end < n && (binSize <= 0 ? values[order[end]] === start : values[order[end]] - start < binSize)) end++;
    const count = end - k;
    const s = count > 1 ? Math.min(step, (2 * halfWidth) / (count - 1)) : step;
    for (let j = 0; j < count; j++) {
      // Centred: count 1 → 0; 2 → ±s/2; 3 → 0, ±s; …
      offsets[order[k + j]] = roundTo((j - (count - 1) / 2) * s, 9);
    }
    k = end;
  }
  return offsets;
}

/** Box or dot plot per group with every point and optional comparison brackets; see the file comment. */
export function boxPlotFigure(values: ArrayLikeInput<unknown>, group: ArrayLikeInput<unknown>, options: BoxPlotOptions = {}): PlotlyFigure {
  const style = options.style === undefined ? "box" : options.style;
  if (style !== "box" && style !== "dot") throw new InputError("style", null, style, 'must be "box" or "dot"');
  const errorType = options.error === undefined ? "sd" : options.error;
  if (errorType !== "sd" && errorType !== "sem") throw new InputError("error", null, errorType, 'must be "sd" or "sem"');
  const read = readColumns({ values }, { group, labels: options.labels }, options.missing);
  const ys = read.numbers.values;
  const groupCol = read.labels.group;
  const labelCol = read.labels.labels;
  const levels = orderedLevels("group", groupCol, options.groups);
  const base = fontSizeOf(options);
  const colors = groupColors(levels, options.colors);
  const showPoints = options.points !== false;

  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ys) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const logY = options.logY === true;
  if (logY && lo <= 0) throw new InputError("values", null, lo, "must be positive on a log axis");
  const scale = (v: number): number => (logY ? Math.log10(v) : v);
  const span = scale(hi) - scale(lo) || 1;

  const data: Array<Record<string, unknown>> = [];
  levels.forEach((level, g) => {
    const idx: number[] = [];
    for (let i = 0; i < ys.length; i++) if (groupCol[i] === level) idx.push(i);
    const vals = idx.map((i) => ys[i]);
    const color = colors[level];
    const name = escapeText(level);
    if (vals.length === 0) return;
    if (style === "box") {
      const b = boxStatistics(vals);
      data.push({
        type: "box",
        name,
        x: [g],
        q1: [b.q1],
        median: [b.median],
        q3: [b.q3],
        lowerfence: [b.lowerFence],
        upperfence: [b.upperFence],
        width: 0.5,
        line: { color, width: 1.5 },
        fillcolor: withAlpha(color, 0.15),
        boxpoints: false,
        legendgroup: level,
        hovertemplate: `${name}<br>median ${formatNumber(b.median, 2)}<br>IQR ${formatNumber(b.q1, 2)}\u2013${formatNumber(b.q3, 2)}<br>n = ${vals.length}<extra></extra>`,
      });
    } else {
      const n = vals.length;
      const mean = vals.reduce((s, v) => s + v, 0) / n;
      const sd = sampleStandardDeviation(vals);
      const err = sd === null ? null : errorType === "sd" ? sd : sd / Math.sqrt(n);
      data.push({
        type: "scatter",
        mode: "markers",
        name,
        x: [g],
        y: [mean],
        marker: { symbol: "line-ew-open", size: 36, color: TEXT_COLOR, line: { width: 2, color: TEXT_COLOR } },
        error_y: err === null ? undefined : { type: "data", symmetric: true, array: [err], color: TEXT_COLOR, thickness: 1.5, width: 8 },
        legendgroup: level,
        showlegend: false,
        hovertemplate: `${name}<br>mean ${formatNumber(mean, 2)}${err === null ? "" : ` \u00B1 ${formatNumber(err, 2)} (${errorType.toUpperCase()})`}<br>n = ${n}<extra></extra>`,
      });
    }
    if (showPoints) {
      const offsets = swarmOffsets(vals.map(scale), span / 40, 0.07, style === "box" ? 0.22 : 0.3);
      data.push({
        type: "scatter",
        mode: "markers",
        name: `${name} values`,
        x: offsets.map((o) => roundTo(g + o, 9)),
        y: vals,
        marker: { color, size: 7, opacity: 0.85, line: { color: "#FFFFFF", width: 0.5 } },
        legendgroup: level,
        showlegend: false,
        text: idx.map((i) => (labelCol === undefined ? name : escapeText(labelCol[i]))),
        hovertemplate: "%{text}: %{y}<extra></extra>",
      });
    }
  });

  // Brackets stacked above the data.
  const shapes: Array<Record<string, unknown>> = [];
  const annotations: Array<Record<string, unknown>> = [];
  const comparisons = options.comparisons || [];
  let top = scale(hi);
  comparisons.forEach((c, k) => {
    const a = levels.indexOf(c.from);
    const b = levels.indexOf(c.to);
    if (a < 0) throw new InputError(`comparisons[${k}].from`, null, c.from, `is not a group (${levels.join(", ")})`);
    if (b < 0) throw new InputError(`comparisons[${k}].to`, null, c.to, `is not a group (${levels.join(", ")})`);
    const level = scale(hi) + span * (0.08 + 0.12 * k);
    const tick = span * 0.025;
    const y = (v: number): number => (logY ? Math.pow(10, v) : v);
    const line = { color: TEXT_COLOR, width: 1 };
    shapes.push({ type: "path", xref: "x", yref: "y", path: `M ${a},${y(level - tick)} L ${a},${y(level)} L ${b},${y(level)} L ${b},${y(level - tick)}`, line });
    annotations.push({ text: escapeText(c.text), x: (a + b) / 2, y: logY ? level : y(level), xref: "x", yref: "y", yanchor: "bottom", showarrow: false, font: font(base - 1) });
    top = level + span * 0.07;
  });

  const layout = baseLayout(options, 400);
  layout.xaxis = axis(options.xTitle || "", base, {
    tickmode: "array",
    tickvals: levels.map((_, g) => g),
    ticktext: levels.map((l) => escapeText(l)),
    range: [-0.6, levels.length - 0.4],
    ticks: "",
    zeroline: false,
  });
  const yExtra: Record<string, unknown> = logY ? logAxisSettings(Array.from(ys)) : {};
  if (comparisons.length > 0) {
    const bottom = logY ? scale(lo) - 0.05 * span : Math.min(0, lo - 0.05 * span);
    yExtra.range = [bottom, top];
  } else if (!logY) {
    yExtra.rangemode = "tozero";
  }
  layout.yaxis = axis(options.yTitle || "", base, yExtra);
  layout.showlegend = options.showLegend === undefined ? false : options.showLegend;
  layout.shapes = shapes;
  layout.annotations = annotations;
  layout.meta = { dropped: read.dropped };
  return makeFigure(data, layout, baseConfig(style === "box" ? "box-plot" : "dot-plot"));
}
