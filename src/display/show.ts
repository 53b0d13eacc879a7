import type { PlotlyFigure } from "../plots/figure";
import { figureHtml, figureId } from "./figure-html";
import { tableHtml, recordsToTable, TableLike, TableHtmlOptions } from "./table-html";
import { escapeHtml } from "./html-escape";

/** Where HTML outputs go: the tslab kernel's display in a notebook, or anything with an html(s) method (tests). */
export interface HtmlSink {
  html(s: string): void;
  markdown?(s: string): void;
}

let sink: HtmlSink | null = null;
const shownFigureIds = new Map<string, number>();

/** Sends outputs to `target` instead of the tslab kernel (tests, other front ends). */
export function setDisplaySink(target: HtmlSink | null): void {
  sink = target;
  shownFigureIds.clear();
}

function currentSink(): HtmlSink {
  if (sink) return sink;
  // Loaded lazily so that src/ works outside a kernel (tests, scripts).
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require("tslab").display as HtmlSink;
}

/** Shows a plotly figure in the notebook (and so in its exported HTML). */
export function show(figure: PlotlyFigure): void {
  const base = figureId(figure);
  const occurrence = shownFigureIds.get(base) ?? 0;
  shownFigureIds.set(base, occurrence + 1);
  const id = figureId(figure, occurrence);
  currentSink().html(figureHtml(figure, id));
}

/** Anything showTable can show: a danfojs DataFrame (columns + values), a TableLike, or an array of records. */
export type Tabular = TableLike | ReadonlyArray<object> | { columns: string[]; values: unknown[][]; index?: unknown[] };

/** Shows a table (a danfojs DataFrame, an array of records, or columns + rows) as an HTML table. */
export function showTable(table: Tabular, options: TableHtmlOptions = {}): void {
  const like: TableLike = Array.isArray(table) ? recordsToTable(table as ReadonlyArray<Record<string, unknown>>) : (table as TableLike);
  currentSink().html(tableHtml(like, options));
}

/** Shows ready-made HTML (e.g. the claims table), as it is. */
export function showHtml(html: string): void {
  currentSink().html(html);
}

/** Shows markdown text computed in a cell (so every number in prose comes from the data). */
export function showMarkdown(text: string): void {
  const target = currentSink();
  if (target.markdown) target.markdown(text);
  else target.html(`<div>${escapeHtml(text)}</div>`);
}

/** A one-line notice box, e.g. the "simulated data" banner at the top of a notebook. */
export function showBanner(text: string, kind: "warning" | "info" = "warning"): void {
  const colours = kind === "warning" ? "background:#fff4ce;border:1px solid #e0b400;" : "background:#e8f1fb;border:1px solid #5b9bd5;";
  currentSink().html(`<div class="banner banner-${kind}" style="${colours}padding:8px 12px;border-radius:4px;font-weight:bold">${escapeHtml(text)}</div>`);
}
