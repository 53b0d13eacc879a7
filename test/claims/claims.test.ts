import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluateClaims, STUDY_CLAIMS, studyClaim } from "../../src/claims/index";
import { repoRoot } from "../helpers/reference";

const ledger = evaluateClaims(path.join(repoRoot, "data"));

test("the ledger has every claim of the study, C1 to C18, once and in order", () => {
  assert.deepStrictEqual(
    ledger.map((c) => c.id),
    Array.from({ length: 18 }, (_, i) => `C${i + 1}`),
  );
});

for (const claim of STUDY_CLAIMS) {
  test(`${claim.id} holds on the committed data: ${claim.statement}`, () => {
    const result = ledger.find((c) => c.id === claim.id);
    assert.ok(result, `${claim.id} evaluated`);
    assert.strictEqual(result.status, "pass", `${claim.id} (${claim.statement}) no longer holds: reproduced ${result.reproduced || "nothing"}; rule ${result.rule}; ${result.detail}`);
    assert.ok(result.reproduced.length > 0 && result.rule.length > 0, `${claim.id} shows its value and rule`);
  });
}

test("claims link to a notebook section that exists", () => {
  for (const claim of STUDY_CLAIMS) {
    const file = path.join(repoRoot, "notebooks", `${claim.notebook}.ipynb`);
    if (!fs.existsSync(file)) continue; // a notebook not yet written is reported by the notebook tests
    const headings = JSON.parse(fs.readFileSync(file, "utf8"))
      .cells.filter((c: { cell_type: string }) => c.cell_type === "markdown")
      .flatMap((c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join("") : c.source).split("\n"))
      .filter((line: string) => /^#+\s/.test(line))
      .map((line: string) => line.replace(/^#+\s+/, "").trim().replace(/ /g, "-"));
    assert.ok(headings.includes(claim.anchor), `${claim.id}: ${claim.notebook} has a heading for #${claim.anchor} (headings: ${headings.join(", ")})`);
  }
});

test("a data folder that cannot be loaded leaves its claims not evaluated, with the reason", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claims-"));
  fs.mkdirSync(path.join(dir, "clinical"));
  fs.writeFileSync(path.join(dir, "clinical", "cohort.csv"), "patient_id,arm\nP1,SBRT\n");
  const results = evaluateClaims(dir);
  const c1 = results.find((c) => c.id === "C1");
  assert.ok(c1);
  assert.strictEqual(c1.status, "not evaluated");
  assert.match(c1.detail, /cohort\.csv/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("studyClaim names an unknown id", () => {
  assert.throws(() => studyClaim("C99"), /unknown claim "C99"/);
  assert.strictEqual(studyClaim("C6").publishedNumber, 19);
});
