import { escapeHtml } from "./html-escape";

/** A table as its column names and rows of cells (what a danfojs DataFrame holds in `columns` and `values`). */
export interface TableLike {
  columns: readonly string[];
  values: ReadonlyArray<ReadonlyArray<unknown>>;
}

export interface TableHtmlOptions {
  /** Caption shown above the table. */
  caption?: string;
  /** Significant digits for non-integer numbers (default 4). */
  digits?: number;
  /** Show at most this many rows, then a line saying how many were left out (default: all). */
  maxRows?: number;
  /** Row labels shown in a first column (e.g. a DataFrame's index), when they add information. */
  index?: readonly unknown[];
}

/** Formats one cell: integers as they are, other numbers to `digits` significant digits, missing as an empty cell. */
export function formatCell(value: unknown, digits = 4): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (Number.isInteger(value)) return String(value);
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return value.toExponential(digits - 1);
    return String(Number(value.toPrecision(digits)));
  }
  return String(value);
}

/**
 * Renders a table as a plain HTML <table>: escaped text, numbers right-aligned,
 * deterministic (no generated ids), readable in the Notebook and exported HTML.
 */
export function tableHtml(table: TableLike, options: TableHtmlOptions = {}): string {
  const digits = options.digits ?? 4;
  const rows = options.maxRows === undefined ? table.values : table.values.slice(0, options.maxRows);
  const index = options.index;
  const head = (index ? ["<th></th>"] : []).concat(table.columns.map((c) => `<th style="text-align:left">${escapeHtml(String(c))}</th>`));
  const body = rows.map((row, r) => {
    const cells = row.map((v) => {
      const align = typeof v === "number" ? ' style="text-align:right"' : ' style="text-align:left"';
      return `<td${align}>${escapeHtml(formatCell(v, digits))}</td>`;
    });
    if (index) cells.unshift(`<th style="text-align:left">${escapeHtml(formatCell(index[r], digits))}</th>`);
    return `<tr>${cells.join("")}</tr>`;
  });
  const omitted = table.values.length - rows.length;
  const caption = options.caption ? `<caption style="caption-side:top;text-align:left;font-weight:bold">${escapeHtml(options.caption)}</caption>` : "";
  const note = omitted > 0 ? `<p style="font-size:smaller">… ${omitted} more rows not shown (${table.values.length} in all).</p>` : "";
  return `<table class="data-table">${caption}<thead><tr>${head.join("")}</tr></thead><tbody>${body.join("")}</tbody></table>${note}`;
}

/** Builds a TableLike from an array of records, columns in first-seen key order. */
export function recordsToTable(records: ReadonlyArray<Record<string, unknown>>): TableLike {
  const columns: string[] = [];
  for (const record of records) for (const key of Object.keys(record)) if (columns.indexOf(key) < 0) columns.push(key);
  return { columns, values: records.map((record) => columns.map((c) => record[c])) };
}
