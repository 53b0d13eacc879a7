/**
 * Stack traces in a cell's own lines (src/cli/cell-traces.ts): source-map segments decode and
 * encode, two maps compose, and a stack's cell frames and header are rewritten with a cell's map.
 * The real kernel is exercised in test/notebooks/cell-errors.test.ts.
 */
import { test } from "node:test";
import * as assert from "assert";
import { composeMappings, decodeMappings, encodeMappings, lookUp, mapCellStack, RanCell, Segment } from "../../src/cli/cell-traces";

test("mappings decode to absolute segments and encode back to the same text", () => {
  // TypeScript's map of a small cell (tslab's ES-module emit)
  const mappings = "AACA,OAAO,EAAE,GAAG,EAAE,MAAM,sBAAsB,CAAC;AAC3C,MAAM,CAAC,GAAW,CAAC,CAAC;AAEpB,SAAS,CAAC,CAAC,CAAS;IAClB,IAAI,CAAC,GAAG,CAAC;QAAE,MAAM,IAAI,KAAK,CAAC,GAAG,CAAC,CAAC;AAClC,CAAC";
  const lines = decodeMappings(mappings);
  assert.deepStrictEqual(lines[0][0], [0, 1, 0]);
  // source: "export {};" (tslab's prefix), the import, `const a`, "", `function f(x: number) {`, "  if (x > 0) throw new Error(\"x\");"
  assert.deepStrictEqual(lines[4][0], [8, 5, 13], "`throw` on generated line 5 is source line 6, column 14");
  assert.strictEqual(encodeMappings(lines), mappings);
});

test("two maps compose, and a prefix line the compiler was given is taken off", () => {
  const outer: Segment[][] = [[], [[0, 0, 0], [6, 0, 6]], [[4, 2, 0]]];
  const inner: Segment[][] = [[[0, 1, 0], [6, 1, 10]], [], [[0, 3, 2]]];
  assert.deepStrictEqual(composeMappings(outer, inner, 1), [[], [[0, 0, 0], [6, 0, 10]], [[4, 2, 2]]]);
  assert.deepStrictEqual(lookUp([[[2, 5, 1], [8, 6, 0]]], 0, 7), [5, 1]);
  assert.deepStrictEqual(lookUp([[[2, 5, 1]]], 0, 0), [5, 1], "before the first segment: the line's first");
  assert.strictEqual(lookUp([[]], 0, 3), null);
});

test("a stack's cell frames and its header name the cell's lines; the kernel's frames below the cell go; other frames stay", () => {
  const cell: RanCell = {
    source: "type T = number;\nconst x: T = 1;\nthrow new Error(String(x));",
    // compiled: line 1 header, line 2 `const x = 1;`, line 3 `exports.x = x;`, line 4 the throw
    lines: [[], [[0, 1, 0]], [[0, 1, 0]], [[0, 2, 0], [6, 2, 6]]],
    firstLineShift: 30,
    wrapperLine: 5,
  };
  const stack = [
    "In [7]:4",
    "throw new Error(String(x));",
    "^",
    "",
    "Error: 1",
    "    at helper (/repo/src/core/x.ts:3:9)",
    "    at Proxy.earlier (In [6]:1:1)",
    "    at In [7]:4:7",
    "    at In [7]:5:3",
    "    at Script.runInThisContext (node:vm:137:12)",
  ].join("\n");
  assert.strictEqual(
    mapCellStack(stack, new Map([["In [6]", { source: "function earlier() {}", lines: [[[0, 0, 0]]], firstLineShift: 30, wrapperLine: 2 }], ["In [7]", cell]])),
    ["In [7]:3", "throw new Error(String(x));", "^", "", "Error: 1", "    at helper (/repo/src/core/x.ts:3:9)", "    at earlier (In [6]:1:1)", "    at In [7]:3:7"].join("\n"),
  );
  assert.strictEqual(mapCellStack(stack, new Map()), stack, "a cell not registered is left as it is");
});

test("an error from a cell with top-level await: the source line of its first cell frame above it, tslab's frames below the cell's gone", () => {
  const cell: RanCell = {
    source: "const v = await Promise.resolve(1);\nthrow new Error(String(v));",
    // compiled: line 1 the await, line 2 the throw (columns as in the cell)
    lines: [[[0, 0, 0]], [[0, 1, 0], [6, 1, 6]]],
    firstLineShift: 36,
    wrapperLine: 3,
  };
  const stack = [
    "Error: 1",
    "    at In [3]:2:7",
    "    at async Object.execute (/repo/node_modules/tslab/dist/executor.js:173:17)",
    "    at async JupyterHandlerImpl.handleExecuteImpl (/repo/node_modules/tslab/dist/jupyter.js:250:18)",
  ].join("\n");
  const cells = new Map([["In [3]", cell]]);
  assert.strictEqual(mapCellStack(stack, cells, true), ["In [3]:2", "throw new Error(String(v));", "      ^", "", "Error: 1", "    at In [3]:2:7"].join("\n"));
  assert.strictEqual(mapCellStack(stack, cells), ["Error: 1", "    at In [3]:2:7"].join("\n"), "without addHeader (an error the cell printed itself): no header, tslab's frames still go");
  const fromSrc = ["Error: 1", "    at helper (/repo/src/core/x.ts:3:9)", "    at In [3]:2:7"].join("\n");
  assert.strictEqual(mapCellStack(fromSrc, cells, true), fromSrc, "first frame outside the cells: no header (Node shows none either)");
});
