import { test } from "node:test";
import * as assert from "assert";
import { parseCsv, WHOLE_ROW, WHOLE_FILE, WHOLE_HEADER } from "../../src/data/index";

test("parseCsv reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)", () => {
  const p = parseCsv('id,note\n1,"Smith, J"\n2,"said ""hi"""\n3,"two\nlines"\n4,\n');
  assert.deepStrictEqual(p.header, ["id", "note"]);
  assert.deepStrictEqual(p.rows, [["1", "Smith, J"], ["2", 'said "hi"'], ["3", "two\nlines"], ["4", ""]]);
  // row 4 starts on line 6 because row 3 spans lines 4-5
  assert.deepStrictEqual(p.lines, [2, 3, 4, 6]);
  assert.deepStrictEqual(p.issues, []);
});

test("parseCsv accepts CRLF, a byte-order mark, no final line break and trailing blank lines", () => {
  assert.deepStrictEqual(parseCsv("\ufeffa,b\r\n1,2\r\n3,4").rows, [["1", "2"], ["3", "4"]]);
  const p = parseCsv("a,b\n1,2\n\n\n");
  assert.deepStrictEqual(p.rows, [["1", "2"]]);
  assert.deepStrictEqual(p.issues, []);
});

test("parseCsv never trims or converts", () => {
  assert.deepStrictEqual(parseCsv("a,b\n 1 ,NA\n").rows, [[" 1 ", "NA"]]);
});

test("parseCsv reports every row with the wrong number of fields", () => {
  const p = parseCsv("a,b,c\n1,2,3\n1,2\n1,2,3,4\n1,2,3\n");
  assert.deepStrictEqual(p.issues, [
    { row: 2, line: 3, column: WHOLE_ROW, value: '["1","2"]', rule: "has 2 fields but the header has 3" },
    { row: 3, line: 4, column: WHOLE_ROW, value: '["1","2","3","4"]', rule: "has 4 fields but the header has 3" },
  ]);
  assert.deepStrictEqual(Array.from(p.malformedRows), [2, 3]);
  assert.strictEqual(p.rows.length, 4, "malformed rows keep their place so row numbers match the file");
});

test("parseCsv reports bad quoting and blank lines among the data", () => {
  const p = parseCsv('a,b\n1,x"y\n2,"ok"z\n\n3,4\n4,"open\n5,6\n');
  assert.deepStrictEqual(
    p.issues.map((i) => [i.row, i.line, i.column, i.rule.split(" ").slice(0, 3).join(" ")]),
    [
      [1, 2, WHOLE_ROW, "double quote inside"],
      [2, 3, WHOLE_ROW, "text after the"],
      [3, 4, WHOLE_ROW, "blank line among"],
      [5, 6, WHOLE_ROW, "unterminated quoted field:"],
    ],
  );
  assert.match(p.issues[3].rule, /line 6 never closes/);
});

test("parseCsv reports an empty file and bad quoting in the header", () => {
  assert.deepStrictEqual(parseCsv("").issues, [
    { row: null, line: null, column: WHOLE_FILE, value: "", rule: "the file is empty: it needs a header line with the column names" },
  ]);
  assert.deepStrictEqual(parseCsv("\n\n").issues.length, 1);
  const p = parseCsv('a,b"c\n1,2\n');
  assert.deepStrictEqual([p.issues[0].row, p.issues[0].line, p.issues[0].column], [null, 1, WHOLE_HEADER]);
});
