import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { detectableHazardRatio, schoenfeldEvents, schoenfeldPower } from "../../src/design/index";
import { loadFixture, assertInputError } from "../survival/fixture";

// test/fixtures/r/design-schoenfeld.R: rpact's Schoenfeld sample size / power and the closed forms.
const cases = loadFixture("design-schoenfeld");

test("schoenfeldEvents = rpact getSampleSizeSurvival(typeOfComputation = 'Schoenfeld')$maxNumberOfEvents", () => {
  for (const c of cases) {
    const options = { alpha: c.alpha, power: c.power, sided: c.sided, allocationRatio: c.allocation_ratio };
    const r = schoenfeldEvents(c.hazard_ratio, options);
    const label = JSON.stringify({ hr: c.hazard_ratio, ...options });
    assertClose(r.events, c.events_rpact, `${label} events`, 1e-9);
    assertClose(r.events, c.events_closed, `${label} closed form`, 1e-12);
    assert.strictEqual(r.eventsRounded, Math.ceil(c.events_closed), `${label} rounded`);
    // the same events for HR and 1/HR
    assertClose(schoenfeldEvents(1 / c.hazard_ratio, options).events, r.events, `${label} 1/HR`, 1e-12);
  }
});

test("schoenfeldPower = rpact getPowerSurvival(typeOfComputation = 'Schoenfeld')$overallReject (both tails when two-sided)", () => {
  for (const c of cases) {
    const options = { alpha: c.alpha, sided: c.sided, allocationRatio: c.allocation_ratio };
    const r = schoenfeldPower(c.power_events, c.hazard_ratio, options);
    assertClose(r.power, c.power_rpact, `power ${JSON.stringify(c)}`, 1e-9);
    assertClose(r.power, c.power_closed, `closed form ${JSON.stringify(c)}`, 1e-12);
  }
});

test("detectableHazardRatio inverts schoenfeldEvents, both directions", () => {
  for (const c of cases) {
    const options = { alpha: c.alpha, power: c.power, sided: c.sided, allocationRatio: c.allocation_ratio };
    const r = detectableHazardRatio(c.power_events, options);
    assertClose(r.harm, c.detectable_harm, "harm", 1e-12);
    assertClose(r.benefit, c.detectable_benefit, "benefit", 1e-12);
    assertClose(r.benefit * r.harm, 1, "reciprocal", 1e-12);
    assertClose(schoenfeldEvents(r.benefit, options).events, c.power_events, "round trip", 1e-9);
    assertClose(schoenfeldEvents(r.harm, options).events, c.power_events, "round trip", 1e-9);
  }
});

test("defaults and the doc examples", () => {
  const e = schoenfeldEvents(0.7);
  assert.deepStrictEqual([e.alpha, e.sided, e.power, e.allocationRatio, e.eventsRounded], [0.05, 2, 0.8, 1, 247]);
  assert.strictEqual(schoenfeldEvents(0.7, { power: 0.9, allocationRatio: 2 }).eventsRounded, 372);
  assertClose(schoenfeldPower(200, 0.7).power, 0.7129827266282099, "power", 1e-12);
  const d = detectableHazardRatio(100);
  assertClose(d.benefit, 0.5710279943629335, "benefit", 1e-12);
});

test("bad input", () => {
  assertInputError(() => schoenfeldEvents(1), "hazardRatio", null);
  assertInputError(() => schoenfeldEvents(0), "hazardRatio", null);
  assertInputError(() => schoenfeldEvents(-2), "hazardRatio", null);
  assertInputError(() => schoenfeldEvents(0.7, { alpha: 0 }), "alpha", null);
  assertInputError(() => schoenfeldEvents(0.7, { alpha: 1.2 }), "alpha", null);
  assertInputError(() => schoenfeldEvents(0.7, { power: 1 }), "power", null);
  assertInputError(() => schoenfeldEvents(0.7, { sided: 3 as 2 }), "sided", null);
  assertInputError(() => schoenfeldEvents(0.7, { allocationRatio: 0 }), "allocationRatio", null);
  assertInputError(() => schoenfeldPower(0, 0.7), "events", null);
  assertInputError(() => schoenfeldPower(NaN, 0.7), "events", null);
  assertInputError(() => detectableHazardRatio(-5), "events", null);
  assertInputError(() => detectableHazardRatio(50, { power: 0 }), "power", null);
});
