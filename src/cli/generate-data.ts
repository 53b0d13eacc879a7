/**
 * npm run data [-- --out DIR] [-- --check]
 *
 * Regenerates every simulated data file from its seeded generator, byte-identical
 * on every run: into data/ of the repository, or into DIR with --out. With --check
 * nothing is written; the command fails if any file on disk differs from what the
 * generators produce (a test runs the same comparison).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../core/repo-root";
import { clinicalFiles } from "../synth/clinical-cohort";
import { laboratoryFiles } from "../synth/laboratory/index";

/** Each generator returns its files as CSV text keyed by path relative to the data folder. */
export const GENERATORS: Array<{ name: string; files: () => Record<string, string> }> = [
  { name: "clinical cohort", files: () => clinicalFiles() },
  { name: "laboratory", files: () => laboratoryFiles() },
];

/** All generated files, keyed by path relative to the data folder. */
export function generatedFiles(): Record<string, string> {
  const all: Record<string, string> = {};
  for (const g of GENERATORS) {
    const files = g.files();
    for (const rel of Object.keys(files)) {
      if (rel in all) throw new Error(`${g.name} writes ${rel}, which another generator writes too`);
      all[rel] = files[rel];
    }
  }
  return all;
}

/** Writes every generated file under `outDir`; returns the absolute paths written. */
export function writeDataFiles(outDir: string): string[] {
  const files = generatedFiles();
  return Object.keys(files).map((rel) => {
    const file = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, files[rel]);
    return file;
  });
}

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

function main(argv: string[]): number {
  let outDir = path.join(repoRoot(), "data");
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") {
      const value = argv[++i];
      if (!value) throw new Error("--out needs a folder");
      outDir = path.resolve(value);
    } else if (argv[i] === "--check") {
      check = true;
    } else {
      throw new Error(`unknown argument ${argv[i]} (known: --out DIR, --check)`);
    }
  }
  const files = generatedFiles();
  if (check) {
    const differing = Object.keys(files).filter((rel) => {
      const file = path.join(outDir, rel);
      return !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== files[rel];
    });
    for (const rel of Object.keys(files)) console.log(`${differing.indexOf(rel) >= 0 ? "DIFFERS" : "ok     "} ${rel}`);
    return differing.length === 0 ? 0 : 1;
  }
  writeDataFiles(outDir);
  for (const rel of Object.keys(files)) {
    console.log(`${path.join(outDir, rel)}  ${Buffer.byteLength(files[rel], "utf8")} bytes  sha256 ${sha256(files[rel]).slice(0, 16)}`);
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
