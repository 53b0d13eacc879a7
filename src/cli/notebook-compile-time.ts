/**
 * `npx tsx src/cli/notebook-compile-time.ts notebooks/NAME.ipynb ...`: how long tslab takes to
 * compile each code cell of a notebook, without running it: tslab's own converter (the one its
 * kernel uses, with the notebook's folder as root), cell after cell as the kernel feeds them. The
 * first cell that imports from ./src pays for type-checking and emitting every src/ file it
 * reaches. Prints one JSON line per notebook: converter start-up, total, and per code cell
 * [cell index, ms, src/ files emitted]. For environment.md's split of reproduce's time.
 */
import * as fs from "fs";
import * as path from "path";
import { notebooksDir, repoRoot } from "./jupyter";

interface Converter {
  convert(prevDecl: string, src: string): { declOutput?: string; sideOutputs?: unknown[]; diagnostics: { messageText: string }[] };
  close(): void;
}

function main(): void {
  const files = process.argv.slice(2).map((f) => path.resolve(f));
  if (files.length === 0) throw new Error("usage: npx tsx src/cli/notebook-compile-time.ts notebooks/NAME.ipynb ...");
  process.chdir(notebooksDir); // tslab's converter takes the working directory as its root
  for (const file of files) {
    const t0 = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { createConverter } = require(path.join(repoRoot, "node_modules", "tslab", "dist", "converter.js")) as {
      createConverter(options: { isJS: boolean; isBrowser: boolean }): Converter;
    };
    const converter = createConverter({ isJS: false, isBrowser: false });
    const startup = performance.now() - t0;
    const cells: [number, number, number][] = [];
    let prevDecl = "";
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    nb.cells.forEach((cell, i) => {
      if (cell.cell_type !== "code") return;
      const src = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      const t = performance.now();
      const out = converter.convert(prevDecl, src);
      cells.push([i, Math.round(performance.now() - t), out.sideOutputs?.length ?? 0]);
      if (out.diagnostics.length > 0) console.error(`${path.basename(file)} cell ${i + 1}: ${out.diagnostics[0].messageText}`);
      prevDecl = out.declOutput ?? "";
    });
    converter.close();
    const total = cells.reduce((sum, c) => sum + c[1], 0);
    console.log(JSON.stringify({ notebook: path.basename(file), startupMs: Math.round(startup), compileMs: total, cells }));
  }
  process.exit(0); // the converter's file watchers would keep the process alive
}

main();
