/**
 * Number of events a log-rank test / Cox model comparison of two groups needs
 * to detect a hazard ratio, by Schoenfeld's formula (Schoenfeld 1983):
 *
 *   d = (z_(1 - alpha/2) + z_power)^2 / (p (1 - p) (log HR)^2),   p = r / (1 + r)
 *
 * (two-sided; one-sided with z_(1 - alpha)), r the allocation ratio
 * treated : control. The result does not depend on the direction of the
 * effect (HR and 1/HR need the same events). This is rpact's
 * getSampleSizeSurvival(..., typeOfComputation = "Schoenfeld")$maxNumberOfEvents
 * for a fixed design. Subjects needed = events / P(event) (not computed here:
 * it needs accrual and follow-up assumptions).
 *
 * @example
 * schoenfeldEvents(0.7);                   // { events: 246.79, eventsRounded: 247, ... } (alpha 0.05, power 0.8)
 * schoenfeldEvents(0.7, { power: 0.9, allocationRatio: 2 }).eventsRounded; // 372
 */
import { normalQuantile } from "../distributions/index";
import { checkHazardRatio, checkPower, schoenfeldSettings } from "./schoenfeld-input";
import type { SchoenfeldOptions } from "./schoenfeld-input";

export interface SchoenfeldEventsOptions extends SchoenfeldOptions {
  /** Power, 1 - beta (default 0.8). */
  power?: number;
}

export interface SchoenfeldEventsResult {
  /** Events needed (not rounded). */
  events: number;
  /** Rounded up to a whole number of events. */
  eventsRounded: number;
  hazardRatio: number;
  alpha: number;
  sided: 1 | 2;
  power: number;
  allocationRatio: number;
}

export function schoenfeldEvents(hazardRatio: number, options: SchoenfeldEventsOptions = {}): SchoenfeldEventsResult {
  const hr = checkHazardRatio(hazardRatio);
  const s = schoenfeldSettings(options);
  const power = checkPower(options.power === undefined ? 0.8 : options.power);
  const z = s.zAlpha + normalQuantile(power);
  const logHr = Math.log(hr);
  const events = (z * z) / (s.fraction * (1 - s.fraction) * logHr * logHr);
  return {
    events,
    eventsRounded: Math.ceil(events - 1e-9 * events),
    hazardRatio: hr,
    alpha: s.alpha,
    sided: s.sided,
    power,
    allocationRatio: s.allocationRatio,
  };
}
