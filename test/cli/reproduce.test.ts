/**
 * npm run reproduce: what it decides before running (data folder, output folder, notebooks,
 * cut-off), that a user's data never write over committed files, that bad data stop the run
 * before any kernel with one clean list, and that output folders are replaced whole: a single
 * notebook run keeps the index whole, a failed notebook leaves no stale page, an interrupted
 * run leaves the previous output as it was.
 */
import { after, test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn, spawnSync } from "child_process";
import { repoRoot } from "../helpers/reference";
import { parseArgs, planRun, outDirProblem, kernelEnv, RUN_RECORD, UsageError } from "../../src/cli/reproduce";
import { STUDY_NOTEBOOKS } from "../../src/cli/study-notebooks";
import { cellSource, notebookCells } from "../helpers/notebooks";
import { failedCellName } from "../../src/cli/jupyter";
import { checkDataFolder, formatDataFolderCheck } from "../../src/data/index";

const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");
const reproduce = path.join(repoRoot, "src", "cli", "reproduce.ts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reproduce-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = fs.readFileSync(p, "utf8");
  }
  return out;
}

/** A copy of data/ under `name`, with the cohort's rows passed through `edit` (header kept). */
function dataCopy(name: string, edit: (rows: string[][], columns: string[]) => string[][] = (r) => r): string {
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(repoRoot, "data"), dir, { recursive: true });
  const file = path.join(dir, "clinical", "cohort.csv");
  const [header, ...lines] = fs.readFileSync(file, "utf8").trimEnd().split("\n");
  const columns = header.split(",");
  const rows = edit(lines.map((l) => l.split(",")), columns);
  fs.writeFileSync(file, [header, ...rows.map((r) => r.join(","))].join("\n") + "\n");
  return dir;
}

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(tsx, [reproduce, ...args], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, DATA_DIR: "", DATA_CUTOFF: "", INIT_CWD: repoRoot, ...env } });
}

/** A stand-in repository: notebooks/ with the study notebooks' names (and a copy made in Jupyter), data/ as the project's. */
function fakeRoot(): string {
  const root = fs.mkdtempSync(path.join(tmp, "root-"));
  fs.mkdirSync(path.join(root, "notebooks"));
  for (const nb of STUDY_NOTEBOOKS) fs.writeFileSync(path.join(root, "notebooks", `${nb.name}.ipynb`), "{}");
  fs.writeFileSync(path.join(root, "notebooks", "02-overall-survival-Copy1.ipynb"), "{}");
  fs.cpSync(path.join(repoRoot, "data"), path.join(root, "data"), { recursive: true });
  fs.mkdirSync(path.join(root, "src"));
  return root;
}

const none = { dataDir: null, outDir: null, cutoff: null, only: [] as string[] };

test("arguments: --data-dir, --out and --cutoff with a space or =, relative to where the user typed them; unknown options refused", () => {
  assert.deepStrictEqual(parseArgs(["--data-dir", "d", "--out=o", "--cutoff", "2012-12-31", "02-overall-survival"], "/home/me"), {
    dataDir: "/home/me/d",
    outDir: "/home/me/o",
    cutoff: "2012-12-31",
    only: ["02-overall-survival"],
  });
  assert.throws(() => parseArgs(["--data"]), (e: unknown) => e instanceof UsageError && /unknown option --data/.test(e.message));
  assert.throws(() => parseArgs(["--out"]), (e: unknown) => e instanceof UsageError && /--out needs a value/.test(e.message));
});

test("the project's data: notebooks in place, pages in reports/, every study notebook, copies made in Jupyter ignored", () => {
  const root = fakeRoot();
  const plan = planRun(none, {}, root);
  assert.strictEqual(plan.shipped, true);
  assert.strictEqual(plan.mode, "in-place");
  assert.strictEqual(plan.siteDir, path.join(root, "reports"));
  assert.deepStrictEqual(plan.notebooks.map((n) => n.name), STUDY_NOTEBOOKS.map((n) => n.name));
  assert.deepStrictEqual(plan.strays, ["02-overall-survival-Copy1.ipynb"]);
  assert.deepStrictEqual(kernelEnv(plan), { DATA_DIR: "", DATA_CUTOFF: "" });
});

