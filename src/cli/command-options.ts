/**
 * The `--name value` options of a command line: an option not in `known`, or one without its
 * value, is an error naming it, and a count that is not a positive whole number is refused
 * (never turned into NaN and carried on).
 *
 * Example: commandOptions(["--cohorts", "20"], ["--cohorts", "--out"]).count("--cohorts") === 20
 */
export interface CommandOptions {
  /** The option's text, or null when it is not given. */
  text(name: string): string | null;
  /** The option as a positive whole number, or null when it is not given. */
  count(name: string): number | null;
}

export function commandOptions(argv: readonly string[], known: readonly string[]): CommandOptions {
  for (const a of argv) {
    if (a.startsWith("--") && !known.includes(a)) throw new Error(`unknown option ${a} (known: ${known.join(", ")})`);
  }
  const text = (name: string): string | null => {
    const i = argv.indexOf(name);
    if (i < 0) return null;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
    return value;
  };
  const count = (name: string): number | null => {
    const value = text(name);
    if (value === null) return null;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${value}"`);
    return n;
  };
  return { text, count };
}
