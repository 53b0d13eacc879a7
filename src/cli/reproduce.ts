/**
 * npm run reproduce [-- --data-dir DIR] [-- --out DIR] [NAME ...]
 *
 * Re-executes every notebook in notebooks/ in order with the project's tslab kernel,
 * writes the executed outputs back into the .ipynb files (or into --out), exports each
 * to HTML with plotly.js inlined once, and writes an index page linking them.
 * With --data-dir the notebooks read that folder instead of data/ (DATA_DIR), and
 * --out keeps the committed notebooks untouched.
 */
import * as fs from "fs";
import * as path from "path";
import { notebooksDir, repoRoot, runNotebook, NotebookRun } from "./jupyter";
import { indexPageHtml, NotebookCard } from "../report/index-page";
import { evaluateClaims } from "../claims/evaluate-claims";
import { claimsSummary, claimsTableHtml } from "../claims/claims-table";
import { dataDir } from "../data/load";

interface Options {
  dataDir: string | null;
  outDir: string | null;
  only: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dataDir: null, outDir: null, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--data-dir" || arg === "--out") {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a folder`);
      if (arg === "--data-dir") options.dataDir = path.resolve(value);
      else options.outDir = path.resolve(value);
    } else if (arg.startsWith("--")) {
      throw new Error(`unknown option ${arg} (known: --data-dir DIR, --out DIR, notebook names)`);
    } else {
      options.only.push(arg.replace(/\.ipynb$/, ""));
    }
  }
  return options;
}

/** The notebooks to run, in file-name order (their numeric prefixes give the reading order). */
export function listNotebooks(only: string[] = []): string[] {
  const names = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
  if (only.length === 0) return names;
  const chosen = names.filter((f) => only.some((o) => f.replace(/\.ipynb$/, "") === o || f.startsWith(o)));
  if (chosen.length === 0) throw new Error(`no notebook matches ${only.join(", ")}`);
  return chosen;
}

/** The first markdown heading of a notebook, for the index page. */
export function notebookTitle(file: string): string {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const text = Array.isArray(cell.source) ? cell.source.join("") : String(cell.source);
    const heading = text.split("\n").find((line: string) => /^#\s/.test(line));
    if (heading) return heading.replace(/^#\s+/, "").trim();
  }
  return path.basename(file, ".ipynb");
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const notebooks = listNotebooks(options.only);
  const reportsDir = options.outDir ?? path.join(repoRoot, "reports");
  fs.mkdirSync(reportsDir, { recursive: true });
  if (options.dataDir && !fs.existsSync(options.dataDir)) throw new Error(`--data-dir ${options.dataDir} does not exist`);
  const env: Record<string, string> = {};
  if (options.dataDir) env.DATA_DIR = options.dataDir;

  const started = Date.now();
  const cards: NotebookCard[] = [];
  const failures: string[] = [];
  for (let k = 0; k < notebooks.length; k++) {
    const file = notebooks[k];
    const name = file.replace(/\.ipynb$/, "");
    const input = path.join(notebooksDir, file);
    const output = options.outDir ? path.join(options.outDir, file) : input;
    const html = path.join(reportsDir, `${name}.html`);
    process.stdout.write(`[${k + 1}/${notebooks.length}] ${file} ... `);
    const run: NotebookRun = await runNotebook({ input, output, html, sign: true, env });
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    if (run.ok) {
      console.log(`ok: ${run.cells} code cells, ${run.figures} figures, ${run.seconds.toFixed(1)} s (elapsed ${elapsed} s)`);
    } else {
      const where = run.cell === null || run.cell === undefined ? "" : ` cell ${run.cell + 1}${run.code ? ` (${run.code})` : ""}`;
      const line = `${file}${where}: ${run.message}`;
      console.log(`FAILED (elapsed ${elapsed} s)\n  ${line.split("\n").join("\n  ")}`);
      failures.push(line);
    }
    cards.push({
      name,
      title: notebookTitle(input),
      href: `${name}.html`,
      ok: run.ok,
      seconds: run.seconds,
      figures: run.figures ?? 0,
      message: run.ok ? undefined : run.message,
    });
  }
  const dataNote = options.dataDir
    ? `Data: ${options.dataDir} (the user's own data, via --data-dir).`
    : "Data: the project's simulated data in data/ (see data/README.md). The study's patient-level records and raw measurements were never published.";
  // The claims ledger heads the index page. On a user's data a claim that does not hold is a
  // finding to report, not an error: it never changes the exit code.
  const claims = evaluateClaims(options.dataDir ?? dataDir());
  const summary = claimsSummary(claims);
  console.log(`claims: ${summary.line}`);
  for (const claim of claims) {
    if (claim.status !== "pass") console.log(`  ${claim.id} ${claim.status}: ${claim.statement}; ${claim.reproduced || claim.detail.split("\n")[0]}`);
  }
  const summaryHtml = `<h2>Does it reproduce?</h2><p class="claims-summary"><strong>${summary.line}.</strong></p>${claimsTableHtml(claims, { linkExtension: ".html" })}`;
  fs.writeFileSync(path.join(reportsDir, "index.html"), indexPageHtml(cards, { dataNote, summaryHtml }));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const where = path.relative(process.cwd(), reportsDir) || ".";
  console.log(`reproduce: ${notebooks.length} notebooks, ${notebooks.length - failures.length} ok, ${failures.length} failed, ${seconds} s; HTML in ${where}/index.html`);
  if (failures.length > 0) {
    console.error(`\nFailing cells:\n  ${failures.join("\n  ")}`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`reproduce: ${error instanceof Error ? error.message : error}`);
      process.exit(2);
    },
  );
}
