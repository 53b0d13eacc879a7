/**
 * How the project's scripts talk to Debian's Jupyter: the environment that points it at the
 * project-local .jupyter/ folder (kernel spec, trust database, served plotly.js), and the
 * Python driver that executes one notebook.
 */
import { spawn } from "child_process";
import * as path from "path";
import { repoRoot as findRepoRoot } from "../core/repo-root";

/** The repository's root folder (see src/core/repo-root). */
export const repoRoot = findRepoRoot();
export const notebooksDir = path.join(repoRoot, "notebooks");
export const SYSTEM_PYTHON = "/usr/bin/python3";

/** The process environment with Jupyter confined to .jupyter/ in the repository. */
export function jupyterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const local = path.join(repoRoot, ".jupyter");
  return {
    ...process.env,
    JUPYTER_PATH: path.join(local, "share", "jupyter"),
    JUPYTER_DATA_DIR: path.join(local, "data"),
    JUPYTER_CONFIG_DIR: path.join(local, "config"),
    JUPYTER_RUNTIME_DIR: path.join(local, "runtime"),
    // Quiet and deterministic kernels: no colour codes in outputs, UTC everywhere.
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    TZ: "UTC",
    ...extra,
  };
}

export interface NotebookRun {
  ok: boolean;
  cells?: number;
  figures?: number;
  /** Index of the failing code cell among all cells (0-based), and its first line of code. */
  cell?: number | null;
  code?: string;
  /** The failing cell's number among the code cells (1-based) and its In [n] label (null when it never got one). */
  codeCell?: number;
  executionCount?: number | null;
  message?: string;
  seconds: number;
  /**
   * Where the time went, in seconds (from the runner, for a run that finished): starting the
   * kernel, each code cell from execute request to reply as [cell index, seconds, number among
   * the code cells], and the runner's whole run (with writing the notebook and exporting its page).
   */
  timing?: { kernel: number; cells: [number, number, number][]; total: number };
}

/**
 * The failing cell of a run as a Jupyter user finds it: `code cell 5 (In [5], starting "const km = …")`,
 * counting code cells only (markdown cells are not numbered in Jupyter), or "" when no cell failed.
 */
export function failedCellName(run: Pick<NotebookRun, "cell" | "code" | "codeCell" | "executionCount">): string {
  if (run.cell === null || run.cell === undefined) return "";
  const number = run.codeCell ?? run.cell + 1;
  const label = run.executionCount !== null && run.executionCount !== undefined ? `In [${run.executionCount}]` : "In [ ]";
  return `code cell ${number} (${label}${run.code ? `, starting ${JSON.stringify(run.code)}` : ""})`;
}

export interface RunNotebookOptions {
  input: string;
  output: string;
  html?: string;
  sign?: boolean;
  env?: Record<string, string>;
  /** The kernel's working directory (default notebooks/). */
  cwd?: string;
  timeoutSeconds?: number;
  /** Aborting stops the run: the runner gets SIGINT, so nbclient shuts its kernel down. */
  signal?: AbortSignal;
}

/** Executes one notebook (kernel cwd = notebooks/, so `./src` and data paths resolve), writing it to `output`. */
export function runNotebook(options: RunNotebookOptions): Promise<NotebookRun> {
  const args = [
    path.join(__dirname, "run_notebook.py"),
    "--input", options.input,
    "--output", options.output,
    "--cwd", options.cwd ?? notebooksDir,
    "--timeout", String(options.timeoutSeconds ?? 600),
  ];
  if (options.html) args.push("--html", options.html);
  if (options.sign) args.push("--sign");
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, args, { env: jupyterEnv(options.env), stdio: ["ignore", "pipe", "pipe"], signal: options.signal, killSignal: "SIGINT" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => {
      if (error.name === "AbortError") resolve({ ok: false, cell: null, message: "interrupted", seconds: (Date.now() - started) / 1000 });
      else reject(error);
    });
    child.on("close", (code) => {
      const seconds = (Date.now() - started) / 1000;
      const last = stdout.trim().split("\n").pop() || "";
      try {
        const parsed = JSON.parse(last);
        resolve({ ...parsed, seconds });
      } catch {
        resolve({ ok: false, cell: null, message: `notebook runner exited with code ${code}: ${stderr.trim().slice(-2000)}`, seconds });
      }
    });
  });
}

/** Arguments that start Debian's classic Notebook server on 127.0.0.1, rooted at the repository. */
export function notebookServerArgs(port: number | string, extra: string[] = []): string[] {
  const args = ["-m", "notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, `--notebook-dir=${repoRoot}`];
  // These machines run as root; the Notebook refuses to start as root without this flag.
  if (typeof process.getuid === "function" && process.getuid() === 0) args.push("--allow-root");
  return args.concat(extra);
}

/** Marks notebooks trusted in the project's Jupyter data folder (their figure scripts then run when opened). */
export function signNotebooks(files: string[]): Promise<void> {
  const code = [
    "import sys, nbformat",
    "from nbformat.sign import NotebookNotary",
    "notary = NotebookNotary()",
    "for f in sys.argv[1:]:",
    "    notary.sign(nbformat.read(f, as_version=4))",
  ].join("\n");
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, ["-c", code, ...files], { env: jupyterEnv(), stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (c) => (c === 0 ? resolve() : reject(new Error(`signing notebooks failed (exit ${c})`))));
  });
}
