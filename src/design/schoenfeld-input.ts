/**
 * Shared checks and quantities of the Schoenfeld (1983) formulas: the
 * allocation ratio r = treated : control gives the fraction p = r / (1 + r)
 * randomised to treatment; the test is two-sided at level alpha (z_(1 - alpha/2))
 * unless `sided` is 1 (z_(1 - alpha)). Internal to src/design.
 */
import { InputError } from "../core/index";
import { normalQuantile } from "../distributions/index";

export interface SchoenfeldOptions {
  /** Type I error (default 0.05). */
  alpha?: number;
  /** 2 (default): two-sided test at alpha; 1: one-sided at alpha. */
  sided?: 1 | 2;
  /** Allocation ratio treated : control (default 1; rpact's allocationRatioPlanned). */
  allocationRatio?: number;
}

export interface SchoenfeldSettings {
  alpha: number;
  sided: 1 | 2;
  allocationRatio: number;
  /** Fraction allocated to treatment, r / (1 + r). */
  fraction: number;
  /** z_(1 - alpha / sided). */
  zAlpha: number;
}

export function schoenfeldSettings(options: SchoenfeldOptions): SchoenfeldSettings {
  const alpha = options.alpha === undefined ? 0.05 : options.alpha;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha < 1)) throw new InputError("alpha", null, alpha, "must be a probability strictly between 0 and 1");
  const sided = options.sided === undefined ? 2 : options.sided;
  if (sided !== 1 && sided !== 2) throw new InputError("sided", null, sided, "must be 1 or 2");
  const allocationRatio = options.allocationRatio === undefined ? 1 : options.allocationRatio;
  if (typeof allocationRatio !== "number" || !(allocationRatio > 0) || allocationRatio === Infinity) {
    throw new InputError("allocationRatio", null, allocationRatio, "must be a positive number (treated : control)");
  }
  const fraction = allocationRatio / (1 + allocationRatio);
  return { alpha, sided, allocationRatio, fraction, zAlpha: normalQuantile(1 - alpha / sided) };
}

export function checkHazardRatio(value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity || value === 1) {
    throw new InputError("hazardRatio", null, value, "must be a positive number other than 1");
  }
  return value;
}

export function checkPower(value: unknown): number {
  if (typeof value !== "number" || !(value > 0 && value < 1)) throw new InputError("power", null, value, "must be a probability strictly between 0 and 1");
  return value;
}

export function checkEvents(value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value === Infinity) throw new InputError("events", null, value, "must be a positive number of events");
  return value;
}
