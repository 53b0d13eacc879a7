import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readNotebookParameters, parseParametersSource, parametersCellSource } from "../../src/report/notebook-parameters";
import { STUDY_NOTEBOOKS } from "../../src/cli/study-notebooks";
import { repoRoot } from "../helpers/reference";

test("readNotebookParameters: every study notebook's parameters cell reads, with the keys the cell names", () => {
  for (const nb of STUDY_NOTEBOOKS) {
    const file = path.join(repoRoot, "notebooks", `${nb.name}.ipynb`);
    const source = parametersCellSource(file);
    const params = readNotebookParameters(file);
    const keys = Array.from(source.matchAll(/^ {2}(\w+):/gm)).map((m) => m[1]);
    assert.deepStrictEqual(Object.keys(params), keys, nb.name);
  }
});

test("parseParametersSource: literals, signs, arithmetic and type assertions; the values as the kernel would see them", () => {
  const p = parseParametersSource(
    [
      "const params = {",
      "  /** a doc comment */",
      "  a: 36, // a line comment",
      "  b: -0.5,",
      '  c: "curve" as "curve" | "exponential",',
      "  d: [0.5, 2 / 3, 1e-3, Infinity, -Infinity],",
      "  e: { lower: 2 / 3, upper: 3 / 2, flag: false },",
      "  f: null as number | null,",
      "  g: true,",
      "  h: `text`,",
      '  "quoted key": 1 + 2 * 3,',
      "};",
    ].join("\n"),
    "t",
  );
  assert.deepStrictEqual(p, { a: 36, b: -0.5, c: "curve", d: [0.5, 2 / 3, 1e-3, Infinity, -Infinity], e: { lower: 2 / 3, upper: 3 / 2, flag: false }, f: null, g: true, h: "text", "quoted key": 7 });
});

test("parseParametersSource: anything but literal values stops with the file, the parameter and the line", () => {
  const bad = (source: string, pattern: RegExp) => assert.throws(() => parseParametersSource(source, "nb.ipynb"), (e: Error) => pattern.test(e.message) && e.message.startsWith("nb.ipynb"), source);
  bad("const params = {\n  a: 1,\n  b: someVariable,\n};", /params\.b \(line 3\): "someVariable" is not a literal value/);
  bad("const params = {\n  a: Math.max(1, 2),\n};", /params\.a \(line 2\)/);
  bad("const params = {\n  a: [1, ...rest],\n};", /params\.a\[1\] \(line 2\): a spread/);
  bad("const params = {\n  a: `x${1}`,\n};", /params\.a \(line 2\)/);
  bad('const params = {\n  a: "x" + 1,\n};', /params\.a \(line 2\): cannot evaluate/);
  bad("const params = {\n  a: 1,\n  a: 2,\n};", /params\.a \(line 3\): given twice/);
  bad("const params = {\n  ...defaults,\n};", /is not a key: value pair/);
  bad("let params = { a: 1 };", /must be one statement, const params/);
  bad("const params = { a: 1 };\nconst other = 2;", /the parameters cell \(line 2\): must be one statement/);
  bad("const settings = { a: 1 };", /must be one statement/);
  bad("const params = [1, 2];", /must be one statement/);
  bad("const params = {\n  a: 1,,\n};", /the parameters cell \(line 2\): does not parse/);
  bad("const params = {\n  a: 1,\n  b: [1 2],\n};", /params\.b \(line 3\): does not parse/);
  bad("const params = {\n  a: 1,\n  power: 0.8.5,\n  c: { d: 1 2 },\n};", /params\.power \(line 3\): does not parse/);
  bad("const params = {\n  a: 1,\n  c: { d: 1 2 },\n};", /params\.c \(line 3\): does not parse/);
});

test("parametersCellSource: exactly one code cell tagged parameters, in a readable notebook", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "params-cell-"));
  try {
    const write = (cells: unknown[]) => {
      const file = path.join(dir, "nb.ipynb");
      fs.writeFileSync(file, JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
      return file;
    };
    const cell = (tags: string[], type = "code") => ({ cell_type: type, metadata: { tags }, source: ["const params = {\n", "  a: 1,\n", "};"], outputs: [] });
    assert.deepStrictEqual(readNotebookParameters(write([cell([]), cell(["parameters"])])), { a: 1 });
    assert.throws(() => readNotebookParameters(write([cell([])])), /exactly one cell tagged "parameters", found 0/);
    assert.throws(() => readNotebookParameters(write([cell(["parameters"]), cell(["parameters"])])), /found 2/);
    assert.throws(() => readNotebookParameters(write([cell(["parameters"], "markdown")])), /is a markdown cell, not code/);
    fs.writeFileSync(path.join(dir, "broken.ipynb"), "{ not json");
    assert.throws(() => readNotebookParameters(path.join(dir, "broken.ipynb")), /broken\.ipynb: cannot read the notebook/);
    assert.throws(() => readNotebookParameters(path.join(dir, "absent.ipynb")), /absent\.ipynb: cannot read the notebook/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
