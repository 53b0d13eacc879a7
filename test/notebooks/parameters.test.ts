/**
 * The parameters-cell convention: each analysis notebook's first code cell after its title holds
 * `const params = { ... }`, tagged "parameters", and every later cell, figure and sentence reads
 * from it. Checked on the notebooks' sources, and by rerunning notebook 02 with other horizons,
 * another confidence level and another alpha: it runs, and the table, the sentences and the
 * figure's number-at-risk row follow.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { notebooksDir, runNotebook } from "../../src/cli/jupyter";
import { STUDY_NOTEBOOKS } from "../../src/cli/study-notebooks";
import { cellSource, notebookCells } from "../helpers/notebooks";

// Every study notebook follows the convention, 04 and 05 included.
for (const nb of STUDY_NOTEBOOKS) {
  const file = path.join(notebooksDir, `${nb.name}.ipynb`);
  const cells = notebookCells(file);
  const tagged = cells.filter((c) => Array.isArray((c.metadata as { tags?: string[] } | undefined)?.tags) && ((c.metadata as { tags: string[] }).tags.indexOf("parameters") >= 0));
  test(`${nb.name}: one parameters cell, the first code cell after the title, read by later cells`, () => {
    assert.strictEqual(cells[0].cell_type, "markdown");
    assert.match(cellSource(cells[0]), /^# /, "the title first");
    const firstCode = cells.find((c) => c.cell_type === "code");
    assert.strictEqual(tagged.length, 1, "exactly one cell tagged parameters");
    assert.strictEqual(firstCode, tagged[0], "it is the first code cell");
    assert.strictEqual(cells[1], tagged[0], "right after the title");
    const source = cellSource(tagged[0]);
    assert.match(source, /^const params = \{[\s\S]*\};$/, "one const params = { ... } object");
    const keys = Array.from(source.matchAll(/^ {2}(\w+):/gm)).map((m) => m[1]);
    assert.ok(keys.length > 0);
    const later = cells.slice(2).filter((c) => c.cell_type === "code").map(cellSource).join("\n");
    for (const key of keys) assert.ok(later.includes(`params.${key}`), `params.${key} is used by a later cell`);
  });
}

function withParams(file: string, replace: (source: string) => string, out: string): void {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const cell = nb.cells[1];
  cell.source = replace(cellSource(cell));
  fs.writeFileSync(out, JSON.stringify(nb));
}

test("02-overall-survival with other parameters: runs, and the table, sentences and figure follow them", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "params-"));
  const input = path.join(dir, "02-overall-survival.ipynb");
  withParams(
    path.join(notebooksDir, "02-overall-survival.ipynb"),
    (s) =>
      s
        .replace("horizons: [12, 24, 36, 60]", "horizons: [18, 30]")
        .replace("rmstHorizons: [24, 60]", "rmstHorizons: [30]")
        .replace("confLevel: 0.95", "confLevel: 0.9")
        .replace("alpha: 0.05", "alpha: 0.01"),
    input,
  );
  assert.match(cellSource(JSON.parse(fs.readFileSync(input, "utf8")).cells[1]), /horizons: \[18, 30\]/);
  const run = await runNotebook({ input, output: path.join(dir, "out.ipynb") });
  assert.ok(run.ok, `cell ${run.cell}: ${run.message}`);
  const text = JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, "out.ipynb"), "utf8")).cells.map((c: { outputs?: unknown[] }) => c.outputs ?? []));
  assert.ok(text.includes("18-month OS, % (90% CI)") && text.includes("30-month OS, % (90% CI)"), "survival table at the new horizons and level");
  assert.ok(!text.includes("60-month OS"), "the old horizons are gone");
  assert.ok(text.includes("at 18 months was") && text.includes("The 30-month figures rest on"), "sentences at the new horizons");
  assert.ok(text.includes("Hazard ratio (90% CI)") && text.includes("Over the first 30 months"), "Cox and RMST follow");
  assert.ok(text.includes("at the 1% level"), "alpha in the sentences");
  const figure = /var fig = (\{.*?\});\\n/.exec(text);
  assert.ok(figure !== null, "the survival figure is shown");
  const fig = JSON.parse(JSON.parse(`"${figure[1]}"`));
  const riskRow = fig.data.find((t: { mode?: string; x?: number[] }) => t.mode === "text" && Array.isArray(t.x));
  assert.ok(riskRow !== undefined && riskRow.x.includes(18) && riskRow.x.includes(30), `number-at-risk columns include the horizons: ${riskRow && riskRow.x}`);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a notebook with its parameters cell edited; returns its outputs as one string. */
async function runWith(name: string, replace: (source: string) => string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "params-"));
  try {
    const input = path.join(dir, `${name}.ipynb`);
    withParams(path.join(notebooksDir, `${name}.ipynb`), replace, input);
    const run = await runNotebook({ input, output: path.join(dir, "out.ipynb") });
    assert.ok(run.ok, `cell ${run.cell}: ${run.message}`);
    return JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, "out.ipynb"), "utf8")).cells.map((c: { outputs?: unknown[] }) => c.outputs ?? []));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("04-vegf-in-vitro with another level and harvest time: tables, captions and the claim row follow", async () => {
  const text = await runWith("04-vegf-in-vitro", (s) => s.replace("confLevel: 0.95", "confLevel: 0.9").replace("mrnaHours: 6,", "mrnaHours: 12,"));
  assert.ok(!text.includes("95% CI"), "no interval is labelled 95% when the level is 0.90");
  assert.ok(text.includes("fold change (90% CI)") && text.includes("% per Gy (90% CI)"), "table headers follow the level");
  assert.ok(text.includes("12 h after irradiation (given; the plan pre-specifies 6 h)"), "the caption says the time was changed");
  assert.ok(text.includes("and 12 h (given; the analysis plan pre-specifies 6 h)"), "so does the claim's rule");
  assert.ok(!text.includes("(pre-specified)"), "nothing calls 12 h pre-specified");
});

test("05-in-vivo-angiogenesis with another level and first day: the C16 claim row follows them", async () => {
  const text = await runWith("05-in-vivo-angiogenesis", (s) => s.replace("confLevel: 0.95", "confLevel: 0.9").replace("fromDay: 0,", "fromDay: 3,"));
  assert.ok(!text.includes("95% CI"), "no interval is labelled 95% when the level is 0.90");
  assert.ok(text.includes("Exponential growth rate per tumor from day 3"), "the rates start on day 3");
  // the claim's values are the notebook's: the per-tumor rates from day 3, the ANCOVA at 90 %
  const rate = /out-of-field growth rate (\d\.\d+) vs (\d\.\d+) per day/.exec(text);
  assert.ok(rate !== null, "C16's value is shown");
  assert.ok(text.includes(`${rate![1]} ± `) && text.includes("adjusted for day-0 volume") && text.includes("(90% CI)"), "C16 uses the notebook's fromDay and level");
});
