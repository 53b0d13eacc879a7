/**
 * npm run figures [-- --data-dir DIR] [-- --out DIR]
 *
 * Writes every study figure (and the trial-design figures of src/report/trial-design-figures,
 * with the settings of notebook 08's committed parameters cell)
 * as SVG and 300 dpi PNG, sized for a journal column, into
 * reports/figures/ (or --out), rendered by plotly.js in headless Chromium from the same
 * figure functions the notebooks show.
 */
import * as path from "path";
import { dataDir } from "../data/load";
import { repoRoot } from "../core/repo-root";
import { studyFigures } from "../report/study-figures";
import { trialDesignFigures } from "../report/trial-design-figures";
import { writeFigureFiles } from "../report/figure-files";
import { withBrowser } from "../report/browser";
import { commandOptions } from "./command-options";

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = commandOptions(argv, ["--data-dir", "--out"]);
  const option = (name: string): string | null => {
    const value = options.text(name);
    return value === null ? null : path.resolve(value);
  };
  const dir = option("--data-dir") ?? dataDir();
  const out = option("--out") ?? path.join(repoRoot(), "reports", "figures");
  const figures = studyFigures(dir).concat(trialDesignFigures(dir));
  const written = await withBrowser((browser) => writeFigureFiles(browser, figures, out));
  for (const [k, file] of written.entries()) {
    console.log(`${file.name}: ${figures[k].caption} (${figures[k].column} column, ${file.widthPx}×${file.heightPx} px) -> .svg, .png`);
  }
  console.log(`figures: ${written.length} figures written to ${path.relative(process.cwd(), out) || "."}/`);
}

main().catch((error) => {
  console.error(`figures: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
