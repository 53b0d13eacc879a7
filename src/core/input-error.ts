import { ProjectError } from "./project-error";

/**
 * The error every analysis function throws for bad input. It names the argument,
 * the first offending index (when there is one) and the value found there, so a
 * user can go straight to the row in their data.
 *
 * @example
 * throw new InputError("time", 3, -1, "must be a non-negative number");
 * // InputError: time[3] = -1: must be a non-negative number
 */
export class InputError extends ProjectError {
  readonly argument: string;
  readonly index: number | null;
  readonly value: unknown;

  constructor(argument: string, index: number | null, value: unknown, rule: string) {
    const where = index === null ? argument : `${argument}[${index}]`;
    const shown = index === null ? "" : ` = ${formatValue(value)}`;
    super(`${where}${shown}: ${rule}`);
    this.name = "InputError";
    this.argument = argument;
    this.index = index;
    this.value = value;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return String(value);
}

/**
 * The error for a confidence level outside (0, 1), naming the value given and, for a percentage
 * (95 for 0.95, a slip easy to make in a notebook's parameters cell), the level it likely meant.
 *
 * @example
 * confLevelError(95).message; // "confLevel: must be a number strictly between 0 and 1, got 95 (a 95% level is 0.95)"
 */
export function confLevelError(value: unknown): InputError {
  const percent = typeof value === "number" && value > 1 && value < 100 ? ` (a ${value}% level is ${value / 100})` : "";
  return new InputError("confLevel", null, value, `must be a number strictly between 0 and 1, got ${formatValue(value)}${percent}`);
}
