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
