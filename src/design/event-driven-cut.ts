/**
 * An event-driven analysis of a simulated trial (SIMULATED data): the data cut is the calendar
 * date of the k-th event of the endpoint, not a fixed date. From a trial followed long enough
 * (every patient's calendar time of event or loss known, entry + time):
 *   cut = the k-th smallest calendar time entry_i + time_i among patients with status = `cause`;
 *   patients enrolled at or after the cut are excluded (no follow-up by then);
 *   every other patient's follow-up is censored at the cut: time = min(time, cut − entry), and
 *   an event (or a competing event) after the cut becomes censored (status 0).
 * The k-th event itself is at the cut and counts, so the cut trial has exactly k events of the
 * cause (ties at the cut aside). When the trial has fewer than k such events, the cut is the last
 * calendar time of follow-up (everything seen is analysed) and `reached` is false.
 *
 * The input must not have been censored administratively before the cut: simulate it with a
 * follow-up beyond any possible cut (runTrialSimulations uses EVENT_DRIVEN_FOLLOW_UP_MONTHS),
 * so its only censoring is loss to follow-up.
 *
 * @example
 * const t = { arm: ["control", "experimental", "control"], entry: [0, 1, 5], time: [4, 2, 1], status: [1, 1, 1] };
 * eventDrivenCut(t, 2); // cut at month 4 (calendar 3 and 4); the patient entering at 5 is excluded
 */
import { InputError } from "../core/index";
import type { SimulatedTrial } from "./simulate-trial";

/** Months of follow-up after the last entry with which event-driven trials are drawn before their cut: long enough that no cut is ever later. */
export const EVENT_DRIVEN_FOLLOW_UP_MONTHS = 1200;

export interface EventDrivenCut {
  /** The trial as analysed at the cut: enrolled before it, follow-up censored at it. */
  trial: SimulatedTrial;
  /** Calendar month of the data cut (months from the first patient's entry time origin, the trial's start). */
  cutMonth: number;
  /** False when the trial never had `events` events of the cause (analysed at its last follow-up). */
  reached: boolean;
  /** Patients enrolled before the cut (those analysed). */
  enrolled: number;
}

export function eventDrivenCut(trial: SimulatedTrial, events: number, cause = 1): EventDrivenCut {
  if (!Number.isInteger(events) || events < 1) throw new InputError("events", null, events, "must be a whole number of events, at least 1");
  const n = trial.time.length;
  for (const key of ["arm", "entry", "status"] as const) {
    if (!Array.isArray(trial[key]) || trial[key].length !== n) throw new InputError(`trial.${key}`, null, Array.isArray(trial[key]) ? trial[key].length : trial[key], `must have one value per patient (${n})`);
  }
  const calendar = trial.time.map((t, i) => trial.entry[i] + t);
  const eventTimes = calendar.filter((_, i) => trial.status[i] === cause).sort((a, b) => a - b);
  const reached = eventTimes.length >= events;
  const cut = reached ? eventTimes[events - 1] : Math.max(...calendar);
  const out: SimulatedTrial = { arm: [], time: [], status: [], entry: [] };
  for (let i = 0; i < n; i++) {
    if (!(trial.entry[i] < cut)) continue;
    const seen = calendar[i] <= cut;
    out.arm.push(trial.arm[i]);
    out.entry.push(trial.entry[i]);
    out.time.push(seen ? trial.time[i] : cut - trial.entry[i]);
    out.status.push(seen ? trial.status[i] : 0);
  }
  return { trial: out, cutMonth: cut, reached, enrolled: out.time.length };
}
