/**
 * `npm run notebook` with DATA_DIR: the data files there are checked as `npm run reproduce` checks
 * them, and a bad value is named at start (file, row, line, column, value, rule), before a notebook
 * stops at the cell that loads it (src/cli/notebook.ts, dataFolderNotice).
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import { dataFolderNotice } from "../../src/cli/notebook";
import { repoRoot } from "../helpers/reference";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "notebook-command-"));
after(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** A copy of data/ with the second patient's death set to 2 (a 0/1 column). */
function brokenCopy(): string {
  const dir = path.join(workDir, "broken");
  fs.cpSync(path.join(repoRoot, "data"), dir, { recursive: true });
  const file = path.join(dir, "clinical", "cohort.csv");
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const cols = lines[0].split(",");
  const cells = lines[2].split(",");
  assert.strictEqual(cells[cols.indexOf("death")], "1");
  cells[cols.indexOf("death")] = "2";
  lines[2] = cells.join(",");
  fs.writeFileSync(file, lines.join("\n"));
  return dir;
}

test("dataFolderNotice names a broken value by file, row, line, column, value and rule; counts the files of a good folder; says when none is there", () => {
  const broken = brokenCopy();
  const notice = dataFolderNotice(broken);
  assert.match(notice, /1 problem in 1 of 5 data files in /);
  assert.match(notice, /clinical\/cohort\.csv: 1 problem\n\s+- row 2 \(line 3\), column "death", value "2": must be <= 1/);
  const clinicalOnly = path.join(workDir, "clinical-only");
  fs.mkdirSync(path.join(clinicalOnly, "clinical"), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, "data", "clinical", "cohort.csv"), path.join(clinicalOnly, "clinical", "cohort.csv"));
  assert.strictEqual(dataFolderNotice(clinicalOnly), "notebook: 1 data file checked (clinical/cohort.csv 340 rows)");
  const empty = fs.mkdtempSync(path.join(workDir, "empty-"));
  assert.match(dataFolderNotice(empty), /has none of the study's data files/);
});

test("npm run notebook with DATA_DIR on a broken copy lists the problem first, before it signs the notebooks and starts Jupyter", { timeout: 120_000 }, async () => {
  const broken = path.join(workDir, "broken");
  if (!fs.existsSync(broken)) brokenCopy();
  // the server is not needed: the command (its process group) is stopped once it has printed the check
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "src", "cli", "notebook.ts"), "--port", "65531"], {
    cwd: repoRoot,
    env: { ...process.env, DATA_DIR: broken },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    child.stdout.on("data", (d) => {
      out += d;
      if (/Restart & Run All\)\.\n/.test(out)) done();
    });
    child.stderr.on("data", (d) => (out += d));
    child.on("close", done);
  });
  try {
    process.kill(-(child.pid as number), "SIGKILL");
  } catch {
    // already gone
  }
  const problem = out.indexOf('row 2 (line 3), column "death", value "2": must be <= 1');
  assert.ok(problem >= 0, out);
  assert.ok(!/starting Jupyter Notebook/.test(out), `named before Jupyter starts:\n${out}`);
});
