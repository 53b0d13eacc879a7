import { ValidationIssue, WHOLE_FILE, WHOLE_HEADER, WHOLE_ROW } from "./issues";

/** Result of parseCsv: raw cell texts, never coerced. */
export interface ParsedCsv {
  header: string[];
  /** Data rows in file order; rows[i] is data row i + 1. */
  rows: string[][];
  /** lines[i]: the file line where data row i + 1 starts. */
  lines: number[];
  /** Structural problems: bad quoting, a row with the wrong number of fields, an empty file. */
  issues: ValidationIssue[];
  /** Data rows (1-based) whose structure is broken, so their cells cannot be trusted to line up with the header. */
  malformedRows: Set<number>;
}

/**
 * Splits CSV text into a header and rows, following RFC 4180: fields separated by
 * commas, records by LF or CRLF (a lone CR too), a field in double quotes may hold
 * commas, line breaks and doubled quotes (""). No value is trimmed or converted.
 *
 * Tolerated without an issue: a UTF-8 byte-order mark, a missing final line break,
 * blank lines at the end of the file. Reported as issues (all of them, not just the
 * first): a quote inside an unquoted field, text after a closing quote, an
 * unterminated quoted field, a blank line among the data, a row whose number of
 * fields differs from the header's. Such rows stay in `rows` (so row numbers match
 * the file) and are listed in `malformedRows`.
 *
 * Matches what R's read.csv / readr::read_csv accept for well-formed files; unlike
 * them, it never pads or drops fields of ragged rows silently.
 *
 * @example
 * parseCsv('id,name\n1,"Smith, J"\n').rows // [["1", "Smith, J"]]
 */
export function parseCsv(text: string, file = "<text>"): ParsedCsv {
  void file; // kept for symmetry with validateTable; issues carry positions, the caller adds the file
  const issues: ValidationIssue[] = [];
  const structuralProblems: Array<{ record: number; value: string; rule: string }> = [];
  const records: string[][] = [];
  const recordLines: number[] = [];
  const blankRecords = new Set<number>();

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  let field = "";
  let fields: string[] = [];
  let recordStart = 1;
  let fieldQuoted = false;
  let atFieldStart = true;

  const endRecord = (): void => {
    fields.push(field);
    const index = records.length;
    if (fields.length === 1 && fields[0] === "" && !fieldQuoted) blankRecords.add(index);
    records.push(fields);
    recordLines.push(recordStart);
    fields = [];
    field = "";
    fieldQuoted = false;
    atFieldStart = true;
  };
  // records.length is the index of the record being read.
  const structural = (rule: string, value: string): void => {
    structuralProblems.push({ record: records.length, value, rule });
  };

  while (i < n) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      // Quoted field: read to the closing quote, "" is a literal quote.
      fieldQuoted = true;
      atFieldStart = false;
      const openLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (d === "\r" || d === "\n") {
          if (d === "\r" && text[i + 1] === "\n") {
            field += "\r\n";
            i += 2;
          } else {
            field += d;
            i++;
          }
          line++;
          continue;
        }
        field += d;
        i++;
      }
      if (!closed) {
        structural(`unterminated quoted field: the double quote on line ${openLine} never closes`, shortText(field));
        break;
      }
      // After the closing quote only a comma, a line break or the end may follow.
      if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
        let extra = "";
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") extra += text[i++];
        structural("text after the closing quote of a quoted field", `"${shortText(field)}"${shortText(extra)}`);
        field += extra;
      }
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      fieldQuoted = false;
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordStart = line;
      continue;
    }
    if (c === '"') {
      let rest = field;
      let j = i;
      while (j < n && text[j] !== "," && text[j] !== "\n" && text[j] !== "\r") rest += text[j++];
      structural('double quote inside an unquoted field (quote the whole field and double the quote: "")', shortText(rest));
      field = rest;
      i = j;
      atFieldStart = false;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  // Last record when the file does not end with a line break (or ended inside quotes).
  if (field !== "" || fields.length > 0 || fieldQuoted) endRecord();

  // Blank lines at the end of the file are not data.
  const broken = new Set(structuralProblems.map((p) => p.record));
  while (records.length > 0 && blankRecords.has(records.length - 1) && !broken.has(records.length - 1)) {
    records.pop();
    recordLines.pop();
  }

  if (records.length === 0) {
    issues.push({ row: null, line: null, column: WHOLE_FILE, value: "", rule: "the file is empty: it needs a header line with the column names" });
    return { header: [], rows: [], lines: [], issues, malformedRows: new Set() };
  }

  const header = records[0];
  const rows = records.slice(1);
  const lines = recordLines.slice(1);
  const malformedRows = new Set<number>();
  for (const p of structuralProblems) {
    // record 0 is the header; record k >= 1 is data row k
    issues.push({ row: p.record === 0 ? null : p.record, line: recordLines[p.record], column: p.record === 0 ? WHOLE_HEADER : WHOLE_ROW, value: p.value, rule: p.rule });
    if (p.record > 0) malformedRows.add(p.record);
  }

  const width = header.length;
  for (let r = 0; r < rows.length; r++) {
    const row = r + 1;
    if (malformedRows.has(row)) continue;
    if (blankRecords.has(row) && width > 1) {
      issues.push({ row, line: lines[r], column: WHOLE_ROW, value: "", rule: "blank line among the data rows" });
      malformedRows.add(row);
    } else if (rows[r].length !== width) {
      issues.push({
        row,
        line: lines[r],
        column: WHOLE_ROW,
        value: shortText(JSON.stringify(rows[r])),
        rule: `has ${rows[r].length} field${rows[r].length === 1 ? "" : "s"} but the header has ${width}`,
      });
      malformedRows.add(row);
    }
  }
  issues.sort(byPosition);
  return { header, rows, lines, issues, malformedRows };
}

function shortText(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Orders issues by file position: file-level first, then header, then rows in order. */
export function byPosition(a: ValidationIssue, b: ValidationIssue): number {
  const ra = a.row === null ? (a.line === null ? -1 : 0) : a.row;
  const rb = b.row === null ? (b.line === null ? -1 : 0) : b.row;
  return ra - rb;
}
