/**
 * npm run notebook [-- --port N]
 *
 * Starts Debian's classic Jupyter Notebook on 127.0.0.1 with the project's tslab kernel,
 * rooted at the repository so notebooks/ and data/ are both reachable. The committed
 * notebooks are marked trusted first, so their figures draw when opened.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { jupyterEnv, notebookServerArgs, notebooksDir, signNotebooks, SYSTEM_PYTHON } from "./jupyter";

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portIndex = argv.indexOf("--port");
  const port = portIndex >= 0 ? argv[portIndex + 1] : "8888";
  const notebooks = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).map((f) => path.join(notebooksDir, f));
  await signNotebooks(notebooks);
  console.log(`notebook: starting Jupyter Notebook on http://127.0.0.1:${port}/tree/notebooks (Ctrl-C to stop)`);
  const child = spawn(
    SYSTEM_PYTHON,
    notebookServerArgs(port),
    { env: jupyterEnv(), stdio: "inherit" },
  );
  const stop = () => child.kill("SIGINT");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("close", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(`notebook: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
