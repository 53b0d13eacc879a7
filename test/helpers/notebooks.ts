import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { notebooksDir, runNotebook } from "../../src/cli/jupyter";
import { OPTIONAL_COHORT_COLUMNS } from "../../src/data/index";
import { repoRoot } from "./reference";

export type Output = Record<string, unknown>;
export type Cell = { cell_type: string; source: string | string[]; outputs?: Output[]; execution_count?: number | null; id?: string; metadata?: Record<string, unknown> };

/** The cells of an .ipynb file. */
/** Writes a notebook of one code cell (TypeScript kernel, no outputs) to `file`. */
export function writeOneCellNotebook(file: string, source: string): void {
  const nb = {
    cells: [{ cell_type: "code", execution_count: null, id: "cell-1", metadata: {}, outputs: [], source }],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(file, JSON.stringify(nb));
}

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

/** Every cell's outputs of an executed .ipynb file as one JSON string, to search for what a reader sees. */
export function outputsText(file: string): string {
  return JSON.stringify(JSON.parse(fs.readFileSync(file, "utf8")).cells.map((c: Cell) => c.outputs ?? []));
}

/**
 * A data folder `dir` whose clinical/cohort.csv is the committed cohort in its original layout
 * (the optional columns of OPTIONAL_COHORT_COLUMNS removed: 14 columns), as a user's older
 * cohort would be. With `withOtherFiles`, the rest of data/ (laboratory files, rule checks) is
 * copied beside it.
 */
export function originalLayoutDataDir(dir: string, options: { withOtherFiles?: boolean } = {}): string {
  if (options.withOtherFiles) fs.cpSync(path.join(repoRoot, "data"), dir, { recursive: true });
  else fs.mkdirSync(path.join(dir, "clinical"), { recursive: true });
  const [header, ...lines] = fs.readFileSync(path.join(repoRoot, "data", "clinical", "cohort.csv"), "utf8").trimEnd().split("\n");
  const keep = header
    .split(",")
    .map((c, j) => (OPTIONAL_COHORT_COLUMNS.includes(c) ? -1 : j))
    .filter((j) => j >= 0);
  assert.strictEqual(keep.length, 14, "the original layout has 14 columns");
  const pick = (line: string) => {
    const cells = line.split(",");
    return keep.map((j) => cells[j]).join(",");
  };
  fs.writeFileSync(path.join(dir, "clinical", "cohort.csv"), [header, ...lines].map(pick).join("\n") + "\n");
  return dir;
}

/**
 * Runs study notebook `name` on the data folder `data` (DATA_DIR, no cut-off) into `outDir`,
 * checks it ran to the end, left the committed notebook untouched and never called the data
 * simulated, and returns its outputs as text (outputsText).
 */
export async function outputsOnData(name: string, data: string, outDir: string): Promise<string> {
  const committed = path.join(notebooksDir, `${name}.ipynb`);
  const before = fs.readFileSync(committed, "utf8");
  const output = path.join(outDir, `${name}.ipynb`);
  const run = await runNotebook({ input: committed, output, env: { DATA_DIR: data, DATA_CUTOFF: "" } });
  assert.ok(run.ok, `${name}: cell ${run.cell} failed on the original layout: ${run.message}`);
  assert.strictEqual(fs.readFileSync(committed, "utf8"), before, `${name}: the committed notebook is unchanged`);
  const shown = outputsText(output);
  assert.ok(!/Simulated data|simulated cohort/.test(shown), `${name}: the user's data are never called simulated`);
  return shown;
}
