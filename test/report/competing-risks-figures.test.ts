import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { competingRisksFigures } from "../../src/report/competing-risks-figures";
import { writeFigureFiles, PNG_SCALE } from "../../src/report/figure-files";
import { withBrowser } from "../../src/report/browser";
import { repoRoot } from "../helpers/reference";

test("competing-risks figures of npm run figures render to SVG and 300 dpi PNG at the double-column width", async () => {
  const figures = competingRisksFigures(path.join(repoRoot, "data"));
  assert.deepStrictEqual(figures.map((f) => f.name), ["fig2b-cumulative-incidence-at-risk", "fig2c-state-occupancy"]);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cr-figures-"));
  const written = await withBrowser((browser) => writeFigureFiles(browser, figures, out));
  for (const file of written) {
    const svg = fs.readFileSync(file.svg, "utf8");
    assert.ok(svg.startsWith("<svg") && svg.includes(`width="${file.widthPx}"`), `${file.name}.svg`);
    assert.strictEqual(file.widthPx, 658);
    const png = fs.readFileSync(file.png);
    assert.strictEqual(png.readUInt32BE(16), Math.round(file.widthPx * PNG_SCALE));
    assert.ok(svg.includes("Number at risk") || svg.includes("Under observation"), `${file.name} has its at-risk row`);
  }
  fs.rmSync(out, { recursive: true, force: true });
});
