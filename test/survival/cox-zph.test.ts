import { test } from "node:test";
import * as assert from "assert";
import { loadFixture } from "./fixture";
import { checkCoxCase, fitCase } from "./cox-fixture-case";
import { InputError } from "../../src/core/index";
import { proportionalHazardsTest } from "../../src/survival/cox-zph";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const fixture: Json = loadFixture("cox-zph");

for (const c of fixture.cases as Json[]) {
  test(`cox.zph transforms km, identity, rank, log match R: ${c.name}`, () => {
    checkCoxCase(c, { datasets: fixture.datasets });
  });
}

test("where R's cox.zph stops, proportionalHazardsTest throws an InputError saying why", () => {
  const zero = fitCase((fixture.cases as Json[]).find((k) => k.name === "an event at time 0"));
  assert.throws(() => proportionalHazardsTest(zero, { transform: "log" }), (e: unknown) => e instanceof InputError && e.argument === "transform" && /event times > 0/.test(e.message));
  const single = fitCase((fixture.cases as Json[]).find((k) => k.name === "a single event time"));
  for (const transform of ["km", "identity", "rank", "log"] as const) {
    assert.throws(
      () => proportionalHazardsTest(single, { transform }),
      (e: unknown) => e instanceof InputError && e.argument === "fit" && /singular/.test(e.message) && /constant over the event times/.test(e.message),
    );
  }
  assert.throws(() => proportionalHazardsTest(zero, { transform: "sqrt" as never }), (e: unknown) => e instanceof InputError && e.argument === "transform");
});
