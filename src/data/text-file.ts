import * as fs from "fs";
import { DataValidationError, ValidationIssue, WHOLE_FILE } from "./issues";

/**
 * Reading a data file as text: UTF-8 only, checked byte by byte, never decoded with
 * replacement characters (two ids "Mé1" and "Mè1" written in Latin-1 would otherwise both
 * become "M\uFFFD1" and silently merge).
 *
 * - A UTF-8 byte-order mark is fine (the CSV parser skips it).
 * - UTF-16 (a byte-order mark FF FE / FE FF, or NUL bytes between ASCII letters, as Excel's
 *   "Unicode text" writes) is refused with that hint.
 * - Any byte sequence that is not UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 *   above U+10FFFF) is refused naming the line of the first bad byte, the byte, and that
 *   line as Latin-1 would read it, so the user can find it.
 *
 * @example
 * readDataFile("data/clinical/cohort.csv"); // the text, or throws DataValidationError
 * firstInvalidUtf8(Buffer.from([0x41, 0xc4, 0x42])); // 1
 */
export function readDataFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder, not a file" : `cannot read the file (${(e as Error).message})`;
    const hint = process.env.DATA_DIR ? ` (DATA_DIR=${process.env.DATA_DIR})` : " (set DATA_DIR to use another data folder)";
    throw new DataValidationError(file, [{ row: null, line: null, column: WHOLE_FILE, value: file, rule: reason + hint }]);
  }
  const issue = encodingIssue(bytes);
  if (issue !== null) throw new DataValidationError(file, [issue]);
  return bytes.toString("utf8");
}

/** The encoding problem of a file's bytes (UTF-16, or not UTF-8), or null when they are UTF-8. */
export function encodingIssue(bytes: Uint8Array): ValidationIssue | null {
  const save = 'save it as UTF-8 CSV (in Excel: "CSV UTF-8 (Comma delimited)"; in R: write.csv(..., fileEncoding = "UTF-8"))';
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const order = bytes[0] === 0xff ? "FF FE, little-endian" : "FE FF, big-endian";
    return { row: null, line: null, column: WHOLE_FILE, value: `byte-order mark ${order}`, rule: `the file is UTF-16 text, not UTF-8: ${save}` };
  }
  if (looksUtf16WithoutMark(bytes)) {
    return { row: null, line: null, column: WHOLE_FILE, value: "NUL bytes between the letters", rule: `the file looks like UTF-16 text (no byte-order mark), not UTF-8: ${save}` };
  }
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = at;
  while (lineEnd < bytes.length && bytes[lineEnd] !== 0x0a && bytes[lineEnd] !== 0x0d) lineEnd++;
  const asLatin1 = Buffer.from(bytes.subarray(lineStart, lineEnd)).toString("latin1");
  const byte = bytes[at].toString(16).toUpperCase().padStart(2, "0");
  return {
    row: null,
    line,
    column: WHOLE_FILE,
    value: asLatin1.length > 80 ? `${asLatin1.slice(0, 77)}...` : asLatin1,
    rule: `byte 0x${byte} (byte ${at + 1} of the file) is not valid UTF-8; the file seems to use another encoding (Latin-1 or Windows-1252?), shown here as Latin-1: ${save}`,
  };
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** UTF-16 without a byte-order mark: ASCII text with a NUL before or after every letter. */
function looksUtf16WithoutMark(bytes: Uint8Array): boolean {
  const m = Math.min(bytes.length, 200);
  if (m < 4) return false;
  let zeros = 0;
  for (let i = 0; i < m; i++) if (bytes[i] === 0) zeros++;
  return zeros >= m / 4;
}
