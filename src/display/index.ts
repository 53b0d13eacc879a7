export { show, showTable, showHtml, showMarkdown, showBanner, setDisplaySink } from "./show";
export type { HtmlSink, Tabular } from "./show";
export { figureHtml, figureId, PLOTLY_MISSING_MESSAGE, PLOTLY_REQUIRE_PATH } from "./figure-html";
export { tableHtml, formatCell, recordsToTable } from "./table-html";
export { formatDecimal } from "./format-decimal";
export type { TableLike, TableHtmlOptions } from "./table-html";
export { escapeHtml, scriptSafeJson } from "./html-escape";
