import { test } from "node:test";
import * as assert from "assert";
import { assertClose } from "../helpers/reference";
import { expectedPower, survivalSampleSize, schoenfeldPower } from "../../src/design/index";
import { assertInputError } from "../survival/fixture";

test("expectedPower inverts survivalSampleSize and is schoenfeldPower at N ψ events", () => {
  for (const [hr, allocation, alpha, power] of [[0.8, 0.5, 0.05, 0.8], [0.7, 2 / 3, 0.01, 0.9], [1.3, 0.4, 0.05, 0.85]]) {
    const ss = survivalSampleSize({ hazardRatio: hr, controlHazard: 0.05, accrualMonths: 30, followUpMonths: 12, allocation, alpha, power });
    const p = expectedPower({ patients: ss.patients, eventProbability: ss.eventProbability.overall, hazardRatio: hr, allocation, alpha });
    assert.ok(Math.abs(p - power) < 1e-6, `${hr}: ${p} vs ${power}`);
    const s = schoenfeldPower(ss.events, hr, { alpha, allocationRatio: allocation / (1 - allocation) }).power;
    assertClose(p, s, "Schoenfeld power", 1e-12);
  }
  const one = expectedPower({ patients: 500, eventProbability: 0.7, hazardRatio: 0.8, sided: 1 });
  const two = expectedPower({ patients: 500, eventProbability: 0.7, hazardRatio: 0.8 });
  assert.ok(one > two);
});

test("expectedPower: bad input", () => {
  const ok = { patients: 500, eventProbability: 0.7, hazardRatio: 0.8 };
  assertInputError(() => expectedPower({ ...ok, patients: 0 }), "patients");
  assertInputError(() => expectedPower({ ...ok, eventProbability: 1.2 }), "eventProbability");
  assertInputError(() => expectedPower({ ...ok, hazardRatio: 1 }), "hazardRatio");
  assertInputError(() => expectedPower({ ...ok, allocation: 0 }), "allocation");
});
