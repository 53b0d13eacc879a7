/**
 * Every committed study notebook is valid nbformat. Jupyter Notebook checks a notebook against the
 * schema as it opens it and shows "Notebook validation failed" (with the schema's error) before the
 * notebook, at each opening, when it is not; nbclient and the project's runner write such a file on
 * as it is, so re-executing does not repair it. Notebook 03 had five markdown cells carrying
 * `execution_count` and `outputs`, fields only code cells may have.
 */
import { test } from "node:test";
import * as assert from "assert";
import * as path from "path";
import { spawnSync } from "child_process";
import { jupyterEnv, notebooksDir, SYSTEM_PYTHON } from "../../src/cli/jupyter";
import { STUDY_NOTEBOOKS } from "../../src/cli/study-notebooks";

const CHECK = [
  "import json, sys, nbformat",
  "from nbformat.validator import iter_validate",
  "out = {}",
  "for file in sys.argv[1:]:",
  "    nb = nbformat.read(file, as_version=4)",
  "    problems = [e.message[:200] for e in iter_validate(nb)]",
  "    with open(file, encoding='utf-8') as f:",
  "        raw = json.load(f)",
  "    problems += ['cell %d (%s, %s) has %s' % (i, c.get('id'), c['cell_type'], k) for i, c in enumerate(raw['cells']) if c['cell_type'] != 'code' for k in ('outputs', 'execution_count') if k in c]",
  "    out[file.rsplit('/', 1)[-1]] = problems",
  "print(json.dumps(out))",
].join("\n");

test("every study notebook is valid nbformat (no 'Notebook validation failed' when Jupyter opens it)", () => {
  const files = STUDY_NOTEBOOKS.map((n) => path.join(notebooksDir, `${n.name}.ipynb`));
  const run = spawnSync(SYSTEM_PYTHON, ["-c", CHECK, ...files], { env: jupyterEnv(), encoding: "utf8" });
  assert.strictEqual(run.status, 0, run.stderr);
  const problems = JSON.parse(run.stdout) as Record<string, string[]>;
  assert.strictEqual(Object.keys(problems).length, files.length);
  for (const [file, list] of Object.entries(problems)) assert.deepStrictEqual(list, [], `${file} is not valid nbformat:\n${list.join("\n")}`);
});
