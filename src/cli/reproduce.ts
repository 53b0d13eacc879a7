/**
 * npm run reproduce [-- --data-dir DIR] [--out DIR] [--cutoff YYYY-MM-DD] [--jobs N] [NAME ...]
 *
 * Re-executes the study notebooks (src/cli/study-notebooks.ts) with the project's tslab
 * kernel, exports each to an offline HTML page and writes an index page that heads with the
 * claims table. Up to --jobs notebooks (default 2) run at a time, each in its own kernel,
 * respecting the `after` constraints of the manifest; the report and the index list them in
 * reading order, and each notebook's output does not depend on what ran beside it.
 *
 * - The project's simulated data (the default): the executed notebooks replace the committed
 *   ones in notebooks/ and the pages go to reports/ (reports/index.html).
 * - Other data (--data-dir DIR, or the DATA_DIR environment variable): nothing in notebooks/ or
 *   data/ is written. Notebooks and pages go to --out, by default reports/runs/<DIR's name>/.
 *   --out may not lie inside notebooks/, data/, src/ or the data folder, and an existing
 *   folder is replaced only if it is empty or an earlier run made it.
 * - --cutoff (or DATA_CUTOFF): the data cut-off the cohort is checked against.
 * - Every data file the chosen notebooks read is checked first, before any kernel starts; a
 *   problem stops the run with one list (file, row, line, column, value, rule), exit code 1.
 *   In a full run, notebooks whose data files are all absent from the folder are skipped.
 * - Atomic: a run is written to a temporary folder and moved into place when it is complete;
 *   an interrupted run leaves the previous output as it was. NAMEs (exact notebook names)
 *   run only those notebooks: their pages are replaced and the index keeps the others' entries
 *   from the previous run on the same data.
 * Exit codes: 0 all ran (claims that do not hold are findings, not errors), 1 a data problem
 * or a failing notebook, 2 a usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { closeNotebookRunner, failedCellName, notebooksDir, repoRoot, runNotebook, NotebookRun } from "./jupyter";
import { STUDY_NOTEBOOKS, StudyNotebook, studyNotebook } from "./study-notebooks";
import { runScheduled } from "./notebook-schedule";
import { indexPageHtml, NotebookCard } from "../report/index-page";
import { evaluateClaims } from "../claims/evaluate-claims";
import { claimsSummary, claimsTableHtml } from "../claims/claims-table";
import { reproductionFramingHtml } from "../claims/rule-discrimination";
import { checkDataFolder, formatDataFolderCheck, DATA_FILES } from "../data/check-folder";
import type { DataFileKey } from "../data/check-folder";
import { dateProblem } from "../data/values";

/** A mistake in the command line or in a folder given on it: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface ReproduceOptions {
  dataDir: string | null;
  outDir: string | null;
  cutoff: string | null;
  only: string[];
  /** How many notebooks run at a time (--jobs N); DEFAULT_JOBS when not given. */
  jobs?: number;
}

const USAGE = "usage: npm run reproduce [-- [--data-dir DIR] [--out DIR] [--cutoff YYYY-MM-DD] [--jobs N] [NOTEBOOK ...]]";

/** Notebooks run at a time by default: two, as on the 2-core machine the timings in environment.md come from. */
export const DEFAULT_JOBS = 2;

/** Options from the command line; relative folders are resolved from where the user typed them (npm's INIT_CWD). */
export function parseArgs(argv: readonly string[], cwd = process.env.INIT_CWD ?? process.cwd()): ReproduceOptions {
  const options: ReproduceOptions = { dataDir: null, outDir: null, cutoff: null, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === "--jobs") {
      const value = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || !/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--jobs needs a whole number of at least 1 (notebooks run at a time)\n${USAGE}`);
      options.jobs = Number(value);
    } else if (flag === "--data-dir" || flag === "--out" || flag === "--cutoff") {
      const value = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value\n${USAGE}`);
      if (flag === "--data-dir") options.dataDir = path.resolve(cwd, value);
      else if (flag === "--out") options.outDir = path.resolve(cwd, value);
      else options.cutoff = value;
    } else if (arg === "--help" || arg === "-h") {
      throw new UsageError(USAGE);
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    } else {
      options.only.push(arg);
    }
  }
  return options;
}

