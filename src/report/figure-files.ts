/**
 * Figure files for print: each figure rendered by plotly.js in headless Chromium to SVG
 * (vector, for the journal) and PNG at 300 dpi. Sizes are a journal column (85 mm single,
 * 174 mm double; src/plots forJournal) at 96 px per inch, so the fonts of the figure theme
 * (13 px, never below 11) print at about 8-10 pt.
 */
import { createHash } from "crypto";
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

/**
 * plotly names each rendering's clip paths and legend after a random 6-hex-digit uid
 * ("clip3f9a1cxyplot"); it is replaced by one derived from the file name, and traces get
 * fixed uids before rendering, so the same figure gives the same SVG file every time.
 */
export function stableSvgIds(svg: string, name: string): string {
  const match = /id="clip([0-9a-f]{6})/.exec(svg);
  if (!match) return svg;
  const stable = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return svg.split(match[1]).join(stable);
}

/** Renders each figure to <outDir>/<name>.svg and .png; returns what was written. */
export function writeFigureFiles(browser: Browser, requests: readonly FigureFileRequest[], outDir: string): Promise<FigureFile[]> {
  return renderFigureFiles(browser, requests, outDir, true) as Promise<FigureFile[]>;
}

/**
 * Renders each figure to <outDir>/<name>.svg only, exactly as writeFigureFiles renders its SVG (to
 * check that a rendering gives the same bytes without paying for the 300 dpi PNG again).
 */
export async function writeSvgFiles(browser: Browser, requests: readonly FigureFileRequest[], outDir: string): Promise<Omit<FigureFile, "png">[]> {
  return renderFigureFiles(browser, requests, outDir, false);
}

async function renderFigureFiles(browser: Browser, requests: readonly FigureFileRequest[], outDir: string, withPng: boolean): Promise<(Omit<FigureFile, "png"> & { png?: string })[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const plotly = fs.readFileSync(path.join(repoRoot(), "node_modules", "plotly.js-dist-min", "plotly.min.js"), "utf8");
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setContent("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>");
  await page.addScriptTag({ content: plotly });
  const written: (Omit<FigureFile, "png"> & { png?: string })[] = [];
  for (const request of requests) {
    const sized = forJournal(request.figure, request.column, request.height);
    const layout = (sized.layout || {}) as Record<string, unknown>;
    // plotly otherwise gives each trace a random uid, which ends up in the SVG's class names.
    sized.data.forEach((trace, k) => {
      if (trace.uid === undefined) trace.uid = `trace${k}`;
    });
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
    const svg = stableSvgIds(decodeURIComponent(svgUrl.replace(/^data:image\/svg\+xml,/, "")), request.name);
    const svgFile = path.join(outDir, `${request.name}.svg`);
    fs.writeFileSync(svgFile, svg);
    const file = { name: request.name, svg: svgFile, widthPx: width, heightPx: request.height, traces: sized.data.length };
    if (!withPng) {
      written.push(file);
      continue;
    }
    const pngUrl = await render("png", PNG_SCALE);
    const png = Buffer.from(pngUrl.replace(/^data:image\/png;base64,/, ""), "base64");
    const pngFile = path.join(outDir, `${request.name}.png`);
    fs.writeFileSync(pngFile, png);
    written.push({ ...file, png: pngFile });
  }
  await page.close();
  if (errors.length > 0) throw new Error(`plotly errors while rendering figures: ${errors.join("; ")}`);
  return written;
}
