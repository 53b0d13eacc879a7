import { test } from "node:test";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { repoRoot } from "../helpers/reference";

function listFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(prefix, e.name);
    return e.isDirectory() ? listFiles(path.join(dir, e.name), rel) : [rel];
  });
}

test("npm run data regenerates every data file byte-identical", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "generate-data-"));
  try {
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/cli/generate-data.ts"), "--out", out], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    assert.strictEqual(run.status, 0, run.stdout + run.stderr);
    const generated = listFiles(out).sort();
    assert.ok(generated.indexOf(path.join("clinical", "cohort.csv")) >= 0, generated.join(", "));
    for (const rel of generated) {
      const committed = path.join(repoRoot, "data", rel);
      assert.ok(fs.existsSync(committed), `data/${rel} is generated but not committed`);
      assert.ok(fs.readFileSync(path.join(out, rel)).equals(fs.readFileSync(committed)), `data/${rel} differs from what the generator writes`);
    }
    // the check mode agrees
    const check = spawnSync(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/cli/generate-data.ts"), "--check"], { cwd: repoRoot, encoding: "utf8" });
    assert.strictEqual(check.status, 0, check.stdout + check.stderr);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
