/**
 * npm run export -- NOTEBOOK.ipynb [...] [--output-dir DIR]
 *
 * HTML pages of notebooks as they are (not re-executed), the way File > Download as > HTML in
 * `npm run notebook` makes them: plain `jupyter nbconvert --to html` under the project's Jupyter
 * config (.jupyter/config, see src/cli/jupyter_config.py), whose offline template inlines
 * plotly.js so every figure draws from disk with no network. Pages go to reports/ unless
 * --output-dir says otherwise. The same command by hand, from the repository root:
 *
 *   JUPYTER_CONFIG_DIR=$PWD/.jupyter/config JUPYTER_PATH=$PWD/.jupyter/share/jupyter \
 *     /usr/bin/python3 -m nbconvert --to html --output-dir reports notebooks/02-overall-survival.ipynb
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { jupyterEnv, repoRoot, SYSTEM_PYTHON } from "./jupyter";

function main(): number {
  const argv = process.argv.slice(2);
  // npm runs scripts from the repository root; paths are meant from where the user typed them.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let outDir = path.join(repoRoot, "reports");
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--output-dir" || arg === "--out") {
      const value = argv[++i];
      if (!value) return usage(`${arg} needs a folder`);
      outDir = path.resolve(cwd, value);
    } else if (arg.startsWith("--output-dir=")) {
      outDir = path.resolve(cwd, arg.slice("--output-dir=".length));
    } else if (arg.startsWith("-")) {
      return usage(`unknown option ${arg}`);
    } else {
      files.push(path.resolve(cwd, arg));
    }
  }
  if (files.length === 0) return usage("name at least one notebook");
  const missing = files.filter((f) => !fs.existsSync(f) || !f.endsWith(".ipynb"));
  if (missing.length > 0) return usage(`not a notebook file: ${missing.join(", ")}`);
  fs.mkdirSync(outDir, { recursive: true });
  const result = spawnSync(SYSTEM_PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", outDir, ...files], {
    env: jupyterEnv(),
    stdio: ["ignore", "inherit", "pipe"],
    encoding: "utf8",
  });
  // nbconvert logs each file it writes on stderr; pass on anything else (errors).
  const log = (result.stderr || "").split("\n").filter((l) => l.trim() !== "" && !/^\[NbConvertApp\] (Converting notebook|Writing \d+ bytes)/.test(l));
  if (log.length > 0) console.error(log.join("\n"));
  if (result.status !== 0) {
    console.error(`export: nbconvert failed (exit ${result.status})`);
    return 1;
  }
  for (const f of files) {
    const page = path.join(outDir, `${path.basename(f, ".ipynb")}.html`);
    const shown = path.relative(cwd, page);
    console.log(`export: ${shown.startsWith("..") ? page : shown} (offline: open it from disk, no network needed)`);
  }
  return 0;
}

function usage(message: string): number {
  console.error(`export: ${message}\nusage: npm run export -- NOTEBOOK.ipynb [...] [--output-dir DIR]`);
  return 2;
}

process.exit(main());
