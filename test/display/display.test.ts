import { test } from "node:test";
import * as assert from "assert";
import { figureHtml, figureId, show, setDisplaySink, tableHtml, formatCell, showTable, escapeHtml } from "../../src/display";

const figure = { data: [{ type: "scatter", x: [1, 2], y: [3, 4], name: "</script><b>x" }], layout: { title: { text: "t" } } };

test("figure ids come from content and position, never from randomness", () => {
  assert.strictEqual(figureId(figure), figureId(JSON.parse(JSON.stringify(figure))));
  assert.notStrictEqual(figureId(figure), figureId({ ...figure, layout: { title: { text: "u" } } }));
  assert.match(figureId(figure, 2), /^plot-[0-9a-f]{12}-2$/);
});

test("figure HTML cannot be broken out of by data strings and loads no network resource", () => {
  const html = figureHtml(figure, "plot-a");
  assert.strictEqual((html.match(/<\/script>/g) || []).length, 1, "only the closing tag of our own script");
  assert.ok(!/https?:\/\//.test(html), "no URL in the output");
  assert.ok(html.includes("window.Plotly") && html.includes("nbextensions/plotly-offline/plotly.min"));
});

test("show() gives repeated figures distinct, stable ids", () => {
  const outputs: string[] = [];
  setDisplaySink({ html: (s) => outputs.push(s) });
  show(figure);
  show(figure);
  setDisplaySink({ html: (s) => outputs.push(s) });
  show(figure);
  setDisplaySink(null);
  const [a, b, c] = outputs.map((html) => (/id="([^"]+)"/.exec(html) as RegExpExecArray)[1]);
  assert.notStrictEqual(a, b);
  assert.strictEqual(a, c);
  assert.strictEqual(outputs.length, 3);
});

test("tables escape text, align numbers and format digits", () => {
  const html = tableHtml({ columns: ["arm", "n", "median"], values: [["TACE<RT>", 276, 19.0412345]] }, { caption: "c" });
  assert.ok(html.includes("TACE&lt;RT&gt;"));
  assert.ok(html.includes('<td style="text-align:right">276</td>'));
  assert.ok(html.includes(">19.04<"));
  assert.strictEqual(formatCell(0.000012345), "1.234e-5");
  assert.strictEqual(formatCell(null), "");
});

test("showTable accepts records and danfojs-like frames", () => {
  const outputs: string[] = [];
  setDisplaySink({ html: (s) => outputs.push(s) });
  showTable([{ a: 1, b: "x" }, { a: 2, c: true }]);
  showTable({ columns: ["a"], values: [[1], [2], [3]] }, { maxRows: 2 });
  setDisplaySink(null);
  assert.ok(outputs[0].includes(">c</th>"));
  assert.ok(outputs[1].includes("1 more rows not shown"));
  assert.strictEqual(escapeHtml('"&'), "&quot;&amp;");
});