/** Everything a run will do, decided before anything is written. */
export interface RunPlan {
  dataDir: string;
  /** True for the project's own data/ (simulated); only then may the run write notebooks/. */
  shipped: boolean;
  cutoff: string | null;
  /** Where the cut-off came from ("--cutoff", "DATA_CUTOFF"), for messages. */
  cutoffSource: string | null;
  /** The notebooks to run, in reading order. */
  notebooks: StudyNotebook[];
  /** Study notebooks left out of a full run because the data folder has none of their files. */
  skipped: { notebook: StudyNotebook; reason: string }[];
  /** Other .ipynb files in notebooks/, ignored. */
  strays: string[];
  /** "in-place": notebooks into notebooks/, pages into reports/; "folder": both into siteDir, replaced whole. */
  mode: "in-place" | "folder";
  siteDir: string;
  /** True when the run names notebooks: the index keeps the other notebooks' entries. */
  partial: boolean;
}

/** The marker file a run leaves in its output folder: what made it, and each notebook's last result. */
export const RUN_RECORD = "reproduce-run.json";

interface RunRecord {
  dataDir: string;
  cutoff: string | null;
  cards: NotebookCard[];
}

function realish(p: string): string {
  // The real path of p, or of its nearest existing ancestor joined with the rest.
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.resolve(p);
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

/** True when `child` is `parent` or inside it. */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(realish(parent), realish(child));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Why `out` may not receive a run on `dataDir`, or null when it may. */
export function outDirProblem(out: string, dataDir: string, root = repoRoot): string | null {
  const name = (p: string) => path.relative(root, p) || ".";
  for (const folder of ["notebooks", "data", "src"].map((f) => path.join(root, f))) {
    if (isInside(out, folder)) return `${out} is inside ${name(folder)}/, which holds the project's own files: choose a folder outside notebooks/, data/ and src/ (e.g. reports/runs/NAME)`;
  }
  if (isInside(out, dataDir)) return `${out} is inside the data folder ${dataDir}: choose another folder`;
  if (isInside(root, out)) return `${out} contains the project folder: choose a folder of its own (e.g. reports/runs/NAME)`;
  if (isInside(dataDir, out)) return `${out} contains the data folder ${dataDir}: choose a folder of its own`;
  if (isInside(out, path.join(root, "reports")) && realish(out) === realish(path.join(root, "reports"))) {
    return `reports/ itself holds the default run and other output: choose a folder inside it (e.g. reports/runs/NAME)`;
  }
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) return `${out} is a file, not a folder`;
    const entries = fs.readdirSync(out);
    if (entries.length > 0 && !entries.includes(RUN_RECORD)) {
      return `${out} already holds files that npm run reproduce did not write (it would replace the whole folder): choose a new or empty folder`;
    }
  }
  return null;
}

/** The .ipynb files in notebooks/ that are not study notebooks. */
export function strayNotebooks(dir = notebooksDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && studyNotebook(f) === undefined)
    .sort();
}

