/**
 * Figure files for print: each figure rendered by plotly.js in headless Chromium to SVG
 * (vector, for the journal) and PNG at 300 dpi. Sizes are a journal column (85 mm single,
 * 174 mm double; src/plots forJournal) at 96 px per inch, so the fonts of the figure theme
 * (13 px, never below 11) print at about 8-10 pt.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser } from "playwright-core";
import type { PlotlyFigure } from "../plots/figure";
import { forJournal } from "../plots/theme";
import { repoRoot } from "../core/repo-root";

export interface FigureFileRequest {
  /** File name without extension. */
  name: string;
  figure: PlotlyFigure;
  column: "single" | "double";
  /** Height in px at the column width. */
  height: number;
}

export interface FigureFile {
  name: string;
  svg: string;
  png: string;
  widthPx: number;
  heightPx: number;
  traces: number;
}

/** PNG scale: 300 dpi over the 96 px per inch the sizes are given in. */
export const PNG_SCALE = 300 / 96;

/** Renders each figure to <outDir>/<name>.svg and .png; returns what was written. */
export async function writeFigureFiles(browser: Browser, requests: readonly FigureFileRequest[], outDir: string): Promise<FigureFile[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const plotly = fs.readFileSync(path.join(repoRoot(), "node_modules", "plotly.js-dist-min", "plotly.min.js"), "utf8");
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setContent("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>");
  await page.addScriptTag({ content: plotly });
  const written: FigureFile[] = [];
  for (const request of requests) {
    const sized = forJournal(request.figure, request.column, request.height);
    const layout = (sized.layout || {}) as Record<string, unknown>;
    if (request.column === "single" && layout.showlegend !== false) {
      // At 85 mm a legend beside the plot takes a third of the width: put it underneath.
      const legend = (layout.legend || {}) as Record<string, unknown>;
      layout.legend = { ...legend, orientation: "h", x: 0, xanchor: "left", y: -0.28, yanchor: "top" };
      const margin = (layout.margin || {}) as Record<string, unknown>;
      layout.margin = { ...margin, r: 10 };
    }
    const width = layout.width as number;
    const options = { width, height: request.height };
    // Page functions run in the browser; src/ is compiled without the DOM library, hence globalThis.
    const render = (format: "svg" | "png", scale: number): Promise<string> =>
      page.evaluate(
        ([fig, opts]) => {
          const P = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
          return P.toImage(fig, opts);
        },
        [{ data: sized.data, layout, config: { staticPlot: true } }, { ...options, format, scale }] as const,
      );
    const svgUrl = await render("svg", 1);
    const pngUrl = await render("png", PNG_SCALE);
    const svg = decodeURIComponent(svgUrl.replace(/^data:image\/svg\+xml,/, ""));
    const png = Buffer.from(pngUrl.replace(/^data:image\/png;base64,/, ""), "base64");
    const svgFile = path.join(outDir, `${request.name}.svg`);
    const pngFile = path.join(outDir, `${request.name}.png`);
    fs.writeFileSync(svgFile, svg);
    fs.writeFileSync(pngFile, png);
    written.push({ name: request.name, svg: svgFile, png: pngFile, widthPx: width, heightPx: request.height, traces: sized.data.length });
  }
  await page.close();
  if (errors.length > 0) throw new Error(`plotly errors while rendering figures: ${errors.join("; ")}`);
  return written;
}
