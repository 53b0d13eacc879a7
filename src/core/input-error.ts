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
