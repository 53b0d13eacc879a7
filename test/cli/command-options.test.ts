import { test } from "node:test";
import assert from "node:assert/strict";
import { commandOptions } from "../../src/cli/command-options";

test("commandOptions reads given options and gives null for absent ones", () => {
  const o = commandOptions(["--cohorts", "20", "--out", "x.json"], ["--cohorts", "--bootstrap", "--out"]);
  assert.equal(o.count("--cohorts"), 20);
  assert.equal(o.count("--bootstrap"), null);
  assert.equal(o.text("--out"), "x.json");
});

test("commandOptions names an unknown option, a missing value and a count that is not a positive whole number", () => {
  assert.throws(() => commandOptions(["--cohort", "20"], ["--cohorts"]), /unknown option --cohort \(known: --cohorts\)/);
  assert.throws(() => commandOptions(["--cohorts"], ["--cohorts"]).count("--cohorts"), /--cohorts needs a value/);
  assert.throws(() => commandOptions(["--out", "--cohorts", "3"], ["--cohorts", "--out"]).text("--out"), /--out needs a value/);
  for (const bad of ["abc", "0", "-3", "2.5", "1e3", ""]) {
    assert.throws(() => commandOptions(["--cohorts", bad], ["--cohorts"]).count("--cohorts"), /must be a positive whole number/, bad);
  }
});
