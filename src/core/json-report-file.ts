import * as fs from "fs";
import * as path from "path";

/**
 * The committed JSON reports the project regenerates (rule checks, trial and marginal
 * simulations): written as stable, indented JSON with a final newline, so the same report gives
 * the same bytes; read back as null when the file has not been generated.
 *
 * Example: writeJsonReport("data/x.json", { simulated: true }, 2); readJsonReport("data/x.json")
 */
export function writeJsonReport(file: string, report: unknown, indent: number): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, indent) + "\n");
  return file;
}

/** The parsed report, or null when `file` does not exist (the caller checks its shape). */
export function readJsonReport<T>(file: string): T | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}
