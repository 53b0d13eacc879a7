/**
 * `npm run reproduce -- --data-dir DIR --out OUT` on a user's data: notebooks and HTML go to
 * OUT, the committed notebooks stay untouched, the claims are reported, and a claim that
 * does not hold is a finding (exit 0), while invalid data stop the run naming notebook,
 * cell and the broken rule.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { repoRoot } from "../helpers/reference";

const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
const reproduce = path.join(repoRoot, "src", "cli", "reproduce.ts");

function snapshotNotebooks(): Record<string, string> {
  const dir = path.join(repoRoot, "notebooks");
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb"))) out[f] = fs.readFileSync(path.join(dir, f), "utf8");
  return out;
}

/** A copy of data/ with the cohort cut to its first `keep` TACE patients and all TACE+RT patients. */
function userDataWithSmallerTaceArm(keep: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "user-data-"));
  fs.cpSync(path.join(repoRoot, "data"), dir, { recursive: true });
  const file = path.join(dir, "clinical", "cohort.csv");
  const [header, ...rows] = fs.readFileSync(file, "utf8").trim().split("\n");
  let tace = 0;
  const kept = rows.filter((row) => row.split(",")[1] !== "TACE" || ++tace <= keep);
  fs.writeFileSync(file, [header, ...kept].join("\n") + "\n");
  return dir;
}

test("--data-dir/--out runs on a user's data, leaves the committed notebooks alone, and reports failed claims as findings", () => {
  const before = snapshotNotebooks();
  const data = userDataWithSmallerTaceArm(200);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "user-out-"));
  const run = spawnSync(tsx, [reproduce, "--data-dir", data, "--out", out, "00-environment", "06-reproduction-summary"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  assert.strictEqual(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /C1 fail: TACE arm size; 200\b/);
  for (const name of ["00-environment", "06-reproduction-summary"]) {
    assert.ok(fs.existsSync(path.join(out, `${name}.ipynb`)), `${name}.ipynb written to --out`);
    assert.ok(fs.existsSync(path.join(out, `${name}.html`)), `${name}.html written to --out`);
  }
  const index = fs.readFileSync(path.join(out, "index.html"), "utf8");
  assert.ok(index.includes(data), "the index page names the user's data folder");
  const summary = fs.readFileSync(path.join(out, "06-reproduction-summary.ipynb"), "utf8");
  assert.ok(summary.includes("Data from ") && !summary.includes("Simulated data."), "the banner does not call a user's data simulated");
  assert.deepStrictEqual(snapshotNotebooks(), before, "committed notebooks unchanged");
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

test("invalid data stop the run, naming notebook, cell and every broken rule with its row", () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "bad-data-"));
  fs.cpSync(path.join(repoRoot, "data"), data, { recursive: true });
  const file = path.join(data, "clinical", "cohort.csv");
  const [header, ...rows] = fs.readFileSync(file, "utf8").trim().split("\n");
  const columns = header.split(",");
  const broken = rows.map((row, i) => {
    const cells = row.split(",");
    if (i === 2) cells[columns.indexOf("arm")] = "SBRT";
    if (i === 4) cells[columns.indexOf("os_months")] = "-3";
    return cells.join(",");
  });
  fs.writeFileSync(file, [header, ...broken].join("\n") + "\n");
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "bad-out-"));
  const run = spawnSync(tsx, [reproduce, "--data-dir", data, "--out", out, "01-clinical-cohort"], { cwd: repoRoot, encoding: "utf8" });
  assert.strictEqual(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /01-clinical-cohort\.ipynb cell \d+/);
  assert.match(run.stdout, /row 3\b[^\n]*arm[^\n]*SBRT/);
  assert.match(run.stdout, /row 5\b[^\n]*os_months[^\n]*-3/);
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});
