/**
 * How the project's scripts talk to Debian's Jupyter: the environment that points it at the
 * project-local .jupyter/ folder (kernel spec, trust database, served plotly.js), and the
 * Python driver that executes one notebook.
 */
import { spawn, ChildProcess } from "child_process";
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

/**
 * Executes one notebook (kernel cwd = notebooks/, so `./src` and data paths resolve), writing it to `output`.
 * Notebooks go to a long-lived Python runner (`run_notebook.py --serve`), one per process and
 * Jupyter environment (the JUPYTER_* variables, which Jupyter reads as it starts: a run whose
 * options change them, such as the build test's scratch kernel spec, shares a runner with the runs
 * that change them the same way), which saves each notebook the runner's start (Python, nbclient and
 * nbconvert imports: about 0.55 s of CPU); the notebook, its kernel and what is written are the
 * same as with a runner of its own, which a run gets with `RUN_NOTEBOOK_SHARED=0`.
 */
export function runNotebook(options: RunNotebookOptions): Promise<NotebookRun> {
  const env = jupyterEnv(options.env);
  if (process.env.RUN_NOTEBOOK_SHARED === "0") return runNotebookAlone(options);
  const jupyter: Record<string, string> = {};
  for (const k of Object.keys(env).filter((k) => k.startsWith("JUPYTER_")).sort()) jupyter[k] = env[k] as string;
  const key = JSON.stringify(jupyter);
  let runner = sharedRunners.get(key);
  if (runner === undefined) sharedRunners.set(key, (runner = new SharedNotebookRunner(jupyter)));
  return runner.run(options, env);
}

/** Arguments of run_notebook.py for one notebook (without the runner's own options). */
function jobOf(options: RunNotebookOptions) {
  return { input: options.input, output: options.output, cwd: options.cwd ?? notebooksDir, timeout: options.timeoutSeconds ?? 600, html: options.html ?? null, sign: options.sign ?? false };
}

/** Parses what run_notebook.py answered for a notebook; `failure` when it is not a result. */
function runResult(text: string, seconds: number, failure: () => string): NotebookRun {
  try {
    const parsed = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && typeof parsed.ok === "boolean") return { ...parsed, seconds };
  } catch {
    // not JSON: the runner failed
  }
  return { ok: false, cell: null, message: failure(), seconds };
}

/** One notebook in a Python runner of its own. */
function runNotebookAlone(options: RunNotebookOptions): Promise<NotebookRun> {
  const job = jobOf(options);
  const args = [path.join(__dirname, "run_notebook.py"), "--input", job.input, "--output", job.output, "--cwd", job.cwd, "--timeout", String(job.timeout)];
  if (job.html !== null) args.push("--html", job.html);
  if (job.sign) args.push("--sign");
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
      const last = stdout.trim().split("\n").pop() || "";
      resolve(runResult(last, (Date.now() - started) / 1000, () => `notebook runner exited with code ${code}: ${stderr.trim().slice(-2000)}`));
    });
  });
}

/** The shared runners started so far, by their Jupyter environment (JSON of the JUPYTER_* variables). */
const sharedRunners = new Map<string, SharedNotebookRunner>();

/** Stops the shared notebook runners, if any were started, and waits for them (call before process.exit). */
export function closeNotebookRunner(): Promise<void> {
  return Promise.all([...sharedRunners.values()].map((r) => r.close())).then(() => undefined);
}
const SERVE_PREFIX = "run_notebook: ";

/**
 * `run_notebook.py --serve`, started on the first notebook: jobs are written to its stdin as JSON
 * lines and answered on its stdout. It runs as many notebooks at once as it is given (callers keep
 * to two). While no notebook runs, it does not keep this process alive; when this process exits,
 * its stdin closes and it stops (shutting down any kernel still running). Its own process group:
 * a Ctrl-C in the terminal reaches this process, which cancels the runs it means to stop.
 */
class SharedNotebookRunner {
  private child: ChildProcess | null = null;
  private pending = new Map<number, { resolve: (r: NotebookRun) => void; started: number }>();
  private nextId = 1;
  private stdout = "";
  private stderr = "";
  private exitHook = false;

