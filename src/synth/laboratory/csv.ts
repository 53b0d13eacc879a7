/**
 * CSV text for the simulated laboratory tables: a header, one line per row,
 * "\n" line endings, numbers with a fixed number of decimals per column so the
 * files are byte-identical on every run and platform.
 */

export interface CsvColumn<Row> {
  name: keyof Row & string;
  /** Decimals for numbers; omitted for strings and integers. */
  digits?: number;
}

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => c.name).join(",")];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => {
          const v = row[c.name] as unknown;
          if (typeof v === "number") return c.digits === undefined ? String(v) : v.toFixed(c.digits);
          return quote(String(v));
        })
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}
