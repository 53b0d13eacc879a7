import { escapeHtml } from "../display/html-escape";
import type { ClaimResult } from "./evaluate-claims";

const MARKS: Record<string, string> = { pass: "✔ pass", fail: "✘ fail", "not evaluated": "– not evaluated" };
const COLOURS: Record<string, string> = { pass: "#1a7f37", fail: "#c62828", "not evaluated": "#8a6d00" };

/** Counts of claims by status, and a one-line summary such as "18 of 18 claims reproduced". */
export function claimsSummary(results: readonly ClaimResult[]): { pass: number; fail: number; notEvaluated: number; line: string } {
  const pass = results.filter((r) => r.status === "pass").length;
  const fail = results.filter((r) => r.status === "fail").length;
  const notEvaluated = results.length - pass - fail;
  const extra = [fail > 0 ? `${fail} not reproduced` : "", notEvaluated > 0 ? `${notEvaluated} not evaluated` : ""].filter((s) => s).join(", ");
  return { pass, fail, notEvaluated, line: `${pass} of ${results.length} claims reproduced${extra ? ` (${extra})` : ""}` };
}

/**
 * The claims ledger as an HTML table: claim, published value, reproduced value, rule and
 * a pass/fail mark, each claim linking the notebook section that shows it. Links point
 * at the notebooks (.ipynb, for Jupyter); the HTML export rewrites them to the exported
 * pages (.html).
 */
export function claimsTableHtml(
  results: readonly ClaimResult[],
  options: { linkExtension?: ".ipynb" | ".html"; linked?: (notebook: string) => boolean } = {},
): string {
  const extension = options.linkExtension ?? ".ipynb";
  const rows = results.map((r) => {
    // `linked` says which notebooks have a page to link to (an index page leaves out failed ones).
    const link =
      options.linked === undefined || options.linked(r.notebook)
        ? `<a href="${escapeHtml(r.notebook)}${extension}#${escapeHtml(r.anchor)}">${escapeHtml(r.notebook)}</a>`
        : `${escapeHtml(r.notebook)} (no page)`;
    const reproduced = r.status === "not evaluated" ? `<span title="${escapeHtml(r.detail)}">${escapeHtml(firstLine(r.detail))}</span>` : escapeHtml(r.reproduced);
    return (
      `<tr class="claim claim-${r.status.replace(" ", "-")}">` +
      `<td>${escapeHtml(r.id)}</td><td style="text-align:left">${escapeHtml(r.statement)}</td>` +
      `<td style="text-align:left">${escapeHtml(r.published)}</td><td style="text-align:left">${reproduced}</td>` +
      `<td style="text-align:left">${escapeHtml(r.rule)}</td>` +
      `<td style="color:${COLOURS[r.status]};font-weight:bold;white-space:nowrap">${MARKS[r.status]}</td>` +
      `<td style="text-align:left">${link}</td></tr>`
    );
  });
  return (
    `<table class="claims-table"><thead><tr>` +
    ["Claim", "Statement", "Published", "Reproduced", "Rule", "Result", "Shown in"].map((h) => `<th style="text-align:left">${h}</th>`).join("") +
    `</tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

function firstLine(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
