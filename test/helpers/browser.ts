import { after } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../../src/report/browser";

/**
 * One headless Chromium for a whole test file instead of one per check: call at the top level of
 * the file; the function it returns starts the browser on first use, and the browser is closed
 * after the file's tests. Each checkPage still opens its page in a context of its own (no
 * cookies, storage or cache shared between pages).
 */
export function browserForFile(): () => Promise<Browser> {
  let launched: Promise<Browser> | null = null;
  after(async () => {
    if (launched) await (await launched).close();
  });
  return () => (launched ??= launchBrowser());
}
