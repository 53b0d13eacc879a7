import { ColumnSpec, MISSING_TOKENS } from "./schema";

/** Outcome of checking one cell: its typed value, or the rule it breaks. */
export type CellResult = { ok: true; value: string | number; missing: boolean } | { ok: false; rule: string };

// Plain decimal or scientific notation, dot as decimal separator; no thousands separators, hex, Infinity or NaN.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a number strictly: "12.5", "-3", "1e3" are numbers; "", "12,5", "abc",
 * " 12", "Inf" and anything that overflows ("1e999") are not (returns null).
 */
export function parseNumber(text: string): number | null {
  if (!NUMBER.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

/** True for a real calendar date written YYYY-MM-DD (Gregorian leap years). */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].indexOf(month) >= 0 ? 30 : 31;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, so no time-zone or DST shifts; years 0-99 are not moved to 1900-1999). */
export function isoDateToDays(text: string): number {
  const m = DATE.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(text)}`);
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.getTime() / 86400000;
}

/** The earliest year a date in a data file may have: earlier ones are typos (a two-digit year, "0050" for "2050" or "1950"). */
export const EARLIEST_YEAR = 1900;

/** Why a YYYY-MM-DD text is not a usable date (not a calendar date, or before EARLIEST_YEAR), or null when it is. */
export function dateProblem(text: string): string | null {
  if (!isIsoDate(text)) return DATE.test(text) ? "is not a real calendar date" : "must be a date written YYYY-MM-DD";
  const year = Number(text.slice(0, 4));
  if (year < EARLIEST_YEAR) return `year ${year} is before ${EARLIEST_YEAR}: not a plausible date (a typo, or a two-digit year?)`;
  return null;
}

/** YYYY-MM-DD of a day count since 1970-01-01 (inverse of isoDateToDays). */
export function daysToIsoDate(days: number): string {
  return new Date(Math.round(days) * 86400000).toISOString().slice(0, 10);
}

/** Checks one cell against its column spec and returns the typed value or the broken rule. */
export function checkCell(text: string, spec: ColumnSpec): CellResult {
  if (text !== text.trim()) {
    return { ok: false, rule: "has leading or trailing spaces" };
  }
  if (MISSING_TOKENS.indexOf(text) >= 0) {
    if (spec.allowMissing) return { ok: true, value: spec.type === "number" ? NaN : "", missing: true };
    return { ok: false, rule: "is missing (a value is required)" };
  }
  switch (spec.type) {
    case "string":
      if (spec.pattern && !spec.pattern.test(text)) return { ok: false, rule: `must match ${String(spec.pattern)}` };
      return { ok: true, value: text, missing: false };
    case "enum":
      if (spec.values.indexOf(text) < 0) {
        const caseHint = spec.values.find((v) => v.toLowerCase() === text.toLowerCase());
        const hint = caseHint !== undefined ? ` (values are case-sensitive: did you mean ${JSON.stringify(caseHint)}?)` : "";
        return { ok: false, rule: `must be one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}${hint}` };
      }
      return { ok: true, value: text, missing: false };
    case "number": {
      const v = parseNumber(text);
      if (v === null) {
        if (NUMBER.test(text)) return { ok: false, rule: "is too large to be a finite number" };
        if (/^[+-]?\d+,\d+$/.test(text)) return { ok: false, rule: "must be a number (use a dot as the decimal separator)" };
        return { ok: false, rule: "must be a number" };
      }
      if (spec.integer && !Number.isInteger(v)) return { ok: false, rule: "must be a whole number" };
      if (spec.min !== undefined && v < spec.min) return { ok: false, rule: `must be >= ${spec.min}${unit(spec.unit)}` };
      if (spec.max !== undefined && v > spec.max) return { ok: false, rule: `must be <= ${spec.max}${unit(spec.unit)}` };
      return { ok: true, value: v, missing: false };
    }
    case "date": {
      const problem = dateProblem(text);
      if (problem !== null) return { ok: false, rule: problem };
      if (spec.min !== undefined && text < spec.min) return { ok: false, rule: `must be on or after ${spec.min}` };
      if (spec.max !== undefined && text > spec.max) return { ok: false, rule: `must be on or before ${spec.max}` };
      return { ok: true, value: text, missing: false };
    }
  }
}

function unit(u: string | undefined): string {
  return u ? ` ${u}` : "";
}