test("other data, by --data-dir or DATA_DIR: never notebooks/ or data/; default output reports/runs/<folder name>", () => {
  const root = fakeRoot();
  const mine = path.join(tmp, "my-cohort");
  fs.mkdirSync(path.join(mine, "clinical"), { recursive: true });
  fs.writeFileSync(path.join(mine, "clinical", "cohort.csv"), "");
  for (const plan of [planRun({ ...none, dataDir: mine }, {}, root), planRun(none, { DATA_DIR: mine }, root)]) {
    assert.strictEqual(plan.shipped, false);
    assert.strictEqual(plan.mode, "folder");
    assert.strictEqual(plan.siteDir, path.join(root, "reports", "runs", "my-cohort"));
    assert.strictEqual(kernelEnv(plan).DATA_DIR, mine);
    // A folder with only the cohort: the laboratory notebooks are skipped, not failed.
    assert.deepStrictEqual(plan.skipped.map((s) => s.notebook.name), ["04-vegf-in-vitro", "05-in-vivo-angiogenesis"]);
    assert.match(plan.skipped[0].reason, /has none of its files \(invitro\/vegf_mrna\.csv, invitro\/vegf_secretion\.csv\)/);
  }
  assert.throws(() => planRun({ ...none, dataDir: path.join(tmp, "nowhere") }, {}, root), /does not exist/);
});

