/**
 * The house style of every figure: fonts, colours, axes and sizes, chosen for a
 * journal figure (white background, black axis lines with outside ticks, no grid,
 * Arial at 12 px or more) that also reads well in a notebook.
 *
 * Colours: every arm, cell line, mouse group and failure site has one fixed colour
 * (GROUP_COLORS), so TACE+RT is the same vermillion in the survival curve, the
 * failure-pattern bars and the cumulative incidence plot. Names not in the table
 * take the Okabe-Ito colour-blind-safe palette (PALETTE) in order, skipping colours
 * already used in the same figure. `colors` in a builder's options overrides both.
 *
 * @example
 * groupColors(["TACE", "TACE+RT"]);       // { TACE: "#0072B2", "TACE+RT": "#D55E00" }
 * colorFor("HepG2");                      // "#009E73"
 */

import { escapeText, logBreaks } from "./format";

/** Font stack of every text element (available on every platform that renders SVG/PNG). */
export const FONT_FAMILY = "Arial, Helvetica, sans-serif";
/** Base font size in px (axis titles; tick labels and annotations one px smaller, never under 11). */
export const FONT_SIZE = 13;
export const TEXT_COLOR = "#000000";
/** Colour of reference lines, median lines and other non-data marks. */
export const NEUTRAL_COLOR = "#555555";

/** Okabe-Ito palette (colour-blind safe), black omitted: the fallback for unnamed groups. */
export const PALETTE: readonly string[] = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

/**
 * Fixed colours of the study's groups, keyed by lower-case name. Radiation is
 * vermillion and its control blue throughout (TACE+RT / TACE, irradiated / sham).
 */
export const GROUP_COLORS: Readonly<Record<string, string>> = {
  // arms
  tace: "#0072B2",
  "tace+rt": "#D55E00",
  // xenograft groups
  sham: "#0072B2",
  control: "#0072B2",
  irradiated: "#D55E00",
  // cell lines
  hepg2: "#009E73",
  hep3b: "#E69F00",
  "plc/prf/5": "#CC79A7",
  "huh-7": "#56B4E9",
  huh7: "#56B4E9",
  // sites of first failure (Paul Tol's muted scheme, distinct from the arms)
  local: "#44AA99",
  "in-field": "#44AA99",
  intrahepatic: "#332288",
  extrahepatic: "#AA4499",
  none: "#BBBBBB",
  death: "#777777",
};

/** Figure widths of a journal page at 96 px per inch: single column 85 mm, double column 174 mm. */
export const JOURNAL_WIDTH_PX = {
  single: Math.round((85 / 25.4) * 96),
  double: Math.round((174 / 25.4) * 96),
} as const;

function key(name: string): string {
  return name.trim().toLowerCase();
}

/** The fixed colour of a named group, or null when the name is not in GROUP_COLORS. */
export function namedColor(name: string): string | null {
  const c = GROUP_COLORS[key(name)];
  return c === undefined ? null : c;
}

/** Colour of one group: `overrides`, then GROUP_COLORS, then PALETTE[index] (cycled). */
export function colorFor(name: string, index = 0, overrides: Record<string, string> = {}): string {
  if (Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name];
  const named = namedColor(name);
  return named !== null ? named : PALETTE[index % PALETTE.length];
}

/**
 * Colours of the groups of one figure: overrides and named colours first, then
 * palette colours not yet used, in order, for the rest (so two unnamed groups never share one).
 */
export function groupColors(names: readonly string[], overrides: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  const rest: string[] = [];
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(out, name)) continue;
    const fixed = Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : namedColor(name);
    if (fixed !== null) {
      out[name] = fixed;
      used.add(fixed.toLowerCase());
    } else rest.push(name);
  }
  let p = 0;
  for (const name of rest) {
    const free = PALETTE.filter((c) => !used.has(c.toLowerCase()));
    const pool = free.length > 0 ? free : PALETTE;
    const c = pool[free.length > 0 ? 0 : p++ % pool.length];
    out[name] = c;
    used.add(c.toLowerCase());
  }
  return out;
}

/** "#RRGGBB" with opacity as an rgba() string (for confidence bands and faint traces). */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}

/** Options every builder takes. */
export interface BaseFigureOptions {
  /** A title inside the figure; omit it for journal figures (the caption carries the title). */
  title?: string;
  /** Width in px; omitted, the figure fills the notebook cell (responsive). */
  width?: number;
  /** Height in px (each builder has its own default). */
  height?: number;
  /** Base font size in px (default 13; clamped to at least 11). */
  fontSize?: number;
  /** Colour per group/series name, overriding GROUP_COLORS and PALETTE. */
  colors?: Record<string, string>;
  /** Show the legend (default: when there is more than one group). */
  showLegend?: boolean;
}

export function fontSizeOf(options: BaseFigureOptions): number {
  const s = options.fontSize === undefined ? FONT_SIZE : options.fontSize;
  return Math.max(11, s);
}

