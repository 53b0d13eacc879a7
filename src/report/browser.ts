/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) for checking
 * exported pages the way a reader sees them, and for rendering figure files. The flags keep
 * Chromium off the network: nothing here may fetch anything.
 */
import type { Browser } from "playwright-core";
import { pathToFileURL } from "url";
import { PLOTLY_MISSING_MESSAGE } from "../display/figure-html";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Starts headless Chromium with the flags above; the caller closes it (withBrowser does). */
export function launchBrowser(): Promise<Browser> {
  // Loaded lazily: playwright-core is a dev dependency, needed only for checks and figure files.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Runs `fn` with a fresh headless Chromium and closes it afterwards. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

export interface PageCheck {
  /** Rendered plotly figures (elements plotly has drawn into). */
  figures: number;
  /** Traces per rendered figure, in page order. */
  traces: number[];
  /** Console errors, uncaught exceptions and failed requests. */
  errors: string[];
  /** Requests for anything that is not a file: or data: URL (there should be none). */
  networkRequests: string[];
}

/**
 * How long checkPage waits for a page to load, for its figures to draw, and for its screenshot.
 * Not a performance check: an exported page is 5–6 MB with plotly.js inline and draws every figure
 * during its load, which took over playwright's default 30 s for 04's and 05's pages (14 and 11
 * figures) in a full `npm test` at load 18–35 on the shared 2-core machine (and once for 02's), so
 * the test failed with "page.goto: Timeout 30000ms exceeded" though the page was correct.
 */
export const PAGE_TIMEOUT_MS = 180_000;

/** Opens a local HTML file with the network blocked, waits for plotly to draw, and reports figures and errors; optionally saves a screenshot. */
export async function checkPage(browser: Browser, file: string, screenshot?: string): Promise<PageCheck> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  // The network is blocked: a page that needs anything beyond its own file fails visibly.
  await context.route(
    (url) => !/^(file|data|blob|about):/.test(url.protocol),
    (route) => route.abort("internetdisconnected"),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  const networkRequests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`exception: ${error.message}`));
  page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`));
  page.on("request", (request) => {
    if (!/^(file|data|blob|about):/.test(request.url())) networkRequests.push(request.url());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  // Each figure's script draws synchronously on load; wait until every figure div has been drawn into,
  // or its script has given up and says plotly.js is missing (figureHtml: it never draws after that).
  // (Page scripts are passed as strings: src/ is compiled without the DOM library.)
  await page
    .waitForFunction(
      `Array.prototype.every.call(document.querySelectorAll(".plotly-figure"), function (el) { return el.classList.contains("js-plotly-plot") || el.textContent === ${JSON.stringify(PLOTLY_MISSING_MESSAGE)}; })`,
      undefined,
      { timeout: PAGE_TIMEOUT_MS },
    )
    .catch(() => undefined);
  const traces = (await page.evaluate(
    `Array.prototype.map.call(document.querySelectorAll(".plotly-figure.js-plotly-plot"), function (el) { return Array.isArray(el.data) ? el.data.length : 0; })`,
  )) as number[];
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await context.close();
  return { figures: traces.length, traces, errors, networkRequests };
}
