import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { studyFigures } from "../../src/report/study-figures";
import { writeFigureFiles, writeSvgFiles, PNG_SCALE } from "../../src/report/figure-files";
import { withBrowser } from "../../src/report/browser";
import { figureId } from "../../src/display/figure-html";
import { repoRoot } from "../helpers/reference";

const figures = studyFigures(path.join(repoRoot, "data"));

test("every study figure is exactly a figure its notebook shows (same content hash as the notebook output)", () => {
  for (const f of figures) {
    const notebook = fs.readFileSync(path.join(repoRoot, "notebooks", `${f.notebook}.ipynb`), "utf8");
    assert.ok(notebook.includes(figureId(f.figure)), `${f.name} is drawn in ${f.notebook}`);
  }
});

test("npm run figures writes SVG and 300 dpi PNG at journal column widths, the same bytes every time", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "figures-"));
  const again = fs.mkdtempSync(path.join(os.tmpdir(), "figures-again-"));
  // The second rendering is of the SVGs only (the files compared below), in a page of its own.
  const [written, rewritten] = await withBrowser(async (browser) => [await writeFigureFiles(browser, figures, out), await writeSvgFiles(browser, figures, again)] as const);
  assert.strictEqual(written.length, figures.length);
  for (const file of written) {
    const svg = fs.readFileSync(file.svg, "utf8");
    assert.ok(svg.startsWith("<svg") && svg.includes(`width="${file.widthPx}"`), `${file.name}.svg is an SVG ${file.widthPx} px wide`);
    assert.ok(/font-family:\s*Arial/.test(svg), `${file.name}.svg names its font`);
    const png = fs.readFileSync(file.png);
    assert.strictEqual(png.toString("latin1", 1, 4), "PNG");
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.strictEqual(width, Math.round(file.widthPx * PNG_SCALE), `${file.name}.png width`);
    assert.strictEqual(height, Math.round(file.heightPx * PNG_SCALE), `${file.name}.png height`);
    assert.ok([321, 658].includes(file.widthPx), `${file.name} is a single (85 mm) or double (174 mm) column`);
  }
  for (const [k, file] of written.entries()) {
    assert.ok(fs.readFileSync(file.svg).equals(fs.readFileSync(rewritten[k].svg)), `${file.name}.svg is the same on every rendering (no random ids)`);
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(again, { recursive: true, force: true });
});
