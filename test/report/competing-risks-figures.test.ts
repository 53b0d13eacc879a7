import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { failurePatternFigures } from "../../src/report/competing-risks-figures";
import { writeFigureFiles, PNG_SCALE } from "../../src/report/figure-files";
import { withBrowser } from "../../src/report/browser";
import { repoRoot } from "../helpers/reference";
import { cohort, originalLayout } from "../clinical/fixture";

test("failure-pattern figures of npm run figures render to SVG and 300 dpi PNG at the double-column width, each with its at-risk row or forest values", async () => {
  const figures = failurePatternFigures(cohort, true);
  assert.deepStrictEqual(figures.map((f) => f.name), ["fig2-cumulative-incidence", "fig2b-progression-from-rt", "fig2c-state-occupancy-from-rt", "fig2d-progression-hazard-ratios"]);
  assert.ok(JSON.stringify(figures[3].figure).includes("True hazard ratio (simulation)"));
  assert.ok(!JSON.stringify(failurePatternFigures(cohort, false)[3].figure).includes("True hazard ratio"), "no simulation truth on a user's data");
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cr-figures-"));
  const written = await withBrowser((browser) => writeFigureFiles(browser, figures, out));
  for (const file of written) {
    const svg = fs.readFileSync(file.svg, "utf8");
    assert.ok(svg.startsWith("<svg") && svg.includes(`width="${file.widthPx}"`), `${file.name}.svg`);
    assert.strictEqual(file.widthPx, 658);
    const png = fs.readFileSync(file.png);
    assert.strictEqual(png.readUInt32BE(16), Math.round(file.widthPx * PNG_SCALE));
    assert.ok(/Number at risk|Under observation|HR \(95% CI\)/.test(svg), `${file.name} has its at-risk row or values column`);
  }
  fs.rmSync(out, { recursive: true, force: true });
  void repoRoot;
});

test("failure-pattern figures on a cohort in the original layout: the study's figure only", () => {
  assert.deepStrictEqual(failurePatternFigures(originalLayout(), false).map((f) => f.name), ["fig2-cumulative-incidence"]);
});
