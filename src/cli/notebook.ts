/**
 * npm run notebook [-- --port N]
 *
 * Starts Debian's classic Jupyter Notebook on 127.0.0.1 with the project's tslab kernel and
 * Jupyter config (.jupyter/, see src/cli/jupyter_config.py), rooted at the repository so
 * notebooks/ and data/ are both reachable, and prints the address to open, with its login
 * token, once the server answers. --port N picks the port (default 8888; when it is taken,
 * Jupyter tries the next ones, and the address printed is the one it got).
 *
 * The study notebooks are marked trusted first, so their saved figures draw when opened;
 * saving keeps them trusted. A notebook from elsewhere opens "Not Trusted" (its figures are
 * not drawn until it is rerun): File > Trust Notebook, if you trust its source.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { jupyterEnv, notebookServerArgs, notebooksDir, signNotebooks, SYSTEM_PYTHON } from "./jupyter";
import { STUDY_NOTEBOOKS } from "./study-notebooks";
import { dataProvenance } from "../data/provenance";
import { checkDataFolder, DATA_FILE_KEYS, DATA_FILES, formatDataFolderCheck } from "../data/check-folder";

const USAGE = "usage: npm run notebook [-- --port N]";

function parsePort(argv: string[]): string {
  let port = "8888";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") port = argv[++i] ?? "";
    else if (arg.startsWith("--port=")) port = arg.slice("--port=".length);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new Error(`--port needs a port number (1-65535), got ${JSON.stringify(port)}\n${USAGE}`);
  return port;
}

/** The server's own record of where it listens (nbserver-<pid>.json in the runtime folder), once it has written it. */
function serverInfo(runtimeDir: string, pid: number): { url: string; token: string; port: number } | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(runtimeDir, `nbserver-${pid}.json`), "utf8"));
  } catch {
    return null;
  }
}

/**
 * The data files of DATA_DIR checked as `npm run reproduce` checks them (the files that are there:
 * a clinical-only folder is fine), so that a bad value is named once, at start, by file, row,
 * column, value and rule, before a notebook stops at the cell that loads it. The server starts
 * either way (the notebooks that read a bad file show the same list under that cell).
 */
export function dataFolderNotice(dir: string): string {
  const present = DATA_FILE_KEYS.filter((key) => fs.existsSync(path.join(dir, DATA_FILES[key])));
  if (present.length === 0) return `notebook: ${dir} has none of the study's data files (${DATA_FILE_KEYS.map((k) => DATA_FILES[k]).join(", ")}): the notebooks will find nothing to read.`;
  const checks = checkDataFolder(dir, present);
  if (checks.every((c) => c.issues.length === 0)) {
    return `notebook: ${checks.length} data file${checks.length === 1 ? "" : "s"} checked (${checks.map((c) => `${c.file} ${c.rows} rows`).join(", ")})`;
  }
  return `\nnotebook: ${formatDataFolderCheck(dir, checks)}\n\nThe notebooks that read these files will stop at the cell that loads them, with the same list. Fix the data and rerun them (Kernel > Restart & Run All).\n`;
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  const provenance = dataProvenance();
  if (!provenance.simulated) {
    console.log(`notebook: DATA_DIR=${provenance.dir}: the notebooks will read your data. Saving a study notebook then stores results on your data in notebooks/; use File > Make a Copy, or npm run reproduce -- --data-dir DIR for a separate copy.`);
    console.log(dataFolderNotice(provenance.dir));
  }
  await signNotebooks(STUDY_NOTEBOOKS.map((n) => path.join(notebooksDir, `${n.name}.ipynb`)).filter((f) => fs.existsSync(f)));
  const env = jupyterEnv();
  console.log(`notebook: starting Jupyter Notebook on 127.0.0.1 (port ${port}; another with npm run notebook -- --port N) ...`);
  const child = spawn(SYSTEM_PYTHON, notebookServerArgs(port), { env, stdio: ["ignore", "pipe", "pipe"] });
  // The server's log goes on (it is where kernels report), but the address is printed once, clearly.
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stderr);
  // Ctrl-C in a terminal reaches the server too (same process group); a second signal from here
  // would interrupt its shutdown. It gets SIGTERM only if it is still running a moment later.
  const stop = () => setTimeout(() => child.exitCode === null && child.kill("SIGTERM"), 1000).unref();
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("close", (code) => process.exit(code ?? 0));
  const runtimeDir = env.JUPYTER_RUNTIME_DIR as string;
  for (let waited = 0; waited < 120000 && child.exitCode === null; waited += 200) {
    const info = serverInfo(runtimeDir, child.pid as number);
    if (info !== null) {
      const base = info.url.replace(/\/$/, "");
      const address = `${base}/tree/notebooks${info.token ? `?token=${info.token}` : ""}`;
      console.log(`\nnotebook: open ${address}\nnotebook: (the study notebooks are in notebooks/, run with Kernel > Restart & Run All; Ctrl-C here stops the server)\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

if (require.main === module) main().catch((error) => {
  console.error(`notebook: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