  /** `jupyter`: the JUPYTER_* variables the runner starts with (Jupyter's folders). */
  constructor(private readonly jupyter: Record<string, string> = {}) {}

  run(options: RunNotebookOptions, env: NodeJS.ProcessEnv): Promise<NotebookRun> {
    const started = Date.now();
    if (options.signal?.aborted) return Promise.resolve({ ok: false, cell: null, message: "interrupted", seconds: 0 });
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        this.write(child, { cancel: id });
        this.idle();
        resolve({ ok: false, cell: null, message: "interrupted", seconds: (Date.now() - started) / 1000 });
      };
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, {
        started,
        resolve: (r) => {
          options.signal?.removeEventListener("abort", onAbort);
          resolve(r);
        },
      });
      this.busy();
      this.write(child, { id, ...jobOf(options), env });
    });
  }

  private start(): ChildProcess {
    if (this.child !== null) return this.child;
    const child = spawn(SYSTEM_PYTHON, [path.join(__dirname, "run_notebook.py"), "--serve"], { env: jupyterEnv(this.jupyter), stdio: ["pipe", "pipe", "pipe"], detached: true });
    this.child = child;
    this.stdout = "";
    this.stderr = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (d: string) => {
      this.stdout += d;
      let newline: number;
      while ((newline = this.stdout.indexOf("\n")) >= 0) {
        const line = this.stdout.slice(0, newline);
        this.stdout = this.stdout.slice(newline + 1);
        if (!line.startsWith(SERVE_PREFIX)) continue; // a kernel's own output
        const { id, result } = JSON.parse(line.slice(SERVE_PREFIX.length)) as { id: number; result: unknown };
        const job = this.pending.get(id);
        if (job === undefined) continue; // cancelled
        this.pending.delete(id);
        job.resolve(runResult(JSON.stringify(result), (Date.now() - job.started) / 1000, () => "notebook runner: no result"));
        this.idle();
      }
    });
    child.stderr!.on("data", (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    const ended = (why: string) => {
      if (this.child !== child) return;
      this.child = null;
      for (const [id, job] of this.pending) {
        this.pending.delete(id);
        job.resolve({ ok: false, cell: null, message: `notebook runner ${why}: ${this.stderr.trim().slice(-2000)}`, seconds: (Date.now() - job.started) / 1000 });
      }
    };
    child.on("error", (error) => ended(`failed: ${error.message}`));
    child.on("close", (code) => ended(`exited with code ${code}`));
    child.stdin!.on("error", () => {}); // a runner that died is reported by "close"
    // When nothing else is left to do, stop the runner and wait for it (so that its CPU time is
    // counted with this process's, as a runner of its own per notebook was).
    if (!this.exitHook) {
      this.exitHook = true;
      process.on("beforeExit", () => void this.close());
    }
    return child;
  }

  /** Ends the runner (after its running notebooks are stopped) and resolves when it has exited. */
  close(): Promise<void> {
    const child = this.child;
    if (child === null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("close", () => resolve());
      // "close" comes after the pipes close too, so they must keep this process alive until then.
      child.ref();
      for (const s of [child.stdout, child.stderr] as unknown as { ref?: () => void }[]) s?.ref?.();
      child.stdin!.end();
    });
  }

  private write(child: ChildProcess, message: object): void {
    child.stdin!.write(JSON.stringify(message) + "\n");
  }

  /** Keeps this process alive while notebooks run, and only then. */
  private busy(): void {
    const child = this.child;
    if (child === null) return;
    child.ref();
    for (const s of [child.stdin, child.stdout, child.stderr] as unknown as { ref?: () => void }[]) s?.ref?.();
  }

  private idle(): void {
    const child = this.child;
    if (child === null || this.pending.size > 0) return;
    child.unref();
    for (const s of [child.stdin, child.stdout, child.stderr] as unknown as { unref?: () => void }[]) s?.unref?.();
  }
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
