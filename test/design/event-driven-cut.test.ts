import { test } from "node:test";
import * as assert from "assert";
import seedrandom from "seedrandom";
import { eventDrivenCut, simulateTrial, EVENT_DRIVEN_FOLLOW_UP_MONTHS } from "../../src/design/index";
import { summariseCuts } from "../../src/design/trial-simulations";
import { assertInputError } from "../survival/fixture";

// A tiny trial, by hand. Calendar time of each patient's end = entry + time:
//   A: entry 0, progression at 4  → calendar 4
//   B: entry 1, progression at 2  → calendar 3   (1st progression)
//   C: entry 2, death (2) at 1    → calendar 3   (competing, before the cut: kept as it is)
//   D: entry 3, lost (0) at 0.5   → calendar 3.5 (loss before the cut: kept)
//   E: entry 3.5, progression at 3 → calendar 6.5 (after the cut: censored at 4 − 3.5 = 0.5)
//   F: entry 5, progression at 0.1 → calendar 5.1 (enrolled after the cut: excluded)
//   G: entry 4, death at 1         → calendar 5   (enrolled exactly at the cut: no follow-up, excluded)
// The 2nd progression is A's, at calendar month 4: the cut.
const hand = {
  arm: ["control", "experimental", "control", "experimental", "control", "experimental", "control"],
  entry: [0, 1, 2, 3, 3.5, 5, 4],
  time: [4, 2, 1, 0.5, 3, 0.1, 1],
  status: [1, 1, 2, 0, 1, 1, 2],
};

test("eventDrivenCut on a hand-checked trial: the cut is the k-th progression's calendar time, patients enrolled after it are excluded, follow-up is censored at it", () => {
  const c = eventDrivenCut(hand, 2);
  assert.strictEqual(c.cutMonth, 4);
  assert.strictEqual(c.reached, true);
  assert.strictEqual(c.enrolled, 5);
  assert.deepStrictEqual(c.trial, {
    arm: ["control", "experimental", "control", "experimental", "control"],
    entry: [0, 1, 2, 3, 3.5],
    time: [4, 2, 1, 0.5, 0.5],
    status: [1, 1, 2, 0, 0],
  });
  // exactly k progressions in the cut trial
  assert.strictEqual(c.trial.status.filter((s) => s === 1).length, 2);
  // k = 1: the first progression (B, calendar 3); C's death at calendar 3 is at the cut and counts; A is censored at 4 → 3; D (entry 3) and later are excluded
  const c1 = eventDrivenCut(hand, 1);
  assert.strictEqual(c1.cutMonth, 3);
  assert.deepStrictEqual(c1.trial, { arm: ["control", "experimental", "control"], entry: [0, 1, 2], time: [3, 2, 1], status: [0, 1, 2] });
  // the cause can be another: the 2nd death (status 2) is G's at calendar 5
  assert.strictEqual(eventDrivenCut(hand, 2, 2).cutMonth, 5);
  // never reached: all 4 progressions seen, analysed at the last follow-up (calendar 6.5), nothing censored by the cut
  const never = eventDrivenCut(hand, 5);
  assert.strictEqual(never.reached, false);
  assert.strictEqual(never.cutMonth, 6.5);
  assert.deepStrictEqual(never.trial, hand);
  assertInputError(() => eventDrivenCut(hand, 0), "events");
  assertInputError(() => eventDrivenCut({ ...hand, entry: [0, 1] }, 2), "trial.entry");
});

test("eventDrivenCut on a seeded simulated trial: k events exactly, no follow-up beyond the cut, the excluded are those entering after it", () => {
  const rng = seedrandom("event-driven");
  const model = { causeHazard: 0.067, competingHazard: 0.011, deathHazard: 0.05, accrualMonths: 36, followUpMonths: EVENT_DRIVEN_FOLLOW_UP_MONTHS, rampMonths: 12, dropoutHazard: 0.0085 };
  const t = simulateTrial({ endpoint: "out-of-field", effect: 0.7, patients: 401 }, model, () => rng());
  const c = eventDrivenCut(t, 247);
  assert.strictEqual(c.trial.status.filter((s) => s === 1).length, 247);
  c.trial.time.forEach((x, i) => assert.ok(c.trial.entry[i] + x <= c.cutMonth + 1e-12));
  assert.strictEqual(c.enrolled, t.entry.filter((e) => e < c.cutMonth).length);
  assert.ok(c.cutMonth > 36 && c.cutMonth < 120, `${c.cutMonth}`);
  const s = summariseCuts([c, eventDrivenCut(t, 200)], 247);
  assert.strictEqual(s.reached, 2);
  assert.ok(s.analysisMonth.min < s.analysisMonth.max && s.analysisMonth.max === c.cutMonth);
});
