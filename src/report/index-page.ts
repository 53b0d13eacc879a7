import { escapeHtml } from "../display/html-escape";

export interface NotebookCard {
  /** File name without extension, e.g. "02-overall-survival". */
  name: string;
  title: string;
  /** Link to the exported HTML, relative to the index page. */
  href: string;
  ok: boolean;
  seconds: number;
  figures: number;
  message?: string;
  /** Set when the notebook was not run (e.g. the data folder has none of its files): why. */
  notRun?: string;
}

export interface IndexPageOptions {
  title?: string;
  /** HTML placed above the notebook cards (e.g. the claims table). */
  summaryHtml?: string;
  /** One line on where the data came from. */
  dataNote?: string;
}

/** The reports/index.html page: optional summary, then one card per notebook linking its HTML with its run time. */
export function indexPageHtml(cards: NotebookCard[], options: IndexPageOptions = {}): string {
  const title = options.title ?? "Reproduction report";
  const items = cards.map((card) => {
    if (card.notRun !== undefined) {
      return [
        `<div class="card card-not-run">`,
        `<h3>${escapeHtml(card.title)}</h3>`,
        `<p class="meta">${escapeHtml(card.name)}.ipynb · not run: ${escapeHtml(card.notRun)}</p>`,
        `</div>`,
      ].join("");
    }
    const status = card.ok ? "" : `<p class="failed">Failed: ${escapeHtml(card.message ?? "")}</p>`;
    const link = card.ok ? `<a href="${escapeHtml(card.href)}">${escapeHtml(card.title)}</a>` : escapeHtml(card.title);
    return [
      `<div class="card${card.ok ? "" : " card-failed"}">`,
      `<h3>${link}</h3>`,
      `<p class="meta">${escapeHtml(card.name)}.ipynb · ran in ${card.seconds.toFixed(1)} s · ${card.figures} figure${card.figures === 1 ? "" : "s"}</p>`,
      status,
      `</div>`,
    ].join("");
  });
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    "<style>",
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}",
    ".card{border:1px solid #ccc;border-radius:6px;padding:0.6em 1em;margin:0.8em 0}",
    ".card-failed{border-color:#c00;background:#fff0f0}.card-not-run{color:#666;background:#f6f6f6}.meta{color:#555;font-size:0.9em;margin:0.2em 0}",
    ".failed{color:#a00;white-space:pre-wrap}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}",
    "</style></head><body>",
    `<h1>${escapeHtml(title)}</h1>`,
    options.dataNote ? `<p class="data-note">${escapeHtml(options.dataNote)}</p>` : "",
    options.summaryHtml ?? "",
    "<h2>Notebooks</h2>",
    ...items,
    "</body></html>",
    "",
  ].join("\n");
}