export function planRun(options: ReproduceOptions, env: NodeJS.ProcessEnv = process.env, root = repoRoot): RunPlan {
  const shippedDir = path.join(root, "data");
  const fromEnv = env.DATA_DIR !== undefined && env.DATA_DIR.trim() !== "" ? path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR) : null;
  const dataDir = options.dataDir ?? fromEnv ?? shippedDir;
  if (!fs.existsSync(dataDir) || !fs.statSync(dataDir).isDirectory()) {
    throw new UsageError(`the data folder ${dataDir} does not exist${options.dataDir === null && fromEnv !== null ? " (from DATA_DIR)" : ""}`);
  }
  const shipped = realish(dataDir) === realish(shippedDir);

  const envCutoff = env.DATA_CUTOFF !== undefined && env.DATA_CUTOFF.trim() !== "" ? env.DATA_CUTOFF.trim() : null;
  const cutoff = options.cutoff ?? envCutoff;
  const cutoffSource = options.cutoff !== null ? "--cutoff" : envCutoff !== null ? "DATA_CUTOFF" : null;
  if (cutoff !== null) {
    const problem = dateProblem(cutoff);
    if (problem !== null) throw new UsageError(`${cutoffSource} ${JSON.stringify(cutoff)}: the data cut-off must be a date written YYYY-MM-DD; it ${problem}`);
  }

  let notebooks: StudyNotebook[];
  const skipped: { notebook: StudyNotebook; reason: string }[] = [];
  if (options.only.length > 0) {
    const chosen = new Set<string>();
    for (const name of options.only) {
      const nb = studyNotebook(name);
      if (nb === undefined) {
        const stray = fs.existsSync(path.join(root, "notebooks", `${name.replace(/^.*[\\/]/, "").replace(/\.ipynb$/, "")}.ipynb`));
        throw new UsageError(
          `${JSON.stringify(name)} is not ${stray ? "one of the study notebooks (it is in notebooks/ but not in src/cli/study-notebooks.ts)" : "a study notebook"}; ` +
            `the study notebooks are ${STUDY_NOTEBOOKS.map((n) => n.name).join(", ")}`,
        );
      }
      chosen.add(nb.name);
    }
    notebooks = STUDY_NOTEBOOKS.filter((n) => chosen.has(n.name));
  } else {
    notebooks = [];
    for (const nb of STUDY_NOTEBOOKS) {
      const absent = nb.data.length > 0 && nb.data.every((k) => !fs.existsSync(path.join(dataDir, DATA_FILES[k])));
      if (absent) skipped.push({ notebook: nb, reason: `the data folder has none of its files (${nb.data.map((k) => DATA_FILES[k]).join(", ")})` });
      else notebooks.push(nb);
    }
  }

  let mode: RunPlan["mode"];
  let siteDir: string;
  if (options.outDir !== null) {
    mode = "folder";
    siteDir = options.outDir;
  } else if (shipped) {
    mode = "in-place";
    siteDir = path.join(root, "reports");
  } else {
    mode = "folder";
    siteDir = path.join(root, "reports", "runs", path.basename(realish(dataDir)) || "data");
  }
  if (mode === "folder") {
    const problem = outDirProblem(siteDir, dataDir, root);
    if (problem !== null) throw new UsageError(`--out ${problem}`);
  }
  return { dataDir, shipped, cutoff, cutoffSource, notebooks, skipped, strays: strayNotebooks(path.join(root, "notebooks")), mode, siteDir, partial: options.only.length > 0 };
}

/** The environment of the kernels: DATA_DIR and DATA_CUTOFF exactly as planned (empty = the defaults). */
export function kernelEnv(plan: RunPlan): Record<string, string> {
  return { DATA_DIR: plan.shipped ? "" : plan.dataDir, DATA_CUTOFF: plan.cutoff ?? "" };
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

export interface NotebookRunOptions {
  env: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Runs one study notebook from notebooks/ into the folder `into`: the executed notebook
 * (NAME.ipynb, signed as trusted) and its offline page (NAME.html). Nothing else is written.
 */
export async function runStudyNotebook(notebook: StudyNotebook, into: string, options: NotebookRunOptions): Promise<{ card: NotebookCard; run: NotebookRun }> {
  const input = path.join(notebooksDir, `${notebook.name}.ipynb`);
  const run = await runNotebook({
    input,
    output: path.join(into, `${notebook.name}.ipynb`),
    html: path.join(into, `${notebook.name}.html`),
    sign: true,
    env: options.env,
    signal: options.signal,
  });
  const card: NotebookCard = {
    name: notebook.name,
    title: notebookTitle(input),
    href: `${notebook.name}.html`,
    ok: run.ok,
    seconds: run.seconds,
    figures: run.figures ?? 0,
    message: run.ok ? undefined : run.message,
  };
  return { card, run };
}

/**
 * Where a notebook's time went: starting the kernel, its slowest code cell (the first to import
 * src/ pays for tslab compiling the src/ files), the other cells, and the rest (Python start,
 * writing the notebook, exporting its page).
 */
export function timingLine(timing: NonNullable<NotebookRun["timing"]>): string {
  const cells = timing.cells.reduce((sum, [, s]) => sum + s, 0);
  const slowest = timing.cells.reduce((best, c) => (c[1] > best[1] ? c : best), [-1, 0, 0] as [number, number, number]);
  const rest = Math.max(0, timing.total - timing.kernel - cells);
  return (
    `kernel start ${timing.kernel.toFixed(1)} s, slowest: code cell ${slowest[2]} ${slowest[1].toFixed(1)} s, ` +
    `other cells ${(cells - slowest[1]).toFixed(1)} s, write + export ${rest.toFixed(1)} s`
  );
}

function readRecord(siteDir: string): RunRecord | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(siteDir, RUN_RECORD), "utf8")) as RunRecord;
  } catch {
    return null;
  }
}

