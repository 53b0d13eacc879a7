import * as fs from "fs";

export type Output = Record<string, unknown>;
export type Cell = { cell_type: string; source: string | string[]; outputs?: Output[]; execution_count?: number | null; id?: string; metadata?: Record<string, unknown> };

/** The cells of an .ipynb file. */
export function notebookCells(file: string): Cell[] {
  return JSON.parse(fs.readFileSync(file, "utf8")).cells;
}

/** A cell's source as one string. */
export function cellSource(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Traces per figure as the notebook produced them (read from the figure JSON in its outputs), in page order. */
export function expectedTraces(cells: Cell[]): number[] {
  const counts: number[] = [];
  for (const cell of cells) {
    for (const output of cell.outputs || []) {
      const html = (output.data as Record<string, string | string[]> | undefined)?.["text/html"];
      const text = Array.isArray(html) ? html.join("") : html || "";
      const pattern = /var fig = (\{.*\});\n/g;
      let match: RegExpExecArray | null;
      while ((match = pattern.exec(text))) counts.push(JSON.parse(match[1]).data.length);
    }
  }
  return counts;
}
