import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../core/repo-root";

export interface ComponentVersion {
  component: string;
  version: string;
  role: string;
}

/** npm packages this project runs on, with what each does here. */
const NPM_PACKAGES: Array<[string, string]> = [
  ["tslab", "Jupyter kernel for TypeScript"],
  ["@tslab/typescript-for-tslab", "TypeScript compiler bundled with tslab (compiles cells and src/)"],
  ["danfojs-node", "data frames: load, group and show tables"],
  ["plotly.js-dist-min", "all figures"],
  ["simple-statistics", "descriptive statistics"],
  ["jstat", "studentized range distribution (Tukey HSD)"],
  ["@stdlib/math-base-special-gammainc", "chi-square tail probabilities"],
  ["@stdlib/math-base-special-betainc", "t and F tail probabilities"],
  ["seedrandom", "seeded random numbers for the simulated data"],
];

function npmVersion(root: string, name: string): string {
  const file = path.join(root, "node_modules", ...name.split("/"), "package.json");
  return fs.existsSync(file) ? String(JSON.parse(fs.readFileSync(file, "utf8")).version) : "not installed";
}

/**
 * Versions of Debian's Jupyter packages, read from /usr/bin/python3 (null when Python or Jupyter is absent).
 * Each is read from the package's installed metadata (importlib.metadata: its dist-info, about 0.05 s),
 * not by importing it (about 0.5 s of CPU for the five); for these five packages the two give the same
 * string. A package without metadata falls back to importing it; one that is neither is "not installed".
 */
export function jupyterVersions(): ComponentVersion[] {
  const code = [
    "import importlib, importlib.metadata",
    "for m in ['notebook', 'nbconvert', 'nbclient', 'nbformat', 'ipykernel']:",
    "    try: print(m, importlib.metadata.version(m))",
    "    except Exception:",
    "        try: print(m, importlib.import_module(m).__version__)",
    "        except Exception: print(m, 'not installed')",
  ].join("\n");
  try {
    const out = execFileSync("/usr/bin/python3", ["-c", code], { encoding: "utf8" });
    return out
      .trim()
      .split("\n")
      .map((line) => {
        const [name, version] = line.split(" ");
        return { component: `python3 ${name}`, version, role: "Jupyter (Debian package)" };
      });
  } catch {
    return [{ component: "python3 Jupyter", version: "not found", role: "Jupyter (Debian package)" }];
  }
}

/** Everything a reader needs to rerun this environment: Node, npm packages, Jupyter. */
export function environmentVersions(): ComponentVersion[] {
  const root = repoRoot();
  const rows: ComponentVersion[] = [{ component: "Node.js", version: process.version, role: "runtime of the kernel and the scripts" }];
  for (const [name, role] of NPM_PACKAGES) rows.push({ component: name, version: npmVersion(root, name), role });
  return rows.concat(jupyterVersions());
}