/** Font object for plotly at a size relative to the base size (never under 11 px). */
export function font(size: number, color: string = TEXT_COLOR): Record<string, unknown> {
  return { family: FONT_FAMILY, size: Math.max(11, size), color };
}

/**
 * A linear axis in the house style: black line, outside ticks, no grid, title
 * with its unit. `extra` is merged last.
 */
export function axis(title: string, base: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const tickMarks = extra.ticks === "" ? {} : { ticklen: 4, tickwidth: 1, tickcolor: TEXT_COLOR };
  return {
    title: { text: title, font: font(base), standoff: 8 },
    tickfont: font(base - 1),
    showline: true,
    linecolor: TEXT_COLOR,
    linewidth: 1,
    ticks: "outside",
    ...tickMarks,
    showgrid: false,
    zeroline: false,
    automargin: true,
    ...extra,
  };
}

/**
 * The common layout: fonts, white background, margins, legend, size and optional
 * title. `extra` is merged last (margins are merged key by key).
 */
export function baseLayout(options: BaseFigureOptions, defaultHeight: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = fontSizeOf(options);
  const margin = { l: 64, r: 16, t: options.title ? 48 : 16, b: 56, pad: 0, ...((extra.margin as Record<string, number>) || {}) };
  const layout: Record<string, unknown> = {
    font: font(base),
    paper_bgcolor: "#FFFFFF",
    plot_bgcolor: "#FFFFFF",
    height: options.height === undefined ? defaultHeight : options.height,
    autosize: options.width === undefined,
    hovermode: "closest",
    hoverlabel: { font: font(base - 1) },
    legend: {
      font: font(base - 1),
      bgcolor: "rgba(255, 255, 255, 0)",
      borderwidth: 0,
    },
    ...extra,
    margin,
  };
  if (options.width !== undefined) layout.width = options.width;
  if (options.title) layout.title = { text: options.title, font: font(base + 2), x: 0, xref: "paper", xanchor: "left", y: 1, yref: "container", yanchor: "top", pad: { t: 12 } };
  return layout;
}

/** Plotly config: no logo, responsive, and the camera button saves SVG at the figure's size. */
export function baseConfig(filename: string): Record<string, unknown> {
  return {
    displaylogo: false,
    responsive: true,
    toImageButtonOptions: { format: "svg", filename, scale: 1 },
  };
}

/**
 * A copy of a figure sized for a journal column (85 mm single, 174 mm double,
 * at 96 px per inch), for export to SVG/PNG, with the legend under the plot in a
 * single column. Height is the figure's own unless given.
 */
export function forJournal<F extends { data: unknown[]; layout?: Record<string, unknown>; config?: Record<string, unknown> }>(
  figure: F,
  column: "single" | "double" = "single",
  height?: number,
): F {
  const copy = JSON.parse(JSON.stringify(figure)) as F;
  const layout = (copy.layout = copy.layout || {});
  const width = JOURNAL_WIDTH_PX[column];
  layout.width = width;
  layout.autosize = false;
  if (height !== undefined) layout.height = height;
  if (column === "single" && layout.showlegend !== false) {
    // At 85 mm a legend beside the plot takes a third of the width: put it underneath.
    // Each extra line of the x-axis title (<br>) moves the legend down by about one line of text.
    const xTitle = (layout.xaxis as { title?: { text?: unknown } } | undefined)?.title?.text;
    const extraLines = typeof xTitle === "string" ? xTitle.split("<br>").length - 1 : 0;
    layout.legend = { ...((layout.legend || {}) as Record<string, unknown>), orientation: "h", x: 0, xanchor: "left", y: -0.28 - 0.07 * extraLines, yanchor: "top" };
    layout.margin = { ...((layout.margin || {}) as Record<string, unknown>), r: 10 };
  }
  return copy;
}

/** Settings of a log axis over the positive `values`: round 1-2-5 breaks written in full (not 1e3, no tiny minor labels). */
export function logAxisSettings(values: ReadonlyArray<number | null>): Record<string, unknown> {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v !== null && v > 0 && Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (!(max > 0)) return { type: "log" };
  const ticks = logBreaks(min, max);
  return { type: "log", tickmode: "array", tickvals: ticks, ticktext: ticks.map((t) => String(t)) };
}

export type AnnotationPosition = "bottom-left" | "bottom-right" | "top-right" | "top-left";

/** Corner placement in the plot's own domain. */
export function cornerAnnotation(text: string, position: AnnotationPosition, size: number, xref = "x domain", yref = "y domain"): Record<string, unknown> {
  const right = position.indexOf("right") >= 0;
  const top = position.indexOf("top") >= 0;
  return {
    text: escapeText(text).replace(/\n/g, "<br>"),
    xref,
    yref,
    x: right ? 0.98 : 0.02,
    y: top ? 0.98 : 0.03,
    xanchor: right ? "right" : "left",
    yanchor: top ? "top" : "bottom",
    align: right ? "right" : "left",
    showarrow: false,
    font: font(size),
  };
}
