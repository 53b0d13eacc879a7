import { createHash } from "crypto";
import type { PlotlyFigure } from "../plots/figure";
import { escapeHtml, scriptSafeJson } from "./html-escape";

/**
 * Where the live notebook finds plotly.js: the set-up copies node_modules'
 * plotly.min.js into the project's Jupyter data folder, which the Notebook server
 * serves under /nbextensions/ and whose require.js config maps to "nbextensions/".
 */
export const PLOTLY_REQUIRE_PATH = "nbextensions/plotly-offline/plotly.min";

/** What a figure's box says on a page that has no plotly.js (no network is ever used to fetch it). */
export const PLOTLY_MISSING_MESSAGE =
  "plotly.js is not loaded on this page: export with npm run reproduce or npm run export (they inline it), or open the notebook in Jupyter (npm run notebook).";

/** A deterministic element id: a hash of the figure's content, plus its position when the same figure is shown twice. */
export function figureId(figure: PlotlyFigure, occurrence = 0): string {
  const hash = createHash("sha256").update(JSON.stringify(figure)).digest("hex").slice(0, 12);
  return occurrence === 0 ? `plot-${hash}` : `plot-${hash}-${occurrence}`;
}

/**
 * The HTML a notebook output holds for one figure: a div and a script that draws
 * into it. The script uses `window.Plotly` when the page already has it (the
 * exported HTML inlines plotly.js once in its head) and otherwise asks the
 * Notebook's require.js for the copy served by the Jupyter server (plotly.js 4's bundle
 * is not an AMD module: it sets window.Plotly, so the callback falls back to that). Nothing is
 * fetched from the network, and plotly.js is never embedded in the notebook.
 */
export function figureHtml(figure: PlotlyFigure, id: string): string {
  const config = { responsive: true, displaylogo: false, ...(figure.config || {}) };
  const height = (figure.layout && typeof figure.layout.height === "number" ? figure.layout.height : 450) as number;
  const elementId = escapeHtml(id);
  return [
    `<div id="${elementId}" class="plotly-figure" style="width:100%;height:${height}px;"></div>`,
    `<script type="text/javascript">`,
    `(function () {`,
    `  var id = ${scriptSafeJson(id)};`,
    `  var fig = ${scriptSafeJson({ data: figure.data, layout: figure.layout || {}, config })};`,
    // The classic Notebook runs output scripts before it attaches the output to the page,
    // so the element is looked up when drawing, and again shortly if it is not there yet.
    `  function draw(Plotly, tries) {`,
    `    var el = document.getElementById(id);`,
    `    if (el) { Plotly.newPlot(el, fig.data, fig.layout, fig.config); }`,
    `    else if ((tries || 0) < 200) { setTimeout(function () { draw(Plotly, (tries || 0) + 1); }, 25); }`,
    `  }`,
    `  function missing() { setTimeout(function () { var el = document.getElementById(id); if (el) el.textContent = ${scriptSafeJson(PLOTLY_MISSING_MESSAGE)}; }, 0); }`,
    `  if (window.Plotly) { draw(window.Plotly); }`,
    // require.js outside the Notebook (a page exported without the project's Jupyter settings) has no plotly to give: say so.
    `  else if (typeof window.require === "function") { window.require([${scriptSafeJson(PLOTLY_REQUIRE_PATH)}], function (Plotly) { draw(Plotly || window.Plotly); }, missing); }`,
    `  else { missing(); }`,
    `})();`,
    `</script>`,
  ].join("\n");
}