test("--out inside notebooks/, data/, src/ or the data folder, around the project, or over someone's files is refused", () => {
  const root = fakeRoot();
  const data = path.join(root, "data");
  for (const out of [path.join(root, "notebooks"), path.join(root, "notebooks", "x"), path.join(root, "data", "out"), path.join(root, "src", "x")]) {
    assert.match(String(outDirProblem(out, data, root)), /inside (notebooks|data|src)\/, which holds the project's own files/, out);
    assert.throws(() => planRun({ ...none, outDir: out }, {}, root), UsageError);
  }
  const mine = fs.mkdtempSync(path.join(tmp, "mine-"));
  assert.match(String(outDirProblem(path.join(mine, "out"), mine, root)), /inside the data folder/);
  assert.match(String(outDirProblem(root, data, root)), /contains the project folder/);
  assert.match(String(outDirProblem(path.dirname(root), data, root)), /contains the project folder/);
  assert.match(String(outDirProblem(path.join(root, "reports"), data, root)), /reports\/ itself/);
  const someone = fs.mkdtempSync(path.join(tmp, "documents-"));
  fs.writeFileSync(path.join(someone, "thesis.docx"), "x");
  assert.match(String(outDirProblem(someone, data, root)), /already holds files that npm run reproduce did not write/);
  fs.writeFileSync(path.join(someone, RUN_RECORD), "{}");
  assert.strictEqual(outDirProblem(someone, data, root), null, "a folder an earlier run made may be replaced");
  assert.strictEqual(outDirProblem(path.join(root, "reports", "runs", "x"), data, root), null);
});

test("notebook names match exactly; a copy in notebooks/ is not a study notebook", () => {
  const root = fakeRoot();
  assert.deepStrictEqual(planRun({ ...none, only: ["02-overall-survival"] }, {}, root).notebooks.map((n) => n.name), ["02-overall-survival"]);
  assert.deepStrictEqual(planRun({ ...none, only: ["notebooks/02-overall-survival.ipynb", "00-environment"] }, {}, root).notebooks.map((n) => n.name), ["00-environment", "02-overall-survival"]);
  assert.throws(() => planRun({ ...none, only: ["02"] }, {}, root), /"02" is not a study notebook; the study notebooks are 00-environment, /);
  assert.throws(() => planRun({ ...none, only: ["02-overall-survival-Copy1"] }, {}, root), /in notebooks\/ but not in src\/cli\/study-notebooks\.ts/);
});

test("--cutoff or DATA_CUTOFF: checked as a date, used by the data check; a cohort past the cut-off is told how to set another", () => {
  const root = fakeRoot();
  assert.throws(() => planRun({ ...none, cutoff: "2012-02-30" }, {}, root), /--cutoff "2012-02-30".*not a real calendar date/);
  assert.throws(() => planRun(none, { DATA_CUTOFF: "0050-01-01" }, root), /DATA_CUTOFF "0050-01-01".*before 1900/);
  assert.strictEqual(planRun(none, { DATA_CUTOFF: "2012-12-31" }, root).cutoffSource, "DATA_CUTOFF");
  const late = dataCopy("followed-longer", (rows, c) => rows.map((r, i) => (i === 4 ? r.map((v, j) => (j === c.indexOf("enrolled") ? "2005-06-01" : v)) : r)));
  const refused = checkDataFolder(late, ["cohort"]);
  assert.strictEqual(refused[0].issues.length, 1);
  assert.match(formatDataFolderCheck(late, refused), /after the data cut-off 2005-06-30.*--cutoff YYYY-MM-DD.*DATA_CUTOFF=YYYY-MM-DD/s);
  assert.deepStrictEqual(checkDataFolder(late, ["cohort"], { cutoff: "2012-12-31" })[0].issues, []);
});

test("bad data stop the run before any kernel: one list naming file, row, line, column, value and rule; nothing written", () => {
  const bad = dataCopy("bad-data", (rows, c) =>
    rows.map((r, i) => r.map((v, j) => (i === 2 && j === c.indexOf("arm") ? "SBRT" : i === 4 && j === c.indexOf("os_months") ? "-3" : v))),
  );
  const endpoint = path.join(bad, "invivo", "endpoint.csv");
  fs.writeFileSync(endpoint, fs.readFileSync(endpoint, "utf8").replace(/\nM(\d+),sham,/, "\nM$1,Sham,"));
  const before = snapshot(path.join(repoRoot, "notebooks"));
  const out = path.join(tmp, "bad-out");
  const started = Date.now();
  const r = run(["--data-dir", bad, "--out", out]);
  const seconds = (Date.now() - started) / 1000;
  assert.strictEqual(r.status, 1, r.stdout + r.stderr);
  assert.ok(!/\[1\//.test(r.stdout), "no notebook was started");
  assert.match(r.stderr, /3 problems in 2 of 5 data files in /);
  assert.match(r.stderr, /clinical\/cohort\.csv: 2 problems\n\s+- row 3 \(line 4\), column "arm", value "SBRT": must be one of "TACE", "TACE\+RT"\n\s+- row 5 \(line 6\), column "os_months", value "-3": must be >= 0 months/);
  assert.match(r.stderr, /invivo\/endpoint\.csv: 1 problem\n\s+- row \d+ \(line \d+\), column "group", value "Sham": .*did you mean "sham"/);
  assert.ok(!/\n\s+at /.test(r.stderr) && !/\.ts:\d+/.test(r.stderr), "no stack trace");
  assert.ok(!fs.existsSync(out), "nothing written");
  assert.deepStrictEqual(snapshot(path.join(repoRoot, "notebooks")), before);
  console.log(`# data check and exit: ${seconds.toFixed(1)} s`);
});

test("a cross-column error: the problems one value causes in its row come grouped under that value, each still with its columns, values and rule", () => {
  // Row 3's os_months cut to 3.1: its failure, RT start and two progressions now come after death or last follow-up.
  const bad = dataCopy("cross-column", (rows, c) => rows.map((r, i) => r.map((v, j) => (i === 2 && j === c.indexOf("os_months") ? "3.1" : i === 4 && j === c.indexOf("arm") ? "SBRT" : v))));
  const r = run(["--data-dir", bad, "--out", path.join(tmp, "cross-column-out")]);
  assert.strictEqual(r.status, 1, r.stdout + r.stderr);
  const list = /clinical\/cohort\.csv: 5 problems\n((?:\s+-.*\n?)+)/.exec(r.stderr);
  assert.ok(list, r.stderr);
  const lines = list[1].trimEnd().split("\n");
  assert.match(lines[0], /^ {4}- row 3 \(line 4\), column "os_months", value "3\.1": shared by 4 problems of this row/);
  const under = lines.slice(1, 5);
  assert.deepStrictEqual(under.map((l) => /^ {8}- column "(\w+), os_months", value "\1=[\d.]+; os_months=3\.1": .+ after death or last follow-up at 3\.1 months$/.exec(l)?.[1]), ["failure_months", "rt_start_months", "intrahepatic_progression_months", "extrahepatic_progression_months"], lines.join("\n"));
  assert.strictEqual(r.stderr.split('"3.1"').length - 1, 1, "the shared value is named once");
  assert.match(lines[5], /^ {4}- row 5 \(line 6\), column "arm", value "SBRT": must be one of/, "a problem of another row stays on its own");
  assert.strictEqual(lines.length, 6);
});

test("a failing cell is named as Jupyter shows it: its number among the code cells, its In [n] and its first line", () => {
  assert.strictEqual(failedCellName({ cell: 9, code: 'const x = f("a")', codeCell: 5, executionCount: 5 }), 'code cell 5 (In [5], starting "const x = f(\\"a\\")")');
  assert.strictEqual(failedCellName({ cell: 3, code: "", codeCell: 2, executionCount: null }), "code cell 2 (In [ ])");
  assert.strictEqual(failedCellName({ cell: null }), "");
});

test("a user's data via DATA_DIR: a folder of its own, whole; a single-notebook rerun keeps the index whole; failures and interruptions leave nothing stale", async () => {
  const notebooksBefore = snapshot(path.join(repoRoot, "notebooks"));
  const data = dataCopy("smaller-tace-arm", (rows, c) => {
    let tace = 0;
    return rows.filter((r) => r[c.indexOf("arm")] !== "TACE" || ++tace <= 200);
  });
  const site = path.join(repoRoot, "reports", "runs", path.basename(data));
  fs.rmSync(site, { recursive: true, force: true });
  try {
    // 1. Two notebooks on the user's data, no --out: the default folder, named in the output.
    const first = run(["00-environment", "06-reproduction-summary"], { DATA_DIR: data });
    assert.strictEqual(first.status, 0, first.stdout + first.stderr);
    assert.match(first.stdout, new RegExp(`data: ${data} \\(your own data, not the project's simulated data\\)`));
    assert.match(first.stdout, /notebooks and pages go to reports\/runs\/smaller-tace-arm\//);
    assert.match(first.stdout, /C1 fail: TACE arm size; 200\b/);
    const files = fs.readdirSync(site).sort();
    assert.deepStrictEqual(files, ["00-environment.html", "00-environment.ipynb", "06-reproduction-summary.html", "06-reproduction-summary.ipynb", "index.html", RUN_RECORD]);
    const index = fs.readFileSync(path.join(site, "index.html"), "utf8");
    assert.ok(index.includes(`Data: ${data}, the user's own data (not the project's simulated data).`));
    assert.ok(!index.includes("the project's simulated data in data/"), "the index does not call the user's data simulated");
    for (const nb of ["00-environment", "06-reproduction-summary"]) {
      // What the notebook shows (its outputs), not its code.
      const shown = JSON.stringify(JSON.parse(fs.readFileSync(path.join(site, `${nb}.ipynb`), "utf8")).cells.map((c: { outputs?: unknown }) => c.outputs ?? []));
      assert.ok(shown.includes(`Data from ${data} (DATA_DIR): your own data, not the project's simulated data.`), `${nb}: banner names the folder`);
      assert.ok(!/Simulated data|simulated cohort/.test(shown), `${nb}: the user's data are never called simulated (banner, figure title)`);
    }
    assert.match(index, /02-overall-survival\.ipynb · not run: not run yet on this data/);

    // 2. One notebook again: its page is replaced, the other's page and entry stay, the index is whole.
    const summaryPage = fs.readFileSync(path.join(site, "06-reproduction-summary.html"), "utf8");
    const second = run(["00-environment"], { DATA_DIR: data });
    assert.strictEqual(second.status, 0, second.stdout + second.stderr);
    assert.deepStrictEqual(fs.readdirSync(site).sort(), files);
    assert.strictEqual(fs.readFileSync(path.join(site, "06-reproduction-summary.html"), "utf8"), summaryPage);
    const index2 = fs.readFileSync(path.join(site, "index.html"), "utf8");
    for (const nb of STUDY_NOTEBOOKS) assert.ok(index2.includes(`${nb.name}.ipynb · `), `${nb.name} on the index`);
    assert.ok(index2.includes('href="06-reproduction-summary.html"'), "the kept page is still linked");

    // 3. Interrupted: the previous folder stays as it was, and no temporary folder is left.
    const beforeInterrupt = snapshot(site);
    // node itself with tsx as a loader, so the signal reaches reproduce (tsx's own wrapper kills its
    // child 30 ms after forwarding a signal, which a loaded machine can miss).
    // 07, the longest notebook (about 20 s), so that it is still running when the signal comes 1.5 s
    // after it starts (00, about 2 s with a warm cell cache, once finished first on a loaded machine).
    const child = spawn(process.execPath, ["--import", "tsx", reproduce, "07-bias-and-confounding"], { cwd: repoRoot, env: { ...process.env, DATA_DIR: data, DATA_CUTOFF: "", INIT_CWD: repoRoot } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no notebook started: ${out}`)), 120000);
      child.stdout.on("data", () => {
        if (/\[1\/1\]/.test(out)) {
          clearTimeout(timer);
          setTimeout(() => child.kill("SIGINT"), 1500);
          resolve();
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.strictEqual(code, 130, out);
    assert.match(out, /SIGINT: stopping; the previous output is left as it was/);
    assert.deepStrictEqual(snapshot(site), beforeInterrupt);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(site)).filter((f) => f.startsWith(".reproduce-tmp")), [], "no temporary folder left");

    // 4. Other data into the same folder, and a notebook that fails on it: the earlier pages go (other data),
    //    the failed notebook leaves no page, and the claims table does not link to it.
    const oneArm = dataCopy("one-arm", (rows, c) => rows.filter((r) => r[c.indexOf("arm")] === "TACE"));
    const third = run(["--data-dir", oneArm, "--out", site, "02-overall-survival"]);
    assert.strictEqual(third.status, 1, third.stdout + third.stderr);
    assert.match(third.stdout, /held a run on other data or another cut-off: its pages are not kept/);
    // The failing cell named as a Jupyter user finds it: its number among the code cells, its In [n], its first line.
    const failed = /02-overall-survival\.ipynb, code cell (\d+) \(In \[(\d+)\], starting ("(?:[^"\\]|\\.)*")\): InputError: /.exec(third.stdout);
    assert.ok(failed, third.stdout);
    const codeCells = notebookCells(path.join(repoRoot, "notebooks", "02-overall-survival.ipynb")).filter((c) => c.cell_type === "code");
    const named = cellSource(codeCells[Number(failed[1]) - 1]).split("\n").find((l) => l.trim() !== "") ?? "";
    assert.strictEqual(named.trim().slice(0, 120), JSON.parse(failed[3]), "the code cell with that number starts with that line");
    assert.strictEqual(failed[2], failed[1], "a fresh kernel labels the n-th code cell In [n] (no code cell of 02 is empty)");
    assert.ok(!/\.js:\d+/.test(third.stdout), "the failing cell's error is readable");
    assert.deepStrictEqual(fs.readdirSync(site).sort(), ["index.html", RUN_RECORD]);
    const index3 = fs.readFileSync(path.join(site, "index.html"), "utf8");
    assert.match(index3, /card-failed/);
    assert.ok(!index3.includes('href="02-overall-survival.html'), "no link to a page that does not exist");
    assert.ok(index3.includes("02-overall-survival (no page)"));
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
  assert.deepStrictEqual(snapshot(path.join(repoRoot, "notebooks")), notebooksBefore, "committed notebooks unchanged");
});