/** The index page (claims table first, then one card per study notebook), written into `dir`. */
function writeIndex(dir: string, plan: RunPlan, cards: NotebookCard[]): string {
  // The cut-off the claims are judged with: the one the notebooks used.
  if (plan.cutoff === null) delete process.env.DATA_CUTOFF;
  else process.env.DATA_CUTOFF = plan.cutoff;
  const claims = evaluateClaims(plan.dataDir);
  const summary = claimsSummary(claims);
  const withPage = new Set(cards.filter((c) => c.ok && c.notRun === undefined).map((c) => c.name));
  const dataNote = plan.shipped
    ? "Data: the project's simulated data in data/ (see data/README.md). The study's patient-level records and raw measurements were never published."
    : `Data: ${plan.dataDir}, the user's own data (not the project's simulated data).`;
  const cutoffNote = plan.cutoff === null ? "" : ` Data cut-off ${plan.cutoff} (${plan.cutoffSource}).`;
  const summaryHtml =
    `<h2>Does it reproduce?</h2><p class="claims-summary"><strong>${summary.line}.</strong></p>` +
    claimsTableHtml(claims, { linkExtension: ".html", linked: (nb) => withPage.has(nb) }) +
    reproductionFramingHtml(plan.shipped);
  fs.writeFileSync(path.join(dir, "index.html"), indexPageHtml(cards, { dataNote: dataNote + cutoffNote, summaryHtml }));
  const record: RunRecord = { dataDir: plan.dataDir, cutoff: plan.cutoff, cards };
  fs.writeFileSync(path.join(dir, RUN_RECORD), JSON.stringify(record, null, 2) + "\n");
  for (const claim of claims) {
    if (claim.status !== "pass") console.log(`  ${claim.id} ${claim.status}: ${claim.statement}; ${claim.reproduced || claim.detail.split("\n")[0]}`);
  }
  return summary.line;
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r === "" ? "." : r.startsWith("..") ? p : r;
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseArgs(process.argv.slice(2));
  const plan = planRun(options);

  console.log(
    plan.shipped
      ? "reproduce: data: the project's simulated data in data/"
      : `reproduce: data: ${plan.dataDir} (your own data, not the project's simulated data)`,
  );
  if (plan.cutoff !== null) console.log(`reproduce: data cut-off ${plan.cutoff} (${plan.cutoffSource})`);
  if (plan.strays.length > 0) {
    console.log(`reproduce: ignoring ${plan.strays.length} notebook${plan.strays.length === 1 ? "" : "s"} in notebooks/ that ${plan.strays.length === 1 ? "is" : "are"} not in the study (src/cli/study-notebooks.ts): ${plan.strays.join(", ")}`);
  }
  for (const s of plan.skipped) console.log(`reproduce: skipping ${s.notebook.name}: ${s.reason}`);

  // 1. Every data file the run needs, checked once, before any kernel starts.
  const keys = Array.from(new Set(plan.notebooks.flatMap((n) => n.data as DataFileKey[])));
  const checkStarted = Date.now();
  const checks = checkDataFolder(plan.dataDir, keys, plan.cutoff === null ? {} : { cutoff: plan.cutoff });
  if (checks.some((c) => c.issues.length > 0)) {
    console.error(`\nreproduce: ${formatDataFolderCheck(plan.dataDir, checks)}\n\nNo notebook was run and nothing was written. Fix the data and run again.`);
    return 1;
  }
  console.log(`reproduce: ${checks.length} data file${checks.length === 1 ? "" : "s"} checked (${checks.map((c) => `${c.file} ${c.rows} rows`).join(", ") || "none needed"}) in ${((Date.now() - checkStarted) / 1000).toFixed(1)} s`);
  console.log(
    plan.mode === "in-place"
      ? "reproduce: executed notebooks go to notebooks/, pages to reports/"
      : `reproduce: notebooks and pages go to ${rel(plan.siteDir)}/ (the committed notebooks are not touched)`,
  );

  // 2. Run into a temporary folder beside the output, so that it can be moved into place.
  const parent = plan.mode === "in-place" ? plan.siteDir : path.dirname(plan.siteDir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.reproduce-tmp-`));
  fs.chmodSync(tmp, 0o777 & ~process.umask()); // mkdtemp makes it private; the output folder is an ordinary one
  const abort = new AbortController();
  let interrupted = false;
  const stop = (signal: NodeJS.Signals) => {
    interrupted = true;
    abort.abort();
    console.error(`\nreproduce: ${signal}: stopping; the previous output is left as it was`);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const env = kernelEnv(plan);
    const cards = new Map<string, NotebookCard>();
    const failures: string[] = [];
    // Up to `jobs` notebooks at a time (each its own kernel and process); the result lines come
    // in the list's order whatever order the runs finish in (src/cli/notebook-schedule.ts).
    const jobs = Math.min(options.jobs ?? DEFAULT_JOBS, plan.notebooks.length || 1);
    // The longest notebooks (by the last run's times in this output folder) start first, so the run
    // does not end with one long notebook running alone; what is written does not depend on the order.
    const lastSeconds = new Map((readRecord(plan.siteDir)?.cards ?? []).filter((c) => c.ok && c.notRun === undefined).map((c) => [c.name, c.seconds]));
    if (jobs > 1) console.log(`reproduce: running up to ${jobs} notebooks at a time`);
    await runScheduled(
      plan.notebooks,
      STUDY_NOTEBOOKS,
      jobs,
      (nb) => {
        // A progress line when a notebook starts; its result line comes below, in list order.
        console.log(`[${plan.notebooks.indexOf(nb) + 1}/${plan.notebooks.length}] ${nb.name}.ipynb started`);
        return runStudyNotebook(nb, tmp, { env, signal: abort.signal });
      },
      (nb, { card, run }, k) => {
        if (interrupted) return;
        const elapsed = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(`[${k + 1}/${plan.notebooks.length}] ${nb.name}.ipynb ... `);
        if (run.ok) {
          console.log(`ok: ${run.cells} code cells, ${run.figures} figures, ${run.seconds.toFixed(1)} s (elapsed ${elapsed} s)`);
          if (run.timing !== undefined) console.log(`  ${timingLine(run.timing)}`);
        } else {
          const where = failedCellName(run);
          const line = `${nb.name}.ipynb${where ? `, ${where}` : ""}: ${run.message}`;
          console.log(`FAILED (elapsed ${elapsed} s)\n  ${line.split("\n").join("\n  ")}`);
          failures.push(line);
          // A failed notebook leaves no page and no executed notebook.
          for (const ext of [".ipynb", ".html"]) fs.rmSync(path.join(tmp, nb.name + ext), { force: true });
        }
        cards.set(nb.name, card);
      },
      () => interrupted,
      (nb) => lastSeconds.get(nb.name),
    );
    if (interrupted) return 130;

    // 3. The index: every study notebook, with the previous run's entry for those not run now.
    const previous = readRecord(plan.siteDir);
    const samePrevious = previous !== null && previous.dataDir === plan.dataDir && previous.cutoff === plan.cutoff ? previous : null;
    if (plan.partial && previous !== null && samePrevious === null) {
      console.log(`reproduce: ${rel(plan.siteDir)}/ held a run on other data or another cut-off: its pages are not kept`);
    }
    const kept: NotebookCard[] = [];
    const allCards = STUDY_NOTEBOOKS.map((nb): NotebookCard => {
      const now = cards.get(nb.name);
      if (now !== undefined) return now;
      const skip = plan.skipped.find((s) => s.notebook.name === nb.name);
      const title = notebookTitle(path.join(notebooksDir, `${nb.name}.ipynb`));
      if (skip !== undefined) return { name: nb.name, title, href: `${nb.name}.html`, ok: false, seconds: 0, figures: 0, notRun: skip.reason };
      const before = plan.partial && samePrevious !== null ? samePrevious.cards.find((c) => c.name === nb.name) : undefined;
      if (before !== undefined) {
        kept.push(before);
        return before;
      }
      return { name: nb.name, title, href: `${nb.name}.html`, ok: false, seconds: 0, figures: 0, notRun: "not run yet on this data" };
    });
    // Pages of notebooks not run now, from the previous run, stay (folder mode: copied into the new folder).
    if (plan.mode === "folder" && samePrevious !== null) {
      for (const card of kept) {
        if (!card.ok || card.notRun !== undefined) continue;
        for (const ext of [".ipynb", ".html"]) {
          const from = path.join(plan.siteDir, card.name + ext);
          if (fs.existsSync(from)) fs.copyFileSync(from, path.join(tmp, card.name + ext));
        }
      }
    }
    const claimsLine = writeIndex(tmp, plan, allCards);

    // 4. Move into place.
    if (plan.mode === "in-place") {
      for (const nb of plan.notebooks) {
        const card = cards.get(nb.name) as NotebookCard;
        if (card.ok) {
          fs.renameSync(path.join(tmp, `${nb.name}.ipynb`), path.join(notebooksDir, `${nb.name}.ipynb`));
          fs.renameSync(path.join(tmp, `${nb.name}.html`), path.join(plan.siteDir, `${nb.name}.html`));
        } else {
          fs.rmSync(path.join(plan.siteDir, `${nb.name}.html`), { force: true }); // stale
        }
      }
      // Pages of notebooks that are no longer study notebooks, or were skipped, are stale.
      for (const card of allCards) if (card.notRun !== undefined && !plan.partial) fs.rmSync(path.join(plan.siteDir, `${card.name}.html`), { force: true });
      if (previous !== null) {
        for (const card of previous.cards) {
          if (studyNotebook(card.name) === undefined) fs.rmSync(path.join(plan.siteDir, `${card.name}.html`), { force: true });
        }
      }
      fs.renameSync(path.join(tmp, RUN_RECORD), path.join(plan.siteDir, RUN_RECORD));
      fs.renameSync(path.join(tmp, "index.html"), path.join(plan.siteDir, "index.html"));
    } else {
      const old = fs.existsSync(plan.siteDir) ? `${tmp}-old` : null;
      if (old !== null) fs.renameSync(plan.siteDir, old);
      fs.renameSync(tmp, plan.siteDir);
      if (old !== null) fs.rmSync(old, { recursive: true, force: true });
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`claims: ${claimsLine}`);
    console.log(
      `reproduce: ${plan.notebooks.length} notebook${plan.notebooks.length === 1 ? "" : "s"} run, ${plan.notebooks.length - failures.length} ok, ${failures.length} failed, ${seconds} s; ` +
        `open ${rel(path.join(plan.siteDir, "index.html"))}`,
    );
    if (failures.length > 0) {
      console.error(`\nFailing cells:\n  ${failures.join("\n  ")}`);
      return 1;
    }
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    process.removeListener("SIGINT", stop);
    process.removeListener("SIGTERM", stop);
  }
}

if (require.main === module) {
  // The shared notebook runner is stopped and waited for first (its kernels shut down).
  main().then(
    // The exit code is set first: should the wait end with nothing left to keep node alive (the
    // runner's pipes unreferenced), node exits by itself with it, not with 0 (an interrupted run
    // once exited 0 so).
    (code) => {
      process.exitCode = code;
      return closeNotebookRunner().then(() => process.exit(code));
    },
    (error) => {
      console.error(`reproduce: ${error instanceof Error ? error.message : error}`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
      void closeNotebookRunner().then(() => process.exit(process.exitCode));
    },
  );
}
