import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { jupyterVersions } from "../../src/environment/versions";

// jupyterVersions reads each package's version from its installed metadata instead of importing it
// (importing the five took about 0.5 s of CPU in notebook 00): the strings must be the ones the
// packages themselves report as __version__.
const PYTHON = "/usr/bin/python3";
test("jupyterVersions gives each Jupyter package's own __version__", { skip: !fs.existsSync(PYTHON) && "no /usr/bin/python3" }, () => {
  const imported = execFileSync(
    PYTHON,
    [
      "-c",
      [
        "import importlib",
        "for m in ['notebook', 'nbconvert', 'nbclient', 'nbformat', 'ipykernel']:",
        "    try: print(m, importlib.import_module(m).__version__)",
        "    except Exception: print(m, 'not installed')",
      ].join("\n"),
    ],
    { encoding: "utf8" },
  )
    .trim()
    .split("\n")
    .map((line) => {
      const [name, version] = line.split(" ");
      return { component: `python3 ${name}`, version, role: "Jupyter (Debian package)" };
    });
  assert.deepEqual(jupyterVersions(), imported);
});
